"""Personal data in visits: export and erasure for one user."""

from __future__ import annotations

import pytest

from samverkan.privacy.registry import personal_data_providers
from samverkan.visits.models import (
    FeedbackResponse,
    HostStatus,
    Participant,
    VisitComment,
    VisitOutcome,
    VisitRequest,
    VisitStatus,
)
from samverkan.visits.privacy import erase_personal_data, export_personal_data
from samverkan.visits.selectors import visit_statistics
from samverkan.visits.services import hosts, workflow
from tests.factories import MembershipFactory, UserFactory
from tests.visits.factories import HostInvitationFactory, VisitRequestFactory, window

pytestmark = pytest.mark.django_db


@pytest.fixture
def ana():
    return UserFactory(email="ana@example.org", full_name="Ana Exemplo")


@pytest.fixture
def data(ana, operator):
    organised = VisitRequestFactory(
        organiser_email="ANA@example.org", status=VisitStatus.COMPLETED, reference="VR-ANA001"
    )
    Participant.objects.create(
        request=organised, position=1, name="Ana Exemplo", country="BR", email="ana@example.org"
    )
    Participant.objects.create(request=organised, position=2, name="Bruno", country="BR")
    organised.participant_countries = {"BR": 2}
    organised.save()
    VisitOutcome.objects.create(request=organised, meetings_held=4, leads=2)
    FeedbackResponse.objects.create(
        request=organised, rating=5, would_continue=True, comments="Great, thanks Ana"
    )
    other = VisitRequestFactory(organiser_email="eve@example.org", reference="VR-EVE001")
    Participant.objects.create(
        request=other, position=1, name="Ana E.", title="CTO", country="BR", email="ana@example.org"
    )
    keeper = Participant.objects.create(request=other, position=2, name="Eve", email="eve@x.org")
    host = HostInvitationFactory(request=other)
    MembershipFactory(organisation=host.organisation, user=ana)
    other.status = VisitStatus.PLANNING
    other.save()
    hosts.host_respond(actor=ana, host=host, accept=True, windows=[window()], note="Ask for Ana")
    comment = workflow.visit_comment_add(actor=ana, visit=other, body="Staff note")
    return organised, other, keeper, host, comment


def test_export_lists_what_the_user_organised_answered_and_wrote(ana, data):
    exported = export_personal_data(user=ana)

    assert [r["reference"] for r in exported["visit_requests_organised"]] == ["VR-ANA001"]
    request = exported["visit_requests_organised"][0]
    assert [p["name"] for p in request["participants"]] == ["Ana Exemplo", "Bruno"]
    assert request["feedback"] == {
        "rating": 5,
        "would_continue": True,
        "comments": "Great, thanks Ana",
    }
    assert exported["delegation_memberships"] == [
        {
            "visit": "VR-EVE001",
            "number": 1,
            "name": "Ana E.",
            "organisation": "",
            "title": "CTO",
            "country": "BR",
            "email": "ana@example.org",
        }
    ]
    assert [(h["visit"], h["status"], h["note"]) for h in exported["host_answers"]] == [
        ("VR-EVE001", HostStatus.ACCEPTED, "Ask for Ana")
    ]
    assert len(exported["host_answers"][0]["available_times"]) == 1
    assert [c["comment"] for c in exported["visit_comments"]] == ["Staff note"]


def test_erasure_anonymises_and_keeps_the_counts(ana, data):
    organised, other, keeper, host, comment = data
    before = visit_statistics()

    rows = erase_personal_data(user=ana)

    assert rows == 4
    organised.refresh_from_db()
    assert (organised.organiser_email, organised.organiser_name) == ("", "—")
    assert organised.anonymised_at is not None
    assert organised.participants.count() == 0
    assert organised.feedback.comments == ""
    assert organised.feedback.rating == 5
    assert Participant.objects.get(request=other, position=1).email == ""
    assert Participant.objects.get(request=other, position=1).name == "—"
    keeper.refresh_from_db()
    assert keeper.email == "eve@x.org"
    host.refresh_from_db()
    assert (host.status, host.response_note, host.windows.count()) == (HostStatus.ACCEPTED, "", 1)
    assert VisitComment.objects.get(pk=comment.pk).author is None
    assert visit_statistics() == before
    assert VisitRequest.objects.count() == 2
    after = export_personal_data(user=ana)
    assert after["visit_requests_organised"] == after["delegation_memberships"] == []
    assert after["visit_comments"] == []
    # The answer itself (accepted, with times) is the organisation's; only the note was Ana's.
    assert [(h["status"], h["note"]) for h in after["host_answers"]] == [("accepted", "")]


def test_visits_is_a_registered_personal_data_provider():
    assert "visits" in {provider.app_label for provider in personal_data_providers()}
