"""Decisions, letters in the applicant's language, the cohort and the follow-up call."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from samverkan.calls import selectors, services
from samverkan.calls.models import ApplicationStatus, Decision
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready(in_review, operator):
    return services.application_transition(
        actor=operator, application=in_review, action="ready_for_decision"
    )


def test_decision_needs_a_reason_and_the_right_state(submitted, ready, operator):
    with pytest.raises(ValidationError, match="Give the reason"):
        services.decision_make(actor=operator, application=ready, outcome="selected", reason="")
    decision = services.decision_make(
        actor=operator, application=ready, outcome="reserve", reason="Close call."
    )
    assert ready.status == ApplicationStatus.RESERVE
    decision = services.decision_make(
        actor=operator, application=ready, outcome="selected", reason="A place became free."
    )
    assert (decision.outcome, ready.status) == ("selected", ApplicationStatus.SELECTED)
    with pytest.raises(ValidationError, match="cannot get this decision"):
        services.decision_make(actor=operator, application=ready, outcome="rejected", reason="x")


def test_bulk_decisions_are_all_or_nothing(ready, operator):
    with pytest.raises(ValidationError):
        services.decisions_make_many(
            actor=operator, items=[(ready, "selected", "Good"), (ready, "bogus", "x")]
        )
    ready.refresh_from_db()
    assert ready.status == ApplicationStatus.READY_FOR_DECISION
    assert not Decision.objects.exists()


def test_letters_go_once_in_each_recipients_language(
    ready, operator, applicant, django_capture_on_commit_callbacks
):
    applicant.language = "sv"
    applicant.save()
    services.decision_make(
        actor=operator, application=ready, outcome="selected", reason="Stark ansökan."
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.decision_letters_send(actor=operator, call=ready.call) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert services.decision_letters_send(actor=operator, call=ready.call) == 0
    [letter] = mail.outbox
    assert letter.to == [applicant.email]
    assert letter.subject == "Beslut om er ansökan till ”S3 test call”"
    assert "Stark ansökan." in letter.body
    assert "Reviewer" not in letter.body


def test_cohort_from_the_selected_and_a_follow_up_call_for_members_only(
    ready, operator, applicant, cluster
):
    services.decision_make(actor=operator, application=ready, outcome="selected", reason="Good")
    cohort = services.cohort_create(actor=operator, call=ready.call, name="S3 cohort")
    assert selectors.cohort_organisation_ids(cohort=cohort) == [cluster.pk]
    services.offering_add(actor=operator, cohort=cohort, kind="training", title="Cluster school")
    follow_up = services.follow_up_call_create(
        actor=operator,
        cohort=cohort,
        title="Financial support",
        opens_at=timezone.now() - timedelta(days=1),
        closes_at=timezone.now() + timedelta(days=30),
    )
    services.question_create(actor=operator, call=follow_up, label="Budget", kind="number")
    services.call_publish(actor=operator, call=follow_up)
    application = services.application_create(
        actor=applicant, call=follow_up, organisation=cluster, title="Support"
    )
    assert application.call == follow_up
    outsider_org = OrganisationFactory(kind="cluster")
    outsider = MembershipFactory(organisation=outsider_org).user
    with pytest.raises(ValidationError, match="Only members of the cohort"):
        services.application_create(
            actor=outsider, call=follow_up, organisation=outsider_org, title="x"
        )
    assert [o.kind for o in selectors.cohort_offerings(cohort=cohort)] == [
        "financial_support",
        "training",
    ]
    assert selectors.call_statistics(call=ready.call)["selected"] == 1
