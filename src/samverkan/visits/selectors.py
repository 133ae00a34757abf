"""Reads of the visits app."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from samverkan.accounts.models import User
from samverkan.visits.models import (
    BookingPage,
    HostInvitation,
    HostStatus,
    ItineraryItem,
    VisitRequest,
    VisitStatus,
)
from samverkan.visits.services.tokens import sha256


def booking_page_get_active(*, slug: str) -> BookingPage | None:
    return (
        BookingPage.objects.select_related("organisation")
        .prefetch_related("goals", "focus_areas")
        .filter(slug=slug, is_active=True)
        .first()
    )


def booking_page_list() -> QuerySet[BookingPage]:
    return BookingPage.objects.select_related("organisation").annotate(
        request_count=Count("requests")
    )


def visit_request_by_token(*, token: str) -> VisitRequest | None:
    if not token:
        return None
    return (
        VisitRequest.objects.select_related("page__organisation", "goal")
        .prefetch_related("focus_areas", "date_ranges", "participants")
        .filter(status_token_hash=sha256(token), anonymised_at__isnull=True)
        .first()
    )


def visit_request_list(
    *,
    status: str = "",
    page_slug: str = "",
    assigned_to: int | None = None,
    query: str = "",
) -> QuerySet[VisitRequest]:
    visits = VisitRequest.objects.select_related("page__organisation", "goal", "assigned_to")
    if status:
        visits = visits.filter(status=status)
    if page_slug:
        visits = visits.filter(page__slug=page_slug)
    if assigned_to:
        visits = visits.filter(assigned_to_id=assigned_to)
    if query:
        visits = visits.filter(
            Q(reference__icontains=query)
            | Q(organiser_name__icontains=query)
            | Q(purpose__icontains=query)
        )
    return visits


def visit_request_detail(*, pk: int) -> VisitRequest | None:
    return (
        VisitRequest.objects.select_related("page__organisation", "goal", "assigned_to")
        .prefetch_related(
            "focus_areas",
            "date_ranges",
            "participants",
            Prefetch("comments", queryset=_comments()),
            Prefetch(
                "hosts",
                queryset=HostInvitation.objects.select_related("organisation").prefetch_related(
                    "windows"
                ),
            ),
            Prefetch(
                "itinerary",
                queryset=ItineraryItem.objects.select_related(
                    "host__organisation"
                ).prefetch_related("host__windows"),
            ),
            "opportunities",
        )
        .filter(pk=pk)
        .first()
    )


def _comments():
    from samverkan.visits.models import VisitComment

    return VisitComment.objects.select_related("author")


def staff_list() -> QuerySet[User]:
    return User.objects.filter(Q(is_operator=True) | Q(is_superuser=True), is_active=True)


def host_invitation_list_for_user(*, user) -> QuerySet[HostInvitation]:
    return (
        HostInvitation.objects.select_related("organisation", "request__page__organisation")
        .prefetch_related("windows")
        .filter(organisation__memberships__user=user)
        .exclude(request__status__in=[VisitStatus.DECLINED, VisitStatus.CANCELLED])
        .order_by("-created_at")
        .distinct()
    )


@dataclass(frozen=True)
class Conflict:
    first: ItineraryItem
    second: ItineraryItem
    kind: str  # "overlap" or "outside_availability"


def itinerary_conflicts(*, items: list[ItineraryItem]) -> list[Conflict]:
    """Overlapping items, and host items outside the host's accepted time windows."""
    conflicts: list[Conflict] = []
    ordered = sorted(items, key=lambda item: (item.start, item.end))
    for index, item in enumerate(ordered):
        for other in ordered[index + 1 :]:
            if other.start >= item.end:
                break
            conflicts.append(Conflict(item, other, "overlap"))
        host = item.host
        if host is not None:
            if host.status != HostStatus.ACCEPTED:
                conflicts.append(Conflict(item, item, "host_not_accepted"))
                continue
            windows = list(host.windows.all())
            if not any(w.start <= item.start and item.end <= w.end for w in windows):
                conflicts.append(Conflict(item, item, "outside_availability"))
    return conflicts


