"""Expressions of interest and contacts."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rules.contrib.views import objectgetter

from samverkan.catalog.models import Organisation
from samverkan.common.permissions import permission_required
from samverkan.matching import forms, selectors, services
from samverkan.matching.models import ExpressionOfInterest, InterestStatus
from samverkan.matching.views import by_slug, form_errors

PAGE_SIZE = 25
interest_by_pk = objectgetter(ExpressionOfInterest, "pk")


@permission_required("matching.view_interests")
def interest_list(request: HttpRequest) -> HttpResponse:
    direction = request.GET.get("direction", "")
    status = request.GET.get("status", "")
    interests = selectors.interest_list(user=request.user, direction=direction, status=status)
    page = Paginator(interests, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "params": request.GET,
        "direction": direction,
        "status": status,
        "statuses": InterestStatus.choices,
    }
    return render(request, "matching/interest_list.html", context)


@permission_required("matching.express_interest", fn=by_slug, raise_exception=True)
def interest_create(request: HttpRequest, slug: str) -> HttpResponse:
    target = get_object_or_404(Organisation, slug=slug)
    initial = {"from_organisation": request.GET.get("from"), "subject": request.GET.get("subject")}
    form = forms.InterestForm(
        request.POST or None, user=request.user, target=target, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            interest = services.interest_create(
                actor=request.user,
                from_organisation=form.cleaned_data["from_organisation"],
                to_organisation=target,
                subject=form.cleaned_data["subject"],
                message=form.cleaned_data["message"],
            )
        except ValidationError as exc:
            form_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error("from_organisation", str(exc))
        else:
            messages.success(
                request, _("Your expression of interest was sent to %(name)s.") % {"name": target}
            )
            return redirect("matching:interest-detail", pk=interest.pk)
    texts = list(target.texts.all())
    return render(
        request, "matching/interest_form.html", {"form": form, "target": target, "texts": texts}
    )


@permission_required("matching.view_interest", fn=interest_by_pk)
def interest_detail(request: HttpRequest, pk: int) -> HttpResponse:
    interest = get_object_or_404(
        ExpressionOfInterest.objects.select_related(
            "from_organisation", "to_organisation", "created_by", "decided_by"
        ),
        pk=pk,
    )
    context = {
        "interest": interest,
        "form": forms.DecisionForm(),
        "can_decide": interest.status == InterestStatus.PENDING
        and request.user.has_perm("matching.decide_interest", interest),
        "can_withdraw": interest.status == InterestStatus.PENDING
        and request.user.has_perm("matching.withdraw_interest", interest),
    }
    return render(request, "matching/interest_detail.html", context)


def _decide(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    interest = get_object_or_404(ExpressionOfInterest, pk=pk)
    form = forms.DecisionForm(request.POST)
    response = form.cleaned_data["response"] if form.is_valid() else ""
    try:
        if not form.is_valid():
            raise ValidationError(form.errors.get("response", _("Invalid answer.")))
        if action == "accept":
            services.interest_accept(actor=request.user, interest=interest, response=response)
            messages.success(
                request,
                _("Accepted. %(name)s is now among your contacts.")
                % {"name": interest.from_organisation},
            )
        elif action == "decline":
            services.interest_decline(actor=request.user, interest=interest, response=response)
            messages.success(request, _("Declined. The sender has been told."))
        else:
            services.interest_withdraw(actor=request.user, interest=interest)
            messages.success(request, _("Your expression of interest was withdrawn."))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("matching:interest-detail", pk=interest.pk)


@require_POST
@permission_required("matching.decide_interest", fn=interest_by_pk, raise_exception=True)
def interest_accept(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(request, pk, "accept")


@require_POST
@permission_required("matching.decide_interest", fn=interest_by_pk, raise_exception=True)
def interest_decline(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(request, pk, "decline")


@require_POST
@permission_required("matching.withdraw_interest", fn=interest_by_pk, raise_exception=True)
def interest_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(request, pk, "withdraw")


@permission_required("matching.view_interests")
def contact_list(request: HttpRequest) -> HttpResponse:
    contacts = selectors.contact_list(user=request.user)
    page = Paginator(contacts, PAGE_SIZE).get_page(request.GET.get("page"))
    mine = set(selectors.organisations_of(user=request.user).values_list("pk", flat=True))
    rows = [
        {
            "contact": c,
            "ours": c.organisation_a if c.organisation_a_id in mine else c.organisation_b,
            "theirs": c.organisation_b if c.organisation_a_id in mine else c.organisation_a,
        }
        for c in page
    ]
    return render(
        request, "matching/contact_list.html", {"page": page, "rows": rows, "params": request.GET}
    )
