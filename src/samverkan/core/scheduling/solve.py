"""Entry point: :func:`solve` picks the method, enforces the time limit and builds the Result."""

from __future__ import annotations

import time

from .cpsat import Builder, State, default_workers
from .explain import infeasibility_reasons, quick_lower_bound
from .greedy import greedy
from .indexed import Indexed, compile_problem, participant_breaks, placements
from .maxsat import applicable as maxsat_applicable
from .maxsat_race import ZERO_PROBE, MaxSatRace
from .model import Problem, Progress, Result, SolveOptions
from .satladder import applicable as ladder_applicable

# Above this many (meeting, slot) pairs one CP-SAT model over the whole event is too slow to
# build and search within a minute on two cores; large-neighbourhood search takes over.
EXACT_LIMIT = 60_000
# Up to this many (meeting, slot) pairs the MaxSAT prover races CP-SAT (its CNF is built in
# Python: about 2 s for 3,000 pairs).
MAXSAT_LIMIT = 12_000
# The same size limit for the SAT ladder: at 25,000 pairs (300 participants) building its CNF
# took ~10 s of the annealer's time and the schedules got worse (27 breaks instead of 24).
LADDER_LIMIT = MAXSAT_LIMIT


def fairness_ok(ix: Indexed, slot: list[int]) -> bool:
    d = ix.problem.fairness
    if d is None:
        return True
    h = participant_breaks(ix, slot)
    return max(h, default=0) - min(h, default=0) <= d


def is_complete(ix: Indexed, st: State) -> bool:
    return all(t >= 0 for t in st.slot)


class Tracker:
    """Keeps the best state, reports progress, and knows the deadline."""

    def __init__(self, ix: Indexed, opts: SolveOptions, t0: float) -> None:
        self.ix, self.opts, self.t0 = ix, opts, t0
        self.deadline = t0 + opts.time_limit
        self.best: State | None = None
        self.lb: int | None = None

    def left(self) -> float:
        return self.deadline - time.perf_counter()

    def log(self, msg: str) -> None:
        if self.opts.log:
            self.opts.log(f"[{time.perf_counter() - self.t0:6.2f}s] {msg}")

    def offer_bound(self, lb: int) -> None:
        """A proven lower bound on the breaks (any thread)."""
        self.lb = max(self.lb or 0, lb)

    def best_breaks(self) -> int | None:
        best = self.best
        return None if best is None else sum(participant_breaks(self.ix, best.slot))

    def at_bound(self) -> bool:
        """The best schedule's breaks meet the proven lower bound: it is optimal."""
        breaks = self.best_breaks()
        return breaks is not None and self.lb is not None and breaks <= self.lb

    def offer_slots(self, slots: list[int], lb: int | None = None) -> None:
        """Offer a schedule given as slots only (one table pool; tables are numbered later)."""
        self.offer(State(list(slots), [0 if t >= 0 else -1 for t in slots]), lb)

    def offer(self, st: State, lb: int | None = None) -> None:
        if lb is not None:
            self.lb = max(self.lb or 0, lb)
        if self.best is None or score(self.ix, st) < score(self.ix, self.best):
            self.best = State(list(st.slot), list(st.pool))
            if self.opts.progress:
                un = sum(1 for t in st.slot if t < 0)
                self.opts.progress(
                    Progress(
                        seconds=time.perf_counter() - self.t0,
                        breaks=sum(participant_breaks(self.ix, st.slot)),
                        lower_bound=self.lb,
                        unscheduled=un,
                        moved=len(moved(self.ix, st)),
                    )
                )


def moved(ix: Indexed, st: State) -> list[int]:
    return [
        m for m in range(ix.n_meetings) if ix.prev_slot[m] >= 0 and st.slot[m] != ix.prev_slot[m]
    ]


def shares_ok(ix: Indexed, slot: list[int]) -> bool:
    """Every SME gets its guaranteed minimum number of meetings."""
    return all(
        sum(1 for m in ms if slot[m] >= 0) >= need
        for ms, need in zip(ix.meetings_of, ix.min_share, strict=True)
        if need
    )


def score(ix: Indexed, st: State) -> tuple[int, int, int, int]:
    """Lexicographic quality: (hard rule violated, unplaced priority, moves, breaks)."""
    un = sum(ix.weight[m] for m in range(ix.n_meetings) if st.slot[m] < 0)
    hard = fairness_ok(ix, st.slot) and shares_ok(ix, st.slot)
    return (0 if hard else 1, un, len(moved(ix, st)), sum(participant_breaks(ix, st.slot)))


