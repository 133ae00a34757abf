"""The review workflow: allowed transitions, reasons, assignment, comments and the audit log."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from samverkan.common.models import AuditLogEntry
from samverkan.visits.models import ItemKind, ItineraryItem, VisitStatus
from samverkan.visits.selectors import visit_request_by_token
from samverkan.visits.services import workflow
from tests.factories import UserFactory
from tests.visits.factories import VisitRequestFactory, window

pytestmark = pytest.mark.django_db
S = VisitStatus


def test_the_whole_path_is_audited(operator, mailoutbox):
    visit = VisitRequestFactory()
    for status in [S.IN_REVIEW, S.ACCEPTED, S.PLANNING]:
        visit = workflow.visit_request_transition(actor=operator, visit=visit, status=status)
    start, end = window()
    ItineraryItem.objects.create(
        request=visit, kind=ItemKind.MEETING, title="Meeting", start=start, end=end
    )
    visit = workflow.visit_request_transition(actor=operator, visit=visit, status=S.CONFIRMED)
    visit = workflow.visit_request_transition(actor=operator, visit=visit, status=S.COMPLETED)
    assert visit.status == S.COMPLETED
    assert visit.closed_at is not None
    entries = AuditLogEntry.objects.filter(action="visits.request.transition").order_by("id")
    assert [(e.data["from"], e.data["to"]) for e in entries] == [
        ("received", "in_review"),
        ("in_review", "accepted"),
        ("accepted", "planning"),
        ("planning", "confirmed"),
        ("confirmed", "completed"),
    ]
    assert {e.actor_id for e in entries} == {operator.pk}
    # The organiser heard about acceptance, confirmation and completion (with the survey).
    subjects = [m.subject for m in mailoutbox]
    assert len(subjects) == 3
    assert "survey" in mailoutbox[-1].body


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (S.RECEIVED, S.CONFIRMED),
        (S.RECEIVED, S.COMPLETED),
        (S.IN_REVIEW, S.PLANNING),
        (S.DECLINED, S.IN_REVIEW),
        (S.COMPLETED, S.CANCELLED),
        (S.RECEIVED, "nonsense"),
    ],
)
def test_forbidden_transitions_change_nothing(operator, start, target):
    visit = VisitRequestFactory(status=start)
    with pytest.raises(ValidationError):
        workflow.visit_request_transition(actor=operator, visit=visit, status=target)
    visit.refresh_from_db()
    assert visit.status == start
    assert not AuditLogEntry.objects.filter(action="visits.request.transition").exists()


def test_decline_needs_a_reason_which_is_sent_in_the_organisers_language(operator, mailoutbox):
    visit = VisitRequestFactory(status=S.IN_REVIEW, language="sv")
    with pytest.raises(ValidationError):
        workflow.visit_request_transition(actor=operator, visit=visit, status=S.DECLINED)
    visit = workflow.visit_request_transition(
        actor=operator, visit=visit, status=S.DECLINED, reason="Inga värdar finns lediga."
    )
    assert visit.decision_reason == "Inga värdar finns lediga."
    assert "Avböjd" in mailoutbox[0].subject
    assert "Inga värdar finns lediga." in mailoutbox[0].body


def test_status_email_link_replaces_the_old_one(operator, mailoutbox):
    visit = VisitRequestFactory(status=S.IN_REVIEW, status_token_hash="old")
    workflow.visit_request_transition(actor=operator, visit=visit, status=S.ACCEPTED)
    link = next(line for line in mailoutbox[0].body.splitlines() if "/visits/status/" in line)
    token = link.strip().rstrip("/").rsplit("/", 1)[-1]
    assert visit_request_by_token(token=token) == visit


def test_confirm_needs_a_conflict_free_itinerary(operator):
    visit = VisitRequestFactory(status=S.PLANNING)
    with pytest.raises(ValidationError, match="Add the itinerary"):
        workflow.visit_request_transition(actor=operator, visit=visit, status=S.CONFIRMED)
    start, end = window()
    ItineraryItem.objects.create(request=visit, kind="meeting", title="A", start=start, end=end)
    ItineraryItem.objects.create(
        request=visit, kind="meal", title="B", start=start + timedelta(minutes=10), end=end
    )
    with pytest.raises(ValidationError, match="conflicts"):
        workflow.visit_request_transition(actor=operator, visit=visit, status=S.CONFIRMED)


def test_assign_to_staff_only(operator):
    visit = VisitRequestFactory()
    with pytest.raises(ValidationError):
        workflow.visit_request_assign(actor=operator, visit=visit, assignee=UserFactory())
    workflow.visit_request_assign(actor=operator, visit=visit, assignee=operator)
    visit.refresh_from_db()
    assert visit.assigned_to == operator
    entry = AuditLogEntry.objects.get(action="visits.request.assign")
    assert entry.data == {"assignee": operator.email}


def test_comments_are_stored_and_audited(operator):
    visit = VisitRequestFactory()
    with pytest.raises(ValidationError):
        workflow.visit_comment_add(actor=operator, visit=visit, body="  ")
    comment = workflow.visit_comment_add(actor=operator, visit=visit, body="Call them.")
    assert list(visit.comments.all()) == [comment]
    assert AuditLogEntry.objects.filter(action="visits.request.comment").count() == 1


def test_allowed_transitions_are_listed_in_order():
    visit = VisitRequestFactory(status=S.CONFIRMED)
    assert workflow.allowed_transitions(visit) == [S.PLANNING, S.COMPLETED, S.CANCELLED]
