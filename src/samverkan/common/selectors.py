"""Reads shared by every app."""

from __future__ import annotations

from django.db import models
from django.db.models import QuerySet

from samverkan.common.models import AuditLogEntry


def audit_log_list(
    *,
    action: str = "",
    target: models.Model | None = None,
    actor_query: str = "",
) -> QuerySet[AuditLogEntry]:
    entries = AuditLogEntry.objects.select_related("actor")
    if action:
        entries = entries.filter(action__startswith=action)
    if target is not None:
        entries = entries.filter(target_type=target._meta.label_lower, target_id=str(target.pk))
    if actor_query:
        entries = entries.filter(actor_label__icontains=actor_query)
    return entries
