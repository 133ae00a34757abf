"""Large-neighbourhood search for events too large for one exact model.

Events with one table pool, no lunch rule and no rescheduling (the benchmark's and the
synthetic large events) go to the simulated annealer of :mod:`.large`, with CP-SAT
neighbourhoods only as a repair when annealing is stuck with an unplaced meeting or an unfair
participant. Everything else uses the CP-SAT neighbourhood search below:

Start from the first-free-slot greedy (made fair by unplacing meetings of anyone over the
fairness cap), then repeatedly free every meeting of a small cluster of related participants
and let CP-SAT re-place them optimally around the rest of the schedule (unplaced meetings cost
far more than breaks, so the search first completes the schedule, then removes breaks). A
neighbourhood solution is accepted when it is no worse, so the schedule only improves.
"""

from __future__ import annotations

import random
import time

from .cpsat import Builder, State
from .indexed import Indexed, participant_breaks
from .kempe import kempe_repair
from .large import Annealer, applicable
from .local import relocate
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


def fairness_excess(ix: Indexed, h: list[int]) -> list[int]:
    """Per participant, breaks above the fairness cap (all zero when the rule holds)."""
    d = ix.problem.fairness
    if d is None:
        return [0] * len(h)
    floor = 0 if any(len(ms) <= 1 for ms in ix.meetings_of) else min(h, default=0)
    return [max(0, v - floor - d) for v in h]


def _score(ix: Indexed, st: State) -> tuple[int, int]:
    un = sum(ix.weight[m] for m in range(ix.n_meetings) if st.slot[m] < 0)
    h = participant_breaks(ix, st.slot)
    return un + sum(fairness_excess(ix, h)), sum(h)


def run_lns(ix: Indexed, tr, start: State, workers: int, seed: int) -> str:
    """Improve ``start`` until the tracker's deadline. Returns the status to report.

    Events the annealer covers (one table pool, no lunch rule, no rescheduling) go to
    :mod:`.large`; everything else uses CP-SAT neighbourhoods below."""
    if applicable(ix):
        return _run_anneal(ix, tr, start, seed)
    rng = random.Random(seed)
    # The urgency sweep plus Kempe-chain repair usually beats the first-free greedy as a
    # start; unfairness is left to the search (it is penalised like an unplaced meeting).
    cands = [kempe_repair(ix, start, seed), kempe_repair(ix, sweep(ix, seed), seed)]
    cur = min(cands, key=lambda s: _score(ix, s))
    # Cheap relocation moves first (a few seconds on 12,000 meetings), CP-SAT afterwards.
    cur = relocate(ix, cur, time.perf_counter() + 0.35 * tr.left(), seed)
    cur = kempe_repair(ix, cur, seed + 1)
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
        h = participant_breaks(ix, cur.slot)
        unfair = [p for p, e in enumerate(fairness_excess(ix, h)) if e > 0]
        if (unplaced or unfair) and rng.random() < 0.85:
            if unplaced and (not unfair or rng.random() < 0.5):
                m = rng.choice(unplaced)
                seeds = [ix.ma[m], ix.mb[m]]
            else:
                seeds = [rng.choice(unfair)]
        else:
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
        if it % 25 == 0:
            cur = relocate(ix, cur, time.perf_counter() + min(2.0, tr.left() / 4), seed + it)
            cur_score = _score(ix, cur)
            tr.offer(cur)
        # Adapt the neighbourhood size: grow when neighbourhoods are solved to optimality
        # (nothing left to find there), shrink when the solver runs out of time.
        if out.status == "OPTIMAL" and not improved:
            target = min(MAX_FREE, int(target * 1.2))
        elif out.status != "OPTIMAL":
            target = max(MIN_FREE, int(target * 0.95))
    tr.offer(cur)
    complete = all(t >= 0 for t in cur.slot)
    fair = not any(fairness_excess(ix, participant_breaks(ix, cur.slot)))
    if fair and (complete or ix.problem.allow_unscheduled):
        return "FEASIBLE"
    return "UNKNOWN"