def solve(problem: Problem, options: SolveOptions | None = None) -> Result:
    """Schedule ``problem``; never exceeds ``options.time_limit`` by more than model overhead.

    Returns the best schedule found with a proven lower bound on its breaks; INFEASIBLE comes
    with an explanation naming the participant, meeting or slot that cannot fit."""
    opts = options or SolveOptions()
    t0 = time.perf_counter()
    ix = compile_problem(problem)
    tr = Tracker(ix, opts, t0)
    reasons = infeasibility_reasons(ix)
    if reasons:
        return _finish(tr, "INFEASIBLE", None, reasons, "precheck")
    workers = opts.workers or default_workers()
    g = greedy(ix)
    if (
        fairness_ok(ix, g.slot)
        and shares_ok(ix, g.slot)
        and (is_complete(ix, g) or problem.allow_unscheduled)
    ):
        tr.offer(g)
    if opts.method == "greedy":
        return _finish(tr, "FEASIBLE" if tr.best else "UNKNOWN", None, [], "greedy", st=g)
    if not problem.allow_unscheduled:
        tr.lb = quick_lower_bound(ix)
    if not problem.allow_unscheduled and ix.single_pool and not problem.previous:
        # A quick constructive start (urgency sweep, Kempe chains, relocation moves): a valid
        # schedule here both answers at once and is the exact solver's hint.
        from .kempe import kempe_repair
        from .local import relocate
        from .sweep import sweep

        budget = min(1.0, 0.05 * tr.left())
        st = relocate(
            ix,
            kempe_repair(ix, sweep(ix, opts.seed), opts.seed),
            time.perf_counter() + budget,
            opts.seed,
        )
        if is_complete(ix, st) and fairness_ok(ix, st.slot):
            tr.offer(st)
    size = sum(len(d) for d in ix.dom)
    if opts.method == "lns" or (opts.method == "auto" and size > EXACT_LIMIT):
        from .lns import run_lns

        status = run_lns(ix, tr, g, workers, opts.seed)
        return _finish(tr, status, None, [], "lns")
    if opts.method == "auto" and size <= LADDER_LIMIT and ladder_applicable(ix):
        return _plain(ix, tr, g, workers, opts.seed)
    if opts.method == "auto":
        # Events too large for the ladder but not for one CP-SAT model. Measured on generated
        # events (110 participants / 618 meetings, before the ladder covered them): CP-SAT
        # alone found no complete schedule in 40 s; with the annealer's as its hint it has one.
        _pre_anneal(ix, tr, g, opts.seed)
    return _exact(ix, tr, workers, opts.seed)


# The CP-SAT zero-break probe gets at most ZERO_PROBE seconds (maxsat_race.py) and a quarter
# of the time left. Measured: "no schedule without breaks" in 0.3-0.4 s on forum-13crafc and
# ticf-13crafc, where the SAT solvers need 2-24 s.
# Share of the time left after annealing in which CP-SAT runs beside the ladder. Measured on
# forum-13crafc (idle machine): CP-SAT beside the ladder all along, optimum proven at 45 s;
# the ladder alone until the last 30 %, at 35-48 s.
CPSAT_SHARE = 0.15
# Seconds of annealing beside the ladder (its schedule is the answer if no proof comes). With
# 6 s of annealing and CP-SAT in the last 15 % the ladder proved forum-13crafc in 35-39 s,
# with 20 s and 30 % in 42-48 s (one run of five missed it); the annealer still reaches 3-5
# breaks there.
ANNEAL_BESIDE_LADDER = 6.0


