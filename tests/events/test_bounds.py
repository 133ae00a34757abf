"""The relaxation's lower bound on breaks: exact on small cases, never above the optimum."""

from __future__ import annotations

import random

import pytest

from samverkan.core import scheduling as core
from samverkan.events.services.bounds import breaks_lower_bound


def _problem(unavailable, meetings, slots=5):
    people = sorted({p for m in meetings for p in m})
    return core.Problem(
        participants=[
            core.Participant(id=p, company=p, unavailable=frozenset(unavailable.get(p, ())))
            for p in people
        ],
        slots=[core.Slot(id=s, session="1") for s in range(slots)],
        tables=[core.Table(id=t) for t in range(3)],
        meetings=[core.Meeting(id=i, a=a, b=b) for i, (a, b) in enumerate(meetings)],
    )


def test_a_participant_split_by_unavailability_needs_a_break():
    # Participant 1 is away in slot 2: runs {0, 1} and {3, 4}; three meetings need two runs.
    problem = _problem({1: {2}}, [(1, 2), (1, 3), (1, 4)])
    assert breaks_lower_bound(problem) == 1
    assert breaks_lower_bound(problem, meeting_ids={0, 1}) == 0
    result = core.solve(problem, core.SolveOptions(time_limit=10, method="exact"))
    assert (result.status, result.breaks) == ("OPTIMAL", 1)


@pytest.mark.parametrize("seed", range(6))
def test_the_bound_never_exceeds_the_optimum(seed):
    rng = random.Random(seed)
    people = list(range(1, 9))
    pairs = {tuple(sorted(rng.sample(people, 2))) for _ in range(14)}
    unavailable = {p: set(rng.sample(range(8), rng.randint(0, 3))) for p in people}
    problem = _problem(unavailable, sorted(pairs), slots=8)
    result = core.solve(problem, core.SolveOptions(time_limit=10, method="exact"))
    if result.status == "OPTIMAL":
        assert breaks_lower_bound(problem) <= result.breaks
