"""Writes for the assessment group: reviewers, conflicts, assignments, reviews, notes."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.calls import tasks
from samverkan.calls.assignment import AssignmentProblem, AssignmentResult, assign
from samverkan.calls.models import (
    Application,
    ApplicationStatus,
    Assignment,
    Call,
    ConflictOfInterest,
    ConsultationNote,
    Review,
    Reviewer,
    Score,
)
from samverkan.calls.related import related_organisation_ids
from samverkan.calls.services.calls import require_operator
from samverkan.common.services import audit_log_record

REVIEWABLE = (ApplicationStatus.IN_REVIEW,)


@transaction.atomic
def reviewer_add(*, actor, call: Call, user) -> Reviewer:
    require_operator(actor)
    reviewer, created = Reviewer.objects.get_or_create(call=call, user=user)
    if not created:
        raise ValidationError(_("%(user)s is already in the assessment group.") % {"user": user})
    audit_log_record(
        actor=actor, action="calls.reviewer.add", target=call, data={"user": user.email}
    )
    return reviewer


@transaction.atomic
def conflict_declare(*, actor, reviewer: Reviewer, organisation, reason: str) -> ConflictOfInterest:
    """Reviewers declare their own conflicts; operators may record one for them."""
    if actor.pk != reviewer.user_id:
        require_operator(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Describe the conflict of interest briefly.")})
    conflict, _created = ConflictOfInterest.objects.update_or_create(
        reviewer=reviewer, organisation=organisation, defaults={"reason": reason[:500]}
    )
    removed = Assignment.objects.filter(
        reviewer=reviewer,
        application__organisation=organisation,
        review__submitted_at__isnull=True,
    )
    removed_count = removed.count()
    removed.delete()
    audit_log_record(
        actor=actor,
        action="calls.conflict.declare",
        target=reviewer.call,
        data={
            "reviewer": reviewer.user.email,
            "organisation": organisation.name,
            "reason": reason,
            "unassigned": removed_count,
        },
    )
    return conflict


def conflict_reasons(*, reviewers: list[Reviewer]) -> dict[int, dict[int, str]]:
    """reviewer id → {organisation id → translated reason} for every kind of conflict."""
    reasons: dict[int, dict[int, str]] = {}
    declared = ConflictOfInterest.objects.filter(reviewer__in=reviewers)
    for reviewer in reviewers:
        mine: dict[int, str] = {}
        for organisation_id, why in related_organisation_ids(user=reviewer.user).items():
            mine[organisation_id] = (
                _("is a member of the applying organisation")
                if why == "member"
                else _("shares a project partnership with the applying organisation")
            )
        reasons[reviewer.pk] = mine
    for conflict in declared:
        reasons[conflict.reviewer_id].setdefault(
            conflict.organisation_id,
            _("declared a conflict of interest (%(reason)s)") % {"reason": conflict.reason},
        )
    return reasons


@transaction.atomic
def assignment_create(*, actor, application: Application, reviewer: Reviewer) -> Assignment:
    require_operator(actor)
    if reviewer.call_id != application.call_id:
        raise ValidationError(_("The reviewer belongs to another call's assessment group."))
    if application.status not in REVIEWABLE:
        raise ValidationError(_("Only applications in review can be assigned."))
    reason = conflict_reasons(reviewers=[reviewer])[reviewer.pk].get(application.organisation_id)
    if reason:
        raise ValidationError(
            _("%(reviewer)s cannot review %(organisation)s: %(reviewer)s %(reason)s.")
            % {
                "reviewer": reviewer.user,
                "organisation": application.organisation,
                "reason": reason,
            }
        )
    assignment, created = Assignment.objects.get_or_create(
        application=application, reviewer=reviewer, defaults={"assigned_by": actor}
    )
    if not created:
        raise ValidationError(_("This reviewer is already assigned to this application."))
    audit_log_record(
        actor=actor,
        action="calls.assignment.create",
        target=application,
        data={"reviewer": reviewer.user.email},
    )
    tasks.enqueue(tasks.reviewer_notify, reviewer.pk, 1)
    return assignment


@transaction.atomic
def assignments_auto(*, actor, call: Call) -> AssignmentResult:
    """Assign every application in review to `reviewers_per_application` reviewers."""
    require_operator(actor)
    reviewers = list(call.reviewers.select_related("user"))
    applications = list(call.applications.filter(status__in=REVIEWABLE).order_by("pk"))
    reasons = conflict_reasons(reviewers=reviewers)
    conflicts = frozenset(
        (application.pk, reviewer.pk)
        for application in applications
        for reviewer in reviewers
        if application.organisation_id in reasons[reviewer.pk]
    )
    existing = frozenset(
        Assignment.objects.filter(reviewer__call=call).values_list("application_id", "reviewer_id")
    )
    result = assign(
        AssignmentProblem(
            applications=[a.pk for a in applications],
            reviewers=[r.pk for r in reviewers],
            per_application=call.reviewers_per_application,
            conflicts=conflicts,
            existing=existing,
        )
    )
    Assignment.objects.bulk_create(
        [
            Assignment(application_id=a, reviewer_id=r, assigned_by=actor, is_automatic=True)
            for a, r in result.new
        ]
    )
    audit_log_record(
        actor=actor,
        action="calls.assignment.auto",
        target=call,
        data={
            "created": len(result.new),
            "conflicts_respected": len(conflicts),
            "short": result.short,
            "load": result.load,
        },
    )
    for reviewer_id, count in Counter(r for _a, r in result.new).items():
        tasks.enqueue(tasks.reviewer_notify, reviewer_id, count)
    return result


@transaction.atomic
def assignment_remove(*, actor, assignment: Assignment) -> None:
    require_operator(actor)
    if hasattr(assignment, "review") and assignment.review.submitted_at:
        raise ValidationError(_("A submitted review cannot be unassigned."))
    audit_log_record(
        actor=actor,
        action="calls.assignment.delete",
        target=assignment.application,
        data={"reviewer": assignment.reviewer.user.email},
    )
    assignment.delete()


@transaction.atomic
def review_save(
    *,
    actor,
    assignment: Assignment,
    scores: dict[int, dict[str, Any]],
    comment: str = "",
    submit: bool = False,
) -> Review:
    """Save scores ({criterion id: {"value": n, "comment": str}}); submit makes them final."""
    if actor.pk != assignment.reviewer.user_id:
        raise PermissionDenied(_("Only the assigned reviewer may score this application."))
    review, _created = Review.objects.get_or_create(assignment=assignment)
    if review.submitted_at:
        raise ValidationError(_("This review has been submitted and can no longer change."))
    if assignment.application.status not in REVIEWABLE:
        raise ValidationError(_("This application is no longer in review."))
    criteria = list(assignment.application.call.criteria.all())
    if not criteria:
        raise ValidationError(_("The call has no scoring rubric yet."))
    errors: dict[str, str] = {}
    cleaned = {}
    for criterion in criteria:
        entry = scores.get(criterion.pk) or scores.get(str(criterion.pk)) or {}
        value = entry.get("value")
        if value in (None, ""):
            if submit:
                errors[f"criterion_{criterion.pk}"] = _("Score “%(criterion)s”.") % {
                    "criterion": criterion.name
                }
            continue
        try:
            value = int(value)
        except (TypeError, ValueError):
            value = None
        if value is None or not criterion.scale_min <= value <= criterion.scale_max:
            errors[f"criterion_{criterion.pk}"] = _(
                "“%(criterion)s” takes a whole number from %(min)s to %(max)s."
            ) % {
                "criterion": criterion.name,
                "min": criterion.scale_min,
                "max": criterion.scale_max,
            }
            continue
        cleaned[criterion.pk] = (value, str(entry.get("comment") or "").strip())
    if errors:
        raise ValidationError(errors)
    for criterion_id, (value, score_comment) in cleaned.items():
        Score.objects.update_or_create(
            review=review,
            criterion_id=criterion_id,
            defaults={"value": value, "comment": score_comment},
        )
    review.comment = (comment or "").strip()
    if submit:
        review.submitted_at = timezone.now()
    review.save()
    audit_log_record(
        actor=actor,
        action="calls.review.submit" if submit else "calls.review.save",
        target=assignment.application,
        data={"scores": {str(k): v[0] for k, v in cleaned.items()}},
    )
    return review


@transaction.atomic
def consultation_note_add(
    *, actor, application: Application, consulted: str, body: str
) -> ConsultationNote:
    require_operator(actor)
    consulted, body = (consulted or "").strip(), (body or "").strip()
    if not consulted or not body:
        raise ValidationError(_("Name who was consulted and write the note."))
    note = ConsultationNote.objects.create(
        application=application, author=actor, consulted=consulted[:255], body=body
    )
    audit_log_record(
        actor=actor,
        action="calls.consultation.add",
        target=application,
        data={"consulted": consulted},
    )
    return note
