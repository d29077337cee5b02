"""Suggest new phenomena: groups of observations that speak of the same thing.

Spectral clustering on a k-nearest-neighbour graph of the blended vectors
(:mod:`analysis.text.space`). A neighbour graph follows topics of any shape and density,
where k-means on raw vectors splits big topics and lumps small ones; the leading eigenvectors
of the normalised graph expose its loosely connected communities. On the development set
(12 phenomena, 240 texts) this reached an adjusted Rand index of 0.55 with 8 groups chosen
automatically, where k-means and Ward on the same vectors reached 0.38 and 0.48 even when
told the true number (12), and k-means on raw embeddings or on words alone 0.22 and 0.10.

The number of groups is read off the graph, never given: the largest gap between consecutive
eigenvalues (the "eigengap") marks how many well separated communities there are.

Scale: the graph is built over at most :data:`MAX_NODES` nodes. Beyond that many texts,
k-means first condenses them into that many small, tight cells (weighted by their size), the
cells are clustered, and each text follows its cell. Work is linear in the number of texts.

Labels are the terms most typical of a group relative to the whole corpus (a class-based
TF-IDF), so a group reads "omaishoitaja, vapaa, jaksaminen" rather than "olla, asiakas".
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.sparse.linalg import eigsh
from sklearn.cluster import KMeans

from analysis.text.corpus import Corpus
from analysis.text.neighbours import knn
from analysis.text.space import Space

MIN_SIZE = 3
MAX_GROUPS = 40
MAX_NODES = 1_000
NEIGHBOURS = 10
_CELL_FIT_SAMPLE = 20_000  # 20 texts per cell place the cells well enough
_CELL_ROUNDS = 8  # cells need to be tight, not optimal: Lloyd converges slowly at the end
_DENSE_EIGEN_LIMIT = 200
_SEED = 0


@dataclass(frozen=True)
class Group:
    """A suggested phenomenon. Positions index the corpus given to :func:`discover`."""

    label: str  # the first terms, joined: a starting point for the analyst's own name
    terms: tuple[str, ...]
    members: tuple[int, ...]  # most typical first
    examples: tuple[int, ...]  # the most typical members, to show as example texts
    cohesion: float  # mean cosine of members to the group's centre (0..1)

    @property
    def size(self) -> int:
        return len(self.members)


def discover(
    corpus: Corpus,
    *,
    min_size: int = MIN_SIZE,
    max_groups: int = MAX_GROUPS,
    examples: int = 3,
    label_terms: int = 5,
    space: Space | None = None,
) -> list[Group]:
    """Group the observations of ``corpus``, largest group first.

    Pass the observations that fit no existing phenomenon. Observations in no returned group
    were in groups smaller than ``min_size``. ``space`` reuses an already fitted blend.
    """
    if len(corpus) < max(min_size, 1):
        return []
    space = space or Space.fit(corpus)
    tfidf = space.tfidf(corpus)
    vectors = space.transform(corpus, tfidf=tfidf)
    labels = cluster(vectors, max_groups=max_groups, min_size=min_size)
    groups = [
        _describe(members, vectors, tfidf, space.vocabulary, examples, label_terms)
        for members in _groups_of(labels, min_size)
    ]
    return sorted(groups, key=lambda g: (-g.size, g.members[0]))


def cluster(
    vectors: np.ndarray, *, max_groups: int = MAX_GROUPS, min_size: int = MIN_SIZE
) -> np.ndarray:
    """A cluster number for every row of ``vectors`` (unit rows; zero rows get -1)."""
    n = len(vectors)
    labels = np.full(n, -1, dtype=np.intp)
    present = np.flatnonzero(np.any(vectors != 0, axis=1))
    if len(present) == 0:
        return labels
    nodes, weights, node_of = _condense(vectors[present])
    labels[present] = _spectral(nodes, weights, max_groups, min_size)[node_of]
    return labels


def _condense(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Nodes for the graph: the texts themselves, or k-means cells when there are too many."""
    n = len(vectors)
    if n <= MAX_NODES:
        return vectors, np.ones(n), np.arange(n)
    cells = KMeans(MAX_NODES, init="random", n_init=1, max_iter=_CELL_ROUNDS, random_state=_SEED)
    sample = np.random.default_rng(_SEED).permutation(n)[:_CELL_FIT_SAMPLE]
    cells.fit(vectors[np.sort(sample)])
    cell_of = cells.predict(vectors)
    used, node_of = np.unique(cell_of, return_inverse=True)
    sums = np.zeros((len(used), vectors.shape[1]), dtype=np.float64)
    np.add.at(sums, node_of, vectors)
    weights = np.bincount(node_of).astype(np.float64)
    nodes = (sums / np.linalg.norm(sums, axis=1, keepdims=True)).astype(np.float32)
    return nodes, weights, node_of


