"""Solving side of the CP-SAT model: complete hints, reading a solution back, and the solve
loop with its solution callback and an external stop (used when racing the MaxSAT prover).

The functions taking ``self`` are methods of :class:`cpsat.Builder`, kept here for size.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

if TYPE_CHECKING:
    from .cpsat import Builder


@dataclass
class State:
    """A (possibly partial) schedule in indexed form: slot position per meeting (-1 = unplaced)
    and the table pool it uses (-1 = unplaced)."""

    slot: list[int]
    pool: list[int]


@dataclass
class Outcome:
    status: str  # OPTIMAL, FEASIBLE, INFEASIBLE, UNKNOWN (CP-SAT's meaning for this model)
    state: State | None
    objective: int | None
    bound: int | None
    breaks_only: bool  # the objective is the breaks alone (so bound bounds the breaks)


class _Recorder(cp_model.CpSolverSolutionCallback):
    def __init__(self, fn: Callable[[], None]) -> None:
        super().__init__()
        self._fn = fn

    def on_solution_callback(self) -> None:
        self._fn(self)


def hint(self: Builder, st: State) -> None:
    """Hint a complete assignment derived from ``st`` (x, pools, occupancy, block starts,
    breaks, windows): CP-SAT repairs partial hints poorly, complete ones it takes at once."""
    md, ix = self.m, self.ix
    T = ix.n_slots
    for m in self.free:
        for t, v in self.x[m].items():
            md.add_hint(v, 1 if st.slot[m] == t else 0)
            zs = self.z.get((m, t))
            if zs:
                for g, z in zs.items():
                    md.add_hint(z, 1 if st.slot[m] == t and st.pool[m] == g else 0)
        lit = self.placed.get(m)
        if not isinstance(lit, int) and lit is not None:
            md.add_hint(lit, 1 if st.slot[m] in self.x[m] else 0)
    d = ix.problem.fairness or 0
    for p, info in self.info.items():
        busy = {st.slot[k] for k in ix.meetings_of[p] if st.slot[k] >= 0}
        occ = [1 if t in busy else 0 for t in range(T)]
        for t, v in info["o"]:
            md.add_hint(v, occ[t])
        for w in info["w"]:
            md.add_hint(w, 0)
        for t, v in info["s"]:
            md.add_hint(v, 1 if occ[t] and not (t and occ[t - 1]) else 0)
        blocks = sum(1 for t in range(T) if occ[t] and not (t and occ[t - 1]))
        anyv = 1 if busy else 0
        if info["any"] is not None:
            md.add_hint(info["any"], anyv)
        h = max(0, blocks - anyv)
        md.add_hint(self.H[p], h)
        if p in self.fx:
            md.add_hint(self.fx[p], max(0, h - d))
        for a, k, w in self.win_info.get(p, ()):
            md.add_hint(w, 1 if h == 0 and busy and min(busy) == a and len(busy) == k else 0)


def read(self: Builder, cb) -> State:
    slot = list(self.base.slot)
    pool = list(self.base.pool)
    for m in self.free:
        slot[m], pool[m] = -1, -1
        for t, v in self.x[m].items():
            if cb.value(v):
                slot[m] = t
                zs = self.z.get((m, t))
                if zs:
                    pool[m] = next(g for g, z in zs.items() if cb.value(z))
                else:
                    pool[m] = self.ix.pools_of[m][0]
                break
    return slot_state_fix(slot, pool)


def stop(self: Builder) -> None:
    """Ask a running (or about to run) :func:`solve` to return its best solution now."""
    ev = self.__dict__.setdefault("_stop_event", threading.Event())
    ev.set()
    solver = self.__dict__.get("_solver")
    if solver is not None:
        solver.stop_search()


def solve(
    self: Builder,
    time_limit: float,
    workers: int,
    seed: int = 0,
    on_solution: Callable[[State, int, int], None] | None = None,
    stop_at: int | None = None,
) -> Outcome:
    solver = cp_model.CpSolver()
    prm = solver.parameters
    prm.max_time_in_seconds = max(0.05, time_limit)
    prm.num_workers = workers
    prm.random_seed = seed
    best: dict = {}
    ev = self.__dict__.setdefault("_stop_event", threading.Event())

    def record(cb) -> None:
        st = self.read(cb)
        obj = round(cb.objective_value)
        bnd = math.ceil(cb.best_objective_bound - 1e-6)
        best["state"], best["obj"] = st, obj
        if on_solution is not None:
            on_solution(st, obj, bnd)
        if (stop_at is not None and obj <= stop_at) or ev.is_set():
            cb.stop_search()

    self._solver = solver
    if ev.is_set():
        return Outcome("UNKNOWN", None, None, None, self.breaks_only)
    code = solver.solve(self.m, _Recorder(record))
    status = solver.status_name(code)
    state = best.get("state")
    if status in ("OPTIMAL", "FEASIBLE") and state is None:
        state = self.read(solver)
    obj = round(solver.objective_value) if state is not None else None
    bound = None
    if status in ("OPTIMAL", "FEASIBLE"):
        bound = math.ceil(solver.best_objective_bound - 1e-6)
    if status == "MODEL_INVALID":
        raise RuntimeError("internal error: CP-SAT model invalid")
    return Outcome(status, state, obj, bound, self.breaks_only)


def slot_state_fix(slot: list[int], pool: list[int]) -> State:
    return State(slot, pool)
