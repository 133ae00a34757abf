"""Reads of the events app. `meeting_outcome_list` is the contract with the programmes app."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet

from samverkan.events.models import (
    Event,
    EventStatus,
    FollowUp,
    Meeting,
    MeetingFeedback,
    MeetingRequest,
    MeetingStatus,
    Participant,
    ParticipantStatus,
    RequestStatus,
)


def event_list(*, user, q: str = "", status: str = "") -> QuerySet[Event]:
    events = Event.objects.select_related("organiser").annotate(
        participant_count=Count(
            "participants", filter=Q(participants__status=ParticipantStatus.REGISTERED)
        )
    )
    if not (user.is_authenticated and (user.is_operator or user.is_superuser)):
        org_ids = (
            list(user.memberships.values_list("organisation_id", flat=True))
            if user.is_authenticated
            else []
        )
        events = events.filter(
            ~Q(status=EventStatus.DRAFT)
            | Q(organiser_id__in=org_ids)
            | Q(co_organisers__in=org_ids)
        ).distinct()
    if q:
        events = events.filter(Q(name__icontains=q) | Q(venue__icontains=q))
    if status:
        events = events.filter(status=status)
    return events.order_by("-start_date", "name", "pk")


def participant_for(*, event: Event, user) -> Participant | None:
    if not user.is_authenticated:
        return None
    return (
        Participant.objects.filter(event=event, user=user, status=ParticipantStatus.REGISTERED)
        .select_related("organisation", "user")
        .first()
    )


def participant_list(
    *,
    event: Event,
    q: str = "",
    country: str = "",
    sector: str = "",
    exclude_organisation_id: int | None = None,
    include_cancelled: bool = False,
) -> QuerySet[Participant]:
    participants = Participant.objects.filter(event=event).select_related("user", "organisation")
    if not include_cancelled:
        participants = participants.filter(status=ParticipantStatus.REGISTERED)
    if q:
        participants = participants.filter(
            Q(organisation__name__icontains=q)
            | Q(user__full_name__icontains=q)
            | Q(offer__icontains=q)
            | Q(need__icontains=q)
        )
    if country:
        participants = participants.filter(organisation__country=country.upper())
    if sector:
        participants = participants.filter(
            organisation__sectors__code__startswith=sector
        ).distinct()
    if exclude_organisation_id:
        participants = participants.exclude(organisation_id=exclude_organisation_id)
    return participants.order_by("organisation__name", "user__full_name", "pk")


def request_list(
    *, participant: Participant | None = None, event: Event | None = None, status: str = ""
) -> QuerySet[MeetingRequest]:
    requests = MeetingRequest.objects.select_related(
        "sender__organisation", "sender__user", "recipient__organisation", "recipient__user"
    )
    if participant is not None:
        requests = requests.filter(Q(sender=participant) | Q(recipient=participant))
    if event is not None:
        requests = requests.filter(event=event)
    if status:
        requests = requests.filter(status=status)
    return requests.order_by("-created_at", "-pk")


def meeting_list(
    *, event: Event, participant: Participant | None = None, status: str = "", q: str = ""
) -> QuerySet[Meeting]:
    meetings = Meeting.objects.filter(event=event).select_related(
        "slot",
        "table",
        "participant_a__organisation",
        "participant_a__user",
        "participant_b__organisation",
        "participant_b__user",
    )
    if participant is not None:
        meetings = meetings.filter(Q(participant_a=participant) | Q(participant_b=participant))
    if status == "scheduled":
        meetings = meetings.filter(status=MeetingStatus.CONFIRMED, slot__isnull=False)
    elif status == "unscheduled":
        meetings = meetings.filter(status=MeetingStatus.CONFIRMED, slot__isnull=True)
    elif status:
        meetings = meetings.filter(status=status)
    if q:
        meetings = meetings.filter(
            Q(participant_a__organisation__name__icontains=q)
            | Q(participant_b__organisation__name__icontains=q)
        )
    return meetings.order_by("slot__starts_at", "table__number", "pk")


def agenda(*, participant: Participant) -> list[Meeting]:
    """A participant's confirmed meetings in time order (unscheduled ones last)."""
    meetings = meeting_list(event=participant.event, participant=participant).filter(
        status=MeetingStatus.CONFIRMED
    )
    meetings = meetings.prefetch_related(
        Prefetch(
            "feedback",
            queryset=MeetingFeedback.objects.filter(participant=participant),
            to_attr="own_feedback",
        )
    )
    return sorted(meetings, key=lambda m: (m.slot is None, m.slot.starts_at if m.slot else 0))


