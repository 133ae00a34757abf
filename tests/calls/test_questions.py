"""Editing questions: validation, and what happens to answers already given."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from samverkan.calls import services
from samverkan.calls.models import Application, QuestionKind
from samverkan.common.models import AuditLogEntry
from tests.calls.factories import QuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def colour(call):
    return QuestionFactory(
        call=call, label="Colour", kind=QuestionKind.CHOICE, choices=["Red", "Blue", "Green"]
    )


def test_edit_without_answers_may_change_everything(call, colour, operator):
    question = services.question_update(
        actor=operator,
        question=colour,
        kind=QuestionKind.FILE,
        allowed_extensions=[".PDF", "docx"],
        max_file_size_mb=10,
        label="Upload your plan",
    )
    question.refresh_from_db()
    assert (question.kind, question.allowed_extensions, question.choices, question.label) == (
        "file",
        ["pdf", "docx"],
        [],
        "Upload your plan",
    )
    entry = AuditLogEntry.objects.get(action="calls.question.update")
    assert entry.data["before"]["label"] == "Colour"


def test_edit_validates_type_specific_settings(colour, operator):
    with pytest.raises(ValidationError) as error:
        services.question_update(actor=operator, question=colour, choices=["Red", "Red"])
    assert error.value.message_dict == {"choices": ["Each option may appear only once."]}
    with pytest.raises(ValidationError):
        services.question_update(
            actor=operator,
            question=colour,
            kind=QuestionKind.NUMBER,
            min_value=Decimal("5"),
            max_value=Decimal("1"),
        )
    colour.refresh_from_db()
    assert colour.choices == ["Red", "Blue", "Green"]


def test_draft_answers_block_type_changes_and_invalidating_settings(
    call, colour, cluster, applicant, operator
):
    draft = services.application_create(
        actor=applicant, call=call, organisation=cluster, title="x", answers={colour.key: "Blue"}
    )
    with pytest.raises(ValidationError) as error:
        services.question_update(actor=operator, question=colour, kind=QuestionKind.TEXT)
    assert "1 draft application(s) have answered this question" in str(error.value)
    with pytest.raises(ValidationError) as error:
        services.question_update(actor=operator, question=colour, choices=["Red", "Green"])
    assert (
        "1 draft application(s) have answers that these settings would make invalid"
        in (error.value.messages[0])
    )
    services.question_update(
        actor=operator, question=colour, choices=["Red", "Blue", "Green", "Yellow"]
    )
    colour.refresh_from_db()
    assert colour.choices == ["Red", "Blue", "Green", "Yellow"]
    assert Application.objects.get(pk=draft.pk).answers == {colour.key: "Blue"}


def test_after_submission_only_the_wording_changes(call, questions, submitted, operator):
    summary = questions["summary"]
    with pytest.raises(ValidationError) as error:
        services.question_update(actor=operator, question=summary, required=False)
    assert "only the wording of a question" in error.value.messages[0]
    services.question_update(actor=operator, question=summary, label="Summary (max one page)")
    summary.refresh_from_db()
    assert (summary.label, summary.required) == ("Summary (max one page)", True)


def test_edit_page_for_operators_only(client, call, colour, operator, applicant, password):
    url = f"/calls/{call.slug}/questions/{colour.pk}/edit/"
    client.force_login(applicant)
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
    client.force_login(operator)
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["form"].initial["choices"] == "Red\nBlue\nGreen"
    data = {
        "question-stage": "full",
        "question-label": "Favourite colour",
        "question-kind": "choice",
        "question-required": "on",
        "question-choices": "Red\nBlue",
        "question-max_file_size_mb": "5",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    colour.refresh_from_db()
    assert (colour.label, colour.choices) == ("Favourite colour", ["Red", "Blue"])
    data["question-choices"] = "Red"
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["choices"] == [
        "A choice question needs at least two options."
    ]
