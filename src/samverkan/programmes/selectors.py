"""Reads for programmes, projects, money totals and exchange rates."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet

from samverkan.programmes.models import (
    Activity,
    Contribution,
    ExchangeRate,
    Expenditure,
    IndicatorDefinition,
    Partner,
    Programme,
    Project,
)
from samverkan.programmes.money import Conversion, Money, RateMissing, convert


class RateTable:
    """All exchange rates loaded once; `rate_for` picks the latest rate dated on or before `on`,
    using the inverse pair when only that one was entered."""

    def __init__(self, rates=None) -> None:
        rows = list(rates if rates is not None else ExchangeRate.objects.all())
        self._by_pair: dict[tuple[str, str], list[tuple[date, Decimal]]] = {}
        for row in rows:
            self._by_pair.setdefault((row.source, row.target), []).append(
                (row.valid_from, row.rate)
            )
        for values in self._by_pair.values():
            values.sort()

    def _latest(self, pair: tuple[str, str], on: date) -> tuple[date, Decimal] | None:
        best = None
        for valid_from, rate in self._by_pair.get(pair, []):
            if valid_from <= on:
                best = (valid_from, rate)
        return best

    def rate_for(self, source: str, target: str, on: date) -> tuple[Decimal, date] | None:
        direct = self._latest((source, target), on)
        inverse = self._latest((target, source), on)
        if direct and (not inverse or direct[0] >= inverse[0]):
            return direct[1], direct[0]
        if inverse:
            return (Decimal(1) / inverse[1]).quantize(Decimal("0.0000000001")), inverse[0]
        return None


def convert_money(money: Money, to_currency: str, *, on: date, rates: RateTable | None = None):
    return convert(money, to_currency, on=on, rates=rates or RateTable())


@dataclass
class MoneyTotal:
    """A total in one currency with the conversions that went into it."""

    currency: str
    total: Money
    conversions: list[Conversion] = field(default_factory=list)
    missing: list[Money] = field(default_factory=list)

    @property
    def rates_used(self) -> list[Conversion]:
        seen, result = set(), []
        for conversion in self.conversions:
            key = (conversion.original.currency, conversion.rate, conversion.rate_date)
            if conversion.needed and key not in seen:
                seen.add(key)
                result.append(conversion)
        return result


def money_total(
    amounts: list[Money], *, currency: str, on: date, rates: RateTable | None = None
) -> MoneyTotal:
    rates = rates or RateTable()
    result = MoneyTotal(currency=currency, total=Money.zero(currency))
    for money in amounts:
        try:
            conversion = convert(money, currency, on=on, rates=rates)
        except RateMissing:
            result.missing.append(money)
            continue
        result.conversions.append(conversion)
        result.total = result.total + conversion.converted
    return result


def programme_list(*, query: str = "", published_only: bool = False) -> QuerySet:
    programmes = Programme.objects.annotate(project_count=Count("projects"))
    if query:
        programmes = programmes.filter(name__icontains=query)
    if published_only:
        programmes = programmes.filter(results_published=True)
    return programmes.order_by("-start_year", "name")


def project_list(
    *,
    programme: Programme | None = None,
    organisation_id: int | None = None,
    query: str = "",
    status: str = "",
) -> QuerySet:
    projects = Project.objects.select_related("programme", "priority").prefetch_related(
        Prefetch("partners", queryset=Partner.objects.select_related("organisation"))
    )
    if programme is not None:
        projects = projects.filter(programme=programme)
    if organisation_id:
        projects = projects.filter(
            Q(partners__organisation_id=organisation_id)
            | Q(contributions__funder_id=organisation_id)
        ).distinct()
    if query:
        projects = projects.filter(Q(name__icontains=query) | Q(acronym__icontains=query))
    if status:
        projects = projects.filter(status=status)
    return projects.order_by("-start_date", "name")


def project_detail(*, slug: str) -> Project:
    return (
        Project.objects.select_related("programme", "priority", "follow_up_of")
        .prefetch_related(
            Prefetch("partners", queryset=Partner.objects.select_related("organisation")),
            Prefetch(
                "contributions",
                queryset=Contribution.objects.select_related(
                    "fund", "funder", "partner__organisation"
                ),
            ),
        )
        .get(slug=slug)
    )


def project_activities(*, project: Project) -> QuerySet:
    return (
        Activity.objects.filter(project=project)
        .prefetch_related("participations__organisation")
        .annotate(meeting_count=Count("meetings", distinct=True))
        .order_by("-starts_on")
    )


@dataclass
class BudgetSummary:
    budget: MoneyTotal
    funding: MoneyTotal
    spent: MoneyTotal

    @property
    def totals(self) -> list[MoneyTotal]:
        return [self.budget, self.funding, self.spent]

    @property
    def spent_percent(self) -> Decimal | None:
        if not self.budget.total.amount:
            return None
        return (self.spent.total.amount * 100 / self.budget.total.amount).quantize(Decimal("0.1"))


def project_budget_summary(*, project: Project, rates: RateTable | None = None) -> BudgetSummary:
    """Partner budgets, contributions and expenditure in the programme currency. Amounts are
    converted with the rate valid on the project's start date (expenditure: on its date)."""
    rates = rates or RateTable()
    currency = project.programme.currency
    if project.budget is not None:
        budgets = [project.budget]
    else:
        budgets = [partner.budget for partner in project.partners.all() if partner.budget]
    funding = [c.money for c in project.contributions.all() if c.money]
    spent_rows = Expenditure.objects.filter(project=project)
    spent = money_total([], currency=currency, on=project.start_date, rates=rates)
    for row in spent_rows:
        part = money_total(
            [Money(row.amount, row.currency)], currency=currency, on=row.spent_on, rates=rates
        )
        spent.total = spent.total + part.total
        spent.conversions += part.conversions
        spent.missing += part.missing
    return BudgetSummary(
        budget=money_total(budgets, currency=currency, on=project.start_date, rates=rates),
        funding=money_total(funding, currency=currency, on=project.start_date, rates=rates),
        spent=spent,
    )


def indicator_list(*, programme: Programme) -> QuerySet:
    return IndicatorDefinition.objects.filter(programme=programme).order_by("order", "code")


def exchange_rate_list(*, currency: str = "") -> QuerySet:
    rates = ExchangeRate.objects.all()
    if currency:
        rates = rates.filter(Q(source=currency.upper()) | Q(target=currency.upper()))
    return rates.order_by("source", "target", "-valid_from")
