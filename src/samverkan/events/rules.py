"""Who may do what with events (django-rules predicates).

Organisers are operators and the members of the organising and co-organising organisations;
participants see the marketplace, their own requests and their own agenda.
"""

from __future__ import annotations

import rules

from samverkan.accounts.rules import is_operator


def _event_of(obj):
    return getattr(obj, "event", obj)


@rules.predicate
def is_event_organiser(user, obj) -> bool:
    if not user.is_authenticated or obj is None:
        return False
    if user.is_operator or user.is_superuser:
        return True
    event = _event_of(obj)
    org_ids = {event.organiser_id, *event.co_organisers.values_list("pk", flat=True)}
    return user.memberships.filter(organisation_id__in=org_ids).exists()


@rules.predicate
def is_event_visible(user, event) -> bool:
    if event is None:
        return True
    return event.status != "draft"


@rules.predicate
def is_event_participant(user, obj) -> bool:
    if not user.is_authenticated or obj is None:
        return False
    event = _event_of(obj)
    return event.participants.filter(user=user, status="registered").exists()


@rules.predicate
def is_own_participant(user, participant) -> bool:
    return bool(
        user.is_authenticated and participant is not None and participant.user_id == user.pk
    )


@rules.predicate
def is_request_party(user, meeting_request) -> bool:
    if not user.is_authenticated or meeting_request is None:
        return False
    return user.pk in {meeting_request.sender.user_id, meeting_request.recipient.user_id}


@rules.predicate
def is_request_recipient(user, meeting_request) -> bool:
    if not user.is_authenticated or meeting_request is None:
        return False
    return meeting_request.recipient.user_id == user.pk


@rules.predicate
def is_request_sender(user, meeting_request) -> bool:
    if not user.is_authenticated or meeting_request is None:
        return False
    return meeting_request.sender.user_id == user.pk


@rules.predicate
def is_meeting_party(user, meeting) -> bool:
    if not user.is_authenticated or meeting is None:
        return False
    return user.pk in {meeting.participant_a.user_id, meeting.participant_b.user_id}


rules.add_perm("events.list_events", rules.always_allow)
rules.add_perm("events.view_event", is_event_visible | is_event_organiser)
rules.add_perm("events.add_event", is_operator)
rules.add_perm("events.manage_event", is_event_organiser)
rules.add_perm("events.bulk_register", is_operator)
rules.add_perm("events.register", rules.is_authenticated)
rules.add_perm("events.view_marketplace", is_event_participant | is_event_organiser)
rules.add_perm("events.view_own_participation", rules.is_authenticated)
rules.add_perm("events.view_agenda", is_own_participant | is_event_organiser)
rules.add_perm("events.change_participant", is_own_participant | is_event_organiser)
rules.add_perm("events.view_request", is_request_party | is_event_organiser)
rules.add_perm("events.respond_request", is_request_recipient | is_event_organiser)
rules.add_perm("events.withdraw_request", is_request_sender | is_event_organiser)
rules.add_perm("events.view_meeting", is_meeting_party | is_event_organiser)
rules.add_perm("events.give_feedback", is_meeting_party)
rules.add_perm("events.cancel_meeting", is_meeting_party | is_event_organiser)
