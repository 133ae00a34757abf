"""Events: events, registration, participants, meeting requests, meetings, agendas (with a
stable `ical_url`), feedback, scheduling runs and statistics.

A participant sees only their own requests and agenda; organisers (operators and members of
the organising and co-organising organisations) see and act on their whole event.
"""

from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Router, Schema
from ninja.pagination import paginate

from samverkan.accounts.models import Membership
from samverkan.api.auth import OPTIONAL_AUTH
from samverkan.api.pagination import Pagination
from samverkan.api.problems import Problem
from samverkan.common.permissions import api_permission
from samverkan.events import selectors
from samverkan.events.models import Event, Meeting, MeetingRequest, Participant, ScheduleRun
from samverkan.events.services import feedback, meetings, registration, scheduling

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


class MeetingIn(Schema):
    participant_a_id: int
    participant_b_id: int


class MeetingOut(Schema):
    id: int
    participant_a_id: int
    participant_b_id: int
    status: str
    starts_at: datetime | None
    ends_at: datetime | None
    table: str | None
    is_locked: bool
    unscheduled_reason: str


class AgendaOut(Schema):
    participant_id: int
    time_zone: str
    published: bool
    ical_url: str
    meetings: list[MeetingOut]


class FeedbackIn(Schema):
    held: bool
    rating: int | None = None
    follow_up_interest: bool = False
    would_continue: bool | None = None
    opportunity: bool = False
    opportunity_country: str = ""
    opportunity_value: Decimal | None = None
    opportunity_currency: str = ""
    comment: str = ""


class FeedbackOut(Schema):
    id: int
    meeting_id: int
    participant_id: int
    held: bool
    rating: int | None
    opportunity: bool
    opportunity_country: str
    opportunity_value: Decimal | None
    opportunity_currency: str


class RunIn(Schema):
    method: str = "auto"
    time_limit: int = 50


class RunOut(Schema):
    id: int
    status: str
    solver_status: str
    is_reschedule: bool
    meetings_total: int
    scheduled_count: int
    unscheduled_count: int
    moved_count: int
    best_breaks: int | None
    lower_bound: int | None
    seconds: float | None
    message: str


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


@router.get(
    "/{slug}/meetings",
    response={200: list[MeetingOut], **ERRORS},
    summary="Meetings: your own; organisers see all",
)
@api_permission("events.view_marketplace", obj_getter=_event)
@paginate(Pagination)
def meeting_list(request, slug: str, status: str = ""):
    event = _event(request, slug)
    participant = None if _is_organiser(request, event) else _me(request, event)
    items = selectors.meeting_list(event=event, participant=participant, status=status)
    return [_meeting_out(m, event) for m in items]


@router.post(
    "/{slug}/meetings", response={201: MeetingOut, **ERRORS}, summary="Book on behalf (organisers)"
)
@api_permission("events.manage_event", obj_getter=_event)
def meeting_create(request, slug: str, payload: MeetingIn):
    event = _event(request, slug)
    a = get_object_or_404(Participant, event=event, pk=payload.participant_a_id)
    b = get_object_or_404(Participant, event=event, pk=payload.participant_b_id)
    meeting = meetings.meeting_create(
        actor=request.user, event=event, participant_a=a, participant_b=b
    )
    return 201, _meeting_out(meeting, event)


def _meeting(request, slug: str, meeting_id: int, **kwargs) -> Meeting:
    return get_object_or_404(
        Meeting.objects.select_related("event", "slot", "table", "participant_a", "participant_b"),
        event__slug=slug,
        pk=meeting_id,
    )


@router.delete(
    "/{slug}/meetings/{meeting_id}", response={204: None, **ERRORS}, summary="Cancel a meeting"
)
@api_permission("events.cancel_meeting", obj_getter=_meeting)
def meeting_cancel(request, slug: str, meeting_id: int):
    meetings.meeting_cancel(actor=request.user, meeting=_meeting(request, slug, meeting_id))
    return 204, None


