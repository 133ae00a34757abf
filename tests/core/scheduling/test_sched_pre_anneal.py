"""A short annealing run before the exact race gives it a near-optimal schedule to start from."""

from __future__ import annotations

import time

from sched_helpers import INSTANCES, needs_shared

from samverkan.core.scheduling import SolveOptions, parse_dzn
from samverkan.core.scheduling.explain import quick_lower_bound
from samverkan.core.scheduling.greedy import greedy
from samverkan.core.scheduling.indexed import compile_problem, participant_breaks
from samverkan.core.scheduling.solve import Tracker, _pre_anneal, fairness_ok


@needs_shared
def test_pre_anneal_improves_the_start_and_keeps_every_rule():
    ix = compile_problem(parse_dzn(INSTANCES / "forum-13crafc.original.dzn"))
    tracker = Tracker(ix, SolveOptions(time_limit=20), time.perf_counter())
    tracker.lb = quick_lower_bound(ix)
    start = greedy(ix)
    start_breaks = sum(participant_breaks(ix, [t for t in start.slot]))

    _pre_anneal(ix, tracker, start, seed=1)

    best = tracker.best
    assert best is not None
    assert all(t >= 0 for t in best.slot)  # every meeting placed
    assert fairness_ok(ix, best.slot)
    assert all(t in ix.dom[m] for m, t in enumerate(best.slot))  # sessions, forbidden, fixed
    assert sum(participant_breaks(ix, best.slot)) < start_breaks


@needs_shared
def test_pre_anneal_stops_at_the_lower_bound():
    ix = compile_problem(parse_dzn(INSTANCES / "tic-12.original.dzn"))
    tracker = Tracker(ix, SolveOptions(time_limit=60), time.perf_counter())
    tracker.lb = 0

    _pre_anneal(ix, tracker, greedy(ix), seed=0)

    assert tracker.best is not None
    assert sum(participant_breaks(ix, tracker.best.slot)) == 0


def test_mid_size_events_where_everyone_has_several_meetings_get_a_schedule():
    """Everyone has two or more meetings, so the fairness minimum need not be 0 (the RC2 race
    does not apply, the SAT ladder does, up to k < participants). Before, CP-SAT alone found
    no complete schedule for this event in 40 s."""
    from samverkan.core.scheduling import solve
    from samverkan.core.scheduling.dzn import parse_dzn_text
    from samverkan.core.scheduling.maxsat import applicable as race_applicable
    from samverkan.core.scheduling.satladder import applicable as ladder_applicable
    from samverkan.core.scheduling.synthetic import generate

    problem = parse_dzn_text(generate(participants=110, seed=3).text, "mid-size")
    ix = compile_problem(problem)
    assert not race_applicable(ix)
    assert ladder_applicable(ix)

    result = solve(problem, SolveOptions(time_limit=25))

    assert result.status in ("FEASIBLE", "OPTIMAL")  # the planted schedule has no breaks
    assert result.unscheduled == []
    assert len(result.placements) == ix.n_meetings
    assert result.lower_bound is not None and result.lower_bound <= result.breaks
