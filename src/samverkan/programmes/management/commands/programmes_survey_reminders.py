"""`samverkan programmes-survey-reminders`: remind survey invitees who have not answered.

Enqueues the reminder task for the worker (`samverkan db_worker`), or with `--now` runs it in
this process. Run it daily, e.g. from cron.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from samverkan.programmes.tasks import survey_reminders_send


class Command(BaseCommand):
    help = "Send due reminders for unanswered follow-up surveys."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Run here instead of enqueuing.")

    def handle(self, *args, **options):
        if options["now"]:
            count = survey_reminders_send.call()
            self.stdout.write(f"{count} reminders sent.")
        else:
            result = survey_reminders_send.enqueue()
            self.stdout.write(f"Reminder task enqueued ({result.id}).")
