"""Small builders for survey answers used by several tests."""

from __future__ import annotations

from samverkan.accounts.models import Membership
from samverkan.programmes.models import AnswerKey
from samverkan.programmes.services import surveys as survey_services
from tests.factories import UserFactory

QUESTIONS = [
    ("Contract signed?", "yes_no", AnswerKey.CONTRACT_SIGNED, True),
    ("Country?", "country", AnswerKey.CONTRACT_COUNTRY, False),
    ("Value?", "money", AnswerKey.CONTRACT_VALUE, False),
    ("Opportunity?", "yes_no", AnswerKey.OPPORTUNITY, False),
    ("Opportunity country?", "country", AnswerKey.OPPORTUNITY_COUNTRY, False),
    ("Jobs?", "number", AnswerKey.JOBS_CREATED, False),
    ("Would continue?", "yes_no", AnswerKey.WOULD_CONTINUE, False),
    ("Satisfaction?", "scale", AnswerKey.SATISFACTION, False),
    ("Anything else?", "text", "", False),
]


def questionnaire(programme):
    return survey_services.questionnaire_create(
        actor=None, programme=programme, name="Six-month follow-up", questions=QUESTIONS
    )


def contact(organisation, **kwargs):
    user = UserFactory(**kwargs)
    Membership.objects.create(user=user, organisation=organisation, role="owner")
    return user


def answers(questionnaire, **values):
    """values by answer key, e.g. contract_signed="yes", contract_value=("1000", "SEK")."""
    data = {}
    for question in questionnaire.questions.all():
        value = values.get(question.key) if question.key else values.get("other")
        if value is None:
            continue
        if isinstance(value, tuple):
            data[question.pk] = {"value": value[0], "currency": value[1]}
        else:
            data[question.pk] = {"value": value}
    return data
