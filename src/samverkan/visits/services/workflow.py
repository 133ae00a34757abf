"""The review workflow: explicit states, allowed transitions, comments and assignment.

received → in review → accepted → programme being planned → confirmed → completed
received / in review → declined (with a reason sent to the organiser)
any open state → cancelled;  confirmed → planning (re-open the programme)
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.common.services import audit_log_record
from samverkan.visits.models import CLOSED_STATUSES, VisitComment, VisitRequest, VisitStatus
from samverkan.visits.services import emails
from samverkan.visits.services.tokens import new_token, sha256

S = VisitStatus
TRANSITIONS: dict[str, set[str]] = {
    S.RECEIVED: {S.IN_REVIEW, S.DECLINED, S.CANCELLED},
    S.IN_REVIEW: {S.ACCEPTED, S.DECLINED, S.CANCELLED},
    S.ACCEPTED: {S.PLANNING, S.CANCELLED},
    S.PLANNING: {S.CONFIRMED, S.CANCELLED},
    S.CONFIRMED: {S.COMPLETED, S.PLANNING, S.CANCELLED},
    S.DECLINED: set(),
    S.COMPLETED: set(),
    S.CANCELLED: set(),
}
# The organiser hears about these by e-mail.
NOTIFY_ORGANISER = {S.ACCEPTED, S.DECLINED, S.CONFIRMED, S.COMPLETED, S.CANCELLED}


def _status_label(status: str) -> str:
    return str(S(status).label) if status in S.values else status


def allowed_transitions(visit: VisitRequest) -> list[str]:
    order = list(S.values)
    return sorted(TRANSITIONS[visit.status], key=order.index)


def _check_confirmable(visit: VisitRequest) -> None:
    from samverkan.visits.selectors import itinerary_conflicts

    items = list(visit.itinerary.select_related("host"))
    if not items:
        raise ValidationError(_("Add the itinerary before confirming the visit."))
    if itinerary_conflicts(items=items):
        raise ValidationError(_("Resolve the conflicts in the itinerary before confirming."))


def visit_request_transition(
    *, actor, visit: VisitRequest, status: str, reason: str = "", comment: str = ""
) -> VisitRequest:
    """Move a request to `status` if allowed; the organiser is told of decisions by e-mail."""
    with transaction.atomic():
        visit = _transition(actor=actor, visit=visit, status=status, reason=reason, comment=comment)
    if visit.status in NOTIFY_ORGANISER and visit.anonymised_at is None:
        # Only hashes of links are stored, so each e-mail carries a fresh link; the newest
        # e-mail's link is the one that works.
        token = new_token()
        VisitRequest.objects.filter(pk=visit.pk).update(status_token_hash=sha256(token))
        emails.send_status_change(visit=visit, token=token)
    return visit


def _transition(*, actor, visit: VisitRequest, status: str, reason: str, comment: str):
    visit = VisitRequest.objects.select_for_update().get(pk=visit.pk)
    if status not in TRANSITIONS.get(visit.status, set()):
        raise ValidationError(
            _("A request cannot go from “%(current)s” to “%(new)s”.")
            % {"current": visit.get_status_display(), "new": _status_label(status)}
        )
    reason = reason.strip()
    if status == S.DECLINED and not reason:
        raise ValidationError({"reason": _("Give the organiser a reason for declining.")})
    if status == S.CONFIRMED:
        _check_confirmable(visit)
    previous = visit.status
    visit.status = status
    if status in (S.DECLINED, S.CANCELLED):
        visit.decision_reason = reason
    visit.closed_at = timezone.now() if status in CLOSED_STATUSES else None
    visit.save(update_fields=["status", "decision_reason", "closed_at", "updated_at"])
    if comment.strip():
        VisitComment.objects.create(request=visit, author=actor, body=comment.strip())
    audit_log_record(
        actor=actor,
        action="visits.request.transition",
        target=visit,
        data={"from": previous, "to": status, "has_comment": bool(comment.strip())},
    )
    return visit


def visit_request_assign(*, actor, visit: VisitRequest, assignee) -> VisitRequest:
    if assignee is not None and not (assignee.is_operator or assignee.is_superuser):
        raise ValidationError({"assignee": _("Requests can only be assigned to staff.")})
    visit.assigned_to = assignee
    visit.save(update_fields=["assigned_to", "updated_at"])
    audit_log_record(
        actor=actor,
        action="visits.request.assign",
        target=visit,
        data={"assignee": assignee.email if assignee else None},
    )
    return visit


def visit_comment_add(*, actor, visit: VisitRequest, body: str) -> VisitComment:
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("Write a comment.")})
    comment = VisitComment.objects.create(request=visit, author=actor, body=body)
    audit_log_record(
        actor=actor, action="visits.request.comment", target=visit, data={"comment": comment.pk}
    )
    return comment
