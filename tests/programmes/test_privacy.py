"""Personal data: export and erasure of survey answers and manual entries."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from samverkan.programmes.indicators.compute import indicator_results
from samverkan.programmes.models import Answer, IndicatorEntry, SurveyInvitation
from samverkan.programmes.privacy import erase_personal_data, export_personal_data
from samverkan.programmes.services import activities as services
from samverkan.programmes.services import surveys as survey_services
from tests.programmes.helpers import answers, contact, questionnaire

pytestmark = pytest.mark.django_db


def _values(programme):
    return {r.indicator.code: r.value for r in indicator_results(programme=programme)}


def test_export_and_erase_keep_indicator_values(
    programme, project, indicators, companies, operator
):
    services.activity_create(
        actor=None,
        project=project,
        kind="matchmaking",
        title="Vaasa",
        starts_on=date(2017, 3, 15),
        participants=[companies["se1"]],
    )
    user = contact(companies["se1"], email="anna@snolast.example")
    q = questionnaire(programme)
    invitation = survey_services.survey_send(actor=None, questionnaire=q, project=project)[0]
    survey_services.survey_answer_submit(
        invitation=invitation,
        data=answers(
            q, contract_signed="yes", contract_country="CA", would_continue="yes", other="Great"
        ),
    )
    services.indicator_entry_create(
        actor=user,
        indicator=indicators["jobs"],
        project=project,
        reported_on=date(2018, 1, 1),
        value="3",
        note="Three hires after the fair",
        evidence=SimpleUploadedFile("hires.txt", b"three"),
    )
    before = _values(programme)
    assert before["contracts-outside"] == 1 and before["jobs"] == 3

    data = export_personal_data(user=user)
    survey = data["programme_surveys"][0]
    assert (survey["questionnaire"], survey["email"]) == (
        "Six-month follow-up",
        "anna@snolast.example",
    )
    assert {a["question"]: a["answer"] for a in survey["answers"]} == {
        "Contract signed?": True,
        "Country?": "CA",
        "Would continue?": True,
        "Anything else?": "Great",
    }
    entry = data["programme_indicator_entries"][0]
    assert (entry["indicator"], entry["value"], entry["explanation"]) == (
        "Jobs",
        "3.00",
        "Three hires after the fair",
    )

    old_token = invitation.token
    assert erase_personal_data(user=user) == 3  # invitation, free-text answer, entry
    invitation = SurveyInvitation.objects.get()
    assert invitation.email == f"erased-{invitation.pk}@invalid.example"
    assert invitation.token != old_token
    assert Answer.objects.get(question__text="Anything else?").text == ""
    assert IndicatorEntry.objects.get().created_by is None
    assert _values(programme) == before
    assert export_personal_data(user=user) == {
        "programme_surveys": [],
        "programme_indicator_entries": [],
    }
    assert _values(programme)["jobs"] == Decimal(3)
