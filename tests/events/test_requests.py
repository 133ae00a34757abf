"""Meeting requests: quotas, expiry (periodic and lazy), auto-accept, operators on behalf."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from samverkan.events.models import Meeting, MeetingRequest
from samverkan.events.services import meetings, registration

pytestmark = pytest.mark.django_db


def test_send_and_accept_creates_meeting_and_mails_both(
    event, make_participant, django_capture_on_commit_callbacks
):
    a, b = make_participant(), make_participant(country="FI")
    with django_capture_on_commit_callbacks(execute=True):
        request = meetings.meeting_request_send(actor=a.user, sender=a, recipient=b, message="Hi")
    assert [m.to for m in mail.outbox[-1:]] == [[b.user.email]]
    with django_capture_on_commit_callbacks(execute=True):
        meetings.meeting_request_accept(actor=b.user, meeting_request=request)
    assert mail.outbox[-1].to == [a.user.email]
    meeting = Meeting.objects.get()
    assert (meeting.participant_a, meeting.participant_b, meeting.slot) == (a, b, None)


def test_pending_request_blocks_duplicate_but_not_slots(event, make_participant):
    a, b = make_participant(), make_participant()
    meetings.meeting_request_send(actor=a.user, sender=a, recipient=b)
    with pytest.raises(ValidationError, match="already waiting"):
        meetings.meeting_request_send(actor=b.user, sender=b, recipient=a)
    assert Meeting.objects.count() == 0  # nothing reserved while pending


def test_quota_counts_open_and_accepted_requests(event, make_participant):
    event.request_quota = 2
    event.save()
    a = make_participant()
    others = [make_participant() for _ in range(3)]
    meetings.meeting_request_send(actor=a.user, sender=a, recipient=others[0])
    second = meetings.meeting_request_send(actor=a.user, sender=a, recipient=others[1])
    with pytest.raises(ValidationError, match="quota of 2"):
        meetings.meeting_request_send(actor=a.user, sender=a, recipient=others[2])
    meetings.meeting_request_decline(actor=others[1].user, meeting_request=second)
    assert meetings.meeting_request_send(actor=a.user, sender=a, recipient=others[2]).pk


def test_expiry_lazily_on_accept_and_by_command(event, make_participant):
    event.request_expiry_minutes = 30
    event.save()
    a, b, c = make_participant(), make_participant(), make_participant()
    now = timezone.now()
    first = meetings.meeting_request_send(actor=a.user, sender=a, recipient=b, now=now)
    second = meetings.meeting_request_send(actor=a.user, sender=a, recipient=c, now=now)
    assert first.expires_at == now + dt.timedelta(minutes=30)
    with pytest.raises(ValidationError, match="expired"):
        meetings.meeting_request_accept(
            actor=b.user, meeting_request=first, now=now + dt.timedelta(minutes=31)
        )
    first.refresh_from_db()
    assert first.status == "expired"
    MeetingRequest.objects.filter(pk=second.pk).update(expires_at=now - dt.timedelta(minutes=1))
    call_command("events_expire_requests")
    second.refresh_from_db()
    assert second.status == "expired"


def test_auto_accept_books_meeting_at_once(event, make_participant):
    event.auto_accept = True
    event.save()
    a, b = make_participant(), make_participant()
    request = meetings.meeting_request_send(actor=a.user, sender=a, recipient=b)
    assert request.status == "accepted"
    assert Meeting.objects.filter(request=request).exists()


def test_same_organisation_and_self_requests_refused(event, make_participant):
    a = make_participant()
    with pytest.raises(ValidationError, match="yourself"):
        meetings.meeting_request_send(actor=a.user, sender=a, recipient=a)


def test_operator_books_and_approves_on_behalf(event, operator, make_participant):
    a, b, c = make_participant(), make_participant(), make_participant()
    meeting = meetings.meeting_create(actor=operator, event=event, participant_a=a, participant_b=b)
    assert meeting.created_by == operator
    request = meetings.meeting_request_send(actor=a.user, sender=a, recipient=c)
    meetings.meeting_request_accept(actor=operator, meeting_request=request)
    assert Meeting.objects.filter(participant_b=c).exists()
    with pytest.raises(ValidationError, match="already have a meeting"):
        meetings.meeting_create(actor=operator, event=event, participant_a=b, participant_b=a)


def test_registration_closed_and_invitation_only(event, make_participant):
    from tests.factories import MembershipFactory

    event.registration_mode = "invited"
    event.save()
    membership = MembershipFactory(role="owner")
    with pytest.raises(ValidationError, match="invitation list"):
        registration.participant_register(
            actor=membership.user,
            event=event,
            organisation=membership.organisation,
            users=[membership.user],
        )
    event.allowed_organisations.add(membership.organisation)
    event.registration_closes_at = timezone.now() - dt.timedelta(days=1)
    event.save()
    with pytest.raises(ValidationError, match="not open"):
        registration.participant_register(
            actor=membership.user,
            event=event,
            organisation=membership.organisation,
            users=[membership.user],
        )


def test_cancelling_registration_withdraws_requests_and_meetings(event, make_participant):
    a, b, c = make_participant(), make_participant(), make_participant()
    pending = meetings.meeting_request_send(actor=a.user, sender=a, recipient=b)
    accepted = meetings.meeting_request_send(actor=a.user, sender=a, recipient=c)
    meetings.meeting_request_accept(actor=c.user, meeting_request=accepted)
    registration.participant_cancel(actor=a.user, participant=a)
    pending.refresh_from_db()
    assert pending.status == "cancelled"
    assert Meeting.objects.get().status == "cancelled"
