"""API under /api/v1/events: participants see only their own; organisers see their event."""

from __future__ import annotations

import json

import pytest
from icalendar import Calendar

from samverkan.accounts.services import api_token_create
from samverkan.events.models import MeetingRequest
from samverkan.events.services import meetings, scheduling
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def bearer(user) -> dict[str, str]:
    _token, secret = api_token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_event_list_is_public_and_detail_works(client, event):
    response = client.get("/api/v1/events")
    assert response.status_code == 200
    assert [e["slug"] for e in response.json()["items"]] == [event.slug]
    assert client.get(f"/api/v1/events/{event.slug}").json()["time_zone"] == "Europe/Stockholm"


def test_register_send_and_accept_through_api(client, event, make_participant):
    membership = MembershipFactory(role="owner", organisation__country="EE")
    headers = bearer(membership.user)
    response = client.post(
        f"/api/v1/events/{event.slug}/registrations",
        json.dumps({"organisation_id": membership.organisation_id, "need": "Fibre sensors"}),
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 201, response.content
    other = make_participant()
    sent = client.post(
        f"/api/v1/events/{event.slug}/requests",
        json.dumps({"recipient_id": other.pk, "message": "Hello"}),
        content_type="application/json",
        **headers,
    )
    assert sent.status_code == 201
    request_id = sent.json()["id"]
    # the sender cannot accept their own request
    refused = client.post(f"/api/v1/events/{event.slug}/requests/{request_id}/accept", **headers)
    assert refused.status_code == 403
    accepted = client.post(
        f"/api/v1/events/{event.slug}/requests/{request_id}/accept", **bearer(other.user)
    )
    assert accepted.json()["status"] == "accepted"


def test_participant_sees_only_own_requests(client, event, make_participant):
    a, b, c, d = (make_participant() for _ in range(4))
    meetings.meeting_request_send(actor=a.user, sender=a, recipient=b)
    meetings.meeting_request_send(actor=c.user, sender=c, recipient=d)
    response = client.get(f"/api/v1/events/{event.slug}/requests", **bearer(a.user))
    assert [r["sender_id"] for r in response.json()["items"]] == [a.pk]
    other_agenda = client.get(f"/api/v1/events/{event.slug}/agenda/{c.pk}", **bearer(a.user))
    assert other_agenda.status_code == 403
    outsider = MembershipFactory().user
    assert (
        client.get(f"/api/v1/events/{event.slug}/requests", **bearer(outsider)).status_code == 403
    )


def test_co_organiser_sees_all_requests(client, event, make_participant):
    a, b = make_participant(), make_participant()
    meetings.meeting_request_send(actor=a.user, sender=a, recipient=b)
    partner = OrganisationFactory(kind="cluster")
    event.co_organisers.add(partner)
    staff = MembershipFactory(organisation=partner).user
    response = client.get(f"/api/v1/events/{event.slug}/requests", **bearer(staff))
    assert response.json()["count"] == MeetingRequest.objects.count() == 1


def test_agenda_has_ical_url_that_validates(
    client, event, operator, make_participant, django_capture_on_commit_callbacks
):
    a, b = make_participant(), make_participant()
    meetings.meeting_create(actor=operator, event=event, participant_a=a, participant_b=b)
    with django_capture_on_commit_callbacks(execute=True):
        run = client.post(
            f"/api/v1/events/{event.slug}/schedule-runs",
            json.dumps({"method": "auto", "time_limit": 10}),
            content_type="application/json",
            **bearer(operator),
        )
    assert run.status_code == 201
    status = client.get(
        f"/api/v1/events/{event.slug}/schedule-runs/{run.json()['id']}", **bearer(operator)
    ).json()
    assert (status["status"], status["scheduled_count"]) == ("done", 1)
    assert (status["best_breaks"], status["lower_bound"], status["gap"]) == (0, 0, 0)
    scheduling.event_publish(actor=operator, event=event)
    agenda = client.get(f"/api/v1/events/{event.slug}/agenda", **bearer(a.user)).json()
    assert agenda["published"] is True and len(agenda["meetings"]) == 1
    assert agenda["meetings"][0]["starts_at"].endswith(("+02:00", "+01:00"))
    path = agenda["ical_url"].split("testserver", 1)[-1].replace("http://127.0.0.1:8000", "")
    cal = Calendar.from_ical(client.get(path).content)
    assert len(cal.walk("VEVENT")) == 1


def test_invalid_request_is_a_422_problem(client, event, make_participant):
    a = make_participant()
    response = client.post(
        f"/api/v1/events/{event.slug}/requests",
        json.dumps({"recipient_id": a.pk}),
        content_type="application/json",
        **bearer(a.user),
    )
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"


def test_statistics_for_organisers_only(client, event, operator, make_participant):
    a = make_participant()
    assert (
        client.get(f"/api/v1/events/{event.slug}/statistics", **bearer(a.user)).status_code == 403
    )
    stats = client.get(f"/api/v1/events/{event.slug}/statistics", **bearer(operator)).json()
    assert stats["participants"] == 1
