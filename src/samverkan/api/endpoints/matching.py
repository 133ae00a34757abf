"""Matchmaking: suggested partners with reasons, feedback, saved searches, expressions of
interest and contacts.

Suggestions are visible to the organisation's members and operators; private profiles are
never suggested to outsiders. Reasons carry a stable `code` and a `text` in the caller's
language. Feedback `not_relevant` removes the partner from the organisation's next
suggestions.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from samverkan.api.pagination import Pagination
from samverkan.api.problems import Problem
from samverkan.catalog.models import Organisation
from samverkan.common.permissions import api_permission
from samverkan.matching import selectors, services
from samverkan.matching.models import ExpressionOfInterest, SavedSearch, SuggestionFeedback

prefix = "/matching"
router = Router(tags=["matching"])


class ReasonOut(Schema):
    code: str
    text: str


class SuggestionOut(Schema):
    organisation_id: int
    name: str
    slug: str
    country: str
    kind: str
    score: float
    reasons: list[ReasonOut]
    feedback: str


class FeedbackIn(Schema):
    suggested_id: int
    verdict: str = Field(..., description="`relevant` or `not_relevant`")
    reason_codes: list[str] = []


class FeedbackOut(Schema):
    organisation_id: int
    suggested_id: int
    verdict: str
    updated_at: datetime


class SavedSearchIn(Schema):
    name: str = Field(..., max_length=200)
    organisation_id: int | None = None
    need: str = Field("", max_length=4000)
    country: str = Field("", max_length=2)
    region: str = Field("", max_length=5)
    sector: str = Field("", max_length=8)
    alerts_enabled: bool = True


class SavedSearchOut(Schema):
    id: int
    name: str
    organisation_id: int | None
    need: str
    country: str
    region: str
    sector: str
    alerts_enabled: bool
    last_alert_at: datetime | None
    created_at: datetime


class InterestIn(Schema):
    from_organisation_id: int
    to_organisation_id: int
    subject: str = Field("general", description="`offer`, `need` or `general`")
    message: str = Field(..., max_length=2000)


class DecisionIn(Schema):
    response: str = Field("", max_length=2000)


class InterestOut(Schema):
    id: int
    from_organisation_id: int
    from_organisation: str
    to_organisation_id: int
    to_organisation: str
    subject: str
    message: str
    status: str
    response: str
    created_at: datetime
    decided_at: datetime | None

    @staticmethod
    def resolve_from_organisation(obj) -> str:
        return obj.from_organisation.name

    @staticmethod
    def resolve_to_organisation(obj) -> str:
        return obj.to_organisation.name


class ContactOut(Schema):
    id: int
    organisation_a_id: int
    organisation_a: str
    organisation_b_id: int
    organisation_b: str
    interest_id: int | None
    created_at: datetime

    @staticmethod
    def resolve_organisation_a(obj) -> str:
        return obj.organisation_a.name

    @staticmethod
    def resolve_organisation_b(obj) -> str:
        return obj.organisation_b.name


class InterestFilters(Schema):
    direction: str = Field("", description="`sent`, `received` or empty for both")
    status: str = Field("", description="`pending`, `accepted`, `declined` or `withdrawn`")


def _organisation(request, organisation_id: int, **kwargs):
    return get_object_or_404(Organisation, pk=organisation_id)


def _search(request, search_id: int, **kwargs):
    return get_object_or_404(SavedSearch, pk=search_id)


def _interest(request, interest_id: int, **kwargs):
    return get_object_or_404(ExpressionOfInterest, pk=interest_id)


def _suggestion_out(s: selectors.Suggestion) -> SuggestionOut:
    org = s.organisation
    return SuggestionOut(
        organisation_id=org.pk,
        name=org.name,
        slug=org.slug,
        country=org.country,
        kind=org.kind,
        score=round(s.score, 4),
        reasons=[ReasonOut(code=c, text=t) for c, t in s.reasons],
        feedback=s.verdict,
    )


@router.get(
    "/organisations/{organisation_id}/suggestions",
    response={200: list[SuggestionOut], 401: Problem, 403: Problem, 404: Problem},
    summary="Suggested partners for an organisation, best first, with reasons",
)
@api_permission("matching.view_suggestions", obj_getter=_organisation)
def suggestion_list(request, organisation_id: int, k: int = Query(10, ge=1, le=50)):
    organisation = get_object_or_404(Organisation, pk=organisation_id)
    results = selectors.suggestion_list(organisation=organisation, user=request.user, k=k)
    return [_suggestion_out(s) for s in results]


@router.get(
    "/organisations/{organisation_id}/feedback",
    response={200: list[FeedbackOut], 401: Problem, 403: Problem, 404: Problem},
    summary="Feedback the organisation gave on suggestions",
)
@api_permission("matching.view_suggestions", obj_getter=_organisation)
@paginate(Pagination)
def feedback_list(request, organisation_id: int):
    return SuggestionFeedback.objects.filter(organisation_id=organisation_id).order_by("-id")


@router.post(
    "/organisations/{organisation_id}/feedback",
    response={201: FeedbackOut, 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    summary="Mark a suggested partner relevant or not relevant",
)
@api_permission("matching.give_feedback", obj_getter=_organisation)
def feedback_set(request, organisation_id: int, payload: FeedbackIn):
    organisation = get_object_or_404(Organisation, pk=organisation_id)
    suggested = get_object_or_404(Organisation, pk=payload.suggested_id)
    feedback = services.suggestion_feedback_set(
        actor=request.user,
        organisation=organisation,
        suggested=suggested,
        verdict=payload.verdict,
        reason_codes=payload.reason_codes,
    )
    return Status(201, feedback)


@router.get(
    "/searches",
    response={200: list[SavedSearchOut], 401: Problem},
    summary="My saved searches",
)
@api_permission("matching.manage_saved_searches")
@paginate(Pagination)
def search_list(request):
    return selectors.saved_search_list(user=request.user)


def _search_data(payload: SavedSearchIn) -> dict:
    data = payload.dict()
    org_id = data.pop("organisation_id")
    data["organisation"] = get_object_or_404(Organisation, pk=org_id) if org_id else None
    return data


@router.post(
    "/searches",
    response={201: SavedSearchOut, 401: Problem, 422: Problem},
    summary="Save a search; new matching organisations are e-mailed to you",
)
@api_permission("matching.manage_saved_searches")
def search_create(request, payload: SavedSearchIn):
    return Status(201, services.saved_search_create(actor=request.user, data=_search_data(payload)))


@router.put(
    "/searches/{search_id}",
    response={200: SavedSearchOut, 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    summary="Change a saved search",
)
@api_permission("matching.change_saved_search", obj_getter=_search)
def search_update(request, search_id: int, payload: SavedSearchIn):
    search = get_object_or_404(SavedSearch, pk=search_id)
    return services.saved_search_update(
        actor=request.user, search=search, data=_search_data(payload)
    )


@router.delete(
    "/searches/{search_id}",
    response={204: None, 401: Problem, 403: Problem, 404: Problem},
    summary="Delete a saved search",
)
@api_permission("matching.change_saved_search", obj_getter=_search)
def search_delete(request, search_id: int):
    services.saved_search_delete(
        actor=request.user, search=get_object_or_404(SavedSearch, pk=search_id)
    )
    return Status(204, None)


@router.get(
    "/searches/{search_id}/results",
    response={200: list[SuggestionOut], 401: Problem, 403: Problem, 404: Problem},
    summary="What the saved search finds now, best first",
)
@api_permission("matching.change_saved_search", obj_getter=_search)
def search_results(request, search_id: int, k: int = Query(20, ge=1, le=50)):
    search = get_object_or_404(SavedSearch.objects.select_related("organisation"), pk=search_id)
    return [
        _suggestion_out(s)
        for s in selectors.saved_search_results(search=search, user=request.user, k=k)
    ]


@router.get(
    "/interests",
    response={200: list[InterestOut], 401: Problem},
    summary="Expressions of interest sent or received by my organisations",
)
@api_permission("matching.view_interests")
@paginate(Pagination)
def interest_list(request, filters: Query[InterestFilters]):
    return selectors.interest_list(
        user=request.user, direction=filters.direction, status=filters.status
    )


@router.post(
    "/interests",
    response={201: InterestOut, 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    summary="Express interest in another organisation's offer or need",
)
@api_permission("matching.view_interests")
def interest_create(request, payload: InterestIn):
    target = get_object_or_404(Organisation, pk=payload.to_organisation_id)
    if not request.user.has_perm("matching.express_interest", target):
        raise PermissionDenied
    interest = services.interest_create(
        actor=request.user,
        from_organisation=get_object_or_404(Organisation, pk=payload.from_organisation_id),
        to_organisation=target,
        subject=payload.subject,
        message=payload.message,
    )
    return Status(201, interest)


@router.get(
    "/interests/{interest_id}",
    response={200: InterestOut, 401: Problem, 403: Problem, 404: Problem},
    summary="One expression of interest",
)
@api_permission("matching.view_interest", obj_getter=_interest)
def interest_detail(request, interest_id: int):
    return _interest(request, interest_id)


@router.post(
    "/interests/{interest_id}/accept",
    response={200: InterestOut, 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    summary="Accept (the recipient); the two organisations become contacts",
)
@api_permission("matching.decide_interest", obj_getter=_interest)
def interest_accept(request, interest_id: int, payload: DecisionIn):
    interest = _interest(request, interest_id)
    services.interest_accept(actor=request.user, interest=interest, response=payload.response)
    return _interest(request, interest_id)


@router.post(
    "/interests/{interest_id}/decline",
    response={200: InterestOut, 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    summary="Decline (the recipient)",
)
@api_permission("matching.decide_interest", obj_getter=_interest)
def interest_decline(request, interest_id: int, payload: DecisionIn):
    interest = _interest(request, interest_id)
    return services.interest_decline(
        actor=request.user, interest=interest, response=payload.response
    )


@router.get(
    "/contacts",
    response={200: list[ContactOut], 401: Problem},
    summary="Contacts of my organisations (accepted expressions of interest)",
)
@api_permission("matching.view_interests")
@paginate(Pagination)
def contact_list(request):
    return selectors.contact_list(user=request.user)
