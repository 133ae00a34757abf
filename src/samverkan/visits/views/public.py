"""The public booking form and the organiser's status page (no login)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from samverkan.common.permissions import public
from samverkan.visits import conf, phrases, selectors
from samverkan.visits.forms import BookingSubmission, FeedbackForm
from samverkan.visits.models import VisitStatus, localized
from samverkan.visits.services import results, submission
from samverkan.visits.services.documents import itinerary_ical, itinerary_pdf

ADD_ROW = {"add_date": "dates", "add_participant": "participants"}


def client_address(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR")


def _with_extra_row(data, prefix: str):
    """A copy of the POST data with one more empty row in formset `prefix`."""
    data = data.copy()
    key = f"{prefix}-TOTAL_FORMS"
    try:
        data[key] = str(int(data.get(key, "0")) + 1)
    except ValueError:
        data[key] = "1"
    return data


def _notices(page) -> dict:
    return {
        "costs_notice": localized(page.costs_notices) or phrases.COSTS_NOTICE,
        "privacy_notice": localized(page.privacy_notices)
        or phrases.PRIVACY_NOTICE % {"days": conf.retention_days()},
    }


@public
@never_cache
def book(request: HttpRequest, slug: str) -> HttpResponse:
    page = selectors.booking_page_get_active(slug=slug)
    if page is None:
        raise Http404(phrases.NOT_ACCEPTING)
    language = translation.get_language() or "en"
    if request.method != "POST":
        booking = BookingSubmission(page=page)
        return _render_form(request, page, booking)

    added = next((prefix for name, prefix in ADD_ROW.items() if name in request.POST), None)
    if added:
        # "Add a row" without JavaScript: show the form again with one more row, store nothing.
        booking = BookingSubmission(_with_extra_row(request.POST, added), page=page)
        booking.suppress_errors()
        return _render_form(request, page, booking, focus=added)

    booking = BookingSubmission(request.POST, page=page)
    address = client_address(request)
    if submission.submission_is_rate_limited(client_address=address):
        booking.is_valid()
        booking.form.add_error(None, phrases.RATE_LIMITED)
        return _render_form(request, page, booking, status=429)
    if booking.is_spam:
        submission.submission_attempt_record(client_address=address, was_spam=True)
        return render(request, "visits/spam_received.html", {"page": page})
    if not booking.is_valid():
        return _render_form(request, page, booking, status=422)
    visit, token = submission.visit_request_submit(
        page=page, data=booking.to_data(), language=language, client_address=address
    )
    messages.success(
        request,
        _("Thank you! Your request was received with reference %(reference)s.")
        % {"reference": visit.reference},
    )
    return redirect("visits:status", token=token)


def _render_form(request, page, booking, status: int = 200, focus: str = "") -> HttpResponse:
    context = {
        "page": page,
        "booking": booking,
        "form": booking.form,
        "focus": focus,
        **_notices(page),
    }
    return render(request, "visits/book.html", context, status=status)


@public
@never_cache
def status(request: HttpRequest, token: str) -> HttpResponse:
    visit = selectors.visit_request_by_token(token=token)
    if visit is None:
        raise Http404(_("This link is not valid, or the request's data has been removed."))
    feedback_form = None
    can_give_feedback = visit.status == VisitStatus.COMPLETED and not hasattr(visit, "feedback")
    if can_give_feedback:
        feedback_form = FeedbackForm(request.POST or None)
        if request.method == "POST" and feedback_form.is_valid():
            results.feedback_record(visit=visit, **feedback_form.cleaned_data)
            messages.success(request, _("Thank you for your feedback."))
            return redirect("visits:status", token=token)
    show_itinerary = visit.status in (VisitStatus.CONFIRMED, VisitStatus.COMPLETED)
    context = {
        "visit": visit,
        "token": token,
        "show_itinerary": show_itinerary,
        "items": list(visit.itinerary.select_related("host__organisation"))
        if show_itinerary
        else [],
        "feedback_form": feedback_form,
    }
    return render(request, "visits/status.html", context)


def _itinerary_visit(token: str):
    visit = selectors.visit_request_by_token(token=token)
    if visit is None or visit.status not in (VisitStatus.CONFIRMED, VisitStatus.COMPLETED):
        raise Http404(_("The itinerary is not available yet."))
    return visit


@public
@never_cache
def status_ical(request: HttpRequest, token: str) -> HttpResponse:
    visit = _itinerary_visit(token)
    response = HttpResponse(
        itinerary_ical(visit=visit), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{visit.reference}.ics"'
    return response


@public
@never_cache
def status_pdf(request: HttpRequest, token: str) -> HttpResponse:
    visit = _itinerary_visit(token)
    response = HttpResponse(itinerary_pdf(visit=visit), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{visit.reference}.pdf"'
    return response
