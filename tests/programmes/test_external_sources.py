"""Indicators fed by the events and visits apps through activities linked to them."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from samverkan.events.models import Event, FollowUp, Meeting, MeetingFeedback, Participant
from samverkan.programmes.indicators.compute import indicator_results
from samverkan.programmes.services import activities as services
from samverkan.visits.models import BusinessOpportunity, FeedbackResponse, VisitOutcome
from tests.factories import OrganisationFactory, UserFactory
from tests.visits.factories import HostInvitationFactory, VisitRequestFactory

pytestmark = pytest.mark.django_db


def values(programme):
    return {r.indicator.code: r.value for r in indicator_results(programme=programme)}


@pytest.fixture
def event(project, companies, lead):
    event = Event.objects.create(
        name="Cleantech Kvarken Matchmaking",
        slug="ck-matchmaking",
        organiser=lead,
        start_date=date(2017, 3, 15),
        end_date=date(2017, 3, 15),
    )
    people = {
        key: Participant.objects.create(
            event=event, organisation=companies[key], user=UserFactory()
        )
        for key in ("se1", "se2", "fi1")
    }
    meeting = Meeting.objects.create(
        event=event, participant_a=people["se1"], participant_b=people["fi1"]
    )
    Meeting.objects.create(event=event, participant_a=people["se1"], participant_b=people["se2"])
    Meeting.objects.create(
        event=event, participant_a=people["se2"], participant_b=people["fi1"], status="cancelled"
    )
    MeetingFeedback.objects.create(
        meeting=meeting,
        participant=people["se1"],
        held=True,
        rating=5,
        would_continue=True,
        opportunity=True,
        opportunity_country="CN",
    )
    MeetingFeedback.objects.create(
        meeting=meeting, participant=people["fi1"], held=True, rating=3, would_continue=False
    )
    FollowUp.objects.create(
        meeting=meeting,
        participant=people["se1"],
        answered_at=timezone.now(),
        contract=True,
        contract_country="BR",
        contract_value=Decimal("2000.00"),
        contract_currency="EUR",
    )
    services.activity_create(
        actor=None,
        project=project,
        kind="matchmaking",
        title="Matchmaking",
        starts_on=date(2017, 3, 15),
        event=event,
    )
    return event


def test_event_participants_meetings_feedback_and_follow_ups_count(programme, indicators, event):
    result = values(programme)
    assert result["smes"] == 3
    assert result["meetings"] == 2  # the cancelled meeting does not count
    assert result["cross-border"] == 2  # se1 and fi1 met across the border
    assert result["opportunities"] == 1
    assert result["opportunities-outside"] == 1  # China
    assert result["contracts"] == 1
    assert result["contracts-outside"] == 1  # Brazil
    assert result["contract-value"] == Decimal("2000.00")
    assert result["would-continue"] == Decimal("50.0")
    assert result["satisfaction"] == Decimal("50.0")


def test_visit_hosts_outcome_opportunities_and_feedback_count(
    programme, project, indicators, companies
):
    visit = VisitRequestFactory(reference="VR-TEST01")
    HostInvitationFactory(request=visit, organisation=companies["se2"], status="accepted")
    HostInvitationFactory(request=visit, organisation=OrganisationFactory(), status="declined")
    VisitOutcome.objects.create(request=visit, meetings_held=3, leads=2)
    BusinessOpportunity.objects.create(request=visit, country="KR", count=2)
    BusinessOpportunity.objects.create(request=visit, country="FI", count=1)
    FeedbackResponse.objects.create(request=visit, rating=5, would_continue=True)
    services.activity_create(
        actor=None,
        project=project,
        kind="visit",
        title="Korea visit",
        starts_on=date(2017, 10, 4),
        visit=visit,
    )
    result = values(programme)
    assert result["smes"] == 1
    assert result["meetings"] == 3
    assert result["opportunities"] == 3
    assert result["opportunities-outside"] == 2
    assert result["would-continue"] == 100
    assert result["satisfaction"] == 100