@router.post(
    "/{slug}/meetings/{meeting_id}/feedback",
    response={201: FeedbackOut, **ERRORS},
    summary="Your feedback on a meeting",
)
@api_permission("events.give_feedback", obj_getter=_meeting)
def meeting_feedback(request, slug: str, meeting_id: int, payload: FeedbackIn):
    meeting = _meeting(request, slug, meeting_id)
    participant = _me(request, meeting.event)
    return 201, feedback.feedback_submit(
        actor=request.user, meeting=meeting, participant=participant, **payload.dict()
    )


def _meeting_out(meeting: Meeting, event: Event) -> MeetingOut:
    slot = meeting.slot
    return MeetingOut(
        id=meeting.pk,
        participant_a_id=meeting.participant_a_id,
        participant_b_id=meeting.participant_b_id,
        status=meeting.status,
        starts_at=event.local(slot.starts_at) if slot else None,
        ends_at=event.local(slot.ends_at) if slot else None,
        table=str(meeting.table) if slot and meeting.table else None,
        is_locked=meeting.is_locked,
        unscheduled_reason=meeting.unscheduled_reason,
    )


def _agenda(participant: Participant) -> AgendaOut:
    event = participant.event
    published = event.published_at is not None
    items = selectors.agenda(participant=participant)
    if not published:  # times are not final before publication
        for meeting in items:
            meeting.slot = None
    url = settings.SITE_URL + reverse(
        "events:agenda-feed", kwargs={"token": participant.ical_token}
    )
    return AgendaOut(
        participant_id=participant.pk,
        time_zone=event.time_zone,
        published=published,
        ical_url=url,
        meetings=[_meeting_out(m, event) for m in items],
    )


@router.get("/{slug}/agenda", response={200: AgendaOut, **ERRORS}, summary="Your agenda")
@api_permission("events.view_marketplace", obj_getter=_event)
def my_agenda(request, slug: str):
    return _agenda(_me(request, _event(request, slug)))


def _participant(request, slug: str, participant_id: int, **kwargs) -> Participant:
    return get_object_or_404(
        Participant.objects.select_related("event", "user", "organisation"),
        event__slug=slug,
        pk=participant_id,
    )


@router.get(
    "/{slug}/agenda/{participant_id}",
    response={200: AgendaOut, **ERRORS},
    summary="A participant's agenda (themselves or organisers)",
)
@api_permission("events.view_agenda", obj_getter=_participant)
def participant_agenda(request, slug: str, participant_id: int):
    return _agenda(_participant(request, slug, participant_id))


@router.post("/{slug}/schedule-runs", response={201: RunOut, **ERRORS}, summary="Run the scheduler")
@api_permission("events.manage_event", obj_getter=_event)
def run_start(request, slug: str, payload: RunIn):
    run = scheduling.schedule_run_start(
        actor=request.user,
        event=_event(request, slug),
        method=payload.method,
        time_limit=payload.time_limit,
    )
    return 201, run


@router.get(
    "/{slug}/schedule-runs/{run_id}", response={200: RunOut, **ERRORS}, summary="A run's progress"
)
@api_permission("events.manage_event", obj_getter=_event)
def run_detail(request, slug: str, run_id: int):
    return get_object_or_404(ScheduleRun, event__slug=slug, pk=run_id)


@router.post("/{slug}/publish", response={200: EventOut, **ERRORS}, summary="Publish agendas")
@api_permission("events.manage_event", obj_getter=_event)
def publish(request, slug: str):
    return scheduling.event_publish(actor=request.user, event=_event(request, slug))


@router.get("/{slug}/statistics", response={200: dict, **ERRORS}, summary="Statistics")
@api_permission("events.manage_event", obj_getter=_event)
def statistics(request, slug: str):
    stats = selectors.event_statistics(event=_event(request, slug))
    stats["average_rating"] = (
        str(stats["average_rating"]) if stats["average_rating"] is not None else None
    )
    return stats
