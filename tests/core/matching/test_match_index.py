import dataclasses

from match_helpers import catalogue, org, ranker

from samverkan.core.matching.index import MatchIndex
from samverkan.core.matching.model import MatchQuery, PastProject


def ids(recs):
    return [r.org_id for r in recs]


def test_text_need_ranks_the_matching_offer_first_with_a_reason():
    idx = MatchIndex.build(catalogue(), ranker(offer_need=5.0, text=1.0))
    recs = idx.recommend(MatchQuery(seeker_id="seeker", need="fibre sensors for harbours"), k=3)
    assert recs[0].org_id == "fibre"
    assert "offers fibre optic sensors, which you need" in [r.text for r in recs[0].reasons]


def test_seeker_and_excluded_ids_never_returned():
    idx = MatchIndex.build(catalogue(), ranker(same_kind=1.0))
    recs = idx.recommend(MatchQuery(seeker_id="seeker", exclude_ids=("fibre",)), k=10)
    assert "seeker" not in ids(recs) and "fibre" not in ids(recs)
    assert len(recs) == 4


def test_product_signals_explain_nace_language_and_market():
    idx = MatchIndex.build(catalogue(), ranker(nace=2.0, language=1.0, market=1.5))
    recs = idx.recommend(MatchQuery(seeker_id="seeker"), k=2)
    assert ids(recs) == ["fibre", "tallinn"]
    fibre = [r.text for r in recs[0].reasons]
    assert "same NACE class 26.51" in fibre
    assert "speaks Finnish" in fibre
    assert "based in Estonia, your target market" in [r.text for r in recs[1].reasons]


def test_graph_reasons_name_the_shared_project_and_the_common_partner():
    idx = MatchIndex.build(catalogue(), ranker(copartner=2.0, two_hop=1.0))
    recs = idx.recommend(MatchQuery(seeker_id="seeker"), k=2)
    assert ids(recs) == ["partner", "friend"]
    assert recs[0].reasons[0].text == "worked with you in Project p1"
    assert recs[1].reasons[0].text == "worked together with Uppsala kommun in project Project p2"


def test_target_regions_prefer_orgs_inside_them():
    idx = MatchIndex.build(catalogue(), ranker(in_target=1.0))
    recs = idx.recommend(MatchQuery(target_region_codes=("SE12", "LV")), k=2)
    assert set(ids(recs)) == {"partner", "bakery"}
    assert recs[0].reasons[0].code == "in_target"


def test_reasons_are_ordered_by_contribution():
    idx = MatchIndex.build(catalogue(), ranker(nace=3.0, language=1.0))
    recs = idx.recommend(MatchQuery(seeker_id="seeker"), k=1)
    weights = [r.weight for r in recs[0].reasons]
    assert weights == sorted(weights, reverse=True) and weights[0] == 3.0


def test_upsert_and_remove_change_results_without_rebuilding():
    idx = MatchIndex.build(catalogue(), ranker(offer_need=5.0))
    q = MatchQuery(need="sourdough bread")
    assert ids(idx.recommend(q, k=1)) == ["bakery"]
    idx.upsert(org("newbake", name="Leipomo Oy", offers=("sourdough bread", "bread")))
    assert ids(idx.recommend(q, k=1)) == ["newbake"]
    idx.remove("newbake")
    assert ids(idx.recommend(q, k=1)) == ["bakery"]
    assert "newbake" not in idx and len(idx) == 6


def test_incremental_index_ranks_like_a_fresh_build():
    orgs = catalogue()
    w = ranker(offer_need=3.0, copartner=1.0, two_hop=0.5, same_nuts2=0.3, language=0.2)
    inc = MatchIndex.build(orgs[:3], w)
    for o in orgs[3:]:
        inc.upsert(o)
    fresh = MatchIndex.build(orgs, w)
    q = MatchQuery(seeker_id="seeker", need="fibre sensors and research")
    assert ids(inc.recommend(q, k=5)) == ids(fresh.recommend(q, k=5))


def test_editing_history_updates_the_graph():
    idx = MatchIndex.build(catalogue(), ranker(copartner=1.0))
    assert ids(idx.recommend(MatchQuery(seeker_id="seeker"), k=1)) == ["partner"]
    bakery = idx.get("bakery")
    joined = dataclasses.replace(bakery, past_projects=(PastProject("p1"), PastProject("p9")))
    idx.upsert(joined)
    recs = idx.recommend(MatchQuery(seeker_id="seeker"), k=2)
    assert set(ids(recs)) == {"partner", "bakery"}
    assert idx.degree[idx.row_of["partner"]] == 3  # seeker, friend and now the bakery


def test_default_weights_load_and_rank():
    idx = MatchIndex.build(catalogue())
    recs = idx.recommend(MatchQuery(seeker_id="seeker", need="fibre optic sensors"), k=3)
    assert len(recs) == 3 and recs[0].score >= recs[-1].score
    assert idx.ranker.meta.get("source", "").startswith("benchmarks/matching/train.py")


def test_repeated_ids_in_a_bulk_load_keep_the_last_version():
    orgs = [*catalogue(), org("bakery", name="Riga Bakery SIA", offers=("sourdough bread",))]
    idx = MatchIndex.build(orgs, ranker(offer_need=1.0))
    assert len(idx) == 6 and idx.get("bakery").offers == ("sourdough bread",)


def test_liked_partners_raise_similar_profiles_with_a_reason():
    orgs = [
        org("seeker", name="Seeker AB", description="software consultancy"),
        org("liked", name="Hydro One", description="hydrogen electrolysers for ports"),
        org("alike", name="H2 Harbour", description="hydrogen electrolysers for harbours"),
        org("other", name="Forest Tech", description="forestry machines and sawmills"),
    ]
    index = MatchIndex.build(orgs, ranker(text=1.0))
    plain = index.recommend(MatchQuery(seeker_id="seeker", need="machines"), k=3)
    assert plain[0].org_id == "other"

    liked = index.recommend(
        MatchQuery(seeker_id="seeker", need="machines", like_ids=("liked",)), k=3
    )
    assert liked[0].org_id == "alike"
    reasons = {r.code: r.text for r in liked[0].reasons}
    assert reasons["liked"] == "similar to Hydro One, which you marked relevant"
    # The liked organisation itself gets no boost from its own profile.
    assert [r.org_id for r in liked].index("liked") > 0
