"""Fixtures for the matching app: a small catalogue where the right partner is obvious."""

from __future__ import annotations

import pytest
from django.test import override_settings

from samverkan.catalog.models import OrganisationText, Sector
from samverkan.matching.index import match_index_reset
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _fresh_index_and_tasks():
    """Each test starts with no process-wide index (ids are reused between tests)."""
    match_index_reset()
    with override_settings(TASKS=IMMEDIATE):
        yield
    match_index_reset()


def sector(code: str, name: str) -> Sector:
    parent = None
    section = "C"
    level = {2: 2, 4: 3, 5: 4}.get(len(code), 1)
    obj, _created = Sector.objects.get_or_create(
        code=code, defaults={"section": section, "level": level, "name": name, "parent": parent}
    )
    return obj


def profile(
    name: str,
    *,
    country: str = "SE",
    kind: str = "company",
    offers: str = "",
    needs: str = "",
    description: str = "",
    language: str = "en",
    sectors=(),
    markets=(),
    languages=(),
    visibility: str = "public",
):
    org = OrganisationFactory(
        name=name, country=country, kind=kind, visibility=visibility, languages=list(languages)
    )
    OrganisationText.objects.create(
        organisation=org, language=language, description=description, offers=offers, needs=needs
    )
    if sectors:
        org.sectors.set([sector(code, label) for code, label in sectors])
    if markets:
        from samverkan.catalog.models import Country

        org.target_markets.set(
            [Country.objects.get_or_create(code=c, defaults={"name": c})[0] for c in markets]
        )
    return org


@pytest.fixture
def fibre(password):
    """A Swedish fibre-sensor SME that needs an Estonian distributor."""
    return profile(
        "Fibre Sense AB",
        offers="fibre optic sensors for harsh environments",
        needs="distribution partner in Estonia\nexport to Canada",
        description="We build fibre optic sensing systems.",
        sectors=[("26.51", "Manufacture of measuring instruments")],
        markets=["EE"],
        languages=["sv", "en"],
    )


@pytest.fixture
def distributor():
    return profile(
        "Tallinn Distribution OÜ",
        country="EE",
        offers="distribution partner in Estonia for industrial sensors",
        needs="fibre optic sensors",
        description="Distributor of measuring instruments in the Baltics.",
        sectors=[("26.51", "Manufacture of measuring instruments")],
        languages=["et", "en"],
    )


@pytest.fixture
def bakery():
    return profile("Riga Bakery SIA", country="LV", offers="rye bread", needs="flour")


@pytest.fixture
def secret():
    return profile(
        "Hidden Sensors AB",
        offers="distribution partner in Estonia for fibre optic sensors",
        needs="fibre optic sensors",
        visibility="private",
    )


@pytest.fixture
def catalogue_orgs(fibre, distributor, bakery):
    return [fibre, distributor, bakery]


@pytest.fixture
def sme(fibre, password):
    return MembershipFactory(organisation=fibre, role="owner", user__password=password).user


@pytest.fixture
def distributor_owner(distributor, password):
    user = UserFactory(password=password, language="sv")
    MembershipFactory(organisation=distributor, user=user, role="owner")
    return user
