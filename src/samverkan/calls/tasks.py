"""Background mail of the calls workflow. Tasks take ids and run after commit."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from samverkan.calls import notifications


@task()
def application_notify(application_id: int, kind: str) -> int:
    from samverkan.calls.models import Application

    application = Application.objects.select_related("call", "created_by").get(pk=application_id)
    return notifications.application_event_mail(application, kind)


@task()
def decision_letter_send(decision_id: int) -> int:
    from samverkan.calls.models import Decision

    decision = Decision.objects.select_related("application__call", "application__created_by").get(
        pk=decision_id
    )
    if decision.letter_sent_at is not None:
        return 0
    sent = notifications.decision_letter_mail(decision)
    Decision.objects.filter(pk=decision.pk).update(letter_sent_at=timezone.now())
    return sent


@task()
def reviewer_notify(reviewer_id: int, count: int) -> None:
    from samverkan.calls.models import Reviewer

    reviewer = Reviewer.objects.select_related("user", "call").get(pk=reviewer_id)
    notifications.assignment_mail(reviewer, count, reviewer.call)


def enqueue(task_obj, *args) -> None:
    transaction.on_commit(lambda: task_obj.enqueue(*args))
