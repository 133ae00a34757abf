"""Operators create and edit booking pages (texts per language, goals, focus areas)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from samverkan.common.permissions import permission_required
from samverkan.visits import selectors
from samverkan.visits.models import BookingPage
from samverkan.visits.page_forms import EDIT_LANGUAGES, TEXTS, BookingPageForm, initial_for
from samverkan.visits.services.pages import booking_page_save


@permission_required("visits.manage_booking_pages")
def page_list(request: HttpRequest) -> HttpResponse:
    return render(request, "visits/page_list.html", {"pages": selectors.booking_page_list()})


def _edit(request: HttpRequest, page: BookingPage | None) -> HttpResponse:
    initial = initial_for(page) if page else {"privacy_notice_version": "1", "is_active": True}
    if page is None:
        from django.conf import settings

        initial["time_zone"] = settings.TIME_ZONE
    form = BookingPageForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = booking_page_save(
                actor=request.user,
                page=page,
                organisation=data["organisation"],
                slug=data["slug"],
                texts=form.texts(),
                privacy_notice_version=data["privacy_notice_version"],
                notification_email=data["notification_email"],
                time_zone=data["time_zone"],
                is_active=data["is_active"],
                goals=data["goals"],
                focus_areas=data["focus_areas"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The booking page was saved."))
            return redirect("visits:page-edit", slug=saved.slug)
    groups = [[form[f"{text}_{language}"] for language in EDIT_LANGUAGES] for text in TEXTS]
    return render(
        request, "visits/page_edit.html", {"form": form, "page": page, "text_groups": groups}
    )


@permission_required("visits.manage_booking_pages")
def page_create(request: HttpRequest) -> HttpResponse:
    return _edit(request, None)


@permission_required("visits.manage_booking_pages")
def page_edit(request: HttpRequest, slug: str) -> HttpResponse:
    page = get_object_or_404(
        BookingPage.objects.select_related("organisation").prefetch_related(
            "goals", "focus_areas__sectors"
        ),
        slug=slug,
    )
    return _edit(request, page)
