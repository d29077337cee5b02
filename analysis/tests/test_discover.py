import numpy as np
from sklearn.metrics import adjusted_rand_score

from analysis.text.corpus import Corpus, prepare
from analysis.text.discover import cluster, discover


def _partition(groups, n: int) -> list[int]:
    labels = [-1 - i for i in range(n)]  # ungrouped observations are singletons
    for number, group in enumerate(groups):
        for position in group.members:
            labels[position] = number
    return labels


def test_it_reaches_the_target_on_the_dev_set(dev_corpus, dev_gold):
    groups = discover(dev_corpus)
    assert adjusted_rand_score(dev_gold, _partition(groups, len(dev_gold))) >= 0.35
    assert 2 <= len(groups) <= 40


def test_groups_are_described(dev_corpus):
    for group in discover(dev_corpus, examples=2, label_terms=4):
        assert group.size >= 3
        assert group.label and len(group.terms) <= 4
        assert group.label.split(", ")[0] == group.terms[0]
        assert set(group.examples) <= set(group.members)
        assert len(group.examples) == 2
        assert 0 < group.cohesion <= 1


def test_groups_are_disjoint_and_largest_first(dev_corpus):
    groups = discover(dev_corpus)
    members = [p for g in groups for p in g.members]
    assert len(members) == len(set(members))
    assert [g.size for g in groups] == sorted((g.size for g in groups), reverse=True)


def test_it_is_deterministic(dev_corpus):
    assert discover(dev_corpus) == discover(dev_corpus)


def test_tiny_inputs():
    assert discover(Corpus.from_items([])) == []
    one = Corpus.from_items(prepare(["Ruoka-avun jonot pitenevät."], ["fi"]))
    assert discover(one) == []
    two = Corpus.from_items(prepare(["Ruoka-avun jonot.", "Sähkölasku on suuri."], ["fi"] * 2))
    assert discover(two) == []
    assert discover(two, min_size=1) != []


def test_empty_texts_stay_ungrouped():
    texts = [
        "",
        "Ruoka-avun jonot pitenevät.",
        "Ruoka-apua jaetaan kerran viikossa.",
        "Ruokajonoissa on yhä enemmän lapsiperheitä.",
    ]
    groups = discover(Corpus.from_items(prepare(texts, ["fi"] * 4)), min_size=1)
    assert all(0 not in g.members for g in groups)


def test_cluster_separates_obvious_blobs():
    rng = np.random.default_rng(1)
    centres = np.eye(8, 32)
    points = np.repeat(centres[:4], 30, axis=0) + rng.normal(0, 0.05, (120, 32))
    points /= np.linalg.norm(points, axis=1, keepdims=True)
    labels = cluster(points.astype(np.float32))
    assert adjusted_rand_score(np.repeat(np.arange(4), 30), labels) > 0.95


def test_cluster_condenses_large_inputs(monkeypatch):
    from analysis.text import discover as module

    monkeypatch.setattr(module, "MAX_NODES", 40)
    rng = np.random.default_rng(2)
    points = np.repeat(np.eye(5, 16), 100, axis=0) + rng.normal(0, 0.05, (500, 16))
    points /= np.linalg.norm(points, axis=1, keepdims=True)
    labels = cluster(points.astype(np.float32))
    assert adjusted_rand_score(np.repeat(np.arange(5), 100), labels) > 0.95
