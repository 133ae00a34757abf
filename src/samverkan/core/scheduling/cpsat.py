"""The exact CP-SAT model, usable on the whole problem or on a neighbourhood of it.

Variables: ``x[m, t]`` (meeting m in slot t) for the slots of m's domain; per participant and
slot an occupancy literal; per participant and slot a *block start* literal, exactly
``occ[t] and not occ[t-1]``. A participant's breaks are its blocks minus one, so the objective
is a plain sum of literals, which CP-SAT's core-based search bounds well.

For large-neighbourhood search the same builder takes the set of *free* meetings; every other
meeting stays where the current schedule has it and only contributes constants (occupied slots,
used tables), so a neighbourhood model stays small whatever the event size.
"""

from __future__ import annotations

import os

from ortools.sat.python import cp_model

from . import cpsat_search, implied
from .cpsat_search import Outcome, State
from .indexed import Indexed, participant_breaks

__all__ = ["Builder", "Outcome", "State", "default_workers"]


def default_workers() -> int:
    # Measured on the 2-core machine (benchmarks/b2b, 60 s): 4 workers (twice the cores) proved
    # forumt-14 optimal and found better schedules than 8 workers, which also overran the time
    # limit on a loaded machine; 1-2 workers lack the portfolio's bound-raising strategies.
    return max(4, min(8, 2 * (os.cpu_count() or 1)))


