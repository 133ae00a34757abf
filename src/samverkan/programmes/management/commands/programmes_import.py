"""`samverkan programmes-import FILE [--dry-run]`: import projects and partners from a CSV in
the shape of the public Interreg participation lists (see docs/programmes.md)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from samverkan.programmes.services.imports import projects_import


class Command(BaseCommand):
    help = "Import projects and partners from a CSV file (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Check only.")

    def handle(self, *args, **options):
        text = options["file"].read_text(encoding="utf-8-sig")
        report = projects_import(actor=None, text=text, dry_run=options["dry_run"])
        self.stdout.write(
            f"rows {report.rows}, new projects {len(report.projects_created)}, partners "
            f"{report.partners_set}, matched {report.organisations_matched}, new organisations "
            f"{len(report.organisations_created)}"
        )
        for line in report.possible_duplicates:
            self.stdout.write(self.style.WARNING(line))
        if report.errors:
            raise CommandError("\n".join(report.errors))
        self.stdout.write(self.style.SUCCESS("Dry run: valid." if report.dry_run else "Imported."))
