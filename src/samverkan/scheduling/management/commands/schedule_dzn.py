"""``samverkan schedule-dzn PATH --time-limit SECONDS``: one JSON object on stdout.

Thin wrapper around :mod:`samverkan.core.scheduling.cli`; it never touches the database."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from samverkan.core.scheduling.cli import process_age, run
from samverkan.core.scheduling.dzn import DznError


class Command(BaseCommand):
    help = "Schedule a B2B meeting instance (.dzn) and print the result as one JSON object."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser) -> None:
        parser.add_argument("path")
        parser.add_argument("--time-limit", type=float, default=60.0)
        parser.add_argument("--workers", type=int, default=None)
        parser.add_argument("--verbose-log", action="store_true", help="progress on stderr")

    def handle(self, *args, **opts) -> None:
        # Run as its own process (``samverkan schedule-dzn``), interpreter and OR-Tools start-up
        # count against the limit; called in-process (call_command) the process is older than
        # this call, so nothing is taken off.
        started = process_age() if getattr(self, "_called_from_command_line", False) else 0.0
        try:
            out = run(
                opts["path"],
                opts["time_limit"],
                opts["workers"],
                opts["verbose_log"],
                started_ago=started,
            )
        except (OSError, DznError) as exc:
            raise CommandError(f"cannot read {opts['path']}: {exc}") from exc
        # Write directly: the contract is exactly one JSON object on stdout.
        self.stdout.write(json.dumps(out))
