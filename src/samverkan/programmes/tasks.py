"""Background mail for follow-up surveys. Tasks take ids and are enqueued after commit."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django_tasks import task


def enqueue(task_obj, *args) -> None:
    transaction.on_commit(lambda: task_obj.enqueue(*args))


@task()
def survey_invitation_send(invitation_id: int) -> bool:
    from samverkan.programmes.mail import survey_mail
    from samverkan.programmes.models import SurveyInvitation

    invitation = SurveyInvitation.objects.select_related(
        "questionnaire", "project", "organisation"
    ).get(pk=invitation_id)
    if invitation.sent_at is not None or invitation.responded_at is not None:
        return False
    survey_mail(invitation, reminder=False)
    SurveyInvitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now())
    return True


@task()
def survey_reminders_send() -> int:
    """Remind everyone who has not answered, `remind_after_days` after the last mail."""
    from samverkan.programmes.mail import survey_mail
    from samverkan.programmes.services.surveys import survey_reminders_due

    count = 0
    for invitation in survey_reminders_due():
        survey_mail(invitation, reminder=True)
        invitation.reminders_sent += 1
        invitation.last_reminded_at = timezone.now()
        invitation.save(update_fields=["reminders_sent", "last_reminded_at", "updated_at"])
        count += 1
    return count


@task()
def surveys_due_send() -> int:
    """Send follow-up surveys that are due (`send_after_days` after each activity)."""
    from samverkan.programmes.services.surveys import surveys_send_due

    return surveys_send_due()
