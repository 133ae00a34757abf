"""Personal data: export everything of a user's participations; erasure keeps the numbers."""

from __future__ import annotations

import datetime as dt

import pytest

from samverkan.events import privacy, selectors
from samverkan.events.models import Event, MeetingRequest, Participant
from samverkan.events.services import feedback, meetings
from samverkan.privacy.registry import personal_data_providers

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreed(event, make_participant):
    alice, bob = make_participant(country="SE"), make_participant(country="FI")
    alice.offer, alice.need = "Snow load sensors", "Wind farm operators"
    alice.save()
    alice.unavailable_slots.add(event.slots.first())
    request = meetings.meeting_request_send(
        actor=alice.user, sender=alice, recipient=bob, message="Call me on +46 70 123 45 67"
    )
    meetings.meeting_request_accept(actor=bob.user, meeting_request=request)
    meeting = request.meeting
    meeting.slot, meeting.table = event.slots.last(), event.tables.first()  # placed by hand
    meeting.save()
    feedback.feedback_submit(
        actor=alice.user, meeting=meeting, participant=alice, held=True, rating=4,
        would_continue=True, comment="Anna was great",
    )  # fmt: skip
    return alice, bob, meeting


def test_events_is_a_personal_data_provider():
    assert "events" in {p.app_label for p in personal_data_providers()}


def test_export_lists_registrations_requests_meetings_feedback(agreed):
    alice, bob, _meeting = agreed
    data = privacy.export_personal_data(user=alice.user)
    (registration,) = data["event_registrations"]
    assert (registration["we_offer"], registration["status"]) == ("Snow load sensors", "registered")
    assert len(registration["unavailable_slots"]) == 1
    (request,) = data["event_meeting_requests"]
    assert (request["direction"], request["message"]) == ("sent", "Call me on +46 70 123 45 67")
    assert [m["with"] for m in data["event_meetings"]] == [bob.organisation.name]
    assert [(f["rating"], f["comment"]) for f in data["event_feedback"]] == [(4, "Anna was great")]
    assert privacy.export_personal_data(user=bob.user)["event_feedback"] == []


def test_erasure_after_the_event_keeps_the_statistics(event, agreed):
    alice, _bob, _meeting = agreed
    Event.objects.filter(pk=event.pk).update(
        start_date=dt.date(2020, 5, 14), end_date=dt.date(2020, 5, 15)
    )
    event.refresh_from_db()
    before = selectors.event_statistics(event=event)
    old_token = alice.ical_token
    assert privacy.erase_personal_data(user=alice.user) == 3
    alice.refresh_from_db()
    assert (alice.offer, alice.need, alice.status) == ("", "", "registered")
    assert alice.ical_token != old_token
    assert list(alice.unavailable_slots.all()) == []
    assert MeetingRequest.objects.get(sender=alice).message == ""
    (kept,) = alice.feedback.all()
    assert (kept.rating, kept.held, kept.comment) == (4, True, "")
    assert selectors.event_statistics(event=event) == before


def test_erasure_before_the_event_cancels_the_registration(event, agreed):
    alice, bob, meeting = agreed
    privacy.erase_personal_data(user=alice.user)
    meeting.refresh_from_db()
    assert Participant.objects.get(pk=alice.pk).status == "cancelled"
    assert meeting.status == "cancelled"
    assert Participant.objects.get(pk=bob.pk).status == "registered"
