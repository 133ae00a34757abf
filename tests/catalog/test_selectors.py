from samverkan.catalog import selectors, services
from samverkan.catalog.models import Visibility
from samverkan.catalog.selectors import OrganisationFilters
from tests.factories import UserFactory


def _names(user, **filters):
    found = selectors.organisation_search(user=user, filters=OrganisationFilters(**filters))
    return [organisation.name for organisation in found]


def _make(operator, name, **data):
    return services.organisation_create(
        actor=operator, data={"name": name, "country": "SE", **data}
    )


def test_search_is_accent_and_case_insensitive(profile, operator):
    _make(operator, "Umeå Energi", city="Umeå")
    assert _names(None, q="vasteras") == ["Västerås Vindkraft AB"]
    assert _names(None, q="VÄSTERÅS") == ["Västerås Vindkraft AB"]
    assert _names(None, q="malardalen") == ["Västerås Vindkraft AB"]  # in the Swedish text
    assert _names(None, q="umea") == ["Umeå Energi"]
    assert _names(None, q="vind turb") == ["Västerås Vindkraft AB"]  # prefixes, all words
    assert _names(None, q="vind umea") == []


def test_search_matches_finnish_estonian_latvian_texts(operator):
    services.organisation_create(
        actor=operator,
        data={"name": "Rīgas Saule SIA", "country": "LV"},
        texts={"fi": {"offers": "Älykäs sähköverkko"}, "et": {"needs": "Põhja-Eesti partnerid"}},
    )
    assert _names(None, q="riga") == ["Rīgas Saule SIA"]
    assert _names(None, q="alykas sahkoverkko") == ["Rīgas Saule SIA"]
    assert _names(None, q="Pohja partnerid") == ["Rīgas Saule SIA"]


def test_filters_by_region_at_any_level_sector_hierarchy_market(profile, operator):
    _make(operator, "Umeå Data", region="SE331", sectors=["62.10"], target_markets=["DE"])
    assert _names(None, region="SE1") == ["Västerås Vindkraft AB"]
    assert _names(None, region="SE12") == ["Västerås Vindkraft AB"]
    assert _names(None, region="se125") == ["Västerås Vindkraft AB"]
    assert _names(None, region="SE3") == ["Umeå Data"]
    assert _names(None, sector="D") == ["Västerås Vindkraft AB"]
    assert _names(None, sector="35") == ["Västerås Vindkraft AB"]
    assert _names(None, sector="62.1") == ["Umeå Data"]
    assert _names(None, market="cn") == ["Västerås Vindkraft AB"]
    assert _names(None, sort="-name") == ["Västerås Vindkraft AB", "Umeå Data"]


def test_catalogue_filter(catalogue, operator):
    _make(operator, "Outside AB")
    assert _names(None, catalogue="kvarken") == ["Västerås Vindkraft AB"]


def test_visibility(profile, operator):
    members_only = _make(operator, "Members Only", visibility=Visibility.MEMBERS)
    private = _make(operator, "Private One", visibility=Visibility.PRIVATE)
    signed_in = UserFactory()
    assert _names(None) == ["Västerås Vindkraft AB"]
    assert _names(signed_in) == ["Members Only", "Västerås Vindkraft AB"]
    assert _names(operator) == ["Members Only", "Private One", "Västerås Vindkraft AB"]
    from samverkan.accounts.services import membership_set

    membership_set(actor=None, user=signed_in, organisation=private)
    assert _names(signed_in) == ["Members Only", "Private One", "Västerås Vindkraft AB"]
    assert members_only.pk != private.pk


def test_facet_counts(profile, operator):
    _make(operator, "Umeå Data", region="SE331", sectors=["62.10"], kind="cluster")
    _make(operator, "Oulu Oy", country="FI", target_markets=["CN"])
    organisations = selectors.organisation_search(user=None, filters=OrganisationFilters())
    facets = selectors.organisation_facets(organisations=organisations)
    assert [(v, n) for v, _label, n in facets["country"]] == [("SE", 2), ("FI", 1)]
    assert [(v, n) for v, _label, n in facets["kind"]] == [("company", 2), ("cluster", 1)]
    assert {v: n for v, _label, n in facets["region"]} == {"SE12": 1, "SE33": 1}
    assert {v: n for v, _label, n in facets["sector"]} == {"D": 1, "K": 1}
    assert {v: n for v, _label, n in facets["market"]} == {"CN": 2, "NO": 1}
    assert facets["region"][0][1].startswith("SE")


def test_search_index_follows_updates_and_deletes(operator):
    organisation = _make(operator, "Kvarken Sol AB", keywords="solpaneler")
    assert _names(None, q="solpanel") == ["Kvarken Sol AB"]
    services.organisation_update(
        actor=operator, organisation=organisation, data={"keywords": "vätgas"}
    )
    assert _names(None, q="solpanel") == []
    assert _names(None, q="vatgas") == ["Kvarken Sol AB"]
    organisation.delete()
    assert _names(None, q="vatgas") == []


def test_search_ignores_punctuation_and_quotes(profile):
    assert _names(None, q='"vasteras" (vind*') == ["Västerås Vindkraft AB"]


def test_relevance_sort_ranks_better_matches_first_on_every_database(operator):
    _make(operator, "Plain Solar AB", keywords="solar")
    _make(operator, "Solar Solar Solar AB", keywords="solar, solar panels, solar parks")
    _make(operator, "Wind Only AB", keywords="wind")
    names = _names(None, q="solar", sort="relevance")
    assert names == ["Solar Solar Solar AB", "Plain Solar AB"]
    assert _names(None, q="solar", sort="name") == ["Plain Solar AB", "Solar Solar Solar AB"]


def test_facets_of_a_relevance_search_and_a_sampled_facet_count(operator):
    for number in range(3):
        _make(operator, f"Sun {number} AB", keywords="sun", size_class="small")
    organisations, facets = selectors.organisation_search_with_facets(
        user=None, filters=OrganisationFilters(q="sun", sort="relevance")
    )
    assert len(list(organisations)) == 3
    assert (facets["size"], facets["sampled"]) == ([("small", "Small (10-49 employees)", 3)], False)
    sampled = selectors.organisation_facets(organisations=organisations, limit=2)
    assert (sampled["country"][0][2], sampled["sampled"]) == (2, True)


def test_paginator_counts_up_to_the_cap(operator):
    from samverkan.catalog.pagination import CatalogPaginator

    for number in range(4):
        _make(operator, f"Capped {number} AB")
    organisations = selectors.organisation_search(user=None, filters=OrganisationFilters())
    paginator = CatalogPaginator(organisations, 2)
    paginator.count_cap = 3
    assert (paginator.count, paginator.count_capped, paginator.num_pages) == (3, True, 2)
    assert CatalogPaginator(organisations, 2).count == 4