def visit_statistics(
    *,
    page: BookingPage | None = None,
    organisation_id: int | None = None,
    since=None,
    until=None,
) -> dict:
    """Counts that survive anonymisation, for the programme's indicators.

    `organisation_id` limits to booking pages of that organisation; `since`/`until` (dates)
    limit to requests received in that period.
    """
    visits = VisitRequest.objects.all()
    if page is not None:
        visits = visits.filter(page=page)
    if organisation_id is not None:
        visits = visits.filter(page__organisation_id=organisation_id)
    if since is not None:
        visits = visits.filter(created_at__date__gte=since)
    if until is not None:
        visits = visits.filter(created_at__date__lte=until)
    by_status = dict(visits.values_list("status").annotate(n=Count("id")).order_by())
    completed = visits.filter(status=VisitStatus.COMPLETED)
    totals = completed.aggregate(
        participants=Sum("expected_participants"),
        meetings=Sum("outcome__meetings_held"),
        leads=Sum("outcome__leads"),
    )
    opportunities: dict[str, int] = {}
    for country, count in completed.values_list("opportunities__country", "opportunities__count"):
        if country:
            opportunities[country] = opportunities.get(country, 0) + (count or 0)
    visitors: dict[str, int] = {}
    for countries in completed.values_list("participant_countries", flat=True):
        for country, count in (countries or {}).items():
            visitors[country] = visitors.get(country, 0) + count
    return {
        "requests": sum(by_status.values()),
        "by_status": by_status,
        "completed_visits": completed.count(),
        "participants": totals["participants"] or 0,
        "meetings_held": totals["meetings"] or 0,
        "leads": totals["leads"] or 0,
        "opportunities_by_country": opportunities,
        "visitors_by_country": visitors,
    }


def events_during_visit(*, visit: VisitRequest, limit: int = 5) -> list:
    """Events (B2B matchmaking days) on the visit's preferred dates, to suggest to operators."""
    from samverkan.events.models import Event

    overlap = Q(pk__in=[])
    for date_range in visit.date_ranges.all():
        overlap |= Q(start_date__lte=date_range.end, end_date__gte=date_range.start)
    return list(Event.objects.filter(overlap).order_by("start_date")[:limit])


def visit_days(*, visit: VisitRequest) -> list[tuple]:
    """The visit's date ranges: the itinerary's days once planned, else the preferred dates."""
    items = list(visit.itinerary.all())
    if items:
        days = sorted({item.start.date() for item in items} | {item.end.date() for item in items})
        return [(days[0], days[-1])]
    return [(r.start, r.end) for r in visit.date_ranges.all()]


def delegation_event_choices(*, visit: VisitRequest, today=None, limit: int = 50) -> list:
    """Open events the delegation could join: those on the visit's dates first (marked
    `coincides`), then the other open events that are not over."""
    from django.utils import timezone

    from samverkan.events.models import Event, EventStatus

    today = today or timezone.localdate()
    overlap = Q(pk__in=[])
    for start, end in visit_days(visit=visit):
        overlap |= Q(start_date__lte=end, end_date__gte=start)
    events = list(
        Event.objects.filter(
            status__in=[EventStatus.OPEN, EventStatus.PUBLISHED], end_date__gte=today
        )
        .annotate(coincides=Count("pk", filter=overlap))
        .order_by("-coincides", "start_date", "name", "pk")[:limit]
    )
    for event in events:
        event.coincides = bool(event.coincides)
    return events


def delegation_registrations(*, visit: VisitRequest) -> dict[int, list]:
    """{delegation member id: [events they are registered at through the visit]}."""
    from samverkan.events.models import ParticipantStatus
    from samverkan.visits.event_models import DelegationRegistration

    registrations = (
        DelegationRegistration.objects.filter(
            request=visit, participant__status=ParticipantStatus.REGISTERED
        )
        .select_related("event")
        .order_by("event__start_date", "event__name", "id")
    )
    result: dict[int, list] = {}
    for registration in registrations:
        result.setdefault(registration.member_id, []).append(registration.event)
    return result
