"""The operator's list of a programme's indicator definitions."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from samverkan.common.permissions import permission_required
from samverkan.programmes.models import Source
from samverkan.programmes.views.lookups import programme_by_slug


@permission_required("programmes.manage", raise_exception=True)
def indicator_list(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_by_slug(request, slug)
    indicators = programme.indicators.annotate(entry_count=Count("entries")).order_by(
        "order", "code"
    )
    source = request.GET.get("source", "")
    if source in Source.values:
        indicators = indicators.filter(source=source)
    query = request.GET.get("q", "").strip()
    if query:
        indicators = indicators.filter(name__icontains=query)
    page = Paginator(indicators, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "programmes/indicator_list.html",
        {"programme": programme, "page": page, "params": request.GET, "sources": Source.choices},
    )
