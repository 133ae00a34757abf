"""The SAT ladder (satladder.py) and its worker process (satworker.py)."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import time

from sched_helpers import INSTANCES, needs_shared, run_checker
from test_sched_bound import _one_break_problem

from samverkan.core.scheduling import SolveOptions, parse_dzn, solve
from samverkan.core.scheduling.cpsat_search import State
from samverkan.core.scheduling.dzn import to_contract
from samverkan.core.scheduling.indexed import compile_problem, participant_breaks
from samverkan.core.scheduling.satladder import WORKER, SatLadder
from samverkan.core.scheduling.solve import Tracker


def _tracker(ix, lb: int | None = 0) -> Tracker:
    tr = Tracker(ix, SolveOptions(time_limit=30), time.perf_counter())
    tr.lb = lb
    return tr


def test_worker_answers_one_line_per_call_and_keeps_the_formula(tmp_path):
    # (x1 or x2) and (not x1 or x3): satisfiable; assuming -x2 and -x3 it is not.
    path = tmp_path / "f.pickle"
    path.write_bytes(pickle.dumps([[1, 2], [-1, 3]]))
    proc = subprocess.run(
        [sys.executable, str(WORKER), "mcb", str(path), "3"],
        input="-2 -3\n-2\n\n",
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    lines = proc.stdout.splitlines()
    assert lines[0] == "UNSAT"
    assert lines[1] == "SAT 1 3"  # x2 false forces x1, which forces x3
    assert lines[2].startswith("SAT")


def test_ladder_proves_the_bound_and_returns_an_optimal_schedule():
    ix = compile_problem(_one_break_problem())
    tr = _tracker(ix, lb=0)
    ladder = SatLadder(ix, tr).start()
    assert ladder.done.wait(60)
    found = ladder.finish()
    assert found is not None
    slots, k = found
    assert k == 1
    assert sum(participant_breaks(ix, slots)) == 1
    assert tr.lb == 1  # "no schedule without a break" was proven on the way
    assert not os.path.exists(ladder.path)


def test_ladder_stops_when_a_known_schedule_meets_the_bound():
    ix = compile_problem(_one_break_problem())
    # a meets b in slot 0, c in slot 2 and d in slot 3 (d is away in slot 1); d meets e in 2.
    optimal = [0, 2, 3, 2]
    assert sum(participant_breaks(ix, optimal)) == 1
    tr = _tracker(ix, lb=1)  # proven elsewhere: the known schedule is optimal
    tr.best = State(optimal, [0] * 4)
    hooks: list[str] = []
    ladder = SatLadder(ix, tr)
    ladder.on_done(lambda: hooks.append("stopped"))
    ladder.start()
    assert ladder.done.wait(10)
    assert ladder.finish() is None  # nothing better to find; the tracker's schedule stands
    assert hooks == ["stopped"]


@needs_shared
def test_solve_proves_tic_13crafc_optimal_through_the_ladder(tmp_path):
    path = INSTANCES / "tic-13crafc.original.dzn"
    problem = parse_dzn(path)
    result = solve(problem, SolveOptions(time_limit=55))
    assert result.status == "OPTIMAL"
    assert result.breaks == result.lower_bound == 4
    run_checker(path, to_contract(problem, result), tmp_path, expected="4")


def test_ladder_climbs_below_the_participant_count_when_nobody_is_idle():
    """With everyone in two or more meetings the CNF's "at most d breaks each" is the fairness
    rule only for totals below the number of participants; the ladder stops there."""
    from samverkan.core.scheduling import Meeting, Participant, Problem, Slot, Table
    from samverkan.core.scheduling.satladder import MAX_K, _k_limit

    ps = [Participant(name) for name in "abc"]
    ms = [Meeting(1, "a", "b"), Meeting(2, "b", "c"), Meeting(3, "a", "c")]
    busy = Problem(ps, [Slot(i) for i in range(4)], [Table("t")], ms)
    assert _k_limit(compile_problem(busy)) == 2
    assert _k_limit(compile_problem(_one_break_problem())) == MAX_K  # e has one meeting


def _pigeonhole(holes: int) -> list[list[int]]:
    """holes + 1 pigeons in ``holes`` holes: unsatisfiable and very slow for CDCL solvers."""

    def var(p: int, h: int) -> int:
        return p * holes + h + 1

    clauses = [[var(p, h) for h in range(holes)] for p in range(holes + 1)]
    for h in range(holes):
        for p in range(holes + 1):
            for q in range(p + 1, holes + 1):
                clauses.append([-var(p, h), -var(q, h)])
    return clauses


def test_worker_dies_with_its_parent_even_in_the_middle_of_a_solve(tmp_path):
    path = tmp_path / "php.pickle"
    path.write_bytes(pickle.dumps(_pigeonhole(13)))
    pid_file = tmp_path / "worker.pid"
    parent = (
        "import os, subprocess, sys, time\n"
        f"w = subprocess.Popen([sys.executable, {str(WORKER)!r}, 'mcb', {str(path)!r}, '1',"
        " str(os.getpid())], stdin=subprocess.PIPE, text=True)\n"
        f"open({str(pid_file)!r}, 'w').write(str(w.pid))\n"
        "w.stdin.write('\\n'); w.stdin.flush()\n"
        "time.sleep(1.5)\n"
        "os._exit(0)\n"  # the parent goes away without stopping its worker
    )
    subprocess.run([sys.executable, "-c", parent], check=True, timeout=60)
    worker = int(pid_file.read_text())
    for _ in range(50):
        if not _alive(worker):
            break
        time.sleep(0.1)
    assert not _alive(worker)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
