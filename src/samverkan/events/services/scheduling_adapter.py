"""Between the events models and the scheduling core: the Problem in, the placements out."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.common.services import audit_log_record
from samverkan.core import scheduling as core
from samverkan.events.models import (
    Event,
    Meeting,
    MeetingStatus,
    Participant,
    ScheduleRun,
    Slot,
    Table,
)
from samverkan.events.services.bounds import breaks_lower_bound
from samverkan.events.services.mail import notify_on_commit


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
