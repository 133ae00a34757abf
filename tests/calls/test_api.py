"""API: public call list, applying with membership and deadline rules, reviews, decisions."""

from datetime import timedelta

import pytest
from django.utils import timezone

from samverkan.accounts.services import api_token_create
from samverkan.calls import services
from samverkan.calls.models import Application, CallStatus
from tests.calls.factories import CallFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def bearer(user) -> dict:
    _token, secret = api_token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_published_calls_are_public_and_drafts_hidden(client, call, django_assert_num_queries):
    CallFactory(status=CallStatus.DRAFT, title="Secret draft")
    CallFactory.create_batch(3)
    with django_assert_num_queries(2):
        response = client.get("/api/v1/calls")
    assert response.status_code == 200
    titles = [item["title"] for item in response.json()["items"]]
    assert "Secret draft" not in titles
    assert response.json()["count"] == 4
    assert client.get(f"/api/v1/calls/{call.pk}").json()["title"] == "S3 test call"


def test_apply_needs_authentication(client, call, cluster, answers):
    response = client.post(
        f"/api/v1/calls/{call.pk}/applications",
        {"organisation_id": cluster.pk, "title": "x", "answers": answers},
        content_type="application/json",
    )
    assert response.status_code == 401


def test_apply_needs_membership_of_the_organisation(client, call, cluster, answers):
    response = client.post(
        f"/api/v1/calls/{call.pk}/applications",
        {"organisation_id": cluster.pk, "title": "x", "answers": answers},
        content_type="application/json",
        **bearer(UserFactory()),
    )
    assert response.status_code == 403
    assert "not a member of Test Cluster" in response.json()["detail"]
    assert not Application.objects.exists()


def test_apply_and_submit(client, call, cluster, applicant, answers):
    response = client.post(
        f"/api/v1/calls/{call.pk}/applications",
        {"organisation_id": cluster.pk, "title": "Growth", "answers": answers},
        content_type="application/json",
        **bearer(applicant),
    )
    assert response.status_code == 201, response.json()
    assert response.json()["status"] == "submitted"
    mine = client.get("/api/v1/applications", **bearer(applicant)).json()
    assert [item["title"] for item in mine["items"]] == ["Growth"]


def test_apply_after_the_deadline_is_422_with_a_clear_message(
    client, call, cluster, applicant, answers
):
    call.closes_at = timezone.now() - timedelta(hours=1)
    call.save()
    response = client.post(
        f"/api/v1/calls/{call.pk}/applications",
        {"organisation_id": cluster.pk, "title": "Late", "answers": answers},
        content_type="application/json",
        **bearer(applicant),
    )
    assert response.status_code == 422
    assert "Late applications cannot be submitted." in response.json()["detail"]
    assert not Application.objects.exists()


def test_invalid_answers_are_422_per_question(client, call, cluster, applicant, questions):
    response = client.post(
        f"/api/v1/calls/{call.pk}/applications",
        {"organisation_id": cluster.pk, "title": "x", "answers": {questions["budget"].key: "lots"}},
        content_type="application/json",
        **bearer(applicant),
    )
    assert response.status_code == 422
    assert {
        "field": f"body.{questions['budget'].key}",
        "message": "Requested amount: Enter a number.",
    } in response.json()["errors"]


def test_applications_of_others_are_forbidden(client, submitted):
    response = client.get(f"/api/v1/applications/{submitted.pk}", **bearer(UserFactory()))
    assert response.status_code == 403


def test_reviewer_scores_through_the_api(client, in_review, reviewers, operator, criteria):
    assignment = services.assignment_create(
        actor=operator, application=in_review, reviewer=reviewers[0]
    )
    headers = bearer(reviewers[0].user)
    assert client.get("/api/v1/reviews", **headers).json()["count"] == 1
    other = client.put(
        f"/api/v1/reviews/{assignment.pk}",
        {"scores": {}, "submit": False},
        content_type="application/json",
        **bearer(reviewers[1].user),
    )
    assert other.status_code == 403
    response = client.put(
        f"/api/v1/reviews/{assignment.pk}",
        {"scores": {str(c.pk): 4 for c in criteria}, "comment": "Solid", "submit": True},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 200
    assert response.json()["submitted"] is True


def test_decisions_show_own_only(client, in_review, operator, applicant):
    services.application_transition(
        actor=operator, application=in_review, action="ready_for_decision"
    )
    services.decision_make(actor=operator, application=in_review, outcome="selected", reason="Ok")
    own = client.get("/api/v1/decisions", **bearer(applicant)).json()
    assert [(d["outcome"], d["reason"]) for d in own["items"]] == [("selected", "Ok")]
    assert client.get("/api/v1/decisions", **bearer(UserFactory())).json()["count"] == 0
