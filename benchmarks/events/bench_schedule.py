"""Benchmark: a large fair (700 participants, 2,500 meetings) scheduled the way the web does it.

    .venv/bin/python benchmarks/events/bench_schedule.py [--participants 700] [--meetings 2500]

Builds a private SQLite database under a temporary directory (never your development data),
creates a two-day event with sessions and tables, registers the participants and books the
meetings in bulk (set-up is not what is measured), then times `schedule_run_start` → the
`run_schedule` task → `schedule_run_execute` exactly as the "Run the scheduler" button does
(with the immediate task backend, so the run happens inside this process). It prints the
wall-clock seconds and the quality of the result: scheduled/unscheduled meetings, breaks
(idle slots between a participant's first and last meeting), the proven lower bound, and the
progress records written while the solver ran.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--participants", type=int, default=700)
    parser.add_argument("--meetings", type=int, default=2500)
    parser.add_argument("--tables", type=int, default=100)
    parser.add_argument("--time-limit", type=int, default=45)
    parser.add_argument("--method", default="auto")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="samverkan-bench-"))
    os.environ["SAMVERKAN_DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    os.environ["SAMVERKAN_VAR_DIR"] = str(tmp)
    os.environ["SAMVERKAN_EMAIL_URL"] = "dummy://"
    os.environ["SAMVERKAN_TASKS_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverkan.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    run = build_and_schedule(args)
    print(f"database: {tmp / 'bench.sqlite3'}")
    return run


def build_and_schedule(args):
    import datetime as dt

    from django.db import transaction

    from samverkan.accounts.models import Membership, User
    from samverkan.catalog.models import Organisation
    from samverkan.events.models import Meeting, Participant, ScheduleRun
    from samverkan.events.services import scheduling, setup

    rng = random.Random(args.seed)
    operator = User.objects.create_user("bench-operator@example.org", is_operator=True)
    organiser = Organisation.objects.create(
        name="Bench cluster", slug="bench-cluster", kind="cluster", country="SE"
    )
    event = setup.event_create(
        actor=operator,
        organiser=organiser,
        name="Large fair",
        venue="Umeå",
        time_zone="Europe/Stockholm",
        start_date=dt.date(2031, 5, 13),
        end_date=dt.date(2031, 5, 14),
        fairness=None,
    )
    for day in (dt.date(2031, 5, 13), dt.date(2031, 5, 14)):
        setup.session_create(
            actor=operator,
            event=event,
            date=day,
            start_time=dt.time(9, 0),
            end_time=dt.time(12, 0),
            meeting_minutes=20,
            break_minutes=5,
        )
        setup.session_create(
            actor=operator,
            event=event,
            date=day,
            start_time=dt.time(13, 0),
            end_time=dt.time(17, 0),
            meeting_minutes=20,
            break_minutes=5,
        )
    setup.tables_create(actor=operator, event=event, count=args.tables)
    setup.event_open(actor=operator, event=event)

    n = args.participants
    orgs = Organisation.objects.bulk_create(
        Organisation(
            name=f"Company {i:04d}",
            slug=f"company-{i:04d}",
            country=rng.choice(["SE", "FI", "EE", "LV"]),
        )
        for i in range(n)
    )
    users = User.objects.bulk_create(
        User(email=f"p{i}@example.org", full_name=f"Person {i}") for i in range(n)
    )
    Membership.objects.bulk_create(
        Membership(user=u, organisation=o, role="owner") for u, o in zip(users, orgs, strict=True)
    )
    participants = Participant.objects.bulk_create(
        Participant(event=event, organisation=o, user=u) for u, o in zip(users, orgs, strict=True)
    )
    # Some participants are not available for part of the event (half a day).
    slots = list(event.slots.order_by("starts_at"))
    through = Participant.unavailable_slots.through
    rows = []
    for p in participants:
        if rng.random() < 0.15:
            half = rng.choice([slots[: len(slots) // 4], slots[-len(slots) // 4 :]])
            rows += [through(participant_id=p.pk, slot_id=s.pk) for s in half]
    through.objects.bulk_create(rows)
    # Popular exhibitors get more requests (skewed degrees), at most 14 meetings each.
    weights = [1.0 / (1 + i) ** 0.3 for i in range(n)]
    pairs: set[tuple[int, int]] = set()
    degree = [0] * n
    while len(pairs) < args.meetings:
        a, b = rng.choices(range(n), weights=weights, k=2)
        if a == b or degree[a] >= 14 or degree[b] >= 14:
            continue
        key = (min(a, b), max(a, b))
        if key in pairs:
            continue
        pairs.add(key)
        degree[a] += 1
        degree[b] += 1
    Meeting.objects.bulk_create(
        Meeting(event=event, participant_a=participants[a], participant_b=participants[b])
        for a, b in pairs
    )
    print(
        f"event: {len(participants)} participants, {len(pairs)} meetings, {len(slots)} slots, "
        f"{args.tables} tables, max meetings per participant {max(degree)}"
    )

    started = time.perf_counter()
    with transaction.atomic():
        run = scheduling.schedule_run_start(
            actor=operator, event=event, method=args.method, time_limit=args.time_limit
        )
    # transaction.on_commit ran the task (immediate backend), exactly as after the web form.
    elapsed = time.perf_counter() - started
    run = ScheduleRun.objects.get(pk=run.pk)
    print(f"seconds (web path, from button to stored schedule): {elapsed:.1f}")
    print(
        f"run status: {run.status} / solver {run.solver_status}; solver seconds {run.seconds:.1f}"
    )
    total, unscheduled = run.meetings_total, run.unscheduled_count
    print(f"scheduled: {run.scheduled_count} of {total}; unscheduled {unscheduled}")
    print(f"breaks: {run.best_breaks}; proven lower bound: {run.lower_bound}; gap: {run.gap}")
    if run.message:
        print(f"message: {run.message}")
    placed = Meeting.objects.filter(event=event, slot__isnull=False).count()
    print(f"meetings with a slot in the database: {placed}")
    return run


if __name__ == "__main__":
    main()
