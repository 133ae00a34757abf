"""Reads of the calls app, including the counts the programmes app uses."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import translation

from samverkan.calls import scoring
from samverkan.calls.models import (
    Application,
    ApplicationStatus,
    Assignment,
    Call,
    CallStatus,
    Cohort,
    CohortMember,
    Decision,
    Offering,
    Review,
)


def call_list(*, user=None, status: str = "", query: str = "") -> QuerySet[Call]:
    calls = Call.objects.select_related("organiser").annotate(
        application_count=Count(
            "applications", filter=~Q(applications__status=ApplicationStatus.DRAFT)
        )
    )
    is_operator = bool(user and user.is_authenticated and (user.is_operator or user.is_superuser))
    if not is_operator:
        calls = calls.filter(status__in=[CallStatus.PUBLISHED, CallStatus.CLOSED])
    if status:
        calls = calls.filter(status=status)
    if query:
        calls = calls.filter(Q(title__icontains=query) | Q(description__icontains=query))
    return calls.order_by("-closes_at", "title")


def call_text(*, call: Call, language: str | None = None) -> dict[str, str]:
    """Title, description and eligibility in the language asked for, falling back to the call's."""
    language = language or translation.get_language() or "en"
    text = {"title": call.title, "description": call.description, "eligibility": call.eligibility}
    for item in call.translations.all():
        if item.language == language:
            text = {
                "title": item.title or call.title,
                "description": item.description or call.description,
                "eligibility": item.eligibility or call.eligibility,
            }
    return text


def application_list(
    *, call: Call, status: str = "", query: str = "", stage: str = ""
) -> QuerySet[Application]:
    applications = call.applications.select_related("organisation", "decision").annotate(
        assignment_count=Count("assignments", distinct=True),
        review_count=Count(
            "assignments", filter=Q(assignments__review__submitted_at__isnull=False), distinct=True
        ),
    )
    if status:
        applications = applications.filter(status=status)
    if stage:
        applications = applications.filter(stage=stage)
    if query:
        applications = applications.filter(
            Q(organisation__name__icontains=query) | Q(title__icontains=query)
        )
    return applications.order_by("organisation__name")


def application_list_for_user(*, user, status: str = "") -> QuerySet[Application]:
    applications = Application.objects.filter(organisation__memberships__user=user).select_related(
        "call", "organisation", "decision"
    )
    if status:
        applications = applications.filter(status=status)
    return applications.order_by("-created_at").distinct()


def assignment_list_for_user(*, user, call: Call | None = None, status: str = "") -> QuerySet:
    assignments = Assignment.objects.filter(reviewer__user=user).select_related(
        "application__organisation", "application__call", "review"
    )
    if call is not None:
        assignments = assignments.filter(application__call=call)
    if status == "open":
        assignments = assignments.filter(
            Q(review__isnull=True) | Q(review__submitted_at__isnull=True)
        )
    elif status == "submitted":
        assignments = assignments.filter(review__submitted_at__isnull=False)
    return assignments.order_by("application__call", "application__organisation__name")


def reviews_visible_to(*, user, application: Application) -> list[Review]:
    """Other reviewers' submitted reviews, only once the user has submitted their own."""
    own = Review.objects.filter(
        assignment__application=application, assignment__reviewer__user=user
    ).first()
    is_op = user.is_operator or user.is_superuser
    if not is_op and (own is None or own.submitted_at is None):
        return []
    return list(
        Review.objects.filter(assignment__application=application, submitted_at__isnull=False)
        .exclude(assignment__reviewer__user=user)
        .select_related("assignment__reviewer__user")
        .prefetch_related("scores__criterion")
    )


@dataclass
class RankingRow:
    application: Application
    totals: list[float]
    stats: scoring.RankingStats
    assigned: int
    rank: int = 0


