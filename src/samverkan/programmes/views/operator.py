"""Operator tools: exchange rates and the project/partner import."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from samverkan.common.permissions import permission_required
from samverkan.programmes import selectors
from samverkan.programmes.forms import ExchangeRateForm, ProjectImportForm, RateImportForm
from samverkan.programmes.services import programmes as services
from samverkan.programmes.services.imports import projects_import

MAX_CSV_BYTES = 2 * 1024 * 1024


def _read_csv(upload) -> str:
    if upload.size > MAX_CSV_BYTES:
        raise ValidationError(_("The file is larger than 2 MB."))
    try:
        return upload.read().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(_("The file is not UTF-8 text.")) from error


@permission_required("programmes.manage_rates", raise_exception=True)
def exchange_rates(request: HttpRequest) -> HttpResponse:
    form = ExchangeRateForm(request.POST if "add" in request.POST else None)
    import_form = RateImportForm(
        request.POST if "import" in request.POST else None,
        request.FILES if "import" in request.POST else None,
    )
    if form.is_bound and form.is_valid():
        try:
            services.exchange_rate_set(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("The exchange rate was saved."))
            return redirect("programmes:exchange-rates")
    if import_form.is_bound and import_form.is_valid():
        try:
            text = _read_csv(import_form.cleaned_data["file"])
        except ValidationError as error:
            import_form.add_error("file", error.messages)
        else:
            dry_run = import_form.cleaned_data["dry_run"]
            count, errors = services.exchange_rates_import(
                actor=request.user, text=text, dry_run=dry_run
            )
            if errors:
                for error in errors:
                    import_form.add_error(None, error)
            else:
                messages.success(
                    request,
                    (
                        _("%(count)s rates are valid (dry run).")
                        if dry_run
                        else _("%(count)s rates were imported.")
                    )
                    % {"count": count},
                )
                return redirect("programmes:exchange-rates")
    rates = selectors.exchange_rate_list(currency=request.GET.get("currency", ""))
    page = Paginator(rates, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "programmes/exchange_rates.html",
        {
            "form": form,
            "import_form": import_form,
            "page": page,
            "params": request.GET,
        },
    )


@permission_required("programmes.import_projects", raise_exception=True)
def project_import(request: HttpRequest) -> HttpResponse:
    form = ProjectImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            text = _read_csv(form.cleaned_data["file"])
        except ValidationError as error:
            form.add_error("file", error.messages)
        else:
            report = projects_import(
                actor=request.user, text=text, dry_run=form.cleaned_data["dry_run"]
            )
            if report.ok and not report.dry_run:
                messages.success(request, _("The import is done."))
    return render(request, "programmes/project_import.html", {"form": form, "report": report})
