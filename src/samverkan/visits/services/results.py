"""What a visit led to (counted in the programme's indicators) and the organiser's feedback."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samverkan.common.services import audit_log_record
from samverkan.visits.models import (
    BusinessOpportunity,
    FeedbackResponse,
    VisitOutcome,
    VisitRequest,
    VisitStatus,
)


@transaction.atomic
def visit_outcome_record(
    *,
    actor,
    visit: VisitRequest,
    meetings_held: int,
    leads: int,
    notes: str = "",
    opportunities: list[tuple[str, int, str]] | None = None,
) -> VisitOutcome:
    """Record (or replace) the results; `opportunities` are (country, count, description)."""
    if visit.status not in (VisitStatus.CONFIRMED, VisitStatus.COMPLETED):
        raise ValidationError(_("Results can be recorded for confirmed or completed visits."))
    if meetings_held < 0 or leads < 0:
        raise ValidationError(_("Counts cannot be negative."))
    outcome, _created = VisitOutcome.objects.update_or_create(
        request=visit, defaults={"meetings_held": meetings_held, "leads": leads, "notes": notes}
    )
    visit.opportunities.all().delete()
    rows = [
        BusinessOpportunity(request=visit, country=country.upper(), count=count, description=text)
        for country, count, text in (opportunities or [])
        if country and count > 0
    ]
    BusinessOpportunity.objects.bulk_create(rows)
    audit_log_record(
        actor=actor,
        action="visits.outcome.record",
        target=visit,
        data={
            "meetings_held": meetings_held,
            "leads": leads,
            "opportunities": {row.country: row.count for row in rows},
        },
    )
    return outcome


def feedback_record(
    *, visit: VisitRequest, rating: int, would_continue: bool, comments: str = ""
) -> FeedbackResponse:
    if visit.status != VisitStatus.COMPLETED:
        raise ValidationError(_("Feedback can be given after the visit."))
    if not 1 <= rating <= 5:
        raise ValidationError({"rating": _("Choose a rating from 1 to 5.")})
    if FeedbackResponse.objects.filter(request=visit).exists():
        raise ValidationError(_("Feedback was already given for this visit."))
    feedback = FeedbackResponse.objects.create(
        request=visit, rating=rating, would_continue=would_continue, comments=comments.strip()
    )
    audit_log_record(
        actor=None, action="visits.feedback.record", target=visit, data={"rating": rating}
    )
    return feedback
