"""Personal data: a catalogue person with the user's e-mail is exported and erased."""

from __future__ import annotations

import pytest

from samverkan.catalog import privacy
from samverkan.catalog.models import Person
from samverkan.common.models import AuditLogEntry
from samverkan.privacy.registry import personal_data_providers

pytestmark = pytest.mark.django_db


@pytest.fixture
def anna_user(django_user_model, password):
    return django_user_model.objects.create_user(email="ANNA@example.org", password=password)


def test_export_lists_the_person_records_with_the_users_email(profile, anna_user):
    data = privacy.export_personal_data(user=anna_user)

    assert [row["name"] for row in data["catalogue_people"]] == ["Anna Listed"]
    row = data["catalogue_people"][0]
    assert row["organisation"] == "Västerås Vindkraft AB"
    assert row["email"] == "anna@example.org"
    assert row["listing_consent_at"] is not None


def test_erase_anonymises_and_withdraws_consent(profile, anna_user):
    anna = Person.objects.get(name="Anna Listed")

    assert privacy.erase_personal_data(user=anna_user) == 1

    anna.refresh_from_db()
    assert (anna.name, anna.email, anna.phone, anna.role) == ("(erased)", "", "", "")
    assert anna.listing_consent_at is None
    assert Person.objects.get(name="Bo Hidden").email == "bo@example.org"
    names = [
        entry.data.get("name")
        for entry in AuditLogEntry.objects.filter(action="catalog.person.create")
    ]
    assert "Anna Listed" not in names
    assert privacy.export_personal_data(user=anna_user) == {"catalogue_people": []}


def test_a_user_without_person_records_has_nothing(user):
    assert privacy.export_personal_data(user=user) == {"catalogue_people": []}
    assert privacy.erase_personal_data(user=user) == 0


def test_the_privacy_registry_finds_the_catalogue():
    assert "catalog" in [provider.app_label for provider in personal_data_providers()]
