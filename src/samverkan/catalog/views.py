"""Catalogue pages for signed-in users and operators: list, profile, editing, people."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rules.contrib.views import objectgetter

from samverkan.catalog import forms, selectors, services
from samverkan.catalog.models import Organisation, OrganisationKind, Person, SizeClass
from samverkan.catalog.pagination import CatalogPaginator
from samverkan.common.permissions import permission_required

PAGE_SIZE = 25
by_slug = objectgetter(Organisation, "slug", "slug")


def _person_org(request, slug, pk=None):
    return get_object_or_404(Organisation, slug=slug)


@permission_required("catalog.list_organisations")
def organisation_list(request: HttpRequest) -> HttpResponse:
    filters = selectors.OrganisationFilters.from_params(request.GET)
    organisations, facets = selectors.organisation_search_with_facets(
        user=request.user, filters=filters
    )
    page = CatalogPaginator(organisations, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "filters": filters,
        "facets": facets,
        "kinds": OrganisationKind.choices,
        "sizes": SizeClass.choices,
        "params": request.GET,
        "can_import": request.user.has_perm("catalog.import_organisations"),
        "can_export": request.user.has_perm("catalog.export_organisations"),
        "can_add": request.user.has_perm("catalog.add_organisation"),
        "query_string": request.GET.urlencode(),
    }
    return render(request, "catalog/organisation_list.html", context)


@permission_required("catalog.view_organisation", fn=by_slug)
def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(selectors.organisation_detail_queryset(), slug=slug)
    user = request.user
    can_view_people = user.has_perm("catalog.view_people", organisation)
    people = (
        list(organisation.people.all())
        if can_view_people
        else selectors.people_public(organisation=organisation)
    )
    can_history = user.has_perm("catalog.view_history", organisation)
    context = {
        "organisation": organisation,
        "text": organisation.text_in(),
        "texts": list(organisation.texts.all()),
        "people": people,
        "can_change": user.has_perm("catalog.change_organisation", organisation),
        "can_change_people": user.has_perm("catalog.change_people", organisation),
        "can_invite": user.has_perm("catalog.invite_claim", organisation),
        "history": selectors.organisation_history(organisation=organisation)
        if can_history
        else None,
        "claim_form": forms.ClaimInviteForm(),
    }
    return render(request, "catalog/organisation_detail.html", context)


def _save_profile(request, form: forms.OrganisationForm, organisation: Organisation | None):
    data, texts = form.service_data()
    if organisation is None:
        organisation = services.organisation_create(actor=request.user, data=data, texts=texts)
    else:
        services.organisation_update(
            actor=request.user, organisation=organisation, data=data, texts=texts
        )
    if form.cleaned_data.get("logo"):
        services.organisation_logo_set(
            actor=request.user, organisation=organisation, upload=form.cleaned_data["logo"]
        )
    return organisation


def _profile_form_view(request: HttpRequest, organisation: Organisation | None) -> HttpResponse:
    initial = forms.OrganisationForm.initial_for(organisation) if organisation else {}
    form = forms.OrganisationForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                organisation = _save_profile(request, form, organisation)
        except ValidationError as error:
            forms.add_service_errors(form, error)
        else:
            messages.success(request, _("The profile was saved."))
            return redirect(organisation.get_absolute_url())
    return render(
        request, "catalog/organisation_form.html", {"form": form, "organisation": organisation}
    )


@permission_required("catalog.add_organisation", raise_exception=True)
def organisation_create(request: HttpRequest) -> HttpResponse:
    return _profile_form_view(request, None)


@permission_required("catalog.change_organisation", fn=by_slug, raise_exception=True)
def organisation_edit(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(selectors.organisation_detail_queryset(), slug=slug)
    return _profile_form_view(request, organisation)


@require_POST
@permission_required("catalog.invite_claim", fn=by_slug, raise_exception=True)
def organisation_claim_invite(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    form = forms.ClaimInviteForm(request.POST)
    if form.is_valid():
        try:
            services.organisation_claim_invite(
                actor=request.user, organisation=organisation, email=form.cleaned_data["email"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("%(email)s was invited to claim this profile.")
                % {"email": form.cleaned_data["email"]},
            )
    else:
        messages.error(request, _("Enter a valid e-mail address."))
    return redirect(organisation.get_absolute_url())


@permission_required("catalog.change_people", fn=_person_org, raise_exception=True)
def person_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    person = get_object_or_404(Person, pk=pk, organisation=organisation) if pk else None
    initial = {}
    if person is not None:
        initial = {
            "name": person.name,
            "role": person.role,
            "email": person.email,
            "phone": person.phone,
            "languages": ", ".join(person.languages),
            "consent": person.listing_consent_at is not None,
        }
    form = forms.PersonForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        consent = data.pop("consent")
        try:
            if person is None:
                services.person_create(
                    actor=request.user, organisation=organisation, data=data, consent=consent
                )
            else:
                services.person_update(
                    actor=request.user, person=person, data=data, consent=consent
                )
        except ValidationError as error:
            forms.add_service_errors(form, error)
        else:
            messages.success(request, _("The person was saved."))
            return redirect(organisation.get_absolute_url())
    context = {"form": form, "organisation": organisation, "person": person}
    return render(request, "catalog/person_form.html", context)


@require_POST
@permission_required("catalog.change_people", fn=_person_org, raise_exception=True)
def person_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    person = get_object_or_404(Person, pk=pk, organisation__slug=slug)
    if not request.user.has_perm("catalog.change_people", person.organisation):
        raise PermissionDenied
    services.person_delete(actor=request.user, person=person)
    messages.success(request, _("The person was removed."))
    return redirect(person.organisation.get_absolute_url())
