"""Catalogue pages."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from samverkan.catalog import selectors
from samverkan.catalog.models import Organisation, OrganisationKind
from samverkan.common.permissions import permission_required


@permission_required("catalog.list_organisations")
def organisation_list(request: HttpRequest) -> HttpResponse:
    organisations = selectors.organisation_list(
        query=request.GET.get("q", "").strip(),
        kind=request.GET.get("kind", ""),
        country=request.GET.get("country", ""),
    )
    page = Paginator(organisations, 25).get_page(request.GET.get("page"))
    context = {"page": page, "kinds": OrganisationKind.choices, "params": request.GET}
    return render(request, "catalog/organisation_list.html", context)


@permission_required("catalog.view_organisation")
def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    context = {
        "organisation": organisation,
        "can_change": request.user.has_perm("catalog.change_organisation", organisation),
    }
    return render(request, "catalog/organisation_detail.html", context)
