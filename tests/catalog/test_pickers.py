"""Pickers over reference data: grouped lists without JavaScript, type-ahead with htmx."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from samverkan.catalog import pickers
from samverkan.catalog.forms import OrganisationForm

pytestmark = pytest.mark.django_db


@translation.override("en")
def test_regions_are_grouped_by_country_with_every_level():
    groups = dict(pickers.grouped_choices("regions"))
    sweden = dict(groups["Sweden"])
    assert [code for code in sweden if code.startswith("SE33")] == ["SE33", "SE331", "SE332"]
    assert sweden["SE331"].strip() == "SE331 Västerbottens län"
    shallow = dict(dict(pickers.grouped_choices("regions", max_level=2))["Sweden"])
    assert "SE331" not in shallow and "SE33" in shallow


@translation.override("en")
def test_sectors_are_grouped_by_section_with_the_hierarchy():
    groups = dict(pickers.grouped_choices("sectors"))
    section_j = [label for label in groups if label.startswith("J ")]
    assert len(section_j) == 1
    codes = [code for code, _label in groups[section_j[0]]]
    assert codes[0] == "J"
    assert codes.index("58") < codes.index("58.1") < codes.index("58.11")


def test_countries_put_eu_and_efta_first_in_the_users_language():
    with translation.override("fi"):
        pickers.rows("countries")  # warm the cache for this language
        groups = dict(pickers.grouped_choices("countries"))
        assert ("SE", "Ruotsi") in groups["EU"]
        assert ("NO", "Norja") in groups["EFTA"]
        assert list(groups) == ["EU", "EFTA", "EU:n ja EFTAn ulkopuolella"]


@translation.override("en")
def test_search_by_code_and_by_folded_name():
    assert pickers.search("regions", "se331")[0] == ("SE331", "SE331 Västerbottens län")
    assert ("SE331", "SE331 Västerbottens län") in pickers.search("regions", "vasterbott")
    assert pickers.search("sectors", "62.10")[0][0] == "62.10"
    with translation.override("sv"):
        assert ("FI", "Finland") in pickers.search("countries", "finl")
    assert pickers.search("countries", "") == []
    assert pickers.search("nonsense", "se") == []


def test_type_ahead_endpoint_returns_named_checkboxes_or_radios(client):
    url = reverse("catalog:reference-options", args=["sectors"])
    response = client.get(url, {"name": "sectors", "multiple": "1", "find_sectors": "62.1"})
    assert response.status_code == 200
    assert 'type="checkbox" name="sectors" value="62.10"' in response.text
    radios = client.get(reverse("catalog:reference-options", args=["regions"]), {
        "name": "region", "q": "pohjanmaa"
    })  # fmt: skip
    assert 'type="radio" name="region" value="FI19A"' in radios.text
    assert "No matches." in client.get(url, {"q": "zzzz"}).text
    assert client.get(reverse("catalog:reference-options", args=["people"])).status_code == 404


def test_edit_form_takes_several_sectors_and_markets_from_the_lists():
    form = OrganisationForm(
        data={
            "name": "Picker AB",
            "kind": "company",
            "country": "SE",
            "visibility": "public",
            "region": "SE331",
            "sectors": ["35.12", "62.10"],
            "target_markets": ["NO", "CN"],
        }
    )
    assert form.is_valid(), form.errors
    data, _texts = form.service_data()
    assert (data["region"], data["sectors"], data["target_markets"]) == (
        "SE331",
        ["35.12", "62.10"],
        ["NO", "CN"],
    )


def test_list_filters_are_pickers_and_keep_a_deeper_choice(client, profile):
    response = client.get(reverse("catalog:organisation-list"), {"sector": "35.12"})
    text = response.text
    assert '<select id="id_region" name="region">' in text
    assert '<option value="35.12" selected>' in text
    assert 'hx-get="/catalogue/reference/sectors/?name=sector"' in text
    assert profile.name in text
