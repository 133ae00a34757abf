"""Operator side of calls, part two: assessment group, assignment, ranking, decisions, cohort.

Same contract as calls_admin: `calls.manage_calls` on every operation; 401/403/404/422 as
RFC 9457 problem details; lists paginated.
"""

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from samverkan.accounts.models import User
from samverkan.api.endpoints.calls_admin import (
    ERRORS,
    MANAGE,
    CountOut,
    application_get,
    call_get,
)
from samverkan.api.pagination import Pagination
from samverkan.calls import selectors, services
from samverkan.calls.models import Assignment, Cohort, Reviewer
from samverkan.common.permissions import api_permission

prefix = "/"
router = Router(tags=["calls: operators"])


class ReviewerIn(Schema):
    user_id: int


class ReviewerOut(Schema):
    id: int
    user_id: int
    name: str
    assigned: int = 0
    submitted: int = 0
    conflict_count: int = 0

    @staticmethod
    def resolve_name(obj) -> str:
        return str(obj.user)


class AssignmentIn(Schema):
    application_id: int
    reviewer_id: int


class AssignmentAdminOut(Schema):
    id: int
    application_id: int
    reviewer_id: int
    reviewer: str
    organisation: str
    is_automatic: bool
    submitted: bool

    @staticmethod
    def resolve_reviewer(obj) -> str:
        return str(obj.reviewer.user)

    @staticmethod
    def resolve_organisation(obj) -> str:
        return obj.application.organisation.name

    @staticmethod
    def resolve_submitted(obj) -> bool:
        review = getattr(obj, "review", None)
        return bool(review and review.submitted_at)


class AutoAssignOut(Schema):
    created: int
    short: dict[int, int]
    load: dict[int, int]


class RankingOut(Schema):
    rank: int
    application_id: int
    organisation: str
    status: str
    reviews: int
    assigned: int
    mean: float | None
    spread: float | None
    agreement: float | None
    outcome: str | None


class DecisionIn(Schema):
    application_id: int
    outcome: str
    reason: str = Field(..., max_length=5000)


class DecisionsIn(Schema):
    decisions: list[DecisionIn] = Field(..., min_length=1, max_length=500)


class DecisionAdminOut(Schema):
    application_id: int
    organisation: str
    outcome: str
    reason: str
    letter_sent_at: datetime | None

    @staticmethod
    def resolve_organisation(obj) -> str:
        return obj.application.organisation.name


class CohortIn(Schema):
    name: str = Field("", max_length=255)


class CohortOut(Schema):
    id: int
    call_id: int
    name: str
    members: list[dict[str, Any]]
    offerings: list[dict[str, Any]]


# Assessment group and assignment ----------------------------------------------------------


@router.get("/calls/{call_id}/reviewers", response={200: list[ReviewerOut], **ERRORS})
@api_permission(MANAGE)
@paginate(Pagination)
def reviewers(request, call_id: int):
    return selectors.reviewer_load(call=call_get(call_id))


@router.post("/calls/{call_id}/reviewers", response={201: ReviewerOut, **ERRORS})
@api_permission(MANAGE)
def add_reviewer(request, call_id: int, payload: ReviewerIn):
    call = call_get(call_id)
    user = User.objects.filter(pk=payload.user_id, is_active=True).first()
    if user is None:
        raise ValidationError({"user_id": "No active user with this id."})
    return Status(201, services.reviewer_add(actor=request.user, call=call, user=user))


@router.get("/calls/{call_id}/assignments", response={200: list[AssignmentAdminOut], **ERRORS})
@api_permission(MANAGE)
@paginate(Pagination)
def assignments(request, call_id: int, reviewer_id: int | None = None):
    found = Assignment.objects.filter(application__call=call_get(call_id)).select_related(
        "application__organisation", "reviewer__user", "review"
    )
    return found.filter(reviewer_id=reviewer_id) if reviewer_id else found


@router.post("/calls/{call_id}/assignments", response={201: AssignmentAdminOut, **ERRORS})
@api_permission(MANAGE)
def assign_by_hand(request, call_id: int, payload: AssignmentIn):
    """Assign one reviewer; a conflict of interest is refused with the reason (422)."""
    application = application_get(call_id, payload.application_id)
    reviewer = get_object_or_404(Reviewer.objects.select_related("user"), pk=payload.reviewer_id)
    assignment = services.assignment_create(
        actor=request.user, application=application, reviewer=reviewer
    )
    return Status(201, assignment)


