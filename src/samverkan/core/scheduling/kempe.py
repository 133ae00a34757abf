"""Kempe-chain repair: place the meetings a construction left out.

Scheduling meetings into slots is edge colouring (participants are vertices, meetings edges,
slots colours). For an unplaced meeting (a, b) take a slot alpha where a is free and a slot beta
where b is free; the meetings along the path from b that alternate alpha, beta, alpha, ... can
swap those two slots without creating a clash, after which alpha is free for b too (Vizing's
argument). Each swap keeps every other participant's set of busy slots except at the path's
end, so it is cheap and local. Breaks are not considered here; the neighbourhood search that
follows removes them.
"""

from __future__ import annotations

import random

from .cpsat import State
from .indexed import Indexed


def kempe_repair(ix: Indexed, st: State, seed: int = 0, max_chain: int = 400) -> State:
    """Place as many unplaced meetings as possible with alpha/beta chain swaps."""
    if not ix.single_pool or ix.lunch or len(ix.agendas) != ix.n_participants:
        return st  # chains reason per participant and one table pool only
    rng = random.Random(seed)
    slot, pool = list(st.slot), list(st.pool)
    T, cap = ix.n_slots, len(ix.pool_tables[0])
    at: list[dict[int, int]] = [{} for _ in range(ix.n_participants)]  # participant: slot->m
    load = [0] * T
    for m, t in enumerate(slot):
        if t >= 0:
            at[ix.ma[m]][t] = m
            at[ix.mb[m]][t] = m
            load[t] += 1
    in_prec = {k for pair in ix.preds for k in pair}
    doms = [set(d) for d in ix.dom]

    def chain(start: int, first: int, second: int, forbid: int) -> list[int] | None:
        """Meetings on the alternating path from participant ``start``: its ``first``-slot
        meeting, then the partner's ``second``-slot meeting, and so on."""
        path: list[int] = []
        p, want, other = start, first, second
        seen: set[int] = set()
        while want in at[p]:
            m = at[p][want]
            if m in seen or m in in_prec or other not in doms[m] or len(path) > max_chain:
                return None
            seen.add(m)
            path.append(m)
            p = ix.mb[m] if ix.ma[m] == p else ix.ma[m]
            if p == forbid:
                return None
            want, other = other, want
        return path

    def move(m: int, t: int) -> None:
        old = slot[m]
        for p in (ix.ma[m], ix.mb[m]):
            if old >= 0 and at[p].get(old) == m:
                del at[p][old]
        if old >= 0:
            load[old] -= 1
        slot[m], pool[m] = t, 0
        at[ix.ma[m]][t] = m
        at[ix.mb[m]][t] = m
        load[t] += 1

    unplaced = [m for m in range(ix.n_meetings) if slot[m] < 0]
    rng.shuffle(unplaced)
    for m in unplaced:
        a, b = ix.ma[m], ix.mb[m]
        dom = list(ix.dom[m])
        rng.shuffle(dom)
        done = False
        free_a = [t for t in dom if t not in at[a]]
        free_b = [t for t in dom if t not in at[b]]
        for alpha in free_a:
            if alpha not in at[b] and load[alpha] < cap:
                move(m, alpha)
                done = True
                break
        if done:
            continue
        best = None
        for alpha in free_a:
            for beta in free_b:
                if alpha == beta:
                    continue
                path = chain(b, alpha, beta, a)
                if path is None:
                    continue
                n_alpha = sum(1 for k in path if slot[k] == alpha)
                n_beta = len(path) - n_alpha
                # After the swap alpha gets n_beta chain meetings and m; beta gets n_alpha.
                if load[alpha] - n_alpha + n_beta + 1 > cap or load[beta] - n_beta + n_alpha > cap:
                    continue
                if best is None or len(path) < len(best[2]):
                    best = (alpha, beta, path)
            if best is not None and len(best[2]) <= 2:
                break
        if best is None:
            continue
        alpha, beta, path = best
        targets = [(k, beta if slot[k] == alpha else alpha) for k in path]
        for k, _ in targets:  # lift the whole chain first so the swaps never collide
            for p in (ix.ma[k], ix.mb[k]):
                if at[p].get(slot[k]) == k:
                    del at[p][slot[k]]
            load[slot[k]] -= 1
            slot[k] = -1
        for k, t in targets:
            move(k, t)
        move(m, alpha)
    return State(slot, pool)
