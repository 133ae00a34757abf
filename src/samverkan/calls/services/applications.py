"""Writes for applications: create, save answers and files, submit, and workflow transitions."""

from __future__ import annotations

import zoneinfo
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.accounts.models import Membership
from samverkan.calls import tasks
from samverkan.calls.answers import answers_clean, file_validate
from samverkan.calls.models import (
    Application,
    ApplicationFile,
    ApplicationStatus,
    Call,
    CallStatus,
    Decision,
    Outcome,
    Question,
    Stage,
)
from samverkan.calls.services.calls import require_operator
from samverkan.calls.workflow import APPLICANT, DECISION_ACTIONS, OPERATOR, TRANSITIONS
from samverkan.common.services import audit_log_record


def is_applicant(user, organisation_id: int) -> bool:
    return bool(
        user
        and user.is_authenticated
        and Membership.objects.filter(user=user, organisation_id=organisation_id).exists()
    )


def format_deadline(moment, user) -> str:
    """A deadline in the viewer's own time zone, with the zone's name."""
    name = getattr(user, "time_zone", None) or timezone.get_current_timezone_name()
    try:
        zone = zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = timezone.get_current_timezone()
    return f"{timezone.localtime(moment, zone):%Y-%m-%d %H:%M} ({zone.key})"


def late_message(call: Call, stage: str, user) -> str:
    return _(
        "The deadline for “%(call)s” was %(deadline)s. Late applications cannot be submitted."
    ) % {"call": call.title, "deadline": format_deadline(call.deadline_for(stage), user)}


def _check_may_apply(*, actor, call: Call, organisation) -> None:
    if not is_applicant(actor, organisation.pk):
        raise PermissionDenied(
            _("Only members of %(organisation)s may apply on its behalf.")
            % {"organisation": organisation}
        )
    if call.status != CallStatus.PUBLISHED:
        raise ValidationError(_("This call is not open for applications."))
    errors = []
    if call.eligible_kinds and organisation.kind not in call.eligible_kinds:
        errors.append(
            _("Organisations of the kind “%(kind)s” may not apply to this call.")
            % {"kind": organisation.get_kind_display()}
        )
    if call.eligible_countries and organisation.country not in call.eligible_countries:
        errors.append(
            _("Organisations from %(country)s may not apply to this call.")
            % {"country": organisation.country}
        )
    if (
        call.restricted_to_cohort_id
        and not call.restricted_to_cohort.members.filter(organisation=organisation).exists()
    ):
        errors.append(
            _("Only members of the cohort “%(cohort)s” may apply.")
            % {"cohort": call.restricted_to_cohort}
        )
    if errors:
        raise ValidationError(errors)


def _lock(application: Application) -> None:
    """Lock the row and refresh the caller's instance, so concurrent transitions serialise."""
    list(Application.objects.select_for_update().filter(pk=application.pk).values_list("pk"))
    application.refresh_from_db()


def _first_stage(call: Call) -> str:
    return Stage.CONCEPT if call.is_two_stage else Stage.FULL


@transaction.atomic
def application_create(
    *,
    actor,
    call: Call,
    organisation,
    title: str,
    answers: dict[str, Any] | None = None,
    now=None,
) -> Application:
    _check_may_apply(actor=actor, call=call, organisation=organisation)
    stage = _first_stage(call)
    now = now or timezone.now()
    if now < call.opens_at:
        raise ValidationError(_("This call has not opened yet."))
    if now >= call.deadline_for(stage):
        raise ValidationError(late_message(call, stage, actor))
    if Application.objects.filter(call=call, organisation=organisation).exists():
        raise ValidationError(
            _("%(organisation)s has already applied to this call.") % {"organisation": organisation}
        )
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Give the application a title.")})
    cleaned = answers_clean(
        questions=call.questions.filter(stage=stage), answers=answers or {}, complete=False
    )
    application = Application.objects.create(
        call=call,
        organisation=organisation,
        created_by=actor,
        stage=stage,
        title=title[:255],
        answers=cleaned,
    )
    audit_log_record(actor=actor, action="calls.application.create", target=application)
    return application


def _check_editable(*, actor, application: Application) -> None:
    if not is_applicant(actor, application.organisation_id):
        raise PermissionDenied(_("Only the applying organisation may change its application."))
    if application.status not in (ApplicationStatus.DRAFT, ApplicationStatus.CHANGES_REQUESTED):
        raise ValidationError(_("A submitted application can no longer be changed."))


def _questions(application: Application):
    return application.call.questions.filter(stage=application.stage)


