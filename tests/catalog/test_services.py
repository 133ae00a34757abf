import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from samverkan.accounts.models import Membership
from samverkan.accounts.services import invitation_accept
from samverkan.catalog import services
from samverkan.catalog.models import Organisation, OrganisationText
from samverkan.common.models import AuditLogEntry
from tests.factories import UserFactory


def test_create_normalises_and_indexes(profile):
    assert profile.registration_number == "556036-0793"
    assert profile.slug == "vasteras-vindkraft-ab"
    assert [s.code for s in profile.sectors.all()] == ["35.12"]
    assert sorted(c.code for c in profile.target_markets.all()) == ["CN", "NO"]
    assert "vasteras vindkraft ab" in profile.search_text
    assert "malardalen" in profile.search_text


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"name": "X", "country": "XX"}, "country"),
        ({"name": "X", "country": "SE", "region": "FI19A"}, "region"),
        ({"name": "X", "country": "SE", "region": "SE999"}, "region"),
        ({"name": "X", "country": "SE", "sectors": ["99.99"]}, "sectors"),
        ({"name": "X", "country": "SE", "registration_number": "123"}, "registration_number"),
        ({"name": "X", "country": "SE", "target_markets": ["ZZ"]}, "target_markets"),
        ({"name": "X", "country": "SE", "founded_year": "3020"}, "founded_year"),
        ({"name": "", "country": "SE"}, "name"),
        ({"name": "X", "country": "SE", "website": "not a url"}, "website"),
    ],
)
def test_create_refuses_invalid_data_and_writes_nothing(operator, data, field):
    before = Organisation.objects.count()
    with pytest.raises(ValidationError) as error:
        services.organisation_create(actor=operator, data=data)
    assert field in error.value.message_dict
    assert Organisation.objects.count() == before


def test_duplicate_registration_number_is_refused(operator, profile):
    with pytest.raises(ValidationError) as error:
        services.organisation_create(
            actor=operator,
            data={"name": "Copy", "country": "SE", "registration_number": "5560360793"},
        )
    assert "556036-0793" in error.value.message_dict["registration_number"][0]


def test_update_logs_changed_fields_and_texts(profile, owner):
    services.organisation_update(
        actor=owner,
        organisation=profile,
        data={"city": "Umeå", "size_class": "small"},
        texts={"fi": {"description": "Tuulivoimaa"}},
    )
    entry = AuditLogEntry.objects.filter(action="catalog.organisation.update").get()
    assert entry.actor == owner
    assert entry.data == {
        "changed": {"city": "Umeå", "size_class": "small"},
        "texts": ["fi:description"],
    }
    profile.refresh_from_db()
    assert "tuulivoimaa" in profile.search_text
    assert OrganisationText.objects.filter(organisation=profile).count() == 2


def test_update_without_changes_logs_nothing(profile, operator):
    services.organisation_update(actor=operator, organisation=profile, data={"city": "Västerås"})
    assert not AuditLogEntry.objects.filter(action="catalog.organisation.update").exists()


def test_person_consent_is_timestamped_and_withdrawn(profile, operator):
    person = profile.people.get(name="Anna Listed")
    assert person.listing_consent_at is not None
    services.person_update(actor=operator, person=person, data={}, consent=False)
    person.refresh_from_db()
    assert person.listing_consent_at is None


def test_person_with_invalid_email_is_refused(profile, operator):
    with pytest.raises(ValidationError) as error:
        services.person_create(
            actor=operator, organisation=profile, data={"name": "X", "email": "not-an-email"}
        )
    assert "email" in error.value.message_dict


def test_claim_invitation_makes_the_company_owner(profile, operator):
    _invitation, token = services.organisation_claim_invite(
        actor=operator, organisation=profile, email="ceo@vindkraft.example.org"
    )
    assert mail.outbox[0].to == ["ceo@vindkraft.example.org"]
    user = UserFactory(email="ceo@vindkraft.example.org")
    invitation_accept(token=token, user=user)
    membership = Membership.objects.get(user=user, organisation=profile)
    assert membership.role == "owner"
    assert user.has_perm("catalog.change_organisation", profile)
    assert AuditLogEntry.objects.filter(action="catalog.organisation.claim_invite").exists()


def test_catalogue_needs_a_title_in_one_of_its_languages(operator):
    with pytest.raises(ValidationError):
        services.catalogue_save(actor=operator, slug="x", titles={"en": "X"}, languages=["sv"])
