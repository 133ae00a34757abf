"""The operator's "Add from the catalogue": filter, tick, review who is registered, confirm."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samverkan.catalog.models import Catalogue, OrganisationKind
from samverkan.catalog.selectors import OrganisationFilters, organisation_search
from samverkan.common.permissions import permission_required
from samverkan.events.services import bulk
from samverkan.events.views.common import error_messages, event_from

FILTER_NAMES = ("q", "country", "sector", "catalogue", "kind")


def _filters(params) -> OrganisationFilters:
    return OrganisationFilters(**{name: str(params.get(name, "") or "") for name in FILTER_NAMES})


def _chosen_ids(request, filters: OrganisationFilters) -> list[int]:
    if request.POST.get("all_matching"):
        found = organisation_search(user=request.user, filters=filters)
        return list(found.values_list("pk", flat=True)[: bulk.MAX_ORGANISATIONS + 1])
    return sorted({int(v) for v in request.POST.getlist("organisation") if v.isdigit()})


@permission_required("events.bulk_register", fn=event_from)
def participants_add(request, slug):
    """GET: the filtered catalogue with tick boxes; POST review/confirm: the two next steps."""
    event = event_from(request, slug)
    source = request.POST if request.method == "POST" else request.GET
    filters = _filters(source)
    action = request.POST.get("action") if request.method == "POST" else None
    if action in {"review", "confirm"}:
        ids = _chosen_ids(request, filters)
        if not ids:
            messages.error(request, _("Tick at least one organisation."))
        elif len(ids) > bulk.MAX_ORGANISATIONS:
            messages.error(
                request,
                _("At most %(max)s organisations at a time; narrow the filter.")
                % {"max": bulk.MAX_ORGANISATIONS},
            )
        elif action == "confirm":
            selection = {pk: request.POST.getlist(f"people-{pk}") for pk in ids}
            try:
                result = bulk.participants_register_bulk(
                    actor=request.user, event=event, selection=selection
                )
            except ValidationError as error:
                for message in error_messages(error):
                    messages.error(request, message)
            else:
                count = len(result.registered)
                messages.success(
                    request,
                    ngettext("%(count)s person registered.", "%(count)s people registered.", count)
                    % {"count": count},
                )
                if result.skipped:
                    messages.info(
                        request,
                        _("Already registered, skipped: %(names)s")
                        % {"names": ", ".join(result.skipped)},
                    )
                return redirect("events:desk-participants", slug=slug)
        if ids and len(ids) <= bulk.MAX_ORGANISATIONS:
            candidates = bulk.bulk_candidates(
                event=event, organisation_ids=ids, who=request.POST.get("who", bulk.CONTACT)
            )
            return render(
                request,
                "events/bulk_review.html",
                {"event": event, "candidates": candidates, "filters": filters.as_dict()},
            )
    found = organisation_search(user=request.user, filters=filters)
    page = Paginator(found, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "events/bulk_add.html",
        {
            "event": event,
            "page": page,
            "params": filters.as_dict(),
            "total": page.paginator.count,
            "catalogues": Catalogue.objects.order_by("slug"),
            "kinds": OrganisationKind.choices,
            "who_choices": [
                (bulk.CONTACT, _("One contact per organisation")),
                (bulk.MEMBERS, _("All members of each organisation (else its contact)")),
            ],
        },
    )
