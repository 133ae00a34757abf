"""Matching pages: suggested partners (full page and htmx fragment), feedback, the hub and
the dashboard panel. Interests, saved searches and runs are in views_*.py."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST
from rules.contrib.views import objectgetter

from samverkan.catalog.models import Organisation, OrganisationKind
from samverkan.common.permissions import permission_required
from samverkan.matching import selectors, services
from samverkan.matching.models import InterestStatus

by_slug = objectgetter(Organisation, "slug", "slug")
DASHBOARD_K = 5


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def form_errors(form, exc: ValidationError) -> None:
    """Put a service's ValidationError onto a form (fields it knows, else non-field)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _k(request: HttpRequest, default: int) -> int:
    try:
        return max(1, min(int(request.GET.get("k", default)), selectors.MAX_K))
    except ValueError:
        return default


@permission_required("matching.use_matching")
def home(request: HttpRequest) -> HttpResponse:
    organisations = selectors.organisations_of(user=request.user)
    received = selectors.interest_list(
        user=request.user, direction="received", status=InterestStatus.PENDING
    )
    context = {
        "organisations": organisations,
        "pending_received": received.count(),
        "can_run": request.user.has_perm("matching.run_matchmaking"),
    }
    return render(request, "matching/home.html", context)


@permission_required("matching.view_suggestions", fn=by_slug, raise_exception=True)
def suggestions(request: HttpRequest, slug: str) -> HttpResponse:
    """Suggested partners with reasons; an htmx request gets the fragment only."""
    organisation = get_object_or_404(Organisation, slug=slug)
    k = _k(request, selectors.DEFAULT_K)
    context = {
        "organisation": organisation,
        "suggestions": selectors.suggestion_list(organisation=organisation, user=request.user, k=k),
        "k": k,
        "can_feedback": request.user.has_perm("matching.give_feedback", organisation),
    }
    template = "matching/_suggestions.html" if is_htmx(request) else "matching/suggestions.html"
    return render(request, template, context)


@require_POST
@permission_required("matching.give_feedback", fn=by_slug, raise_exception=True)
def feedback(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    suggested = get_object_or_404(Organisation, pk=pk)
    verdict = request.POST.get("verdict", "")
    status = 200
    try:
        if verdict == "clear":
            services.suggestion_feedback_clear(
                actor=request.user, organisation=organisation, suggested=suggested
            )
        else:
            services.suggestion_feedback_set(
                actor=request.user,
                organisation=organisation,
                suggested=suggested,
                verdict=verdict,
                reason_codes=[c for c in request.POST.get("reasons", "").split(",") if c],
            )
    except ValidationError:
        status = 422
    if not is_htmx(request):
        return redirect("matching:suggestions", slug=organisation.slug)
    k = _k(request, selectors.DEFAULT_K)
    context = {
        "organisation": organisation,
        "suggestions": selectors.suggestion_list(organisation=organisation, user=request.user, k=k),
        "k": k,
        "can_feedback": True,
        "feedback_saved": status == 200,
        # On the suggestions page the <h1> sits outside the swapped fragment.
        "standalone": request.POST.get("standalone") == "1",
    }
    return render(request, "matching/_suggestions.html", context, status=status)


@permission_required("matching.use_matching", raise_exception=True)
def dashboard_panel(request: HttpRequest) -> HttpResponse:
    """The dashboard's matchmaking panel (htmx): suggestions for each company of the user."""
    organisations = [
        o
        for o in selectors.organisations_of(user=request.user)
        if o.kind == OrganisationKind.COMPANY
    ]
    panels = [
        {
            "organisation": o,
            "suggestions": selectors.suggestion_list(
                organisation=o, user=request.user, k=DASHBOARD_K
            ),
        }
        for o in organisations[:3]
    ]
    received = selectors.interest_list(
        user=request.user, direction="received", status=InterestStatus.PENDING
    )
    context = {"panels": panels, "pending_received": received.count(), "k": DASHBOARD_K}
    return render(request, "matching/_dashboard.html", context)
