"""Programme list and detail, dashboards, indicator drill-down and the public results page."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverkan.common.permissions import permission_required
from samverkan.programmes import selectors
from samverkan.programmes.charts import country_table, series_chart
from samverkan.programmes.forms import IndicatorEntryForm
from samverkan.programmes.indicators.compute import indicator_results, quarter_ends
from samverkan.programmes.models import IndicatorDefinition, IndicatorEntry, Programme
from samverkan.programmes.services import activities as activity_services
from samverkan.programmes.services import programmes as services
from samverkan.programmes.views.lookups import entry_programme, programme_by_slug


@permission_required("programmes.list_programmes")
def programme_list(request: HttpRequest) -> HttpResponse:
    programmes = selectors.programme_list(query=request.GET.get("q", "").strip())
    page = Paginator(programmes, 20).get_page(request.GET.get("page"))
    return render(request, "programmes/programme_list.html", {"page": page, "params": request.GET})


@permission_required("programmes.view_programme", fn=programme_by_slug)
def programme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_by_slug(request, slug)
    projects = selectors.project_list(programme=programme)
    page = Paginator(projects, 25).get_page(request.GET.get("page"))
    context = {
        "programme": programme,
        "priorities": programme.priorities.filter(parent=None).prefetch_related("objectives"),
        "funds": programme.funds.all(),
        "page": page,
        "params": request.GET,
        "can_dashboard": request.user.has_perm("programmes.view_dashboard", programme),
        "can_manage": request.user.has_perm("programmes.manage"),
    }
    return render(request, "programmes/programme_detail.html", context)


def _history_end(programme: Programme) -> date:
    return min(timezone.localdate(), date(programme.end_year + 3, 12, 31))


def dashboard_context(*, programme: Programme, project=None) -> dict:
    results = indicator_results(programme=programme, project=project)
    start = project.start_date if project else date(programme.start_year, 1, 1)
    points = quarter_ends(start, max(start, _history_end(programme)))
    for result in results:
        result.chart = series_chart(result, points)
    return {"results": results, "countries": country_table(results)}


@permission_required("programmes.view_dashboard", fn=programme_by_slug)
def programme_dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_by_slug(request, slug)
    rates = selectors.RateTable()
    budgets = [
        (project, selectors.project_budget_summary(project=project, rates=rates))
        for project in selectors.project_list(programme=programme).prefetch_related("contributions")
    ]
    context = {
        "programme": programme,
        "budgets": budgets,
        "can_manage": request.user.has_perm("programmes.manage"),
        **dashboard_context(programme=programme),
    }
    return render(request, "programmes/programme_dashboard.html", context)


@permission_required("programmes.view_public_results", fn=programme_by_slug)
def programme_results(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_by_slug(request, slug)
    context = {
        "programme": programme,
        **dashboard_context(programme=programme),
        "projects": selectors.project_list(programme=programme),
    }
    return render(request, "programmes/programme_results.html", context)


@require_POST
@permission_required("programmes.manage", raise_exception=True)
def programme_publish(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_by_slug(request, slug)
    published = request.POST.get("published") == "1"
    services.programme_set_published(actor=request.user, programme=programme, published=published)
    messages.success(
        request,
        _("The results page is published.")
        if published
        else _("The results page is no longer public."),
    )
    return redirect("programmes:programme-dashboard", slug=slug)


@permission_required("programmes.view_dashboard", fn=programme_by_slug)
def indicator_detail(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    programme = programme_by_slug(request, slug)
    indicator = get_object_or_404(IndicatorDefinition, programme=programme, code=code)
    project = None
    if request.GET.get("project"):
        project = programme.projects.filter(slug=request.GET["project"]).first()
    context = dashboard_context(programme=programme, project=project)
    result = next(r for r in context["results"] if r.indicator.pk == indicator.pk)
    page = Paginator(result.records, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "programmes/indicator_detail.html",
        {
            "programme": programme,
            "result": result,
            "page": page,
            "params": request.GET,
            "project": project,
            "projects": programme.projects.order_by("name"),
            "can_manage": request.user.has_perm("programmes.manage"),
        },
    )


@permission_required("programmes.manage", raise_exception=True)
def indicator_entry_create(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    programme = programme_by_slug(request, slug)
    indicator = get_object_or_404(IndicatorDefinition, programme=programme, code=code)
    form = IndicatorEntryForm(request.POST or None, request.FILES or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            activity_services.indicator_entry_create(
                actor=request.user,
                indicator=indicator,
                project=data["project"],
                reported_on=data["reported_on"],
                value=data["value"],
                note=data["note"],
                respondents=data["respondents"],
                country=data["country"],
                evidence=data["evidence"] or None,
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("The entry was added."))
            return redirect("programmes:indicator-detail", slug=slug, code=code)
    return render(
        request,
        "programmes/form_page.html",
        {
            "form": form,
            "title": _("Manual entry for “%(name)s”") % {"name": indicator.name},
            "multipart": True,
            "back": indicator.programme.get_absolute_url(),
        },
    )


@permission_required("programmes.view_dashboard", fn=entry_programme)
def entry_evidence(request: HttpRequest, pk: int) -> FileResponse:
    entry = get_object_or_404(IndicatorEntry, pk=pk)
    if not entry.evidence:
        raise Http404
    return FileResponse(
        entry.evidence.open("rb"),
        as_attachment=True,
        filename=entry.evidence.name.rsplit("/", 1)[-1],
    )
