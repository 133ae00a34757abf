"""Visit requests, the programme side: host suggestions and invitations, the hosts'
answers, the itinerary, the results, and delegation members registered at events."""

from datetime import date, datetime

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from samverkan.api.endpoints.visits import visit_for_permission, visit_or_404
from samverkan.api.problems import Problem
from samverkan.catalog.models import Organisation
from samverkan.common.permissions import api_permission
from samverkan.visits import selectors
from samverkan.visits.models import HostInvitation, VisitRequest
from samverkan.visits.services import hosts, itinerary, results
from samverkan.visits.suggestions import host_suggestions

prefix = "/visit-requests"
router = Router(tags=["visits"])


class SuggestionOut(Schema):
    organisation_id: int
    organisation_name: str
    score: int
    reasons: list[str]


@router.get(
    "/{visit_id}/host-suggestions",
    response={200: list[SuggestionOut], 404: Problem},
    summary="Suggested host organisations, with reasons",
)
@api_permission("visits.manage_hosts", obj_getter=visit_for_permission)
def visit_host_suggestions(request, visit_id: int):
    return [
        SuggestionOut(
            organisation_id=s.organisation.pk,
            organisation_name=s.organisation.name,
            score=s.score,
            reasons=s.reasons,
        )
        for s in host_suggestions(visit=visit_or_404(request, visit_id))
    ]


class WindowIO(Schema):
    start: datetime
    end: datetime


class HostOut(Schema):
    id: int
    organisation_id: int
    organisation_name: str
    status: str
    reasons: list[str]
    windows: list[WindowIO]

    @staticmethod
    def resolve_organisation_name(obj) -> str:
        return obj.organisation.name

    @staticmethod
    def resolve_windows(obj):
        return list(obj.windows.all())


class HostInviteIn(Schema):
    organisation_id: int
    message: str = ""


@router.post(
    "/{visit_id}/hosts",
    response={201: HostOut, 404: Problem, 422: Problem},
    summary="Invite a catalogue organisation to host the delegation",
)
@api_permission("visits.manage_hosts", obj_getter=visit_for_permission)
def visit_host_invite(request, visit_id: int, payload: HostInviteIn):
    visit = visit_or_404(request, visit_id)
    organisation = get_object_or_404(Organisation, pk=payload.organisation_id)
    reasons = next(
        (
            s.reasons
            for s in host_suggestions(visit=visit, limit=50)
            if s.organisation == organisation
        ),
        [],
    )
    host = hosts.host_invite(
        actor=request.user,
        visit=visit,
        organisation=organisation,
        reasons=reasons,
        message=payload.message,
    )
    return Status(201, host)


class HostResponseIn(Schema):
    accept: bool
    windows: list[WindowIO] = []
    note: str = ""


def _host(request, visit_id: int, host_id: int, **kwargs) -> HostInvitation | None:
    return (
        HostInvitation.objects.select_related("organisation", "request")
        .filter(pk=host_id, request_id=visit_id)
        .first()
    )


@router.post(
    "/{visit_id}/hosts/{host_id}/response",
    response={200: HostOut, 404: Problem, 422: Problem},
    summary="A host accepts (with available times) or declines",
)
@api_permission("visits.respond_host_invitation", obj_getter=_host)
def visit_host_respond(request, visit_id: int, host_id: int, payload: HostResponseIn):
    host = _host(request, visit_id, host_id)
    if host is None:
        raise Http404("No such host invitation.")
    host = hosts.host_respond(
        actor=request.user,
        host=host,
        accept=payload.accept,
        windows=[(w.start, w.end) for w in payload.windows],
        note=payload.note,
    )
    return host


class ItemIn(Schema):
    kind: str
    title: str
    start: datetime
    end: datetime
    location: str = ""
    host_id: int | None = None
    notes: str = ""


class ItemOut(Schema):
    id: int
    kind: str
    title: str
    start: datetime
    end: datetime
    location: str
    host_id: int | None
    notes: str


class ItineraryOut(Schema):
    items: list[ItemOut]
    conflicts: list[str]


def _itinerary(visit: VisitRequest) -> dict:
    items = list(visit.itinerary.select_related("host").prefetch_related("host__windows"))
    conflicts = selectors.itinerary_conflicts(items=items)
    return {
        "items": items,
        "conflicts": [f"{c.kind}: {c.first.title} / {c.second.title}" for c in conflicts],
    }


