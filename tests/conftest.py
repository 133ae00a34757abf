"""Fixtures shared by the whole suite."""

from __future__ import annotations

import pytest

from tests.factories import MembershipFactory, OrganisationFactory, UserFactory


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def password() -> str:
    return "correct horse battery staple"


@pytest.fixture
def user(password):
    return UserFactory(password=password)


@pytest.fixture
def operator(password):
    return UserFactory(password=password, is_operator=True)


@pytest.fixture
def organisation():
    return OrganisationFactory()


@pytest.fixture
def owner(organisation, password):
    membership = MembershipFactory(organisation=organisation, role="owner", user__password=password)
    return membership.user
