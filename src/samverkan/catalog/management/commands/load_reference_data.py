"""`samverkan load-reference-data`: countries, EU/EFTA, NUTS 2024 and NACE Rev. 2.1, offline."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction

from samverkan.catalog.reference import reference_data_load


class Command(BaseCommand):
    help = "Load or refresh the catalogue's reference data from packaged files (no network)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Compare and refresh every row, not only counts."
        )

    def handle(self, *args, **options):
        with transaction.atomic():
            counts = reference_data_load(force=options["force"])
        for name, count in counts.items():
            self.stdout.write(f"  {name}: {count}")
        self.stdout.write(self.style.SUCCESS("Reference data loaded."))
