"""Adapter between the events models and the pure scheduling core.

`build_problem` turns an event's confirmed meetings into a `core.scheduling.Problem`;
`schedule_run_start` records a run and enqueues the `run_schedule` task; the task calls
`schedule_run_execute`, which solves in a child process (an OR-Tools abort must not kill the
task worker; the greedy quick schedule is the fallback) while this process writes the
solver's progress to the run row every half second, then stores the placements, explains
what stayed unscheduled and, after publication, notifies exactly the participants whose
agenda changed. Rescheduling first tries to fit late changes without moving anyone.

`build_problem` and the writing back of results live in `scheduling_adapter.py`, hand placement
and publishing in `agenda.py`; both are re-exported here so existing imports keep working.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import logging
import multiprocessing
import time
from datetime import datetime
from queue import Empty

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.common.services import audit_log_record
from samverkan.core import scheduling as core
from samverkan.events.models import Event, ScheduleRun
from samverkan.events.schedule_models import RunStatus
from samverkan.events.services.agenda import event_publish, meeting_fix, meeting_set_locked
from samverkan.events.services.bounds import breaks_lower_bound
from samverkan.events.services.scheduling_adapter import Prepared, _apply, build_problem

__all__ = [
    "RESCHEDULE_TIME_LIMIT",
    "Prepared",
    "build_problem",
    "event_publish",
    "meeting_fix",
    "meeting_set_locked",
    "schedule_run_execute",
    "schedule_run_start",
]

logger = logging.getLogger(__name__)

RESCHEDULE_TIME_LIMIT = 20


def schedule_run_start(
    *,
    actor,
    event: Event,
    reschedule: bool = False,
    reason: str = "",
    method: str = "auto",
    time_limit: int | None = None,
) -> ScheduleRun:
    """Record a run and enqueue the task once the current transaction commits."""
    if method not in {"auto", "exact", "lns", "greedy"}:
        raise ValidationError(_("Unknown scheduling method."))
    if not event.slots.exists() or not event.tables.exists():
        raise ValidationError(_("The event needs sessions and tables before scheduling."))
    run = ScheduleRun.objects.create(
        event=event,
        requested_by=actor if getattr(actor, "is_authenticated", False) else None,
        is_reschedule=reschedule,
        reason=reason,
        method=method,
        time_limit=time_limit or (RESCHEDULE_TIME_LIMIT if reschedule else 45),
    )
    audit_log_record(
        actor=actor, action="events.schedule_run_start", target=event, data={"run": run.pk}
    )
    from samverkan.events.tasks import run_schedule

    transaction.on_commit(lambda: run_schedule.enqueue(run.pk))
    return run


def _method(problem: core.Problem, requested: str) -> str:
    # The core's large-neighbourhood search (core/scheduling/lns.py) is referenced by
    # solve() for large events; until it exists, large events use one exact CP-SAT model
    # (time-limited, hinted with the greedy schedule) instead of failing on the import.
    if (
        requested in {"auto", "lns"}
        and importlib.util.find_spec("samverkan.core.scheduling.lns") is None
    ):
        return "exact"
    return requested


def _child(problem: core.Problem, options: core.SolveOptions, queue) -> None:
    """Runs in a child process: solve and send progress and the result back."""
    options.progress = lambda progress: queue.put(("progress", progress))
    result = core.solve(problem, options)
    queue.put(("result", result))


def _solve_isolated(run: ScheduleRun, problem: core.Problem, time_limit: float) -> core.Result:
    """Solve in a child process and copy its progress to the run row every half second.

    The solver runs out of process because CP-SAT can abort the whole process on an internal
    check (seen with this OR-Tools build); a crash then fails over to the core's greedy quick
    schedule instead of killing the task worker. The child never touches the database.
    """
    method = _method(problem, run.method)
    static_bound = breaks_lower_bound(problem)
    ScheduleRun.objects.filter(pk=run.pk).update(lower_bound=static_bound)
    if method == "greedy":
        return core.solve(problem, core.SolveOptions(time_limit=time_limit, method="greedy"))
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    options = core.SolveOptions(time_limit=time_limit, method=method)  # type: ignore[arg-type]
    child = ctx.Process(target=_child, args=(problem, options, queue), daemon=True)
    child.start()
    result = None
    deadline = time.monotonic() + time_limit + 120
    while result is None:
        try:
            kind, payload = queue.get(timeout=0.5)
        except Empty:
            if not child.is_alive() or time.monotonic() > deadline:
                break
            continue
        if kind == "result":
            result = payload
        else:
            ScheduleRun.objects.filter(pk=run.pk).update(
                best_breaks=payload.breaks,
                lower_bound=max(payload.lower_bound or 0, static_bound),
                unscheduled_count=payload.unscheduled,
                scheduled_count=len(problem.meetings) - payload.unscheduled,
                moved_count=payload.moved,
            )
    child.join(timeout=5)
    if child.is_alive():
        child.kill()
    if result is None:
        logger.error("scheduling run %s: solver process ended with %s", run.pk, child.exitcode)
        run.message = _(
            "The optimiser stopped unexpectedly (exit code %(code)s); the quick schedule "
            "(first free slot) was used instead."
        ) % {"code": child.exitcode}
        result = core.solve(problem, core.SolveOptions(time_limit=time_limit, method="greedy"))
    return result


def _keep_previous(problem: core.Problem) -> core.Problem:
    """The published schedule with every placed meeting pinned: only new or unplaced
    meetings may go somewhere (no moves at all)."""
    placed = {p.meeting: p for p in problem.previous or []}
    meetings = [
        dataclasses.replace(m, fixed_slot=placed[m.id].slot, fixed_table=placed[m.id].table)
        if m.id in placed
        else m
        for m in problem.meetings
    ]
    return dataclasses.replace(problem, meetings=meetings, previous=None)


def _solve_with_progress(run: ScheduleRun, prepared: Prepared, started: float) -> core.Result:
    problem = prepared.problem
    # The run's time limit covers the whole run: what building the problem took and a reserve
    # for storing the placements (about a second per 250 meetings) come off the solver's time.
    reserve = len(problem.meetings) / 250
    limit = max(5.0, run.time_limit - (time.monotonic() - started) - reserve)
    if problem.previous is None:
        return _solve_isolated(run, problem, limit)
    # Rescheduling: first try without moving anything; when that places every meeting it is
    # optimal for the order (unplaced, moves). Otherwise let the core's minimal-disruption
    # reschedule move meetings, and keep whichever answer is better in that order.
    first_pass = time.monotonic()
    kept = _solve_isolated(run, _keep_previous(problem), limit / 2)
    kept.moved = []
    if not kept.unscheduled and kept.placements:
        return kept
    left = max(5.0, limit - (time.monotonic() - first_pass))
    moved = _solve_isolated(run, problem, left)

    def quality(result: core.Result) -> tuple[int, int, int]:
        if not result.placements:
            return (len(problem.meetings) + 1, 0, 0)
        return (len(result.unscheduled), len(result.moved), result.breaks or 0)

    return min([kept, moved], key=quality)


def schedule_run_execute(*, run_id: int, now: datetime | None = None) -> ScheduleRun:
    started = time.monotonic()
    run = ScheduleRun.objects.select_related("event").get(pk=run_id)
    if run.status != RunStatus.QUEUED:
        return run
    run.status = RunStatus.RUNNING
    run.started_at = timezone.now()
    run.save(update_fields=["status", "started_at", "updated_at"])
    try:
        prepared = build_problem(event=run.event, reschedule=run.is_reschedule, now=now)
        run.meetings_total = len(prepared.meetings)
        run.save(update_fields=["meetings_total", "updated_at"])
        if prepared.meetings and prepared.slots:
            result = _solve_with_progress(run, prepared, started)
            _apply(run, prepared, result)
        else:
            run.message = _("There are no meetings to schedule.")
            run.solver_status = "OPTIMAL"
    except Exception as error:  # the run row must say what happened; the log has the trace
        logger.exception("scheduling run %s failed", run.pk)
        run.status = RunStatus.FAILED
        run.message = str(error)[:2000]
    else:
        run.status = RunStatus.DONE
    run.finished_at = timezone.now()
    run.save()
    return run
