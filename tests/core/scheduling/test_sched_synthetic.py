"""Synthetic generator and the large-event path (neighbourhood search) on a small event."""

from __future__ import annotations

from sched_helpers import needs_shared, run_checker

from samverkan.core.scheduling import SolveOptions, parse_dzn_text, solve, to_contract
from samverkan.core.scheduling.synthetic import generate


@needs_shared
def test_generated_event_is_feasible_and_gets_scheduled(tmp_path):
    syn = generate(participants=60, slots=8, mean_meetings=5, seed=3, fixed=3, precedences=3)
    path = tmp_path / "syn.dzn"
    path.write_text(syn.text)
    pr = parse_dzn_text(syn.text, "syn")
    assert len(pr.meetings) == syn.n_meetings
    # The planted schedule satisfies every hard constraint except possibly fairness.
    planted = {
        "instance": "syn",
        "status": "FEASIBLE",
        "breaks": None,
        "lower_bound": None,
        "seconds": 0,
        "assignment": [],
    }
    per_slot: dict[int, int] = {}
    for m, t in enumerate(syn.planted_slots, 1):
        per_slot[t] = per_slot.get(t, 0) + 1
        planted["assignment"].append({"meeting": m, "slot": t, "table": per_slot[t]})
    from subprocess import run as sp_run

    out = tmp_path / "planted.json"
    import json
    import sys

    from sched_helpers import CHECKER

    planted["breaks"] = int(
        sp_run(
            [sys.executable, str(CHECKER), "breaks", str(path), "-"],
            input=json.dumps(planted),
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    out.write_text(json.dumps(planted))
    rep = sp_run(
        [sys.executable, str(CHECKER), "check", str(path), str(out), "--fairness", "-1"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert rep.returncode == 0, rep.stdout
    res = solve(pr, SolveOptions(time_limit=6, workers=2))
    assert res.status in ("FEASIBLE", "OPTIMAL")
    assert not res.unscheduled
    run_checker(path, to_contract(pr, res), tmp_path)


def test_large_event_path_never_reports_an_invalid_schedule():
    # The neighbourhood-search path (used above 60,000 meeting-slot pairs) on a small event:
    # whatever it reaches in a few seconds, a reported schedule is clash-free and complete.
    syn = generate(participants=80, slots=8, mean_meetings=5, seed=5, fixed=2, precedences=2)
    pr = parse_dzn_text(syn.text, "syn")
    res = solve(pr, SolveOptions(time_limit=4, workers=1, method="lns"))
    busy: set[tuple[int, int]] = set()
    meetings = {m.id: m for m in pr.meetings}
    for pl in res.placements:
        m = meetings[pl.meeting]
        for p in (m.a, m.b):
            assert (p, pl.slot) not in busy
            busy.add((p, pl.slot))
    if res.status in ("FEASIBLE", "OPTIMAL"):
        assert not res.unscheduled and len(res.placements) == len(pr.meetings)
        assert max(res.breaks_per_participant.values()) <= 2
    else:
        assert res.status == "UNKNOWN" and res.explanation
