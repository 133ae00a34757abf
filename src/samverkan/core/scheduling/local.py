"""Fast relocation local search (pure Python) used before and between CP-SAT neighbourhoods.

A move takes one meeting to another slot of its domain where both participants are free and a
table is left; it is kept when it lowers (unfairness excess, breaks) lexicographically, or when
it keeps them equal (plateau moves let the search drift out of local minima). Only the two
participants of the meeting change, so each move is evaluated in constant time.
"""

from __future__ import annotations

import random
import time
from itertools import pairwise

from .cpsat import State
from .indexed import Indexed


def _breaks(busy: set[int], lunch: set[int]) -> int:
    ts = sorted(busy)
    return sum(
        1 for x, y in pairwise(ts) if y > x + 1 and not all(t in lunch for t in range(x + 1, y))
    )


def relocate(ix: Indexed, st: State, deadline: float, seed: int = 0) -> State:
    """Improve a schedule by single-meeting moves until no move helps or time runs out."""
    if not ix.single_pool or len(ix.agendas) != ix.n_participants:
        return st
    rng = random.Random(seed)
    slot, pool = list(st.slot), list(st.pool)
    T, cap = ix.n_slots, len(ix.pool_tables[0])
    lunch = set(ix.lunch)
    busy: list[set[int]] = [set() for _ in range(ix.n_participants)]
    load = [0] * T
    for m, t in enumerate(slot):
        if t >= 0:
            busy[ix.ma[m]].add(t)
            busy[ix.mb[m]].add(t)
            load[t] += 1
    H = [_breaks(b, lunch) for b in busy]
    d = ix.problem.fairness
    floor = 0 if any(len(ms) <= 1 for ms in ix.meetings_of) else None
    # Without a fixed floor (nobody with <= 1 meeting) the cap moves; we then only cut breaks.
    cap_h = ix.n_slots if d is None or floor is None else floor + d
    preds_of: dict[int, list[int]] = {}
    succs_of: dict[int, list[int]] = {}
    for j, m in ix.preds:
        preds_of.setdefault(m, []).append(j)
        succs_of.setdefault(j, []).append(m)
    lunch_cap = len(ix.lunch) - ix.problem.lunch_min_free if ix.problem.lunch_min_free else None

    def cost(h: int) -> int:
        return 1000 * max(0, h - cap_h) + h

    improved = True
    rounds = 0
    while improved and time.perf_counter() < deadline:
        improved = False
        rounds += 1
        order = [m for m in range(ix.n_meetings) if slot[m] >= 0 and len(ix.dom[m]) > 1]
        # Meetings of participants with breaks first: that is where moves can pay.
        order = [m for m in order if H[ix.ma[m]] or H[ix.mb[m]]]
        rng.shuffle(order)
        for i, m in enumerate(order):
            if i % 256 == 0 and time.perf_counter() > deadline:
                break
            a, b, t0 = ix.ma[m], ix.mb[m], slot[m]
            ba, bb = busy[a], busy[b]
            ba.discard(t0)
            bb.discard(t0)
            base = cost(H[a]) + cost(H[b])
            best, best_t, best_h = 0, -1, (0, 0)
            lo = max((slot[j] + 1 for j in preds_of.get(m, ()) if slot[j] >= 0), default=0)
            hi = min((slot[k] - 1 for k in succs_of.get(m, ()) if slot[k] >= 0), default=T)
            for t in ix.dom[m]:
                if t == t0 or t in ba or t in bb or load[t] >= cap or not lo <= t <= hi:
                    continue
                if lunch_cap is not None and t in lunch:
                    if sum(1 for u in ba if u in lunch) >= lunch_cap:
                        continue
                    if sum(1 for u in bb if u in lunch) >= lunch_cap:
                        continue
                ba.add(t)
                bb.add(t)
                ha, hb = _breaks(ba, lunch), _breaks(bb, lunch)
                ba.discard(t)
                bb.discard(t)
                delta = cost(ha) + cost(hb) - base
                if delta < best or (delta == best == 0 and best_t < 0 and rng.random() < 0.1):
                    best, best_t, best_h = delta, t, (ha, hb)
            if best_t >= 0:
                t = best_t
                load[t0] -= 1
                load[t] += 1
                slot[m] = t
                H[a], H[b] = best_h
                if best < 0:
                    improved = True
            else:
                t = t0
            ba.add(t)
            bb.add(t)
    return State(slot, pool)
