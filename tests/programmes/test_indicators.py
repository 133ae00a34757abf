from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from samverkan.programmes.indicators.compute import (
    indicator_results,
    quarter_ends,
    values_by_project,
)
from samverkan.programmes.models import SurveyInvitation
from samverkan.programmes.services import activities as services
from samverkan.programmes.services import programmes as programme_services
from samverkan.programmes.services import surveys as survey_services
from tests.factories import OrganisationFactory
from tests.programmes.helpers import answers, contact, questionnaire

pytestmark = pytest.mark.django_db


def values(programme, **kwargs):
    return {r.indicator.code: r.value for r in indicator_results(programme=programme, **kwargs)}


def records(programme, code, **kwargs):
    result = next(
        r for r in indicator_results(programme=programme, **kwargs) if r.indicator.code == code
    )
    return result.records


@pytest.fixture
def matchmaking(project, companies, lead):
    event = services.activity_create(
        actor=None,
        project=project,
        kind="matchmaking",
        title="Matchmaking Vaasa",
        starts_on=date(2017, 3, 15),
        participants=[companies["se1"], companies["se2"], companies["fi1"], companies["uni"], lead],
    )
    services.meeting_record(
        actor=None, activity=event, organisation_a=companies["se1"], organisation_b=companies["fi1"]
    )
    services.meeting_record(
        actor=None, activity=event, organisation_a=companies["se1"], organisation_b=companies["se2"]
    )
    services.meeting_record(
        actor=None, activity=event, organisation_a=companies["se2"], organisation_b=companies["fi1"]
    )
    return event


def test_supported_organisations_exclude_partners_and_count_once(
    programme, project, indicators, matchmaking, companies
):
    services.activity_create(
        actor=None,
        project=project,
        kind="training",
        title="Export 101",
        starts_on=date(2017, 5, 1),
        participants=[companies["se1"]],
    )
    result = values(programme)
    assert result["organisations"] == 4  # three companies and the university, not the lead
    assert result["smes"] == 3
    assert {r.organisation for r in records(programme, "smes")} == {
        "Snölast AB",
        "Kvarken Vind AB",
        "Vaasa Sensors Oy",
    }


def test_meetings_and_cross_border_cooperation(programme, indicators, matchmaking):
    result = values(programme)
    assert result["meetings"] == 3
    # se1 and se2 each met fi1; fi1 met Swedish companies: three companies across borders.
    assert result["cross-border"] == 3
    labels = [r.label for r in records(programme, "meetings")]
    assert "Snölast AB - Kvarken Vind AB" in labels


def test_advice_hours(programme, project, indicators, companies):
    services.activity_create(
        actor=None,
        project=project,
        kind="advice",
        title="Advice",
        topic="Export to Canada",
        hours="2.5",
        starts_on=date(2016, 1, 1),
        participants=[companies["se1"]],
    )
    services.activity_create(
        actor=None,
        project=project,
        kind="advice",
        title="Advice 2",
        topic="IPR",
        hours="4",
        starts_on=date(2016, 2, 1),
        participants=[companies["se2"]],
    )
    assert values(programme)["advice-hours"] == Decimal("6.5")


def test_advice_session_needs_hours(project, companies):
    with pytest.raises(Exception, match="hours"):
        services.activity_create(
            actor=None,
            project=project,
            kind="advice",
            title="Advice",
            starts_on=date(2016, 1, 1),
            participants=[companies["se1"]],
        )


