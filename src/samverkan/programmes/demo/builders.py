"""Building blocks of the programmes demo: rates, standard indicators and idempotent upserts."""

from __future__ import annotations

from datetime import date

from samverkan.catalog.models import Organisation
from samverkan.programmes.models import (
    Contribution,
    Fund,
    IndicatorEntry,
    Programme,
    Project,
    Source,
)
from samverkan.programmes.services import activities as activity_services

RATES = [  # ECB annual average EUR/SEK, rounded; entered as demo operator data
    (date(2015, 1, 1), "9.35"),
    (date(2016, 1, 1), "9.47"),
    (date(2017, 1, 1), "9.64"),
    (date(2018, 1, 1), "10.26"),
    (date(2019, 1, 1), "10.59"),
]

STANDARD_INDICATORS = [
    # code, name, unit, source, demo target
    ("smes", "SMEs supported", "enterprises", Source.SMES_SUPPORTED, "200"),
    (
        "organisations",
        "Organisations supported",
        "organisations",
        Source.ORGANISATIONS_SUPPORTED,
        "220",
    ),
    (
        "cross-border",
        "Enterprises cooperating across borders",
        "enterprises",
        Source.CROSS_BORDER,
        "60",
    ),
    ("meetings", "Business meetings held", "meetings", Source.MEETINGS_HELD, "300"),
    ("advice-hours", "Hours of expert advice", "hours", Source.ADVICE_HOURS, "500"),
    ("opportunities", "Business opportunities", "opportunities", Source.OPPORTUNITIES, "40"),
    (
        "opportunities-outside",
        "Business opportunities outside EU/EFTA",
        "opportunities",
        Source.OPPORTUNITIES_OUTSIDE,
        "15",
    ),
    ("contracts", "Contracts signed", "contracts", Source.CONTRACTS, "20"),
    (
        "contracts-outside",
        "Contracts signed outside EU/EFTA",
        "contracts",
        Source.CONTRACTS_OUTSIDE,
        "10",
    ),
    ("contract-value", "Value of contracts signed", "", Source.CONTRACT_VALUE, None),
    ("jobs", "Jobs created", "jobs", Source.JOBS, "25"),
    ("would-continue", "Participants who would continue", "%", Source.WOULD_CONTINUE, "80"),
    ("satisfaction", "Satisfied participants", "%", Source.SATISFACTION, "80"),
]


def _org(slug: str) -> Organisation:
    return Organisation.objects.get(slug=slug)


def _programme(name, slug, start, end, currency, description, managing=None) -> Programme:
    programme, _created = Programme.objects.update_or_create(
        slug=slug,
        defaults={
            "name": name,
            "start_year": start,
            "end_year": end,
            "currency": currency,
            "description": description,
            "managing_organisation": managing,
        },
    )
    return programme


def _project(programme, slug, **fields) -> Project:
    project, _created = Project.objects.update_or_create(
        slug=slug, defaults={"programme": programme, **fields}
    )
    return project


def _fund(programme, name, kind, rate=None) -> Fund:
    fund, _created = Fund.objects.update_or_create(
        programme=programme, name=name, defaults={"kind": kind, "co_financing_rate": rate}
    )
    return fund


def _contributions(project, rows) -> None:
    project.contributions.all().delete()
    for row in rows:
        Contribution.objects.create(project=project, **row)


def _indicators(programme, currency) -> None:
    for order, (code, name, unit, source, target) in enumerate(STANDARD_INDICATORS, start=1):
        activity_services.indicator_define(
            actor=None,
            programme=programme,
            code=code,
            name=name,
            unit=unit or currency,
            source=source,
            target=target,
            order=order,
        )


def _companies(country: str, count: int) -> list[Organisation]:
    return list(
        Organisation.objects.filter(is_demo=True, kind="company", country=country).order_by("name")[
            :count
        ]
    )


def _entry(programme, code, project, **fields) -> None:
    indicator = programme.indicators.get(code=code)
    IndicatorEntry.objects.update_or_create(
        indicator=indicator, project=project, note=fields.pop("note"), defaults=fields
    )
