import numpy as np

from analysis.text.assign import suggest
from analysis.text.corpus import Corpus, prepare


def _first_five_linked(gold: list[str]) -> tuple[dict[str, list[int]], list[int]]:
    linked: dict[str, list[int]] = {}
    candidates = []
    for position, phenomenon in enumerate(gold):
        if len(linked.setdefault(phenomenon, [])) < 5:
            linked[phenomenon].append(position)
        else:
            candidates.append(position)
    return linked, candidates


def test_it_reaches_the_targets_on_the_dev_set(dev_corpus, dev_gold):
    linked, candidates = _first_five_linked(dev_gold)
    result = suggest(dev_corpus, linked, candidates)
    first = np.mean([result[p][0].phenomenon == dev_gold[p] for p in candidates])
    three = np.mean([dev_gold[p] in [s.phenomenon for s in result[p]] for p in candidates])
    assert first >= 0.80
    assert three >= 0.95


def test_it_is_deterministic(dev_corpus, dev_gold):
    linked, candidates = _first_five_linked(dev_gold)
    assert suggest(dev_corpus, linked, candidates) == suggest(dev_corpus, linked, candidates)


def test_candidates_default_to_the_unlinked(dev_corpus, dev_gold):
    linked, candidates = _first_five_linked(dev_gold)
    assert sorted(suggest(dev_corpus, linked)) == candidates


def test_suggestions_are_ranked_and_limited(dev_corpus, dev_gold):
    linked, candidates = _first_five_linked(dev_gold)
    ranked = suggest(dev_corpus, linked, candidates[:1], top=5)[candidates[0]]
    assert len(ranked) == 5
    assert [s.score for s in ranked] == sorted((s.score for s in ranked), reverse=True)
    assert len({s.phenomenon for s in ranked}) == 5


def test_tiny_inputs():
    empty = Corpus.from_items([])
    assert suggest(empty, {}) == {}
    one = Corpus.from_items(prepare(["Asunnottomuus kasvaa."], ["fi"]))
    assert suggest(one, {"asunnottomuus": [0]}) == {}
    assert suggest(one, {}) == {0: []}
    two = Corpus.from_items(
        prepare(["Asunnottomuus kasvaa.", "Nuoret jäävät ilman asuntoa."], ["fi", "fi"])
    )
    result = suggest(two, {"asunnottomuus": [0], "tyhjä": []})
    assert [s.phenomenon for s in result[1]] == ["asunnottomuus"]


def test_empty_text_gets_suggestions_without_failing():
    corpus = Corpus.from_items(prepare(["Velkoja on paljon.", "", "Pikavipit kasautuvat."]))
    result = suggest(corpus, {"velat": [0]})
    assert set(result) == {1, 2}
    assert result[2][0].phenomenon == "velat"
