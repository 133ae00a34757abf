"""The annealer for large events (large.py) on small seeded synthetic events."""

from __future__ import annotations

import time

from sched_helpers import needs_shared, run_checker

from samverkan.core.scheduling import SolveOptions, parse_dzn_text, solve, to_contract
from samverkan.core.scheduling.greedy import greedy
from samverkan.core.scheduling.indexed import compile_problem, participant_breaks
from samverkan.core.scheduling.large import Annealer, _breaks, applicable
from samverkan.core.scheduling.synthetic import generate


def _event(seed: int = 4, scattered: bool = False):
    syn = generate(
        participants=120,
        slots=10,
        mean_meetings=6,
        seed=seed,
        fixed=4,
        precedences=6,
        scattered=scattered,
    )
    return syn, parse_dzn_text(syn.text, "syn")


def _violations(ix, slot: list[int]) -> list[str]:
    """Every hard rule the checker knows, recomputed from scratch."""
    out = []
    cap = len(ix.pool_tables[0])
    busy: set[tuple[int, int]] = set()
    load: dict[int, int] = {}
    for m, t in enumerate(slot):
        if t < 0:
            out.append(f"meeting {m} unplaced")
            continue
        if t not in ix.dom[m]:
            out.append(f"meeting {m} outside its domain")
        for p in (ix.ma[m], ix.mb[m]):
            if (p, t) in busy:
                out.append(f"participant {p} twice in slot {t}")
            busy.add((p, t))
        load[t] = load.get(t, 0) + 1
    out += [f"slot {t} over capacity" for t, n in load.items() if n > cap]
    out += [f"precedence {j}<{m}" for j, m in ix.preds if not slot[j] < slot[m]]
    h = participant_breaks(ix, slot)
    if max(h) - min(h) > ix.problem.fairness:
        out.append("fairness")
    return out


def test_break_count_of_a_mask_matches_the_definition():
    # .MM..M.. has 1 break, M...M.M. has 2 (slot 0 is the lowest bit).
    assert _breaks(0b00100110) == 1
    assert _breaks(0b01010001) == 2
    assert _breaks(0) == 0
    assert _breaks(0b1111) == 0


def test_annealer_places_everything_fairly_from_the_greedy_start():
    _, pr = _event()
    ix = compile_problem(pr)
    assert applicable(ix)
    start = greedy(ix)
    an = Annealer(ix, start, seed=1)
    best = an.run(time.perf_counter() + 3600, max_moves=60_000)
    assert best is not None
    assert _violations(ix, best) == []
    # The incremental bookkeeping agrees with a recount.
    h = participant_breaks(ix, an.slot)
    assert an.breaks == sum(h)
    assert an.h == h
    assert an.load == [sum(1 for t in an.slot if t == u) for u in range(ix.n_slots)]
    # Far fewer breaks than the first-free-slot baseline.
    assert sum(participant_breaks(ix, best)) < sum(participant_breaks(ix, start.slot)) / 2


def test_annealer_handles_a_scattered_plant():
    _, pr = _event(seed=7, scattered=True)
    ix = compile_problem(pr)
    an = Annealer(ix, greedy(ix), seed=2)
    best = an.run(time.perf_counter() + 3600, max_moves=60_000)
    assert best is not None
    assert _violations(ix, best) == []


@needs_shared
def test_large_path_output_passes_the_checker(tmp_path):
    syn, pr = _event(seed=11)
    path = tmp_path / "syn.dzn"
    path.write_text(syn.text)
    res = solve(pr, SolveOptions(time_limit=5, workers=1, method="lns"))
    assert res.status in ("FEASIBLE", "OPTIMAL")
    assert res.unscheduled == []
    assert len(res.placements) == len(pr.meetings)
    assert max(res.breaks_per_participant.values()) <= 2
    assert res.lower_bound is not None and res.lower_bound <= res.breaks
    run_checker(path, to_contract(pr, res), tmp_path)
