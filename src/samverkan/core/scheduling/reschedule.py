"""Minimal-disruption rescheduling after cancellations and late requests."""

from __future__ import annotations

import dataclasses

from .model import Placement, Problem, Result, SolveOptions
from .solve import solve


def reschedule(
    problem: Problem, previous: list[Placement], options: SolveOptions | None = None
) -> Result:
    """Re-optimise ``problem`` (the event as it is now: cancelled meetings removed, late requests
    added) starting from ``previous``. The solver minimises, lexicographically, the unplaced
    priority (only with ``allow_unscheduled``), the number of previously placed meetings that
    change slot, then the breaks. Placements of meetings no longer in the problem are ignored;
    a meeting keeps its previous table whenever that table is still free in its slot."""
    ids = {m.id for m in problem.meetings}
    prev = [p for p in previous if p.meeting in ids]
    return solve(dataclasses.replace(problem, previous=prev), options)
