"""The pure parts: automatic assignment and ranking arithmetic."""

from decimal import Decimal

from samverkan.calls.assignment import AssignmentProblem, assign
from samverkan.calls.scoring import CriterionScore, review_total, stats


def test_assign_balances_load_and_never_uses_conflicts():
    problem = AssignmentProblem(
        applications=list(range(1, 41)),
        reviewers=[101, 102, 103, 104, 105],
        per_application=3,
        conflicts=frozenset({(1, 101), (2, 101), (3, 102), (1, 102)}),
    )
    result = assign(problem)
    assert len(result.new) == 120
    assert result.short == {}
    assert not set(result.new) & problem.conflicts
    assert max(result.load.values()) - min(result.load.values()) <= 1
    per_application = {a: sum(1 for x, _ in result.new if x == a) for a in problem.applications}
    assert set(per_application.values()) == {3}


def test_assign_reports_applications_without_enough_reviewers():
    problem = AssignmentProblem(
        applications=[1, 2],
        reviewers=[10, 11],
        per_application=2,
        conflicts=frozenset({(1, 10)}),
        existing=frozenset({(2, 11)}),
    )
    result = assign(problem)
    assert sorted(result.new) == [(1, 11), (2, 10)]
    assert result.short == {1: 1}
    assert result.load == {10: 1, 11: 2}


def test_review_total_normalises_scales_and_weights():
    scores = [
        CriterionScore(value=5, weight=Decimal("2"), scale_min=1, scale_max=5),
        CriterionScore(value=1, weight=Decimal("1"), scale_min=1, scale_max=5),
    ]
    assert review_total(scores) == 66.67
    assert review_total([]) is None


def test_stats_mean_spread_and_agreement():
    assert stats([80.0, 80.0]).agreement == 1.0
    result = stats([100.0, 0.0])
    assert (result.mean, result.spread, result.agreement, result.count) == (50.0, 50.0, 0.0, 2)
    one = stats([70.0])
    assert (one.mean, one.spread, one.agreement) == (70.0, None, None)
    assert stats([]).count == 0
