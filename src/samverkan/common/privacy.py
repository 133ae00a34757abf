"""Personal data in the audit log: who did what. Erasure keeps the facts, drops the person."""

from __future__ import annotations

import json
from typing import Any

from django.db.models import Q, TextField
from django.db.models.functions import Cast

from samverkan.common.models import AuditLogEntry


def export_personal_data(*, user) -> dict[str, Any]:
    entries = AuditLogEntry.objects.filter(actor=user).order_by("created_at")
    return {
        "actions": [
            {"time": e.created_at, "action": e.action, "target": e.target_label} for e in entries
        ]
    }


def erase_personal_data(*, user) -> int:
    label = f"erased user #{user.pk}"
    identifiers = [value for value in {user.email, user.full_name, str(user)} if value]
    rows = AuditLogEntry.objects.filter(actor=user).update(actor_label=label)
    rows += AuditLogEntry.objects.filter(
        target_type="accounts.user", target_id=str(user.pk)
    ).update(target_label=label)
    mentions = Q()
    for identifier in identifiers:
        mentions |= Q(data_text__icontains=identifier)
    entries = AuditLogEntry.objects.annotate(data_text=Cast("data", TextField())).filter(mentions)
    for entry in entries:
        text = json.dumps(entry.data, ensure_ascii=False)
        for identifier in identifiers:
            text = text.replace(json.dumps(identifier, ensure_ascii=False)[1:-1], label)
        entry.data = json.loads(text)
        entry.save(update_fields=["data"])
        rows += 1
    return rows
