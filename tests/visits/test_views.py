"""Operator and host pages: permissions, filters, N+1 guard, forms that change nothing on error."""

from __future__ import annotations

from io import StringIO

import pytest
from django.urls import reverse

from samverkan.visits.demo import load_demo_data
from samverkan.visits.models import HostStatus, VisitRequest, VisitStatus
from tests.factories import MembershipFactory, OrganisationFactory
from tests.visits.factories import HostInvitationFactory, VisitRequestFactory, window

pytestmark = pytest.mark.django_db


def test_list_needs_an_operator(client, user, operator):
    url = reverse("visits:request-list")
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(user)
    assert client.get(url).status_code == 302  # the house default: to the login page
    client.force_login(operator)
    assert client.get(url).status_code == 200


def test_list_filters_and_has_constant_queries(client, operator, django_assert_num_queries):
    VisitRequestFactory.create_batch(3)
    declined = VisitRequestFactory(status=VisitStatus.DECLINED)
    client.force_login(operator)
    url = reverse("visits:request-list")
    client.get(url)  # warm up session and permission caches
    with django_assert_num_queries(5):
        response = client.get(url)
    assert response.context["page"].paginator.count == 4
    VisitRequestFactory.create_batch(5)
    with django_assert_num_queries(5):
        client.get(url)
    response = client.get(url, {"status": "declined"})
    assert list(response.context["page"]) == [declined]
    response = client.get(url, {"q": declined.reference})
    assert list(response.context["page"]) == [declined]


def test_detail_and_actions_need_an_operator(client, user):
    visit = VisitRequestFactory()
    client.force_login(user)
    assert client.get(reverse("visits:request-detail", args=[visit.pk])).status_code == 403
    response = client.post(
        reverse("visits:request-transition", args=[visit.pk]), {"status": "in_review"}
    )
    assert response.status_code == 403
    visit.refresh_from_db()
    assert visit.status == VisitStatus.RECEIVED


def test_operator_moves_comments_and_assigns(client, operator):
    visit = VisitRequestFactory()
    client.force_login(operator)
    detail = client.get(reverse("visits:request-detail", args=[visit.pk]))
    assert detail.status_code == 200
    client.post(reverse("visits:request-transition", args=[visit.pk]), {"status": "in_review"})
    client.post(reverse("visits:request-comment", args=[visit.pk]), {"body": "Looks good"})
    client.post(reverse("visits:request-assign", args=[visit.pk]), {"assignee": operator.pk})
    visit.refresh_from_db()
    assert visit.status == VisitStatus.IN_REVIEW
    assert visit.assigned_to == operator
    assert visit.comments.get().body == "Looks good"
    # A refused decline (no reason) shows the error and changes nothing.
    response = client.post(
        reverse("visits:request-transition", args=[visit.pk]), {"status": "declined"}, follow=True
    )
    assert "Give the organiser a reason for declining." in response.content.decode()
    visit.refresh_from_db()
    assert visit.status == VisitStatus.IN_REVIEW


def test_itinerary_form_errors_add_nothing(client, operator):
    visit = VisitRequestFactory(status=VisitStatus.PLANNING)
    client.force_login(operator)
    start, _end = window()
    response = client.post(
        reverse("visits:itinerary-add", args=[visit.pk]),
        {
            "kind": "meal",
            "title": "Lunch",
            "start": start.strftime("%Y-%m-%d %H:%M"),
            "end": start.strftime("%Y-%m-%d %H:%M"),
        },
        follow=True,
    )
    assert "The item must end after it starts." in response.content.decode()
    assert visit.itinerary.count() == 0