@dataclass
class Grid:
    slots: list
    tables: list
    rows: list  # [(slot, [meeting or None per table])]
    unscheduled: list


def schedule_grid(*, event: Event) -> Grid:
    slots = list(event.slots.order_by("starts_at"))
    tables = list(event.tables.order_by("number"))
    meetings = meeting_list(event=event).filter(status=MeetingStatus.CONFIRMED)
    cell: dict[tuple[int, int], Meeting] = {}
    unscheduled = []
    for meeting in meetings:
        if meeting.slot_id and meeting.table_id:
            cell[(meeting.slot_id, meeting.table_id)] = meeting
        else:
            unscheduled.append(meeting)
    rows = [(slot, [cell.get((slot.pk, t.pk)) for t in tables]) for slot in slots]
    return Grid(slots, tables, rows, unscheduled)


def latest_run(*, event: Event):
    return event.runs.order_by("-created_at", "-pk").first()


@dataclass
class Suggestion:
    participant: Participant
    score: float
    reasons: list[str]


def suggestion_list(*, participant: Participant, k: int = 5) -> list[Suggestion]:
    """Matchmaking suggestions from the matching core, ranked among this event's
    participants (their event profiles plus the catalogue's country, sectors, languages)."""
    from samverkan.core.matching.index import MatchIndex
    from samverkan.core.matching.model import MatchQuery
    from samverkan.core.matching.model import Organisation as MatchOrg

    others = list(
        participant_list(event=participant.event).prefetch_related("organisation__sectors")
    )
    by_org: dict[str, list[Participant]] = defaultdict(list)
    for other in others:
        by_org[str(other.organisation_id)].append(other)

    def profile(org_id: str, people: list[Participant]) -> MatchOrg:
        org = people[0].organisation
        return MatchOrg(
            id=org_id,
            name=org.name,
            kind=org.kind,
            country=org.country,
            sectors=tuple(s.name for s in org.sectors.all()),
            nace_codes=tuple(s.code for s in org.sectors.all()),
            offers=tuple(p.offer for p in people if p.offer),
            needs=tuple(p.need for p in people if p.need),
            languages=tuple(org.languages or ()),
        )

    index = MatchIndex.build(profile(oid, people) for oid, people in by_org.items())
    seeker = str(participant.organisation_id)
    already = set(
        MeetingRequest.objects.filter(
            Q(sender=participant) | Q(recipient=participant),
            status__in=[RequestStatus.PENDING, RequestStatus.ACCEPTED],
        ).values_list("sender__organisation_id", "recipient__organisation_id")
    )
    exclude = tuple({str(o) for pair in already for o in pair} - {seeker})
    query = MatchQuery(seeker_id=seeker, need=participant.need, exclude_ids=exclude)
    out = []
    for rec in index.recommend(query, k=k):
        people = by_org.get(rec.org_id) or []
        if people:
            out.append(Suggestion(people[0], rec.score, [r.text for r in rec.reasons]))
    return out


