"""Inviting host organisations and recording their answers with available times."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.common.services import audit_log_record
from samverkan.visits.models import (
    CLOSED_STATUSES,
    HostAvailability,
    HostInvitation,
    HostStatus,
    VisitRequest,
    VisitStatus,
)
from samverkan.visits.services import emails

PLANNABLE = {VisitStatus.IN_REVIEW, VisitStatus.ACCEPTED, VisitStatus.PLANNING}


def host_invite(
    *, actor, visit: VisitRequest, organisation, reasons: list[str] | None = None, message: str = ""
) -> HostInvitation:
    if visit.status not in PLANNABLE:
        raise ValidationError(_("Hosts can be invited while a request is reviewed or planned."))
    try:
        with transaction.atomic():
            host = HostInvitation.objects.create(
                request=visit,
                organisation=organisation,
                reasons=list(reasons or []),
                message=message.strip(),
                invited_by=actor,
            )
            audit_log_record(
                actor=actor,
                action="visits.host.invite",
                target=visit,
                data={"organisation": organisation.slug},
            )
    except IntegrityError as exc:
        raise ValidationError(
            {"organisation": _("%(name)s is already invited.") % {"name": organisation.name}}
        ) from exc
    emails.send_host_invitation(host=host)
    return host


@transaction.atomic
def host_respond(
    *,
    actor,
    host: HostInvitation,
    accept: bool,
    windows: list[tuple[datetime, datetime]] | None = None,
    note: str = "",
) -> HostInvitation:
    """Accept with one or more available time windows, or decline."""
    if host.request.status in CLOSED_STATUSES:
        raise ValidationError(_("This visit is closed."))
    windows = list(windows or [])
    if accept and not windows:
        raise ValidationError({"windows": _("Give at least one time when you can receive them.")})
    for start, end in windows:
        if timezone.is_naive(start) or timezone.is_naive(end):
            raise ValidationError({"windows": _("Times need a time zone.")})
        if end <= start:
            raise ValidationError({"windows": _("Each time must end after it starts.")})
    host.status = HostStatus.ACCEPTED if accept else HostStatus.DECLINED
    host.response_note = note.strip()
    host.responded_at = timezone.now()
    host.save(update_fields=["status", "response_note", "responded_at", "updated_at"])
    host.windows.all().delete()
    if accept:
        HostAvailability.objects.bulk_create(
            HostAvailability(host=host, start=start, end=end) for start, end in windows
        )
    audit_log_record(
        actor=actor,
        action="visits.host.accept" if accept else "visits.host.decline",
        target=host.request,
        data={"organisation": host.organisation.slug, "windows": len(windows)},
    )
    return host


def host_remove(*, actor, host: HostInvitation) -> None:
    visit = host.request
    slug = host.organisation.slug
    host.delete()
    audit_log_record(
        actor=actor, action="visits.host.remove", target=visit, data={"organisation": slug}
    )
