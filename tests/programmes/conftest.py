"""Fixtures for the programmes tests: a programme with a project, partners and indicators."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import override_settings

from samverkan.programmes.models import Source
from samverkan.programmes.services import activities as activity_services
from samverkan.programmes.services import programmes as services
from tests.factories import OrganisationFactory

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _immediate_tasks():
    with override_settings(TASKS=IMMEDIATE):
        yield


@pytest.fixture
def programme(db):
    return services.programme_create(
        actor=None,
        name="Interreg Botnia-Atlantica 2014-2020",
        start_year=2014,
        end_year=2020,
        currency="EUR",
    )


@pytest.fixture
def lead(db):
    return OrganisationFactory(name="North Sweden Cleantech", kind="cluster", country="SE")


@pytest.fixture
def project(programme, lead):
    project = services.project_create(
        actor=None,
        programme=programme,
        name="Cleantech Kvarken",
        acronym="CK",
        start_date=date(2015, 1, 1),
        end_date=date(2018, 12, 31),
    )
    services.partner_set(
        actor=None,
        project=project,
        organisation=lead,
        role="LP",
        budget_amount="100000",
        budget_currency="EUR",
    )
    return project


@pytest.fixture
def eur_sek(db):
    services.exchange_rate_set(
        actor=None, source="EUR", target="SEK", rate="9.35", valid_from=date(2015, 1, 1)
    )
    services.exchange_rate_set(
        actor=None, source="EUR", target="SEK", rate="10.26", valid_from=date(2018, 1, 1)
    )


STANDARD = [
    ("smes", Source.SMES_SUPPORTED, "10"),
    ("organisations", Source.ORGANISATIONS_SUPPORTED, "20"),
    ("cross-border", Source.CROSS_BORDER, "5"),
    ("meetings", Source.MEETINGS_HELD, "10"),
    ("advice-hours", Source.ADVICE_HOURS, "100"),
    ("opportunities", Source.OPPORTUNITIES, "10"),
    ("opportunities-outside", Source.OPPORTUNITIES_OUTSIDE, "4"),
    ("contracts", Source.CONTRACTS, "4"),
    ("contracts-outside", Source.CONTRACTS_OUTSIDE, "2"),
    ("contract-value", Source.CONTRACT_VALUE, None),
    ("jobs", Source.JOBS, "10"),
    ("would-continue", Source.WOULD_CONTINUE, "80"),
    ("satisfaction", Source.SATISFACTION, "80"),
]


@pytest.fixture
def indicators(programme):
    return {
        code: activity_services.indicator_define(
            actor=None,
            programme=programme,
            code=code,
            name=code.replace("-", " ").title(),
            unit="x",
            source=source,
            target=target,
            order=order,
        )
        for order, (code, source, target) in enumerate(STANDARD)
    }


@pytest.fixture
def companies(db):
    return {
        "se1": OrganisationFactory(name="Snölast AB", country="SE"),
        "se2": OrganisationFactory(name="Kvarken Vind AB", country="SE"),
        "fi1": OrganisationFactory(name="Vaasa Sensors Oy", country="FI"),
        "uni": OrganisationFactory(name="Umeå universitet", kind="university", country="SE"),
    }