@router.get(
    "/{visit_id}/itinerary",
    response={200: ItineraryOut, 404: Problem},
    summary="The itinerary with its conflicts",
)
@api_permission("visits.view_request", obj_getter=visit_for_permission)
def visit_itinerary(request, visit_id: int):
    return _itinerary(visit_or_404(request, visit_id))


@router.post(
    "/{visit_id}/itinerary",
    response={201: ItineraryOut, 404: Problem, 422: Problem},
    summary="Add an item to the itinerary",
)
@api_permission("visits.manage_itinerary", obj_getter=visit_for_permission)
def visit_itinerary_add(request, visit_id: int, payload: ItemIn):
    visit = visit_or_404(request, visit_id)
    data = payload.dict()
    host_id = data.pop("host_id")
    host = None
    if host_id is not None:
        host = visit.hosts.filter(pk=host_id).first()
        if host is None:
            raise DjangoValidationError({"host_id": ["This host is not invited to this visit."]})
    itinerary.itinerary_item_add(actor=request.user, visit=visit, host=host, **data)
    return Status(201, _itinerary(visit))


class OpportunityIn(Schema):
    country: str
    count: int
    description: str = ""


class OutcomeIn(Schema):
    meetings_held: int
    leads: int
    notes: str = ""
    opportunities: list[OpportunityIn] = []


@router.put(
    "/{visit_id}/outcome",
    response={200: dict, 404: Problem, 422: Problem},
    summary="Record the visit's results",
)
@api_permission("visits.record_results", obj_getter=visit_for_permission)
def visit_outcome(request, visit_id: int, payload: OutcomeIn):
    visit = visit_or_404(request, visit_id)
    outcome = results.visit_outcome_record(
        actor=request.user,
        visit=visit,
        meetings_held=payload.meetings_held,
        leads=payload.leads,
        notes=payload.notes,
        opportunities=[(o.country, o.count, o.description) for o in payload.opportunities],
    )
    return {"meetings_held": outcome.meetings_held, "leads": outcome.leads}


class DelegationEventOut(Schema):
    id: int
    slug: str
    name: str
    start_date: date
    end_date: date
    coincides: bool = False


class DelegationMemberOut(Schema):
    id: int
    position: int
    name: str
    organisation: str
    country: str
    has_email: bool
    events: list[DelegationEventOut]


class DelegationOut(Schema):
    members: list[DelegationMemberOut]
    open_events: list[DelegationEventOut]


@router.get(
    "/{visit_id}/delegation",
    response={200: DelegationOut, 404: Problem},
    summary="The delegation's members with the events they are registered at",
)
@api_permission("visits.view_request", obj_getter=visit_for_permission)
def visit_delegation(request, visit_id: int):
    visit = visit_or_404(request, visit_id)
    registered = selectors.delegation_registrations(visit=visit)
    members = [
        {
            "id": member.pk,
            "position": member.position,
            "name": member.name,
            "organisation": member.organisation,
            "country": member.country,
            "has_email": bool(member.email),
            "events": registered.get(member.pk, []),
        }
        for member in visit.participants.all()
    ]
    return {"members": members, "open_events": selectors.delegation_event_choices(visit=visit)}


class DelegationRegistrationIn(Schema):
    event_id: int
    member_ids: list[int]


class DelegationRegistrationOut(Schema):
    registered: list[int]
    skipped: list[str]


@router.post(
    "/{visit_id}/delegation/registrations",
    response={201: DelegationRegistrationOut, 404: Problem, 422: Problem},
    summary="Register delegation members as participants of an open event (all or nothing)",
    description="Members need an e-mail address. Each organisation of the delegation gets a "
    "private catalogue organisation marked as coming from the visit (reused later). Members "
    "already registered at the event are skipped with a message.",
)
@api_permission("visits.register_delegation", obj_getter=visit_for_permission)
def visit_delegation_register(request, visit_id: int, payload: DelegationRegistrationIn):
    from samverkan.events.models import Event
    from samverkan.visits.services.delegation import delegation_register_at_event

    visit = visit_or_404(request, visit_id)
    event = Event.objects.filter(pk=payload.event_id).first()
    if event is None:
        raise DjangoValidationError({"event_id": ["No such event."]})
    members = list(visit.participants.filter(pk__in=payload.member_ids))
    if len(members) != len(set(payload.member_ids)):
        raise DjangoValidationError({"member_ids": ["Not members of this delegation."]})
    result = delegation_register_at_event(
        actor=request.user, visit=visit, event=event, members=members
    )
    return Status(
        201,
        {"registered": [r.member_id for r in result.registered], "skipped": result.skipped},
    )
