"""`samverkan programmes-survey-reminders`: send the follow-up surveys that are due and remind
invitees who have not answered.

Enqueues the reminder task for the worker (`samverkan db_worker`), or with `--now` runs it in
this process. Run it daily, e.g. from cron.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from samverkan.programmes.tasks import survey_reminders_send, surveys_due_send


class Command(BaseCommand):
    help = "Send due follow-up surveys and reminders for unanswered ones."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Run here instead of enqueuing.")

    def handle(self, *args, **options):
        if options["now"]:
            due = surveys_due_send.call()
            count = survey_reminders_send.call()
            self.stdout.write(f"{due} surveys sent, {count} reminders sent.")
        else:
            surveys_due_send.enqueue()
            result = survey_reminders_send.enqueue()
            self.stdout.write(f"Survey and reminder tasks enqueued ({result.id}).")