def _plain(ix: Indexed, tr: Tracker, start: State, workers: int, seed: int) -> Result:
    """Plain events (the benchmark's problem): the SAT ladder (satladder.py) climbs from the
    proven lower bound in two processes from the start, while this thread runs the CP-SAT
    zero-break probe, a short annealing run for a good schedule and then the exact CP-SAT
    model hinted with it. The first proof of optimality ends everything."""
    from .satladder import SatLadder

    if tr.at_bound():
        return _finish(tr, "FEASIBLE", None, [], "sweep")  # the quick start meets the bound
    try:
        ladder = SatLadder(ix, tr).start()
    except (OSError, ValueError, RuntimeError) as exc:  # an accelerator: go on without it
        tr.log(f"SAT ladder not started: {exc!r}")
        _pre_anneal(ix, tr, start, seed)
        return _exact(ix, tr, workers, seed)
    try:
        _probe_zero(ix, tr, ladder)
        if not ladder.done.is_set():
            _pre_anneal(ix, tr, start, seed, stop=ladder.done.is_set, seconds=ANNEAL_BESIDE_LADDER)
        if not ladder.done.is_set() and not tr.at_bound():
            # Two cores: the ladder's processes get them to themselves for a while, then one
            # CP-SAT worker joins to improve the annealer's schedule.
            ladder.wait(time.perf_counter() + (1 - CPSAT_SHARE) * tr.left())
        if not ladder.done.is_set() and not tr.at_bound():
            return _exact(ix, tr, workers, seed, ladder=ladder)
    finally:
        _collect(ladder, tr)
    return _finish(tr, "FEASIBLE", None, [], "satladder")


def _collect(ladder, tr: Tracker) -> None:
    """Stop the ladder and hand its optimal schedule (if any) to the tracker."""
    found = ladder.finish()
    if found is not None:
        slots, k = found
        tr.offer_slots(slots, k)


def _probe_zero(ix: Indexed, tr: Tracker, ladder) -> None:
    from .bound import bound_model

    if tr.lb:
        return
    budget = min(ZERO_PROBE, 0.25 * tr.left())
    if budget < 0.5:
        return
    probe = bound_model(ix, 0)
    ladder.on_done(probe.stop)
    out = probe.solve(budget, 1)
    if out.status == "INFEASIBLE":
        tr.offer_bound(1)
        tr.log("zero-break probe: every schedule has a break")
    elif out.state is not None:
        tr.offer(out.state, 0)
        tr.log("zero-break probe: a schedule without breaks")


# Seconds of annealing before the exact race on plain events. Measured on forum-13crafc (idle
# machine): the exact race alone ends at 9 breaks in 60 s, the annealer reaches 2-3 breaks in
# 5-14 s; its schedule becomes CP-SAT's hint while the bound search proves the lower bound.
PRE_ANNEAL_SECONDS = 20.0


class _AtLowerBound(Exception):
    def __init__(self, slots: list[int]) -> None:
        self.slots = slots


def _pre_anneal(
    ix: Indexed, tr: Tracker, start: State, seed: int, stop=None, seconds: float | None = None
) -> None:
    from .large import Annealer, applicable

    if not applicable(ix):
        return
    if tr.at_bound():
        return  # already optimal
    budget = min(PRE_ANNEAL_SECONDS if seconds is None else seconds, 0.35 * tr.left())
    if budget < 1.0:
        return
    annealer = Annealer(ix, tr.best if tr.best is not None else start, seed)
    target = tr.lb or 0

    def on_best(found: list[int]) -> None:
        if sum(participant_breaks(ix, found)) <= target:
            raise _AtLowerBound(list(found))  # nothing better exists: stop annealing

    try:
        slots = annealer.run(time.perf_counter() + budget, on_best, should_stop=stop)
    except _AtLowerBound as done:
        slots = done.slots
    if slots is not None:
        tr.offer_slots(slots)
        tr.log(f"pre-anneal: {sum(participant_breaks(ix, slots))} breaks")


