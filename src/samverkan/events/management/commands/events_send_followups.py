"""`samverkan events-send-followups`: send the follow-up survey for events that ended
`followup_months` ago (idempotent; run daily)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from samverkan.events.services.feedback import followups_send


class Command(BaseCommand):
    help = "Send the follow-up survey (did a contract result?) for held meetings."

    def handle(self, *args, **options):
        count = followups_send()
        self.stdout.write(f"{count} follow-up survey(s) sent.")