class Builder:
    """Builds the model for meetings ``free`` (None = all) around a fixed ``base`` state."""

    use_windows = True
    # Implied constraints live in implied.py (module size); bound here as methods.
    _windows = implied.windows
    _slot_occupancy = implied.slot_occupancy
    _symmetry = implied.symmetry
    use_slot_occupancy = True
    literal_objective = False
    use_window_search = True
    # Solving side lives in cpsat_search.py (module size); bound here as methods.
    hint = cpsat_search.hint
    read = cpsat_search.read
    solve = cpsat_search.solve
    stop = cpsat_search.stop

    def __init__(
        self,
        ix: Indexed,
        free: list[int] | None = None,
        base: State | None = None,
        *,
        symmetry: bool = True,
        move_weighting: bool = True,
        soft: bool = False,
        assumptions: bool = False,
        restrict: set[int] | None = None,
    ) -> None:
        self.ix = ix
        n = ix.n_meetings
        self.free = list(range(n)) if free is None else sorted(free)
        is_free = [False] * n
        for m in self.free:
            is_free[m] = True
        self.is_free = is_free
        self.base = base or State([-1] * n, [-1] * n)
        self.whole = free is None
        self.m = cp_model.CpModel()
        self.symmetry = symmetry
        self.move_weighting = move_weighting
        # restrict: free meetings may only use these slot positions (slot-swap neighbourhoods).
        self.restrict = restrict
        # soft: every meeting may stay unplaced at a large cost (repair inside LNS).
        self.soft = soft or ix.problem.allow_unscheduled
        # assumptions: each participant's own constraints are enforced by a literal so that an
        # infeasibility core names the participants involved.
        self.enf: dict[int, cp_model.IntVar] = {}
        if assumptions:
            self.enf = {p: self.m.new_bool_var(f"e{p}") for p in range(ix.n_participants)}
        self._build()

    def _enforce(self, ct, p: int | None) -> None:
        if p is not None and p in self.enf:
            ct.only_enforce_if(self.enf[p])

    # ------------------------------------------------------------------ construction
    def _build(self) -> None:
        ix, md, base, is_free = self.ix, self.m, self.base, self.is_free
        T = ix.n_slots
        opt = self.soft
        self.x: dict[int, dict[int, cp_model.IntVar]] = {}
        self.placed: dict[int, object] = {}
        for m in self.free:
            dom = (
                ix.dom[m] if self.restrict is None else [t for t in ix.dom[m] if t in self.restrict]
            )
            xs = {t: md.new_bool_var(f"x{m}_{t}") for t in dom}
            self.x[m] = xs
            if opt:
                lit = md.new_bool_var(f"p{m}")
                md.add(sum(xs.values()) == lit)
                self.placed[m] = lit
            else:
                md.add_exactly_one(xs.values())
                self.placed[m] = 1

        # Frozen meetings only contribute occupancy per slot.
        frozen_at: list[list[int]] = [[] for _ in range(T)]
        for m in range(ix.n_meetings):
            if not is_free[m] and base.slot[m] >= 0:
                frozen_at[base.slot[m]].append(m)

        # One agenda (participant, or company that cannot meet in parallel): <= 1 per slot.
        for g, ag in enumerate(ix.agendas):
            if not any(is_free[k] for k in ag):
                continue
            owner = g if g < ix.n_participants else None
            busy = {base.slot[k] for k in ag if not is_free[k] and base.slot[k] >= 0}
            for t in range(T):
                lits = [self.x[k][t] for k in ag if is_free[k] and t in self.x[k]]
                if not lits:
                    continue
                if t in busy:
                    for v in lits:
                        md.add(v == 0)
                elif len(lits) > 1:
                    self._enforce(md.add(sum(lits) <= 1), owner)

        self._tables(frozen_at)
        self._precedences()
        self._breaks()
        self._extras()
        if self.symmetry:
            self._symmetry()
        self._objective()
        if self.window_lits and self.use_window_search:
            # Search hint: decide whole participant windows (no-break agendas) first.
            self.m.add_decision_strategy(
                self.window_lits, cp_model.CHOOSE_FIRST, cp_model.SELECT_MAX_VALUE
            )

    def _tables(self, frozen_at: list[list[int]]) -> None:
        ix, md, base = self.ix, self.m, self.base
        self.z: dict[tuple[int, int], dict[int, object]] = {}
        for t in range(ix.n_slots):
            used = [0] * len(ix.pool_tables)
            for k in frozen_at[t]:
                if base.pool[k] >= 0:
                    used[base.pool[k]] += 1
            per_pool: list[list] = [[] for _ in ix.pool_tables]
            for m in self.free:
                if t not in self.x[m]:
                    continue
                pools = ix.pools_of[m]
                if len(pools) == 1:
                    per_pool[pools[0]].append(self.x[m][t])
                elif pools:
                    zs = {g: md.new_bool_var(f"z{m}_{t}_{g}") for g in pools}
                    md.add(sum(zs.values()) == self.x[m][t])
                    self.z[(m, t)] = zs
                    for g, v in zs.items():
                        per_pool[g].append(v)
                else:
                    md.add(self.x[m][t] == 0)  # no table fits this meeting
            for g, lits in enumerate(per_pool):
                cap = len(ix.pool_tables[g]) - used[g]
                if lits and len(lits) > cap:
                    md.add(sum(lits) <= max(cap, 0))
        # Meetings pinned to the same table never share a slot.
        by_table: dict[int, list[int]] = {}
        for m, tk in enumerate(ix.fixed_table):
            if tk >= 0:
                by_table.setdefault(tk, []).append(m)
        for ms in by_table.values():
            for t in range(ix.n_slots):
                lits = [self.x[m][t] for m in ms if self.is_free[m] and t in self.x[m]]
                frozen = any(not self.is_free[m] and base.slot[m] == t for m in ms)
                if frozen:
                    for v in lits:
                        md.add(v == 0)
                elif len(lits) > 1:
                    md.add_at_most_one(lits)

    def slot_expr(self, m: int):
        return sum(t * v for t, v in self.x[m].items())

    def _precedences(self) -> None:
        ix, md, base = self.ix, self.m, self.base
        opt = self.soft
        for j, m in ix.preds:
            if not (self.is_free[j] or self.is_free[m]):
                continue
            sj = self.slot_expr(j) if self.is_free[j] else base.slot[j]
            sm = self.slot_expr(m) if self.is_free[m] else base.slot[m]
            if (isinstance(sj, int) and sj < 0) or (isinstance(sm, int) and sm < 0):
                continue  # an unplaced frozen meeting imposes nothing
            ct = md.add(sj + 1 <= sm)
            if opt:
                ct.only_enforce_if([lit for lit in (self._pl(j), self._pl(m)) if lit is not None])

    def _pl(self, m: int):
        lit = self.placed.get(m)
        return None if isinstance(lit, int) else lit

    def _breaks(self) -> None:
        """Block-start literals and breaks per touched participant."""
        ix, md, base = self.ix, self.m, self.base
        T = ix.n_slots
        lunch = set(ix.lunch)
        opt = self.soft
        self.touched = [
            p for p in range(ix.n_participants) if any(self.is_free[k] for k in ix.meetings_of[p])
        ]
        self.H: dict[int, object] = {}
        self.obj_terms: list = []
        self.obj_neg: list = []
        self.obj_const = 0
        self.fair_excess: list = []
        self.window_lits: list = []
        self.occ: dict[int, list] = {}
        self.info: dict[int, dict] = {}
        self.win_info: dict[int, list] = {}
        self.fx: dict[int, object] = {}
        for p in self.touched:
            ms = ix.meetings_of[p]
            fixed_busy = {base.slot[k] for k in ms if not self.is_free[k] and base.slot[k] >= 0}
            occ: list = []
            # Variables to hint from a schedule (CP-SAT uses complete hints far better).
            info: dict = {"o": [], "w": [], "s": [], "any": None}
            self.info[p] = info
            for t in range(T):
                if t in fixed_busy:
                    occ.append(1)
                    continue
                lits = [self.x[k][t] for k in ms if self.is_free[k] and t in self.x[k]]
                if not lits:
                    occ.append(0)
                elif len(lits) == 1:
                    occ.append(lits[0])
                else:
                    v = md.new_bool_var(f"o{p}_{t}")
                    md.add(sum(lits) == v)
                    occ.append(v)
                    info["o"].append((t, v))
            self.occ[p] = occ
            if lunch and ix.problem.lunch_min_free > 0:
                busy = [occ[t] for t in ix.lunch]
                md.add(sum(busy) <= len(ix.lunch) - ix.problem.lunch_min_free)
            # Lunch slots may be bridged: a free lunch slot counts as occupied for the break
            # count, so a gap made only of lunch slots is no break.
            eff = list(occ)
            for t in lunch:
                if not isinstance(occ[t], int) or occ[t] == 0:
                    w = md.new_bool_var(f"w{p}_{t}")
                    info["w"].append(w)
                    if not isinstance(occ[t], int):
                        md.add_implication(occ[t], w.Not())
                    eff[t] = occ[t] + w if not isinstance(occ[t], int) else w
            starts = []
            for t in range(T):
                cur, prev = eff[t], (eff[t - 1] if t else 0)
                if isinstance(cur, int) and cur == 0:
                    continue
                if isinstance(prev, int) and prev == 1:
                    continue
                if isinstance(cur, int) and isinstance(prev, int):
                    starts.append(1)  # cur = 1 and prev = 0
                    continue
                s = md.new_bool_var(f"s{p}_{t}")
                info["s"].append((t, s))
                # s == cur and not prev (exact, so that fairness sees true break counts)
                md.add(s <= cur)
                md.add(s <= 1 - prev)
                md.add(s >= cur - prev)
                starts.append(s)
            any_lit = 1
            if opt or not ms:
                anyv = md.new_bool_var(f"a{p}")
                lits = [v for v in occ if not isinstance(v, int)]
                if any(v == 1 for v in occ if isinstance(v, int)):
                    md.add(anyv == 1)
                elif lits:
                    md.add_max_equality(anyv, lits)
                else:
                    md.add(anyv == 0)
                any_lit = anyv
                info["any"] = anyv
            h = md.new_int_var(0, T, f"h{p}")
            md.add(h == sum(starts) - any_lit)
            self._windows(p, occ, h)
            self.H[p] = h
            # The objective uses the literals themselves: core-based search reasons on them.
            self.obj_terms += [s for s in starts if not isinstance(s, int)]
            self.obj_const += sum(s for s in starts if isinstance(s, int))
            self.obj_const -= any_lit if isinstance(any_lit, int) else 0
            if not isinstance(any_lit, int):
                self.obj_neg.append(any_lit)
        self._fairness()
        self._slot_occupancy()

    def _fairness(self) -> None:
        ix, md = self.ix, self.m
        d = ix.problem.fairness
        if d is None or not self.touched:
            return
        T = ix.n_slots
        others = [p for p in range(ix.n_participants) if p not in self.H]
        base_h = participant_breaks(ix, self.base.slot) if others else []
        lo = min((base_h[p] for p in others), default=T)
        hi = max((base_h[p] for p in others), default=0)
        # A participant with at most one requested meeting always has 0 breaks.
        if any(len(ix.meetings_of[p]) <= 1 for p in range(ix.n_participants)):
            lo = 0
        if self.soft:
            # Repair mode: the fairness cap may be exceeded at a cost as high as an unplaced
            # meeting, so that the search can start from an unfair schedule and fix it.
            hmin = md.new_int_var(0, lo, "hmin")
            for p, h in self.H.items():
                e = md.new_int_var(0, T, f"fx{p}")
                self.fx[p] = e
                md.add(h >= hmin)
                md.add(h <= hmin + d + e)
                self.fair_excess.append(e)
            return
        hmin = md.new_int_var(max(0, hi - d), lo, "hmin")
        for p, h in self.H.items():
            self._enforce(md.add(h >= hmin), p)
            self._enforce(md.add(h <= hmin + d), p)

    def _extras(self) -> None:
        ix, md = self.ix, self.m
        if not ix.problem.allow_unscheduled:
            return
        for p in self.touched:
            need = ix.min_share[p]
            if need <= 0:
                continue
            ms = ix.meetings_of[p]
            fixed_n = sum(1 for k in ms if not self.is_free[k] and self.base.slot[k] >= 0)
            md.add(sum(self.placed[k] for k in ms if self.is_free[k]) + fixed_n >= need)

    def _objective(self) -> None:
        ix = self.ix
        if self.literal_objective:
            breaks = sum(self.obj_terms) - sum(self.obj_neg) + self.obj_const
        else:
            breaks = sum(self.H.values()) if self.H else 0
        # Lexicographic objective by weights: unplaced priority >> moves >> breaks.
        brk_max = sum(ix.n_slots // 2 + 1 for _ in self.touched) + 1
        terms = [breaks]
        self.breaks_only = True
        moves = []
        if self.move_weighting:
            for m in self.free:
                t0 = ix.prev_slot[m]
                if t0 >= 0:
                    moves.append(1 - self.x[m][t0] if t0 in self.x[m] else 1)
        w_move = brk_max
        if moves:
            terms.append(w_move * sum(moves))
            self.breaks_only = False
        if self.soft:
            w_un = brk_max + w_move * (len(moves) + 1)
            terms.append(w_un * sum(ix.weight[m] * (1 - self.placed[m]) for m in self.free))
            if self.fair_excess:
                terms.append(w_un * sum(self.fair_excess))
            self.breaks_only = False
        self.m.minimize(sum(terms))
