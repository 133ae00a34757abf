"""Operator pages that create and edit programmes (priorities, funds), projects (partners,
funding), activities, indicators and exchange rates. Forms check shape, services write."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from samverkan.common.permissions import permission_required
from samverkan.programmes.forms import ActivityForm
from samverkan.programmes.forms_manage import (
    ContributionFormSet,
    FundFormSet,
    IndicatorForm,
    PartnerFormSet,
    PriorityFormSet,
    ProgrammeForm,
    ProjectForm,
    row_changes,
)
from samverkan.programmes.models import (
    Activity,
    ExchangeRate,
    Fund,
    IndicatorDefinition,
    Partner,
    Priority,
    Programme,
)
from samverkan.programmes.services import activities as activity_services
from samverkan.programmes.services import manage
from samverkan.programmes.services import programmes as services
from samverkan.programmes.views.lookups import programme_by_slug, project_by_slug


def add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _formset_errors(formset, error: ValidationError) -> None:
    formset._non_form_errors = formset.error_class(error.messages)


def _page(request, title: str, back: str, form=None, formsets=(), **extra) -> HttpResponse:
    context = {"title": title, "back": back, "form": form, "formsets": formsets, **extra}
    return render(request, "programmes/manage_page.html", context)


@permission_required("programmes.manage", raise_exception=True)
def programme_edit(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    programme = programme_by_slug(request, slug) if slug else None
    data = request.POST or None
    form = ProgrammeForm(data, instance=programme)
    kwargs = {"programme": programme or Programme()}
    priorities = PriorityFormSet(
        data,
        prefix="priorities",
        queryset=programme.priorities.order_by("code") if programme else Priority.objects.none(),
        form_kwargs=kwargs,
    )
    funds = FundFormSet(
        data, prefix="funds", queryset=programme.funds.all() if programme else Fund.objects.none()
    )
    if request.method == "POST" and all(f.is_valid() for f in (form, priorities, funds)):
        fields = dict(form.cleaned_data)
        try:
            with transaction.atomic():
                if programme is None:
                    programme = services.programme_create(actor=request.user, **fields)
                else:
                    manage.programme_update(actor=request.user, programme=programme, **fields)
                target = programme
                for formset, save in (
                    (priorities, manage.priorities_save),
                    (funds, manage.funds_save),
                ):
                    try:
                        save(actor=request.user, programme=target, rows=row_changes(formset))
                    except ValidationError as error:
                        _formset_errors(formset, error)
                        raise
        except ValidationError as error:
            if not (priorities.non_form_errors() or funds.non_form_errors()):
                add_errors(form, error)
            programme = programme_by_slug(request, slug) if slug else None
        else:
            messages.success(request, _("The programme was saved."))
            return redirect(target.get_absolute_url())
    title = _("Edit %(name)s") % {"name": programme} if programme else _("New programme")
    back = programme.get_absolute_url() if programme else "/programmes/"
    return _page(
        request,
        title,
        back,
        form,
        [(_("Priorities and specific objectives"), priorities), (_("Funds"), funds)],
    )


@permission_required("programmes.manage", raise_exception=True)
def project_edit(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    project = project_by_slug(request, slug) if slug else None
    data = request.POST or None
    initial = {}
    if project is None and request.GET.get("programme"):
        initial["programme"] = Programme.objects.filter(slug=request.GET["programme"]).first()
    form = ProjectForm(data, instance=project, initial=initial)
    partners = PartnerFormSet(
        data,
        prefix="partners",
        queryset=(
            project.partners.select_related("organisation") if project else Partner.objects.none()
        ),
    )
    if request.method == "POST" and form.is_valid() and partners.is_valid():
        fields = dict(form.cleaned_data)
        cohorts = list(fields.pop("cohorts", []))
        try:
            with transaction.atomic():
                if project is None:
                    project = services.project_create(actor=request.user, **fields)
                else:
                    manage.project_update(actor=request.user, project=project, **fields)
                project.cohorts.set(cohorts)
                try:
                    manage.partners_save(
                        actor=request.user, project=project, rows=row_changes(partners)
                    )
                except ValidationError as error:
                    _formset_errors(partners, error)
                    raise
        except ValidationError as error:
            if not partners.non_form_errors():
                add_errors(form, error)
            project = project_by_slug(request, slug) if slug else None
        else:
            messages.success(request, _("The project was saved."))
            return redirect(project.get_absolute_url())
    title = _("Edit %(name)s") % {"name": project} if project else _("New project")
    back = project.get_absolute_url() if project else "/programmes/projects/"
    return _page(request, title, back, form, [(_("Partners"), partners)])


@permission_required("programmes.manage", raise_exception=True)
def project_funding(request: HttpRequest, slug: str) -> HttpResponse:
    project = project_by_slug(request, slug)
    formset = ContributionFormSet(
        request.POST or None,
        prefix="funding",
        queryset=project.contributions.select_related("fund", "funder", "partner"),
        form_kwargs={"project": project},
    )
    if request.method == "POST" and formset.is_valid():
        try:
            manage.contributions_save(
                actor=request.user, project=project, rows=row_changes(formset)
            )
        except ValidationError as error:
            _formset_errors(formset, error)
        else:
            messages.success(request, _("The funding was saved."))
            return redirect(project.get_absolute_url())
    return _page(
        request,
        _("Funding of %(project)s") % {"project": project},
        project.get_absolute_url(),
        formsets=[(_("Funders and contributions"), formset)],
    )


def _activity(request, slug: str, pk: int) -> Activity:
    return get_object_or_404(Activity.objects.select_related("project"), pk=pk, project__slug=slug)


@permission_required("programmes.manage", raise_exception=True)
def activity_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    activity = _activity(request, slug, pk)
    initial = {
        name: getattr(activity, name)
        for name in ActivityForm.base_fields
        if name not in {"participants", "event", "visit"}
    }
    initial.update(
        participants=list(activity.participants.values_list("pk", flat=True)),
        event=activity.event_id,
        visit=activity.visit_id,
    )
    form = ActivityForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        participants = list(fields.pop("participants"))
        try:
            manage.activity_update(
                actor=request.user, activity=activity, participants=participants, **fields
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The activity was saved."))
            return redirect(activity.project.get_absolute_url())
    return _page(
        request,
        _("Edit %(name)s") % {"name": activity},
        activity.project.get_absolute_url(),
        form,
        delete_url=request.path.replace("/edit/", "/delete/"),
    )


def _confirm(request, *, title: str, question: str, back: str) -> HttpResponse:
    return render(
        request,
        "programmes/confirm_delete.html",
        {"title": title, "question": question, "back": back},
    )


@permission_required("programmes.manage", raise_exception=True)
def activity_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    activity = _activity(request, slug, pk)
    back = activity.project.get_absolute_url()
    if request.method == "POST":
        manage.activity_delete(actor=request.user, activity=activity)
        messages.success(request, _("The activity was removed."))
        return redirect(back)
    return _confirm(
        request,
        title=_("Remove %(name)s") % {"name": activity},
        question=_(
            "Remove the activity %(name)s with its participants and meetings? Indicator values"
            " computed from it will change."
        )
        % {"name": activity},
        back=back,
    )


@permission_required("programmes.manage", raise_exception=True)
def indicator_edit(request: HttpRequest, slug: str, code: str | None = None) -> HttpResponse:
    programme = programme_by_slug(request, slug)
    indicator = (
        get_object_or_404(IndicatorDefinition, programme=programme, code=code) if code else None
    )
    form = IndicatorForm(request.POST or None, instance=indicator)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        try:
            if indicator is None:
                if programme.indicators.filter(code=fields["code"]).exists():
                    raise ValidationError(
                        {"code": _("Another indicator of this programme has this code.")}
                    )
                activity_services.indicator_define(
                    actor=request.user, programme=programme, **fields
                )
            else:
                manage.indicator_update(actor=request.user, indicator=indicator, **fields)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The indicator was saved."))
            return redirect("programmes:indicator-list", slug=programme.slug)
    back = f"/programmes/{programme.slug}/indicators/"
    title = _("Edit %(name)s") % {"name": indicator.name} if indicator else _("New indicator")
    delete_url = (
        f"/programmes/{programme.slug}/indicators/{indicator.code}/delete/" if indicator else ""
    )
    return _page(request, title, back, form, delete_url=delete_url)


@permission_required("programmes.manage", raise_exception=True)
def indicator_delete(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    programme = programme_by_slug(request, slug)
    indicator = get_object_or_404(IndicatorDefinition, programme=programme, code=code)
    back = f"/programmes/{programme.slug}/indicators/"
    if request.method == "POST":
        try:
            manage.indicator_delete(actor=request.user, indicator=indicator)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The indicator was removed."))
        return redirect(back)
    return _confirm(
        request,
        title=_("Remove %(name)s") % {"name": indicator.name},
        question=_("Remove the indicator %(name)s from the programme?") % {"name": indicator.name},
        back=back,
    )


@permission_required("programmes.manage_rates", raise_exception=True)
def exchange_rate_delete(request: HttpRequest, pk: int) -> HttpResponse:
    rate = get_object_or_404(ExchangeRate, pk=pk)
    back = "/programmes/exchange-rates/"
    if request.method == "POST":
        manage.exchange_rate_delete(actor=request.user, rate=rate)
        messages.success(request, _("The exchange rate was removed."))
        return redirect(back)
    return _confirm(
        request,
        title=_("Remove an exchange rate"),
        question=_("Remove %(rate)s? Totals converted with it will use another rate or none.")
        % {"rate": rate},
        back=back,
    )
