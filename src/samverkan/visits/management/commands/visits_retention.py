"""`samverkan visits-retention`: anonymise closed visit requests past the retention period."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from samverkan.visits import conf
from samverkan.visits.services.retention import visits_retention_run


class Command(BaseCommand):
    help = (
        "Remove personal data from declined, completed and cancelled visit requests older than "
        "SAMVERKAN_VISITS_RETENTION_DAYS (default 365). Use --enqueue to run it as a task."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="Override the period.")
        parser.add_argument(
            "--enqueue", action="store_true", help="Enqueue the task for the worker instead."
        )

    def handle(self, *args, days=None, enqueue=False, **options):
        if enqueue:
            from samverkan.visits.tasks import visits_retention

            result = visits_retention.enqueue()
            self.stdout.write(f"Enqueued task {result.id}.")
            return
        count = visits_retention_run(days=days)
        period = conf.retention_days() if days is None else days
        self.stdout.write(
            f"Anonymised {count} visit request(s) closed more than {period} days ago."
        )
