"""Suggest existing phenomena for observations that are not linked yet, best first, each with
a score, and none where the observation fits no phenomenon well enough.

Analysts link few observations per phenomenon (five is typical), so a trained classifier has
too little to learn from. Two transductive views over the blended vectors
(:mod:`analysis.text.space`) use the unlinked observations as well:

* **Fit** (the score shown): how often the observation was grouped together with the
  phenomenon's linked observations when the neighbour graph of all observations was
  partitioned many times (:func:`analysis.text.communities.co_association`, at fine
  resolutions). An observation of a phenomenon Sora does not know yet sits in a community of
  its own kind, away from every linked observation, so it fits nothing and gets no
  suggestion rather than a wrong one.
* **Closeness** breaks ties and orders suggestions of similar fit: the mean of seeded
  centroids (the mean of each phenomenon's linked observations, moved towards the unlinked
  observations nearest to it) and label spreading (Zhou et al. 2004) on the k-nearest-
  neighbour graph, which reaches texts that share no word with any linked one but resemble
  texts that do.

Whether to suggest anything and what to suggest are two questions (:func:`offered`). An
observation gets suggestions only when its fits to all phenomena add up to at least
:data:`MIN_TOTAL_FIT`: Sora grouped it with the observations of known phenomena at all, so it
most likely belongs to one of them. Which one is often unsure for an observation between two
phenomena, so then the three best with a fit of at least :data:`MIN_FIT` are shown, ranked
by fit plus half the closeness (a phenomenon close in the text space whose linked
observations were seldom grouped with this one still comes up). Gating on the best fit
alone instead hid the right phenomenon of such observations, whose fit is split between two
phenomena: the sum tells a known observation from an unknown one better.

Measured with ``bench/phenomena_eval.py`` on both development sets (five linked per
phenomenon): see ``bench/README.md`` for the figures and how both thresholds were chosen.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

import numpy as np

from analysis.text.communities import co_association
from analysis.text.corpus import Corpus
from analysis.text.discover import condense
from analysis.text.neighbours import knn
from analysis.text.space import Space

K = TypeVar("K", bound=Hashable)

# see bench/README.md: the lowest sum that leaves 60 % of the unknowns without a suggestion...
MIN_TOTAL_FIT = 0.32
# A suggestion's fit may be small when its phenomenon is close in the text space: ranking by
# fit plus half the closeness found the right phenomenon more often on all three development
# sets than a 5 % floor did. The floor of 1 % only keeps a "fit 0 %" button off the page.
MIN_FIT = 0.01
CLOSENESS_WEIGHT = 0.5
FIT_RESOLUTIONS = (2.0, 3.0, 4.0)  # finer than discovery's: fit is about close neighbours
_SMALL_GRAPH = 30  # below this many texts fine resolutions cut every pair apart
NEIGHBOURS = 10
_SEED_ROUNDS = 10
_PSEUDO_WEIGHT = 0.5
_SPREAD_ALPHA = 0.8  # share of a node's score that comes from its neighbours
_SPREAD_ROUNDS = 30


@dataclass(frozen=True)
class Suggestion(Generic[K]):
    """One suggested phenomenon for an observation.

    ``score`` is the fit, 0..1: the share of the partitions that put the observation together
    with the phenomenon's linked observations (shown to analysts as a percentage).
    ``closeness`` (about 0..1) orders suggestions of equal fit; ``similarity`` is the cosine
    between the observation and the phenomenon's centre.
    """

    phenomenon: K
    score: float
    closeness: float
    similarity: float


def suggest(
    corpus: Corpus,
    linked: Mapping[K, Sequence[int]],
    candidates: Sequence[int] | None = None,
    *,
    top: int = 3,
    min_total_fit: float = MIN_TOTAL_FIT,
    min_fit: float = MIN_FIT,
    vectors: np.ndarray | None = None,
) -> dict[int, list[Suggestion[K]]]:
    """At most ``top`` phenomena for each candidate position of ``corpus``, best first, as
    :func:`offered` chooses them (so a candidate may get none).

    ``linked`` maps each phenomenon to the corpus positions already linked to it (a position
    may be linked to several). ``candidates`` defaults to every position not linked. Pass
    ``vectors`` (from :class:`Space`) to reuse blended vectors computed earlier.
    Phenomena without linked observations cannot be suggested and are skipped.
    """
    keys = [key for key, positions in linked.items() if len(positions) > 0]
    if candidates is None:
        taken = {p for key in keys for p in linked[key]}
        candidates = [p for p in range(len(corpus)) if p not in taken]
    if not keys or not candidates:
        return {int(p): [] for p in candidates}
    if vectors is None:
        vectors = Space.fit(corpus).transform(corpus)
    groups = [linked[key] for key in keys]
    seeds = _seed_matrix(len(corpus), groups)
    similarity = _seeded_centroid_scores(vectors, seeds)
    closeness = (similarity + _label_spreading(vectors, seeds)) / 2
    fit = fit_scores(vectors, groups)
    return {
        int(p): offered(
            _ranked(keys, fit[p], closeness[p], similarity[p]),
            top=top,
            min_total_fit=min_total_fit,
            min_fit=min_fit,
        )
        for p in np.asarray(candidates)
    }


def offered(
    ranked: Sequence[Suggestion[K]],
    *,
    top: int = 3,
    min_total_fit: float = MIN_TOTAL_FIT,
    min_fit: float = MIN_FIT,
) -> list[Suggestion[K]]:
    """The suggestions to show, from every phenomenon ranked best first: none when the fits
    add up to less than ``min_total_fit`` (the observation belongs to no known phenomenon),
    else the first ``top`` with a fit of at least ``min_fit``."""
    if sum(s.score for s in ranked) < min_total_fit:
        return []
    return [s for s in ranked if s.score >= min_fit][:top]


def fit_scores(vectors: np.ndarray, groups: Sequence[Sequence[int]]) -> np.ndarray:
    """(n, len(groups)): each row's mean co-association with the rows of each group.

    Beyond :data:`analysis.text.discover.MAX_NODES` texts the partitions are of condensed
    cells, and texts of one cell share their fit.
    """
    n = len(vectors)
    fit = np.zeros((n, len(groups)), dtype=np.float32)
    present = np.flatnonzero(np.any(vectors != 0, axis=1))
    if len(present) < 2:
        return fit
    nodes, weights, node_of_present = condense(vectors[present])
    node_of = np.full(n, -1, dtype=np.intp)
    node_of[present] = node_of_present
    resolutions = FIT_RESOLUTIONS if len(nodes) >= _SMALL_GRAPH else (1.0,)
    together = co_association(nodes, resolutions=resolutions, weights=weights)
    for column, positions in enumerate(groups):
        linked_nodes = node_of[np.asarray(positions, dtype=np.intp)]
        linked_nodes = linked_nodes[linked_nodes >= 0]
        if len(linked_nodes):
            fit[present, column] = together[:, linked_nodes].mean(axis=1)[node_of_present]
    return fit


def _seed_matrix(n: int, groups: Sequence[Sequence[int]]) -> np.ndarray:
    """One column per phenomenon, 1 where a position is linked to it."""
    seeds = np.zeros((n, len(groups)), dtype=np.float32)
    for column, positions in enumerate(groups):
        seeds[np.asarray(positions, dtype=np.intp), column] = 1.0
    return seeds


def _seeded_centroid_scores(vectors: np.ndarray, seeds: np.ndarray) -> np.ndarray:
    is_linked = seeds.any(axis=1)
    weights = seeds
    scores = vectors @ _centroids(vectors, weights).T
    for _ in range(_SEED_ROUNDS):
        pseudo = np.zeros_like(seeds)
        pseudo[np.arange(len(vectors)), scores.argmax(axis=1)] = _PSEUDO_WEIGHT
        pseudo[is_linked] = 0.0
        pseudo[~np.any(vectors != 0, axis=1)] = 0.0  # empty texts teach nothing
        new_weights = seeds + pseudo
        if np.array_equal(new_weights, weights):
            break
        weights = new_weights
        scores = vectors @ _centroids(vectors, weights).T
    return scores


def _centroids(vectors: np.ndarray, weights: np.ndarray) -> np.ndarray:
    sums = weights.T @ vectors
    norms = np.linalg.norm(sums, axis=1, keepdims=True)
    return np.divide(sums, norms, out=np.zeros_like(sums), where=norms > 0)


def _label_spreading(vectors: np.ndarray, seeds: np.ndarray) -> np.ndarray:
    """Spread scores, each row scaled to unit length so it is comparable to cosines."""
    from scipy import sparse

    n = len(vectors)
    indices, sims = knn(vectors, NEIGHBOURS)
    if indices.shape[1] == 0:
        return seeds.copy()
    rows = np.repeat(np.arange(n), indices.shape[1])
    valid = indices.ravel() >= 0
    graph = sparse.csr_matrix(
        (np.maximum(sims.ravel()[valid], 0.0), (rows[valid], indices.ravel()[valid])),
        shape=(n, n),
    )
    graph = graph.maximum(graph.T)
    degree = np.asarray(graph.sum(axis=1)).ravel()
    scale = sparse.diags(np.where(degree > 0, 1 / np.sqrt(np.maximum(degree, 1e-12)), 0.0))
    normalised = (scale @ graph @ scale).tocsr()
    state = seeds.astype(np.float64)
    for _ in range(_SPREAD_ROUNDS):
        state = _SPREAD_ALPHA * (normalised @ state) + (1 - _SPREAD_ALPHA) * seeds
    norms = np.linalg.norm(state, axis=1, keepdims=True)
    return np.divide(state, norms, out=np.zeros_like(state), where=norms > 0)


def _ranked(
    keys: Sequence[K],
    fit: np.ndarray,
    closeness: np.ndarray,
    similarity: np.ndarray,
) -> list[Suggestion[K]]:
    """Every phenomenon, by fit (to the percent shown) plus ``CLOSENESS_WEIGHT`` times the
    closeness; ties by closeness."""
    blended = np.round(fit, 2) + CLOSENESS_WEIGHT * closeness
    order = np.lexsort((np.arange(len(keys)), -closeness, -blended))
    return [
        Suggestion(keys[i], float(fit[i]), float(closeness[i]), float(similarity[i])) for i in order
    ]