def test_outcomes_by_country_with_outside_eu_efta_flag(
    programme, project, indicators, companies, matchmaking, eur_sek
):
    for country in ("CN", "NO", "KR"):
        services.outcome_record(
            actor=None,
            project=project,
            organisation=companies["se1"],
            kind="opportunity",
            country=country,
            happened_on=date(2017, 4, 1),
        )
    services.outcome_record(
        actor=None,
        project=project,
        organisation=companies["se2"],
        kind="contract",
        country="BR",
        amount="93500",
        currency="SEK",
        happened_on=date(2017, 6, 1),
        activity=matchmaking,
    )
    services.outcome_record(
        actor=None,
        project=project,
        organisation=companies["fi1"],
        kind="contract",
        country="DE",
        amount="1000",
        currency="EUR",
        happened_on=date(2018, 6, 1),
    )
    services.outcome_record(
        actor=None,
        project=project,
        organisation=companies["fi1"],
        kind="jobs",
        jobs=3,
        happened_on=date(2018, 6, 1),
    )
    result = values(programme)
    assert result["opportunities"] == 3
    assert result["opportunities-outside"] == 2  # Norway is in EFTA
    assert result["contracts"] == 2
    assert result["contracts-outside"] == 1
    assert result["contract-value"] == Decimal("10000.00") + Decimal("1000")
    assert result["jobs"] == 3
    value_records = records(programme, "contract-value")
    assert any("9.35" in r.detail and "2015-01-01" in r.detail for r in value_records)


def test_contract_value_without_rate_is_left_out_with_a_warning(
    programme, project, indicators, companies
):
    services.outcome_record(
        actor=None,
        project=project,
        organisation=companies["se2"],
        kind="contract",
        country="BR",
        amount="1000",
        currency="NOK",
        happened_on=date(2017, 6, 1),
    )
    result = next(
        r for r in indicator_results(programme=programme) if r.indicator.code == "contract-value"
    )
    assert result.value == 0
    assert "NOK" in result.warnings[0]


def test_manual_entries_add_to_sums_and_weight_percentages(
    programme, project, indicators, companies
):
    services.indicator_entry_create(
        actor=None,
        indicator=indicators["smes"],
        project=project,
        reported_on=date(2018, 1, 1),
        value="200",
        note="Joint company catalogue",
        evidence=SimpleUploadedFile("catalogue.pdf", b"%PDF-1.4 test", "application/pdf"),
    )
    services.indicator_entry_create(
        actor=None,
        indicator=indicators["would-continue"],
        project=project,
        reported_on=date(2018, 12, 31),
        value="97",
        respondents=100,
        note="Final survey",
    )
    invitation = _answered(project, companies["fi1"], contract_signed="no", would_continue="no")
    result = values(programme)
    assert result["smes"] == 201  # the manual 200 and the company at the fair
    # 97 % of 100 respondents and one "no": (97 * 100 + 0) / 101
    assert result["would-continue"] == Decimal("96.0")
    manual = [
        r for r in records(programme, "smes") if r.ref.startswith("programmes.indicatorentry")
    ]
    assert manual[0].url.endswith(f"/entries/{manual[0].ref.split(':')[1]}/evidence/")
    assert invitation.responded_at is not None


def test_evidence_type_and_size_are_validated(project, indicators):
    with pytest.raises(Exception, match="Evidence"):
        services.indicator_entry_create(
            actor=None,
            indicator=indicators["smes"],
            project=project,
            reported_on=date(2018, 1, 1),
            value="1",
            note="x",
            evidence=SimpleUploadedFile("run.exe", b"MZ", "application/octet-stream"),
        )
    big = SimpleUploadedFile("big.pdf", b"0" * (5 * 1024 * 1024 + 1), "application/pdf")
    with pytest.raises(Exception, match="5 MB"):
        services.indicator_entry_create(
            actor=None,
            indicator=indicators["smes"],
            project=project,
            reported_on=date(2018, 1, 1),
            value="1",
            note="x",
            evidence=big,
        )
    with pytest.raises(Exception, match="between 0 and 100"):
        services.indicator_entry_create(
            actor=None,
            indicator=indicators["would-continue"],
            project=project,
            reported_on=date(2018, 1, 1),
            value="101",
            note="x",
        )
    assert project.indicator_entries.count() == 0