@router.post("/calls/{call_id}/assignments/auto", response={200: AutoAssignOut, **ERRORS})
@api_permission(MANAGE)
def assign_automatically(request, call_id: int):
    """Balance load and respect conflicts; `short` lists applications lacking reviewers."""
    result = services.assignments_auto(actor=request.user, call=call_get(call_id))
    return {"created": len(result.new), "short": result.short, "load": result.load}


@router.delete("/calls/{call_id}/assignments/{assignment_id}", response={204: None, **ERRORS})
@api_permission(MANAGE)
def unassign(request, call_id: int, assignment_id: int):
    assignment = get_object_or_404(
        Assignment.objects.select_related("reviewer__user", "application"),
        pk=assignment_id,
        application__call=call_id,
    )
    services.assignment_remove(actor=request.user, assignment=assignment)
    return Status(204, None)


# Ranking, decisions, letters, cohort ------------------------------------------------------


@router.get("/calls/{call_id}/ranking", response={200: list[RankingOut], **ERRORS})
@api_permission(MANAGE)
@paginate(Pagination)
def ranking(request, call_id: int):
    """Best mean first, with spread and agreement (see docs/calls.md)."""
    return [
        {
            "rank": row.rank,
            "application_id": row.application.pk,
            "organisation": row.application.organisation.name,
            "status": row.application.status,
            "reviews": row.stats.count,
            "assigned": row.assigned,
            "mean": row.stats.mean,
            "spread": row.stats.spread,
            "agreement": row.stats.agreement,
            "outcome": getattr(getattr(row.application, "decision", None), "outcome", None),
        }
        for row in selectors.ranking(call=call_get(call_id))
    ]


@router.post("/calls/{call_id}/decisions", response={201: list[DecisionAdminOut], **ERRORS})
@api_permission(MANAGE)
def decide(request, call_id: int, payload: DecisionsIn):
    """Record decisions (selected, reserve, rejected) with reasons; all or nothing."""
    call = call_get(call_id)
    ids = [item.application_id for item in payload.decisions]
    found = {a.pk: a for a in call.applications.filter(pk__in=ids).select_related("organisation")}
    missing = sorted(set(ids) - set(found))
    if missing:
        raise ValidationError(
            {"decisions": f"Not applications of this call: {', '.join(map(str, missing))}."}
        )
    items = [(found[i.application_id], i.outcome, i.reason) for i in payload.decisions]
    decisions = services.decisions_make_many(actor=request.user, items=items)
    return Status(201, decisions)


@router.post("/calls/{call_id}/letters", response={200: CountOut, **ERRORS})
@api_permission(MANAGE)
def send_letters(request, call_id: int):
    """Queue a decision letter for every decision not yet sent (recipient's language)."""
    return {"count": services.decision_letters_send(actor=request.user, call=call_get(call_id))}


def _cohort_out(cohort: Cohort) -> dict[str, Any]:
    return {
        "id": cohort.pk,
        "call_id": cohort.call_id,
        "name": cohort.name,
        "members": [
            {"organisation_id": m.organisation_id, "organisation": m.organisation.name}
            for m in selectors.cohort_members(cohort=cohort)
        ],
        "offerings": [
            {
                "id": o.pk,
                "kind": o.kind,
                "title": o.title,
                "starts_at": o.starts_at,
                "event_id": o.event_id,
                "follow_up_call_id": o.follow_up_call_id,
            }
            for o in selectors.cohort_offerings(cohort=cohort)
        ],
    }


@router.post("/calls/{call_id}/cohort", response={201: CohortOut, **ERRORS})
@api_permission(MANAGE)
def create_cohort(request, call_id: int, payload: CohortIn):
    """The selected organisations become the cohort (422 if it exists or nobody is selected)."""
    cohort = services.cohort_create(actor=request.user, call=call_get(call_id), name=payload.name)
    return Status(201, _cohort_out(cohort))


@router.get("/calls/{call_id}/cohort", response={200: CohortOut, **ERRORS})
@api_permission(MANAGE)
def get_cohort(request, call_id: int):
    return _cohort_out(get_object_or_404(Cohort, call=call_get(call_id)))
