"""Operator side of calls: states, form questions, screening, assignment, ranking, decisions.

Every operation needs `calls.manage_calls` (operators): 401 without credentials, 403 for
applicants and reviewers, 404 for unknown ids, 422 with the service's message otherwise.
Operations on paths that calls.py already serves with another method (POST /calls,
PATCH /calls/{id}, POST /calls/{id}/questions, GET /calls/{id}/applications) are declared
there and call the functions here, because one URL pattern serves one router.
"""

import zoneinfo
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from samverkan.api.problems import Problem
from samverkan.calls import selectors, services
from samverkan.calls.models import (
    Application,
    ApplicationStatus,
    Call,
    Question,
)
from samverkan.calls.workflow import DECISION_ACTIONS, OPERATOR, TRANSITIONS
from samverkan.catalog.models import Organisation
from samverkan.common.permissions import api_permission

prefix = "/"
router = Router(tags=["calls: operators"])

ERRORS = {401: Problem, 403: Problem, 404: Problem, 422: Problem}
MANAGE = "calls.manage_calls"


# Schemas ---------------------------------------------------------------------------------


class CallIn(Schema):
    title: str = Field(..., max_length=255)
    organiser_id: int
    description: str = ""
    eligibility: str = ""
    time_zone: str = "Europe/Stockholm"
    opens_at: datetime
    closes_at: datetime
    is_two_stage: bool = False
    concept_closes_at: datetime | None = None
    budget: Decimal | None = Field(None, max_digits=14, decimal_places=2)
    currency: str = Field("SEK", min_length=3, max_length=3)
    eligible_kinds: list[str] = []
    eligible_countries: list[str] = []
    reviewers_per_application: int = Field(3, ge=1, le=20)


class CallPatch(Schema):
    title: str | None = Field(None, max_length=255)
    organiser_id: int | None = None
    description: str | None = None
    eligibility: str | None = None
    time_zone: str | None = None
    opens_at: datetime | None = None
    closes_at: datetime | None = None
    is_two_stage: bool | None = None
    concept_closes_at: datetime | None = None
    budget: Decimal | None = Field(None, max_digits=14, decimal_places=2)
    currency: str | None = Field(None, min_length=3, max_length=3)
    eligible_kinds: list[str] | None = None
    eligible_countries: list[str] | None = None
    reviewers_per_application: int | None = Field(None, ge=1, le=20)


class CallAdminOut(Schema):
    id: int
    slug: str
    title: str
    description: str
    eligibility: str
    organiser_id: int
    status: str
    time_zone: str
    opens_at: datetime
    closes_at: datetime
    is_two_stage: bool
    concept_closes_at: datetime | None
    budget: Decimal | None
    currency: str
    eligible_kinds: list[str]
    eligible_countries: list[str]
    restricted_to_cohort_id: int | None
    reviewers_per_application: int


class QuestionIn(Schema):
    stage: str = "full"
    label: str = Field(..., min_length=1, max_length=500)
    help_text: str = Field("", max_length=500)
    kind: str
    required: bool = True
    choices: list[str] = []
    max_length: int | None = Field(None, ge=1, le=100_000)
    min_value: Decimal | None = Field(None, max_digits=14, decimal_places=2)
    max_value: Decimal | None = Field(None, max_digits=14, decimal_places=2)
    allowed_extensions: list[str] = []
    max_file_size_mb: int = Field(5, ge=1, le=50)


class QuestionPatch(Schema):
    stage: str | None = None
    label: str | None = Field(None, min_length=1, max_length=500)
    help_text: str | None = Field(None, max_length=500)
    kind: str | None = None
    required: bool | None = None
    choices: list[str] | None = None
    max_length: int | None = Field(None, ge=1, le=100_000)
    min_value: Decimal | None = Field(None, max_digits=14, decimal_places=2)
    max_value: Decimal | None = Field(None, max_digits=14, decimal_places=2)
    allowed_extensions: list[str] | None = None
    max_file_size_mb: int | None = Field(None, ge=1, le=50)


