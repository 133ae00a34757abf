"""Personal data in calls: export everything the person wrote, erase authorship only."""

import pytest

from samverkan.calls import privacy, services
from samverkan.calls.models import Application, Assignment, ConflictOfInterest, Decision, Review
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessed(call, criteria, in_review, reviewers, operator):
    other = OrganisationFactory(name="Other Cluster")
    services.conflict_declare(
        actor=reviewers[0].user, reviewer=reviewers[0], organisation=other, reason="My brother"
    )
    done = services.assignment_create(actor=operator, application=in_review, reviewer=reviewers[0])
    services.review_save(
        actor=reviewers[0].user,
        assignment=done,
        scores={c.pk: {"value": 4, "comment": "Solid"} for c in criteria},
        comment="Convincing plan.",
        submit=True,
    )
    services.assignment_create(actor=operator, application=in_review, reviewer=reviewers[1])
    services.consultation_note_add(
        actor=operator, application=in_review, consulted="Region Skåne", body="Supports it."
    )
    services.application_transition(
        actor=operator, application=in_review, action="ready_for_decision"
    )
    services.decision_make(
        actor=operator, application=in_review, outcome="selected", reason="Strong."
    )
    return in_review


def test_export_lists_what_the_person_wrote(assessed, applicant, reviewers, operator):
    assert privacy.export_personal_data(user=applicant)["applications_authored"][0]["title"] == (
        "Cluster growth"
    )
    data = privacy.export_personal_data(user=reviewers[0].user)
    assert data["reviews"][0]["comment"] == "Convincing plan."
    assert [s["score"] for s in data["reviews"][0]["scores"]] == [4, 4]
    assert data["conflict_declarations"] == [
        {"call": "S3 test call", "organisation": "Other Cluster", "reason": "My brother"}
    ]
    notes = privacy.export_personal_data(user=operator)["consultation_notes"]
    assert [(n["consulted"], n["note"]) for n in notes] == [("Region Skåne", "Supports it.")]


def test_erasure_anonymises_authorship_and_keeps_scores_and_decisions(
    assessed, applicant, reviewers, operator
):
    assert privacy.erase_personal_data(user=applicant) == 1
    assert Application.objects.get(pk=assessed.pk).created_by is None

    assert privacy.erase_personal_data(user=reviewers[0].user) == 1  # the conflict reason
    assert ConflictOfInterest.objects.get().reason == "[erased]"
    review = Review.objects.get()
    assert (review.comment, sorted(review.scores.values_list("value", flat=True))) == (
        "Convincing plan.",
        [4, 4],
    )
    assert privacy.erase_personal_data(user=reviewers[1].user) == 1  # the open assignment
    assert Assignment.objects.count() == 1

    privacy.erase_personal_data(user=operator)
    decision = Decision.objects.get()
    assert (decision.outcome, decision.reason, decision.decided_by) == ("selected", "Strong.", None)
    assert assessed.consultation_notes.get().author is None
    assert not Assignment.objects.filter(assigned_by=operator).exists()


def test_selectors_for_the_programmes_app(assessed, operator, django_assert_num_queries):
    from samverkan.calls import selectors

    cohort = services.cohort_create(actor=operator, call=assessed.call)
    services.offering_add(actor=operator, cohort=cohort, kind="training", title="S3 training")
    with django_assert_num_queries(1):
        names = [
            o.name
            for o in selectors.selected_organisations_for_programme(call_ids=[assessed.call_id])
        ]
    assert names == ["Test Cluster"]
    with django_assert_num_queries(1):
        titles = [
            o.title
            for o in selectors.offerings_for_calls(call_ids=[assessed.call_id], kind="training")
        ]
    assert titles == ["S3 training"]
    assert selectors.cohort_organisation_ids(cohort=cohort) == [assessed.organisation_id]
