"""Assessment group: conflicts, assignment, scoring, hidden scores, ranking."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from samverkan.calls import selectors, services
from samverkan.calls.models import Assignment
from samverkan.calls.related import (
    register_related_organisations,
    unregister_related_organisations,
)
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_manual_assignment_refuses_members_of_the_applicant(in_review, reviewers, operator):
    MembershipFactory(user=reviewers[0].user, organisation=in_review.organisation)
    with pytest.raises(ValidationError) as info:
        services.assignment_create(actor=operator, application=in_review, reviewer=reviewers[0])
    assert info.value.messages == [
        f"{reviewers[0].user} cannot review Test Cluster: "
        f"{reviewers[0].user} is a member of the applying organisation."
    ]
    assert not Assignment.objects.exists()


def test_manual_assignment_refuses_declared_conflicts(in_review, reviewers, operator):
    services.conflict_declare(
        actor=reviewers[1].user,
        reviewer=reviewers[1],
        organisation=in_review.organisation,
        reason="former board member",
    )
    with pytest.raises(ValidationError, match=r"declared a conflict of interest \(former board"):
        services.assignment_create(actor=operator, application=in_review, reviewer=reviewers[1])


def test_partnerships_from_other_apps_block_assignment(in_review, reviewers, operator):
    def partners(user):
        return [in_review.organisation_id] if user == reviewers[2].user else []

    register_related_organisations(partners)
    try:
        with pytest.raises(ValidationError, match="shares a project partnership"):
            services.assignment_create(actor=operator, application=in_review, reviewer=reviewers[2])
    finally:
        unregister_related_organisations(partners)


def test_declaring_a_conflict_removes_open_assignments(in_review, reviewers, operator):
    services.assignment_create(actor=operator, application=in_review, reviewer=reviewers[0])
    services.conflict_declare(
        actor=reviewers[0].user,
        reviewer=reviewers[0],
        organisation=in_review.organisation,
        reason="my sister works there",
    )
    assert not Assignment.objects.exists()


def test_only_the_reviewer_or_an_operator_declares_a_conflict(in_review, reviewers):
    with pytest.raises(PermissionDenied):
        services.conflict_declare(
            actor=reviewers[1].user,
            reviewer=reviewers[0],
            organisation=in_review.organisation,
            reason="x",
        )


def test_automatic_assignment_respects_conflicts_and_notifies(
    in_review, reviewers, operator, django_capture_on_commit_callbacks
):
    MembershipFactory(user=reviewers[0].user, organisation=in_review.organisation)
    with django_capture_on_commit_callbacks(execute=True):
        result = services.assignments_auto(actor=operator, call=in_review.call)
    assigned = set(Assignment.objects.values_list("reviewer_id", flat=True))
    assert assigned == {reviewers[1].pk, reviewers[2].pk}
    assert result.short == {}
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [reviewers[1].user.email, reviewers[2].user.email]
    )


def _score(assignment, values, submit=True):
    criteria = list(assignment.application.call.criteria.all())
    return services.review_save(
        actor=assignment.reviewer.user,
        assignment=assignment,
        scores={c.pk: {"value": v} for c, v in zip(criteria, values, strict=True)},
        submit=submit,
    )


def test_scores_hidden_until_own_review_is_submitted(in_review, reviewers, operator, criteria):
    services.assignments_auto(actor=operator, call=in_review.call)
    first, second = Assignment.objects.order_by("reviewer_id")
    _score(first, [5, 4])
    assert selectors.reviews_visible_to(user=second.reviewer.user, application=in_review) == []
    _score(second, [3, 3], submit=False)
    assert selectors.reviews_visible_to(user=second.reviewer.user, application=in_review) == []
    _score(second, [3, 3])
    visible = selectors.reviews_visible_to(user=second.reviewer.user, application=in_review)
    assert [r.assignment for r in visible] == [first]


def test_review_validation_and_finality(in_review, reviewers, operator, criteria):
    assignment = services.assignment_create(
        actor=operator, application=in_review, reviewer=reviewers[0]
    )
    with pytest.raises(PermissionDenied):
        services.review_save(actor=reviewers[1].user, assignment=assignment, scores={})
    with pytest.raises(ValidationError) as info:
        _score(assignment, [9, None])
    assert set(info.value.message_dict) == {
        f"criterion_{criteria[0].pk}",
        f"criterion_{criteria[1].pk}",
    }
    _score(assignment, [4, 4])
    with pytest.raises(ValidationError, match="can no longer change"):
        _score(assignment, [1, 1])


def test_ranking_mean_spread_agreement(in_review, reviewers, operator, criteria):
    services.assignments_auto(actor=operator, call=in_review.call)
    first, second = Assignment.objects.order_by("reviewer_id")
    _score(first, [5, 5])  # 100
    _score(second, [3, 3])  # 50
    [row] = selectors.ranking(call=in_review.call)
    assert (row.stats.mean, row.stats.spread, row.stats.agreement) == (75.0, 25.0, 0.5)
    assert row.totals == [100.0, 50.0]


def test_consultation_note_is_operator_only(in_review, operator, applicant):
    note = services.consultation_note_add(
        actor=operator, application=in_review, consulted="Region Skåne", body="Fits RIS3."
    )
    assert note.consulted == "Region Skåne"
    with pytest.raises(PermissionDenied):
        services.consultation_note_add(
            actor=applicant, application=in_review, consulted="x", body="y"
        )
