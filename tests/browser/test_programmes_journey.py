"""Journeys (issue 9): a follow-up survey sent to a catalogue contact (no account) and answered
in the browser through its unique link changes the "contracts outside EU/EFTA" indicator on
the dashboard, the drill-down shows the answer, and the funder report exports it; an operator
creates a project with partners and a funding contribution through the forms."""

import io
import re
from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from samverkan.catalog.models import Person
from samverkan.programmes.models import Contribution, Project, Source
from samverkan.programmes.services import activities as activity_services
from samverkan.programmes.services import programmes as services
from samverkan.programmes.services import surveys as survey_services
from tests.factories import OrganisationFactory, UserFactory
from tests.programmes.helpers import QUESTIONS

pytestmark = pytest.mark.django_db(transaction=True)
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def setup(settings, password, mailoutbox):
    settings.TASKS = IMMEDIATE
    programme = services.programme_create(
        actor=None,
        name="Interreg Botnia-Atlantica 2014-2020",
        start_year=2014,
        end_year=2020,
        currency="EUR",
    )
    project = services.project_create(
        actor=None,
        programme=programme,
        name="Cleantech Kvarken",
        acronym="Cleantech Kvarken",
        start_date=date(2015, 1, 1),
        end_date=date(2018, 12, 31),
    )
    cluster = OrganisationFactory(name="North Sweden Cleantech", kind="cluster")
    services.partner_set(actor=None, project=project, organisation=cluster, role="LP")
    company = OrganisationFactory(name="Snölast AB", country="SE")
    activity_services.activity_create(
        actor=None,
        project=project,
        kind="matchmaking",
        title="Matchmaking Vaasa",
        starts_on=date(2017, 3, 15),
        participants=[company],
    )
    for code, source in (
        ("contracts-outside", Source.CONTRACTS_OUTSIDE),
        ("contracts", Source.CONTRACTS),
    ):
        activity_services.indicator_define(
            actor=None,
            programme=programme,
            code=code,
            name=code.replace("-", " ").capitalize(),
            unit="contracts",
            source=source,
            target="5",
        )
    Person.objects.create(
        organisation=company,
        name="Karin Kontakt",
        email="karin@snolast.example",
        languages=["en"],
        listing_consent_at=timezone.now(),
    )
    questionnaire = survey_services.questionnaire_create(
        actor=None, programme=programme, name="Six-month follow-up", questions=QUESTIONS
    )
    survey_services.survey_send(actor=None, questionnaire=questionnaire, project=project)
    operator = UserFactory(password=password, is_operator=True)
    return programme, project, operator, mailoutbox


def test_survey_answer_changes_contracts_outside_eu_efta(page, browser, live_server, login, setup):
    programme, project, operator, outbox = setup
    login(operator)
    page.goto(f"/programmes/{programme.slug}/dashboard/")
    indicator = page.locator('[data-indicator="contracts-outside"]')
    assert indicator.inner_text() == "0"

    link = re.search(r"https?://\S+/programmes/survey/\S+/", outbox[0].body).group(0)
    respondent = browser.new_context(base_url=live_server.url, locale="en-GB").new_page()
    respondent.goto(link.replace(re.match(r"https?://[^/]+", link).group(0), ""))
    respondent.get_by_role("button", name="Send answers").click()
    assert respondent.get_by_text("This question needs an answer.").is_visible()
    respondent.get_by_role("group", name="Contract signed? *").get_by_label("Yes").check()
    respondent.get_by_label("Country?", exact=True).select_option("CA")
    respondent.get_by_label("Value?", exact=True).fill("93500")
    respondent.get_by_label("Currency").select_option("SEK")
    respondent.get_by_role("group", name="Would continue?").get_by_label("Yes").check()
    respondent.get_by_role("button", name="Send answers").click()
    assert respondent.get_by_role("heading", name="Thank you").is_visible()
    respondent.context.close()

    page.reload()
    assert page.locator('[data-indicator="contracts-outside"]').inner_text() == "1"
    assert page.get_by_text("outside EU/EFTA").first.is_visible()
    page.get_by_role("link", name="Contracts outside").click()
    assert page.get_by_role("link", name="Snölast AB").is_visible()
    assert page.get_by_role("cell", name="CA", exact=True).is_visible()

    page.goto(f"/programmes/projects/{project.slug}/dashboard/")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download XLSX").click()
    with open(download_info.value.path(), "rb") as handle:
        workbook = load_workbook(io.BytesIO(handle.read()))
    rows = {row[0]: row for row in workbook["Indicators"].iter_rows(values_only=True)}
    assert rows["contracts-outside"][5] == 1


def test_operator_creates_a_project_with_partners_and_funding(
    page, login, password, settings, mailoutbox
):
    settings.TASKS = IMMEDIATE
    programme = services.programme_create(
        actor=None, name="Övre Norrland 2014-2020", start_year=2014, end_year=2020, currency="SEK"
    )
    services.fund_create(programme=programme, name="ERDF", kind="erdf", co_financing_rate="50")
    OrganisationFactory(name="Region Västerbotten", kind="public", country="SE")
    OrganisationFactory(name="Umeå universitet", kind="university", country="SE")
    login(UserFactory(password=password, is_operator=True))

    page.goto(f"/programmes/{programme.slug}/")
    page.get_by_role("link", name="New project").click()
    page.get_by_label("Name:", exact=True).fill("SPIN")
    page.get_by_label("Acronym:", exact=True).fill("SPIN")
    page.get_by_label("Start:", exact=True).fill("2016-01-01")
    page.get_by_label("End:", exact=True).fill("2019-12-31")
    page.get_by_label("Target markets:", exact=True).fill("CN, KR")
    page.get_by_label("Organisation (row 1)").select_option(label="Region Västerbotten")
    page.get_by_label("Role (row 1)").select_option("LP")
    page.get_by_label("Budget (row 1)").fill("4300000")
    page.get_by_label("Budget currency (row 1)").select_option("SEK")
    page.get_by_label("Organisation (row 2)").select_option(label="Umeå universitet")
    page.get_by_label("Role (row 2)").select_option("LP")
    page.get_by_role("button", name="Save").click()
    assert page.get_by_text("A project has one lead partner; 2 are marked.").is_visible()
    assert not Project.objects.exists()
    page.get_by_label("Role (row 2)").select_option("PP")
    page.get_by_role("button", name="Save").click()
    assert page.get_by_role("heading", name="SPIN").is_visible()
    assert page.get_by_role("cell", name="Project partner").is_visible()

    page.get_by_role("link", name="Edit funding").click()
    page.get_by_label("Fund (row 1)").select_option(label="ERDF")
    page.get_by_label("For partner (row 1)").select_option(label="Region Västerbotten")
    page.get_by_label("Amount (row 1)").fill("2150000.50")
    page.get_by_label("Currency (row 1)").select_option("SEK")
    page.get_by_label("Share (%) (row 1)").fill("30")
    page.get_by_role("button", name="Save").click()
    assert page.get_by_text("The funding was saved.").is_visible()
    contribution = Contribution.objects.get()
    assert (contribution.fund.name, contribution.amount, contribution.currency) == (
        "ERDF",
        Decimal("2150000.50"),
        "SEK",
    )
    assert contribution.partner.organisation.name == "Region Västerbotten"
