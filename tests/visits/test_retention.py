"""Retention: personal data of closed requests is removed on schedule; counts remain."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from samverkan.common.models import AuditLogEntry
from samverkan.visits.models import (
    FeedbackResponse,
    Participant,
    SubmissionAttempt,
    VisitComment,
    VisitRequest,
    VisitStatus,
)
from samverkan.visits.selectors import visit_statistics
from samverkan.visits.services.retention import visits_retention_run
from samverkan.visits.tasks import visits_retention
from tests.visits.factories import VisitRequestFactory

pytestmark = pytest.mark.django_db
NOW = datetime(2027, 6, 1, 12, 0, tzinfo=UTC)


def _closed(status: str, days_ago: int) -> VisitRequest:
    visit = VisitRequestFactory(
        status=status,
        closed_at=NOW - timedelta(days=days_ago),
        status_token_hash="abc",
        participant_countries={"BR": 1},
        special_wishes="Vegetarian food for Ana",
    )
    Participant.objects.create(request=visit, position=1, name="Ana Exemplo", country="BR")
    VisitComment.objects.create(request=visit, body="Ana called")
    return visit


def test_closed_requests_past_the_period_are_anonymised(settings):
    settings.SAMVERKAN_VISITS_RETENTION_DAYS = 30
    old_completed = _closed(VisitStatus.COMPLETED, days_ago=31)
    FeedbackResponse.objects.create(
        request=old_completed, rating=5, would_continue=True, comments="Ana loved it"
    )
    old_declined = _closed(VisitStatus.DECLINED, days_ago=40)
    recent = _closed(VisitStatus.CANCELLED, days_ago=29)
    still_open = VisitRequestFactory(status=VisitStatus.PLANNING)

    assert visits_retention_run(now=NOW) == 2

    for visit in (old_completed, old_declined):
        visit.refresh_from_db()
        assert visit.anonymised_at == NOW
        assert visit.organiser_email == ""
        assert visit.organiser_name == "—"
        assert visit.special_wishes == ""
        assert visit.status_token_hash == ""
        assert visit.participants.count() == 0
        assert list(visit.comments.values_list("body", flat=True)) == [""]
        # What the statistics need stays.
        assert visit.expected_participants == 2
        assert visit.participant_countries == {"BR": 1}
        assert visit.focus_areas.count() == 1
    old_completed.feedback.refresh_from_db()
    assert old_completed.feedback.rating == 5
    assert old_completed.feedback.comments == ""
    recent.refresh_from_db()
    still_open.refresh_from_db()
    assert recent.anonymised_at is None and recent.participants.count() == 1
    assert still_open.anonymised_at is None
    assert AuditLogEntry.objects.filter(action="visits.request.anonymise").count() == 2
    assert not AuditLogEntry.objects.filter(data__icontains="Ana").exists()

    # Running again changes nothing; statistics still count the completed visit.
    assert visits_retention_run(now=NOW) == 0
    stats = visit_statistics()
    assert stats["completed_visits"] == 1
    assert stats["visitors_by_country"] == {"BR": 1}


def test_default_period_is_a_year(settings):
    visit = _closed(VisitStatus.COMPLETED, days_ago=364)
    assert visits_retention_run(now=NOW) == 0
    assert visits_retention_run(now=NOW + timedelta(days=2)) == 1
    visit.refresh_from_db()
    assert visit.anonymised_at is not None


def test_old_rate_limit_rows_are_removed():
    SubmissionAttempt.objects.create(client_hash="x")
    SubmissionAttempt.objects.update(created_at=NOW - timedelta(days=2))
    recent = SubmissionAttempt.objects.create(client_hash="y")
    SubmissionAttempt.objects.filter(pk=recent.pk).update(created_at=NOW - timedelta(hours=1))
    visits_retention_run(now=NOW)
    assert list(SubmissionAttempt.objects.values_list("client_hash", flat=True)) == ["y"]


def test_command_and_task(settings):
    """The command and the task use the real clock, so the request closed 400 days ago."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    long_ago = timezone.now() - timedelta(days=400)
    visit = _closed(VisitStatus.COMPLETED, days_ago=0)
    VisitRequest.objects.filter(pk=visit.pk).update(closed_at=long_ago)
    output = StringIO()
    call_command("visits_retention", stdout=output)
    assert "Anonymised 1 visit request(s)" in output.getvalue()
    visit.refresh_from_db()
    assert visit.anonymised_at is not None
    other = _closed(VisitStatus.DECLINED, days_ago=0)
    VisitRequest.objects.filter(pk=other.pk).update(closed_at=long_ago)
    result = visits_retention.enqueue()
    assert result.return_value == 1
    other.refresh_from_db()
    assert other.anonymised_at is not None