def _exact(ix: Indexed, tr: Tracker, workers: int, seed: int, ladder=None) -> Result:
    b = Builder(ix)
    if tr.best is not None:
        b.hint(tr.best)
    elif ix.problem.previous:
        b.hint(
            State(
                list(ix.prev_slot),
                [ix.pools_of[m][0] if ix.pools_of[m] else -1 for m in range(ix.n_meetings)],
            )
        )
    size = sum(len(d) for d in ix.dom)
    race = None
    if ladder is None and size <= MAXSAT_LIMIT and maxsat_applicable(ix):
        race = MaxSatRace(ix, tr, b)
    if ladder is not None:
        # The ladder's two processes prove the bound; one CP-SAT worker looks for schedules
        # beside them (2 cores). Measured on forum-13crafc: with two workers the ladder's
        # optimum came at 50 s, with one at 45 s.
        workers = 1
        ladder.on_done(b.stop)

    def on_sol(st: State, obj: int, bound: int) -> None:
        tr.offer(st, bound if b.breaks_only else None)
        tr.log(f"solution objective={obj} bound={bound}")
        if race is not None:
            race.incumbent(obj)
        if b.breaks_only and tr.lb is not None and obj <= tr.lb:
            b.stop()  # meets a proven bound: optimal

    if race is not None:
        # CP-SAT gets at most two workers next to the prover's thread. Measured on tic-13crafc
        # at load 5-8: 4 workers + RC2 ended FEASIBLE 6 (bound 3) in 48 s, 2 workers + RC2
        # OPTIMAL 4 in 39 s (RC2's proof; CP-SAT itself still reached 5).
        workers = min(workers, 2)
        race.start()
    try:
        out = b.solve(tr.left(), workers, seed, on_sol)
    finally:
        proof = race.finish() if race is not None else None
        if ladder is not None:
            _collect(ladder, tr)
    tr.log(f"CP-SAT {out.status} objective={out.objective} bound={out.bound}")
    if out.state is not None:
        tr.offer(out.state, out.bound if out.breaks_only else None)
    if proof is not None and proof.status == "INFEASIBLE":
        out.status = "INFEASIBLE"
    if out.status == "INFEASIBLE":
        from .explain_deep import explain_infeasible

        return _finish(tr, "INFEASIBLE", None, explain_infeasible(ix, tr.left()), "cpsat")
    if proof is not None and proof.status == "OPTIMAL":
        return _finish(tr, "OPTIMAL", None, [], "maxsat", proven=True)
    if out.status == "OPTIMAL":
        return _finish(tr, "OPTIMAL", None, [], "cpsat", proven=True)
    method = "satladder" if ladder is not None and ladder.found is not None else "cpsat"
    if tr.best is not None:
        return _finish(tr, "FEASIBLE", None, [], method)
    return _finish(tr, "UNKNOWN", None, [], method)


def _finish(
    tr: Tracker,
    status: str,
    lb: int | None,
    reasons: list[str],
    method: str,
    st: State | None = None,
    proven: bool = False,
) -> Result:
    """Build the Result. A schedule that misses a mandatory meeting or breaks a hard rule is
    never reported as a solution: the status is then UNKNOWN and ``placements`` /
    ``unscheduled`` describe the best partial schedule (useful for a human to finish)."""
    ix = tr.ix
    pr = ix.problem
    st = st or tr.best
    res = Result(status=status, explanation=reasons, method=method)  # type: ignore[arg-type]
    res.seconds = time.perf_counter() - tr.t0
    if status == "INFEASIBLE" or st is None:
        res.status = "INFEASIBLE" if status == "INFEASIBLE" else "UNKNOWN"
        res.lower_bound = tr.lb if res.status == "UNKNOWN" else None
        return res
    res.placements, missing = placements(ix, st.slot)
    gone = set(missing)
    slot = [-1 if m in gone else t for m, t in enumerate(st.slot)]
    h = participant_breaks(ix, slot)
    res.breaks = sum(h)
    res.breaks_per_participant = {pr.participants[p].id: v for p, v in enumerate(h)}
    res.unscheduled = [pr.meetings[m].id for m in gone]
    res.moved = [pr.meetings[m].id for m in moved(ix, State(slot, st.pool))]
    if proven:
        res.lower_bound = res.breaks if _breaks_only(ix) else tr.lb
    else:
        res.lower_bound = min(tr.lb, res.breaks) if tr.lb is not None else None
    valid = fairness_ok(ix, slot) and shares_ok(ix, slot)
    valid = valid and (pr.allow_unscheduled or not res.unscheduled)
    if not valid:
        res.status = "UNKNOWN"
        if not res.explanation:
            res.explanation = [
                f"no valid schedule found in time; best partial schedule leaves "
                f"{len(res.unscheduled)} meetings unplaced"
                + ("" if fairness_ok(ix, slot) else " and breaks the fairness rule")
            ]
    elif status == "UNKNOWN":
        res.status = "FEASIBLE"
    lb_done = res.lower_bound is not None and res.lower_bound >= res.breaks
    if res.status != "UNKNOWN" and _breaks_only(ix) and lb_done:
        res.status = "OPTIMAL"
    res.seconds = time.perf_counter() - tr.t0
    return res


def _breaks_only(ix: Indexed) -> bool:
    return not ix.problem.allow_unscheduled and not any(t >= 0 for t in ix.prev_slot)
