"""Published benchmark instances: exact optima, infeasibility, and the shared checker."""

from __future__ import annotations

from sched_helpers import INSTANCES, needs_shared, run_checker

from samverkan.core.scheduling import SolveOptions, parse_dzn, solve, to_contract
from samverkan.core.scheduling.cli import run
from samverkan.core.scheduling.greedy import greedy
from samverkan.core.scheduling.indexed import compile_problem

pytestmark = needs_shared


def test_tic12_original_optimal_zero_breaks_and_checker_accepts(tmp_path):
    out = run(str(INSTANCES / "tic-12.original.dzn"), time_limit=30)
    assert out["status"] == "OPTIMAL"
    assert out["breaks"] == 0 and out["lower_bound"] == 0
    assert len(out["assignment"]) == 125
    run_checker(INSTANCES / "tic-12.original.dzn", out, tmp_path, expected="0")


def test_fixed_meetings_instance_reaches_published_optimum(tmp_path):
    path = INSTANCES / "tic-12.fixed020-Forb.dzn"
    pr = parse_dzn(path)
    res = solve(pr, SolveOptions(time_limit=30))
    assert res.status == "OPTIMAL"
    assert res.breaks == 1 == res.lower_bound
    run_checker(path, to_contract(pr, res), tmp_path, expected="1")


def test_precedences_instance_optimal(tmp_path):
    path = INSTANCES / "tic-12.prec15.dzn"
    pr = parse_dzn(path)
    res = solve(pr, SolveOptions(time_limit=30))
    assert res.status == "OPTIMAL" and res.breaks == 0
    slot = {p.meeting: p.slot for p in res.placements}
    for m in pr.meetings:
        for j in m.after:
            assert slot[j] < slot[m.id]
    run_checker(path, to_contract(pr, res), tmp_path, expected="0")


def test_infeasible_instance_is_proven_with_reason(tmp_path):
    path = INSTANCES / "tic-12.forb0003.dzn"
    out = run(str(path), time_limit=10)
    assert out["status"] == "INFEASIBLE"
    assert out["assignment"] == []
    assert any("participant 1 " in r for r in out["explanation"])
    run_checker(path, out, tmp_path, expected="INFEASIBLE")


def test_greedy_baseline_respects_hard_constraints():
    pr = parse_dzn(INSTANCES / "forum-13crafc.original.dzn")
    ix = compile_problem(pr)
    st = greedy(ix)
    seen: set[tuple[int, int]] = set()
    for m, t in enumerate(st.slot):
        if t < 0:
            continue
        assert t in ix.dom[m]
        for p in (ix.ma[m], ix.mb[m]):
            assert (p, t) not in seen
            seen.add((p, t))
    per_slot = [sum(1 for t in st.slot if t == s) for s in range(ix.n_slots)]
    assert max(per_slot) <= len(pr.tables)
