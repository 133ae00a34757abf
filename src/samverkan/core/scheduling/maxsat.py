"""A MaxSAT encoding of the plain B2B problem, solved with python-sat's core-guided RC2.

The breaks objective is tiny on real events (0..5), which is where core-guided MaxSAT is at its
best: every unsatisfiable core raises the lower bound by one, so the proof of optimality costs
about as many SAT calls as the optimum itself (the method of Bofill et al., JAIR 2022, whose
best solver was a MaxSAT solver). CP-SAT with two cores raises its bound far more slowly.

Variables: ``x[m, t]`` (meeting m in slot t), per participant and slot ``busy`` (exactly the
OR of its meetings there), ``held`` (some meeting at or before t; only forced upwards) and
``brk`` (a block starts at t after an idle slot and an earlier meeting: a break ends at t).
Every break literal is a unit soft clause of weight 1, so the MaxSAT cost is the breaks.

Only the plain problem is encoded: one pool of interchangeable tables, complete schedules, no
lunch, no previous schedule, and fairness that reduces to "at most d breaks each" (some
participant has at most one meeting, so the minimum is 0). :func:`applicable` says when.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from pysat.card import CardEnc, EncType
from pysat.examples.rc2 import RC2
from pysat.formula import WCNF, IDPool

from .explain import max_matching
from .indexed import Indexed


def applicable(ix: Indexed) -> bool:
    pr = ix.problem
    if pr.allow_unscheduled or pr.previous or ix.lunch or not ix.single_pool:
        return False
    if any(not d for d in ix.dom):
        return False
    return pr.fairness is None or any(len(ms) <= 1 for ms in ix.meetings_of)


@dataclass
class MaxSatOutcome:
    status: str  # OPTIMAL, INFEASIBLE or UNKNOWN (interrupted)
    slot: list[int] | None
    lower_bound: int


class MaxSatModel:
    """The WCNF of one plain instance, and an interruptible RC2 run on it."""

    # Window clauses (see _windows) made RC2 find the first core of forum-13crafc, but on
    # tic-13crafc, measured side by side (load 11), RC2 without them finished (optimum 4, 70.6 s)
    # and with them reached the bound 4 but no model in 72 s; the zero-break CP-SAT probe now
    # covers forum-13crafc's bound, so they are off by default.
    use_windows = False

    def __init__(self, ix: Indexed, target: Callable[[], int | None] | None = None) -> None:
        self.ix = ix
        # target(): breaks of the best known schedule; reaching it as a bound ends the search.
        self.target = target
        self.pool = IDPool()
        self.w = WCNF()
        self.x: list[dict[int, int]] = []
        self._rc2: RC2 | None = None
        self._stop = threading.Event()
        self._lb = 0
        self._build()

    def _v(self, *key) -> int:
        return self.pool.id(key)

    def _card(self, lits: list[int], bound: int) -> None:
        if len(lits) <= bound:
            return
        if bound == 0:
            for v in lits:
                self.w.append([-v])
            return
        enc = EncType.pairwise if bound == 1 and len(lits) <= 8 else EncType.seqcounter
        if bound == 1 and len(lits) > 8:
            enc = EncType.ladder
        cnf = CardEnc.atmost(lits, bound=bound, vpool=self.pool, encoding=enc)
        for cl in cnf.clauses:
            self.w.append(cl)

    def _build(self) -> None:
        ix, w = self.ix, self.w
        T = ix.n_slots
        for m in range(ix.n_meetings):
            xs = {t: self._v("x", m, t) for t in ix.dom[m]}
            self.x.append(xs)
            w.append(list(xs.values()))
            self._card(list(xs.values()), 1)
        # One meeting per agenda (participant or non-parallel company) and slot.
        for ag in ix.agendas:
            for t in range(T):
                self._card([self.x[k][t] for k in ag if t in self.x[k]], 1)
        # Table capacity per slot (tables are interchangeable: numbered afterwards).
        cap = len(ix.pool_tables[0])
        for t in range(T):
            self._card([self.x[m][t] for m in range(ix.n_meetings) if t in self.x[m]], cap)
        # Precedences: slot(j) < slot(m).
        for j, m in ix.preds:
            for t, v in self.x[m].items():
                for s, u in self.x[j].items():
                    if s >= t:
                        w.append([-v, -u])
        self._symmetry()
        d = ix.problem.fairness
        self.busy: list[list[int | None]] = []
        for p, ms in enumerate(ix.meetings_of):
            brks = self._breaks(p, ms)
            for b in brks:
                w.append([-b], weight=1)
            if d is not None:
                self._card(brks, d)
        # Implied: every meeting makes two participants busy, so at most 2 * tables are.
        for t in range(T):
            self._card([b[t] for b in self.busy if b[t] is not None], 2 * cap)

    def _breaks(self, p: int, ms: list[int]) -> list[int]:
        """busy/held/brk literals of participant p; returns its break literals."""
        w, T = self.w, self.ix.n_slots
        busy: list[int | None] = []
        self.busy.append(busy)
        for t in range(T):
            lits = [self.x[k][t] for k in ms if t in self.x[k]]
            if not lits:
                busy.append(None)
                continue
            b = self._v("busy", p, t)
            w.append([-b, *lits])
            for v in lits:
                w.append([-v, b])
            busy.append(b)
        if len(ms) < 2:
            return []
        # Implied: exactly as many busy slots as meetings (the SAT solver would have to
        # rediscover this pigeonhole fact for every break-free window it refutes).
        lits = [b for b in busy if b is not None]
        if len(lits) < len(ms):
            v = self._v("contradiction")  # more meetings than usable slots: unsatisfiable
            w.append([v])
            w.append([-v])
        else:
            enc = CardEnc.atleast(lits, bound=len(ms), vpool=self.pool, encoding=EncType.seqcounter)
            for cl in enc.clauses:
                w.append(cl)
        held: list[int | None] = []
        prev = None
        for t in range(T):
            if busy[t] is None and prev is None:
                held.append(None)
                continue
            h = self._v("held", p, t)
            if busy[t] is not None:
                w.append([-busy[t], h])
            if prev is not None:
                w.append([-prev, h])
            held.append(h)
            prev = h
        out = []
        for t in range(2, T):
            if busy[t] is None or held[t - 2] is None:
                continue
            # a block starts at t (t-1 idle) after a meeting at or before t-2
            b = self._v("brk", p, t)
            cl = [-busy[t], -held[t - 2], b]
            if busy[t - 1] is not None:
                cl.append(busy[t - 1])
            w.append(cl)
            out.append(b)
        if self.use_windows:
            self._windows(p, ms, busy, out)
        return out

    def _windows(self, p: int, ms: list[int], busy: list, brks: list[int]) -> None:
        """Implied: a participant without breaks holds its k meetings in one window of k
        consecutive slots, and only windows where its meetings can get distinct slots count.
        Refuting "no breaks" then means refuting a handful of windows, not all schedules."""
        ix, w = self.ix, self.w
        k, T = len(ms), ix.n_slots
        wins = []
        for a in range(T - k + 1):
            doms = {m: [t for t in ix.dom[m] if a <= t < a + k] for m in ms}
            if any(not d for d in doms.values()) or max_matching(ms, doms)[0] < k:
                continue
            v = self._v("win", p, a)
            for t in range(T):
                if busy[t] is not None:
                    w.append([-v, busy[t] if a <= t < a + k else -busy[t]])
            wins.append(v)
        w.append([*brks, *wins])

    def _symmetry(self) -> None:
        """Two meetings of the same pair with the same domain are interchangeable: order them."""
        ix = self.ix
        in_prec = {k for pair in ix.preds for k in pair}
        groups: dict[tuple, list[int]] = {}
        for m in range(ix.n_meetings):
            if m in in_prec:
                continue
            key = (min(ix.ma[m], ix.mb[m]), max(ix.ma[m], ix.mb[m]), tuple(ix.dom[m]))
            groups.setdefault(key, []).append(m)
        for ms in groups.values():
            for a, b in pairwise(ms):
                for t, v in self.x[a].items():
                    for s, u in self.x[b].items():
                        if s <= t:
                            self.w.append([-v, -u])

    # ------------------------------------------------------------------ solving
    @property
    def lower_bound(self) -> int:
        """Proven lower bound on the breaks so far (RC2's cost, raised by every core)."""
        rc2 = self._rc2
        return max(self._lb, rc2.cost) if rc2 is not None else self._lb

    def stop(self) -> None:
        self._stop.set()
        rc2 = self._rc2
        if rc2 is not None:
            rc2.interrupt()

    def solve(self, time_limit: float, **rc2_options) -> MaxSatOutcome:
        """Run RC2 for at most ``time_limit`` seconds (or until :meth:`stop`)."""
        opts = {"solver": "g4", "exhaust": True, "minz": True, "trim": 5, **rc2_options}
        rc2 = _RC2(self.w, **opts)
        rc2.target = self.target
        self._rc2 = rc2
        timer = threading.Timer(max(0.01, time_limit), self.stop)
        timer.daemon = True
        timer.start()
        try:
            if self._stop.is_set():
                return MaxSatOutcome("UNKNOWN", None, 0)
            try:
                model = rc2.compute(expect_interrupt=True)
            except _Reached:
                self._lb = rc2.cost
                return MaxSatOutcome("UNKNOWN", None, rc2.cost)
            interrupted = rc2.interrupted or self._stop.is_set()
            self._lb = rc2.cost
            if model is None:
                if interrupted:
                    return MaxSatOutcome("UNKNOWN", None, rc2.cost)
                return MaxSatOutcome("INFEASIBLE", None, 0)
            if interrupted:
                return MaxSatOutcome("UNKNOWN", None, rc2.cost)
            return MaxSatOutcome("OPTIMAL", self.read(model), rc2.cost)
        finally:
            timer.cancel()
            self._rc2 = None
            rc2.delete()

    def read(self, model: list[int]) -> list[int]:
        """Slot per meeting from a model (its true literals are enough)."""
        true = {v for v in model if v > 0}
        slot = [-1] * self.ix.n_meetings
        for m, xs in enumerate(self.x):
            slot[m] = next(t for t, v in xs.items() if v in true)
        return slot


class _Reached(Exception):
    """The lower bound met the best known schedule: that schedule is optimal."""


class _RC2(RC2):
    target: Callable[[], int | None] | None = None

    def _call_oracle(self, assumptions=(), expect_interrupt=False):
        best = self.target() if self.target is not None else None
        if best is not None and self.cost >= best:
            raise _Reached
        return super()._call_oracle(assumptions=assumptions, expect_interrupt=expect_interrupt)


__all__ = ["MaxSatModel", "MaxSatOutcome", "applicable"]
