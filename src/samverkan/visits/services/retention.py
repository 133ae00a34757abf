"""Removing personal data from closed requests after the retention period.

Declined, completed and cancelled requests keep their reference, status, goal, focus areas,
dates, expected number of participants, participants per country, results and feedback
rating, so the statistics survive. Names, e-mail addresses, free texts, the participant list
and the status link are removed.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from samverkan.common.services import audit_log_record
from samverkan.visits import conf
from samverkan.visits.models import (
    CLOSED_STATUSES,
    FeedbackResponse,
    SubmissionAttempt,
    VisitComment,
    VisitRequest,
)

ANONYMISED_NAME = "—"


def visit_request_anonymise(*, visit: VisitRequest, now: datetime | None = None) -> None:
    now = now or timezone.now()
    with transaction.atomic():
        visit.participants.all().delete()
        VisitComment.objects.filter(request=visit).update(body="")
        FeedbackResponse.objects.filter(request=visit).update(comments="")
        for field in (
            "purpose",
            "focus_explanation",
            "company_wishes",
            "special_wishes",
            "participant_note",
            "organiser_message",
            "decision_reason",
            "organiser_email",
            "status_token_hash",
        ):
            setattr(visit, field, "")
        visit.organiser_name = ANONYMISED_NAME
        visit.anonymised_at = now
        visit.save()
        audit_log_record(actor=None, action="visits.request.anonymise", target=visit)


def visits_retention_run(*, now: datetime | None = None, days: int | None = None) -> int:
    """Anonymise every closed request older than the retention period; returns how many."""
    now = now or timezone.now()
    days = conf.retention_days() if days is None else days
    cutoff = now - timedelta(days=days)
    due = VisitRequest.objects.filter(
        status__in=CLOSED_STATUSES, closed_at__lte=cutoff, anonymised_at__isnull=True
    )
    count = 0
    for visit in due.iterator():
        visit_request_anonymise(visit=visit, now=now)
        count += 1
    # Rate-limit rows are only needed for the rate window.
    SubmissionAttempt.objects.filter(created_at__lt=now - timedelta(days=1)).delete()
    return count
