"""Fixtures of the catalogue tests: reference data, profiles, a published catalogue."""

from __future__ import annotations

import pytest

from samverkan.catalog import services
from samverkan.catalog.reference import reference_data_load


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def reference_data(db):
    # Loaded by migration 0003; transactional tests flush it, so make sure it is there.
    reference_data_load()


@pytest.fixture
def profile(operator):
    """A public Swedish company with texts, sectors, markets and one consenting contact."""
    organisation = services.organisation_create(
        actor=operator,
        data={
            "name": "Västerås Vindkraft AB",
            "country": "SE",
            "registration_number": "556036-0793",
            "region": "SE125",
            "sectors": ["35.12"],
            "keywords": "wind power, turbines",
            "target_markets": ["NO", "CN"],
            "city": "Västerås",
        },
        texts={"sv": {"description": "Vi bygger vindkraftverk i Mälardalen.", "offers": "Service"}},
    )
    services.person_create(
        actor=operator,
        organisation=organisation,
        data={"name": "Anna Listed", "email": "anna@example.org"},
        consent=True,
    )
    services.person_create(
        actor=operator,
        organisation=organisation,
        data={"name": "Bo Hidden", "email": "bo@example.org"},
        consent=False,
    )
    return organisation


@pytest.fixture
def catalogue(operator, profile):
    catalogue = services.catalogue_save(
        actor=operator,
        slug="kvarken",
        titles={"sv": "Cleantech Kvarken-företag", "fi": "Cleantech Kvarken -yritykset"},
        languages=["sv", "fi"],
    )
    services.catalogue_add_organisations(
        actor=operator, catalogue=catalogue, organisations=[profile]
    )
    return services.catalogue_publish(actor=operator, catalogue=catalogue, published=True)
