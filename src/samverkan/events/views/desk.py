"""The organisers' desk: participants, meetings on behalf, scheduling, publishing, check-in,
statistics and the table plan."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverkan.common.permissions import permission_required
from samverkan.events import selectors
from samverkan.events.badges import participant_by_code
from samverkan.events.forms import FixForm, MeetingCreateForm, RunForm
from samverkan.events.models import ScheduleRun
from samverkan.events.pdf import table_plan_pdf
from samverkan.events.services import feedback as feedback_services
from samverkan.events.services import meetings, registration, scheduling
from samverkan.events.views.common import (
    error_messages,
    event_from,
    meeting_from,
    participant_from,
    run_service,
)


def _flash(request, call, success: str) -> None:
    try:
        call()
    except ValidationError as error:
        for message in error_messages(error):
            messages.error(request, message)
    else:
        messages.success(request, success)


@permission_required("events.manage_event", fn=event_from)
def participant_desk(request, slug):
    event = event_from(request, slug)
    q = request.GET.get("q", "").strip()
    by_code = participant_by_code(event=event, code=q) if q else None
    participants = selectors.participant_list(
        event=event,
        q="" if by_code else q,
        country=request.GET.get("country", "").strip(),
        include_cancelled=True,
    )
    if by_code is not None:  # the check-in code printed on the badge
        participants = participants.filter(pk=by_code.pk)
    page = Paginator(participants, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "events/desk_participants.html",
        {
            "event": event,
            "page": page,
            "params": request.GET,
            "can_bulk": request.user.has_perm("events.bulk_register", event),
        },
    )


@require_POST
@permission_required("events.manage_event", fn=event_from)
def participant_check_in(request, slug, participant_id):
    participant = participant_from(request, slug, participant_id)
    if request.POST.get("action") == "no-show":
        registration.participant_mark_no_show(actor=request.user, participant=participant)
        messages.success(request, _("%(name)s marked as no-show; their meetings are cancelled.")
                         % {"name": participant.user})  # fmt: skip
    else:
        registration.participant_check_in(actor=request.user, participant=participant)
        messages.success(request, _("%(name)s checked in.") % {"name": participant.user})
    return redirect("events:desk-participants", slug=slug)


@permission_required("events.manage_event", fn=event_from)
def meeting_desk(request, slug):
    event = event_from(request, slug)
    participants = selectors.participant_list(event=event)
    form = MeetingCreateForm(request.POST or None, participants=participants)
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            form,
            lambda: meetings.meeting_create(actor=request.user, event=event, **form.cleaned_data),
        )
    ):
        messages.success(request, _("Meeting booked on behalf of both participants."))
        return redirect("events:desk-meetings", slug=slug)
    items = selectors.meeting_list(
        event=event, status=request.GET.get("status", ""), q=request.GET.get("q", "").strip()
    )
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    pending = selectors.request_list(event=event, status="pending")[:50]
    return render(
        request,
        "events/desk_meetings.html",
        {"event": event, "form": form, "page": page, "params": request.GET, "pending": pending},
    )


@require_POST
@permission_required("events.manage_event", fn=event_from)
def meeting_cancel(request, slug, meeting_id):
    meeting = meeting_from(request, slug, meeting_id)
    _flash(
        request,
        lambda: meetings.meeting_cancel(actor=request.user, meeting=meeting, reason="organiser"),
        _("Meeting cancelled; the participants are told."),
    )
    target = "events:schedule" if request.POST.get("back") == "grid" else "events:desk-meetings"
    return redirect(target, slug=slug)


@permission_required("events.manage_event", fn=event_from)
def schedule(request, slug):
    event = event_from(request, slug)
    form = RunForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        run = run_service(
            form,
            lambda: scheduling.schedule_run_start(
                actor=request.user,
                event=event,
                method=form.cleaned_data["method"],
                time_limit=form.cleaned_data["time_limit"],
            ),
        )
        if run:
            return redirect("events:run-progress", slug=slug, run_id=run.pk)
    return render(
        request,
        "events/schedule.html",
        {
            "event": event,
            "form": form,
            "grid": selectors.schedule_grid(event=event),
            "run": selectors.latest_run(event=event),
        },
    )


@permission_required("events.manage_event", fn=event_from)
def run_progress(request, slug, run_id):
    run = get_object_or_404(
        ScheduleRun.objects.select_related("event"), event__slug=slug, pk=run_id
    )
    template = (
        "events/_run_status.html"
        if request.headers.get("HX-Request")
        else "events/run_progress.html"
    )
    return render(request, template, {"event": run.event, "run": run})


@permission_required("events.manage_event", fn=event_from)
def meeting_fix(request, slug, meeting_id):
    meeting = meeting_from(request, slug, meeting_id)
    event = meeting.event
    if request.method == "POST" and request.POST.get("action") in {"lock", "unlock"}:
        _flash(
            request,
            lambda: scheduling.meeting_set_locked(
                actor=request.user, meeting=meeting, locked=request.POST["action"] == "lock"
            ),
            _("Saved."),
        )
        return redirect("events:schedule", slug=slug)
    form = FixForm(
        request.POST or None, event=event, initial={"slot": meeting.slot, "table": meeting.table}
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            form,
            lambda: scheduling.meeting_fix(
                actor=request.user, meeting=meeting, **form.cleaned_data
            ),
        )
    ):
        messages.success(request, _("Meeting placed and locked."))
        return redirect("events:schedule", slug=slug)
    return render(
        request, "events/meeting_fix.html", {"event": event, "meeting": meeting, "form": form}
    )


@require_POST
@permission_required("events.manage_event", fn=event_from)
def publish(request, slug):
    event = event_from(request, slug)
    _flash(
        request,
        lambda: scheduling.event_publish(actor=request.user, event=event),
        _("Agendas published; participants are told by e-mail."),
    )
    return redirect("events:schedule", slug=slug)


@require_POST
@permission_required("events.manage_event", fn=event_from)
def feedback_remind(request, slug):
    event = event_from(request, slug)
    count = feedback_services.feedback_reminders_send(actor=request.user, event=event)
    messages.success(request, _("Reminder sent to %(count)s participants.") % {"count": count})
    return redirect("events:statistics", slug=slug)


@permission_required("events.manage_event", fn=event_from)
def statistics(request, slug):
    event = event_from(request, slug)
    return render(
        request,
        "events/statistics.html",
        {"event": event, "stats": selectors.event_statistics(event=event)},
    )


@permission_required("events.manage_event", fn=event_from)
def statistics_csv(request, slug):
    event = event_from(request, slug)
    stats = selectors.event_statistics(event=event)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-statistics.csv"'
    writer = csv.writer(response)
    writer.writerow(["section", "key", "value"])
    for key, value in stats.items():
        if isinstance(value, list):
            for name, count in value:
                writer.writerow([key, name, count])
        else:
            writer.writerow(["total", key, "" if value is None else value])
    return response


@permission_required("events.manage_event", fn=event_from)
def table_plan(request, slug):
    event = event_from(request, slug)
    response = HttpResponse(table_plan_pdf(event), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{event.slug}-table-plan.pdf"'
    return response
