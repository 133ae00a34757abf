"""Adapter between the events models and the pure scheduling core.

`build_problem` turns an event's confirmed meetings into a `core.scheduling.Problem`;
`schedule_run_start` records a run and enqueues the `run_schedule` task; the task calls
`schedule_run_execute`, which solves in a child process (an OR-Tools abort must not kill the
task worker; the greedy quick schedule is the fallback) while this process writes the
solver's progress to the run row every half second, then stores the placements, explains
what stayed unscheduled and, after publication, notifies exactly the participants whose
agenda changed. Rescheduling first tries to fit late changes without moving anyone.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import logging
import multiprocessing
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from queue import Empty

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.common.services import audit_log_record
from samverkan.core import scheduling as core
from samverkan.events.models import (
    Event,
    EventStatus,
    Meeting,
    MeetingStatus,
    Participant,
    ScheduleRun,
    Slot,
    Table,
)
from samverkan.events.schedule_models import RunStatus
from samverkan.events.services.bounds import breaks_lower_bound
from samverkan.events.services.mail import notify_on_commit

logger = logging.getLogger(__name__)

RESCHEDULE_TIME_LIMIT = 20


@dataclass
class Prepared:
    problem: core.Problem
    meetings: list[Meeting]
    slots: list[Slot]
    tables: list[Table]
    unavailable: dict[int, set[int]]


def build_problem(*, event: Event, reschedule: bool, now: datetime | None = None) -> Prepared:
    """The event as a core Problem. When rescheduling only future slots take part, meetings
    already held stay as they are, and current placements are the `previous` schedule."""
    now = now or timezone.now()
    slots = list(event.slots.order_by("starts_at"))
    if reschedule:
        slots = [s for s in slots if s.starts_at > now]
    slot_ids = {s.pk for s in slots}
    tables = list(event.tables.order_by("number"))
    meetings = [
        m
        for m in Meeting.objects.filter(event=event, status=MeetingStatus.CONFIRMED).select_related(
            "participant_a__user",
            "participant_b__user",
            "participant_a__organisation",
            "participant_b__organisation",
            "slot",
        )
        if m.slot_id is None or m.slot_id in slot_ids
    ]
    pids = {m.participant_a_id for m in meetings} | {m.participant_b_id for m in meetings}
    unavailable: dict[int, set[int]] = defaultdict(set)
    through = Participant.unavailable_slots.through.objects.filter(participant_id__in=pids)
    for pid, sid in through.values_list("participant_id", "slot_id"):
        if sid in slot_ids:
            unavailable[pid].add(sid)
    companies = {m.participant_a_id: m.participant_a.organisation_id for m in meetings}
    companies |= {m.participant_b_id: m.participant_b.organisation_id for m in meetings}
    problem = core.Problem(
        participants=[
            core.Participant(
                id=pid, company=companies[pid], unavailable=frozenset(unavailable[pid])
            )
            for pid in sorted(pids)
        ],
        slots=[core.Slot(id=s.pk, session=str(s.session_id)) for s in slots],
        tables=[core.Table(id=t.pk, type=t.kind) for t in tables],
        meetings=[
            core.Meeting(
                id=m.pk,
                a=m.participant_a_id,
                b=m.participant_b_id,
                fixed_slot=m.slot_id if m.is_locked else None,
                fixed_table=m.table_id if m.is_locked else None,
            )
            for m in meetings
        ],
        fairness=event.fairness,
        allow_unscheduled=True,
        previous=None,
        name=event.name,
    )
    if reschedule:
        problem.previous = [
            core.Placement(meeting=m.pk, slot=m.slot_id, table=m.table_id)
            for m in meetings
            if m.slot_id is not None and m.table_id is not None
        ]
    return Prepared(problem, meetings, slots, tables, unavailable)


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


@transaction.atomic
def _apply(run: ScheduleRun, prepared: Prepared, result: core.Result) -> None:
    if result.status in {"UNKNOWN", "INFEASIBLE"} and not result.placements:
        run.solver_status = result.status
        run.seconds = result.seconds
        run.message = "\n".join(result.explanation) or _(
            "No schedule was found within the time limit."
        )
        return
    before = {m.pk: (m.slot_id, m.table_id) for m in prepared.meetings}
    placed = {p.meeting: (p.slot, p.table) for p in result.placements}
    busy: dict[int, set[int]] = defaultdict(set)
    per_slot: dict[int, int] = defaultdict(int)
    for meeting in prepared.meetings:
        slot_id, table_id = placed.get(meeting.pk, (None, None))
        meeting.slot_id, meeting.table_id = slot_id, table_id
        if slot_id is not None:
            busy[meeting.participant_a_id].add(slot_id)
            busy[meeting.participant_b_id].add(slot_id)
            per_slot[slot_id] += 1
    for meeting in prepared.meetings:
        meeting.unscheduled_reason = (
            "" if meeting.slot_id else _explain(meeting, prepared, busy, per_slot)
        )
    Meeting.objects.bulk_update(prepared.meetings, ["slot", "table", "unscheduled_reason"])
    run.solver_status = result.status
    run.seconds = result.seconds
    run.scheduled_count = len(placed)
    run.unscheduled_count = len(prepared.meetings) - len(placed)
    run.moved_count = len(result.moved)
    run.best_breaks = result.breaks
    # The core's proven bound when it has one, and the relaxation's (never absent).
    own = breaks_lower_bound(prepared.problem, set(placed))
    run.lower_bound = max(result.lower_bound or 0, own)
    audit_log_record(
        actor=run.requested_by,
        action="events.schedule_apply",
        target=run.event,
        data={"run": run.pk, "scheduled": run.scheduled_count, "moved": run.moved_count},
    )
    if run.event.published_at is not None:
        changed = [m for m in prepared.meetings if before[m.pk] != (m.slot_id, m.table_id)]
        _notify_changes(run.event, changed, before)


def _explain(meeting: Meeting, prepared: Prepared, busy, per_slot) -> str:
    a, b = meeting.participant_a_id, meeting.participant_b_id
    common = [
        s.pk
        for s in prepared.slots
        if s.pk not in prepared.unavailable[a] and s.pk not in prepared.unavailable[b]
    ]
    if not common:
        return _("The two participants have no time slot in which both are available.")
    free = [s for s in common if s not in busy[a] and s not in busy[b]]
    if not free:
        return _(
            "All %(count)s slots in which both are available are taken by their other meetings."
        ) % {"count": len(common)}
    if all(per_slot[s] >= len(prepared.tables) for s in free):
        return _("Every table is taken in the slots in which both are free.")
    return _(
        "Placing it would break the fairness rule or was not found within the time limit; "
        "fix it by hand or run the scheduler again."
    )


def _notify_changes(event: Event, changed: list[Meeting], before) -> None:
    slots = {s.pk: s for s in event.slots.all()}
    tables = {t.pk: t for t in event.tables.all()}
    per_participant: dict[int, list[dict]] = defaultdict(list)
    parties: dict[int, Participant] = {}
    for meeting in changed:
        old_slot, old_table = before[meeting.pk]
        for participant in (meeting.participant_a, meeting.participant_b):
            parties[participant.pk] = participant
            per_participant[participant.pk].append(
                {
                    "other": meeting.other(participant),
                    "old_slot": slots.get(old_slot),
                    "old_table": tables.get(old_table),
                    "new_slot": slots.get(meeting.slot_id),
                    "new_table": tables.get(meeting.table_id),
                }
            )
    for pid, changes in per_participant.items():
        participant = parties[pid]
        notify_on_commit(
            user=participant.user,
            template="agenda_changed",
            context={"event": event, "participant": participant, "changes": changes},
        )


@transaction.atomic
def meeting_fix(*, actor, meeting: Meeting, slot: Slot, table: Table) -> Meeting:
    """Place a meeting by hand and lock it so the scheduler keeps it there."""
    event = meeting.event
    if meeting.status != MeetingStatus.CONFIRMED:
        raise ValidationError(_("Only confirmed meetings can be placed."))
    if slot.event_id != event.pk or table.event_id != event.pk:
        raise ValidationError(_("Choose a slot and a table of this event."))
    others = Meeting.objects.filter(event=event, status=MeetingStatus.CONFIRMED, slot=slot).exclude(
        pk=meeting.pk
    )
    if others.filter(table=table).exists():
        raise ValidationError(_("Another meeting is already at this table in this slot."))
    parties = [meeting.participant_a_id, meeting.participant_b_id]
    if others.filter(Q(participant_a__in=parties) | Q(participant_b__in=parties)).exists():
        raise ValidationError(_("One of the participants already has a meeting in this slot."))
    if Participant.unavailable_slots.through.objects.filter(
        participant_id__in=parties, slot=slot
    ).exists():
        raise ValidationError(_("One of the participants is not available in this slot."))
    before = {meeting.pk: (meeting.slot_id, meeting.table_id)}
    meeting.slot, meeting.table, meeting.is_locked = slot, table, True
    meeting.unscheduled_reason = ""
    meeting.save(update_fields=["slot", "table", "is_locked", "unscheduled_reason", "updated_at"])
    audit_log_record(
        actor=actor, action="events.meeting_fix", target=meeting, data={"slot": slot.pk}
    )
    if event.published_at is not None and before[meeting.pk] != (slot.pk, table.pk):
        _notify_changes(event, [meeting], before)
    return meeting


def meeting_set_locked(*, actor, meeting: Meeting, locked: bool) -> Meeting:
    if locked and meeting.slot_id is None:
        raise ValidationError(_("Only a scheduled meeting can be locked."))
    meeting.is_locked = locked
    meeting.save(update_fields=["is_locked", "updated_at"])
    audit_log_record(
        actor=actor, action="events.meeting_lock", target=meeting, data={"locked": locked}
    )
    return meeting


@transaction.atomic
def event_publish(*, actor, event: Event, now: datetime | None = None) -> Event:
    """Publish the agendas: every participant with meetings gets an e-mail with the link."""
    if not Meeting.objects.filter(
        event=event, status=MeetingStatus.CONFIRMED, slot__isnull=False
    ).exists():
        raise ValidationError(_("Run the scheduler before publishing: no meeting has a slot."))
    event.published_at = now or timezone.now()
    event.status = EventStatus.PUBLISHED
    event.save(update_fields=["published_at", "status", "updated_at"])
    audit_log_record(actor=actor, action="events.event_publish", target=event)
    ids = set(
        Meeting.objects.filter(event=event, status=MeetingStatus.CONFIRMED).values_list(
            "participant_a_id", "participant_b_id"
        )
    )
    pids = {pid for pair in ids for pid in pair}
    for participant in Participant.objects.filter(pk__in=pids).select_related("user"):
        notify_on_commit(
            user=participant.user,
            template="agenda_published",
            context={"event": event, "participant": participant},
        )
    return event
