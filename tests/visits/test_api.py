"""The visits API: public booking (201/422/429) and the operators' resources."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from samverkan.accounts.services import api_token_create
from samverkan.visits.models import VisitRequest, VisitStatus
from tests.visits.factories import VisitRequestFactory, window

pytestmark = pytest.mark.django_db
URL = "/api/v1/visit-requests"


@pytest.fixture
def payload(page):
    future = timezone.localdate() + timedelta(days=30)

    def make(**overrides):
        data = {
            "booking_page": page.slug,
            "language": "en",
            "goal": "business-meetings",
            "purpose": "Meet water utilities.",
            "focus_areas": ["water"],
            "wants_company_meetings": True,
            "company_wishes": "membranes",
            "preferred_dates": [
                {"start": future.isoformat(), "end": (future + timedelta(days=1)).isoformat()}
            ],
            "expected_participants": 1,
            "participants": [{"name": "Ana Exemplo", "country": "BR"}],
            "organiser": {"name": "Ana Exemplo", "email": "ana@example.org"},
            "costs_acknowledged": True,
            "privacy_consent": True,
        }
        data.update(overrides)
        return data

    return make


def post(client, data, **extra):
    return client.post(URL, json.dumps(data), content_type="application/json", **extra)


def test_public_post_creates_a_request(client, payload, mailoutbox):
    response = post(client, payload())
    assert response.status_code == 201, response.content
    visit = VisitRequest.objects.get()
    assert response.json() == {"reference": visit.reference, "status": "received"}
    assert [p.name for p in visit.participants.all()] == ["Ana Exemplo"]
    assert mailoutbox[0].to == ["ana@example.org"]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"preferred_dates": []}, "body.preferred_dates"),
        (
            {"preferred_dates": [{"start": "2020-01-01", "end": "2020-01-02"}]},
            "body.preferred_dates.0.start",
        ),
        ({"expected_participants": 0}, "body.expected_participants"),
        ({"organiser": {"name": "A", "email": "nope"}}, "body.organiser.email"),
        ({"costs_acknowledged": False}, "body.costs_acknowledged"),
        ({"privacy_consent": False}, "body.privacy_consent"),
        ({"goal": "unknown"}, "body.goal"),
        ({"focus_areas": ["unknown"]}, "body.focus_areas"),
        ({"language": "de"}, "body.language"),
        ({"booking_page": "missing"}, "body.booking_page"),
        ({"participants": [{"name": "A", "email": "bad"}]}, "body.participants.0.email"),
        ({"expected_participants": "many"}, "body.expected_participants"),
    ],
)
def test_invalid_post_is_422_per_field_and_stores_nothing(
    client, payload, mailoutbox, overrides, field
):
    response = post(client, payload(**overrides))
    assert response.status_code == 422, response.content
    body = response.json()
    assert response["Content-Type"] == "application/problem+json"
    assert field in [error["field"] for error in body["errors"]]
    assert VisitRequest.objects.count() == 0
    assert mailoutbox == []


def test_errors_come_in_the_requested_language(client, payload):
    response = post(client, payload(language="sv", expected_participants=0))
    messages = [e["message"] for e in response.json()["errors"]]
    assert "Minst en person måste delta i besöket." in messages


def test_post_is_rate_limited(client, payload, settings):
    settings.SAMVERKAN_VISITS_RATE_LIMIT = 1
    assert post(client, payload()).status_code == 201
    response = post(client, payload())
    assert response.status_code == 429
    assert response.json()["type"].endswith("too-many-requests")
    assert VisitRequest.objects.count() == 1


def test_a_wrong_token_is_refused_even_on_the_public_endpoint(client, payload):
    response = post(client, payload(), HTTP_AUTHORIZATION="Bearer svk_wrong")
    assert response.status_code == 401
    assert VisitRequest.objects.count() == 0


def _auth(user):
    _token, secret = api_token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_operator_resources_need_permission(client, user):
    visit = VisitRequestFactory()
    assert client.get(URL).status_code == 401
    assert client.get(URL, **_auth(user)).status_code == 403
    assert client.get(f"{URL}/{visit.pk}", **_auth(user)).status_code == 403
    assert (
        client.post(
            f"{URL}/{visit.pk}/transition",
            json.dumps({"status": "in_review"}),
            content_type="application/json",
            **_auth(user),
        ).status_code
        == 403
    )
    visit.refresh_from_db()
    assert visit.status == VisitStatus.RECEIVED


def test_operator_lists_filters_and_reads(client, operator, django_assert_max_num_queries):
    VisitRequestFactory.create_batch(3)
    declined = VisitRequestFactory(status=VisitStatus.DECLINED)
    headers = _auth(operator)
    with django_assert_max_num_queries(8):
        response = client.get(URL, **headers)
    assert response.json()["count"] == 4
    response = client.get(URL, {"status": "declined"}, **headers)
    assert [item["reference"] for item in response.json()["items"]] == [declined.reference]
    detail = client.get(f"{URL}/{declined.pk}", **headers).json()
    assert detail["allowed_transitions"] == []
    assert detail["focus_areas"] == ["water"]
    assert client.get(f"{URL}/999999", **headers).status_code == 404


def test_operator_workflow_through_the_api(client, operator, mailoutbox):
    from tests.factories import OrganisationFactory

    visit = VisitRequestFactory()
    headers = _auth(operator)

    def call(method, path, data=None):
        return getattr(client, method)(
            f"{URL}/{visit.pk}{path}",
            json.dumps(data or {}),
            content_type="application/json",
            **headers,
        )

    for status in ["in_review", "accepted", "planning"]:
        assert call("post", "/transition", {"status": status}).status_code == 200
    bad = call("post", "/transition", {"status": "completed"})
    assert bad.status_code == 422
    host_org = OrganisationFactory()
    host = call("post", "/hosts", {"organisation_id": host_org.pk}).json()
    start, end = window()
    answer = call(
        "post",
        f"/hosts/{host['id']}/response",
        {"accept": True, "windows": [{"start": start.isoformat(), "end": end.isoformat()}]},
    )
    assert answer.json()["status"] == "accepted"
    item = {
        "kind": "site_visit",
        "title": "Visit",
        "start": start.isoformat(),
        "end": (start + timedelta(hours=1)).isoformat(),
        "host_id": host["id"],
    }
    itinerary = call("post", "/itinerary", item).json()
    assert itinerary["conflicts"] == []
    assert call("post", "/transition", {"status": "confirmed"}).status_code == 200
    assert call("post", "/assign", {"assignee_id": operator.pk}).status_code == 200
    assert call("post", "/comments", {"body": "Done"}).status_code == 201
    outcome = call(
        "put",
        "/outcome",
        {"meetings_held": 4, "leads": 2, "opportunities": [{"country": "br", "count": 2}]},
    )
    assert outcome.json() == {"meetings_held": 4, "leads": 2}
    assert call("post", "/transition", {"status": "completed"}).status_code == 200
    stats = client.get(f"{URL}/statistics", **headers).json()
    assert stats["opportunities_by_country"] == {"BR": 2}
    assert stats["meetings_held"] == 4


def test_missing_ids_do_not_reveal_existence_to_non_operators(client, user, operator):
    headers = _auth(user)
    assert client.get(f"{URL}/999999", **headers).status_code == 403
    response = client.post(
        f"{URL}/999999/hosts/1/response",
        json.dumps({"accept": False}),
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 403
    assert client.get(f"{URL}/999999", **_auth(operator)).status_code == 404


def test_nul_characters_are_refused_cleanly(client, payload):
    response = post(client, payload(booking_page="a\x00b", purpose="x\x00y"))
    # Refused for the whole site by common's middleware, before any validation.
    assert (response.status_code, response["Content-Type"]) == (400, "application/problem+json")
    assert VisitRequest.objects.count() == 0
