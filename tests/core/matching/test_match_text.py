import numpy as np

from samverkan.core.matching.text import TextIndex, best_matching_phrase, tokenize


def test_tokenize_drops_numbers_and_single_letters():
    assert tokenize("Interreg 2021-27: a RSO2.7 Vätgas") == ["interreg", "rso2", "vätgas"]


def test_char_ngrams_match_inflections_across_languages():
    idx = TextIndex()
    idx.build(["fiberoptiska sensorer för industrin", "bageri och catering", "turism i skärgården"])
    s = idx.scores("fibre optic sensors")
    assert int(np.argmax(s)) == 0
    assert s[0] > 0.1 and s[1] == 0.0


def test_set_and_remove_match_a_fresh_build():
    texts = ["vesi ja ilmasto", "water and climate research", "skog och energi"]
    fresh = TextIndex()
    fresh.build(texts)
    inc = TextIndex()
    inc.build([*texts[:2], "placeholder text"])
    inc.set(2, texts[2])
    got = inc.scores("skogsenergi")
    want = fresh.scores("skogsenergi")
    assert int(np.argmax(got)) == int(np.argmax(want)) == 2
    inc.set(2, None)
    assert inc.scores("skogsenergi")[2] == 0.0
    inc.compact()
    assert inc.scores("skogsenergi")[2] == 0.0
    assert inc.scores("climate")[1] > 0


def test_new_rows_are_scored_before_and_after_compaction():
    idx = TextIndex(compact_every=2)
    idx.build(["alpha beta"])
    idx.set(1, "kiertotalous ja kierrätys")
    before = idx.scores("kiertotalous")[1]
    idx.set(2, "circular economy")  # triggers compaction
    after = idx.scores("kiertotalous")[1]
    assert before > 0 and abs(before - after) < 1e-6


def test_best_matching_phrase_picks_the_offer_closest_to_the_need():
    idx = TextIndex()
    idx.build(["fibre optic sensors", "catering"])
    hit = best_matching_phrase(idx, "we need fibre sensors", ["catering", "fibre optic sensors"])
    assert hit is not None and hit[0] == "fibre optic sensors"
