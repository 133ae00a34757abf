"""Saved searches: validation, results with hard filters, e-mail alerts for new matches."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from samverkan.catalog.models import Country
from samverkan.matching import selectors, services
from samverkan.matching.models import SavedSearch
from tests.factories import UserFactory
from tests.matching.conftest import profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def estonia():
    return Country.objects.get_or_create(code="EE", defaults={"name": "Estonia"})[0]


@pytest.fixture
def search(sme, fibre, catalogue_orgs, estonia):
    return services.saved_search_create(
        actor=sme,
        data={
            "name": "Estonian sensor partners",
            "need": "fibre optic sensors distribution",
            "country": "ee",
            "organisation": fibre,
        },
    )


def test_validation_messages_and_nothing_saved(sme, distributor):
    with pytest.raises(ValidationError) as exc:
        services.saved_search_create(
            actor=sme, data={"name": "", "country": "QQ", "organisation": distributor}
        )
    assert set(exc.value.message_dict) == {"name", "country", "organisation"}
    assert SavedSearch.objects.count() == 0


def test_results_respect_country_filter(search, sme, distributor, bakery):
    results = selectors.saved_search_results(search=search, user=sme)
    assert [s.organisation for s in results] == [distributor]
    assert search.notified_ids == [distributor.pk]


def test_alert_only_for_new_matches(search, sme, estonia, mailoutbox):
    assert services.saved_search_alerts_send() == 0
    newcomer = profile("Tartu Optics OÜ", country="EE", offers="fibre optic sensors distribution")
    assert services.saved_search_alerts_send() == 1
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [sme.email]
    assert "Tartu Optics OÜ" in mailoutbox[0].body
    search.refresh_from_db()
    assert newcomer.pk in search.notified_ids
    assert services.saved_search_alerts_send() == 0  # never announced twice


def test_alerts_command(search, estonia, mailoutbox, capsys):
    profile("Narva Sensors OÜ", country="EE", offers="fibre optic sensors distribution")
    call_command("matching_alerts")
    assert "1 alert e-mail(s) sent." in capsys.readouterr().out
    assert len(mailoutbox) == 1


def test_alerts_off_sends_nothing(search, estonia, mailoutbox):
    search.alerts_enabled = False
    search.save()
    profile("Pärnu Sensors OÜ", country="EE", offers="fibre optic sensors distribution")
    assert services.saved_search_alerts_send() == 0
    assert mailoutbox == []


def test_pages_owner_only(client, search, sme, distributor):
    client.force_login(sme)
    assert search.name in client.get(reverse("matching:search-list")).content.decode()
    detail = client.get(reverse("matching:search-detail", args=[search.pk])).content.decode()
    assert distributor.name in detail
    client.force_login(UserFactory())
    assert client.get(reverse("matching:search-detail", args=[search.pk])).status_code == 302
    assert client.post(reverse("matching:search-delete", args=[search.pk])).status_code == 403
    assert SavedSearch.objects.filter(pk=search.pk).exists()


def test_create_through_form_shows_errors(client, sme):
    client.force_login(sme)
    response = client.post(reverse("matching:search-list"), {"name": "X", "country": "ZZ"})
    assert response.status_code == 200
    assert "Unknown country code." in response.content.decode()
    assert SavedSearch.objects.count() == 0