@transaction.atomic
def application_save(
    *, actor, application: Application, answers: dict[str, Any], title: str | None = None
) -> Application:
    """Save a draft: answers are type-checked, completeness is checked only on submit."""
    _check_editable(actor=actor, application=application)
    files = {
        key: value
        for key, value in application.answers.items()
        if isinstance(value, dict) and "file_id" in value
    }
    cleaned = answers_clean(
        questions=_questions(application), answers={**files, **answers}, complete=False
    )
    application.answers = cleaned
    if title is not None and title.strip():
        application.title = title.strip()[:255]
    application.save(update_fields=["answers", "title", "updated_at"])
    audit_log_record(
        actor=actor,
        action="calls.application.save",
        target=application,
        data={"answered": sorted(cleaned)},
    )
    return application


@transaction.atomic
def application_file_attach(
    *, actor, application: Application, question: Question, upload
) -> ApplicationFile:
    _check_editable(actor=actor, application=application)
    if question.call_id != application.call_id or question.kind != "file":
        raise ValidationError(_("This question does not take a file."))
    file_validate(question=question, name=upload.name, size=upload.size)
    stored = ApplicationFile.objects.create(
        application=application,
        question=question,
        file=upload,
        original_name=upload.name[:255],
        size=upload.size,
    )
    application.answers = {
        **application.answers,
        question.key: {"file_id": stored.pk, "name": stored.original_name, "size": stored.size},
    }
    application.save(update_fields=["answers", "updated_at"])
    audit_log_record(
        actor=actor,
        action="calls.application.file",
        target=application,
        data={"question": question.key, "name": stored.original_name, "size": stored.size},
    )
    return stored


@transaction.atomic
def application_submit(*, actor, application: Application, now=None) -> Application:
    """Submit (or resubmit after requested changes). Late first submissions are refused;
    resubmissions answer the operator's request and are accepted after the deadline."""
    _lock(application)
    _check_editable(actor=actor, application=application)
    call = application.call
    now = now or timezone.now()
    resubmit = application.status == ApplicationStatus.CHANGES_REQUESTED
    if not resubmit and (
        call.status != CallStatus.PUBLISHED or now >= call.deadline_for(application.stage)
    ):
        raise ValidationError(late_message(call, application.stage, actor))
    answers_clean(questions=_questions(application), answers=application.answers, complete=True)
    previous = application.status
    application.status = ApplicationStatus.SUBMITTED
    application.submitted_at = now
    application.save(update_fields=["status", "submitted_at", "updated_at"])
    audit_log_record(
        actor=actor,
        action="calls.application.resubmit" if resubmit else "calls.application.submit",
        target=application,
        data={"from": previous, "to": application.status, "stage": application.stage},
    )
    tasks.enqueue(tasks.application_notify, application.pk, "submitted")
    return application


@transaction.atomic
def application_transition(
    *, actor, application: Application, action: str, message: str = ""
) -> Application:
    """Any non-submit transition (withdraw, screening, review, request changes, invite full)."""
    transition = TRANSITIONS.get(action)
    if transition is None or action in {"submit", "resubmit"} or action in DECISION_ACTIONS:
        raise ValidationError(_("Unknown action."))
    _lock(application)
    if transition.role == OPERATOR:
        require_operator(actor)
    elif transition.role == APPLICANT and not is_applicant(actor, application.organisation_id):
        raise PermissionDenied(_("Only the applying organisation may do this."))
    if application.status not in transition.sources:
        raise ValidationError(
            _("“%(action)s” is not possible while the application is “%(status)s”.")
            % {"action": transition.label, "status": application.get_status_display()}
        )
    if action == "invite_full" and application.stage != Stage.CONCEPT:
        raise ValidationError(_("Only a concept note can be invited to a full application."))
    message = (message or "").strip()
    if transition.needs_message and not message:
        raise ValidationError({"message": _("Explain the reason; the applicant will read it.")})
    previous = application.status
    application.status = transition.target
    fields = ["status", "updated_at"]
    if action == "request_changes":
        application.change_request = message
        fields.append("change_request")
    if action == "invite_full":
        application.stage = Stage.FULL
        application.concept_answers = application.answers
        application.answers = {}
        application.submitted_at = None
        fields += ["stage", "concept_answers", "answers", "submitted_at"]
        application.assignments.all().delete()
    application.save(update_fields=fields)
    if action == "mark_ineligible":
        Decision.objects.update_or_create(
            application=application,
            defaults={"outcome": Outcome.REJECTED, "reason": message, "decided_by": actor},
        )
    audit_log_record(
        actor=actor,
        action=f"calls.application.{action}",
        target=application,
        data={"from": previous, "to": application.status, "message": message},
    )
    notify = {
        "request_changes": "changes_requested",
        "withdraw": "withdrawn",
        "invite_full": "invited_full",
    }.get(action)
    if notify:
        tasks.enqueue(tasks.application_notify, application.pk, notify)
    return application


@transaction.atomic
def applications_transition_all(*, actor, call: Call, action: str, from_status: str) -> int:
    """Bulk operator transition, e.g. move every screened application into review."""
    require_operator(actor)
    count = 0
    for application in call.applications.filter(status=from_status).order_by("pk"):
        application_transition(actor=actor, application=application, action=action)
        count += 1
    return count