def _spectral(nodes: np.ndarray, weights: np.ndarray, max_groups: int, min_size: int) -> np.ndarray:
    count = len(nodes)
    most = int(min(max_groups, weights.sum() // max(min_size, 1), count - 1))
    if most < 2:
        return np.zeros(count, dtype=np.intp)
    values, vectors = _leading_eigenvectors(_normalised_graph(nodes), most + 1)
    k = _eigengap(values, most)
    embedding = vectors[:, :k]
    norms = np.linalg.norm(embedding, axis=1, keepdims=True)
    embedding = np.divide(embedding, norms, out=np.zeros_like(embedding), where=norms > 0)
    kmeans = KMeans(k, n_init=10, random_state=_SEED)
    return kmeans.fit_predict(embedding, sample_weight=weights)


def _normalised_graph(nodes: np.ndarray) -> sparse.csr_matrix:
    """D^-1/2 W D^-1/2 of the symmetrised k-NN graph, edge weight = cosine (floored at 0)."""
    n = len(nodes)
    indices, sims = knn(nodes, NEIGHBOURS)
    rows = np.repeat(np.arange(n), indices.shape[1])
    graph = sparse.csr_matrix(
        (np.maximum(sims.ravel(), 1e-6), (rows, indices.ravel())), shape=(n, n)
    )
    graph = graph.maximum(graph.T)
    degree = np.asarray(graph.sum(axis=1)).ravel()
    scale = sparse.diags(1 / np.sqrt(np.maximum(degree, 1e-12)))
    return (scale @ graph @ scale).tocsr()


def _leading_eigenvectors(matrix: sparse.csr_matrix, count: int) -> tuple[np.ndarray, np.ndarray]:
    """The ``count`` largest eigenpairs, largest first; Lanczos from a fixed start vector
    (deterministic) unless the graph is small enough for a dense solver."""
    matrix = matrix.astype(np.float64)
    n = matrix.shape[0]
    if n <= _DENSE_EIGEN_LIMIT or count >= n - 1:
        values, vectors = np.linalg.eigh(matrix.toarray())
    else:
        start = np.random.default_rng(_SEED).uniform(0.5, 1.5, n)
        values, vectors = eigsh(matrix, k=count, which="LA", v0=start)
    order = np.argsort(-values, kind="stable")[:count]
    vectors = vectors[:, order]
    signs = np.sign(vectors[np.abs(vectors).argmax(axis=0), np.arange(vectors.shape[1])])
    return values[order], vectors * np.where(signs == 0, 1, signs)  # fix sign: deterministic


def _eigengap(values: np.ndarray, most: int) -> int:
    """The k in 2..most after which the eigenvalues drop the most."""
    gaps = values[1:most] - values[2 : most + 1]  # gaps[i] is the drop after k = i + 2
    return int(np.argmax(gaps)) + 2 if len(gaps) else 2


def _groups_of(labels: np.ndarray, min_size: int) -> list[np.ndarray]:
    found = [np.flatnonzero(labels == c) for c in np.unique(labels[labels >= 0])]
    return [members for members in found if len(members) >= min_size]


def _describe(
    members: np.ndarray,
    vectors: np.ndarray,
    tfidf: sparse.csr_matrix | None,
    vocabulary: np.ndarray,
    examples: int,
    label_terms: int,
) -> Group:
    centre = vectors[members].mean(axis=0)
    centre /= max(float(np.linalg.norm(centre)), 1e-12)
    closeness = vectors[members] @ centre
    order = members[np.lexsort((members, -closeness))]
    terms = _typical_terms(members, tfidf, vocabulary, label_terms)
    return Group(
        label=", ".join(terms[:3]),
        terms=terms,
        members=tuple(int(i) for i in order),
        examples=tuple(int(i) for i in order[:examples]),
        cohesion=float(closeness.mean()),
    )


def _typical_terms(
    members: np.ndarray, tfidf: sparse.csr_matrix | None, vocabulary: np.ndarray, count: int
) -> tuple[str, ...]:
    """Terms frequent in the group and rare elsewhere: share of members using it x IDF.

    A compound part is skipped when a term containing it is about as typical ('tuki' beside
    'toimeentulotuki'), so the label names the topic rather than repeating it.
    """
    if tfidf is None or count <= 0:
        return ()
    present = (tfidf > 0).astype(np.float32)
    document_frequency = np.asarray(present.sum(axis=0)).ravel()
    in_group = np.asarray(present[members].sum(axis=0)).ravel()
    idf = np.log(present.shape[0] / np.maximum(document_frequency, 1))
    score = (in_group / len(members)) * idf * (in_group >= min(2, len(members)))
    ranked = [int(i) for i in np.lexsort((np.arange(len(score)), -score))[: 4 * count]]
    ranked = [i for i in ranked if score[i] > 0]
    chosen: list[str] = []
    for index in ranked:
        term = str(vocabulary[index])
        if any(term in better for better in chosen) or _has_whole(
            term, index, ranked, vocabulary, score
        ):
            continue
        chosen.append(term)
        if len(chosen) == count:
            break
    return tuple(chosen)


def _has_whole(
    part: str, index: int, ranked: list[int], vocabulary: np.ndarray, score: np.ndarray
) -> bool:
    """True when a nearly as typical term contains ``part`` ('väki' in 'väkivalta')."""
    return any(
        other != index and part in str(vocabulary[other]) and score[other] >= 0.7 * score[index]
        for other in ranked
    )
