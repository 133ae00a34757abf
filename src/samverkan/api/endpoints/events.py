"""Events: events, registration, participants, meeting requests, meetings, agendas (with a
stable `ical_url`), feedback, scheduling runs and statistics.

A participant sees only their own requests and agenda; organisers (operators and members of
the organising and co-organising organisations) see and act on their whole event.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate

from samverkan.accounts.models import Membership
from samverkan.api.auth import OPTIONAL_AUTH
from samverkan.api.pagination import Pagination
from samverkan.api.problems import Problem
from samverkan.common.permissions import api_permission
from samverkan.events import selectors
from samverkan.events.models import Event, MeetingRequest, Participant
from samverkan.events.services import meetings, registration

prefix = "/events"
router = Router(tags=["events"])
ERRORS = {401: Problem, 403: Problem, 404: Problem, 422: Problem}


class EventOut(Schema):
    id: int
    slug: str
    name: str
    description: str
    venue: str
    time_zone: str
    start_date: str
    end_date: str
    status: str
    registration_mode: str
    auto_accept: bool
    request_quota: int
    request_expiry_minutes: int | None
    organiser_id: int
    published_at: datetime | None

    @staticmethod
    def resolve_start_date(obj) -> str:
        return obj.start_date.isoformat()

    @staticmethod
    def resolve_end_date(obj) -> str:
        return obj.end_date.isoformat()


class ParticipantOut(Schema):
    id: int
    organisation_id: int
    organisation_name: str
    country: str
    name: str
    offer: str
    need: str
    status: str

    @staticmethod
    def resolve_organisation_name(obj) -> str:
        return obj.organisation.name

    @staticmethod
    def resolve_country(obj) -> str:
        return obj.organisation.country

    @staticmethod
    def resolve_name(obj) -> str:
        return str(obj.user)


class RegistrationIn(Schema):
    organisation_id: int
    user_ids: list[int] = []
    offer: str | None = None
    need: str | None = None


class RequestIn(Schema):
    recipient_id: int
    message: str = ""


class RequestOut(Schema):
    id: int
    sender_id: int
    recipient_id: int
    message: str
    status: str
    expires_at: datetime | None
    created_at: datetime


def _event(request, slug: str, **kwargs) -> Event:
    return get_object_or_404(Event, slug=slug)


def _me(request, event: Event) -> Participant:
    participant = selectors.participant_for(event=event, user=request.user)
    if participant is None:
        raise PermissionDenied
    return participant


def _is_organiser(request, event: Event) -> bool:
    return request.user.has_perm("events.manage_event", event)


@router.get("", response=list[EventOut], auth=OPTIONAL_AUTH, summary="List events")
@api_permission("events.list_events")
@paginate(Pagination)
def event_list(request, q: str = "", status: str = ""):
    return selectors.event_list(user=request.user, q=q, status=status)


@router.get("/{slug}", response={200: EventOut, **ERRORS}, auth=OPTIONAL_AUTH, summary="One event")
@api_permission("events.view_event", obj_getter=_event)
def event_detail(request, slug: str):
    return _event(request, slug)


@router.post(
    "/{slug}/registrations",
    response={201: list[ParticipantOut], **ERRORS},
    summary="Register people of an organisation (default: yourself)",
)
@api_permission("events.register")
def register(request, slug: str, payload: RegistrationIn):
    event = _event(request, slug)
    organisation = get_object_or_404(
        Membership.objects.select_related("organisation"),
        organisation_id=payload.organisation_id,
        user=request.user,
    ).organisation
    user_ids = payload.user_ids or [request.user.pk]
    users = [
        m.user
        for m in Membership.objects.filter(
            organisation=organisation, user_id__in=user_ids
        ).select_related("user")
    ]
    if len(users) != len(set(user_ids)):
        raise PermissionDenied
    created = registration.participant_register(
        actor=request.user,
        event=event,
        organisation=organisation,
        users=users,
        offer=payload.offer,
        need=payload.need,
    )
    return 201, created


@router.get(
    "/{slug}/participants",
    response={200: list[ParticipantOut], **ERRORS},
    summary="Participants (the marketplace)",
)
@api_permission("events.view_marketplace", obj_getter=_event)
@paginate(Pagination)
def participant_list(request, slug: str, q: str = "", country: str = "", sector: str = ""):
    return selectors.participant_list(
        event=_event(request, slug), q=q, country=country, sector=sector
    )


@router.get(
    "/{slug}/requests",
    response={200: list[RequestOut], **ERRORS},
    summary="Meeting requests: your own; organisers see all",
)
@api_permission("events.view_marketplace", obj_getter=_event)
@paginate(Pagination)
def request_list(request, slug: str, status: str = ""):
    event = _event(request, slug)
    meetings.meeting_requests_expire(event=event)
    if _is_organiser(request, event):
        return selectors.request_list(event=event, status=status)
    return selectors.request_list(participant=_me(request, event), status=status)


@router.post("/{slug}/requests", response={201: RequestOut, **ERRORS}, summary="Send a request")
@api_permission("events.view_marketplace", obj_getter=_event)
def request_send(request, slug: str, payload: RequestIn):
    event = _event(request, slug)
    recipient = get_object_or_404(Participant, event=event, pk=payload.recipient_id)
    return 201, meetings.meeting_request_send(
        actor=request.user, sender=_me(request, event), recipient=recipient, message=payload.message
    )


def _request(request, slug: str, request_id: int, **kwargs) -> MeetingRequest:
    return get_object_or_404(
        MeetingRequest.objects.select_related("event", "sender", "recipient"),
        event__slug=slug,
        pk=request_id,
    )


@router.post(
    "/{slug}/requests/{request_id}/accept",
    response={200: RequestOut, **ERRORS},
    summary="Accept (recipient or organiser on behalf)",
)
@api_permission("events.respond_request", obj_getter=_request)
def request_accept(request, slug: str, request_id: int):
    return meetings.meeting_request_accept(
        actor=request.user, meeting_request=_request(request, slug, request_id)
    )


@router.post(
    "/{slug}/requests/{request_id}/decline", response={200: RequestOut, **ERRORS}, summary="Decline"
)
@api_permission("events.respond_request", obj_getter=_request)
def request_decline(request, slug: str, request_id: int):
    return meetings.meeting_request_decline(
        actor=request.user, meeting_request=_request(request, slug, request_id)
    )
