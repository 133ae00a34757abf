"""`samverkan load-demo`: load the seeds' programmes, organisations and demo logins.

Idempotent: running it again updates the same rows. Each app contributes its part in a
`demo.py` module with a `load_demo_data(*, stdout)` function, in INSTALLED_APPS order.
"""

from __future__ import annotations

import importlib
import os
import secrets

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Load (or refresh) the demo data: seeds' organisations and two demo logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--only",
            nargs="+",
            metavar="APP",
            help="Load only these apps' demo data (app labels, e.g. accounts catalog).",
        )

    def handle(self, *args, only: list[str] | None = None, **options):
        password = os.environ.get("SAMVERKAN_DEMO_PASSWORD") or secrets.token_urlsafe(12)
        context = {"password": password, "stdout": self.stdout}
        for config in apps.get_app_configs():
            if not config.name.startswith("samverkan."):
                continue
            if only and config.label not in only:
                continue
            try:
                module = importlib.import_module(f"{config.name}.demo")
            except ModuleNotFoundError as error:
                if error.name == f"{config.name}.demo":
                    continue
                raise
            with transaction.atomic():
                module.load_demo_data(**context)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write("Demo logins (invented people):")
        self.stdout.write(f"  operator@example.org / {password}")
        self.stdout.write(f"  sme@example.org / {password}")
