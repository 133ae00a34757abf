"""Hosts: members of an invited organisation see their invitations and answer them."""

from __future__ import annotations

import zoneinfo

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from rules.contrib.views import objectgetter

from samverkan.common.permissions import permission_required
from samverkan.visits import selectors
from samverkan.visits.models import HostInvitation
from samverkan.visits.operator_forms import HostResponseForm
from samverkan.visits.services import hosts


@permission_required("visits.view_host_invitations")
def host_invitation_list(request: HttpRequest) -> HttpResponse:
    invitations = selectors.host_invitation_list_for_user(user=request.user)
    return render(request, "visits/host_list.html", {"invitations": invitations[:100]})


@permission_required(
    "visits.respond_host_invitation",
    fn=objectgetter(HostInvitation, "pk", "pk"),
    raise_exception=True,
)
def host_respond(request: HttpRequest, pk: int) -> HttpResponse:
    host = get_object_or_404(
        HostInvitation.objects.select_related(
            "organisation", "request__page__organisation", "request__goal"
        ).prefetch_related("windows", "request__focus_areas", "request__date_ranges"),
        pk=pk,
    )
    tz = zoneinfo.ZoneInfo(host.request.page.time_zone)
    initial = {
        "windows": "\n".join(
            f"{w.start.astimezone(tz):%Y-%m-%d %H:%M}-{w.end.astimezone(tz):%H:%M}"
            for w in host.windows.all()
        )
    }
    form = HostResponseForm(request.POST or None, initial=initial, tz=tz)
    if request.method == "POST" and form.is_valid():
        try:
            hosts.host_respond(actor=request.user, host=host, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you, your answer was saved."))
            if request.user.has_perm("visits.view_request", host.request):
                return redirect("visits:request-detail", pk=host.request_id)
            return redirect("visits:host-list")
    return render(
        request, "visits/host_respond.html", {"host": host, "visit": host.request, "form": form}
    )