def ranking(*, call: Call) -> list[RankingRow]:
    """Applications with submitted reviews, best mean first. Two queries in all."""
    applications = list(
        call.applications.filter(
            status__in=[
                ApplicationStatus.IN_REVIEW,
                ApplicationStatus.READY_FOR_DECISION,
                ApplicationStatus.SELECTED,
                ApplicationStatus.RESERVE,
                ApplicationStatus.REJECTED,
            ]
        )
        .exclude(decision__isnull=False, assignments__isnull=True)
        .select_related("organisation", "decision")
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=Assignment.objects.select_related("review").prefetch_related(
                    "review__scores__criterion"
                ),
            )
        )
        .distinct()
    )
    rows = []
    for application in applications:
        totals = []
        assignments = list(application.assignments.all())
        for assignment in assignments:
            review = getattr(assignment, "review", None)
            if review is None or review.submitted_at is None:
                continue
            total = scoring.review_total(
                scoring.CriterionScore(
                    value=s.value,
                    weight=s.criterion.weight,
                    scale_min=s.criterion.scale_min,
                    scale_max=s.criterion.scale_max,
                )
                for s in review.scores.all()
            )
            if total is not None:
                totals.append(total)
        rows.append(RankingRow(application, totals, scoring.stats(totals), len(assignments)))
    rows.sort(key=lambda r: (r.stats.mean is None, -(r.stats.mean or 0), r.application.pk))
    for position, row in enumerate(rows, start=1):
        row.rank = position
    return rows


def reviewer_load(*, call: Call) -> QuerySet:
    return call.reviewers.select_related("user").annotate(
        assigned=Count("assignments", distinct=True),
        submitted=Count(
            "assignments", filter=Q(assignments__review__submitted_at__isnull=False), distinct=True
        ),
        conflict_count=Count("conflicts", distinct=True),
    )


def decision_list(*, user, call: Call | None = None) -> QuerySet[Decision]:
    decisions = Decision.objects.select_related("application__organisation", "application__call")
    if not (user.is_operator or user.is_superuser):
        decisions = decisions.filter(application__organisation__memberships__user=user).distinct()
    if call is not None:
        decisions = decisions.filter(application__call=call)
    return decisions


# Counts for the programmes module (it reads these; calls never imports programmes).


def call_statistics(*, call: Call) -> dict[str, int]:
    counts = defaultdict(int)
    for status, n in call.applications.values_list("status").annotate(n=Count("id")).order_by():
        counts[status] = n
    submitted = sum(n for status, n in counts.items() if status != ApplicationStatus.DRAFT)
    return {
        "applications": submitted,
        "selected": counts[ApplicationStatus.SELECTED],
        "reserve": counts[ApplicationStatus.RESERVE],
        "rejected": counts[ApplicationStatus.REJECTED],
        "withdrawn": counts[ApplicationStatus.WITHDRAWN],
        "reviews": Assignment.objects.filter(
            application__call=call, review__submitted_at__isnull=False
        ).count(),
    }


def cohort_list() -> QuerySet[Cohort]:
    return Cohort.objects.select_related("call").annotate(
        member_count=Count("members", distinct=True),
        offering_count=Count("offerings", distinct=True),
    )


def cohort_members(*, cohort: Cohort) -> QuerySet[CohortMember]:
    return cohort.members.select_related("organisation")


def cohort_offerings(*, cohort: Cohort, kind: str = "") -> QuerySet[Offering]:
    offerings = cohort.offerings.select_related("follow_up_call")
    return offerings.filter(kind=kind) if kind else offerings


def cohort_organisation_ids(*, cohort: Cohort) -> list[int]:
    return list(cohort.members.values_list("organisation_id", flat=True))


def selected_organisations_for_programme(*, call_ids: Iterable[int]) -> QuerySet:
    """The organisations selected in any of these calls (each once), for programme counts."""
    from samverkan.catalog.models import Organisation

    return (
        Organisation.objects.filter(
            call_applications__call_id__in=list(call_ids),
            call_applications__status=ApplicationStatus.SELECTED,
        )
        .distinct()
        .order_by("name")
    )


def offerings_for_calls(*, call_ids: Iterable[int], kind: str = "") -> QuerySet[Offering]:
    """Offerings (trainings, network meetings, international contacts, financial support) of
    the cohorts that these calls formed; `event_id` links an offering to an events row."""
    offerings = Offering.objects.filter(cohort__call_id__in=list(call_ids)).select_related(
        "cohort", "follow_up_call"
    )
    return offerings.filter(kind=kind) if kind else offerings