def _run_anneal(ix: Indexed, tr, start: State, seed: int) -> str:
    """Simulated annealing from the better of the greedy and the sweep + Kempe start; the
    tracker is told about new best schedules at most every couple of seconds (its scoring
    walks the whole event)."""
    if tr.left() > 6:
        sw = kempe_repair(ix, sweep(ix, seed), seed)
        if _score(ix, sw) < _score(ix, start):
            start = sw
    last = [0.0]

    def on_best(slots: list[int]) -> None:
        now = time.perf_counter()
        if now - last[0] > 2.0:
            last[0] = now
            tr.offer_slots(slots)

    # Anneal; if meetings are still unplaced (or someone over the fairness cap) after a third
    # of the time, CP-SAT re-solves the neighbourhood of each (compound moves through full
    # slots that single moves cannot make), then annealing resumes from the repaired state.
    # Table numbering and the JSON answer need a moment after this (the command line keeps its
    # own reserve and counts interpreter start-up).
    end = time.perf_counter() + tr.left() - max(0.5, 0.04 * tr.left())
    an = Annealer(ix, start, seed)
    best = an.run(end, on_best, give_up_at=time.perf_counter() + tr.left() / 3)
    rounds = 0
    while best is None and not an.valid() and time.perf_counter() < end - 2 and rounds < 3:
        tr.log(f"anneal stuck: unplaced={len(an.unplaced)} excess={an.excess}")
        rounds += 1
        cur = _repair_cpsat(ix, tr, an, seed + rounds, end)
        temp = an.temp
        an = Annealer(ix, cur, seed + rounds)
        tr.log(f"after repair {rounds}: unplaced={len(an.unplaced)} excess={an.excess}")
        give_up = time.perf_counter() + tr.left() / 3
        best = an.run(end, on_best, max(temp, 0.1), give_up_at=give_up)
    tr.log(f"anneal: {an.iterations} moves, unplaced={len(an.unplaced)} breaks={an.breaks}")
    if best is None:
        partial = State(list(an.slot), [0 if t >= 0 else -1 for t in an.slot])
        if tr.best is None:
            tr.offer(partial)
        return "UNKNOWN" if tr.best is None or not _valid(ix, tr.best) else "FEASIBLE"
    tr.offer(State(best, [0 if t >= 0 else -1 for t in best]))
    return "FEASIBLE"


def _repair_cpsat(ix: Indexed, tr, an, seed: int, end: float) -> State:
    """CP-SAT neighbourhoods around the annealer's unplaced meetings and unfair participants."""
    rng = random.Random(seed)
    cur = State(list(an.slot), [0 if t >= 0 else -1 for t in an.slot])
    cur_score = _score(ix, cur)
    target = 150
    stop = min(end - 1, time.perf_counter() + max(3.0, 0.15 * tr.left()))
    while cur_score[0] and time.perf_counter() < stop:
        unplaced = [m for m, t in enumerate(cur.slot) if t < 0]
        h = participant_breaks(ix, cur.slot)
        unfair = [p for p, e in enumerate(fairness_excess(ix, h)) if e > 0]
        if unplaced and (not unfair or rng.random() < 0.7):
            m = rng.choice(unplaced)
            seeds = [ix.ma[m], ix.mb[m]]
        else:
            seeds = [rng.choice(unfair)]
        free = _cluster(ix, seeds, target, rng)
        b = Builder(ix, free=free, base=cur, soft=True, symmetry=False)
        b.hint(cur)
        out = b.solve(min(2.0, stop - time.perf_counter()), 1, seed)
        tr.log(f"cp-sat repair: free={len(free)} {out.status}")
        if out.state is not None:
            sc = _score(ix, out.state)
            if sc < cur_score:
                cur, cur_score = out.state, sc
                tr.log(f"cp-sat repair: free={len(free)} unplaced+excess={sc[0]}")
                continue
        target = min(MAX_FREE, int(target * 1.3))
    return cur


def _valid(ix: Indexed, st: State) -> bool:
    return all(t >= 0 for t in st.slot) and not any(
        fairness_excess(ix, participant_breaks(ix, st.slot))
    )
