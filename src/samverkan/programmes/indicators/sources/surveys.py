"""Sources from follow-up survey answers: the answers as facts, would-continue, satisfaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext as _

from samverkan.programmes.indicators import external
from samverkan.programmes.indicators.records import (
    HUNDRED,
    ZERO,
    Record,
    Scope,
    SourceResult,
    total,
)
from samverkan.programmes.models import AnswerKey, SurveyResponse

# --- follow-up survey answers -------------------------------------------------------------


@dataclass(frozen=True)
class SurveyFact:
    response_pk: int
    day: date
    organisation: str
    organisation_country: str
    organisation_region: str
    project: str
    project_id: int
    answers: dict  # key -> (boolean, text, number, currency)

    def yes(self, key: str) -> bool:
        return bool(self.answers.get(key, (None,))[0])

    def text(self, key: str) -> str:
        return (self.answers.get(key, (None, ""))[1] or "").upper()

    def number(self, key: str) -> Decimal | None:
        return self.answers.get(key, (None, "", None))[2]

    def currency(self, key: str) -> str:
        return self.answers.get(key, (None, "", None, ""))[3]


def survey_facts(scope: Scope) -> list[SurveyFact]:
    responses = (
        SurveyResponse.objects.filter(**scope.project_filter("invitation__project"))
        .select_related("invitation__organisation", "invitation__project")
        .prefetch_related("answers__question")
        .order_by("submitted_at", "pk")
    )
    facts = []
    for response in responses:
        day = response.submitted_at.date()
        if not scope.contains(day):
            continue
        answers = {
            answer.question.key: (answer.boolean, answer.text, answer.number, answer.currency)
            for answer in response.answers.all()
            if answer.question.key
        }
        invitation = response.invitation
        facts.append(
            SurveyFact(
                response.pk,
                day,
                invitation.organisation.name,
                invitation.organisation.country,
                invitation.organisation.region_id or "",
                str(invitation.project),
                invitation.project_id,
                answers,
            )
        )
    return facts


def _survey_record(fact: SurveyFact, kind: str, **extra) -> Record:
    return Record(
        kind=kind,
        label=fact.organisation,
        day=fact.day,
        organisation=fact.organisation,
        region=fact.organisation_region,
        project=fact.project,
        url=reverse("programmes:survey-response", kwargs={"pk": fact.response_pk}),
        ref=f"programmes.surveyresponse:{fact.response_pk}",
        project_id=fact.project_id,
        **extra,
    )


def would_continue(scope: Scope) -> SourceResult:
    records = [
        _survey_record(
            fact,
            _("survey answer"),
            value=HUNDRED if fact.yes(AnswerKey.WOULD_CONTINUE) else ZERO,
            detail=_("yes") if fact.yes(AnswerKey.WOULD_CONTINUE) else _("no"),
        )
        for fact in survey_facts(scope)
        if AnswerKey.WOULD_CONTINUE in fact.answers
        and fact.answers[AnswerKey.WOULD_CONTINUE][0] is not None
    ] + external.opinions(scope, key="would_continue")
    return SourceResult(total(records, percentage=True), records)


def satisfaction(scope: Scope) -> SourceResult:
    """Share of respondents scoring 4 or 5 of 5."""
    records = []
    for fact in survey_facts(scope):
        score = fact.number(AnswerKey.SATISFACTION)
        if score is None:
            continue
        records.append(
            _survey_record(
                fact, _("survey answer"), value=HUNDRED if score >= 4 else ZERO, detail=f"{score}/5"
            )
        )
    records += external.opinions(scope, key="satisfaction")
    return SourceResult(total(records, percentage=True), records)
