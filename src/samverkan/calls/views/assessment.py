"""Assessment group, assignment, reviewing, ranking, decisions, letters and the cohort."""

from __future__ import annotations

import zoneinfo

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rules.contrib.views import objectgetter

from samverkan.accounts.models import User
from samverkan.calls import forms, selectors, services
from samverkan.calls.models import (
    Application,
    ApplicationStatus,
    Assignment,
    Call,
    Cohort,
    Outcome,
    Reviewer,
)
from samverkan.calls.views.calls import call_by_slug, form_error
from samverkan.common.permissions import permission_required


def _assessment_forms(call: Call, data=None):
    applications = call.applications.filter(status=ApplicationStatus.IN_REVIEW).select_related(
        "organisation"
    )
    reviewers = call.reviewers.select_related("user")
    return (
        forms.ReviewerAddForm(data, prefix="reviewer"),
        forms.AssignForm(data, prefix="assign", applications=applications, reviewers=reviewers),
        forms.ConflictForm(data, prefix="conflict", call=call),
    )


@permission_required("calls.manage_calls")
def assessment(request: HttpRequest, slug: str) -> HttpResponse:
    call = get_object_or_404(Call, slug=slug)
    reviewer_form, assign_form, conflict_form = _assessment_forms(call)
    if request.method == "POST":
        part = request.POST.get("part")
        reviewer_form, assign_form, conflict_form = _assessment_forms(call, request.POST)
        try:
            if part == "reviewer" and reviewer_form.is_valid():
                user = User.objects.filter(
                    email__iexact=reviewer_form.cleaned_data["email"]
                ).first()
                if user is None:
                    raise ValidationError(_("No user has this e-mail address; invite them first."))
                services.reviewer_add(actor=request.user, call=call, user=user)
            elif part == "assign" and assign_form.is_valid():
                services.assignment_create(
                    actor=request.user,
                    application=get_object_or_404(
                        Application, pk=assign_form.cleaned_data["application"], call=call
                    ),
                    reviewer=get_object_or_404(
                        Reviewer, pk=assign_form.cleaned_data["reviewer"], call=call
                    ),
                )
            elif part == "conflict" and conflict_form.is_valid():
                reviewer = get_object_or_404(Reviewer, pk=request.POST.get("reviewer"), call=call)
                services.conflict_declare(
                    actor=request.user, reviewer=reviewer, **conflict_form.cleaned_data
                )
            elif part == "auto":
                result = services.assignments_auto(actor=request.user, call=call)
                messages.success(
                    request,
                    _("%(count)s assignments made; conflicts of interest were respected.")
                    % {"count": len(result.new)},
                )
                if result.short:
                    messages.warning(
                        request,
                        _(
                            "%(count)s applications could not get enough reviewers without "
                            "conflicts; add reviewers to the group."
                        )
                        % {"count": len(result.short)},
                    )
                return redirect("calls:assessment", slug=slug)
            else:
                raise ValidationError(_("Check the form and try again."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Saved."))
            return redirect("calls:assessment", slug=slug)
    assignments = (
        Assignment.objects.filter(reviewer__call=call)
        .select_related("application__organisation", "reviewer__user", "review")
        .order_by("application__organisation__name", "reviewer__user__full_name")
    )
    page = Paginator(assignments, 60).get_page(request.GET.get("page"))
    context = {
        "call": call,
        "reviewers": selectors.reviewer_load(call=call),
        "conflicts": call.reviewers.filter(conflicts__isnull=False)
        .values("user__full_name", "conflicts__organisation__name", "conflicts__reason")
        .order_by("user__full_name"),
        "page": page,
        "params": request.GET,
        "reviewer_form": reviewer_form,
        "assign_form": assign_form,
        "conflict_form": conflict_form,
        "in_review": call.applications.filter(status=ApplicationStatus.IN_REVIEW).count(),
    }
    return render(request, "calls/assessment.html", context)


@permission_required("calls.declare_conflict", fn=call_by_slug, raise_exception=True)
def declare_conflict(request: HttpRequest, slug: str) -> HttpResponse:
    """A reviewer declares their own conflict of interest with an applicant."""
    call = get_object_or_404(Call, slug=slug)
    reviewer = get_object_or_404(Reviewer, call=call, user=request.user)
    form = forms.ConflictForm(request.POST or None, call=call)
    if request.method == "POST" and form.is_valid():
        try:
            services.conflict_declare(actor=request.user, reviewer=reviewer, **form.cleaned_data)
        except ValidationError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Your conflict of interest was recorded."))
            return redirect("calls:my-reviews")
    return render(
        request,
        "calls/declare_conflict.html",
        {
            "call": call,
            "form": form,
            "conflicts": reviewer.conflicts.select_related("organisation"),
        },
    )


@permission_required("calls.list_own")
def my_reviews(request: HttpRequest) -> HttpResponse:
    assignments = selectors.assignment_list_for_user(
        user=request.user, status=request.GET.get("status", "")
    )
    page = Paginator(assignments, 50).get_page(request.GET.get("page"))
    calls = Call.objects.filter(reviewers__user=request.user).distinct()
    return render(
        request,
        "calls/my_reviews.html",
        {"page": page, "params": request.GET, "calls": calls},
    )


assignment_by_pk = objectgetter(Assignment, "pk")


@permission_required("calls.review_assignment", fn=assignment_by_pk, raise_exception=True)
def review(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = get_object_or_404(
        Assignment.objects.select_related("application__call", "application__organisation"),
        pk=pk,
    )
    application = assignment.application
    criteria = list(application.call.criteria.all())
    existing = getattr(assignment, "review", None)
    initial = {}
    if existing:
        initial["comment"] = existing.comment
        for score in existing.scores.all():
            initial[f"criterion_{score.criterion_id}"] = score.value
            initial[f"comment_{score.criterion_id}"] = score.comment
    form = forms.review_form_class(criteria)(request.POST or None, initial=initial)
    submitted = bool(existing and existing.submitted_at)
    if request.method == "POST" and not submitted and form.is_valid():
        scores = {
            c.pk: {
                "value": form.cleaned_data.get(f"criterion_{c.pk}"),
                "comment": form.cleaned_data.get(f"comment_{c.pk}", ""),
            }
            for c in criteria
        }
        try:
            services.review_save(
                actor=request.user,
                assignment=assignment,
                scores=scores,
                comment=form.cleaned_data["comment"],
                submit="submit" in request.POST,
            )
        except (ValidationError, PermissionDenied) as error:
            if isinstance(error, PermissionDenied):
                raise
            form_error(form, error)
        else:
            messages.success(
                request,
                _("Your review was submitted.") if "submit" in request.POST else _("Saved."),
            )
            return redirect("calls:review", pk=pk)
    answers = [
        (question, application.answers.get(question.key))
        for question in application.call.questions.filter(stage=application.stage)
    ]
    context = {
        "assignment": assignment,
        "application": application,
        "answers": answers,
        "form": form,
        "submitted": submitted,
        # Hidden until this reviewer has submitted their own scores.
        "other_reviews": selectors.reviews_visible_to(user=request.user, application=application),
    }
    return render(request, "calls/review.html", context)


@permission_required("calls.manage_calls")
def ranking(request: HttpRequest, slug: str) -> HttpResponse:
    call = get_object_or_404(Call, slug=slug)
    rows = selectors.ranking(call=call)
    if request.method == "POST":
        items = []
        by_pk = {str(row.application.pk): row.application for row in rows}
        for key, application in by_pk.items():
            outcome = request.POST.get(f"outcome_{key}", "")
            if not outcome:
                continue
            reason = request.POST.get(f"reason_{key}", "").strip() or request.POST.get(
                f"default_reason_{outcome}", ""
            )
            items.append((application, outcome, reason))
        try:
            decisions = services.decisions_make_many(actor=request.user, items=items)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("%(count)s decisions recorded.") % {"count": len(decisions)}
            )
            return redirect("calls:ranking", slug=slug)
    context = {
        "call": call,
        "rows": rows,
        "criteria": call.criteria.all(),
        "outcomes": Outcome.choices,
        "statistics": selectors.call_statistics(call=call),
        "unsent_letters": call.applications.filter(
            decision__isnull=False, decision__letter_sent_at__isnull=True
        ).count(),
        "cohort": Cohort.objects.filter(call=call).first(),
    }
    return render(request, "calls/ranking.html", context)


@require_POST
@permission_required("calls.manage_calls")
def send_letters(request: HttpRequest, slug: str) -> HttpResponse:
    call = get_object_or_404(Call, slug=slug)
    count = services.decision_letters_send(actor=request.user, call=call)
    messages.success(
        request,
        _("%(count)s decision letters are being sent, each in the applicant's language.")
        % {"count": count},
    )
    return redirect("calls:ranking", slug=slug)


@require_POST
@permission_required("calls.manage_calls")
def cohort_create(request: HttpRequest, slug: str) -> HttpResponse:
    call = get_object_or_404(Call, slug=slug)
    try:
        cohort = services.cohort_create(
            actor=request.user, call=call, name=request.POST.get("name", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("calls:ranking", slug=slug)
    messages.success(request, _("The cohort was created with the selected organisations."))
    return redirect(cohort)


cohort_by_pk = objectgetter(Cohort, "pk")


@permission_required("calls.view_cohort", fn=cohort_by_pk, raise_exception=True)
def cohort_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = get_object_or_404(Cohort.objects.select_related("call"), pk=pk)
    can_manage = request.user.has_perm("calls.manage_calls")
    form = forms.OfferingForm(request.POST if request.POST.get("part") != "follow_up" else None)
    follow_up_form = forms.FollowUpCallForm(
        request.POST if request.POST.get("part") == "follow_up" else None, prefix="follow_up"
    )
    if request.method == "POST" and not can_manage:
        raise PermissionDenied
    if request.method == "POST" and request.POST.get("part") == "follow_up":
        if follow_up_form.is_valid():
            data = follow_up_form.cleaned_data
            zone = zoneinfo.ZoneInfo(cohort.call.time_zone)
            for name in ("opens_at", "closes_at"):
                data[name] = timezone.make_aware(timezone.make_naive(data[name]), zone)
            try:
                call = services.follow_up_call_create(actor=request.user, cohort=cohort, **data)
            except ValidationError as error:
                form_error(follow_up_form, error)
            else:
                messages.success(
                    request, _("The follow-up call was created. Now build its application form.")
                )
                return redirect("calls:call-form", slug=call.slug)
    elif request.method == "POST" and form.is_valid():
        try:
            services.offering_add(actor=request.user, cohort=cohort, **form.cleaned_data)
        except ValidationError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The offering was added."))
            return redirect(cohort)
    context = {
        "cohort": cohort,
        "members": selectors.cohort_members(cohort=cohort),
        "offerings": selectors.cohort_offerings(cohort=cohort),
        "follow_up_calls": cohort.follow_up_calls.annotate(n=Count("applications")),
        "form": form,
        "follow_up_form": follow_up_form,
        "can_manage": can_manage,
    }
    return render(request, "calls/cohort_detail.html", context)
