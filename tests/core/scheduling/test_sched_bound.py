"""Bottom-up bound search (bound.py) and the ``schedule-dzn`` Django command."""

from __future__ import annotations

import json
import subprocess
import sys

from django.core.management import call_command
from sched_helpers import INSTANCES, needs_shared, run_checker

from samverkan.core.scheduling import (
    Meeting,
    Participant,
    Problem,
    Slot,
    SolveOptions,
    Table,
    solve,
)
from samverkan.core.scheduling.bound import bound_model
from samverkan.core.scheduling.indexed import compile_problem, participant_breaks


def _one_break_problem() -> Problem:
    """``a`` meets ``b`` (free only in slot 0), ``c`` (free only in slot 2) and ``d``; the
    optimum is one break (a: slots 0 and 2, d fits either side)."""
    ps = [
        Participant("a"),
        Participant("b", unavailable=frozenset({1, 2, 3})),
        Participant("c", unavailable=frozenset({0, 1, 3})),
        Participant("d", unavailable=frozenset({1})),
        Participant("e"),
    ]
    slots = [Slot(i) for i in range(4)]
    tables = [Table("t1"), Table("t2")]
    ms = [
        Meeting(1, "a", "b"),
        Meeting(2, "a", "c"),
        Meeting(3, "a", "d"),
        Meeting(4, "d", "e"),
    ]
    return Problem(ps, slots, tables, ms)


def _status(b) -> str:
    return b.solve(10, 1).status


def test_bound_model_is_infeasible_below_and_feasible_at_the_optimum():
    ix = compile_problem(_one_break_problem())
    assert _status(bound_model(ix, 0)) == "INFEASIBLE"
    out = bound_model(ix, 1).solve(10, 1)
    assert out.status in ("OPTIMAL", "FEASIBLE")
    assert sum(participant_breaks(ix, out.state.slot)) == 1


def test_solve_returns_optimal_with_breaks_equal_to_the_lower_bound():
    res = solve(_one_break_problem(), SolveOptions(time_limit=20, workers=1))
    assert res.status == "OPTIMAL"
    assert res.breaks == res.lower_bound == 1
    assert res.breaks_per_participant == {"a": 1, "b": 0, "c": 0, "d": 0, "e": 0}


@needs_shared
def test_schedule_dzn_command_prints_one_valid_json_object(tmp_path, capsys):
    path = INSTANCES / "tic-12.original.dzn"
    call_command("schedule_dzn", str(path), "--time-limit", "20")
    out = json.loads(capsys.readouterr().out)
    assert out["status"] == "OPTIMAL"
    run_checker(path, out, tmp_path, expected="0")


@needs_shared
def test_schedule_dzn_command_line_prints_one_json_object(tmp_path):
    """Run as its own process, start-up counts against the limit; stdout is one object."""
    path = INSTANCES / "tic-12.original.dzn"
    cmd = [sys.executable, "-m", "samverkan", "schedule-dzn", str(path), "--time-limit", "30"]
    res = subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=120)
    assert res.returncode == 0, res.stderr[-2000:]
    out = json.loads(res.stdout)
    assert out["status"] in ("OPTIMAL", "FEASIBLE")
    run_checker(path, out, tmp_path)