def event_statistics(*, event: Event) -> dict:
    """Numbers for the operator's statistics page and its CSV export."""
    participants = list(
        Participant.objects.filter(event=event)
        .select_related("organisation")
        .prefetch_related("organisation__sectors")
    )
    registered = [p for p in participants if p.status == ParticipantStatus.REGISTERED]
    requests = Counter(MeetingRequest.objects.filter(event=event).values_list("status", flat=True))
    meetings = Meeting.objects.filter(event=event, status=MeetingStatus.CONFIRMED)
    feedback = list(MeetingFeedback.objects.filter(meeting__event=event))
    held_ids = {f.meeting_id for f in feedback if f.held}
    ratings = [f.rating for f in feedback if f.rating]
    continues = [f.would_continue for f in feedback if f.would_continue is not None]
    by_country = Counter(p.organisation.country for p in registered)
    by_sector: Counter[str] = Counter()
    for p in registered:
        for sector in p.organisation.sectors.all() or [None]:
            by_sector[sector.name if sector else "—"] += 1
    return {
        "participants": len(registered),
        "organisations": len({p.organisation_id for p in registered}),
        "cancelled": len(participants) - len(registered),
        "checked_in": sum(1 for p in registered if p.checked_in_at),
        "no_shows": sum(1 for p in participants if p.no_show),
        "requests_sent": sum(requests.values()),
        "requests_accepted": requests[RequestStatus.ACCEPTED],
        "requests_declined": requests[RequestStatus.DECLINED],
        "requests_expired": requests[RequestStatus.EXPIRED],
        "requests_pending": requests[RequestStatus.PENDING],
        "meetings": meetings.count(),
        "meetings_scheduled": meetings.filter(slot__isnull=False).count(),
        "meetings_held": len(held_ids),
        "feedback_count": len(feedback),
        "average_rating": (
            (Decimal(sum(ratings)) / len(ratings)).quantize(Decimal("0.1")) if ratings else None
        ),
        "would_continue_share": (
            round(100 * sum(continues) / len(continues)) if continues else None
        ),
        "opportunities": sum(1 for f in feedback if f.opportunity),
        "by_country": sorted(by_country.items(), key=lambda kv: (-kv[1], kv[0])),
        "by_sector": sorted(by_sector.items(), key=lambda kv: (-kv[1], kv[0])),
    }


@dataclass(frozen=True)
class MeetingOutcome:
    """One participant's view of one meeting, as the programmes app counts it."""

    event_id: int
    meeting_id: int
    participant_id: int
    organisation_id: int
    organisation_country: str
    other_organisation_id: int
    other_organisation_country: str
    meeting_date: datetime | None
    held: bool | None
    rating: int | None
    would_continue: bool | None
    follow_up_interest: bool
    opportunity: bool
    opportunity_country: str
    opportunity_value: Decimal | None
    opportunity_currency: str
    contract: bool | None
    contract_country: str
    contract_value: Decimal | None
    contract_currency: str


def meeting_outcome_list(
    *,
    event_ids=None,
    organisation_ids=None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> list[MeetingOutcome]:
    """Feedback on confirmed meetings joined with the follow-up survey, one record per
    participant who answered. `since`/`until` filter on the meeting's slot start."""
    feedback = MeetingFeedback.objects.select_related(
        "meeting__slot",
        "participant__organisation",
        "meeting__participant_a__organisation",
        "meeting__participant_b__organisation",
    ).filter(meeting__status=MeetingStatus.CONFIRMED)
    if event_ids is not None:
        feedback = feedback.filter(meeting__event_id__in=list(event_ids))
    if organisation_ids is not None:
        feedback = feedback.filter(participant__organisation_id__in=list(organisation_ids))
    if since is not None:
        feedback = feedback.filter(meeting__slot__starts_at__gte=since)
    if until is not None:
        feedback = feedback.filter(meeting__slot__starts_at__lt=until)
    feedback = list(feedback.order_by("meeting_id", "participant_id"))
    followups = {
        (f.meeting_id, f.participant_id): f
        for f in FollowUp.objects.filter(
            meeting_id__in={f.meeting_id for f in feedback}, answered_at__isnull=False
        )
    }
    out = []
    for f in feedback:
        meeting = f.meeting
        other = meeting.other(f.participant)
        follow = followups.get((f.meeting_id, f.participant_id))
        out.append(
            MeetingOutcome(
                event_id=meeting.event_id,
                meeting_id=meeting.pk,
                participant_id=f.participant_id,
                organisation_id=f.participant.organisation_id,
                organisation_country=f.participant.organisation.country,
                other_organisation_id=other.organisation_id,
                other_organisation_country=other.organisation.country,
                meeting_date=meeting.slot.starts_at if meeting.slot else None,
                held=f.held,
                rating=f.rating,
                would_continue=f.would_continue,
                follow_up_interest=f.follow_up_interest,
                opportunity=f.opportunity,
                opportunity_country=f.opportunity_country,
                opportunity_value=f.opportunity_value,
                opportunity_currency=f.opportunity_currency,
                contract=follow.contract if follow else None,
                contract_country=follow.contract_country if follow else "",
                contract_value=follow.contract_value if follow else None,
                contract_currency=follow.contract_currency if follow else "",
            )
        )
    return out
