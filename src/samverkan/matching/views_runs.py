"""Operators' matchmaking runs: start, progress (htmx polling), export."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify

from samverkan.common.permissions import permission_required
from samverkan.matching import forms, runs
from samverkan.matching.models import MatchmakingRun
from samverkan.matching.views import form_errors, is_htmx

PREVIEW_ROWS = 200


@permission_required("matching.run_matchmaking", raise_exception=True)
def run_list(request: HttpRequest) -> HttpResponse:
    form = forms.RunForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            run = runs.matchmaking_run_create(
                actor=request.user,
                catalogue=form.cleaned_data["catalogue"],
                event_id=form.cleaned_data["event"],
                k=form.cleaned_data["k"],
                companies_only=form.cleaned_data["companies_only"],
            )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            return redirect("matching:run-detail", pk=run.pk)
    page = Paginator(
        MatchmakingRun.objects.select_related("catalogue", "created_by").defer("results"), 25
    ).get_page(request.GET.get("page"))
    return render(
        request, "matching/run_list.html", {"form": form, "page": page, "params": request.GET}
    )


@permission_required("matching.run_matchmaking", raise_exception=True)
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(MatchmakingRun, pk=pk)
    header, rows = runs.export_rows(run)
    context = {
        "run": run,
        "header": header,
        "rows": rows[:PREVIEW_ROWS],
        "more": len(rows) > PREVIEW_ROWS,
    }
    template = "matching/_run_progress.html" if is_htmx(request) else "matching/run_detail.html"
    return render(request, template, context)


@permission_required("matching.run_matchmaking", raise_exception=True)
def run_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    run = get_object_or_404(MatchmakingRun, pk=pk)
    name = f"matchmaking-{run.pk}-{slugify(run.label)[:40] or 'run'}"
    if fmt == "csv":
        response = HttpResponse(runs.export_csv(run), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(
            runs.export_xlsx(run),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
