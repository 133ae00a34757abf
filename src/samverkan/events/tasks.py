"""Background work of the events app (Django Tasks). Tasks take ids and stay thin."""

from __future__ import annotations

from django_tasks import task


@task()
def run_schedule(run_id: int) -> int:
    from samverkan.events.services.scheduling import schedule_run_execute

    return schedule_run_execute(run_id=run_id).pk


@task()
def expire_requests() -> int:
    from samverkan.events.services.meetings import meeting_requests_expire

    return meeting_requests_expire()


@task()
def send_followups() -> int:
    from samverkan.events.services.feedback import followups_send

    return followups_send()
