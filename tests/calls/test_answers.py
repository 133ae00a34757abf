"""Answers are validated by the question rows; files by type and size."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from samverkan.calls.answers import answers_clean, file_validate
from samverkan.calls.models import Question, QuestionKind

pytestmark = pytest.mark.django_db


def q(pk, kind, **extra):
    question = Question(kind=kind, label=f"Q{pk}", **extra)
    question.pk = pk
    return question


def test_types_are_checked_and_numbers_stay_decimal_strings():
    questions = [
        q(1, QuestionKind.TEXT, max_length=5),
        q(2, QuestionKind.NUMBER, min_value=Decimal("1"), max_value=Decimal("10")),
        q(3, QuestionKind.CHOICE, choices=["a", "b"]),
        q(4, QuestionKind.MULTIPLE_CHOICE, choices=["x", "y", "z"]),
        q(5, QuestionKind.REGION),
        q(6, QuestionKind.SECTOR),
    ]
    cleaned = answers_clean(
        questions=questions,
        answers={"q1": " abc ", "q2": "2,5", "q3": "b", "q4": ["z", "x"], "q5": "SE224", "q6": "J"},
        complete=True,
    )
    assert cleaned == {
        "q1": "abc",
        "q2": "2.5",
        "q3": "b",
        "q4": ["x", "z"],
        "q5": "SE224",
        "q6": "J",
    }


def test_every_bad_answer_gets_its_own_message():
    questions = [
        q(1, QuestionKind.TEXT, max_length=3),
        q(2, QuestionKind.NUMBER, max_value=Decimal("10")),
        q(3, QuestionKind.CHOICE, choices=["a", "b"]),
        q(5, QuestionKind.REGION),
        q(7, QuestionKind.LONG_TEXT),
    ]
    with pytest.raises(ValidationError) as info:
        answers_clean(
            questions=questions,
            answers={"q1": "toolong", "q2": "11", "q3": "c", "q5": "XX99", "q99": "?"},
            complete=True,
        )
    errors = info.value.message_dict
    assert errors["q1"] == ["Q1: At most 3 characters (you wrote 7)."]
    assert errors["q2"] == ["Q2: At most 10."]
    assert errors["q3"] == ["Q3: Choose one of the offered options."]
    assert errors["q5"] == ["Q5: “XX99” is not a NUTS region code."]
    assert errors["q7"] == ["“Q7” must be answered."]
    assert errors["answers"] == ["These are not questions of this call: q99."]


def test_drafts_may_be_incomplete():
    assert answers_clean(questions=[q(1, QuestionKind.TEXT)], answers={}, complete=False) == {}


def test_file_type_and_size_limits():
    question = q(1, QuestionKind.FILE, allowed_extensions=["pdf"], max_file_size_mb=1)
    file_validate(question=question, name="plan.PDF", size=1024)
    with pytest.raises(ValidationError, match="not accepted here; use pdf"):
        file_validate(question=question, name="plan.exe", size=10)
    with pytest.raises(ValidationError, match="the limit is 1 MB"):
        file_validate(question=question, name="plan.pdf", size=2 * 1024 * 1024)
