"""Demo data for matchmaking: a saved search for the demo SME and one finished matchmaking
run over the published demo catalogue. Idempotent; nothing here is e-mailed."""

from __future__ import annotations

from samverkan.accounts.models import User
from samverkan.catalog.models import Catalogue, Organisation
from samverkan.matching.models import MatchmakingRun, SavedSearch
from samverkan.matching.runs import matchmaking_run_create, matchmaking_run_execute
from samverkan.matching.services import saved_search_create

SEARCH_NAME = "Sensors and energy efficiency: partners in Finland"


def load_demo_data(*, password: str, stdout) -> None:
    sme = User.objects.filter(email="sme@example.org").first()
    company = Organisation.objects.filter(is_demo=True, memberships__user=sme).first()
    if sme and company and not SavedSearch.objects.filter(user=sme, name=SEARCH_NAME).exists():
        saved_search_create(
            actor=sme,
            data={
                "name": SEARCH_NAME,
                "organisation": company,
                "need": "sensors and monitoring for buildings, energy efficiency, distribution",
                "country": "FI",
                "alerts_enabled": True,
            },
        )
    operator = User.objects.filter(email="operator@example.org").first()
    catalogue = Catalogue.objects.filter(slug="cleantech-kvarken").first()
    if catalogue and not MatchmakingRun.objects.filter(catalogue=catalogue).exists():
        run = matchmaking_run_create(actor=operator, catalogue=catalogue, k=5)
        matchmaking_run_execute(run_id=run.pk)  # ready to browse; the queued task finds it done
    stdout.write("  matching: saved search for sme@example.org, matchmaking run for the catalogue")
