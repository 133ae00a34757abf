"""Records from the events and visits apps (upstream of programmes) for the indicators.

An `Activity` linked to an `events.Event` or a `visits.VisitRequest` brings in that work:

* events: registered participants (organisations supported), confirmed meetings (meetings
  held, cross-border cooperation), meeting feedback (opportunities, would continue,
  satisfaction) and the follow-up survey months later (contracts), through
  `events.selectors.meeting_outcome_list`;
* visits: accepted hosts (organisations supported), the outcome's meetings held, business
  opportunities by country and the organiser's feedback (would continue, satisfaction).

programmes reads them; events and visits never import programmes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.programmes.indicators.records import Record, Scope

HUNDRED, ZERO = Decimal(100), Decimal(0)


def _linked(scope: Scope, field: str) -> dict[int, tuple[int, str, date]]:
    """{event or visit id: (project id, project label, activity date)} for the scope."""
    from samverkan.programmes.models import Activity

    rows = (
        Activity.objects.filter(**{f"{field}__isnull": False}, **scope.project_filter())
        .select_related("project")
        .order_by("starts_on", "pk")
    )
    return {
        getattr(row, f"{field}_id"): (row.project_id, str(row.project), row.starts_on)
        for row in rows
    }


def _day(value, fallback: date) -> date:
    return timezone.localdate(value) if value else fallback


@dataclass(frozen=True)
class EventMeeting:
    project_id: int
    project: str
    day: date
    pk: int
    event_slug: str
    a: object
    b: object


def event_meetings(scope: Scope) -> list[EventMeeting]:
    from samverkan.events.models import Event, MeetingStatus
    from samverkan.events.selectors import meeting_list

    linked = _linked(scope, "event")
    result = []
    for event in Event.objects.filter(pk__in=linked):
        project_id, project, _fallback = linked[event.pk]
        for meeting in meeting_list(event=event, status=MeetingStatus.CONFIRMED):
            day = _day(meeting.slot.starts_at if meeting.slot else None, event.start_date)
            if scope.contains(day):
                result.append(
                    EventMeeting(
                        project_id,
                        project,
                        day,
                        meeting.pk,
                        event.slug,
                        meeting.participant_a.organisation,
                        meeting.participant_b.organisation,
                    )
                )
    return result


def meetings(scope: Scope) -> list[Record]:
    from samverkan.visits.models import VisitRequest

    records = [
        Record(
            kind=_("event meeting"),
            label=f"{m.a.name} - {m.b.name}",
            day=m.day,
            organisation=m.a.name,
            country=m.a.country,
            region=m.a.region_id or "",
            project=m.project,
            url=f"/events/{m.event_slug}/",
            ref=f"events.meeting:{m.pk}",
            project_id=m.project_id,
        )
        for m in event_meetings(scope)
    ]
    linked = _linked(scope, "visit")
    for visit in VisitRequest.objects.filter(pk__in=linked).select_related("outcome"):
        outcome = getattr(visit, "outcome", None)
        project_id, project, day = linked[visit.pk]
        if outcome is None or not outcome.meetings_held or not scope.contains(day):
            continue
        records.append(
            Record(
                kind=_("visit outcome"),
                label=visit.reference,
                day=day,
                value=Decimal(outcome.meetings_held),
                project=project,
                project_id=project_id,
                ref=f"visits.visitoutcome:{outcome.pk}",
            )
        )
    return records


def supported_organisations(scope: Scope, *, companies_only: bool) -> list[Record]:
    from samverkan.events.models import Event
    from samverkan.events.selectors import participant_list
    from samverkan.visits.models import HostInvitation, HostStatus

    records = []
    linked = _linked(scope, "event")
    for event in Event.objects.filter(pk__in=linked):
        project_id, project, _start = linked[event.pk]
        if not scope.contains(event.start_date):
            continue
        seen = set()
        for participant in participant_list(event=event):
            organisation = participant.organisation
            if organisation.pk in seen or (companies_only and organisation.kind != "company"):
                continue
            seen.add(organisation.pk)
            records.append(
                Record(
                    kind=_("event participant"),
                    label=f"{organisation.name} - {event.name}",
                    day=event.start_date,
                    organisation=organisation.name,
                    country=organisation.country,
                    region=organisation.region_id or "",
                    project=project,
                    project_id=project_id,
                    ref=f"events.participant:{participant.pk}",
                    key=f"organisation:{organisation.pk}",
                    url=f"/events/{event.slug}/",
                )
            )
    linked = _linked(scope, "visit")
    hosts = HostInvitation.objects.filter(
        request_id__in=linked, status=HostStatus.ACCEPTED
    ).select_related("organisation", "request")
    for host in hosts:
        project_id, project, day = linked[host.request_id]
        organisation = host.organisation
        if not scope.contains(day) or (companies_only and organisation.kind != "company"):
            continue
        records.append(
            Record(
                kind=_("visit host"),
                label=f"{organisation.name} - {host.request.reference}",
                day=day,
                organisation=organisation.name,
                country=organisation.country,
                region=organisation.region_id or "",
                project=project,
                project_id=project_id,
                ref=f"visits.hostinvitation:{host.pk}",
                key=f"organisation:{organisation.pk}",
            )
        )
    return records


def cross_border_pairs(scope: Scope) -> list[EventMeeting]:
    return [m for m in event_meetings(scope) if m.a.country != m.b.country]


def _outcomes(scope: Scope):
    from samverkan.events.selectors import meeting_outcome_list

    linked = _linked(scope, "event")
    if not linked:
        return []
    result = []
    for outcome in meeting_outcome_list(event_ids=list(linked)):
        project_id, project, fallback = linked[outcome.event_id]
        day = _day(outcome.meeting_date, fallback)
        if scope.contains(day):
            result.append((outcome, project_id, project, day))
    return result


def _names(outcomes) -> dict[int, str]:
    from samverkan.catalog.models import Organisation

    ids = {o.organisation_id for o, *_rest in outcomes}
    return dict(Organisation.objects.filter(pk__in=ids).values_list("pk", "name"))


def visit_outcomes(scope: Scope, *, kind: str) -> list[Record]:
    """Opportunities (meeting feedback, visit opportunities) or contracts (follow-ups)."""
    from samverkan.visits.models import BusinessOpportunity

    outcomes = _outcomes(scope)
    names = _names(outcomes)
    records = []
    for outcome, project_id, project, day in outcomes:
        name = names.get(outcome.organisation_id, "")
        if kind == "opportunity" and outcome.opportunity:
            records.append(
                Record(
                    kind=_("meeting feedback"),
                    label=name,
                    day=day,
                    organisation=name,
                    country=outcome.opportunity_country,
                    project=project,
                    project_id=project_id,
                    ref=f"events.meeting:{outcome.meeting_id}",
                )
            )
        if kind == "contract" and outcome.contract:
            value = outcome.contract_value
            records.append(
                Record(
                    kind=_("event follow-up"),
                    label=name,
                    day=day,
                    organisation=name,
                    country=outcome.contract_country,
                    project=project,
                    project_id=project_id,
                    ref=f"events.meeting:{outcome.meeting_id}",
                    detail=f"{value} {outcome.contract_currency}" if value is not None else "",
                )
            )
    if kind == "opportunity":
        linked = _linked(scope, "visit")
        rows = BusinessOpportunity.objects.filter(request_id__in=linked).select_related("request")
        for row in rows:
            project_id, project, day = linked[row.request_id]
            if scope.contains(day):
                records.append(
                    Record(
                        kind=_("visit outcome"),
                        label=f"{row.request.reference} {row.description}",
                        day=day,
                        value=Decimal(row.count),
                        country=row.country,
                        project=project,
                        project_id=project_id,
                        ref=f"visits.businessopportunity:{row.pk}",
                    )
                )
    return records


def contract_amounts(scope: Scope) -> list[tuple[Decimal, str, date, Record]]:
    """(amount, currency, date, record) of contracts from event follow-ups, for their value."""
    result = []
    for record in visit_outcomes(scope, kind="contract"):
        if record.detail:
            amount, currency = record.detail.split(" ", 1)
            result.append((Decimal(amount), currency, record.day, record))
    return result


def opinions(scope: Scope, *, key: str) -> list[Record]:
    """would_continue: yes = 100, no = 0; satisfaction: rating 4-5 = 100, 1-3 = 0."""
    from samverkan.visits.models import FeedbackResponse

    outcomes = _outcomes(scope)
    names = _names(outcomes)
    records = []
    for outcome, project_id, project, day in outcomes:
        answer = outcome.would_continue if key == "would_continue" else outcome.rating
        if answer is None:
            continue
        positive = answer if key == "would_continue" else answer >= 4
        name = names.get(outcome.organisation_id, "")
        records.append(
            Record(
                kind=_("meeting feedback"),
                label=name,
                day=day,
                organisation=name,
                value=HUNDRED if positive else ZERO,
                project=project,
                project_id=project_id,
                ref=f"events.meeting:{outcome.meeting_id}",
            )
        )
    linked = _linked(scope, "visit")
    for feedback in FeedbackResponse.objects.filter(request_id__in=linked).select_related(
        "request"
    ):
        project_id, project, day = linked[feedback.request_id]
        if not scope.contains(day):
            continue
        positive = feedback.would_continue if key == "would_continue" else feedback.rating >= 4
        records.append(
            Record(
                kind=_("visit feedback"),
                label=feedback.request.reference,
                day=day,
                value=HUNDRED if positive else ZERO,
                project=project,
                project_id=project_id,
                ref=f"visits.feedbackresponse:{feedback.pk}",
            )
        )
    return records
