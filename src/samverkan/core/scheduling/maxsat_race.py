"""Run the MaxSAT prover (maxsat.py) in a thread next to CP-SAT and let the first proof win.

CP-SAT finds good schedules quickly but raises its lower bound slowly on two cores; RC2 raises
the bound one unsatisfiable core at a time and ends with an optimal schedule. Whichever proves
optimality (or infeasibility) first stops the other. A CP-SAT schedule whose breaks equal the
MaxSAT lower bound is optimal too, so that also ends both searches.

Both solvers spend their time in C++ with the GIL released, so a thread is enough. Only
numbers cross threads; schedules are offered to the tracker in the caller's thread.
"""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING

from .cpsat_search import State
from .maxsat import MaxSatModel, MaxSatOutcome

if TYPE_CHECKING:
    from .cpsat import Builder
    from .indexed import Indexed
    from .solve import Tracker

# Seconds finish() waits for the prover to notice the stop (RC2 finishes its current core).
JOIN_GRACE = 2.0
# At most this many seconds (and a quarter of the time left) for the zero-break probe, then
# per step of the bound search and for all its later steps together (RC2 waits meanwhile).
# Measured at load 3: forumt-14 bound 5 in 0.8 s, but its 5-break schedule is not found in
# 5 s by the bound model, while RC2 finds it in ~1 s; 5 s / 8 s steps cost forumt-14 5.9 s
# (1.3 s without the ladder), 1 s / 3 s cost 3.9 s.
ZERO_PROBE = 10.0
BOUND_STEP = 1.0
BOUND_TOTAL = 3.0


class MaxSatRace:
    def __init__(self, ix: Indexed, tr: Tracker, builder: Builder) -> None:
        self.ix, self.tr, self.b = ix, tr, builder
        self.model: MaxSatModel | None = None
        self.outcome: MaxSatOutcome | None = None
        self._best: int | None = None
        self._probe: Builder | None = None
        self.found: tuple[State, int] | None = None  # (schedule, its proven optimum)
        self._cp_done = threading.Event()
        self._thread = threading.Thread(target=self._run, name="maxsat", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def incumbent(self, obj: int) -> None:
        """CP-SAT found a schedule with ``obj`` breaks (called from CP-SAT's callback)."""
        if self._best is None or obj < self._best:
            self._best = obj
        lb = self.tr.lb
        if lb is not None and lb >= obj:
            self.b.stop()  # a proven bound (bound search, quick bound) meets the schedule
        model = self.model
        if model is not None:
            self.tr.offer_bound(model.lower_bound)
            if model.lower_bound >= obj:
                self.b.stop()

    def _bound_search(self) -> None:
        """Bottom-up bound search (bound.py): is a schedule with at most k breaks possible,
        for k = 0, 1, ...? "No" raises the lower bound to k + 1; "yes" is an optimal
        schedule. Stops at the first step that runs out of its budget. Measured: k = 0 is
        "no" in 0.4 s on forum-13crafc (RC2's first core took over a minute); k = 1 is "no"
        in 4.3 s on tic-13crafc (without the span constraints: unknown after 8 s)."""
        from .bound import bound_model

        k = 0
        spent = 0.0
        while not self._cp_done.is_set():
            pb = bound_model(self.ix, k)
            self._probe = pb
            if self._cp_done.is_set():
                return
            cap = ZERO_PROBE if k == 0 else min(BOUND_STEP, BOUND_TOTAL - spent)
            budget = min(cap, max(0.1, self.tr.left() / 4))
            if budget < 0.5:
                return
            t = time.perf_counter()
            out = pb.solve(budget, 1)
            spent += time.perf_counter() - t if k else 0.0
            if out.status == "INFEASIBLE":
                self.tr.offer_bound(k + 1)
                self.tr.log(f"bound search: no schedule with <= {k} breaks")
                k += 1
                continue
            if out.state is not None:
                self.found = (out.state, k)
                self.tr.log(f"bound search: a schedule with <= {k} breaks (optimal)")
            return

    def _run(self) -> None:
        try:
            self._bound_search()
            if self.found is not None:
                self.outcome = MaxSatOutcome("OPTIMAL", None, self.found[1])
                self._stop_cpsat()
                return
            model = MaxSatModel(self.ix, target=lambda: self._best)
            if self._cp_done.is_set():
                return
            self.model = model
            out = model.solve(self.tr.left())
        except Exception as exc:  # the race is an accelerator; CP-SAT's answer stands
            self.tr.log(f"MaxSAT failed: {exc!r}")
            return
        self.outcome = out
        self.tr.log(f"MaxSAT {out.status} lower bound={out.lower_bound}")
        self.tr.offer_bound(out.lower_bound)
        done = out.status in ("OPTIMAL", "INFEASIBLE")
        if done or (self._best is not None and out.lower_bound >= self._best):
            self._stop_cpsat()

    def _stop_cpsat(self) -> None:
        while not self._cp_done.is_set():
            self.b.stop()
            self._cp_done.wait(0.1)

    def finish(self) -> MaxSatOutcome | None:
        """CP-SAT has returned: stop the prover and return its outcome (None if unfinished)."""
        self._cp_done.set()
        if self._probe is not None:
            self._probe.stop()
        if self.model is not None:
            self.model.stop()
        self._thread.join(JOIN_GRACE)
        if self.model is not None:
            self.tr.offer_bound(self.model.lower_bound)
        out = self.outcome
        if self.found is not None:
            self.tr.offer(self.found[0], self.found[1])
        if out is not None and out.slot is not None:
            # Offered here, in the caller's thread (progress callbacks may touch a database).
            self.tr.offer(State(list(out.slot), [0] * self.ix.n_meetings), out.lower_bound)
        return out
