"""Events API, second part: meetings, feedback, agendas (with the stable `ical_url`),
scheduling runs (with the lower bound and gap), publishing and statistics.

Mounted at the same `/events` prefix as `events.py` (the endpoints folder mounts every module).
A participant sees only their own meetings and agenda; organisers see their whole event.
"""

from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Router, Schema
from ninja.pagination import paginate

from samverkan.api.endpoints.events import ERRORS, EventOut, _event, _is_organiser, _me
from samverkan.api.pagination import Pagination
from samverkan.common.permissions import api_permission
from samverkan.events import selectors
from samverkan.events.models import Event, Meeting, Participant, ScheduleRun
from samverkan.events.services import feedback, meetings, scheduling

prefix = "/events"
router = Router(tags=["events"])


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
    gap: int | None
    seconds: float | None
    message: str


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
