"""Meeting requests (send, accept, decline, withdraw, expire) and meetings.

A pending request never blocks a slot: only confirmed meetings go to the scheduler.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.common.services import audit_log_record
from samverkan.events.models import (
    Event,
    Meeting,
    MeetingRequest,
    MeetingStatus,
    Participant,
    RequestStatus,
)
from samverkan.events.services.mail import notify_on_commit

OPEN_REQUEST = [RequestStatus.PENDING, RequestStatus.ACCEPTED]


def _pair(a: Participant, b: Participant) -> Q:
    return Q(sender=a, recipient=b) | Q(sender=b, recipient=a)


def _meeting_pair(a: Participant, b: Participant) -> Q:
    return Q(participant_a=a, participant_b=b) | Q(participant_a=b, participant_b=a)


def _check_parties(event: Event, a: Participant, b: Participant) -> None:
    if a.event_id != event.pk or b.event_id != event.pk:
        raise ValidationError(_("Both participants must be registered for this event."))
    if a.pk == b.pk:
        raise ValidationError(_("You cannot request a meeting with yourself."))
    if a.organisation_id == b.organisation_id:
        raise ValidationError(_("Members of the same organisation do not need a meeting."))
    if not (a.is_active and b.is_active):
        raise ValidationError(_("Both participants must be registered and present."))
    if Meeting.objects.filter(_meeting_pair(a, b), status=MeetingStatus.CONFIRMED).exists():
        raise ValidationError(_("These participants already have a meeting."))


def meeting_requests_expire(*, now: datetime | None = None, event: Event | None = None) -> int:
    """Mark pending requests past their expiry as expired. Run periodically and on read."""
    now = now or timezone.now()
    due = MeetingRequest.objects.filter(status=RequestStatus.PENDING, expires_at__lte=now)
    if event is not None:
        due = due.filter(event=event)
    return due.update(status=RequestStatus.EXPIRED, responded_at=now)


@transaction.atomic
def meeting_request_send(
    *,
    actor,
    sender: Participant,
    recipient: Participant,
    message: str = "",
    now: datetime | None = None,
) -> MeetingRequest:
    now = now or timezone.now()
    event = sender.event
    meeting_requests_expire(now=now, event=event)
    _check_parties(event, sender, recipient)
    if MeetingRequest.objects.filter(
        _pair(sender, recipient), status=RequestStatus.PENDING
    ).exists():
        raise ValidationError(_("A request between you is already waiting for an answer."))
    if event.request_quota:
        sent = MeetingRequest.objects.filter(sender=sender, status__in=OPEN_REQUEST).count()
        if sent >= event.request_quota:
            raise ValidationError(
                _("You have used your quota of %(quota)s meeting requests for this event.")
                % {"quota": event.request_quota}
            )
    expires_at = None
    if event.request_expiry_minutes:
        expires_at = now + timedelta(minutes=event.request_expiry_minutes)
    meeting_request = MeetingRequest.objects.create(
        event=event,
        sender=sender,
        recipient=recipient,
        message=message.strip(),
        expires_at=expires_at,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_log_record(actor=actor, action="events.request_send", target=meeting_request)
    if event.auto_accept:
        return meeting_request_accept(actor=actor, meeting_request=meeting_request, now=now)
    notify_on_commit(
        user=recipient.user,
        template="request_received",
        context={"event": event, "meeting_request": meeting_request},
    )
    return meeting_request


def _ensure_pending(meeting_request: MeetingRequest, now: datetime) -> None:
    expired = meeting_request.expires_at is not None and meeting_request.expires_at <= now
    if meeting_request.status in {RequestStatus.PENDING, RequestStatus.EXPIRED} and expired:
        raise ValidationError(_("This request has expired."))
    if meeting_request.status != RequestStatus.PENDING:
        raise ValidationError(
            _("This request is already %(status)s.")
            % {"status": meeting_request.get_status_display().lower()}
        )


def meeting_request_accept(
    *, actor, meeting_request: MeetingRequest, now: datetime | None = None
) -> MeetingRequest:
    """Accept (the recipient, or an operator on their behalf): creates the meeting."""
    now = now or timezone.now()
    # Expire first, outside the transaction, so a refused late answer still records it.
    meeting_requests_expire(now=now, event=meeting_request.event)
    return _accept(actor=actor, meeting_request=meeting_request, now=now)


@transaction.atomic
def _accept(*, actor, meeting_request: MeetingRequest, now: datetime) -> MeetingRequest:
    meeting_request = MeetingRequest.objects.select_for_update().get(pk=meeting_request.pk)
    _ensure_pending(meeting_request, now)
    event = meeting_request.event
    _check_parties(event, meeting_request.sender, meeting_request.recipient)
    meeting_request.status = RequestStatus.ACCEPTED
    meeting_request.responded_at = now
    meeting_request.save(update_fields=["status", "responded_at", "updated_at"])
    meeting = Meeting.objects.create(
        event=event,
        participant_a=meeting_request.sender,
        participant_b=meeting_request.recipient,
        request=meeting_request,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_log_record(actor=actor, action="events.request_accept", target=meeting_request)
    if not event.auto_accept:
        notify_on_commit(
            user=meeting_request.sender.user,
            template="request_accepted",
            context={"event": event, "meeting_request": meeting_request},
        )
    _after_new_meeting(actor=actor, meeting=meeting)
    return meeting_request


def meeting_request_decline(
    *, actor, meeting_request: MeetingRequest, now: datetime | None = None
) -> MeetingRequest:
    now = now or timezone.now()
    meeting_requests_expire(now=now, event=meeting_request.event)
    with transaction.atomic():
        meeting_request = MeetingRequest.objects.select_for_update().get(pk=meeting_request.pk)
        _ensure_pending(meeting_request, now)
        meeting_request.status = RequestStatus.DECLINED
        meeting_request.responded_at = now
        meeting_request.save(update_fields=["status", "responded_at", "updated_at"])
        audit_log_record(actor=actor, action="events.request_decline", target=meeting_request)
        notify_on_commit(
            user=meeting_request.sender.user,
            template="request_declined",
            context={"event": meeting_request.event, "meeting_request": meeting_request},
        )
    return meeting_request


@transaction.atomic
def meeting_request_withdraw(*, actor, meeting_request: MeetingRequest) -> MeetingRequest:
    _ensure_pending(meeting_request, timezone.now())
    meeting_request.status = RequestStatus.CANCELLED
    meeting_request.responded_at = timezone.now()
    meeting_request.save(update_fields=["status", "responded_at", "updated_at"])
    audit_log_record(actor=actor, action="events.request_withdraw", target=meeting_request)
    return meeting_request


@transaction.atomic
def meeting_create(*, actor, event: Event, participant_a: Participant, participant_b: Participant):
    """An operator books a meeting on behalf of two participants (no request needed)."""
    _check_parties(event, participant_a, participant_b)
    meeting = Meeting.objects.create(
        event=event, participant_a=participant_a, participant_b=participant_b, created_by=actor
    )
    audit_log_record(actor=actor, action="events.meeting_create", target=meeting)
    for participant in (participant_a, participant_b):
        notify_on_commit(
            user=participant.user,
            template="meeting_booked",
            context={"event": event, "meeting": meeting, "other": meeting.other(participant)},
        )
    _after_new_meeting(actor=actor, meeting=meeting)
    return meeting


def _after_new_meeting(*, actor, meeting: Meeting) -> None:
    """After publication a new meeting is fitted in with minimal moves."""
    if meeting.event.published_at is not None:
        from samverkan.events.services.scheduling import schedule_run_start

        schedule_run_start(actor=actor, event=meeting.event, reschedule=True, reason="new meeting")


@transaction.atomic
def meeting_cancel(*, actor, meeting: Meeting, reason: str = "", reschedule: bool = True):
    """Cancel a meeting; both parties are told (except the one who cancelled)."""
    if meeting.status == MeetingStatus.CANCELLED:
        return meeting
    old_slot = meeting.slot
    meeting.status = MeetingStatus.CANCELLED
    meeting.slot = None
    meeting.table = None
    meeting.is_locked = False
    meeting.save(update_fields=["status", "slot", "table", "is_locked", "updated_at"])
    audit_log_record(
        actor=actor, action="events.meeting_cancel", target=meeting, data={"reason": reason}
    )
    event = meeting.event
    for participant in (meeting.participant_a, meeting.participant_b):
        if getattr(actor, "pk", None) == participant.user_id:
            continue
        notify_on_commit(
            user=participant.user,
            template="meeting_cancelled",
            context={
                "event": event,
                "meeting": meeting,
                "other": meeting.other(participant),
                "slot": old_slot,
            },
        )
    if reschedule and event.published_at is not None:
        from samverkan.events.services.scheduling import schedule_run_start

        schedule_run_start(actor=actor, event=event, reschedule=True, reason="cancellation")
    return meeting
