"""Automatic indicator sources: one function per standard indicator.

Each takes a `Scope` and returns a `SourceResult`: the value and the records it came from.
The facts are this app's own records (activities and their participants, business meetings,
advice sessions, business outcomes, follow-up survey answers) plus, through `external.py`,
the records of the events and visits apps once they exist.
"""

from __future__ import annotations

from collections.abc import Callable

from samverkan.programmes.indicators import cohorts
from samverkan.programmes.indicators.records import HUNDRED, ONE, ZERO, Scope, SourceResult, total
from samverkan.programmes.indicators.sources.activities import (
    advice_hours,
    cross_border,
    meetings_held,
    organisations_supported,
    smes_supported,
)
from samverkan.programmes.indicators.sources.outcomes import (
    contract_value,
    contracts,
    contracts_outside,
    jobs,
    opportunities,
    opportunities_outside,
)
from samverkan.programmes.indicators.sources.surveys import (
    SurveyFact,
    satisfaction,
    survey_facts,
    would_continue,
)
from samverkan.programmes.models import Source


def cohort_offerings(scope: Scope) -> SourceResult:
    records = cohorts.offerings(scope)
    return SourceResult(total(records), records)


def manual_only(scope: Scope) -> SourceResult:
    return SourceResult(ZERO, [])


SOURCES: dict[str, Callable[[Scope], SourceResult]] = {
    Source.MANUAL: manual_only,
    Source.ORGANISATIONS_SUPPORTED: organisations_supported,
    Source.SMES_SUPPORTED: smes_supported,
    Source.CROSS_BORDER: cross_border,
    Source.MEETINGS_HELD: meetings_held,
    Source.ADVICE_HOURS: advice_hours,
    Source.COHORT_OFFERINGS: cohort_offerings,
    Source.OPPORTUNITIES: opportunities,
    Source.OPPORTUNITIES_OUTSIDE: opportunities_outside,
    Source.CONTRACTS: contracts,
    Source.CONTRACTS_OUTSIDE: contracts_outside,
    Source.CONTRACT_VALUE: contract_value,
    Source.JOBS: jobs,
    Source.WOULD_CONTINUE: would_continue,
    Source.SATISFACTION: satisfaction,
}

__all__ = [
    "HUNDRED",
    "ONE",
    "SOURCES",
    "ZERO",
    "SurveyFact",
    "advice_hours",
    "cohort_offerings",
    "contract_value",
    "contracts",
    "contracts_outside",
    "cross_border",
    "jobs",
    "manual_only",
    "meetings_held",
    "opportunities",
    "opportunities_outside",
    "organisations_supported",
    "satisfaction",
    "smes_supported",
    "survey_facts",
    "would_continue",
]
