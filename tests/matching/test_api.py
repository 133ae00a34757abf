"""API: suggestions, feedback, saved searches, interests and contacts, with permissions."""

import pytest

from samverkan.matching.models import Contact, ExpressionOfInterest, SuggestionFeedback
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
BASE = "/api/v1/matching"


def test_suggestions_with_reasons(client, sme, fibre, catalogue_orgs, distributor):
    client.force_login(sme)
    response = client.get(f"{BASE}/organisations/{fibre.pk}/suggestions", {"k": 2})
    assert response.status_code == 200
    body = response.json()
    assert len(body) == 2
    assert body[0]["organisation_id"] == distributor.pk
    assert {"code": "nace", "text": "same NACE class 26.51"} in body[0]["reasons"]


def test_suggestions_forbidden_to_outsiders_as_problem(client, fibre):
    client.force_login(UserFactory())
    response = client.get(f"{BASE}/organisations/{fibre.pk}/suggestions")
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"


def test_feedback_then_excluded(client, sme, fibre, catalogue_orgs, distributor):
    client.force_login(sme)
    response = client.post(
        f"{BASE}/organisations/{fibre.pk}/feedback",
        {"suggested_id": distributor.pk, "verdict": "not_relevant"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert SuggestionFeedback.objects.get().verdict == "not_relevant"
    ids = [
        s["organisation_id"]
        for s in client.get(f"{BASE}/organisations/{fibre.pk}/suggestions").json()
    ]
    assert distributor.pk not in ids
    listed = client.get(f"{BASE}/organisations/{fibre.pk}/feedback").json()
    assert listed["count"] == 1


def test_feedback_invalid_is_422(client, sme, fibre, distributor):
    client.force_login(sme)
    response = client.post(
        f"{BASE}/organisations/{fibre.pk}/feedback",
        {"suggested_id": distributor.pk, "verdict": "maybe"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"].endswith("verdict")


def test_saved_search_crud(client, sme, fibre, catalogue_orgs, distributor):
    client.force_login(sme)
    response = client.post(
        f"{BASE}/searches",
        {"name": "Sensors", "need": "fibre optic sensors", "organisation_id": fibre.pk},
        content_type="application/json",
    )
    assert response.status_code == 201
    search_id = response.json()["id"]
    assert client.get(f"{BASE}/searches").json()["count"] == 1
    results = client.get(f"{BASE}/searches/{search_id}/results").json()
    assert results[0]["organisation_id"] == distributor.pk
    other = UserFactory()
    client.force_login(other)
    assert client.get(f"{BASE}/searches/{search_id}/results").status_code == 403
    assert client.delete(f"{BASE}/searches/{search_id}").status_code == 403
    client.force_login(sme)
    assert client.delete(f"{BASE}/searches/{search_id}").status_code == 204


def test_interest_flow(client, sme, fibre, distributor, distributor_owner):
    client.force_login(sme)
    response = client.post(
        f"{BASE}/interests",
        {
            "from_organisation_id": fibre.pk,
            "to_organisation_id": distributor.pk,
            "subject": "need",
            "message": "Let us talk",
        },
        content_type="application/json",
    )
    assert response.status_code == 201
    interest_id = response.json()["id"]
    assert (
        client.post(
            f"{BASE}/interests/{interest_id}/accept", {}, content_type="application/json"
        ).status_code
        == 403
    )
    client.force_login(distributor_owner)
    received = client.get(f"{BASE}/interests", {"direction": "received"}).json()
    assert [i["id"] for i in received["items"]] == [interest_id]
    response = client.post(
        f"{BASE}/interests/{interest_id}/accept",
        {"response": "Yes"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["status"] == "accepted"
    assert Contact.objects.count() == 1
    assert client.get(f"{BASE}/contacts").json()["count"] == 1
    again = client.post(
        f"{BASE}/interests/{interest_id}/decline", {}, content_type="application/json"
    )
    assert again.status_code == 422


def test_interest_into_private_profile_forbidden(client, sme, fibre, secret):
    client.force_login(sme)
    response = client.post(
        f"{BASE}/interests",
        {"from_organisation_id": fibre.pk, "to_organisation_id": secret.pk, "message": "Hi"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert ExpressionOfInterest.objects.count() == 0
