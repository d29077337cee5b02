"""Nearest neighbours over unit vectors, exact while cheap and approximate beyond.

The k-nearest-neighbour graph is the backbone of label spreading (assignment). Exact search
is a blocked matrix product: fine for a few thousand texts, but quadratic, so past
:data:`EXACT_LIMIT` we switch to an inverted-file search: k-means cells over the vectors, and
each text compares itself only with the texts of its few nearest cells. That is linear in n
for a fixed cell size and finds nearly all true neighbours of topical text, whose
neighbours sit in the same region by construction.

A single lookup ("observations similar to this one") is always exact: one matrix-vector
product over 100,000 x ~600 float32 takes a few milliseconds.
"""

from __future__ import annotations

import numpy as np
from sklearn.cluster import MiniBatchKMeans

EXACT_LIMIT = 6_000
_BLOCK = 2_048
_PROBES = 4
_CELL_SIZE = 300
_SEED = 0


def knn(vectors: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The k most similar other rows of each row: (indices, similarities), best first.

    With fewer than k + 1 rows every other row is returned; missing slots hold index -1.
    """
    n = len(vectors)
    k = max(0, min(k, n - 1))
    if k == 0:
        return np.zeros((n, 0), dtype=np.intp), np.zeros((n, 0), dtype=np.float32)
    if n <= EXACT_LIMIT:
        return _exact_knn(vectors, vectors, k, exclude_self=True)
    return _ivf_knn(vectors, k)


def top_k(matrix: np.ndarray, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Indices and similarities of the k rows of ``matrix`` most similar to ``query``."""
    scores = matrix @ query
    k = min(k, len(scores))
    if k <= 0:
        return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.float32)
    best = np.argpartition(scores, len(scores) - k)[len(scores) - k :]
    order = np.lexsort((best, -scores[best]))  # ties broken by index: deterministic
    return best[order], scores[best[order]]


def _exact_knn(
    queries: np.ndarray, base: np.ndarray, k: int, *, exclude_self: bool, offset: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    n = len(queries)
    indices = np.empty((n, k), dtype=np.intp)
    sims = np.empty((n, k), dtype=np.float32)
    for start in range(0, n, _BLOCK):
        block = queries[start : start + _BLOCK] @ base.T
        if exclude_self:
            rows = np.arange(len(block))
            block[rows, rows + start + offset] = -np.inf
        indices[start : start + len(block)], sims[start : start + len(block)] = _best_k(block, k)
    return indices, sims


def _best_k(scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    part = np.argpartition(-scores, k - 1, axis=1)[:, :k]
    part_scores = np.take_along_axis(scores, part, axis=1)
    order = np.argsort(-part_scores, axis=1, kind="stable")
    return np.take_along_axis(part, order, axis=1), np.take_along_axis(part_scores, order, axis=1)


def _ivf_knn(vectors: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    n = len(vectors)
    cells = max(2, n // _CELL_SIZE)
    quantiser = MiniBatchKMeans(
        cells, init="random", n_init=1, max_iter=20, batch_size=8_192, random_state=_SEED
    )
    quantiser.fit(vectors[np.random.default_rng(_SEED).permutation(n)[: 50 * cells]])
    centres = quantiser.cluster_centers_.astype(np.float32)
    probes, _ = _exact_knn(vectors, centres, min(_PROBES, cells), exclude_self=False)
    members = [np.flatnonzero(probes[:, 0] == c) for c in range(cells)]
    best_idx = np.full((n, k), -1, dtype=np.intp)
    best_sim = np.full((n, k), -np.inf, dtype=np.float32)
    for cell in range(cells):
        queries = np.flatnonzero((probes == cell).any(axis=1))
        base = members[cell]
        if len(queries) == 0 or len(base) == 0:
            continue
        scores = vectors[queries] @ vectors[base].T
        scores[queries[:, None] == base[None, :]] = -np.inf
        _merge(best_idx, best_sim, queries, base, scores, k)
    return best_idx, np.where(np.isfinite(best_sim), best_sim, 0.0).astype(np.float32)


def _merge(
    best_idx: np.ndarray,
    best_sim: np.ndarray,
    queries: np.ndarray,
    base: np.ndarray,
    scores: np.ndarray,
    k: int,
) -> None:
    """Fold one cell's candidates into the running best-k of its queries."""
    take = min(k, scores.shape[1])
    cand_idx, cand_sim = _best_k(scores, take)
    all_idx = np.hstack([best_idx[queries], base[cand_idx]])
    all_sim = np.hstack([best_sim[queries], cand_sim])
    keep_idx, keep_sim = _best_k(all_sim, k)
    best_idx[queries] = np.take_along_axis(all_idx, keep_idx, axis=1)
    best_sim[queries] = keep_sim
