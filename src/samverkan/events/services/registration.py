"""Registration of company teams, meeting profiles, availability, check-in and no-shows."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.accounts.models import Membership, MembershipRole
from samverkan.common.services import audit_log_record
from samverkan.events.models import (
    Event,
    Meeting,
    MeetingRequest,
    MeetingStatus,
    Participant,
    ParticipantStatus,
    RegistrationMode,
    RequestStatus,
)
from samverkan.events.services.mail import notify_on_commit


def catalogue_profile(organisation) -> tuple[str, str]:
    """Offer and need prefilled from the catalogue profile text (user's language, else any)."""
    text = organisation.text_in()
    if text is None:
        return "", ""
    return text.offers or text.description, text.needs


def _is_operator(user) -> bool:
    return bool(user.is_authenticated and (user.is_operator or user.is_superuser))


@transaction.atomic
def participant_register(
    *,
    actor,
    event: Event,
    organisation,
    users: Iterable,
    offer: str | None = None,
    need: str | None = None,
    now: datetime | None = None,
) -> list[Participant]:
    """Register one or more people of `organisation` (a company team) at `event`."""
    now = now or timezone.now()
    users = list(users)
    if not users:
        raise ValidationError(_("Choose at least one person to register."))
    operator = _is_operator(actor)
    if not operator and not event.registration_is_open(now):
        raise ValidationError(_("Registration for this event is not open."))
    restricted = event.registration_mode != RegistrationMode.PUBLIC and not operator
    if restricted and not event.allowed_organisations.filter(pk=organisation.pk).exists():
        raise ValidationError(_("Your organisation is not on this event's invitation list."))
    roles = dict(
        Membership.objects.filter(organisation=organisation).values_list("user_id", "role")
    )
    if not operator:
        if actor.pk not in roles:
            raise ValidationError(_("You can only register people of your own organisation."))
        manager = roles[actor.pk] in {MembershipRole.OWNER, MembershipRole.ADMIN}
        if not manager and any(u.pk != actor.pk for u in users):
            raise ValidationError(_("Only the organisation's administrators can register others."))
    outsiders = [str(u) for u in users if u.pk not in roles]
    if outsiders:
        raise ValidationError(
            _("Not members of %(organisation)s: %(names)s")
            % {"organisation": organisation, "names": ", ".join(outsiders)}
        )
    default_offer, default_need = catalogue_profile(organisation)
    created = []
    for user in users:
        participant = Participant.objects.filter(event=event, user=user).first()
        if participant and participant.status == ParticipantStatus.REGISTERED:
            raise ValidationError(
                _("%(name)s is already registered for this event.") % {"name": user}
            )
        if participant is None:
            participant = Participant(event=event, user=user)
        participant.organisation = organisation
        participant.status = ParticipantStatus.REGISTERED
        participant.offer = offer if offer is not None else default_offer
        participant.need = need if need is not None else default_need
        participant.save()
        created.append(participant)
        audit_log_record(actor=actor, action="events.participant_register", target=participant)
    for participant in created:
        notify_on_commit(
            user=participant.user,
            template="registered",
            context={"event": event, "participant": participant},
        )
    return created


@transaction.atomic
def participant_update_profile(
    *, actor, participant: Participant, offer: str, need: str, unavailable_slot_ids=None
) -> Participant:
    participant.offer = offer.strip()
    participant.need = need.strip()
    participant.save(update_fields=["offer", "need", "updated_at"])
    if unavailable_slot_ids is not None:
        slots = list(participant.event.slots.filter(pk__in=unavailable_slot_ids))
        if len(slots) != len(set(unavailable_slot_ids)):
            raise ValidationError(_("Choose time slots of this event."))
        participant.unavailable_slots.set(slots)
    audit_log_record(actor=actor, action="events.participant_update", target=participant)
    return participant


def _cancel_meetings_of(*, actor, participant: Participant, reason: str) -> list[Meeting]:
    from samverkan.events.services.meetings import meeting_cancel

    meetings = _open_meetings(participant)
    for meeting in meetings:
        meeting_cancel(actor=actor, meeting=meeting, reason=reason, reschedule=False)
    return meetings


@transaction.atomic
def participant_cancel(*, actor, participant: Participant) -> Participant:
    """Cancel a registration: open requests are withdrawn, meetings cancelled (and the
    published schedule repaired with minimal moves)."""
    if participant.status == ParticipantStatus.CANCELLED:
        return participant
    MeetingRequest.objects.filter(status=RequestStatus.PENDING).filter(sender=participant).update(
        status=RequestStatus.CANCELLED, responded_at=timezone.now()
    )
    MeetingRequest.objects.filter(status=RequestStatus.PENDING, recipient=participant).update(
        status=RequestStatus.CANCELLED, responded_at=timezone.now()
    )
    cancelled = _cancel_meetings_of(actor=actor, participant=participant, reason="cancellation")
    participant.status = ParticipantStatus.CANCELLED
    participant.save(update_fields=["status", "updated_at"])
    audit_log_record(actor=actor, action="events.participant_cancel", target=participant)
    if cancelled:
        _reschedule_if_published(actor=actor, event=participant.event, reason="cancellation")
    return participant


def _reschedule_if_published(*, actor, event: Event, reason: str) -> None:
    from samverkan.events.services.scheduling import schedule_run_start

    if event.published_at is not None:
        schedule_run_start(actor=actor, event=event, reschedule=True, reason=reason)


def participant_check_in(*, actor, participant: Participant, now: datetime | None = None):
    participant.checked_in_at = now or timezone.now()
    participant.no_show = False
    participant.save(update_fields=["checked_in_at", "no_show", "updated_at"])
    audit_log_record(actor=actor, action="events.participant_check_in", target=participant)
    return participant


@transaction.atomic
def participant_mark_no_show(*, actor, participant: Participant) -> Participant:
    """A no-show's remaining meetings are cancelled; the others' agendas are repaired."""
    participant.no_show = True
    participant.checked_in_at = None
    participant.save(update_fields=["no_show", "checked_in_at", "updated_at"])
    now = timezone.now()
    meetings = [m for m in _open_meetings(participant) if m.slot is None or m.slot.ends_at > now]
    from samverkan.events.services.meetings import meeting_cancel

    for meeting in meetings:
        meeting_cancel(actor=actor, meeting=meeting, reason="no-show", reschedule=False)
    audit_log_record(actor=actor, action="events.participant_no_show", target=participant)
    if meetings:
        _reschedule_if_published(actor=actor, event=participant.event, reason="no-show")
    return participant


def _open_meetings(participant: Participant) -> list[Meeting]:
    from django.db.models import Q

    return list(
        Meeting.objects.filter(status=MeetingStatus.CONFIRMED)
        .filter(Q(participant_a=participant) | Q(participant_b=participant))
        .select_related("slot", "participant_a__user", "participant_b__user", "event")
    )
