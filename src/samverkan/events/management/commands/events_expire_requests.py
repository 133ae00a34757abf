"""`samverkan events-expire-requests`: expire pending meeting requests past their deadline.

Run it periodically (cron, systemd timer); the pages also expire requests lazily on read.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from samverkan.events.services.meetings import meeting_requests_expire


class Command(BaseCommand):
    help = "Expire pending meeting requests whose expiry time has passed."

    def handle(self, *args, **options):
        count = meeting_requests_expire()
        self.stdout.write(f"{count} meeting request(s) expired.")
