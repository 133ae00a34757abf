"""`samverkan recommend --catalog C.jsonl --queries Q.jsonl --k 10`: the evaluation contract.

Thin wrapper over samverkan.core.matching: it reads JSONL files, never the database, and skips
system checks so start-up stays fast.
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from samverkan.core.matching.__main__ import add_recommend_arguments, run_recommend


class Command(BaseCommand):
    help = "Rank partner organisations for each query of a JSONL file (one JSON line per query)."
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: ArgumentParser) -> None:
        add_recommend_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        run_recommend(
            options["catalog"],
            options["queries"],
            k=options["k"],
            weights=options["weights"],
            explain=options["explain"],
            learn_weights=options["learn"],
            out=self.stdout,
            err=self.stderr,
        )
