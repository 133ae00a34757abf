"""Export and erasure of a person's data across every app (GDPR articles 15, 17 and 20)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from samverkan.common.services import audit_log_record
from samverkan.privacy.models import DataRequest, DataRequestKind
from samverkan.privacy.registry import personal_data_providers

EXPORT_FORMAT_VERSION = 1


def personal_data_export(*, user) -> dict[str, Any]:
    """Everything samverkan holds about `user`, grouped by app, as JSON-ready data."""
    data: dict[str, Any] = {
        "format_version": EXPORT_FORMAT_VERSION,
        "exported_at": timezone.now().isoformat(),
    }
    for provider in personal_data_providers():
        exported = provider.export(user=user)
        if exported:
            data[provider.app_label] = exported
    DataRequest.objects.create(
        kind=DataRequestKind.EXPORT,
        user=user,
        completed_at=timezone.now(),
        rows_affected={key: len(value) for key, value in data.items() if isinstance(value, dict)},
    )
    audit_log_record(actor=user, action="privacy.export", target=user)
    return data


@transaction.atomic
def personal_data_erase(*, user, actor) -> DataRequest:
    """Anonymise or remove `user`'s personal data everywhere; statistics survive.

    Runs in one transaction: either every app has erased its part, or nothing changed.
    The user account itself is erased last (by the accounts provider).
    """
    request = DataRequest.objects.create(kind=DataRequestKind.ERASURE, user=user)
    audit_log_record(
        actor=actor if actor != user else None,
        action="privacy.erasure",
        target=request,
        data={"requested_by_subject": actor == user},
    )
    providers = sorted(personal_data_providers(), key=lambda p: p.app_label == "accounts")
    counts = {provider.app_label: provider.erase(user=user) for provider in providers}
    request.completed_at = timezone.now()
    request.rows_affected = counts
    request.save(update_fields=["completed_at", "rows_affected"])
    return request
