"""Implied constraints and symmetry breaking of the CP-SAT model (see docs/scheduling.md).

They add no restriction on schedules, only reasoning power: window literals for break-free
agendas, the per-slot occupancy bound, ordering of interchangeable meetings and the mirror
symmetry of the day. Each is a method of :class:`cpsat.Builder`, kept here for size.
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .cpsat import Builder


def slot_occupancy(self: Builder) -> None:
    """Implied constraint: every meeting occupies two participants, so at most twice the
    free tables of a slot can be busy in it. Stated on the occupancy literals it lets the
    break reasoning (windows) see the table capacity directly."""
    ix, md = self.ix, self.m
    if not self.whole or not self.use_slot_occupancy:
        return
    cap = len(ix.problem.tables)
    for t in range(ix.n_slots):
        lits = [self.occ[p][t] for p in self.touched if not isinstance(self.occ[p][t], int)]
        const = sum(self.occ[p][t] for p in self.touched if isinstance(self.occ[p][t], int))
        if len(lits) + const > 2 * cap:
            md.add(sum(lits) + const <= 2 * cap)


def windows(self: Builder, p: int, occ: list, h) -> None:
    """Implied constraint: a participant without breaks holds its k meetings in one window
    of k consecutive slots. Window literals let the solver reason about the few windows
    left (e.g. 9 meetings in 10 slots: the idle slot is first or last) instead of about
    the break literals one by one, which is what makes the lower bounds provable."""
    ix, md = self.ix, self.m
    if self.soft or ix.lunch or not self.use_windows:
        return
    k = len(ix.meetings_of[p])
    T = ix.n_slots
    if k < 2 or k >= T:
        return
    wins = []
    for a in range(T - k + 1):
        inside = occ[a : a + k]
        if any(isinstance(v, int) and v == 0 for v in inside):
            continue
        outside = occ[:a] + occ[a + k :]
        if any(isinstance(v, int) and v == 1 for v in outside):
            continue
        w = md.new_bool_var(f"win{p}_{a}")
        self.win_info.setdefault(p, []).append((a, k, w))
        for v in inside:
            if not isinstance(v, int):
                md.add_implication(w, v)
        wins.append(w)
    self.window_lits += wins
    if wins:
        md.add_at_most_one(wins)
    md.add(h >= 1 - sum(wins))


def symmetry(self: Builder) -> None:
    """Order interchangeable meetings (same pair, domain, pools and role) by slot."""
    ix, md = self.ix, self.m
    if self.soft:
        return
    in_prec = {k for pair in ix.preds for k in pair}
    groups: dict[tuple, list[int]] = {}
    for m in self.free:
        if m in in_prec or ix.fixed_table[m] >= 0 or ix.prev_slot[m] >= 0:
            continue
        key = (
            min(ix.ma[m], ix.mb[m]),
            max(ix.ma[m], ix.mb[m]),
            tuple(ix.dom[m]),
            tuple(ix.pools_of[m]),
        )
        groups.setdefault(key, []).append(m)
    for ms in groups.values():
        for a, b in pairwise(ms):
            md.add(self.slot_expr(a) + 1 <= self.slot_expr(b))
    # Mirror symmetry: when every constraint is invariant under t -> T-1-t, so is the
    # objective; keep the solutions whose busiest meeting lies in the first half.
    T = ix.n_slots
    if not self.whole or ix.preds or ix.lunch or not self.free:
        return
    if any(set(ix.dom[m]) != {T - 1 - t for t in ix.dom[m]} for m in self.free):
        return
    deg = [len(ms) for ms in ix.meetings_of]
    m0 = max(self.free, key=lambda m: deg[ix.ma[m]] + deg[ix.mb[m]])
    md.add(2 * self.slot_expr(m0) <= T - 1)
