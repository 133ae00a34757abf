"""Visit requests: the public booking (POST), the operators' list, one request and its
workflow (transition, assignment, comments). Hosts, itinerary, results and the delegation at
events are in `visits_programme`, under the same prefix."""

from datetime import date, datetime

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils import translation
from django.utils.datastructures import MultiValueDict
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from samverkan.api.auth import OPTIONAL_AUTH
from samverkan.api.pagination import Pagination
from samverkan.api.problems import Problem
from samverkan.common.permissions import api_permission
from samverkan.visits import phrases, selectors
from samverkan.visits.forms import BookingSubmission
from samverkan.visits.models import VisitRequest
from samverkan.visits.services import submission, workflow

prefix = "/visit-requests"
router = Router(tags=["visits"])


class DateRangeIn(Schema):
    start: date
    end: date


class ParticipantIn(Schema):
    name: str
    organisation: str = ""
    title: str = ""
    country: str = ""
    email: str = ""


class OrganiserIn(Schema):
    name: str
    email: str
    message: str = ""


class VisitRequestIn(Schema):
    booking_page: str
    language: str = "en"
    goal: str
    purpose: str
    focus_areas: list[str] = []
    focus_explanation: str = ""
    wants_company_meetings: bool
    company_wishes: str = ""
    special_wishes: str = ""
    preferred_dates: list[DateRangeIn] = []
    expected_participants: int
    participants: list[ParticipantIn] = []
    participant_note: str = ""
    organiser: OrganiserIn
    costs_acknowledged: bool
    privacy_consent: bool


class CreatedOut(Schema):
    reference: str
    status: str


# Form field names → API field paths, for error messages.
_API_NAMES = {
    "organiser_name": "organiser.name",
    "organiser_email": "organiser.email",
    "organiser_message": "organiser.message",
    "dates": "preferred_dates",
    "form": "",
}


def _api_field(name: str) -> str:
    head, _, rest = name.partition(".")
    head = _API_NAMES.get(head, "preferred_dates" if head == "dates" else head)
    return ".".join(part for part in (head, rest) if part) or "__all__"


def _form_data(payload: VisitRequestIn) -> MultiValueDict:
    data = MultiValueDict(
        {
            "goal": [payload.goal],
            "purpose": [payload.purpose],
            "focus_areas": list(payload.focus_areas),
            "focus_explanation": [payload.focus_explanation],
            "wants_company_meetings": ["yes" if payload.wants_company_meetings else "no"],
            "company_wishes": [payload.company_wishes],
            "special_wishes": [payload.special_wishes],
            "expected_participants": [str(payload.expected_participants)],
            "participant_note": [payload.participant_note],
            "organiser_name": [payload.organiser.name],
            "organiser_email": [payload.organiser.email],
            "organiser_message": [payload.organiser.message],
        }
    )
    if payload.costs_acknowledged:
        data["costs_acknowledged"] = "on"
    if payload.privacy_consent:
        data["privacy_consent"] = "on"
    for prefix_, rows in (
        ("dates", [row.dict() for row in payload.preferred_dates]),
        ("participants", [row.dict() for row in payload.participants]),
    ):
        data[f"{prefix_}-TOTAL_FORMS"] = str(len(rows))
        data[f"{prefix_}-INITIAL_FORMS"] = "0"
        for index, row in enumerate(rows):
            for key, value in row.items():
                data[f"{prefix_}-{index}-{key}"] = str(value)
    return data


@router.post(
    "",
    response={201: CreatedOut, 404: Problem, 422: Problem, 429: Problem},
    auth=OPTIONAL_AUTH,
    summary="Book a visit (public, rate-limited)",
    description="Takes the booking form's answers. Answers 201 with the request's `reference`, "
    "or 422 with one error per field and nothing stored. The organiser receives an e-mail with "
    "a private link to the request's status.",
)
@api_permission("visits.book")
def visit_request_create(request, payload: VisitRequestIn):
    if "\x00" in payload.booking_page:
        raise DjangoValidationError({"booking_page": [str(phrases.NOT_ACCEPTING)]})
    page = selectors.booking_page_get_active(slug=payload.booking_page)
    if page is None:
        raise DjangoValidationError({"booking_page": [str(phrases.NOT_ACCEPTING)]})
    language = payload.language if payload.language in page.languages else None
    address = request.META.get("REMOTE_ADDR")
    if submission.submission_is_rate_limited(client_address=address):
        raise HttpError(429, str(phrases.RATE_LIMITED))
    with translation.override(language or translation.get_language()):
        booking = BookingSubmission(_form_data(payload), page=page)
        valid = booking.is_valid()
        errors: dict[str, list[str]] = {}
        if not valid:
            for name, messages in booking.errors_by_field().items():
                errors.setdefault(_api_field(name), []).extend(str(m) for m in messages)
        if language is None:
            errors["language"] = [
                str(phrases.LANGUAGE_NOT_OFFERED) % {"languages": ", ".join(page.languages)}
            ]
        if errors:
            raise DjangoValidationError(errors)
    visit, _token = submission.visit_request_submit(
        page=page, data=booking.to_data(), language=language, client_address=address
    )
    return Status(201, {"reference": visit.reference, "status": visit.status})


