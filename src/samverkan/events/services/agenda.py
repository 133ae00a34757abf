"""Hand placement and locking of meetings, and publishing the agendas."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.common.services import audit_log_record
from samverkan.events.models import (
    Event,
    EventStatus,
    Meeting,
    MeetingStatus,
    Participant,
    Slot,
    Table,
)
from samverkan.events.services.mail import notify_on_commit
from samverkan.events.services.scheduling_adapter import _notify_changes


@transaction.atomic
def meeting_fix(*, actor, meeting: Meeting, slot: Slot, table: Table) -> Meeting:
    """Place a meeting by hand and lock it so the scheduler keeps it there."""
    event = meeting.event
    if meeting.status != MeetingStatus.CONFIRMED:
        raise ValidationError(_("Only confirmed meetings can be placed."))
    if slot.event_id != event.pk or table.event_id != event.pk:
        raise ValidationError(_("Choose a slot and a table of this event."))
    others = Meeting.objects.filter(event=event, status=MeetingStatus.CONFIRMED, slot=slot).exclude(
        pk=meeting.pk
    )
    if others.filter(table=table).exists():
        raise ValidationError(_("Another meeting is already at this table in this slot."))
    parties = [meeting.participant_a_id, meeting.participant_b_id]
    if others.filter(Q(participant_a__in=parties) | Q(participant_b__in=parties)).exists():
        raise ValidationError(_("One of the participants already has a meeting in this slot."))
    if Participant.unavailable_slots.through.objects.filter(
        participant_id__in=parties, slot=slot
    ).exists():
        raise ValidationError(_("One of the participants is not available in this slot."))
    before = {meeting.pk: (meeting.slot_id, meeting.table_id)}
    meeting.slot, meeting.table, meeting.is_locked = slot, table, True
    meeting.unscheduled_reason = ""
    meeting.save(update_fields=["slot", "table", "is_locked", "unscheduled_reason", "updated_at"])
    audit_log_record(
        actor=actor, action="events.meeting_fix", target=meeting, data={"slot": slot.pk}
    )
    if event.published_at is not None and before[meeting.pk] != (slot.pk, table.pk):
        _notify_changes(event, [meeting], before)
    return meeting


def meeting_set_locked(*, actor, meeting: Meeting, locked: bool) -> Meeting:
    if locked and meeting.slot_id is None:
        raise ValidationError(_("Only a scheduled meeting can be locked."))
    meeting.is_locked = locked
    meeting.save(update_fields=["is_locked", "updated_at"])
    audit_log_record(
        actor=actor, action="events.meeting_lock", target=meeting, data={"locked": locked}
    )
    return meeting


@transaction.atomic
def event_publish(*, actor, event: Event, now: datetime | None = None) -> Event:
    """Publish the agendas: every participant with meetings gets an e-mail with the link."""
    if not Meeting.objects.filter(
        event=event, status=MeetingStatus.CONFIRMED, slot__isnull=False
    ).exists():
        raise ValidationError(_("Run the scheduler before publishing: no meeting has a slot."))
    event.published_at = now or timezone.now()
    event.status = EventStatus.PUBLISHED
    event.save(update_fields=["published_at", "status", "updated_at"])
    audit_log_record(actor=actor, action="events.event_publish", target=event)
    ids = set(
        Meeting.objects.filter(event=event, status=MeetingStatus.CONFIRMED).values_list(
            "participant_a_id", "participant_b_id"
        )
    )
    pids = {pid for pair in ids for pid in pair}
    for participant in Participant.objects.filter(pk__in=pids).select_related("user"):
        notify_on_commit(
            user=participant.user,
            template="agenda_published",
            context={"event": event, "participant": participant},
        )
    return event
