"""Matching demo data loads after the catalogue's and can run twice."""

import pytest
from django.core.management import call_command

from samverkan.matching.models import MatchmakingRun, RunStatus, SavedSearch

pytestmark = pytest.mark.django_db(transaction=True)


def test_demo_data_idempotent(monkeypatch):
    monkeypatch.setenv("SAMVERKAN_DEMO_PASSWORD", "demo-password-42")
    call_command("load_demo", only=["accounts", "catalog", "matching"])
    call_command("load_demo", only=["accounts", "catalog", "matching"])
    assert SavedSearch.objects.filter(user__email="sme@example.org").count() == 1
    run = MatchmakingRun.objects.get()
    assert run.status == RunStatus.DONE
    assert run.total > 100
    assert len(run.results) == 5 * run.total
