"""Communities of a neighbour graph, and how often two texts land in the same one.

Discovery and the confidence of assignment both ask "do these observations speak of the same
thing?". One partition of a neighbour graph answers it badly: it depends on the luck of a
greedy search and on which texts happen to be there, so a big topic may be cut in two on one
run and lumped with its neighbour on the next. We therefore partition many times (Louvain
modularity, on random 80 % subsamples, with a few resolutions) and count, for each pair of
texts, the share of the runs that had both in which they were put together: the
*co-association* (Strehl & Ghosh 2002; Monti et al. 2003). It is a number an analyst can read
("grouped together in 7 runs out of 10"), it does not depend on one run, and a group that
appears only by chance (or only in some subsamples) gets low values and falls apart.

Louvain (Blondel et al. 2008) is written out here in a few lines of numpy and Python rather
than taken from a graph library: graphs have at most :data:`analysis.text.discover.MAX_NODES`
nodes (larger inputs are condensed into that many cells first), which takes tens of
milliseconds per run.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse

from analysis.text.neighbours import knn

NEIGHBOURS = 10
MAX_NEIGHBOUR_FACTOR = 2.0
RUNS = 30
SAMPLE_SHARE = 0.8
_MAX_SWEEPS = 30
_MAX_LEVELS = 20
_SEED = 0


def neighbour_graph(
    vectors: np.ndarray, *, k: int = NEIGHBOURS, weights: np.ndarray | None = None
) -> sparse.csr_matrix:
    """The symmetrised k-nearest-neighbour graph, edge weight = cosine (floored near 0).

    ``weights`` (texts per node, when nodes are condensed cells) scale each edge by the
    geometric mean of its ends, so a cell of 50 texts weighs like 50 texts.
    """
    n = len(vectors)
    indices, sims = knn(vectors, k)
    rows = np.repeat(np.arange(n), indices.shape[1])
    valid = indices.ravel() >= 0
    values = np.maximum(sims.ravel()[valid], 1e-6).astype(np.float64)
    if weights is not None:
        root = np.sqrt(np.asarray(weights, dtype=np.float64))
        values *= root[rows[valid]] * root[indices.ravel()[valid]]
    graph = sparse.csr_matrix((values, (rows[valid], indices.ravel()[valid])), shape=(n, n))
    return graph.maximum(graph.T).tocsr()


def neighbours_for(weights: np.ndarray | None) -> int:
    """Neighbours per node: more when each node is a cell of many texts.

    A topic of 8,000 texts condensed into 80 cells has many cells, each far from most of the
    others; with ten neighbours the cells of one topic fell into several communities. Grows
    with the square root of the texts per node, to at most :data:`MAX_NEIGHBOUR_FACTOR` times
    :data:`NEIGHBOURS`. Measured at 100,000 synthetic observations (bench/phenomena_scale.py,
    12 topics with sub-topics; bench/suggest_scale.py's 40 random topics), groups and adjusted
    Rand index with 10, 20 and 40 neighbours: 47 / 27 / 19 groups, 0.62 / 0.73 / 0.75 on the
    first; 40 / 34 / 16 groups, 1.00 / 0.87 / 0.49 on the second. Twenty holds on both.
    """
    per_node = 1.0 if weights is None or len(weights) == 0 else float(np.mean(weights))
    return round(NEIGHBOURS * min(MAX_NEIGHBOUR_FACTOR, max(1.0, np.sqrt(per_node))))


def louvain(graph: sparse.csr_matrix, *, resolution: float = 1.0, seed: int = _SEED) -> np.ndarray:
    """A community number per node that (locally) maximises modularity at ``resolution``.

    Higher resolutions give more, smaller communities. Deterministic for a given seed.
    """
    graph = sparse.csr_matrix(graph, dtype=np.float64)
    n = graph.shape[0]
    total = float(graph.sum())
    membership = np.arange(n)
    if n == 0 or total <= 0:
        return membership
    rng = np.random.default_rng(seed)
    for _ in range(_MAX_LEVELS):
        communities, moved = _move_nodes(graph, resolution, total, rng)
        if not moved:
            break
        membership = communities[membership]
        count = int(communities.max()) + 1
        merge = sparse.csr_matrix(
            (np.ones(len(communities)), (np.arange(len(communities)), communities)),
            shape=(len(communities), count),
        )
        graph = (merge.T @ graph @ merge).tocsr()
    return np.unique(membership, return_inverse=True)[1]


def _move_nodes(
    graph: sparse.csr_matrix, resolution: float, total: float, rng: np.random.Generator
) -> tuple[np.ndarray, bool]:
    """Louvain's first phase: move single nodes to the neighbouring community that gains most."""
    n = graph.shape[0]
    degree = np.asarray(graph.sum(axis=1)).ravel()
    community = np.arange(n)
    community_degree = degree.copy()
    indptr, indices, data = graph.indptr, graph.indices, graph.data
    order = rng.permutation(n)
    moved_any = False
    for _ in range(_MAX_SWEEPS):
        moved = 0
        for node in order:
            own = community[node]
            links: dict[int, float] = {}
            for position in range(indptr[node], indptr[node + 1]):
                other = indices[position]
                if other != node:
                    target = community[other]
                    links[target] = links.get(target, 0.0) + data[position]
            share = resolution * degree[node] / total
            community_degree[own] -= degree[node]
            best = own
            best_gain = links.get(own, 0.0) - share * community_degree[own]
            for target, weight in links.items():
                gain = weight - share * community_degree[target]
                if gain > best_gain + 1e-12:
                    best, best_gain = target, gain
            community_degree[best] += degree[node]
            if best != own:
                community[node] = best
                moved += 1
        if moved == 0:
            break
        moved_any = True
    return np.unique(community, return_inverse=True)[1], moved_any


def co_association(
    vectors: np.ndarray,
    *,
    resolutions: Sequence[float],
    weights: np.ndarray | None = None,
    runs: int = RUNS,
    sample_share: float = SAMPLE_SHARE,
    k: int | None = None,
    seed: int = _SEED,
) -> np.ndarray:
    """(n, n) float32: the share of the runs containing both nodes that put them together.

    Each run partitions the neighbour graph of a random ``sample_share`` of the nodes with
    Louvain, cycling through ``resolutions``. The diagonal is 1. ``k`` defaults to
    :func:`neighbours_for` the weights.
    """
    n = len(vectors)
    k = neighbours_for(weights) if k is None else k
    together = np.zeros((n, n), dtype=np.float32)
    sampled = np.zeros((n, n), dtype=np.float32)
    if n == 0:
        return together
    rng = np.random.default_rng(seed)
    size = max(2, min(n, round(sample_share * n)))
    for run in range(runs):
        sample = np.sort(rng.choice(n, size, replace=False))
        graph = neighbour_graph(
            vectors[sample], k=k, weights=None if weights is None else weights[sample]
        )
        labels = louvain(graph, resolution=resolutions[run % len(resolutions)], seed=seed + run)
        block = np.ix_(sample, sample)
        together[block] += labels[:, None] == labels[None, :]
        sampled[block] += 1.0
    shares = np.divide(together, sampled, out=np.zeros_like(together), where=sampled > 0)
    np.fill_diagonal(shares, 1.0)
    return shares
