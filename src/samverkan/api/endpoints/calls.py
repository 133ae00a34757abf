"""Calls, own applications, assigned reviews and decisions."""

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from samverkan.api.auth import OPTIONAL_AUTH
from samverkan.api.endpoints import calls_admin as admin
from samverkan.api.pagination import Pagination
from samverkan.api.problems import Problem
from samverkan.calls import selectors, services
from samverkan.calls.models import Application, Assignment, Call, CallStatus
from samverkan.catalog.models import Organisation
from samverkan.common.permissions import api_permission

prefix = "/"
router = Router(tags=["calls"])


class CallOut(Schema):
    id: int
    slug: str
    title: str
    description: str
    eligibility: str
    organiser: str
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

    @staticmethod
    def resolve_organiser(obj) -> str:
        return obj.organiser.name


class QuestionOut(Schema):
    id: int
    key: str
    stage: str
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


class CallFilters(Schema):
    q: str = ""
    status: str = ""


class ApplicationIn(Schema):
    organisation_id: int
    title: str
    answers: dict[str, Any] = {}
    submit: bool = True


class ApplicationOut(Schema):
    id: int
    call_id: int
    organisation_id: int
    organisation: str
    title: str
    stage: str
    status: str
    answers: dict[str, Any]
    submitted_at: datetime | None
    change_request: str

    @staticmethod
    def resolve_organisation(obj) -> str:
        return obj.organisation.name


class ReviewIn(Schema):
    scores: dict[int, int]
    comment: str = ""
    submit: bool = False


class AssignmentOut(Schema):
    id: int
    application_id: int
    organisation: str
    call: str
    submitted: bool

    @staticmethod
    def resolve_organisation(obj) -> str:
        return obj.application.organisation.name

    @staticmethod
    def resolve_call(obj) -> str:
        return obj.application.call.title

    @staticmethod
    def resolve_submitted(obj) -> bool:
        review = getattr(obj, "review", None)
        return bool(review and review.submitted_at)


class DecisionOut(Schema):
    application_id: int
    organisation: str
    call: str
    outcome: str
    reason: str
    letter_sent_at: datetime | None

    @staticmethod
    def resolve_organisation(obj) -> str:
        return obj.application.organisation.name

    @staticmethod
    def resolve_call(obj) -> str:
        return obj.application.call.title


def _visible_call(request, call_id: int) -> Call:
    call = get_object_or_404(Call.objects.select_related("organiser"), pk=call_id)
    if not request.user.has_perm("calls.view_call", call):
        raise Http404("No such call.")
    return call


@router.get(
    "/calls",
    response=list[CallOut],
    auth=OPTIONAL_AUTH,
    summary="Published calls (operators also see drafts)",
)
@api_permission("calls.list_calls")
@paginate(Pagination)
def list_calls(request, filters: Query[CallFilters]):
    return selectors.call_list(user=request.user, status=filters.status, query=filters.q)


@router.post(
    "/calls",
    response={201: admin.CallAdminOut, **admin.ERRORS},
    summary="Create a call (operators; it starts as a draft)",
)
@api_permission(admin.MANAGE)
def create_call(request, payload: admin.CallIn):
    return Status(201, admin.call_create_from(request, payload))


@router.patch(
    "/calls/{call_id}",
    response={200: admin.CallAdminOut, **admin.ERRORS},
    summary="Change a call (operators); times without an offset are in the call's zone",
)
@api_permission(admin.MANAGE)
def update_call(request, call_id: int, payload: admin.CallPatch):
    return admin.call_update_from(request, admin.call_get(call_id), payload)


@router.get(
    "/calls/{call_id}",
    response={200: CallOut, 404: Problem},
    auth=OPTIONAL_AUTH,
    summary="One call",
)
@api_permission("calls.list_calls")
def get_call(request, call_id: int):
    return _visible_call(request, call_id)


@router.get(
    "/calls/{call_id}/questions",
    response={200: list[QuestionOut], 404: Problem},
    auth=OPTIONAL_AUTH,
    summary="The application form of a call",
)
@api_permission("calls.list_calls")
def call_questions(request, call_id: int):
    return list(_visible_call(request, call_id).questions.all())


