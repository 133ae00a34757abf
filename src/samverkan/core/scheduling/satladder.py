"""Bottom-up SAT search in worker processes: is there a schedule with at most k breaks?

The MaxSAT encoding (maxsat.py, with its window clauses) plus a totalizer over the break
literals is loaded into two different SAT solvers, each in its own process (satworker.py).
Each asks "at most k breaks?" with k = the best proven lower bound: "no" raises the bound for
everybody, "yes" is an optimal schedule. The solvers' strengths differ by instance, hence
the portfolio. Measured one solver at a time on the paper's 20 original events (idle
machine), starting from the proven bound:

* CaDiCaL 1.9.5: forum-14 optimum 2 in 5 s, forum-13crafb 6 in 27 s, ticf-13crafb 3 in 19 s,
  ticf-14crafa 0 in 4 s, tic-13crafc 4 in 2 s (the exact race needed 30 s; RC2 alone 70 s);
  but no answer on forum-13crafc / ticf-13crafc at k = 1 within 60 s;
* MapleChrono: forum-13crafc and ticf-13crafc optimum 1 in 26-28 s, slower elsewhere.

Before this the 60 s runs ended at 10 / 6 / 8 / 3 / 2 / 4 breaks on those six events.

A worker still busy with a k below a bound proven meanwhile (by the other worker or by the
CP-SAT probe) is killed and restarted at the new bound; killing is also how the search stops.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from pysat.card import ITotalizer

from .indexed import participant_breaks
from .maxsat import MaxSatModel

if TYPE_CHECKING:
    from .indexed import Indexed
    from .solve import Tracker

WORKER = Path(__file__).with_name("satworker.py")
SOLVERS = ("cd19", "mcb")
# The totalizer counts breaks up to this many (or the best known schedule's breaks).
MAX_K = 40
# A solver process that dies this often on its own (not killed by us) is given up.
MAX_CRASHES = 2
# Seconds between checks of the proven bound while workers run.
POLL = 0.1


class _Windowed(MaxSatModel):
    use_windows = True


def applicable(ix: Indexed) -> bool:
    """The plain problem (one table pool, complete schedules, no lunch, no previous schedule).

    The CNF caps every participant at d breaks, which is the fairness rule only when somebody
    has at most one meeting (the minimum is then 0). Otherwise its answers still hold for
    every k below the number of participants: a schedule with fewer breaks than participants
    leaves someone without a break, so its minimum is 0 too. The ladder never climbs that far
    (:func:`_k_limit`)."""
    pr = ix.problem
    if pr.allow_unscheduled or pr.previous or ix.lunch or not ix.single_pool:
        return False
    return all(ix.dom)


def _k_limit(ix: Indexed) -> int:
    if ix.problem.fairness is None or any(len(ms) <= 1 for ms in ix.meetings_of):
        return MAX_K
    return min(MAX_K, ix.n_participants - 1)


class SatLadder:
    """Two SAT solver processes climbing k from the tracker's lower bound."""

    def __init__(self, ix: Indexed, tr: Tracker, solvers: tuple[str, ...] = SOLVERS) -> None:
        self.ix, self.tr = ix, tr
        self.model = _Windowed(ix)
        brks = [-cl[0] for cl in self.model.w.soft]
        best = tr.best_breaks()
        top = _k_limit(ix) if best is None else min(_k_limit(ix), best)
        self.ubound = max(0, min(len(brks), top))
        self.tot = ITotalizer(lits=brks, ubound=max(1, self.ubound), top_id=self.model.pool.top)
        self.upto = max((v for xs in self.model.x for v in xs.values()), default=0)
        fd, self.path = tempfile.mkstemp(prefix="samverkan-sat-", suffix=".pickle")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(list(self.model.w.hard) + self.tot.cnf.clauses, f, protocol=5)
        self.found: tuple[list[int], int] | None = None
        self.done = threading.Event()
        self._lock = threading.Lock()
        self._running: dict[str, tuple[subprocess.Popen, int]] = {}
        self._hooks: list[Callable[[], None]] = []
        self._threads = [
            threading.Thread(target=self._drive, args=(name,), name=f"sat-{name}", daemon=True)
            for name in solvers
        ]
        self._monitor = threading.Thread(target=self._watch, name="sat-watch", daemon=True)

    # ------------------------------------------------------------------ control
    def start(self) -> SatLadder:
        for t in self._threads:
            t.start()
        self._monitor.start()
        return self

    def on_done(self, hook: Callable[[], None]) -> None:
        """Call ``hook`` (from a worker thread) once the ladder has an optimal schedule or
        gives up; called at once if that already happened."""
        with self._lock:
            if not self.done.is_set():
                self._hooks.append(hook)
                return
        hook()

    def wait(self, deadline: float) -> None:
        """Block until the ladder is done, every worker has given up, or ``deadline``
        (``time.perf_counter()`` clock)."""
        while not self.done.is_set() and any(t.is_alive() for t in self._threads):
            left = deadline - time.perf_counter()
            if left <= 0:
                return
            self.done.wait(min(POLL, left))

    def finish(self) -> tuple[list[int], int] | None:
        """Stop every worker; return (optimal slots, breaks) if one was found."""
        self._finish()
        for t in self._threads:
            t.join(2.0)
        self._monitor.join(1.0)
        with contextlib.suppress(OSError):
            os.unlink(self.path)
        return self.found

    def _finish(self) -> None:
        with self._lock:
            first = not self.done.is_set()
            self.done.set()
            hooks, self._hooks = self._hooks, []
            running = list(self._running.values())
        for proc, _ in running:
            _kill(proc)
        if first:
            for hook in hooks:
                with contextlib.suppress(Exception):
                    hook()

    # ------------------------------------------------------------------ workers
    def _bound(self) -> int:
        return self.tr.lb or 0

    def _watch(self) -> None:
        """Kill workers busy below the proven bound; stop when a known schedule meets it."""
        while not self.done.wait(POLL):
            lb = self._bound()
            best = self.tr.best_breaks()
            if best is not None and lb >= best:
                self._finish()  # the known schedule is optimal
                return
            with self._lock:
                stale = [proc for proc, k in self._running.values() if k < lb]
            for proc in stale:
                _kill(proc)

    def _drive(self, name: str) -> None:
        proc: subprocess.Popen | None = None
        crashes = 0
        try:
            while not self.done.is_set():
                k = self._bound()
                if k > self.ubound:
                    return
                best = self.tr.best_breaks()
                if best is not None and k >= best:
                    self._finish()  # the known schedule is optimal: nothing to ask
                    return
                if proc is None or proc.poll() is not None:
                    proc = self._spawn(name)
                with self._lock:
                    if self.done.is_set():
                        return
                    self._running[name] = (proc, k)
                try:
                    proc.stdin.write(f"{-self.tot.rhs[k]}\n")
                    proc.stdin.flush()
                    line = proc.stdout.readline()
                except (BrokenPipeError, OSError, ValueError):
                    line = ""
                with self._lock:
                    self._running.pop(name, None)
                if not line:  # killed (stale bound, or stopping) or crashed
                    if not self.done.is_set() and self._bound() <= k:
                        crashes += 1
                        if crashes > MAX_CRASHES:
                            self.tr.log(f"SAT {name}: worker keeps dying, given up")
                            return
                    proc = None
                    continue
                if line.startswith("UNSAT"):
                    self.tr.offer_bound(k + 1)
                    self.tr.log(f"SAT {name}: no schedule with <= {k} breaks")
                    continue
                slots = self.model.read([int(v) for v in line.split()[1:]])
                if sum(participant_breaks(self.ix, slots)) <= k:
                    self.found = (slots, k)
                    self.tr.log(f"SAT {name}: a schedule with <= {k} breaks (optimal)")
                    self._finish()
                    return
        finally:
            if proc is not None:
                _kill(proc)

    def _spawn(self, name: str) -> subprocess.Popen:
        cmd = [sys.executable, str(WORKER), name, self.path, str(self.upto), str(os.getpid())]
        return subprocess.Popen(
            cmd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            bufsize=1,
        )


def _kill(proc: subprocess.Popen) -> None:
    with contextlib.suppress(OSError):
        proc.kill()


__all__ = ["SatLadder"]
