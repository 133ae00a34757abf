"""Large-neighbourhood search for events too large for one exact model.

Start from the first-free-slot greedy (made fair by unplacing meetings of anyone over the
fairness cap), then repeatedly free every meeting of a small cluster of related participants
and let CP-SAT re-place them optimally around the rest of the schedule (unplaced meetings cost
far more than breaks, so the search first completes the schedule, then removes breaks). A
neighbourhood solution is accepted when it is no worse, so the schedule only improves.
"""

from __future__ import annotations

import random

from .cpsat import Builder, State
from .indexed import Indexed, participant_breaks
from .sweep import sweep

MIN_FREE, MAX_FREE = 40, 600


def make_fair(ix: Indexed, st: State) -> State:
    """Unplace meetings until the fairness rule holds for the placed ones."""
    d = ix.problem.fairness
    st = State(list(st.slot), list(st.pool))
    if d is None:
        return st
    while True:
        h = participant_breaks(ix, st.slot)
        floor = 0 if any(len(ms) <= 1 for ms in ix.meetings_of) else min(h)
        bad = [p for p, v in enumerate(h) if v > floor + d]
        if not bad:
            return st
        for p in bad:
            # Drop the meetings of the participant's smallest block.
            ts = sorted((st.slot[m], m) for m in ix.meetings_of[p] if st.slot[m] >= 0)
            blocks: list[list[int]] = []
            for t, m in ts:
                if blocks and st.slot[blocks[-1][-1]] == t - 1:
                    blocks[-1].append(m)
                else:
                    blocks.append([m])
            for m in min(blocks, key=len):
                st.slot[m], st.pool[m] = -1, -1


def _cluster(ix: Indexed, seeds: list[int], target: int, rng: random.Random) -> list[int]:
    """Participants reached from ``seeds`` through shared meetings until their meetings number
    about ``target``; returns the meetings to free."""
    chosen: list[int] = []
    seen: set[int] = set()
    free: set[int] = set()
    frontier = list(seeds)
    while frontier and len(free) < target:
        p = frontier.pop(0)
        if p in seen:
            continue
        seen.add(p)
        chosen.append(p)
        free.update(ix.meetings_of[p])
        partners = [ix.mb[m] if ix.ma[m] == p else ix.ma[m] for m in ix.meetings_of[p]]
        rng.shuffle(partners)
        frontier.extend(q for q in partners if q not in seen)
        if not frontier and len(free) < target:
            frontier.append(rng.randrange(ix.n_participants))
    return sorted(free)


def _score(ix: Indexed, st: State) -> tuple[int, int]:
    un = sum(ix.weight[m] for m in range(ix.n_meetings) if st.slot[m] < 0)
    return un, sum(participant_breaks(ix, st.slot))


def run_lns(ix: Indexed, tr, start: State, workers: int, seed: int) -> str:
    """Improve ``start`` until the tracker's deadline. Returns the status to report."""
    rng = random.Random(seed)
    # The urgency sweep usually beats the first-free greedy as a start; keep the better one.
    cur = min(make_fair(ix, start), make_fair(ix, sweep(ix, seed)), key=lambda s: _score(ix, s))
    tr.offer(cur)
    cur_score = _score(ix, cur)
    target = 80
    it = 0
    # Measured: short single-thread solves of ~80 meetings improve fastest per second; CP-SAT
    # rarely proves a neighbourhood optimal, so the search moves on after a fraction of a second.
    sub_workers = 1
    while tr.left() > 0.5:
        it += 1
        unplaced = [m for m in range(ix.n_meetings) if cur.slot[m] < 0]
        if unplaced and rng.random() < 0.8:
            m = rng.choice(unplaced)
            seeds = [ix.ma[m], ix.mb[m]]
        else:
            h = participant_breaks(ix, cur.slot)
            broken = [p for p, v in enumerate(h) if v > 0]
            seeds = [rng.choice(broken)] if broken else [rng.randrange(ix.n_participants)]
            if broken and rng.random() < 0.5:
                seeds.append(rng.choice(broken))
        free = _cluster(ix, seeds, target, rng)
        b = Builder(ix, free=free, base=cur, soft=True, symmetry=False)
        b.hint(cur)
        limit = min(tr.left() - 0.3, 0.3 + target / 400)
        if limit <= 0.2:
            break
        out = b.solve(limit, sub_workers, seed + it)
        improved = False
        if out.state is not None:
            sc = _score(ix, out.state)
            if sc <= cur_score:
                improved = sc < cur_score
                cur, cur_score = out.state, sc
                if improved:
                    tr.offer(cur)
                    tr.log(f"lns it={it} free={len(free)} unplaced={sc[0]} breaks={sc[1]}")
        # Adapt the neighbourhood size: grow when neighbourhoods are solved to optimality
        # (nothing left to find there), shrink when the solver runs out of time.
        if out.status == "OPTIMAL" and not improved:
            target = min(MAX_FREE, int(target * 1.2))
        elif out.status != "OPTIMAL":
            target = max(MIN_FREE, int(target * 0.95))
    tr.offer(cur)
    complete = all(t >= 0 for t in cur.slot)
    if complete or ix.problem.allow_unscheduled:
        return "FEASIBLE"
    return "UNKNOWN"