def _answered(project, organisation, **values_by_key):
    q = project.programme.questionnaires.first() or questionnaire(project.programme)
    services.activity_create(
        actor=None,
        project=project,
        kind="event",
        title="Fair",
        starts_on=date(2017, 9, 1),
        participants=[organisation],
    )
    contact(organisation)
    survey_services.survey_send(actor=None, questionnaire=q, project=project)
    invitation = SurveyInvitation.objects.get(organisation=organisation, questionnaire=q)
    survey_services.survey_answer_submit(invitation=invitation, data=answers(q, **values_by_key))
    invitation.refresh_from_db()
    return invitation


def test_survey_answers_feed_contracts_outside_eu_efta_and_satisfaction(
    programme, project, indicators, companies, eur_sek
):
    assert values(programme)["contracts-outside"] == 0
    _answered(
        project,
        companies["se1"],
        contract_signed="yes",
        contract_country="CA",
        contract_value=("93500", "SEK"),
        would_continue="yes",
        satisfaction="5",
        jobs_created="2",
    )
    _answered(
        project,
        companies["fi1"],
        contract_signed="yes",
        contract_country="NO",
        would_continue="no",
        satisfaction="3",
    )
    result = values(programme)
    assert result["contracts"] == 2
    assert result["contracts-outside"] == 1
    assert result["would-continue"] == Decimal("50.0")
    assert result["satisfaction"] == Decimal("50.0")
    assert result["jobs"] == 2
    drill = records(programme, "contracts-outside")
    assert [(r.organisation, r.country) for r in drill] == [("Snölast AB", "CA")]
    assert drill[0].ref.startswith("programmes.surveyresponse:")


def test_period_and_project_scope(programme, project, indicators, companies, lead):
    other = programme_services.project_create(
        actor=None,
        programme=programme,
        name="Other",
        start_date=date(2016, 1, 1),
        end_date=date(2017, 1, 1),
    )
    services.activity_create(
        actor=None,
        project=project,
        kind="event",
        title="A",
        starts_on=date(2016, 5, 1),
        participants=[companies["se1"]],
    )
    services.activity_create(
        actor=None,
        project=other,
        kind="event",
        title="B",
        starts_on=date(2018, 5, 1),
        participants=[companies["se1"], companies["se2"]],
    )
    assert values(programme)["smes"] == 2  # se1 counted once across the two projects
    assert values(programme, project=project)["smes"] == 1
    assert values(programme, project=other)["smes"] == 2
    assert values(programme, start=date(2018, 1, 1))["smes"] == 2
    assert values(programme, end=date(2017, 1, 1))["smes"] == 1
    by_project = values_by_project(programme=programme)
    assert dict((i.code, v) for i, v in by_project[other.pk])["smes"] == 2


def test_progress_and_history(programme, project, indicators, companies):
    services.activity_create(
        actor=None,
        project=project,
        kind="event",
        title="A",
        starts_on=date(2016, 5, 1),
        participants=[companies["se1"]],
    )
    services.activity_create(
        actor=None,
        project=project,
        kind="event",
        title="B",
        starts_on=date(2017, 5, 1),
        participants=[companies["se2"]],
    )
    result = next(r for r in indicator_results(programme=programme) if r.indicator.code == "smes")
    assert result.progress_percent == Decimal("20.0")
    assert result.value_until(date(2016, 12, 31)) == 1
    assert result.value_until(date(2017, 12, 31)) == 2


def test_quarter_ends():
    assert quarter_ends(date(2015, 2, 10), date(2015, 12, 1)) == [
        date(2015, 3, 31),
        date(2015, 6, 30),
        date(2015, 9, 30),
        date(2015, 12, 1),
    ]


def test_indicator_query_count_does_not_grow_with_records(
    programme, project, indicators, companies
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add(count):
        for index in range(count):
            services.activity_create(
                actor=None,
                project=project,
                kind="event",
                title=f"E{index}",
                starts_on=date(2016, 1, 1),
                participants=[OrganisationFactory()],
            )

    add(2)
    with CaptureQueriesContext(connection) as few:
        indicator_results(programme=programme)
    add(15)
    with CaptureQueriesContext(connection) as many:
        indicator_results(programme=programme)
    assert len(many) == len(few)
