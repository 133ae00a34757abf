"""Agendas (web, iCalendar download and feed, PDF) and feedback on meetings."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverkan.common.permissions import permission_required, public
from samverkan.events import selectors
from samverkan.events.forms import FeedbackForm, FollowUpForm
from samverkan.events.ical import agenda_calendar
from samverkan.events.models import FollowUp, MeetingFeedback, Participant
from samverkan.events.pdf import agenda_pdf
from samverkan.events.services import feedback as feedback_services
from samverkan.events.services import meetings
from samverkan.events.views.common import (
    error_messages,
    event_from,
    meeting_from,
    participant_from,
    run_service,
)


@permission_required("events.view_own_participation")
def my_agenda(request, slug):
    event = event_from(request, slug)
    participant = selectors.participant_for(event=event, user=request.user)
    if participant is None:
        return redirect("events:register", slug=slug)
    return redirect("events:agenda", slug=slug, participant_id=participant.pk)


@permission_required("events.view_agenda", fn=participant_from)
def agenda(request, slug, participant_id):
    participant = participant_from(request, slug, participant_id)
    event = participant.event
    meetings = selectors.agenda(participant=participant)
    published = event.published_at is not None
    feed = request.build_absolute_uri(f"/events/ical/{participant.ical_token}.ics")
    return render(
        request,
        "events/agenda.html",
        {
            "event": event,
            "participant": participant,
            "scheduled": [m for m in meetings if m.slot and published],
            "waiting": [m for m in meetings if not (m.slot and published)],
            "published": published,
            "feed_url": feed,
            "webcal_url": feed.replace("https://", "webcal://").replace("http://", "webcal://"),
            "tz": event.tzinfo,
        },
    )


def _ics_response(participant: Participant, download: bool) -> HttpResponse:
    response = HttpResponse(
        agenda_calendar(participant), content_type="text/calendar; charset=utf-8"
    )
    if download:
        response["Content-Disposition"] = (
            f'attachment; filename="{participant.event.slug}-agenda.ics"'
        )
    return response


@permission_required("events.view_agenda", fn=participant_from)
def agenda_ical(request, slug, participant_id):
    return _ics_response(participant_from(request, slug, participant_id), download=True)


@public
def agenda_feed(request, token):
    """The subscribable feed: the secret token in the URL is the credential (calendar
    applications cannot log in). Cancelled registrations stop resolving."""
    participant = (
        Participant.objects.select_related("event", "user", "organisation")
        .filter(ical_token=token, status="registered")
        .first()
    )
    if participant is None:
        raise Http404
    return _ics_response(participant, download=False)


@permission_required("events.view_agenda", fn=participant_from)
def agenda_pdf_view(request, slug, participant_id):
    participant = participant_from(request, slug, participant_id)
    response = HttpResponse(agenda_pdf(participant), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{participant.event.slug}-agenda.pdf"'
    return response


@permission_required("events.give_feedback", fn=meeting_from)
def meeting_feedback(request, slug, meeting_id):
    meeting = meeting_from(request, slug, meeting_id)
    participant = (
        meeting.participant_a
        if meeting.participant_a.user_id == request.user.pk
        else meeting.participant_b
    )
    existing = MeetingFeedback.objects.filter(meeting=meeting, participant=participant).first()
    initial = {"opportunity_currency": "EUR"}
    if existing:
        initial = {
            "held": "yes" if existing.held else "no",
            "rating": existing.rating,
            "follow_up_interest": existing.follow_up_interest,
            "would_continue": {True: "yes", False: "no"}.get(existing.would_continue, ""),
            "opportunity": existing.opportunity,
            "opportunity_country": existing.opportunity_country,
            "opportunity_value": existing.opportunity_value,
            "opportunity_currency": existing.opportunity_currency or "EUR",
            "comment": existing.comment,
        }
    form = FeedbackForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form,
            lambda: feedback_services.feedback_submit(
                actor=request.user, meeting=meeting, participant=participant, **form.cleaned_data
            ),
        )
        if done:
            messages.success(request, _("Thank you for your feedback."))
            return redirect("events:agenda", slug=slug, participant_id=participant.pk)
    return render(
        request,
        "events/feedback_form.html",
        {
            "event": meeting.event,
            "meeting": meeting,
            "other": meeting.other(participant),
            "form": form,
        },
    )


@permission_required("events.give_feedback", fn=meeting_from)
def meeting_followup(request, slug, meeting_id):
    meeting = meeting_from(request, slug, meeting_id)
    followup = get_object_or_404(
        FollowUp.objects.select_related("participant"),
        meeting=meeting,
        participant__user=request.user,
    )
    form = FollowUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form,
            lambda: feedback_services.followup_answer(
                actor=request.user, followup=followup, **form.cleaned_data
            ),
        )
        if done:
            messages.success(request, _("Thank you, your answer is recorded."))
            return redirect("events:agenda", slug=slug, participant_id=followup.participant_id)
    return render(
        request,
        "events/followup_form.html",
        {"event": meeting.event, "meeting": meeting, "other": meeting.other(followup.participant),
         "form": form},
    )  # fmt: skip


@require_POST
@permission_required("events.cancel_meeting", fn=meeting_from)
def meeting_cancel_own(request, slug, meeting_id):
    """A participant cancels one of their meetings; after publication the schedule is
    repaired with minimal moves and everyone affected is told."""
    meeting = meeting_from(request, slug, meeting_id)
    try:
        meetings.meeting_cancel(actor=request.user, meeting=meeting, reason="participant")
    except ValidationError as error:
        for message in error_messages(error):
            messages.error(request, message)
    else:
        messages.success(request, _("Meeting cancelled; the other participant is told."))
    return redirect("events:my-agenda", slug=slug)
