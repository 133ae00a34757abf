"""Programme staff: the request list, one request with its workflow, hosts, itinerary, results."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rules.contrib.views import objectgetter

from samverkan.common.permissions import permission_required
from samverkan.common.selectors import audit_log_list
from samverkan.visits import operator_forms as forms
from samverkan.visits import selectors
from samverkan.visits.models import ItineraryItem, VisitRequest, VisitStatus
from samverkan.visits.services import hosts, itinerary, results, workflow
from samverkan.visits.services.documents import itinerary_ical, itinerary_pdf
from samverkan.visits.suggestions import host_suggestions
from samverkan.visits.views.delegation import delegation_context

get_visit = objectgetter(VisitRequest, "pk", "pk")


@permission_required("visits.view_request_list")
def request_list(request: HttpRequest) -> HttpResponse:
    form = forms.FilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    visits = selectors.visit_request_list(
        status=filters.get("status", ""),
        query=filters.get("q", "").strip(),
        page_slug=request.GET.get("page_slug", ""),
        assigned_to=request.user.pk if request.GET.get("mine") else None,
    )
    page = Paginator(visits, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "visits/request_list.html",
        {
            "page": page,
            "form": form,
            "params": request.GET,
            "statuses": VisitStatus.choices,
            "booking_pages": list(selectors.booking_page_list()[:50]),
        },
    )


def _visit(pk: int) -> VisitRequest:
    visit = selectors.visit_request_detail(pk=pk)
    if visit is None:
        raise Http404
    return visit


@permission_required("visits.view_request", fn=get_visit, raise_exception=True)
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    visit = _visit(pk)
    items = list(visit.itinerary.all())
    context = {
        "visit": visit,
        "transition_form": forms.TransitionForm(),
        "transitions": [(s, VisitStatus(s).label) for s in workflow.allowed_transitions(visit)],
        "assign_form": forms.AssignForm(
            initial={"assignee": visit.assigned_to_id}, staff=selectors.staff_list()
        ),
        "comment_form": forms.CommentForm(),
        "invite_form": forms.InviteHostForm(),
        "item_form": forms.ItineraryItemForm(visit=visit),
        "outcome_form": forms.OutcomeForm(initial=_outcome_initial(visit)),
        "suggestions": host_suggestions(visit=visit) if not visit.is_closed else [],
        "items": items,
        "conflicts": selectors.itinerary_conflicts(items=items),
        "history": audit_log_list(target=visit)[:50],
        "events": selectors.events_during_visit(visit=visit),
        **delegation_context(visit=visit),
    }
    return render(request, "visits/request_detail.html", context)


def _outcome_initial(visit: VisitRequest) -> dict:
    outcome = getattr(visit, "outcome", None)
    if outcome is None:
        return {}
    return {
        "meetings_held": outcome.meetings_held,
        "leads": outcome.leads,
        "notes": outcome.notes,
        "opportunities": "\n".join(f"{o.country} {o.count}" for o in visit.opportunities.all()),
    }


def _errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _back(visit_pk: int, anchor: str = ""):
    response = redirect("visits:request-detail", pk=visit_pk)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


@require_POST
@permission_required("visits.change_request", fn=get_visit, raise_exception=True)
def request_transition(request: HttpRequest, pk: int) -> HttpResponse:
    visit = get_object_or_404(VisitRequest, pk=pk)
    form = forms.TransitionForm(request.POST)
    if form.is_valid():
        try:
            workflow.visit_request_transition(actor=request.user, visit=visit, **form.cleaned_data)
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(request, _("The status was changed."))
    else:
        messages.error(request, _("Choose a valid status."))
    return _back(pk)


@require_POST
@permission_required("visits.change_request", fn=get_visit, raise_exception=True)
def request_assign(request: HttpRequest, pk: int) -> HttpResponse:
    visit = get_object_or_404(VisitRequest, pk=pk)
    form = forms.AssignForm(request.POST, staff=selectors.staff_list())
    if form.is_valid():
        workflow.visit_request_assign(
            actor=request.user, visit=visit, assignee=form.cleaned_data["assignee"]
        )
        messages.success(request, _("The assignment was saved."))
    else:
        messages.error(request, _("Choose a staff member."))
    return _back(pk)


@require_POST
@permission_required("visits.change_request", fn=get_visit, raise_exception=True)
def request_comment(request: HttpRequest, pk: int) -> HttpResponse:
    visit = get_object_or_404(VisitRequest, pk=pk)
    form = forms.CommentForm(request.POST)
    if form.is_valid():
        workflow.visit_comment_add(actor=request.user, visit=visit, body=form.cleaned_data["body"])
        messages.success(request, _("The comment was added."))
    else:
        messages.error(request, _("Write a comment."))
    return _back(pk, "comments")


@require_POST
@permission_required("visits.manage_hosts", fn=get_visit, raise_exception=True)
def host_invite(request: HttpRequest, pk: int) -> HttpResponse:
    visit = get_object_or_404(VisitRequest, pk=pk)
    form = forms.InviteHostForm(request.POST)
    if form.is_valid():
        organisation = form.cleaned_data["organisation"]
        reasons = next(
            (
                s.reasons
                for s in host_suggestions(visit=visit, limit=50)
                if s.organisation == organisation
            ),
            [],
        )
        try:
            hosts.host_invite(
                actor=request.user,
                visit=visit,
                organisation=organisation,
                reasons=reasons,
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(request, _("%(name)s was invited.") % {"name": organisation.name})
    else:
        messages.error(request, _("Choose an organisation from the catalogue."))
    return _back(pk, "hosts")


@require_POST
@permission_required("visits.manage_itinerary", fn=get_visit, raise_exception=True)
def itinerary_add(request: HttpRequest, pk: int) -> HttpResponse:
    visit = _visit(pk)
    form = forms.ItineraryItemForm(request.POST, visit=visit)
    if form.is_valid():
        try:
            itinerary.itinerary_item_add(actor=request.user, visit=visit, **form.cleaned_data)
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(request, _("The item was added to the itinerary."))
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
    return _back(pk, "itinerary")


@require_POST
@permission_required("visits.manage_itinerary", fn=get_visit, raise_exception=True)
def itinerary_draft(request: HttpRequest, pk: int) -> HttpResponse:
    visit = get_object_or_404(VisitRequest, pk=pk)
    try:
        created = itinerary.itinerary_draft_from_hosts(actor=request.user, visit=visit)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(
            request,
            _("%(count)s items were drafted from the hosts' times.") % {"count": len(created)},
        )
    return _back(pk, "itinerary")


@require_POST
@permission_required("visits.manage_itinerary", fn=get_visit, raise_exception=True)
def itinerary_delete(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    item = get_object_or_404(
        ItineraryItem.objects.select_related("request"), pk=item_pk, request_id=pk
    )
    try:
        itinerary.itinerary_item_delete(actor=request.user, item=item)
    except ValidationError as error:
        _errors(request, error)
    return _back(pk, "itinerary")


@require_POST
@permission_required("visits.record_results", fn=get_visit, raise_exception=True)
def outcome_record(request: HttpRequest, pk: int) -> HttpResponse:
    visit = get_object_or_404(VisitRequest, pk=pk)
    form = forms.OutcomeForm(request.POST)
    if form.is_valid():
        try:
            results.visit_outcome_record(actor=request.user, visit=visit, **form.cleaned_data)
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(request, _("The results were saved."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return _back(pk, "results")


@permission_required("visits.view_request", fn=get_visit, raise_exception=True)
def request_ical(request: HttpRequest, pk: int) -> HttpResponse:
    visit = get_object_or_404(VisitRequest.objects.select_related("page"), pk=pk)
    response = HttpResponse(
        itinerary_ical(visit=visit), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{visit.reference}.ics"'
    return response


@permission_required("visits.view_request", fn=get_visit, raise_exception=True)
def request_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    visit = get_object_or_404(VisitRequest.objects.select_related("page"), pk=pk)
    response = HttpResponse(itinerary_pdf(visit=visit), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{visit.reference}.pdf"'
    return response


@permission_required("visits.view_statistics")
def statistics(request: HttpRequest) -> HttpResponse:
    return render(request, "visits/statistics.html", {"stats": selectors.visit_statistics()})
