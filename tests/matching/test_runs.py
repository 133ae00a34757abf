"""Operators' matchmaking runs: background task, progress page, CSV/XLSX export."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from samverkan.catalog.models import Catalogue
from samverkan.matching.models import MatchmakingRun, RunStatus
from samverkan.matching.runs import matchmaking_run_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(catalogue_orgs):
    catalogue = Catalogue.objects.create(slug="kvarken", titles={"en": "Cleantech Kvarken"})
    catalogue.organisations.set(catalogue_orgs)
    return catalogue


def test_run_ranks_every_company_within_catalogue(
    operator, catalogue, fibre, distributor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run = matchmaking_run_create(actor=operator, catalogue=catalogue, k=2)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE
    assert (run.total, run.done) == (3, 3)
    firsts = {r["seeker_id"]: r["org_id"] for r in run.results if r["rank"] == 1}
    assert firsts[fibre.pk] == distributor.pk
    assert firsts[distributor.pk] == fibre.pk
    assert all(r["seeker_id"] != r["org_id"] for r in run.results)


def test_operator_pages_and_exports(
    client, operator, catalogue, fibre, distributor, django_capture_on_commit_callbacks
):
    client.force_login(operator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("matching:run-list"),
            {"catalogue": catalogue.pk, "k": 3, "companies_only": "on"},
        )
    run = MatchmakingRun.objects.get()
    assert response.status_code == 302
    page = client.get(reverse("matching:run-detail", args=[run.pk])).content.decode()
    assert distributor.name in page
    csv_body = client.get(reverse("matching:run-export", args=[run.pk, "csv"])).content
    lines = csv_body.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Company,Company country,Rank,Suggested partner")
    assert len(lines) == 1 + len(run.results)
    xlsx = client.get(reverse("matching:run-export", args=[run.pk, "xlsx"])).content
    sheet = load_workbook(io.BytesIO(xlsx)).active
    assert sheet.max_row == 1 + len(run.results)
    assert sheet["A2"].value == run.results[0]["seeker"]


def test_form_requires_scope(client, operator):
    client.force_login(operator)
    response = client.post(reverse("matching:run-list"), {"k": 3})
    assert response.status_code == 200
    assert "Choose a catalogue or an event." in response.content.decode()
    assert MatchmakingRun.objects.count() == 0


def test_members_cannot_run_matchmaking(client, sme, catalogue):
    client.force_login(sme)
    assert client.get(reverse("matching:run-list")).status_code == 403
    response = client.post(reverse("matching:run-list"), {"catalogue": catalogue.pk, "k": 3})
    assert response.status_code == 403
    assert MatchmakingRun.objects.count() == 0


def test_event_run_uses_registration_offers_and_needs(
    operator, fibre, distributor, bakery, django_capture_on_commit_callbacks
):
    import datetime

    from django.apps import apps

    from tests.factories import UserFactory

    Event = apps.get_model("events", "Event")
    Participant = apps.get_model("events", "Participant")
    event = Event.objects.create(
        name="Kvarken B2B",
        slug="kvarken-b2b",
        organiser=bakery,
        start_date=datetime.date(2026, 12, 1),
        end_date=datetime.date(2026, 12, 1),
    )
    for org in (fibre, distributor, bakery):
        Participant.objects.create(event=event, organisation=org, user=UserFactory())
    Participant.objects.filter(organisation=bakery).update(need="fibre optic sensors")
    with django_capture_on_commit_callbacks(execute=True):
        run = matchmaking_run_create(actor=operator, event_id=event.pk, k=1)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE
    assert run.label == str(event)
    assert run.total == 3
    firsts = {r["seeker_id"]: r["org_id"] for r in run.results}
    assert firsts[fibre.pk] == distributor.pk
