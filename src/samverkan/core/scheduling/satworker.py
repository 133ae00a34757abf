"""One SAT solver in its own process, driven by satladder.py.

Standalone on purpose (standard library and python-sat only): importing the package would
import OR-Tools, seconds of start-up, and a process is the only way to stop CaDiCaL, which
neither releases the GIL nor takes an interrupt from python-sat.

Usage: ``python satworker.py SOLVER CLAUSES.pickle UPTO [PARENT_PID]``. Every line on stdin
holds the assumption literals of one call; every answer is one line on stdout: ``UNSAT`` or ``SAT``
followed by the true variables among ``1..UPTO`` (the meeting-slot variables). The learned
clauses stay between calls (incremental solving).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys

from pysat.solvers import Solver


def _die_with_parent(parent: int | None) -> None:
    """Linux: be killed with the thread that started us. A solver call can run for minutes
    holding the GIL, so no watchdog thread here could notice an orphaned worker."""
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if parent is not None and os.getppid() != parent:
        os._exit(0)  # the parent died before prctl took effect


def main(argv: list[str]) -> int:
    name, path, upto = argv[1], argv[2], int(argv[3])
    _die_with_parent(int(argv[4]) if len(argv) > 4 else None)
    with open(path, "rb") as f:
        clauses = pickle.load(f)  # written by our own parent process
    with Solver(name=name, bootstrap_with=clauses) as solver:
        for line in sys.stdin:
            assumptions = [int(v) for v in line.split()]
            if solver.solve(assumptions=assumptions):
                model = solver.get_model() or []
                true = " ".join(str(v) for v in model[:upto] if v > 0)
                sys.stdout.write(f"SAT {true}\n")
            else:
                sys.stdout.write("UNSAT\n")
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
