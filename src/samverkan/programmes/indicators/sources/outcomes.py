"""Sources from business outcomes: opportunities, contracts, contract value and jobs."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext as _

from samverkan.programmes.countries import country_name, is_outside_eu_efta
from samverkan.programmes.indicators import external
from samverkan.programmes.indicators.records import Record, Scope, SourceResult, total
from samverkan.programmes.indicators.sources.surveys import _survey_record, survey_facts
from samverkan.programmes.models import AnswerKey, BusinessOutcome
from samverkan.programmes.money import Money, RateMissing, convert
from samverkan.programmes.selectors import RateTable


def _outcomes(scope: Scope, kind: str):
    rows = BusinessOutcome.objects.filter(kind=kind, **scope.project_filter()).select_related(
        "organisation", "project", "activity"
    )
    return [row for row in rows if scope.contains(row.happened_on)]


def _outcome_record(row: BusinessOutcome, kind: str, **extra) -> Record:
    where = f" ({country_name(row.country)})" if row.country else ""
    return Record(
        kind=kind,
        label=f"{row.organisation.name}{where}"
        + (f" — {row.description}" if row.description else ""),
        day=row.happened_on,
        organisation=row.organisation.name,
        country=row.country,
        region=row.organisation.region_id or "",
        project=str(row.project),
        url=reverse("programmes:project-detail", kwargs={"slug": row.project.slug})
        + f"#outcome-{row.pk}",
        ref=f"programmes.businessoutcome:{row.pk}",
        project_id=row.project_id,
        **{"detail": row.activity.title if row.activity else "", **extra},
    )


def _opportunity_records(scope: Scope) -> list[Record]:
    records = [
        _outcome_record(row, _("recorded outcome"))
        for row in _outcomes(scope, BusinessOutcome.Kind.OPPORTUNITY)
    ]
    for fact in survey_facts(scope):
        if fact.yes(AnswerKey.OPPORTUNITY):
            country = fact.text(AnswerKey.OPPORTUNITY_COUNTRY)
            records.append(_survey_record(fact, _("survey answer"), country=country))
    return records + external.visit_outcomes(scope, kind="opportunity")


def _contract_records(scope: Scope) -> list[Record]:
    records = [
        _outcome_record(row, _("recorded outcome"), detail=str(row.money or ""))
        for row in _outcomes(scope, BusinessOutcome.Kind.CONTRACT)
    ]
    for fact in survey_facts(scope):
        if fact.yes(AnswerKey.CONTRACT_SIGNED):
            amount = fact.number(AnswerKey.CONTRACT_VALUE)
            currency = fact.currency(AnswerKey.CONTRACT_VALUE)
            money = Money(amount, currency) if amount is not None and currency else None
            records.append(
                _survey_record(
                    fact,
                    _("survey answer"),
                    country=fact.text(AnswerKey.CONTRACT_COUNTRY),
                    detail=str(money or ""),
                )
            )
    return records + external.visit_outcomes(scope, kind="contract")


def opportunities(scope: Scope) -> SourceResult:
    records = _opportunity_records(scope)
    return SourceResult(total(records), records)


def opportunities_outside(scope: Scope) -> SourceResult:
    records = [r for r in _opportunity_records(scope) if is_outside_eu_efta(r.country)]
    return SourceResult(total(records), records)


def contracts(scope: Scope) -> SourceResult:
    records = _contract_records(scope)
    return SourceResult(total(records), records)


def contracts_outside(scope: Scope) -> SourceResult:
    records = [r for r in _contract_records(scope) if is_outside_eu_efta(r.country)]
    return SourceResult(total(records), records)


def contract_value(scope: Scope) -> SourceResult:
    """Sum of contract values in the programme currency, each converted at its date's rate."""
    rates = RateTable()
    currency = scope.programme.currency
    records, warnings = [], []
    amounts = [
        (row.money, row.happened_on, _outcome_record(row, _("recorded outcome")))
        for row in _outcomes(scope, BusinessOutcome.Kind.CONTRACT)
        if row.money
    ]
    for fact in survey_facts(scope):
        amount = fact.number(AnswerKey.CONTRACT_VALUE)
        if fact.yes(AnswerKey.CONTRACT_SIGNED) and amount is not None:
            money = Money(amount, fact.currency(AnswerKey.CONTRACT_VALUE) or currency)
            record = _survey_record(
                fact, _("survey answer"), country=fact.text(AnswerKey.CONTRACT_COUNTRY)
            )
            amounts.append((money, fact.day, record))
    for amount, money_currency, day, record in external.contract_amounts(scope):
        amounts.append((Money(amount, money_currency or currency), day, record))
    for money, day, record in amounts:
        try:
            conversion = convert(money, currency, on=day, rates=rates)
        except RateMissing as error:
            warnings.append(error.messages[0])
            continue
        detail = str(money)
        if conversion.needed:
            detail += (
                " ("
                + _("rate %(rate)s of %(date)s")
                % {
                    "rate": conversion.rate_text,
                    "date": conversion.rate_date.isoformat(),
                }
                + ")"
            )
        records.append(
            Record(**{**record.__dict__, "value": conversion.converted.amount, "detail": detail})
        )
    return SourceResult(total(records), records, warnings)


def jobs(scope: Scope) -> SourceResult:
    records = [
        _outcome_record(row, _("recorded outcome"), value=Decimal(row.jobs or 0))
        for row in _outcomes(scope, BusinessOutcome.Kind.JOBS)
    ]
    for fact in survey_facts(scope):
        number = fact.number(AnswerKey.JOBS_CREATED)
        if number:
            records.append(_survey_record(fact, _("survey answer"), value=number))
    return SourceResult(total(records), records)
