"""Participants' pages: registration, profile and availability, marketplace, requests."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverkan.accounts.models import Membership
from samverkan.catalog.models import Organisation
from samverkan.common.permissions import permission_required
from samverkan.events import selectors
from samverkan.events.forms import ProfileForm, RegistrationForm, RequestForm
from samverkan.events.models import Participant, RequestStatus
from samverkan.events.services import meetings, registration
from samverkan.events.views.common import (
    error_messages,
    event_from,
    participant_from,
    request_from,
    run_service,
)


def _own_participant(request, event):
    participant = selectors.participant_for(event=event, user=request.user)
    if participant is None:
        messages.info(request, _("Register for the event first."))
    return participant


@permission_required("events.register")
def register(request, slug):
    event = get_object_or_404(selectors.event_list(user=request.user).filter(slug=slug))
    operator = request.user.is_operator or request.user.is_superuser
    if operator:
        organisations = Organisation.objects.order_by("name")
    else:
        organisations = Organisation.objects.filter(memberships__user=request.user).order_by("name")
    org_id = request.POST.get("organisation") or request.GET.get("organisation")
    chosen = organisations.filter(pk=org_id).first() if org_id else organisations.first()
    people = []
    if chosen is not None:
        people = [
            (str(m.user_id), str(m.user))
            for m in Membership.objects.filter(organisation=chosen).select_related("user")
        ]
    initial = {"organisation": chosen, "users": [str(request.user.pk)]}
    if chosen is not None:
        initial["offer"], initial["need"] = registration.catalogue_profile(chosen)
    form = RegistrationForm(
        request.POST or None, organisations=organisations, people=people, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        users = [m.user for m in Membership.objects.filter(
            organisation=form.cleaned_data["organisation"],
            user_id__in=form.cleaned_data["users"],
        ).select_related("user")]  # fmt: skip
        created = run_service(
            form,
            lambda: registration.participant_register(
                actor=request.user,
                event=event,
                organisation=form.cleaned_data["organisation"],
                users=users,
                offer=form.cleaned_data["offer"],
                need=form.cleaned_data["need"],
            ),
        )
        if created:
            messages.success(
                request,
                _("Registered. A confirmation e-mail is on its way; set your availability."),
            )
            return redirect("events:my-participation", slug=slug)
    return render(request, "events/register.html", {"event": event, "form": form})


@permission_required("events.view_own_participation")
def my_participation(request, slug):
    event = event_from(request, slug)
    participant = _own_participant(request, event)
    if participant is None:
        return redirect("events:register", slug=slug)
    return redirect("events:participant-profile", slug=slug, participant_id=participant.pk)


@permission_required("events.change_participant", fn=participant_from)
def participant_profile(request, slug, participant_id):
    participant = participant_from(request, slug, participant_id)
    event = participant.event
    slots = list(event.slots.select_related("event").order_by("starts_at"))
    unavailable = set(participant.unavailable_slots.values_list("pk", flat=True))
    form = ProfileForm(
        request.POST or None,
        slots=slots,
        initial={
            "offer": participant.offer,
            "need": participant.need,
            "available_slots": [str(s.pk) for s in slots if s.pk not in unavailable],
        },
    )
    if request.method == "POST" and form.is_valid():
        available = {int(pk) for pk in form.cleaned_data["available_slots"]}
        done = run_service(
            form,
            lambda: registration.participant_update_profile(
                actor=request.user,
                participant=participant,
                offer=form.cleaned_data["offer"],
                need=form.cleaned_data["need"],
                unavailable_slot_ids=[s.pk for s in slots if s.pk not in available],
            ),
        )
        if done:
            messages.success(request, _("Your meeting profile and availability are saved."))
            return redirect("events:participant-profile", slug=slug, participant_id=participant.pk)
    return render(
        request,
        "events/participant_profile.html",
        {"event": event, "participant": participant, "form": form},
    )


@require_POST
@permission_required("events.change_participant", fn=participant_from)
def participant_cancel(request, slug, participant_id):
    participant = participant_from(request, slug, participant_id)
    registration.participant_cancel(actor=request.user, participant=participant)
    messages.success(request, _("The registration is cancelled."))
    return redirect(participant.event)


@permission_required("events.view_marketplace", fn=event_from)
def marketplace(request, slug):
    event = event_from(request, slug)
    me = selectors.participant_for(event=event, user=request.user)
    participants = selectors.participant_list(
        event=event,
        q=request.GET.get("q", "").strip(),
        country=request.GET.get("country", "").strip(),
        sector=request.GET.get("sector", "").strip(),
        exclude_organisation_id=me.organisation_id if me else None,
    )
    page = Paginator(participants, 25).get_page(request.GET.get("page"))
    suggestions = selectors.suggestion_list(participant=me) if me else []
    return render(
        request,
        "events/marketplace.html",
        {
            "event": event,
            "me": me,
            "page": page,
            "params": request.GET,
            "suggestions": suggestions,
        },
    )


@permission_required("events.view_marketplace", fn=event_from)
def request_send(request, slug, participant_id):
    event = event_from(request, slug)
    me = _own_participant(request, event)
    if me is None:
        return redirect("events:register", slug=slug)
    recipient = get_object_or_404(
        Participant.objects.select_related("organisation", "user"), event=event, pk=participant_id
    )
    form = RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        sent = run_service(
            form,
            lambda: meetings.meeting_request_send(
                actor=request.user,
                sender=me,
                recipient=recipient,
                message=form.cleaned_data["message"],
            ),
        )
        if sent:
            if sent.status == RequestStatus.ACCEPTED:
                messages.success(
                    request, _("Meeting booked (this event accepts requests automatically).")
                )
            else:
                messages.success(request, _("Request sent to %(name)s.") % {"name": recipient.user})
            return redirect("events:request-list", slug=slug)
    return render(
        request, "events/request_form.html", {"event": event, "recipient": recipient, "form": form}
    )


@permission_required("events.view_marketplace", fn=event_from)
def request_list(request, slug):
    event = event_from(request, slug)
    me = _own_participant(request, event)
    if me is None:
        return redirect("events:register", slug=slug)
    meetings.meeting_requests_expire(event=event)  # lazily, on read
    requests = selectors.request_list(participant=me, status=request.GET.get("status", ""))
    page = Paginator(requests, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "events/request_list.html",
        {
            "event": event,
            "me": me,
            "page": page,
            "params": request.GET,
            "statuses": RequestStatus.choices,
        },
    )


def _respond(request, slug, request_id, action):
    meeting_request = request_from(request, slug, request_id)
    services = {
        "accept": meetings.meeting_request_accept,
        "decline": meetings.meeting_request_decline,
        "withdraw": meetings.meeting_request_withdraw,
    }
    try:
        services[action](actor=request.user, meeting_request=meeting_request)
    except ValidationError as error:
        for message in error_messages(error):
            messages.error(request, message)
    else:
        texts = {
            "accept": _("Request accepted; the meeting is on your list."),
            "decline": _("Request declined."),
            "withdraw": _("Request withdrawn."),
        }
        messages.success(request, texts[action])
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("events:request-list", kwargs={"slug": slug})
    return redirect(target)


@require_POST
@permission_required("events.respond_request", fn=request_from)
def request_accept(request, slug, request_id):
    return _respond(request, slug, request_id, "accept")


@require_POST
@permission_required("events.respond_request", fn=request_from)
def request_decline(request, slug, request_id):
    return _respond(request, slug, request_id, "decline")


@require_POST
@permission_required("events.withdraw_request", fn=request_from)
def request_withdraw(request, slug, request_id):
    return _respond(request, slug, request_id, "withdraw")
