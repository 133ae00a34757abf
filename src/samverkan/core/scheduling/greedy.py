"""First-free-slot baseline: what commercial tools call a "quick schedule".

Meetings in request order (fixed ones first, precedences respected), each in the earliest slot
where both participants (and their non-parallel companies) are free, a suitable table is free and
every hard constraint except fairness holds. Meetings that find no slot stay unplaced. It is the
benchmark's comparison point and the starting point of the large-neighbourhood search.
"""

from __future__ import annotations

import heapq

from .cpsat import State
from .indexed import Indexed


def greedy_order(ix: Indexed) -> list[int]:
    """Request order with fixed meetings first, topologically sorted by precedences."""
    n = ix.n_meetings
    succ: list[list[int]] = [[] for _ in range(n)]
    indeg = [0] * n
    for j, m in ix.preds:
        succ[j].append(m)
        indeg[m] += 1

    def key(m: int) -> tuple[int, int, int]:
        return (0 if len(ix.dom[m]) <= 1 else 1, m, m)

    heap = [key(m) for m in range(n) if indeg[m] == 0]
    heapq.heapify(heap)
    seq: list[int] = []
    while heap:
        m = heapq.heappop(heap)[2]
        seq.append(m)
        for s in succ[m]:
            indeg[s] -= 1
            if indeg[s] == 0:
                heapq.heappush(heap, key(s))
    seen = set(seq)
    return seq + [m for m in range(n) if m not in seen]  # cyclic precedences fail below


def greedy(ix: Indexed, order: list[int] | None = None) -> State:
    """Place meetings one by one in the first feasible slot. Unplaceable ones get slot -1."""
    n, T = ix.n_meetings, ix.n_slots
    agendas_of: list[list[int]] = [[] for _ in range(n)]
    for g, ag in enumerate(ix.agendas):
        for m in ag:
            agendas_of[m].append(g)
    busy = [set() for _ in ix.agendas]
    pool_load = [[0] * len(ix.pool_tables) for _ in range(T)]
    table_busy: set[tuple[int, int]] = set()
    lunch_busy = [0] * ix.n_participants
    lunch = set(ix.lunch)
    lunch_cap = len(ix.lunch) - ix.problem.lunch_min_free
    preds_of: list[list[int]] = [[] for _ in range(n)]
    for j, m in ix.preds:
        preds_of[m].append(j)
    slot, pool = [-1] * n, [-1] * n
    for m in order if order is not None else greedy_order(ix):
        earliest = 0
        for j in preds_of[m]:
            earliest = max(earliest, slot[j] + 1 if slot[j] >= 0 else T)
        for t in ix.dom[m]:
            if t < earliest or any(t in busy[g] for g in agendas_of[m]):
                continue
            full = lunch_busy[ix.ma[m]] >= lunch_cap or lunch_busy[ix.mb[m]] >= lunch_cap
            if t in lunch and ix.problem.lunch_min_free > 0 and full:
                continue
            tk = ix.fixed_table[m]
            if tk >= 0 and (t, tk) in table_busy:
                continue
            g = next((g for g in ix.pools_of[m] if pool_load[t][g] < len(ix.pool_tables[g])), None)
            if g is None:
                continue
            slot[m], pool[m] = t, g
            pool_load[t][g] += 1
            if tk >= 0:
                table_busy.add((t, tk))
            for a in agendas_of[m]:
                busy[a].add(t)
            if t in lunch:
                lunch_busy[ix.ma[m]] += 1
                lunch_busy[ix.mb[m]] += 1
            break
    return State(slot, pool)
