"""``schedule-dzn`` shared by ``python -m samverkan.core.scheduling`` and the Django command."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence

from .dzn import DznError, parse_dzn, to_contract
from .model import SolveOptions
from .solve import solve

# Process start-up is measured (process_age) and taken off the budget; model building after
# the clock, JSON output and stopping the solver threads are not, so keep this much of the
# caller's limit (share and seconds) in reserve. Measured at load 13-15 with start-up counted
# and 20 %: wall 48-49 s for a 60 s limit, i.e. 11 s unused; 10 % leaves ~5 s of margin.
SAFETY = 0.1
RESERVE = 2.0


def process_age() -> float:
    """Seconds since this process started (Linux /proc; 0 elsewhere). Importing OR-Tools (which
    imports pandas) took 14 s of wall time at load 14, all of it before ``run`` starts."""
    try:
        with open("/proc/self/stat") as f:
            start_ticks = int(f.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime") as f:
            uptime = float(f.read().split()[0])
        return max(0.0, uptime - start_ticks / os.sysconf("SC_CLK_TCK"))
    except (OSError, ValueError, IndexError):
        return 0.0


def run(
    path: str,
    time_limit: float,
    workers: int | None = None,
    verbose: bool = False,
    started_ago: float = 0.0,
) -> dict:
    """Solve one .dzn file and return the output-contract object. ``started_ago``: seconds
    already spent before the call (process start-up), taken off the solver's budget."""
    t0 = time.perf_counter()
    problem = parse_dzn(path)

    def log(msg: str) -> None:
        print(msg, file=sys.stderr)

    spent = started_ago + time.perf_counter() - t0
    budget = max(0.5, time_limit * (1 - SAFETY) - RESERVE - spent)
    opts = SolveOptions(time_limit=budget, workers=workers, log=log if verbose else None)
    result = solve(problem, opts)
    result.seconds = time.perf_counter() - t0
    return to_contract(problem, result)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="schedule-dzn", description="Schedule a B2B .dzn instance")
    ap.add_argument("path")
    ap.add_argument("--time-limit", type=float, default=60.0)
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--verbose", action="store_true", help="log progress to stderr")
    a = ap.parse_args(argv)
    try:
        out = run(a.path, a.time_limit, a.workers, a.verbose, started_ago=process_age())
    except (OSError, DznError) as exc:
        print(f"schedule-dzn: cannot read {a.path}: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(out))
    return 0