class QuestionAdminOut(Schema):
    id: int
    key: str
    stage: str
    position: int
    label: str
    help_text: str
    kind: str
    required: bool
    choices: list[str]
    max_length: int | None
    min_value: Decimal | None
    max_value: Decimal | None
    allowed_extensions: list[str]
    max_file_size_mb: int


class MoveIn(Schema):
    up: bool


class ApplicationFilters(Schema):
    status: str = ""
    stage: str = ""
    q: str = Field("", max_length=200)


class ApplicationAdminOut(Schema):
    id: int
    call_id: int
    organisation_id: int
    organisation: str
    title: str
    stage: str
    status: str
    answers: dict[str, Any]
    concept_answers: dict[str, Any]
    submitted_at: datetime | None
    change_request: str
    assignment_count: int = 0
    review_count: int = 0
    outcome: str | None = None

    @staticmethod
    def resolve_organisation(obj) -> str:
        return obj.organisation.name

    @staticmethod
    def resolve_outcome(obj) -> str | None:
        decision = getattr(obj, "decision", None)
        return decision.outcome if decision else None


class TransitionIn(Schema):
    action: str
    message: str = Field("", max_length=5000)


class BulkTransitionIn(Schema):
    action: str
    from_status: str


class CountOut(Schema):
    count: int


# Helpers used here and by calls.py ---------------------------------------------------------


def call_get(call_id: int) -> Call:
    return get_object_or_404(Call.objects.select_related("organiser"), pk=call_id)


