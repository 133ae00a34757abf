"""Applying: membership, eligibility, deadlines in time zones, workflow, audit, mail."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from samverkan.calls import services
from samverkan.calls.models import ApplicationStatus
from samverkan.common.models import AuditLogEntry
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_submit_confirms_in_the_applicants_language(
    call, questions, applicant, cluster, answers, django_capture_on_commit_callbacks
):
    applicant.language = "sv"
    applicant.save()
    application = services.application_create(
        actor=applicant, call=call, organisation=cluster, title="Growth", answers=answers
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.application_submit(actor=applicant, application=application)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert [m.to for m in mail.outbox] == [[applicant.email]]
    assert mail.outbox[0].subject == "Vi har tagit emot er ansökan till ”S3 test call”"
    actions = list(
        AuditLogEntry.objects.filter(target_id=str(application.pk)).values_list("action", flat=True)
    )
    assert actions == ["calls.application.submit", "calls.application.create"]


def test_only_members_may_apply(call, questions, cluster, answers):
    outsider = UserFactory()
    with pytest.raises(PermissionDenied):
        services.application_create(
            actor=outsider, call=call, organisation=cluster, title="x", answers=answers
        )


def test_ineligible_kind_is_refused_with_a_reason(call, questions, password):
    university = OrganisationFactory(kind="university")
    member = UserFactory()
    from tests.factories import MembershipFactory

    MembershipFactory(user=member, organisation=university)
    with pytest.raises(ValidationError) as info:
        services.application_create(actor=member, call=call, organisation=university, title="x")
    assert "may not apply to this call" in info.value.messages[0]


def test_one_application_per_organisation(submitted, call, applicant, cluster):
    with pytest.raises(ValidationError, match="has already applied"):
        services.application_create(actor=applicant, call=call, organisation=cluster, title="x")


def test_late_submission_is_refused_with_the_deadline_in_the_applicants_time_zone(
    call, questions, applicant, cluster, answers
):
    application = services.application_create(
        actor=applicant, call=call, organisation=cluster, title="Late", answers=answers
    )
    call.closes_at = datetime(2026, 3, 15, 15, 0, tzinfo=UTC)
    call.save()
    applicant.time_zone = "Europe/Helsinki"
    applicant.save()
    with pytest.raises(ValidationError) as info:
        services.application_submit(
            actor=applicant, application=application, now=call.closes_at + timedelta(seconds=1)
        )
    assert info.value.messages == [
        "The deadline for “S3 test call” was 2026-03-15 17:00 (Europe/Helsinki). "
        "Late applications cannot be submitted."
    ]
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT


def test_incomplete_application_cannot_be_submitted(call, questions, applicant, cluster):
    application = services.application_create(
        actor=applicant, call=call, organisation=cluster, title="Half"
    )
    with pytest.raises(ValidationError) as info:
        services.application_submit(actor=applicant, application=application)
    assert "“Summary” must be answered." in info.value.messages


def test_changes_requested_then_resubmitted_after_the_deadline(
    submitted, operator, applicant, questions, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.application_transition(
            actor=operator, application=submitted, action="request_changes", message="Add budget"
        )
    assert "Add budget" in mail.outbox[-1].body
    services.application_save(
        actor=applicant,
        application=submitted,
        answers={**submitted.answers, questions["budget"].key: "1000"},
    )
    submitted.call.closes_at = timezone.now() - timedelta(minutes=1)
    submitted.call.save()
    application = services.application_submit(actor=applicant, application=submitted)
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.answers[questions["budget"].key] == "1000"


def test_roles_are_enforced_on_transitions(submitted, applicant, operator):
    with pytest.raises(PermissionDenied):
        services.application_transition(
            actor=applicant, application=submitted, action="start_screening"
        )
    with pytest.raises(PermissionDenied):
        services.application_transition(actor=operator, application=submitted, action="withdraw")
    with pytest.raises(ValidationError, match="not possible while the application is"):
        services.application_transition(
            actor=operator, application=submitted, action="start_review"
        )
    with pytest.raises(ValidationError, match="Explain the reason"):
        services.application_transition(
            actor=operator, application=submitted, action="request_changes"
        )


def test_withdraw(submitted, applicant):
    application = services.application_transition(
        actor=applicant, application=submitted, action="withdraw"
    )
    assert application.status == ApplicationStatus.WITHDRAWN
    assert AuditLogEntry.objects.filter(action="calls.application.withdraw").count() == 1


def test_file_answers_are_validated_and_kept(call, applicant, cluster, operator):
    from django.core.files.uploadedfile import SimpleUploadedFile

    question = services.question_create(
        actor=operator,
        call=call,
        label="Business plan",
        kind="file",
        allowed_extensions=["pdf"],
        max_file_size_mb=1,
    )
    application = services.application_create(
        actor=applicant, call=call, organisation=cluster, title="Files"
    )
    with pytest.raises(ValidationError, match="not accepted"):
        services.application_file_attach(
            actor=applicant,
            application=application,
            question=question,
            upload=SimpleUploadedFile("plan.exe", b"MZ"),
        )
    stored = services.application_file_attach(
        actor=applicant,
        application=application,
        question=question,
        upload=SimpleUploadedFile("plan.pdf", b"%PDF-1.4"),
    )
    application.refresh_from_db()
    assert application.answers[question.key] == {
        "file_id": stored.pk,
        "name": "plan.pdf",
        "size": 8,
    }
    services.application_submit(actor=applicant, application=application)


def test_two_stage_call_concept_then_full(call, operator, applicant, cluster):
    call.is_two_stage = True
    call.concept_closes_at = timezone.now() + timedelta(days=2)
    call.save()
    concept_q = services.question_create(
        actor=operator, call=call, stage="concept", label="Idea", kind="text"
    )
    full_q = services.question_create(
        actor=operator, call=call, stage="full", label="Plan", kind="long_text"
    )
    application = services.application_create(
        actor=applicant,
        call=call,
        organisation=cluster,
        title="Idea",
        answers={concept_q.key: "An idea"},
    )
    assert application.stage == "concept"
    services.application_submit(actor=applicant, application=application)
    for action in ("start_screening", "start_review", "ready_for_decision", "invite_full"):
        application = services.application_transition(
            actor=operator, application=application, action=action
        )
    assert (application.stage, application.status) == ("full", ApplicationStatus.DRAFT)
    assert application.concept_answers == {concept_q.key: "An idea"}
    services.application_save(actor=applicant, application=application, answers={full_q.key: "P"})
    assert services.application_submit(actor=applicant, application=application).status == (
        ApplicationStatus.SUBMITTED
    )
