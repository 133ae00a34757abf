"""Fixtures for the calls tests: a published call with a form and rubric, applicants, reviewers."""

from __future__ import annotations

from decimal import Decimal

import pytest

from samverkan.calls import services
from samverkan.calls.models import QuestionKind
from tests.calls.factories import CallFactory, CriterionFactory, QuestionFactory
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def call():
    return CallFactory(title="S3 test call", eligible_kinds=["cluster", "company"])


@pytest.fixture
def questions(call):
    return {
        "summary": QuestionFactory(call=call, label="Summary", kind=QuestionKind.LONG_TEXT),
        "budget": QuestionFactory(
            call=call,
            label="Requested amount",
            kind=QuestionKind.NUMBER,
            min_value=Decimal("0"),
            max_value=Decimal("500000"),
        ),
        "region": QuestionFactory(
            call=call, label="Region", kind=QuestionKind.REGION, required=False
        ),
    }


@pytest.fixture
def criteria(call):
    return [
        CriterionFactory(call=call, name="Relevance", weight=Decimal("2")),
        CriterionFactory(call=call, name="Capacity", weight=Decimal("1")),
    ]


@pytest.fixture
def cluster():
    return OrganisationFactory(name="Test Cluster", kind="cluster")


@pytest.fixture
def applicant(cluster, password):
    return MembershipFactory(organisation=cluster, role="owner", user__password=password).user


@pytest.fixture
def answers(questions):
    return {
        questions["summary"].key: "We strengthen cluster competence.",
        questions["budget"].key: "250000",
    }


@pytest.fixture
def submitted(call, questions, applicant, cluster, answers):
    application = services.application_create(
        actor=applicant, call=call, organisation=cluster, title="Cluster growth", answers=answers
    )
    return services.application_submit(actor=applicant, application=application)


@pytest.fixture
def reviewers(call, operator):
    users = [UserFactory(full_name=f"Reviewer {n}") for n in range(3)]
    return [services.reviewer_add(actor=operator, call=call, user=user) for user in users]


@pytest.fixture
def in_review(submitted, operator):
    services.application_transition(actor=operator, application=submitted, action="start_screening")
    return services.application_transition(
        actor=operator, application=submitted, action="start_review"
    )
