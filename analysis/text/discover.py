"""Suggest new phenomena: groups of observations that speak of the same thing.

The groups are the stable communities of the neighbour graph of the blended vectors
(:mod:`analysis.text.space`): the graph is partitioned many times, on random subsamples and at
a few resolutions (:func:`analysis.text.communities.co_association`), and texts that were put
together in at least half of the runs that had both form a group (average linkage on the
co-association, cut at 0.5). The number of groups is never given; it is however many groups
hold together across the runs.

Why not one partition: on the development sets the eigengap of the spectrum chose 8 groups for
12 phenomena on the first set and 3 for 12 on the second, which lumped observations into groups
of 45 % of all texts ("palvelu, asiakas, työ"); choosing the number of groups by subsample
stability favoured the same few big groups; HDBSCAN left most texts unclustered or lumped them;
one Louvain partition was better but varied between runs and subsamples. The consensus
partition reached an adjusted Rand index of about 0.7 on both sets and 0.45-0.6 on random
halves of them, with no group above 25 % of the texts (``bench/phenomena_eval.py`` prints the
comparison).

Scale: the graph is built over at most :data:`MAX_NODES` nodes. Beyond that many texts,
k-means first condenses them into that many small, tight cells (weighted by their size), the
cells are grouped, and each text follows its cell. Work is linear in the number of texts.

Labels are the terms most typical of a group: used by many of its members and by few texts
outside it. Words that say nothing about the topic never label a group: the fixed list of
:data:`analysis.text.stopwords.GENERIC_TERMS` ("asiakas", "palvelu", "kunta", "klient",
"service"…) and, per corpus, words used in many texts of which no group holds the majority.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform
from sklearn.cluster import KMeans

from analysis.text.communities import co_association
from analysis.text.corpus import Corpus
from analysis.text.space import Space
from analysis.text.stopwords import GENERIC_TERMS

MIN_SIZE = 3
MAX_GROUPS = 40
MAX_NODES = 1_000
RESOLUTIONS = (1.0, 1.5, 2.0, 2.5, 3.0)
TOGETHER = 0.5  # grouped together in at least half of the runs
GENERIC_SHARE = 0.1  # a word in 10 % of the texts...
GENERIC_MAJORITY = 0.5  # ...of which no group holds more than half, is generic
_CELL_FIT_SAMPLE = 20_000  # 20 texts per cell place the cells well enough
_CELL_ROUNDS = 8  # cells need to be tight, not optimal: Lloyd converges slowly at the end
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
    were in groups smaller than ``min_size`` (at most ``max_groups`` groups are returned).
    ``space`` reuses an already fitted blend.
    """
    if len(corpus) < max(min_size, 1):
        return []
    space = space or Space.fit(corpus)
    tfidf = space.tfidf(corpus)
    vectors = space.transform(corpus, tfidf=tfidf)
    labels = cluster(vectors)
    found = _groups_of(labels, min_size)[:max_groups]
    presence = None if tfidf is None else (tfidf > 0).astype(np.float32).tocsc()
    generic = _generic_terms(presence, space.vocabulary, found)
    groups = [
        _describe(members, vectors, presence, space.vocabulary, generic, examples, label_terms)
        for members in found
    ]
    return sorted(groups, key=lambda g: (-g.size, g.members[0]))


def cluster(vectors: np.ndarray) -> np.ndarray:
    """A group number for every row of ``vectors`` (unit rows; zero rows get -1)."""
    n = len(vectors)
    labels = np.full(n, -1, dtype=np.intp)
    present = np.flatnonzero(np.any(vectors != 0, axis=1))
    if len(present) == 0:
        return labels
    nodes, weights, node_of = condense(vectors[present])
    labels[present] = _consensus(nodes, weights)[node_of]
    return labels


def condense(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Nodes for the graph: the texts themselves, or k-means cells when there are too many.

    Returns the node vectors, the texts per node and each text's node.
    """
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


def _consensus(nodes: np.ndarray, weights: np.ndarray) -> np.ndarray:
    if len(nodes) < 3:
        return np.zeros(len(nodes), dtype=np.intp)
    together = co_association(nodes, resolutions=RESOLUTIONS, weights=weights)
    distance = squareform(1.0 - together, checks=False).astype(np.float64)
    tree = linkage(np.clip(distance, 0.0, 1.0), method="average")
    return fcluster(tree, 1.0 - TOGETHER, criterion="distance").astype(np.intp) - 1


def _groups_of(labels: np.ndarray, min_size: int) -> list[np.ndarray]:
    found = [np.flatnonzero(labels == c) for c in np.unique(labels[labels >= 0])]
    found = [members for members in found if len(members) >= min_size]
    return sorted(found, key=lambda members: (-len(members), members[0]))


def _generic_terms(
    presence: sparse.csc_matrix | None, vocabulary: np.ndarray, groups: list[np.ndarray]
) -> frozenset[str]:
    """The fixed generic words, and the corpus's words used in at least
    :data:`GENERIC_SHARE` of its texts (and at least five) of which no group holds more
    than :data:`GENERIC_MAJORITY`: such a word runs through many topics and names none."""
    if presence is None or not groups:
        return GENERIC_TERMS
    document_frequency = np.asarray(presence.sum(axis=0)).ravel()
    common = document_frequency >= max(5.0, GENERIC_SHARE * presence.shape[0])
    largest_share = np.zeros(len(document_frequency))
    for members in groups:
        in_group = np.asarray(presence[members].sum(axis=0)).ravel()
        largest_share = np.maximum(largest_share, in_group / np.maximum(document_frequency, 1))
    spread = common & (largest_share <= GENERIC_MAJORITY)
    return GENERIC_TERMS | {str(term) for term in vocabulary[spread]}


def _describe(
    members: np.ndarray,
    vectors: np.ndarray,
    presence: sparse.csc_matrix | None,
    vocabulary: np.ndarray,
    generic: frozenset[str],
    examples: int,
    label_terms: int,
) -> Group:
    centre = vectors[members].mean(axis=0)
    centre /= max(float(np.linalg.norm(centre)), 1e-12)
    closeness = vectors[members] @ centre
    order = members[np.lexsort((members, -closeness))]
    terms = _typical_terms(members, presence, vocabulary, generic, label_terms)
    return Group(
        label=", ".join(terms[:3]),
        terms=terms,
        members=tuple(int(i) for i in order),
        examples=tuple(int(i) for i in order[:examples]),
        cohesion=float(closeness.mean()),
    )


def _typical_terms(
    members: np.ndarray,
    presence: sparse.csc_matrix | None,
    vocabulary: np.ndarray,
    generic: frozenset[str],
    count: int,
) -> tuple[str, ...]:
    """Terms used by many members and by few texts outside the group: the share of members
    using a term times the share of the term's texts that are members.

    A compound part is skipped when a term containing it is about as typical ('tuki' beside
    'toimeentulotuki'), so the label names the topic rather than repeating it.
    """
    if presence is None or count <= 0:
        return ()
    document_frequency = np.asarray(presence.sum(axis=0)).ravel()
    in_group = np.asarray(presence[members].sum(axis=0)).ravel()
    allowed = np.array([str(term) not in generic for term in vocabulary], dtype=bool)
    score = (in_group / len(members)) * (in_group / np.maximum(document_frequency, 1)) * allowed
    shared = score * (in_group >= min(2, len(members)))
    # a group whose members share no telling word is still named, by its members' own words
    return _choose_terms(shared if shared.any() else score, vocabulary, count)


def _choose_terms(score: np.ndarray, vocabulary: np.ndarray, count: int) -> tuple[str, ...]:
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
