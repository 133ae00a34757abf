"""Background work of the matching app (Django Tasks). Tasks take ids and stay thin."""

from __future__ import annotations

from django_tasks import task


@task()
def run_matchmaking(run_id: int) -> int:
    from samverkan.matching.runs import matchmaking_run_execute

    return matchmaking_run_execute(run_id=run_id).done


@task()
def send_saved_search_alerts() -> int:
    from samverkan.matching.services import saved_search_alerts_send

    return saved_search_alerts_send()
