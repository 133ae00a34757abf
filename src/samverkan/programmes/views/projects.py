"""Project list and detail, project dashboard, activities, outcomes and funder reports."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from samverkan.catalog.models import Organisation
from samverkan.common.permissions import permission_required
from samverkan.programmes import reports, selectors
from samverkan.programmes.forms import ActivityForm, OutcomeForm, PeriodForm
from samverkan.programmes.models import BusinessOutcome, Programme, Project
from samverkan.programmes.services import activities as services
from samverkan.programmes.views.lookups import project_by_slug
from samverkan.programmes.views.programmes import dashboard_context


def _form_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@permission_required("programmes.list_projects")
def project_list(request: HttpRequest) -> HttpResponse:
    programme = Programme.objects.filter(slug=request.GET.get("programme", "")).first()
    organisation_id = request.GET.get("organisation", "")
    projects = selectors.project_list(
        programme=programme,
        organisation_id=int(organisation_id) if organisation_id.isdigit() else None,
        query=request.GET.get("q", "").strip(),
        status=request.GET.get("status", ""),
    )
    page = Paginator(projects, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "programmes/project_list.html",
        {
            "page": page,
            "params": request.GET,
            "programmes": Programme.objects.all(),
            "statuses": Project.Status.choices,
            "organisation": Organisation.objects.filter(pk=organisation_id).first()
            if organisation_id.isdigit()
            else None,
        },
    )


@permission_required("programmes.view_project", fn=project_by_slug)
def project_detail(request: HttpRequest, slug: str) -> HttpResponse:
    project = selectors.project_detail(slug=slug)
    return render(
        request,
        "programmes/project_detail.html",
        {
            "project": project,
            "summary": selectors.project_budget_summary(project=project),
            "activities": selectors.project_activities(project=project),
            "outcomes": project.outcomes.select_related("organisation", "activity"),
            "can_dashboard": request.user.has_perm("programmes.view_dashboard", project),
            "can_manage": request.user.has_perm("programmes.manage"),
        },
    )


@permission_required("programmes.view_dashboard", fn=project_by_slug)
def project_dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    project = selectors.project_detail(slug=slug)
    context = {
        "project": project,
        "programme": project.programme,
        "summary": selectors.project_budget_summary(project=project),
        "period_form": PeriodForm(),
        **dashboard_context(programme=project.programme, project=project),
    }
    return render(request, "programmes/project_dashboard.html", context)


@permission_required("programmes.export_report", fn=project_by_slug)
def project_report(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    project = selectors.project_detail(slug=slug)
    form = PeriodForm(request.GET or None)
    if request.GET and not form.is_valid():
        messages.error(request, " ".join(form.non_field_errors()) or _("Check the period."))
        return redirect("programmes:project-dashboard", slug=slug)
    period = form.cleaned_data if form.is_bound else {}
    data = reports.report_data(project=project, start=period.get("start"), end=period.get("end"))
    if fmt == "xlsx":
        content = reports.report_xlsx(data)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        content = reports.report_pdf(data)
        content_type = "application/pdf"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{data.filename}.{fmt}"'
    return response


@permission_required("programmes.manage", raise_exception=True)
def activity_create(request: HttpRequest, slug: str) -> HttpResponse:
    project = project_by_slug(request, slug)
    form = ActivityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        participants = list(data.pop("participants"))
        try:
            services.activity_create(
                actor=request.user, project=project, participants=participants, **data
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The activity was recorded."))
            return redirect(project.get_absolute_url())
    return render(
        request,
        "programmes/form_page.html",
        {
            "form": form,
            "title": _("New activity in %(project)s") % {"project": project},
            "back": project.get_absolute_url(),
        },
    )


@permission_required("programmes.manage", raise_exception=True)
def outcome_create(request: HttpRequest, slug: str) -> HttpResponse:
    project = project_by_slug(request, slug)
    form = OutcomeForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        try:
            services.outcome_record(actor=request.user, project=project, **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The outcome was recorded."))
            return redirect(project.get_absolute_url())
    return render(
        request,
        "programmes/form_page.html",
        {
            "form": form,
            "title": _("New business outcome in %(project)s") % {"project": project},
            "back": project.get_absolute_url(),
            "kinds": BusinessOutcome.Kind.choices,
        },
    )
