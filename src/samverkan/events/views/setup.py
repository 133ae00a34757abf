"""Event list, detail and the operator's set-up pages (event, sessions, tables)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverkan.common.permissions import permission_required
from samverkan.events import selectors
from samverkan.events.forms import EventForm, SessionForm, TablesForm
from samverkan.events.models import EventStatus, Session, Table
from samverkan.events.services import setup
from samverkan.events.services.setup import EVENT_FIELDS
from samverkan.events.views.common import error_messages, event_from, run_service


@permission_required("events.list_events")
def event_list(request):
    events = selectors.event_list(
        user=request.user,
        q=request.GET.get("q", "").strip(),
        status=request.GET.get("status", ""),
    )
    page = Paginator(events, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "events/event_list.html",
        {
            "page": page,
            "params": request.GET,
            "statuses": EventStatus.choices,
            "can_add": request.user.has_perm("events.add_event"),
        },
    )


@permission_required("events.view_event", fn=event_from)
def event_detail(request, slug):
    event = event_from(request, slug)
    participant = selectors.participant_for(event=event, user=request.user)
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "participant": participant,
            "sessions": event.sessions.prefetch_related("slots"),
            "table_count": event.tables.count(),
            "co_organisers": event.co_organisers.all(),
            "can_manage": request.user.has_perm("events.manage_event", event),
        },
    )


def _event_fields(form) -> dict:
    data = {k: v for k, v in form.cleaned_data.items() if k in EVENT_FIELDS}
    return data


@permission_required("events.add_event")
def event_create(request):
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        event = run_service(
            form,
            lambda: setup.event_create(
                actor=request.user,
                organiser=form.cleaned_data["organiser"],
                co_organisers=form.cleaned_data["co_organisers"],
                allowed_organisations=form.cleaned_data["allowed_organisations"],
                **_event_fields(form),
            ),
        )
        if event is not None:
            messages.success(request, _("Event created. Now add sessions and tables."))
            return redirect("events:event-setup", slug=event.slug)
    return render(request, "events/event_form.html", {"form": form})


@permission_required("events.manage_event", fn=event_from)
def event_update(request, slug):
    event = event_from(request, slug)
    form = EventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        updated = run_service(
            form,
            lambda: setup.event_update(
                actor=request.user,
                event=event,
                co_organisers=form.cleaned_data["co_organisers"],
                allowed_organisations=form.cleaned_data["allowed_organisations"],
                **_event_fields(form),
            ),
        )
        if updated is not None:
            messages.success(request, _("Event saved."))
            return redirect(event)
    return render(request, "events/event_form.html", {"form": form, "event": event})


@permission_required("events.manage_event", fn=event_from)
def event_setup(request, slug):
    """Sessions (generating slots) and tables on one page."""
    event = event_from(request, slug)
    session_form = SessionForm(
        request.POST if request.POST.get("action") == "session" else None,
        prefix="session",
        initial={"date": event.start_date},
    )
    tables_form = TablesForm(
        request.POST if request.POST.get("action") == "tables" else None, prefix="tables"
    )
    action = request.POST.get("action") if request.method == "POST" else None
    if (
        action == "session"
        and session_form.is_valid()
        and run_service(
            session_form,
            lambda: setup.session_create(
                actor=request.user, event=event, **session_form.cleaned_data
            ),
        )
    ):
        messages.success(request, _("Session added and its time slots generated."))
        return redirect("events:event-setup", slug=slug)
    if (
        action == "tables"
        and tables_form.is_valid()
        and run_service(
            tables_form,
            lambda: setup.tables_create(
                actor=request.user, event=event, **tables_form.cleaned_data
            ),
        )
    ):
        messages.success(request, _("Tables added."))
        return redirect("events:event-setup", slug=slug)
    return render(
        request,
        "events/event_setup.html",
        {
            "event": event,
            "sessions": event.sessions.prefetch_related("slots"),
            "tables": event.tables.all(),
            "session_form": session_form,
            "tables_form": tables_form,
        },
    )


@require_POST
@permission_required("events.manage_event", fn=event_from)
def session_delete(request, slug, session_id):
    session = get_object_or_404(Session, event__slug=slug, pk=session_id)
    try:
        setup.session_delete(actor=request.user, session=session)
        messages.success(request, _("Session removed."))
    except ValidationError as error:
        for message in error_messages(error):
            messages.error(request, message)
    return redirect("events:event-setup", slug=slug)


@require_POST
@permission_required("events.manage_event", fn=event_from)
def table_delete(request, slug, table_id):
    table = get_object_or_404(Table, event__slug=slug, pk=table_id)
    try:
        setup.table_delete(actor=request.user, table=table)
        messages.success(request, _("Table removed."))
    except ValidationError as error:
        for message in error_messages(error):
            messages.error(request, message)
    return redirect("events:event-setup", slug=slug)


@require_POST
@permission_required("events.manage_event", fn=event_from)
def event_open(request, slug):
    event = event_from(request, slug)
    try:
        setup.event_open(actor=request.user, event=event)
        messages.success(request, _("Registration is open."))
    except ValidationError as error:
        for message in error_messages(error):
            messages.error(request, message)
    return redirect(event)
