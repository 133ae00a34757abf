"""Operator API: calls, questions, screening, assignment, ranking, decisions, letters, cohort."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samverkan.accounts.services import api_token_create
from samverkan.calls import services
from samverkan.calls.models import (
    Application,
    ApplicationStatus,
    Assignment,
    Call,
    CallStatus,
    Cohort,
    Decision,
    Question,
)
from samverkan.common.models import AuditLogEntry
from tests.calls.factories import CallFactory, QuestionFactory
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

# Every operator operation: (method, path template, body). {call}, {question}, {application}.
OPERATIONS = [
    (
        "post",
        "/api/v1/calls",
        {
            "title": "x",
            "organiser_id": 1,
            "opens_at": "2026-01-01T00:00:00Z",
            "closes_at": "2026-02-01T00:00:00Z",
        },
    ),
    ("patch", "/api/v1/calls/{call}", {"title": "x"}),
    ("post", "/api/v1/calls/{call}/publish", None),
    ("post", "/api/v1/calls/{call}/close", None),
    ("get", "/api/v1/calls/{call}/form", None),
    ("post", "/api/v1/calls/{call}/questions", {"label": "x", "kind": "text"}),
    ("patch", "/api/v1/calls/{call}/questions/{question}", {"label": "y"}),
    ("delete", "/api/v1/calls/{call}/questions/{question}", None),
    ("post", "/api/v1/calls/{call}/questions/{question}/move", {"up": True}),
    ("get", "/api/v1/calls/{call}/applications", None),
    (
        "post",
        "/api/v1/calls/{call}/applications/{application}/transition",
        {"action": "start_screening"},
    ),
    (
        "post",
        "/api/v1/calls/{call}/applications/transition",
        {"action": "start_screening", "from_status": "submitted"},
    ),
    ("get", "/api/v1/calls/{call}/reviewers", None),
    ("post", "/api/v1/calls/{call}/reviewers", {"user_id": 1}),
    ("get", "/api/v1/calls/{call}/assignments", None),
    ("post", "/api/v1/calls/{call}/assignments", {"application_id": 1, "reviewer_id": 1}),
    ("post", "/api/v1/calls/{call}/assignments/auto", None),
    ("delete", "/api/v1/calls/{call}/assignments/1", None),
    ("get", "/api/v1/calls/{call}/ranking", None),
    (
        "post",
        "/api/v1/calls/{call}/decisions",
        {"decisions": [{"application_id": 1, "outcome": "selected", "reason": "x"}]},
    ),
    ("post", "/api/v1/calls/{call}/letters", None),
    ("post", "/api/v1/calls/{call}/cohort", {}),
    ("get", "/api/v1/calls/{call}/cohort", None),
]


def bearer(user) -> dict:
    _token, secret = api_token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def send(client, method, path, body=None, user=None):
    headers = bearer(user) if user else {}
    if body is None:
        return getattr(client, method)(path, **headers)
    return getattr(client, method)(path, body, content_type="application/json", **headers)


def _fill(path, call, question, application):
    return path.format(call=call.pk, question=question.pk, application=application.pk)


@pytest.fixture
def reviewer_user(call, operator):
    user = UserFactory(full_name="Rita Reviewer")
    services.reviewer_add(actor=operator, call=call, user=user)
    return user


@pytest.mark.parametrize(("method", "path", "body"), OPERATIONS)
def test_operator_operations_refuse_everyone_else(
    client, method, path, body, call, questions, submitted, applicant, reviewer_user
):
    url = _fill(path, call, questions["summary"], submitted)
    assert send(client, method, url, body).status_code == 401
    for user in (applicant, reviewer_user):
        response = send(client, method, url, body, user)
        assert response.status_code == 403
        assert response["Content-Type"] == "application/problem+json"
    assert Call.objects.get(pk=call.pk).title == "S3 test call"
    assert Question.objects.filter(pk=questions["summary"].pk).exists()
    assert Application.objects.get(pk=submitted.pk).status == ApplicationStatus.SUBMITTED


@pytest.mark.parametrize(("method", "path", "body"), [op for op in OPERATIONS if "{call}" in op[1]])
def test_operator_operations_answer_404_for_unknown_calls(client, method, path, body, operator):
    url = path.replace("{call}", "999999").replace("{question}", "1").replace("{application}", "1")
    response = send(client, method, url, body, operator)
    assert response.status_code == 404


def test_create_update_publish_and_close_a_call(client, operator):
    organiser = OrganisationFactory(name="Tillväxtverket", kind="public_authority")
    body = {
        "title": "S3 pilot two",
        "organiser_id": organiser.pk,
        "opens_at": "2026-01-10T09:00:00",
        "closes_at": "2026-02-15T16:00:00",
        "budget": "1500000.00",
        "eligible_kinds": ["cluster"],
        "eligible_countries": ["se"],
    }
    response = send(client, "post", "/api/v1/calls", body, operator)
    assert response.status_code == 201
    data = response.json()
    call = Call.objects.get(pk=data["id"])
    assert (call.status, call.budget, call.eligible_countries) == (
        CallStatus.DRAFT,
        Decimal("1500000.00"),
        ["SE"],
    )
    # Wall-clock 16:00 in Stockholm (winter) is 15:00 UTC.
    assert call.closes_at == datetime(2026, 2, 15, 15, 0, tzinfo=UTC)

    response = send(client, "post", f"/api/v1/calls/{call.pk}/publish", None, operator)
    assert response.status_code == 422
    assert "Add at least one question" in response.json()["detail"]

    response = send(
        client,
        "post",
        f"/api/v1/calls/{call.pk}/questions",
        {"label": "Region", "kind": "region"},
        operator,
    )
    assert response.status_code == 201
    assert response.json()["key"] == f"q{response.json()['id']}"

    response = send(
        client,
        "patch",
        f"/api/v1/calls/{call.pk}",
        {"title": "S3 pilot 2", "budget": None},
        operator,
    )
    assert response.status_code == 200
    call.refresh_from_db()
    assert (call.title, call.budget) == ("S3 pilot 2", None)

    assert send(client, "post", f"/api/v1/calls/{call.pk}/publish", None, operator).json()[
        "status"
    ] == ("published")
    assert send(client, "post", f"/api/v1/calls/{call.pk}/close", None, operator).json()[
        "status"
    ] == ("closed")
    actions = list(
        AuditLogEntry.objects.filter(action__startswith="calls.call").values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == [
        "calls.call.close",
        "calls.call.create",
        "calls.call.publish",
        "calls.call.update",
    ]


def test_create_call_refuses_invalid_input_with_field_errors(client, operator):
    organiser = OrganisationFactory()
    body = {
        "title": "Backwards",
        "organiser_id": organiser.pk,
        "opens_at": "2026-03-01T09:00:00+01:00",
        "closes_at": "2026-02-01T09:00:00+01:00",
    }
    response = send(client, "post", "/api/v1/calls", body, operator)
    assert response.status_code == 422
    assert {"field": "body.closes_at", "message": "The call must close after it opens."} in (
        response.json()["errors"]
    )
    body["organiser_id"] = 999999
    assert send(client, "post", "/api/v1/calls", body, operator).status_code == 422
    assert not Call.objects.exists()


def test_questions_edit_move_and_delete(client, call, operator):
    first = QuestionFactory(call=call, label="First", position=1)
    second = QuestionFactory(call=call, label="Second", position=2)
    url = f"/api/v1/calls/{call.pk}/questions/{second.pk}"
    response = send(
        client,
        "patch",
        url,
        {"kind": "choice", "choices": ["North", "South"], "label": "Where?"},
        operator,
    )
    assert response.status_code == 200
    second.refresh_from_db()
    assert (second.kind, second.choices, second.label) == ("choice", ["North", "South"], "Where?")
    response = send(client, "patch", url, {"choices": ["Only one"]}, operator)
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "body.choices", "message": "A choice question needs at least two options."}
    ]
    response = send(client, "post", f"{url}/move", {"up": True}, operator)
    assert [q["label"] for q in response.json()] == ["Where?", "First"]
    assert send(client, "delete", url, None, operator).status_code == 204
    assert list(call.questions.all()) == [first]


def test_question_edit_after_submission_only_changes_the_wording(
    client, call, questions, submitted, operator
):
    url = f"/api/v1/calls/{call.pk}/questions/{questions['budget'].pk}"
    response = send(client, "patch", url, {"max_value": "100"}, operator)
    assert response.status_code == 422
    assert "only the wording of a question" in response.json()["detail"]
    response = send(client, "patch", url, {"help_text": "In SEK, excluding VAT."}, operator)
    assert response.status_code == 200
    questions["budget"].refresh_from_db()
    assert (questions["budget"].help_text, questions["budget"].max_value) == (
        "In SEK, excluding VAT.",
        Decimal("500000.00"),
    )
    submitted.refresh_from_db()
    assert submitted.answers[questions["budget"].key] == "250000"


def test_application_list_filters_and_screening(
    client, call, questions, submitted, operator, django_capture_on_commit_callbacks
):
    url = f"/api/v1/calls/{call.pk}/applications"
    headers = bearer(operator)
    client.get(url, **headers)  # warm up (token bookkeeping on first use)
    with CaptureQueriesContext(connection) as one:
        client.get(url, **headers)
    for n in range(3):
        other = OrganisationFactory(name=f"Other Cluster {n}", kind="cluster")
        Application.objects.create(call=call, organisation=other, title="Draft idea")
    with CaptureQueriesContext(connection) as four:
        response = client.get(url, **headers)
    assert response.json()["count"] == 4
    assert len(four) == len(one)  # no query per application
    response = send(client, "get", url + "?status=submitted", None, operator)
    assert [item["organisation"] for item in response.json()["items"]] == ["Test Cluster"]
    assert send(client, "get", url + "?q=other", None, operator).json()["count"] == 3

    base = f"{url}/{submitted.pk}/transition"
    response = send(client, "post", base, {"action": "request_changes"}, operator)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "body.message"
    with django_capture_on_commit_callbacks(execute=True):
        response = send(
            client,
            "post",
            base,
            {"action": "request_changes", "message": "Add a budget."},
            operator,
        )
    assert (response.status_code, response.json()["status"]) == (200, "changes_requested")
    assert "Add a budget." in mail.outbox[-1].body
    response = send(client, "post", base, {"action": "withdraw"}, operator)
    assert response.status_code == 422
    assert "Unknown action" in response.json()["errors"][0]["message"]
    response = send(client, "post", base, {"action": "start_review"}, operator)
    assert response.status_code == 422
    assert "not possible while the application is" in response.json()["detail"]


def test_bulk_screening_moves_every_application(client, call, submitted, operator):
    url = f"/api/v1/calls/{call.pk}/applications/transition"
    body = {"action": "start_screening", "from_status": "submitted"}
    assert send(client, "post", url, body, operator).json() == {"count": 1}
    body = {"action": "start_review", "from_status": "nonsense"}
    assert send(client, "post", url, body, operator).status_code == 422
    submitted.refresh_from_db()
    assert submitted.status == ApplicationStatus.ELIGIBILITY


def test_assignment_by_hand_refuses_conflicts_and_auto_assignment_respects_them(
    client, call, criteria, in_review, cluster, operator
):
    member = MembershipFactory(organisation=cluster, role="member").user
    url = f"/api/v1/calls/{call.pk}/reviewers"
    ids = []
    for user in (member, UserFactory(full_name="Free One"), UserFactory(full_name="Free Two")):
        response = send(client, "post", url, {"user_id": user.pk}, operator)
        assert response.status_code == 201
        ids.append(response.json()["id"])
    assert send(client, "post", url, {"user_id": member.pk}, operator).status_code == 422

    url = f"/api/v1/calls/{call.pk}/assignments"
    response = send(
        client, "post", url, {"application_id": in_review.pk, "reviewer_id": ids[0]}, operator
    )
    assert response.status_code == 422
    assert "is a member of the applying organisation" in response.json()["detail"]

    response = send(client, "post", f"{url}/auto", None, operator)
    assert response.json() == {
        "created": 2,
        "short": {},
        "load": {str(ids[0]): 0, str(ids[1]): 1, str(ids[2]): 1},
    }
    listed = send(client, "get", url, None, operator).json()
    assert sorted(item["reviewer_id"] for item in listed["items"]) == ids[1:]
    assignment = Assignment.objects.get(reviewer_id=ids[1])
    assert send(client, "delete", f"{url}/{assignment.pk}", None, operator).status_code == 204
    assert Assignment.objects.filter(application=in_review).count() == 1


def test_ranking_decisions_letters_and_cohort(
    client, call, criteria, in_review, reviewers, operator, django_capture_on_commit_callbacks
):
    for reviewer, value in zip(reviewers[:2], (5, 3), strict=True):
        assignment = services.assignment_create(
            actor=operator, application=in_review, reviewer=reviewer
        )
        services.review_save(
            actor=reviewer.user,
            assignment=assignment,
            scores={c.pk: {"value": value} for c in criteria},
            submit=True,
        )
    ranking = send(client, "get", f"/api/v1/calls/{call.pk}/ranking", None, operator).json()
    assert ranking["items"] == [
        {
            "rank": 1,
            "application_id": in_review.pk,
            "organisation": "Test Cluster",
            "status": "in_review",
            "reviews": 2,
            "assigned": 2,
            "mean": 75.0,
            "spread": 25.0,
            "agreement": 0.5,
            "outcome": None,
        }
    ]
    url = f"/api/v1/calls/{call.pk}/decisions"
    body = {"decisions": [{"application_id": in_review.pk, "outcome": "selected", "reason": "x"}]}
    response = send(client, "post", url, body, operator)
    assert response.status_code == 422
    assert "cannot get this decision" in response.json()["detail"]
    services.application_transition(
        actor=operator, application=in_review, action="ready_for_decision"
    )
    body["decisions"][0]["reason"] = "Strong regional anchoring."
    body["decisions"].append({"application_id": 999999, "outcome": "rejected", "reason": "x"})
    assert send(client, "post", url, body, operator).status_code == 422
    assert not Decision.objects.exists()
    body["decisions"].pop()
    response = send(client, "post", url, body, operator)
    assert response.status_code == 201
    assert response.json()[0]["outcome"] == "selected"

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, "post", f"/api/v1/calls/{call.pk}/letters", None, operator)
    assert response.json() == {"count": 1}
    assert len(mail.outbox) == 1
    assert Decision.objects.get().letter_sent_at is not None

    response = send(client, "post", f"/api/v1/calls/{call.pk}/cohort", {"name": "S3"}, operator)
    assert response.status_code == 201
    assert response.json()["members"] == [
        {"organisation_id": in_review.organisation_id, "organisation": "Test Cluster"}
    ]
    again = send(client, "post", f"/api/v1/calls/{call.pk}/cohort", {}, operator)
    assert again.status_code == 422
    assert Cohort.objects.count() == 1
    got = send(client, "get", f"/api/v1/calls/{call.pk}/cohort", None, operator).json()
    assert (got["name"], got["offerings"]) == ("S3", [])


def test_cohort_needs_someone_selected(client, operator):
    call = CallFactory(closes_at=timezone.now() - timedelta(days=1))
    response = send(client, "post", f"/api/v1/calls/{call.pk}/cohort", {}, operator)
    assert response.status_code == 422
    assert response.json()["detail"] == "Nobody has been selected yet."
