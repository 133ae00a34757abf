"""Suggested partners: ranking through the core, reasons, visibility, feedback as a signal."""

import pytest
from django.utils import translation

from samverkan.core.matching.model import MatchQuery
from samverkan.matching import selectors, services
from samverkan.matching.adapters import organisation_queryset, organisation_to_core
from samverkan.matching.index import match_index
from samverkan.matching.models import SuggestionFeedback, Verdict
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_adapter_maps_profile_to_core(fibre):
    core = organisation_to_core(organisation_queryset().get(pk=fibre.pk))
    assert core.id == str(fibre.pk)
    assert core.offers == ("fibre optic sensors for harsh environments",)
    assert core.needs == ("distribution partner in Estonia", "export to Canada")
    assert core.nace_codes == ("26.51",)
    assert core.target_markets == ("EE",)
    assert core.languages == ("sv", "en")
    assert core.past_projects == ()


def test_best_partner_first_with_reasons(sme, fibre, catalogue_orgs, distributor):
    results = selectors.suggestion_list(organisation=fibre, user=sme, k=5)
    assert results[0].organisation == distributor
    assert fibre not in [s.organisation for s in results]
    codes = results[0].reason_codes
    assert "offer_need" in codes
    assert "nace" in codes
    texts = dict(results[0].reasons)
    assert texts["nace"] == "same NACE class 26.51"


def test_reasons_translated_to_swedish(sme, fibre, catalogue_orgs):
    with translation.override("sv"):
        results = selectors.suggestion_list(organisation=fibre, user=sme, k=1)
    texts = dict(results[0].reasons)
    assert texts["nace"] == "samma NACE-klass 26.51"
    assert texts["offer_need"].startswith("erbjuder ")


def test_private_profiles_never_suggested_to_outsiders(sme, fibre, catalogue_orgs, secret):
    outsider_view = selectors.suggestion_list(organisation=fibre, user=sme, k=10)
    assert secret not in [s.organisation for s in outsider_view]
    operator = UserFactory(is_operator=True)
    operator_view = selectors.suggestion_list(organisation=fibre, user=operator, k=10)
    assert secret in [s.organisation for s in operator_view]


def test_not_relevant_feedback_excludes_partner_next_time(sme, fibre, catalogue_orgs, distributor):
    services.suggestion_feedback_set(
        actor=sme, organisation=fibre, suggested=distributor, verdict=Verdict.NOT_RELEVANT
    )
    results = selectors.suggestion_list(organisation=fibre, user=sme, k=10)
    assert distributor not in [s.organisation for s in results]
    services.suggestion_feedback_set(
        actor=sme, organisation=fibre, suggested=distributor, verdict=Verdict.RELEVANT
    )
    results = selectors.suggestion_list(organisation=fibre, user=sme, k=10)
    assert results[0].organisation == distributor
    assert results[0].verdict == "relevant"
    assert SuggestionFeedback.objects.filter(organisation=fibre).count() == 1


def test_feedback_rejects_unknown_verdict_and_self(sme, fibre, distributor):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.suggestion_feedback_set(
            actor=sme, organisation=fibre, suggested=distributor, verdict="maybe"
        )
    with pytest.raises(ValidationError):
        services.suggestion_feedback_set(
            actor=sme, organisation=fibre, suggested=fibre, verdict="relevant"
        )
    assert SuggestionFeedback.objects.count() == 0


def test_index_follows_catalogue_edits_incrementally(sme, fibre, catalogue_orgs, bakery):
    index = match_index()
    assert len(index) == 3
    # An edit elsewhere (another process): noticed through updated_at, no rebuild.
    text = bakery.texts.get()
    text.offers = "fibre optic sensors distribution in Estonia"
    text.save()
    bakery.save()
    assert match_index() is index
    assert "fibre optic sensors distribution in Estonia" in index.get(str(bakery.pk)).offers
    # A deletion is noticed by the row count.
    bakery_id = str(bakery.pk)
    bakery.delete()
    assert bakery_id not in match_index()
    # The explicit hook upserts at once.
    from tests.matching.conftest import profile

    newcomer = profile("Newcomer Oy", country="FI", offers="sensor calibration")
    services.matching_index_refresh_organisation(organisation_id=newcomer.pk)
    assert str(newcomer.pk) in index
    recs = index.recommend(MatchQuery(seeker_id=str(fibre.pk)), k=10)
    assert bakery_id not in [r.org_id for r in recs]


def test_suggestion_list_query_count(sme, fibre, catalogue_orgs, django_assert_max_num_queries):
    match_index()  # built once; later reads are constant
    selectors.suggestion_list(organisation=fibre, user=sme, k=10)
    with django_assert_max_num_queries(5):
        selectors.suggestion_list(organisation=fibre, user=sme, k=10)


def test_relevant_feedback_raises_profiles_like_the_liked_partner(
    sme, fibre, catalogue_orgs, bakery
):
    from tests.matching.conftest import profile

    pastry = profile(
        "Tartu Pastry OÜ", country="EE", offers="rye bread and pastries", needs="flour mills"
    )
    before = selectors.suggestion_list(organisation=fibre, user=sme)
    services.suggestion_feedback_set(
        actor=sme, organisation=fibre, suggested=bakery, verdict=Verdict.RELEVANT
    )
    after = selectors.suggestion_list(organisation=fibre, user=sme)

    def score(results, organisation):
        return next(s.score for s in results if s.organisation == organisation)

    assert score(after, pastry) > score(before, pastry)
    assert score(after, bakery) == score(before, bakery)
    reasons = dict(next(s for s in after if s.organisation == pastry).reasons)
    assert reasons["liked"] == "similar to Riga Bakery SIA, which you marked relevant"
    with translation.override("sv"):
        swedish = selectors.suggestion_list(organisation=fibre, user=sme)
    reasons_sv = dict(next(s for s in swedish if s.organisation == pastry).reasons)
    assert reasons_sv["liked"] == "liknar Riga Bakery SIA, som ni markerat som relevant"
