"""Personal data in calls: reviews, conflict declarations, consultation notes, applications.

Erasure keeps the audit trail of a selection: scores, reviews, decisions and applications stay
(they belong to the call and the applying organisation); what identifies the person goes.
Reviewer rows stay linked to the account, which accounts anonymises after every app.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from samverkan.calls.models import (
    Application,
    Assignment,
    ConflictOfInterest,
    ConsultationNote,
    Decision,
    Review,
)

ERASED = "[erased]"


def export_personal_data(*, user) -> dict[str, Any]:
    reviews = (
        Review.objects.filter(assignment__reviewer__user=user)
        .select_related("assignment__application__organisation", "assignment__application__call")
        .prefetch_related("scores__criterion")
    )
    return {
        "applications_authored": [
            {
                "call": a.call.title,
                "organisation": a.organisation.name,
                "title": a.title,
                "status": a.status,
                "submitted": a.submitted_at,
                "created": a.created_at,
            }
            for a in Application.objects.filter(created_by=user).select_related(
                "call", "organisation"
            )
        ],
        "reviews": [
            {
                "call": r.assignment.application.call.title,
                "application": r.assignment.application.organisation.name,
                "comment": r.comment,
                "submitted": r.submitted_at,
                "scores": [
                    {"criterion": s.criterion.name, "score": s.value, "comment": s.comment}
                    for s in r.scores.all()
                ],
            }
            for r in reviews
        ],
        "conflict_declarations": [
            {"call": c.reviewer.call.title, "organisation": c.organisation.name, "reason": c.reason}
            for c in ConflictOfInterest.objects.filter(reviewer__user=user).select_related(
                "reviewer__call", "organisation"
            )
        ],
        "consultation_notes": [
            {
                "application": n.application.organisation.name,
                "consulted": n.consulted,
                "note": n.body,
                "written": n.created_at,
            }
            for n in ConsultationNote.objects.filter(author=user).select_related(
                "application__organisation"
            )
        ],
    }


@transaction.atomic
def erase_personal_data(*, user) -> int:
    """Anonymise authorship; scores, reviews and decisions stay for the selection's record.

    Review comments are about the application and stay with the scores; the reviewer's name
    goes when accounts anonymises the account. Conflict reasons describe the person's own
    ties and are replaced by a marker (the conflict itself stays, so blocking still holds).

    Open (unsubmitted) assignments and draft reviews are removed: they are not part of any
    decision and the person can no longer finish them.
    """
    rows = Application.objects.filter(created_by=user).update(created_by=None)
    rows += ConsultationNote.objects.filter(author=user).update(author=None)
    rows += Decision.objects.filter(decided_by=user).update(decided_by=None)
    rows += Assignment.objects.filter(assigned_by=user).update(assigned_by=None)
    rows += ConflictOfInterest.objects.filter(reviewer__user=user).update(reason=ERASED)
    open_assignments = Assignment.objects.filter(reviewer__user=user).exclude(
        review__submitted_at__isnull=False
    )
    rows += open_assignments.delete()[0]
    return rows
