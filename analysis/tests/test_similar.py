import numpy as np

from analysis.text.corpus import prepare
from analysis.text.neighbours import knn
from analysis.text.similar import SimilarIndex


def test_similar_to_an_observation(dev_corpus, dev_gold):
    index = SimilarIndex.build(dev_corpus)
    found = index.similar_to(0, k=5)
    assert len(found) == 5
    assert 0 not in [p for p, _ in found]
    assert [s for _, s in found] == sorted((s for _, s in found), reverse=True)
    same = np.mean(
        [
            np.mean([dev_gold[p] == dev_gold[q] for q, _ in index.similar_to(p, 5)])
            for p in range(len(dev_gold))
        ]
    )
    assert same > 0.5  # chance is 1/12


def test_similar_to_a_new_text(dev_corpus, dev_gold):
    index = SimilarIndex.build(dev_corpus)
    item = prepare(["Omaishoitajat ovat uupuneita eivätkä pääse lomille."], ["fi"])[0]
    found = index.similar_to_item(item, k=3)
    assert [dev_gold[p] for p, _ in found].count("omaishoito") >= 2
    assert index.similar_to_item(prepare([""], ["fi"])[0]) == []


def test_approximate_knn_finds_most_true_neighbours(monkeypatch):
    from analysis.text import neighbours

    rng = np.random.default_rng(3)
    points = np.repeat(rng.normal(size=(20, 24)), 50, axis=0) + rng.normal(0, 0.3, (1000, 24))
    points = (points / np.linalg.norm(points, axis=1, keepdims=True)).astype(np.float32)
    exact, _ = knn(points, 10)
    monkeypatch.setattr(neighbours, "EXACT_LIMIT", 100)
    monkeypatch.setattr(neighbours, "_CELL_SIZE", 50)
    approximate, sims = knn(points, 10)
    recall = np.mean([len(set(a) & set(e)) / 10 for a, e in zip(approximate, exact, strict=True)])
    assert recall > 0.9
    assert np.all(np.diff(sims, axis=1) <= 1e-6)
    assert not np.any(approximate == np.arange(1000)[:, None])


def test_knn_of_tiny_inputs():
    assert knn(np.zeros((0, 4), np.float32), 5)[0].shape == (0, 0)
    indices, _ = knn(np.eye(2, 4, dtype=np.float32), 5)
    assert indices.tolist() == [[1], [0]]
