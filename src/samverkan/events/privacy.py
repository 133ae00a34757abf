"""Personal data in events: registrations, meeting requests, meetings, feedback, follow-ups.

Export lists everything tied to the user's participations. Erasure keeps the rows that feed
the statistics and the programmes' indicators (registration counts, requests and their
answers, meetings, feedback ratings, opportunities and contracts) but removes what the person
wrote or what identifies them: meeting profiles, availability, request messages, feedback and
follow-up comments, and the secret calendar-feed token. Registrations for events that have not
ended are cancelled (their meetings too, and the other parties are told). One transaction.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from samverkan.common.services import audit_log_record
from samverkan.events.models import (
    FollowUp,
    Meeting,
    MeetingFeedback,
    MeetingRequest,
    Participant,
    ParticipantStatus,
    new_token,
)


def _iso(value):
    return value.isoformat() if value is not None else None


def _participants(user):
    return Participant.objects.filter(user=user).select_related("event", "organisation")


def export_personal_data(*, user) -> dict[str, Any]:
    participants = list(_participants(user).order_by("event__start_date", "pk"))
    ids = [p.pk for p in participants]
    requests = (
        MeetingRequest.objects.filter(Q(sender_id__in=ids) | Q(recipient_id__in=ids))
        .select_related("event", "sender__organisation", "recipient__organisation")
        .order_by("created_at", "pk")
    )
    meetings = (
        Meeting.objects.filter(Q(participant_a_id__in=ids) | Q(participant_b_id__in=ids))
        .select_related(
            "event", "slot", "table", "participant_a__organisation", "participant_b__organisation"
        )
        .order_by("event_id", "slot__starts_at", "pk")
    )
    return {
        "event_registrations": [
            {
                "event": p.event.name,
                "organisation": p.organisation.name,
                "status": p.status,
                "we_offer": p.offer,
                "we_look_for": p.need,
                "unavailable_slots": [_iso(s.starts_at) for s in p.unavailable_slots.all()],
                "checked_in_at": _iso(p.checked_in_at),
                "no_show": p.no_show,
                "registered_at": _iso(p.created_at),
            }
            for p in participants
        ],
        "event_meeting_requests": [
            {
                "event": r.event.name,
                "direction": "sent" if r.sender_id in ids else "received",
                "from": r.sender.organisation.name,
                "to": r.recipient.organisation.name,
                "message": r.message,
                "status": r.status,
                "sent_at": _iso(r.created_at),
                "answered_at": _iso(r.responded_at),
            }
            for r in requests
        ],
        "event_meetings": [
            {
                "event": m.event.name,
                "with": (
                    m.participant_b if m.participant_a_id in ids else m.participant_a
                ).organisation.name,
                "status": m.status,
                "starts_at": _iso(m.slot.starts_at) if m.slot else None,
                "table": str(m.table) if m.table else None,
            }
            for m in meetings
        ],
        "event_feedback": [
            {
                "meeting": f.meeting_id,
                "held": f.held,
                "rating": f.rating,
                "follow_up_interest": f.follow_up_interest,
                "would_continue": f.would_continue,
                "opportunity": f.opportunity,
                "opportunity_country": f.opportunity_country,
                "opportunity_value": str(f.opportunity_value)
                if f.opportunity_value is not None
                else None,
                "opportunity_currency": f.opportunity_currency,
                "comment": f.comment,
                "given_at": _iso(f.created_at),
            }
            for f in MeetingFeedback.objects.filter(participant_id__in=ids).order_by("pk")
        ],
        "event_followups": [
            {
                "meeting": f.meeting_id,
                "contract": f.contract,
                "contract_country": f.contract_country,
                "contract_value": str(f.contract_value) if f.contract_value is not None else None,
                "contract_currency": f.contract_currency,
                "comment": f.comment,
                "answered_at": _iso(f.answered_at),
            }
            for f in FollowUp.objects.filter(participant_id__in=ids).order_by("pk")
        ],
    }


@transaction.atomic
def erase_personal_data(*, user) -> int:
    """Anonymise the user's event data; returns the number of rows changed."""
    from samverkan.events.services.registration import participant_cancel

    today = timezone.localdate()
    participants = list(_participants(user).select_for_update(of=("self",)))
    ids = [p.pk for p in participants]
    rows = 0
    for participant in participants:
        if participant.status == ParticipantStatus.REGISTERED and participant.event.end_date >= (
            today
        ):
            participant_cancel(actor=user, participant=participant)
        participant.offer = ""
        participant.need = ""
        participant.ical_token = new_token()  # the old calendar feed URL stops working
        participant.save(update_fields=["offer", "need", "ical_token", "updated_at"])
        participant.unavailable_slots.clear()
        audit_log_record(actor=None, action="events.participant_erase", target=participant)
        rows += 1
    rows += MeetingRequest.objects.filter(sender_id__in=ids).exclude(message="").update(message="")
    rows += (
        MeetingFeedback.objects.filter(participant_id__in=ids)
        .exclude(comment="")
        .update(comment="")
    )
    rows += FollowUp.objects.filter(participant_id__in=ids).exclude(comment="").update(comment="")
    return rows
