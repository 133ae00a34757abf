"""Pages: set-up, registration, marketplace, requests, agenda, desk, statistics."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from samverkan.events.models import Event, Meeting, MeetingRequest, Participant
from samverkan.events.services import meetings
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_operator_creates_event_and_adds_session_and_tables(client, operator):
    organiser = OrganisationFactory(kind="cluster")
    client.force_login(operator)
    response = client.post(
        reverse("events:event-create"),
        {
            "name": "SME2GO Tartu",
            "venue": "Tartu",
            "time_zone": "Europe/Tallinn",
            "start_date": "2030-09-01",
            "end_date": "2030-09-01",
            "registration_mode": "public",
            "request_quota": "0",
            "followup_months": "6",
            "organiser": organiser.pk,
        },
    )
    event = Event.objects.get(name="SME2GO Tartu")
    assert response.status_code == 302
    setup_url = reverse("events:event-setup", kwargs={"slug": event.slug})
    client.post(
        setup_url,
        {
            "action": "session",
            "session-date": "2030-09-01",
            "session-start_time": "10:00",
            "session-end_time": "11:00",
            "session-meeting_minutes": "25",
            "session-break_minutes": "5",
        },
    )
    client.post(setup_url, {"action": "tables", "tables-count": "5", "tables-capacity": "4"})
    starts = [event.local(s.starts_at).strftime("%H:%M") for s in event.slots.all()]
    assert starts == ["10:00", "10:30"]
    assert str(event.slots.first().starts_at.utcoffset()) == "0:00:00"  # stored in UTC
    assert event.tables.count() == 5


def test_invalid_session_changes_nothing(client, operator, event):
    client.force_login(operator)
    response = client.post(
        reverse("events:event-setup", kwargs={"slug": event.slug}),
        {
            "action": "session",
            "session-date": "2031-01-01",
            "session-start_time": "10:00",
            "session-end_time": "09:00",
            "session-meeting_minutes": "20",
            "session-break_minutes": "5",
        },
    )
    assert response.status_code == 200
    assert "The session must be on one of the event&#x27;s days." in response.content.decode()
    assert event.sessions.count() == 2


def test_register_team_through_page_sends_confirmation(
    client, event, django_capture_on_commit_callbacks
):
    membership = MembershipFactory(role="owner", organisation__country="FI")
    colleague = MembershipFactory(organisation=membership.organisation).user
    client.force_login(membership.user)
    url = reverse("events:register", kwargs={"slug": event.slug})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "organisation": membership.organisation.pk,
                "users": [membership.user.pk, colleague.pk],
                "offer": "Wind turbine service",
                "need": "Partners in Sweden",
            },
        )
    assert response.status_code == 302
    assert Participant.objects.filter(event=event).count() == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([membership.user.email, colleague.email])


def test_marketplace_lists_others_and_guards_queries(
    client, event, make_participant, django_assert_max_num_queries
):
    me = make_participant()
    for _ in range(8):
        make_participant(country="FI")
    client.force_login(me.user)
    url = reverse("events:marketplace", kwargs={"slug": event.slug})
    with django_assert_max_num_queries(30):
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 8
    filtered = client.get(url, {"country": "SE"})
    assert len(filtered.context["page"].object_list) == 0


def test_request_accept_flow_through_pages(client, event, make_participant):
    a, b = make_participant(), make_participant()
    client.force_login(a.user)
    client.post(
        reverse("events:request-send", kwargs={"slug": event.slug, "participant_id": b.pk}),
        {"message": "Let us talk about heat pumps"},
    )
    meeting_request = MeetingRequest.objects.get()
    client.force_login(b.user)
    page = client.get(reverse("events:request-list", kwargs={"slug": event.slug}))
    assert "Let us talk about heat pumps" in page.content.decode()
    client.post(
        reverse(
            "events:request-accept", kwargs={"slug": event.slug, "request_id": meeting_request.pk}
        )
    )
    meeting_request.refresh_from_db()
    assert meeting_request.status == "accepted"
    assert Meeting.objects.get().participant_b == b


def test_participant_cannot_see_others_agenda_or_answer_their_requests(
    client, event, make_participant
):
    a, b, c = make_participant(), make_participant(), make_participant()
    meeting_request = meetings.meeting_request_send(actor=a.user, sender=a, recipient=b)
    client.force_login(c.user)
    agenda = client.get(
        reverse("events:agenda", kwargs={"slug": event.slug, "participant_id": a.pk})
    )
    assert agenda.status_code in {302, 403}
    client.post(
        reverse(
            "events:request-accept", kwargs={"slug": event.slug, "request_id": meeting_request.pk}
        )
    )
    meeting_request.refresh_from_db()
    assert meeting_request.status == "pending"


def test_desk_pages_need_organiser(client, event, make_participant, operator):
    p = make_participant()
    client.force_login(p.user)
    for name in ["events:schedule", "events:statistics", "events:desk-meetings"]:
        assert client.get(reverse(name, kwargs={"slug": event.slug})).status_code in {302, 403}
    client.force_login(operator)
    for name in ["events:schedule", "events:statistics", "events:desk-meetings",
                 "events:desk-participants", "events:event-setup"]:  # fmt: skip
        assert client.get(reverse(name, kwargs={"slug": event.slug})).status_code == 200


def test_co_organiser_member_manages_event(client, event):
    partner = OrganisationFactory(kind="cluster")
    event.co_organisers.add(partner)
    staff = MembershipFactory(organisation=partner).user
    client.force_login(staff)
    assert client.get(reverse("events:statistics", kwargs={"slug": event.slug})).status_code == 200


def test_draft_event_hidden_from_public(client, operator):
    from samverkan.events.services import setup

    event = setup.event_create(
        actor=operator,
        organiser=OrganisationFactory(kind="cluster"),
        name="Secret draft",
        start_date=dt.date(2030, 1, 1),
        end_date=dt.date(2030, 1, 1),
    )
    listing = client.get(reverse("events:event-list"))
    assert "Secret draft" not in listing.content.decode()
    detail = client.get(reverse("events:event-detail", kwargs={"slug": event.slug}))
    assert detail.status_code in {302, 403}


def test_pages_and_mail_in_swedish(
    client, event, make_participant, django_capture_on_commit_callbacks
):
    a, b = make_participant(), make_participant()
    b.user.language = "sv"
    b.user.save()
    with django_capture_on_commit_callbacks(execute=True):
        meetings.meeting_request_send(actor=a.user, sender=a, recipient=b)
    assert mail.outbox[-1].subject.startswith("Mötesförfrågan från")
    client.force_login(b.user)
    client.cookies["samverkan_language"] = "sv"
    page = client.get(reverse("events:request-list", kwargs={"slug": event.slug}))
    assert "Mina förfrågningar" in page.content.decode()


def test_marketplace_suggestions_come_from_matching_engine_with_reasons(
    client, event, make_participant
):
    me = make_participant(need="wind turbine blade inspection drones")
    make_participant(country="FI", offer="Drones for wind turbine blade inspection")
    make_participant(country="FI", offer="Bakery products and catering")
    client.force_login(me.user)
    response = client.get(reverse("events:marketplace", kwargs={"slug": event.slug}))
    suggestions = response.context["suggestions"]
    assert suggestions[0].participant.offer == "Drones for wind turbine blade inspection"
    assert suggestions[0].reasons


def _queries_for(client, url, django_assert_max_num_queries, limit):
    with django_assert_max_num_queries(limit):
        response = client.get(url)
    assert response.status_code == 200
    return response


def test_lists_do_not_grow_queries_with_rows(
    client, event, operator, make_participant, django_assert_max_num_queries
):
    me = make_participant()
    others = [make_participant() for _ in range(12)]
    for other in others[:6]:
        meetings.meeting_request_send(actor=other.user, sender=other, recipient=me)
    for other in others[6:]:
        meetings.meeting_create(actor=operator, event=event, participant_a=me, participant_b=other)
    client.force_login(me.user)
    requests_page = _queries_for(
        client, f"/events/{event.slug}/requests/", django_assert_max_num_queries, 15
    )
    assert len(requests_page.context["page"].object_list) == 6
    _queries_for(client, f"/events/{event.slug}/agenda/{me.pk}/", django_assert_max_num_queries, 15)
    client.force_login(operator)
    desk = _queries_for(
        client, f"/events/{event.slug}/desk/meetings/", django_assert_max_num_queries, 20
    )
    assert len(desk.context["page"].object_list) == 6
    _queries_for(client, f"/events/{event.slug}/desk/schedule/", django_assert_max_num_queries, 20)
    _queries_for(
        client, f"/events/{event.slug}/desk/participants/", django_assert_max_num_queries, 15
    )
    _queries_for(
        client, f"/events/{event.slug}/desk/statistics/", django_assert_max_num_queries, 20
    )
