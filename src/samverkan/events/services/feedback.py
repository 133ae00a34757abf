"""Meeting feedback after the event, reminders, and the follow-up survey months later."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.common.services import audit_log_record
from samverkan.events.models import (
    Event,
    FollowUp,
    Meeting,
    MeetingFeedback,
    MeetingStatus,
    Participant,
)
from samverkan.events.services.mail import notify


def _check_money(country: str, value: Decimal | None, currency: str, field: str) -> dict:
    errors = {}
    if value is not None:
        if value < 0:
            errors[f"{field}_value"] = _("The value cannot be negative.")
        if not currency or len(currency) != 3 or not currency.isalpha():
            errors[f"{field}_currency"] = _("Give the currency as a three-letter code, e.g. EUR.")
    if country and (len(country) != 2 or not country.isalpha()):
        errors[f"{field}_country"] = _("Give the country as a two-letter ISO code, e.g. FI.")
    return errors


def _party(meeting: Meeting, participant: Participant) -> None:
    if participant.pk not in {meeting.participant_a_id, meeting.participant_b_id}:
        raise ValidationError(_("You can only give feedback on your own meetings."))
    if meeting.status != MeetingStatus.CONFIRMED or meeting.slot_id is None:
        raise ValidationError(_("Feedback is possible only for scheduled meetings."))


@transaction.atomic
def feedback_submit(
    *,
    actor,
    meeting: Meeting,
    participant: Participant,
    held: bool,
    rating: int | None = None,
    follow_up_interest: bool = False,
    would_continue: bool | None = None,
    opportunity: bool = False,
    opportunity_country: str = "",
    opportunity_value: Decimal | None = None,
    opportunity_currency: str = "",
    comment: str = "",
) -> MeetingFeedback:
    """Record (or update) one participant's feedback on one meeting."""
    _party(meeting, participant)
    opportunity_country = opportunity_country.strip().upper()
    opportunity_currency = opportunity_currency.strip().upper()
    errors = _check_money(
        opportunity_country, opportunity_value, opportunity_currency, "opportunity"
    )
    if rating is not None and not 1 <= rating <= 5:
        errors["rating"] = _("Rate from 1 to 5.")
    if not held and rating is not None:
        errors["rating"] = _("Rate only meetings that took place.")
    if not opportunity and (opportunity_value is not None or opportunity_country):
        errors["opportunity"] = _("Tick 'business opportunity' to give its country and value.")
    if errors:
        raise ValidationError(errors)
    feedback, _created = MeetingFeedback.objects.update_or_create(
        meeting=meeting,
        participant=participant,
        defaults={
            "held": held,
            "rating": rating,
            "follow_up_interest": follow_up_interest,
            "would_continue": would_continue,
            "opportunity": opportunity,
            "opportunity_country": opportunity_country,
            "opportunity_value": opportunity_value,
            "opportunity_currency": opportunity_currency if opportunity_value is not None else "",
            "comment": comment.strip(),
        },
    )
    audit_log_record(actor=actor, action="events.feedback_submit", target=feedback)
    return feedback


def feedback_reminders_send(*, actor, event: Event) -> int:
    """E-mail every participant who has scheduled meetings without their feedback yet."""
    meetings = Meeting.objects.filter(
        event=event, status=MeetingStatus.CONFIRMED, slot__isnull=False
    ).prefetch_related("feedback")
    missing: dict[int, int] = {}
    for meeting in meetings:
        given = {f.participant_id for f in meeting.feedback.all()}
        for pid in (meeting.participant_a_id, meeting.participant_b_id):
            if pid not in given:
                missing[pid] = missing.get(pid, 0) + 1
    participants = Participant.objects.filter(pk__in=missing).select_related("user")
    for participant in participants:
        notify(
            user=participant.user,
            template="feedback_reminder",
            context={"event": event, "participant": participant, "count": missing[participant.pk]},
        )
    audit_log_record(
        actor=actor, action="events.feedback_remind", target=event, data={"sent": len(missing)}
    )
    return len(missing)


def followups_send(*, now: datetime | None = None) -> int:
    """Create and e-mail the follow-up survey for held meetings of events that ended
    `followup_months` ago. Idempotent: each participant is asked once per meeting."""
    now = now or timezone.now()
    sent = 0
    for event in Event.objects.filter(end_date__lte=now.date()):
        if event.end_date + relativedelta(months=event.followup_months) > now.date():
            continue
        held = MeetingFeedback.objects.filter(meeting__event=event, held=True).select_related(
            "meeting", "participant__user"
        )
        meetings = {f.meeting for f in held}
        for meeting in meetings:
            for participant in (meeting.participant_a, meeting.participant_b):
                followup, created = FollowUp.objects.get_or_create(
                    meeting=meeting, participant=participant, defaults={"sent_at": now}
                )
                if created:
                    sent += 1
                    notify(
                        user=participant.user,
                        template="followup",
                        context={"event": event, "meeting": meeting, "followup": followup,
                                 "other": meeting.other(participant)},
                    )  # fmt: skip
    return sent


@transaction.atomic
def followup_answer(
    *,
    actor,
    followup: FollowUp,
    contract: bool,
    contract_country: str = "",
    contract_value: Decimal | None = None,
    contract_currency: str = "",
    comment: str = "",
    now: datetime | None = None,
) -> FollowUp:
    contract_country = contract_country.strip().upper()
    contract_currency = contract_currency.strip().upper()
    errors = _check_money(contract_country, contract_value, contract_currency, "contract")
    if not contract and (contract_value is not None or contract_country):
        errors["contract"] = _("Tick 'contract' to give its country and value.")
    if errors:
        raise ValidationError(errors)
    followup.contract = contract
    followup.contract_country = contract_country
    followup.contract_value = contract_value
    followup.contract_currency = contract_currency if contract_value is not None else ""
    followup.comment = comment.strip()
    followup.answered_at = now or timezone.now()
    followup.save()
    audit_log_record(actor=actor, action="events.followup_answer", target=followup)
    return followup


def meetings_for_feedback(participant: Participant):
    return (
        Meeting.objects.filter(status=MeetingStatus.CONFIRMED, slot__isnull=False)
        .filter(Q(participant_a=participant) | Q(participant_b=participant))
        .select_related(
            "slot", "table", "participant_a__organisation", "participant_b__organisation"
        )
    )
