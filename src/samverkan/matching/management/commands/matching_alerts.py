"""`samverkan matching-alerts`: e-mail saved-search owners about newly matching organisations.

Run it from cron (e.g. daily), or with `--enqueue` to hand the work to the task worker.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Send e-mail alerts for saved partner searches with new matches."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue", action="store_true", help="Queue a background task instead of running now."
        )

    def handle(self, *args, **options):
        if options["enqueue"]:
            from samverkan.matching.tasks import send_saved_search_alerts

            result = send_saved_search_alerts.enqueue()
            self.stdout.write(f"Queued task {result.id}.")
            return
        from samverkan.matching.services import saved_search_alerts_send

        sent = saved_search_alerts_send()
        self.stdout.write(f"{sent} alert e-mail(s) sent.")
