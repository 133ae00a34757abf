"""Operator pages: import with mapping and dry run, export, and the programme catalogues."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from samverkan.catalog import exports, forms, imports, selectors, services
from samverkan.catalog.models import Catalogue, ImportJob
from samverkan.common.permissions import permission_required


@permission_required("catalog.export_organisations", raise_exception=True)
def organisation_export(request: HttpRequest, fmt: str) -> HttpResponse:
    filters = selectors.OrganisationFilters.from_params(request.GET)
    organisations = selectors.organisation_search(user=request.user, filters=filters)
    rows = exports.export_rows(organisations)
    if fmt == "xlsx":
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        response = HttpResponse(exports.to_xlsx(rows), content_type=content_type)
    else:
        response = HttpResponse(exports.to_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="organisations.{fmt}"'
    return response


@permission_required("catalog.import_organisations", raise_exception=True)
def import_upload(request: HttpRequest) -> HttpResponse:
    form = forms.ImportUploadForm(request.POST or None, request.FILES or None)
    catalogues = Catalogue.objects.all()
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        catalogue = catalogues.filter(slug=request.POST.get("catalogue", "")).first()
        try:
            job = imports.import_job_create(
                actor=request.user,
                file_name=upload.name,
                content=upload.read(),
                catalogue=catalogue,
            )
        except ValidationError as error:
            forms.add_service_errors(form, error)
        else:
            return redirect("catalog:import-mapping", pk=job.pk)
    context = {"form": form, "catalogues": catalogues}
    return render(request, "catalog/import_upload.html", context)


@permission_required("catalog.import_organisations", raise_exception=True)
def import_mapping(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(ImportJob, pk=pk)
    errors: list[str] = []
    if request.method == "POST":
        mapping = {
            header: request.POST.get(f"map_{index}", "") for index, header in enumerate(job.headers)
        }
        try:
            imports.import_mapping_set(actor=request.user, job=job, mapping=mapping)
            report = imports.import_check(job=job)
        except ValidationError as error:
            errors = error.messages
        else:
            if report["errors"]:
                messages.warning(
                    request,
                    _("%(n)d rows have errors. Nothing was imported.")
                    % {"n": len(report["errors"])},
                )
            else:
                messages.info(request, _("The dry run found no errors."))
            return redirect("catalog:import-mapping", pk=job.pk)
    rows = [
        {"index": index, "header": header, "target": job.mapping.get(header, "")}
        for index, header in enumerate(job.headers)
    ]
    context = {"job": job, "rows": rows, "columns": imports.COLUMNS, "errors": errors}
    return render(request, "catalog/import_mapping.html", context)


@permission_required("catalog.import_organisations", raise_exception=True)
def import_commit(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(ImportJob, pk=pk)
    if request.method != "POST":
        return redirect("catalog:import-mapping", pk=pk)
    decisions = {
        str(duplicate["row"]): request.POST[f"decision_{duplicate['row']}"]
        for duplicate in job.report.get("duplicates", [])
        if f"decision_{duplicate['row']}" in request.POST
    }
    try:
        if decisions:
            imports.import_decisions_set(actor=request.user, job=job, decisions=decisions)
        if request.POST.get("action") == "check":
            report = imports.import_check(job=job)
            messages.info(request, _("Your choices were applied to the dry run."))
            return redirect("catalog:import-mapping", pk=pk)
        report = imports.import_commit(actor=request.user, job=job)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        imports.import_check(job=job)
        return redirect("catalog:import-mapping", pk=pk)
    messages.success(
        request, _("%(n)d organisations were imported.") % {"n": report.get("imported", 0)}
    )
    if job.catalogue_id:
        return redirect("catalog:catalogue-edit", slug=job.catalogue.slug)
    return redirect("catalog:organisation-list")


@permission_required("catalog.manage_catalogues", raise_exception=True)
def catalogue_list(request: HttpRequest) -> HttpResponse:
    catalogues = Catalogue.objects.all()
    return render(request, "catalog/catalogue_list.html", {"catalogues": catalogues})


@permission_required("catalog.manage_catalogues", raise_exception=True)
def catalogue_edit(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    catalogue = get_object_or_404(Catalogue, slug=slug) if slug else None
    initial = {}
    if catalogue is not None:
        initial = {
            "slug": catalogue.slug,
            "languages": catalogue.languages,
            "is_published": catalogue.is_published,
        }
        for code, text in catalogue.titles.items():
            initial[f"title_{code}"] = text
        for code, text in catalogue.intros.items():
            initial[f"intro_{code}"] = text
    form = forms.CatalogueForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        titles = {k[6:]: v for k, v in data.items() if k.startswith("title_") and v}
        intros = {k[6:]: v for k, v in data.items() if k.startswith("intro_") and v}
        try:
            saved = services.catalogue_save(
                actor=request.user,
                slug=data["slug"],
                titles=titles,
                intros=intros,
                languages=data["languages"],
                operator=catalogue.operator if catalogue else None,
            )
            if saved.is_published != data["is_published"]:
                services.catalogue_publish(
                    actor=request.user, catalogue=saved, published=data["is_published"]
                )
        except ValidationError as error:
            forms.add_service_errors(form, error)
        else:
            messages.success(request, _("The catalogue was saved."))
            return redirect("catalog:catalogue-edit", slug=saved.slug)
    context = {
        "form": form,
        "catalogue": catalogue,
        "count": catalogue.organisations.count() if catalogue else 0,
    }
    return render(request, "catalog/catalogue_form.html", context)
