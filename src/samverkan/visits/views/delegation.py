"""Programme staff: register delegation members as participants of a B2B event."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from rules.contrib.views import objectgetter

from samverkan.common.permissions import permission_required
from samverkan.visits import selectors
from samverkan.visits.models import VisitRequest
from samverkan.visits.operator_forms import DelegationEventForm
from samverkan.visits.services.delegation import REGISTRABLE, delegation_register_at_event

get_visit = objectgetter(VisitRequest, "pk", "pk")


def delegation_context(*, visit: VisitRequest) -> dict:
    """What the request page shows: the form and who is registered where."""
    events = selectors.delegation_event_choices(visit=visit)
    registered = selectors.delegation_registrations(visit=visit)
    return {
        "delegation_form": DelegationEventForm(visit=visit, events=events),
        "delegation_events": events,
        "delegation_members": [
            (member, registered.get(member.pk, [])) for member in visit.participants.all()
        ],
        "delegation_open": visit.status in REGISTRABLE and visit.anonymised_at is None,
    }


@require_POST
@permission_required("visits.register_delegation", fn=get_visit, raise_exception=True)
def delegation_register(request: HttpRequest, pk: int) -> HttpResponse:
    visit = selectors.visit_request_detail(pk=pk)
    events = selectors.delegation_event_choices(visit=visit)
    form = DelegationEventForm(request.POST, visit=visit, events=events)
    if form.is_valid():
        try:
            result = delegation_register_at_event(
                actor=request.user,
                visit=visit,
                event=form.cleaned_data["event"],
                members=form.cleaned_data["members"],
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            for message in result.skipped:
                messages.info(request, message)
            if result.registered:
                count = len(result.registered)
                messages.success(
                    request,
                    ngettext(
                        "%(count)d member of the delegation was registered at %(event)s.",
                        "%(count)d members of the delegation were registered at %(event)s.",
                        count,
                    )
                    % {"count": count, "event": form.cleaned_data["event"].name},
                )
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    response = redirect("visits:request-detail", pk=pk)
    response["Location"] += "#delegation"
    return response
