"""Saved searches: list and create, results and edit, delete."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rules.contrib.views import objectgetter

from samverkan.common.permissions import permission_required
from samverkan.matching import forms, selectors, services
from samverkan.matching.models import SavedSearch
from samverkan.matching.views import form_errors

search_by_pk = objectgetter(SavedSearch, "pk")


@permission_required("matching.manage_saved_searches")
def search_list(request: HttpRequest) -> HttpResponse:
    form = forms.SavedSearchForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            search = services.saved_search_create(actor=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("Search saved."))
            return redirect("matching:search-detail", pk=search.pk)
    searches = selectors.saved_search_list(user=request.user)
    page = Paginator(searches, 25).get_page(request.GET.get("page"))
    return render(
        request, "matching/search_list.html", {"form": form, "page": page, "params": request.GET}
    )


@permission_required("matching.change_saved_search", fn=search_by_pk)
def search_detail(request: HttpRequest, pk: int) -> HttpResponse:
    search = get_object_or_404(SavedSearch.objects.select_related("organisation"), pk=pk)
    form = forms.SavedSearchForm(request.POST or None, instance=search, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.saved_search_update(actor=request.user, search=search, data=form.cleaned_data)
        except ValidationError as exc:
            form_errors(form, exc)
            search.refresh_from_db()
        else:
            messages.success(request, _("Search updated."))
            return redirect("matching:search-detail", pk=search.pk)
    results = selectors.saved_search_results(search=search, user=request.user)
    return render(
        request, "matching/search_detail.html", {"search": search, "form": form, "results": results}
    )


@require_POST
@permission_required("matching.change_saved_search", fn=search_by_pk, raise_exception=True)
def search_delete(request: HttpRequest, pk: int) -> HttpResponse:
    search = get_object_or_404(SavedSearch, pk=pk)
    services.saved_search_delete(actor=request.user, search=search)
    messages.success(request, _("Search deleted."))
    return redirect("matching:search-list")