@router.post(
    "/calls/{call_id}/questions",
    response={201: admin.QuestionAdminOut, **admin.ERRORS},
    summary="Add a question to the form (operators; refused once applications are submitted)",
)
@api_permission(admin.MANAGE)
def create_question(request, call_id: int, payload: admin.QuestionIn):
    return Status(201, admin.question_create_from(request, admin.call_get(call_id), payload))


@router.get(
    "/calls/{call_id}/applications",
    response={200: list[admin.ApplicationAdminOut], **admin.ERRORS},
    summary="All applications of a call (operators); filters status, stage, q",
)
@api_permission(admin.MANAGE)
@paginate(Pagination)
def call_applications(request, call_id: int, filters: Query[admin.ApplicationFilters]):
    return admin.application_list_for_call(admin.call_get(call_id), filters)


@router.post(
    "/calls/{call_id}/applications",
    response={201: ApplicationOut, 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    summary="Apply to a call for one of my organisations (and submit unless submit=false)",
)
@api_permission("calls.apply")
def apply(request, call_id: int, payload: ApplicationIn):
    call = _visible_call(request, call_id)
    if call.status != CallStatus.PUBLISHED:
        raise ValidationError("This call is not open for applications.")
    organisation = get_object_or_404(Organisation, pk=payload.organisation_id)
    if not services.is_applicant(request.user, organisation.pk):
        raise PermissionDenied(
            f"You are not a member of {organisation.name}, so you may not apply on its behalf."
        )
    application = services.application_create(
        actor=request.user,
        call=call,
        organisation=organisation,
        title=payload.title,
        answers=payload.answers,
    )
    if payload.submit:
        application = services.application_submit(actor=request.user, application=application)
    return Status(201, application)


@router.get(
    "/applications",
    response=list[ApplicationOut],
    summary="Applications of the organisations I belong to",
)
@api_permission("calls.list_own")
@paginate(Pagination)
def my_applications(request, status: str = ""):
    return selectors.application_list_for_user(user=request.user, status=status)


def _application(request, application_id: int, **_ignored) -> Application:
    return get_object_or_404(Application.objects.select_related("organisation"), pk=application_id)


@router.get(
    "/applications/{application_id}",
    response={200: ApplicationOut, 401: Problem, 403: Problem, 404: Problem},
    summary="One application I may see",
)
@api_permission("calls.view_application", obj_getter=_application)
def get_application(request, application_id: int):
    return _application(request, application_id)


@router.post(
    "/applications/{application_id}/submit",
    response={200: ApplicationOut, 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    summary="Submit (or resubmit) a draft application",
)
@api_permission("calls.change_application", obj_getter=_application)
def submit_application(request, application_id: int):
    application = _application(request, application_id)
    return services.application_submit(actor=request.user, application=application)


@router.post(
    "/applications/{application_id}/withdraw",
    response={200: ApplicationOut, 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    summary="Withdraw an application",
)
@api_permission("calls.change_application", obj_getter=_application)
def withdraw_application(request, application_id: int):
    application = _application(request, application_id)
    return services.application_transition(
        actor=request.user, application=application, action="withdraw"
    )


@router.get("/reviews", response=list[AssignmentOut], summary="Applications assigned to me")
@api_permission("calls.list_own")
@paginate(Pagination)
def my_reviews(request, status: str = ""):
    return selectors.assignment_list_for_user(user=request.user, status=status)


def _assignment(request, assignment_id: int, **_ignored) -> Assignment:
    return get_object_or_404(
        Assignment.objects.select_related("reviewer", "application__call"), pk=assignment_id
    )


@router.put(
    "/reviews/{assignment_id}",
    response={200: AssignmentOut, 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    summary="Score an assigned application (criterion id → score); submit makes it final",
)
@api_permission("calls.review_assignment", obj_getter=_assignment)
def save_review(request, assignment_id: int, payload: ReviewIn):
    assignment = _assignment(request, assignment_id)
    services.review_save(
        actor=request.user,
        assignment=assignment,
        scores={k: {"value": v} for k, v in payload.scores.items()},
        comment=payload.comment,
        submit=payload.submit,
    )
    return _assignment(request, assignment_id)


@router.get(
    "/decisions",
    response=list[DecisionOut],
    summary="Decisions on my organisations' applications (operators: all)",
)
@api_permission("calls.list_own")
@paginate(Pagination)
def decisions(request, call_id: int | None = None):
    call = get_object_or_404(Call, pk=call_id) if call_id else None
    return selectors.decision_list(user=request.user, call=call)
