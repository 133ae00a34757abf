"""A cheap, always available lower bound on the breaks of a schedule.

The core proves bounds when its exact model runs; on large events (its large-neighbourhood
path, or with unscheduled meetings allowed) it may report none. This relaxation is computed
from the problem alone in milliseconds: a participant's meetings can only use the slots where
both parties are free (a locked meeting only its slot); the usable slots form runs of
consecutive slots, and holding k meetings needs at least as many runs as the fewest runs
whose lengths add up to k. Each extra run is a break (the core counts any gap between two
consecutive meetings of a participant as a break), so the sum over participants of
(runs needed - 1) bounds the breaks of every schedule that places the same meetings.
"""

from __future__ import annotations

from collections import defaultdict

from samverkan.core import scheduling as core


def _runs(positions: set[int]) -> list[int]:
    lengths: list[int] = []
    previous = None
    for position in sorted(positions):
        if previous is not None and position == previous + 1:
            lengths[-1] += 1
        else:
            lengths.append(1)
        previous = position
    return lengths


def breaks_lower_bound(problem: core.Problem, meeting_ids: set | None = None) -> int:
    """A proven lower bound on the breaks when exactly `meeting_ids` (default: all) are placed."""
    order = {slot.id: i for i, slot in enumerate(problem.slots)}
    every = set(range(len(order)))
    away = {p.id: {order[s] for s in p.unavailable if s in order} for p in problem.participants}
    usable: dict[object, set[int]] = defaultdict(set)
    count: dict[object, int] = defaultdict(int)
    for meeting in problem.meetings:
        if meeting_ids is not None and meeting.id not in meeting_ids:
            continue
        if meeting.fixed_slot is not None:
            domain = {order[meeting.fixed_slot]} if meeting.fixed_slot in order else set()
        else:
            domain = every - away.get(meeting.a, set()) - away.get(meeting.b, set())
        for participant in (meeting.a, meeting.b):
            usable[participant] |= domain
            count[participant] += 1
    bound = 0
    for participant, meetings in count.items():
        if meetings <= 1:
            continue
        covered = 0
        for runs, length in enumerate(sorted(_runs(usable[participant]), reverse=True)):
            covered += length
            if covered >= meetings:
                bound += runs  # runs + 1 runs needed: that many breaks at least
                break
    return bound
