"""The counts the programme's indicators read."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from samverkan.visits.models import BusinessOpportunity, VisitOutcome, VisitRequest, VisitStatus
from samverkan.visits.selectors import visit_statistics
from tests.visits.factories import VisitRequestFactory

pytestmark = pytest.mark.django_db


def test_statistics_by_organisation_and_period():
    done = VisitRequestFactory(status=VisitStatus.COMPLETED, participant_countries={"BR": 2})
    VisitOutcome.objects.create(request=done, meetings_held=3, leads=1)
    BusinessOpportunity.objects.create(request=done, country="BR", count=2)
    BusinessOpportunity.objects.create(request=done, country="CN", count=1)
    other = VisitRequestFactory(status=VisitStatus.DECLINED)
    old = VisitRequestFactory(status=VisitStatus.COMPLETED, page=done.page)
    VisitRequest.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=400))

    stats = visit_statistics(organisation_id=done.page.organisation_id)
    assert stats["requests"] == 2
    assert stats["completed_visits"] == 2
    assert stats["meetings_held"] == 3
    assert stats["opportunities_by_country"] == {"BR": 2, "CN": 1}
    assert stats["visitors_by_country"] == {"BR": 2}

    recent = visit_statistics(since=timezone.localdate() - timedelta(days=30))
    assert recent["requests"] == 2
    assert recent["by_status"] == {"completed": 1, "declined": 1}
    assert visit_statistics(page=other.page)["requests"] == 1
