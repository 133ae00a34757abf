"""The scheduling adapter: runs, progress record, grid, fixing, publishing, rescheduling."""

from __future__ import annotations

import pytest

from samverkan.events.models import Meeting, ScheduleRun
from samverkan.events.services import meetings, scheduling

pytestmark = pytest.mark.django_db


def _meet(operator, event, a, b):
    return meetings.meeting_create(actor=operator, event=event, participant_a=a, participant_b=b)


def test_run_places_all_meetings_without_double_booking(
    event, operator, make_participant, django_capture_on_commit_callbacks
):
    people = [make_participant() for _ in range(4)]
    for i, a in enumerate(people):
        for b in people[i + 1 :]:
            _meet(operator, event, a, b)
    with django_capture_on_commit_callbacks(execute=True):
        run = scheduling.schedule_run_start(actor=operator, event=event)
    run.refresh_from_db()
    assert (run.status, run.scheduled_count, run.unscheduled_count) == ("done", 6, 0)
    assert run.solver_status in {"OPTIMAL", "FEASIBLE"}
    placed = list(Meeting.objects.filter(event=event))
    assert all(m.slot_id and m.table_id for m in placed)
    seen = set()
    for m in placed:
        for pid in (m.participant_a_id, m.participant_b_id):
            assert (pid, m.slot_id) not in seen
            seen.add((pid, m.slot_id))
    assert ScheduleRun.objects.count() == 1
    print("SECONDS", run.seconds, run.solver_status, run.best_breaks, run.lower_bound)


def test_run_reports_a_lower_bound_and_the_gap(
    event, operator, make_participant, django_capture_on_commit_callbacks
):
    people = [make_participant() for _ in range(5)]
    away = event.slots.order_by("starts_at")[2]
    people[0].unavailable_slots.add(away)  # runs of 2 and 3 slots: four meetings need both
    for b in people[1:]:
        _meet(operator, event, people[0], b)
    with django_capture_on_commit_callbacks(execute=True):
        run = scheduling.schedule_run_start(actor=operator, event=event, method="greedy")
    run.refresh_from_db()
    assert run.scheduled_count == 4
    assert run.lower_bound == 1
    assert run.gap == run.best_breaks - 1 >= 0
