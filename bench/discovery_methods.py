"""Ways of choosing the number of groups, compared with the one discovery uses.

Each function takes the blended vectors of a corpus (unit rows) and returns a group number per
row (-1: no group); none is told how many groups there are. Only for the comparison in
``bench/phenomena_eval.py``; discovery itself is ``analysis.text.discover.cluster``.
"""

import numpy as np
from scipy import sparse
from sklearn.cluster import HDBSCAN, KMeans
from sklearn.metrics import adjusted_rand_score

from analysis.text.communities import louvain, neighbour_graph
from analysis.text.discover import cluster

MOST_GROUPS = 40
_SEED = 0


def consensus(vectors: np.ndarray) -> np.ndarray:
    """What discovery uses: communities that hold together across subsampled Louvain runs."""
    return cluster(vectors)


def eigengap(vectors: np.ndarray) -> np.ndarray:
    """Spectral clustering; the number of groups at the largest gap between eigenvalues."""
    values, embedding = _spectrum(vectors)
    most = min(MOST_GROUPS, len(vectors) // 3)
    gaps = values[1:most] - values[2 : most + 1]
    return _kmeans_rows(embedding, int(np.argmax(gaps)) + 2 if len(gaps) else 2)


def hdbscan(vectors: np.ndarray, *, min_cluster_size: int = 3) -> np.ndarray:
    """HDBSCAN on the spectral embedding (on the raw 600-dimensional vectors it finds one or
    two groups): the density of the embedding decides the groups, the rest is noise."""
    _, embedding = _spectrum(vectors, dimensions=20)
    rows = embedding / np.maximum(np.linalg.norm(embedding, axis=1, keepdims=True), 1e-12)
    return HDBSCAN(min_cluster_size=min_cluster_size, copy=True).fit_predict(rows)


def louvain_once(vectors: np.ndarray, *, resolution: float = 2.0) -> np.ndarray:
    """One Louvain partition of the neighbour graph at one resolution."""
    return louvain(neighbour_graph(vectors), resolution=resolution)


def stability_selection(vectors: np.ndarray, *, runs: int = 6, share: float = 0.8) -> np.ndarray:
    """Spectral clustering with the number of groups whose partitions of random subsamples
    agree best (mean pairwise adjusted Rand index on the shared texts)."""
    n = len(vectors)
    rng = np.random.default_rng(_SEED)
    samples = [np.sort(rng.choice(n, int(share * n), replace=False)) for _ in range(runs)]
    spectra = [_spectrum(vectors[s])[1] for s in samples]
    best, chosen = -1.0, 2
    for k in range(2, min(MOST_GROUPS, n // 5) + 1):
        labelled = []
        for sample, embedding in zip(samples, spectra, strict=True):
            labels = np.full(n, -1)
            labels[sample] = _kmeans_rows(embedding[:, :k], k)
            labelled.append((sample, labels))
        agreement = [
            adjusted_rand_score(a[1][shared], b[1][shared])
            for i, a in enumerate(labelled)
            for b in labelled[i + 1 :]
            for shared in [np.intersect1d(a[0], b[0])]
        ]
        if np.mean(agreement) > best:
            best, chosen = float(np.mean(agreement)), k
    return _kmeans_rows(_spectrum(vectors)[1][:, :chosen], chosen)


def _spectrum(vectors: np.ndarray, dimensions: int = MOST_GROUPS + 1):
    """Leading eigenpairs of the normalised neighbour graph, largest first."""
    graph = neighbour_graph(vectors)
    degree = np.asarray(graph.sum(axis=1)).ravel()
    scale = sparse.diags(1 / np.sqrt(np.maximum(degree, 1e-12)))
    values, eigenvectors = np.linalg.eigh((scale @ graph @ scale).toarray())
    order = np.argsort(-values, kind="stable")[: min(dimensions, len(values))]
    return values[order], eigenvectors[:, order]


def _kmeans_rows(embedding: np.ndarray, k: int) -> np.ndarray:
    rows = embedding[:, :k]
    rows = rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-12)
    return KMeans(k, n_init=10, random_state=_SEED).fit_predict(rows)


METHODS = {
    "eigengap": eigengap,
    "HDBSCAN": hdbscan,
    "Louvain, one run": louvain_once,
    "stability selection": stability_selection,
    "consensus (used)": consensus,
}
