"""A programme's published catalogue: public pages in the visitor's language, showing only
public profiles, public fields and people who consented to be listed."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import translation

from samverkan.catalog import pickers, selectors
from samverkan.catalog.models import Organisation, OrganisationKind, Visibility
from samverkan.catalog.pagination import CatalogPaginator
from samverkan.common.permissions import public


def _activate(request: HttpRequest, catalogue) -> str:
    """The visitor's language if the catalogue is published in it, else its first language."""
    requested = request.GET.get("lang") or translation.get_language()
    language = catalogue.language_for(requested)
    translation.activate(language)
    request.LANGUAGE_CODE = language
    return language


def _public_organisations(catalogue):
    return Organisation.objects.filter(visibility=Visibility.PUBLIC, catalogues=catalogue)


@public
def public_list(request: HttpRequest, catalogue: str) -> HttpResponse:
    catalogue = selectors.catalogue_published(slug=catalogue)
    language = _activate(request, catalogue)
    filters = selectors.OrganisationFilters.from_params(request.GET)
    filters.catalogue = ""
    organisations, facets = selectors.organisation_search_with_facets(
        user=None, filters=filters, base=_public_organisations(catalogue)
    )
    page = CatalogPaginator(organisations, 25).get_page(request.GET.get("page"))
    context = {
        "catalogue": catalogue,
        "language": language,
        "page": page,
        "filters": filters,
        "facets": facets,
        "kinds": OrganisationKind.choices,
        "params": request.GET,
    }
    return render(request, "catalog/public_list.html", context)


@public
def public_detail(request: HttpRequest, catalogue: str, slug: str) -> HttpResponse:
    catalogue = selectors.catalogue_published(slug=catalogue)
    language = _activate(request, catalogue)
    organisation = get_object_or_404(
        selectors.organisation_detail_queryset().filter(
            visibility=Visibility.PUBLIC, catalogues=catalogue
        ),
        slug=slug,
    )
    context = {
        "catalogue": catalogue,
        "language": language,
        "organisation": organisation,
        "text": organisation.text_in(language),
        "people": selectors.people_public(organisation=organisation),
    }
    return render(request, "catalog/public_detail.html", context)


PICKER_NAMES = {"country", "region", "sectors", "target_markets", "sector", "market"}


@public
def reference_options(request: HttpRequest, kind: str) -> HttpResponse:
    """htmx type-ahead: reference rows matching `q` (by code, or by name in the user's
    language) as checkboxes or radio buttons named `name`, to sit inside the calling form."""
    if kind not in pickers.KINDS:
        raise Http404
    name = request.GET.get("name", "")
    if name not in PICKER_NAMES:
        name = kind
    query = (request.GET.get("q") or request.GET.get(f"find_{name}") or "")[:100]
    context = {
        "matches": pickers.search(kind, query),
        "name": name,
        "multiple": request.GET.get("multiple") == "1",
        "query": query,
    }
    return render(request, "catalog/_options.html", context)