def _aware(value: datetime | None, zone_name: str) -> datetime | None:
    """Times without an offset are wall-clock times in the call's own zone."""
    if value is None or timezone.is_aware(value):
        return value
    try:
        zone = zoneinfo.ZoneInfo(zone_name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationError({"time_zone": "Unknown time zone."}) from exc
    return timezone.make_aware(value, zone)


def _call_fields(data: dict[str, Any], zone_name: str) -> dict[str, Any]:
    if "organiser_id" in data:
        organiser = Organisation.objects.filter(pk=data.pop("organiser_id")).first()
        if organiser is None:
            raise ValidationError({"organiser_id": "No organisation with this id."})
        data["organiser"] = organiser
    for name in ("opens_at", "closes_at", "concept_closes_at"):
        if name in data:
            data[name] = _aware(data[name], data.get("time_zone") or zone_name)
    return data


def call_create_from(request, payload: CallIn) -> Call:
    data = payload.dict()
    return services.call_create(actor=request.user, **_call_fields(data, data["time_zone"]))


def call_update_from(request, call: Call, payload: CallPatch) -> Call:
    data = payload.dict(exclude_unset=True)
    nullable = {"concept_closes_at", "budget"}
    data = {k: v for k, v in data.items() if v is not None or k in nullable}
    return services.call_update(actor=request.user, call=call, **_call_fields(data, call.time_zone))


def question_create_from(request, call: Call, payload: QuestionIn) -> Question:
    return services.question_create(actor=request.user, call=call, **payload.dict())


def application_list_for_call(call: Call, filters: ApplicationFilters):
    return selectors.application_list(
        call=call, status=filters.status, stage=filters.stage, query=filters.q
    )


def _question(call_id: int, question_id: int) -> Question:
    return get_object_or_404(Question.objects.select_related("call"), pk=question_id, call=call_id)


def application_get(call_id: int, application_id: int) -> Application:
    return get_object_or_404(
        Application.objects.select_related("organisation", "call"), pk=application_id, call=call_id
    )


# Call states -----------------------------------------------------------------------------


@router.post("/calls/{call_id}/publish", response={200: CallAdminOut, **ERRORS})
@api_permission(MANAGE)
def publish_call(request, call_id: int):
    """Publish a draft call (it needs questions for each stage)."""
    return services.call_publish(actor=request.user, call=call_get(call_id))


@router.post("/calls/{call_id}/close", response={200: CallAdminOut, **ERRORS})
@api_permission(MANAGE)
def close_call(request, call_id: int):
    """Close a published call."""
    return services.call_close(actor=request.user, call=call_get(call_id))


# Questions (create: POST /calls/{id}/questions in calls.py) ------------------------------


@router.get(
    "/calls/{call_id}/form",
    response={200: list[QuestionAdminOut], **ERRORS},
    summary="All questions",
)
@api_permission(MANAGE)
def form_questions(request, call_id: int):
    """The questions with ids and positions, in any state of the call."""
    return list(call_get(call_id).questions.all())


@router.patch(
    "/calls/{call_id}/questions/{question_id}", response={200: QuestionAdminOut, **ERRORS}
)
@api_permission(MANAGE)
def update_question(request, call_id: int, question_id: int, payload: QuestionPatch):
    """Edit a question. Once applications are submitted only the wording may change (422)."""
    question = _question(call_id, question_id)
    data = payload.dict(exclude_unset=True)
    nullable = {"max_length", "min_value", "max_value"}
    data = {k: v for k, v in data.items() if v is not None or k in nullable}
    return services.question_update(actor=request.user, question=question, **data)


@router.delete("/calls/{call_id}/questions/{question_id}", response={204: None, **ERRORS})
@api_permission(MANAGE)
def delete_question(request, call_id: int, question_id: int):
    services.question_delete(actor=request.user, question=_question(call_id, question_id))
    return Status(204, None)


@router.post(
    "/calls/{call_id}/questions/{question_id}/move",
    response={200: list[QuestionAdminOut], **ERRORS},
)
@api_permission(MANAGE)
def move_question(request, call_id: int, question_id: int, payload: MoveIn):
    """Move a question one place up or down within its stage; returns the new order."""
    question = _question(call_id, question_id)
    services.question_move(actor=request.user, question=question, up=payload.up)
    return list(question.call.questions.filter(stage=question.stage))


# Screening and workflow (list: GET /calls/{id}/applications in calls.py) ----------------


@router.post(
    "/calls/{call_id}/applications/{application_id}/transition",
    response={200: ApplicationAdminOut, **ERRORS},
)
@api_permission(MANAGE)
def transition_application(request, call_id: int, application_id: int, payload: TransitionIn):
    """start_screening, request_changes (message), mark_ineligible (message), start_review,
    ready_for_decision, invite_full (two-stage)."""
    transition = TRANSITIONS.get(payload.action)
    if transition is None or transition.role != OPERATOR or payload.action in DECISION_ACTIONS:
        allowed = sorted(
            a for a, t in TRANSITIONS.items() if t.role == OPERATOR and a not in DECISION_ACTIONS
        )
        raise ValidationError(
            {"action": f"Unknown action “{payload.action}”; use one of: {', '.join(allowed)}."}
        )
    return services.application_transition(
        actor=request.user,
        application=application_get(call_id, application_id),
        action=payload.action,
        message=payload.message,
    )


@router.post("/calls/{call_id}/applications/transition", response={200: CountOut, **ERRORS})
@api_permission(MANAGE)
def transition_all(request, call_id: int, payload: BulkTransitionIn):
    """Move every application of a state on, e.g. all screened into review (all or nothing)."""
    if TRANSITIONS.get(payload.action) is None or TRANSITIONS[payload.action].role != OPERATOR:
        raise ValidationError({"action": f"Unknown action “{payload.action}”."})
    if payload.from_status not in ApplicationStatus.values:
        raise ValidationError({"from_status": f"Unknown status “{payload.from_status}”."})
    count = services.applications_transition_all(
        actor=request.user,
        call=call_get(call_id),
        action=payload.action,
        from_status=payload.from_status,
    )
    return {"count": count}