# --- operators -----------------------------------------------------------------------------


class VisitRequestOut(Schema):
    id: int
    reference: str
    status: str
    booking_page: str
    language: str
    goal: str
    expected_participants: int
    organiser_name: str
    assigned_to: str | None
    created_at: datetime
    closed_at: datetime | None

    @staticmethod
    def resolve_booking_page(obj) -> str:
        return obj.page.slug

    @staticmethod
    def resolve_goal(obj) -> str:
        return obj.goal.code

    @staticmethod
    def resolve_assigned_to(obj) -> str | None:
        return obj.assigned_to.email if obj.assigned_to else None


class DateRangeOut(Schema):
    start: date
    end: date


class ParticipantOut(Schema):
    position: int
    name: str
    organisation: str
    title: str
    country: str
    email: str


class VisitRequestDetailOut(VisitRequestOut):
    purpose: str
    focus_areas: list[str]
    focus_explanation: str
    wants_company_meetings: bool
    company_wishes: str
    special_wishes: str
    participant_note: str
    organiser_email: str
    organiser_message: str
    decision_reason: str
    preferred_dates: list[DateRangeOut]
    participants: list[ParticipantOut]
    allowed_transitions: list[str]

    @staticmethod
    def resolve_focus_areas(obj) -> list[str]:
        return [area.code for area in obj.focus_areas.all()]

    @staticmethod
    def resolve_preferred_dates(obj):
        return list(obj.date_ranges.all())

    @staticmethod
    def resolve_participants(obj):
        return list(obj.participants.all())

    @staticmethod
    def resolve_allowed_transitions(obj) -> list[str]:
        return workflow.allowed_transitions(obj)


class VisitFilters(Schema):
    status: str = ""
    q: str = ""
    booking_page: str = ""


def visit_or_404(request, visit_id: int, **kwargs) -> VisitRequest:
    visit = selectors.visit_request_detail(pk=visit_id)
    if visit is None:
        raise Http404("No such visit request.")
    return visit


def visit_for_permission(request, visit_id: int, **kwargs) -> VisitRequest | None:
    """The object for the permission check: None if missing, so that users without the
    permission get 403 whether or not the id exists (the operation answers 404 after)."""
    return VisitRequest.objects.filter(pk=visit_id).first()


@router.get("/statistics", summary="Counts for the programme's indicators")
@api_permission("visits.view_statistics")
def visit_statistics(request):
    return selectors.visit_statistics()


@router.get("", response=list[VisitRequestOut], summary="List visit requests (operators)")
@api_permission("visits.view_request_list")
@paginate(Pagination)
def visit_request_list(request, filters: Query[VisitFilters]):
    return selectors.visit_request_list(
        status=filters.status, query=filters.q, page_slug=filters.booking_page
    )


@router.get(
    "/{visit_id}", response={200: VisitRequestDetailOut, 404: Problem}, summary="One request"
)
@api_permission("visits.view_request", obj_getter=visit_for_permission)
def visit_request_detail(request, visit_id: int):
    return visit_or_404(request, visit_id)


class TransitionIn(Schema):
    status: str
    reason: str = ""
    comment: str = ""


@router.post(
    "/{visit_id}/transition",
    response={200: VisitRequestDetailOut, 404: Problem, 422: Problem},
    summary="Move the request to another status",
)
@api_permission("visits.change_request", obj_getter=visit_for_permission)
def visit_request_transition(request, visit_id: int, payload: TransitionIn):
    visit = visit_or_404(request, visit_id)
    workflow.visit_request_transition(actor=request.user, visit=visit, **payload.dict())
    return visit_or_404(request, visit_id)


class AssignIn(Schema):
    assignee_id: int | None = None


@router.post(
    "/{visit_id}/assign",
    response={200: VisitRequestDetailOut, 404: Problem, 422: Problem},
    summary="Assign the request to a staff member (or nobody)",
)
@api_permission("visits.change_request", obj_getter=visit_for_permission)
def visit_request_assign(request, visit_id: int, payload: AssignIn):
    visit = visit_or_404(request, visit_id)
    assignee = None
    if payload.assignee_id is not None:
        assignee = selectors.staff_list().filter(pk=payload.assignee_id).first()
        if assignee is None:
            raise DjangoValidationError({"assignee_id": ["Not a staff member."]})
    workflow.visit_request_assign(actor=request.user, visit=visit, assignee=assignee)
    return visit_or_404(request, visit_id)


class CommentIn(Schema):
    body: str


@router.post(
    "/{visit_id}/comments",
    response={201: dict, 404: Problem, 422: Problem},
    summary="Add an internal comment",
)
@api_permission("visits.change_request", obj_getter=visit_for_permission)
def visit_request_comment(request, visit_id: int, payload: CommentIn):
    comment = workflow.visit_comment_add(
        actor=request.user, visit=visit_or_404(request, visit_id), body=payload.body
    )
    return Status(201, {"id": comment.pk})