def test_host_member_answers_other_users_cannot(client, user):
    host = HostInvitationFactory(request__status=VisitStatus.PLANNING)
    member = MembershipFactory(organisation=host.organisation).user
    url = reverse("visits:host-respond", args=[host.pk])
    client.force_login(user)
    assert client.get(url).status_code == 403
    client.force_login(member)
    assert host in client.get(reverse("visits:host-list")).context["invitations"]
    response = client.post(url, {"accept": "yes", "windows": "2026-13-40 9-12"})
    assert "is not like" in response.content.decode()
    host.refresh_from_db()
    assert host.status == HostStatus.INVITED
    start, end = window()
    response = client.post(url, {"accept": "yes", "windows": f"{start:%Y-%m-%d %H:%M}-{end:%H:%M}"})
    assert response.status_code == 302
    host.refresh_from_db()
    assert host.status == HostStatus.ACCEPTED
    assert host.windows.get().start == start


def test_status_page_shows_itinerary_only_when_confirmed(client):
    from samverkan.visits.services.tokens import sha256

    visit = VisitRequestFactory(status=VisitStatus.PLANNING, status_token_hash=sha256("tok"))
    url = reverse("visits:status", args=["tok"])
    assert "Itinerary" not in client.get(url).content.decode()
    assert client.get(reverse("visits:status-ical", args=["tok"])).status_code == 404
    VisitRequest.objects.filter(pk=visit.pk).update(status=VisitStatus.CONFIRMED)
    assert "Itinerary" in client.get(url).content.decode()
    response = client.get(reverse("visits:status-ical", args=["tok"]))
    assert response["Content-Type"].startswith("text/calendar")


def test_feedback_survey_on_the_status_page(client):
    from samverkan.visits.services.tokens import sha256

    visit = VisitRequestFactory(status=VisitStatus.COMPLETED, status_token_hash=sha256("tok"))
    url = reverse("visits:status", args=["tok"])
    assert "How was your visit?" in client.get(url).content.decode()
    client.post(url, {"rating": "9", "would_continue": "yes"})
    assert not hasattr(VisitRequest.objects.get(pk=visit.pk), "feedback")
    client.post(url, {"rating": "5", "would_continue": "yes", "comments": "Great"})
    visit.refresh_from_db()
    assert visit.feedback.rating == 5
    assert visit.feedback.would_continue is True


def test_every_visits_view_declares_a_permission():
    from django.urls import get_resolver

    resolver = get_resolver()
    patterns = resolver.url_patterns
    visits = next(p for p in patterns if getattr(p, "namespace", None) == "visits")
    for pattern in visits.url_patterns:
        assert getattr(pattern.callback, "required_permission", None), pattern.name


def test_demo_data_is_idempotent_and_marked_invented():
    OrganisationFactory(name="North Sweden Cleantech", slug="north-sweden-cleantech")
    OrganisationFactory(name="Umeå Energi", slug="umea-energi")
    load_demo_data(password="x", stdout=StringIO())
    load_demo_data(password="x", stdout=StringIO())
    visits = VisitRequest.objects.order_by("reference")
    assert [v.reference for v in visits] == ["VR-DEMO01", "VR-DEMO02"]
    assert all(v.is_demo and "invented" in v.organiser_name for v in visits)
    assert visits[0].participant_countries == {"BR": 3}


def test_detail_lists_events_on_the_preferred_dates(client, operator):
    from datetime import timedelta

    from django.utils import timezone

    from samverkan.events.models import Event
    from samverkan.visits.models import PreferredDateRange

    visit = VisitRequestFactory()
    day = timezone.localdate() + timedelta(days=20)
    PreferredDateRange.objects.create(request=visit, start=day, end=day + timedelta(days=2))
    fields = {f.name for f in Event._meta.get_fields()}
    assert {"start_date", "end_date", "name", "slug"} <= fields
    organiser = OrganisationFactory()
    during = Event.objects.create(
        name="Cleantech matchmaking", slug="cm", start_date=day, end_date=day, organiser=organiser
    )
    Event.objects.create(
        organiser=organiser,
        name="Later event",
        slug="later",
        start_date=day + timedelta(days=30),
        end_date=day + timedelta(days=30),
    )
    client.force_login(operator)
    response = client.get(reverse("visits:request-detail", args=[visit.pk]))
    assert response.context["events"] == [during]
