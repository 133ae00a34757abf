from datetime import date
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from samverkan.programmes.models import Activity, BusinessOutcome, ExchangeRate, IndicatorEntry
from samverkan.programmes.services import activities as services
from samverkan.programmes.services import programmes as programme_services
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy_project(project, indicators, companies, eur_sek):
    event = services.activity_create(
        actor=None,
        project=project,
        kind="matchmaking",
        title="Matchmaking Vaasa",
        starts_on=date(2017, 3, 15),
        participants=[companies["se1"], companies["fi1"]],
    )
    services.meeting_record(
        actor=None, activity=event, organisation_a=companies["se1"], organisation_b=companies["fi1"]
    )
    services.outcome_record(
        actor=None,
        project=project,
        organisation=companies["se1"],
        kind="contract",
        country="CA",
        amount="93500",
        currency="SEK",
        happened_on=date(2017, 6, 1),
    )
    programme_services.contribution_add(
        actor=None,
        project=project,
        fund=None,
        funder=companies["uni"],
        amount="935000",
        currency="SEK",
    )
    programme_services.expenditure_add(
        actor=None, project=project, spent_on=date(2016, 6, 1), amount="25000", currency="EUR"
    )
    return project


def test_public_pages(client, programme, busy_project):
    assert client.get("/programmes/").status_code == 200
    response = client.get(f"/programmes/{programme.slug}/")
    assert "Cleantech Kvarken" in response.content.decode()
    response = client.get(f"/programmes/projects/{busy_project.slug}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "North Sweden Cleantech" in body and "Lead partner" in body
    # 935 000 SEK at 9.35 = 100 000 EUR, with the rate shown
    assert "100\u00a0000.00 EUR" in body
    assert "1 EUR = 9.35 SEK" in body


def test_dashboard_needs_operator_or_partner_member(
    client, user, programme, busy_project, operator, lead
):
    url = f"/programmes/{programme.slug}/dashboard/"
    assert client.get(url).status_code == 302
    client.force_login(user)
    assert client.get(url).status_code in (302, 403)
    MembershipFactory(user=user, organisation=lead)
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-indicator="contracts-outside">1<' in body
    assert "<svg" in body and "outside EU/EFTA" in body
    assert "25\u00a0000.00 EUR" in body


def test_project_dashboard_and_indicator_drill_down(
    client, operator, programme, busy_project, companies
):
    companies["se1"].region_id = "SE331"
    companies["se1"].save()
    client.force_login(operator)
    response = client.get(f"/programmes/projects/{busy_project.slug}/dashboard/")
    assert response.status_code == 200
    assert "(SE331)" in response.content.decode()  # table by NUTS region
    response = client.get(f"/programmes/{programme.slug}/indicators/contracts-outside/")
    body = response.content.decode()
    assert "Snölast AB (Canada)" in body
    response = client.get(
        f"/programmes/{programme.slug}/indicators/meetings/?project={busy_project.slug}"
    )
    assert "Snölast AB - Vaasa Sensors Oy" in response.content.decode()


def test_list_views_do_not_grow_queries(client, operator, programme, django_assert_max_num_queries):
    for index in range(12):
        project = programme_services.project_create(
            actor=None,
            programme=programme,
            name=f"P{index}",
            start_date=date(2016, 1, 1),
            end_date=date(2017, 1, 1),
        )
        programme_services.partner_set(
            actor=None, project=project, organisation=OrganisationFactory(), role="LP"
        )
    client.force_login(operator)
    with django_assert_max_num_queries(12):
        assert client.get("/programmes/projects/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(f"/programmes/{programme.slug}/").status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get("/programmes/").status_code == 200


def test_project_list_filters(client, programme, busy_project, companies):
    other = programme_services.project_create(
        actor=None,
        programme=programme,
        name="Other project",
        start_date=date(2016, 1, 1),
        end_date=date(2017, 1, 1),
    )
    body = client.get(f"/programmes/projects/?organisation={companies['uni'].pk}").content.decode()
    assert "Cleantech Kvarken" in body and "Other project" not in body
    body = client.get("/programmes/projects/?q=other").content.decode()
    assert "Other project" in body and "Cleantech Kvarken" not in body
    assert other.pk


def test_reports_xlsx_and_pdf(client, operator, busy_project):
    client.force_login(operator)
    response = client.get(f"/programmes/projects/{busy_project.slug}/report.xlsx")
    assert response.status_code == 200
    workbook = load_workbook(BytesIO(response.content))
    assert workbook.sheetnames == [
        "Summary",
        "Partners",
        "Funding",
        "Activities",
        "Indicators",
        "Records",
    ]
    partners = list(workbook["Partners"].iter_rows(values_only=True))
    assert partners[1][:2] == ("North Sweden Cleantech", "Lead partner")
    indicators = {row[0]: row for row in workbook["Indicators"].iter_rows(values_only=True)}
    assert indicators["contracts-outside"][5] == 1
    summary = {row[0]: row for row in workbook["Summary"].iter_rows(values_only=True)}
    assert summary["Spent"][1:] == (25000, "EUR")
    response = client.get(
        f"/programmes/projects/{busy_project.slug}/report.pdf?start=2017-01-01&end=2017-12-31"
    )
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert 'filename="report-ck-2017-01-01_2017-12-31.pdf"' in response["Content-Disposition"]
    response = client.get(
        f"/programmes/projects/{busy_project.slug}/report.pdf?start=2018-01-01&end=2017-12-31"
    )
    assert response.status_code == 302


def test_reports_for_others_are_refused(client, user, busy_project):
    client.force_login(user)
    assert client.get(f"/programmes/projects/{busy_project.slug}/report.xlsx").status_code in (
        302,
        403,
    )


def test_public_results_page_only_when_published(client, operator, programme, busy_project):
    url = f"/programmes/{programme.slug}/results/"
    assert client.get(url).status_code == 302
    client.force_login(operator)
    assert (
        client.post(f"/programmes/{programme.slug}/publish/", {"published": "1"}).status_code == 302
    )
    client.logout()
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Contracts Outside" in body
    assert "/indicators/" not in body  # no drill-down to records in public


def test_operator_records_activity_outcome_and_entry(
    client, operator, programme, busy_project, indicators, companies
):
    client.force_login(operator)
    response = client.post(
        f"/programmes/projects/{busy_project.slug}/activities/new/",
        {
            "kind": "advice",
            "title": "Export advice",
            "starts_on": "2017-02-01",
            "participants": [companies["se2"].pk],
        },
    )
    assert response.status_code == 200
    assert "An advice session needs the hours" in response.content.decode()
    assert not Activity.objects.filter(title="Export advice").exists()
    response = client.post(
        f"/programmes/projects/{busy_project.slug}/activities/new/",
        {
            "kind": "advice",
            "title": "Export advice",
            "starts_on": "2017-02-01",
            "hours": "3",
            "topic": "Canada",
            "participants": [companies["se2"].pk],
        },
    )
    assert response.status_code == 302
    response = client.post(
        f"/programmes/projects/{busy_project.slug}/outcomes/new/",
        {
            "kind": "opportunity",
            "organisation": companies["se2"].pk,
            "country": "CN",
            "happened_on": "2017-05-01",
        },
    )
    assert response.status_code == 302
    assert BusinessOutcome.objects.filter(country="CN").count() == 1
    response = client.post(
        f"/programmes/{programme.slug}/indicators/jobs/entries/new/",
        {
            "project": busy_project.pk,
            "reported_on": "2018-01-01",
            "value": "4",
            "note": "Reported by the company",
            "country": "",
            "evidence": SimpleUploadedFile("letter.exe", b"MZ"),
        },
    )
    assert response.status_code == 200
    assert IndicatorEntry.objects.count() == 0
    response = client.post(
        f"/programmes/{programme.slug}/indicators/jobs/entries/new/",
        {
            "project": busy_project.pk,
            "reported_on": "2018-01-01",
            "value": "4",
            "note": "Reported by the company",
            "country": "",
            "evidence": SimpleUploadedFile("letter.pdf", b"%PDF-1.4"),
        },
    )
    assert response.status_code == 302
    entry = IndicatorEntry.objects.get()
    assert client.get(f"/programmes/entries/{entry.pk}/evidence/").status_code == 200


def test_operator_pages_refuse_others(client, user, programme, busy_project):
    client.force_login(user)
    for url in (
        "/programmes/exchange-rates/",
        "/programmes/import/",
        f"/programmes/projects/{busy_project.slug}/activities/new/",
        f"/programmes/{programme.slug}/surveys/",
    ):
        assert client.get(url).status_code == 403, url


def test_exchange_rate_page(client, operator):
    client.force_login(operator)
    response = client.post(
        "/programmes/exchange-rates/",
        {"add": "1", "source": "EUR", "target": "EUR", "rate": "1", "valid_from": "2016-01-01"},
    )
    assert "Choose two different currencies." in response.content.decode()
    response = client.post(
        "/programmes/exchange-rates/",
        {"import": "1", "file": SimpleUploadedFile("r.csv", b"2016-01-01,EUR,NOK,9.29\n")},
    )
    assert response.status_code == 302
    assert ExchangeRate.objects.get(target="NOK").valid_from == date(2016, 1, 1)
