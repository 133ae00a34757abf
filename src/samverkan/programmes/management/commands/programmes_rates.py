"""`samverkan programmes-rates FILE [--dry-run]`: import exchange rates (date,from,to,rate)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from samverkan.programmes.services.programmes import exchange_rates_import


class Command(BaseCommand):
    help = "Import dated exchange rates from a CSV file (all or nothing; no network)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, **options):
        count, errors = exchange_rates_import(
            actor=None,
            text=options["file"].read_text(encoding="utf-8-sig"),
            dry_run=options["dry_run"],
        )
        if errors:
            raise CommandError("\n".join(errors))
        self.stdout.write(
            self.style.SUCCESS(f"{count} rates {'valid' if options['dry_run'] else 'imported'}.")
        )
