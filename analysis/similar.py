"""Similar observations beside an observation.

Two signals are blended: the cosine of the multilingual embeddings (which lets a Swedish
observation find Finnish ones) and the overlap of the content terms (Voikko lemmas with
compound parts for Finnish, simplemma lemmas for Swedish and English), which rewards
observations that name the same things. Each server process keeps the embeddings in one
matrix and adds newly saved ones on the next request, so finding candidates is one
matrix–vector product instead of reading every vector from the database; only the best
candidates' terms are read to re-rank them. The whole matrix is reloaded every ten minutes
so that recomputed vectors are picked up.
"""

import math
import threading
import time
from collections import Counter

import numpy as np

from analysis.models import TextVector
from analysis.text.embeddings import DIMENSIONS, model_id

RELOAD_SECONDS = 600
CANDIDATES = 100
TERM_BONUS = 0.3
MIN_FOR_CENTRING = 10


class _Matrix:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.clear()

    def clear(self) -> None:
        self.ids = np.empty(0, dtype=np.int64)
        self.organisations = np.empty(0, dtype=np.int64)
        self.vectors = np.empty((0, DIMENSIONS), dtype=np.float32)
        self.languages = np.empty(0, dtype="<U2")
        self.centred = self.vectors
        self.means: dict[str, np.ndarray] = {}
        self.last_pk = 0
        self.loaded_at = time.monotonic()

    def refresh(self) -> None:
        if time.monotonic() - self.loaded_at > RELOAD_SECONDS:
            self.clear()
        rows = list(
            TextVector.objects.filter(pk__gt=self.last_pk, model=model_id())
            .order_by("pk")
            .values_list(
                "pk", "observation_id", "observation__organisation_id", "embedding", "language"
            )
        )
        if not rows:
            return
        self.last_pk = rows[-1][0]
        self.ids = np.concatenate([self.ids, np.array([r[1] for r in rows], dtype=np.int64)])
        self.organisations = np.concatenate(
            [self.organisations, np.array([r[2] for r in rows], dtype=np.int64)]
        )
        added = np.stack([np.frombuffer(bytes(r[3]), dtype=np.float32) for r in rows])
        languages = np.array([r[4] for r in rows])
        self.vectors = np.concatenate([self.vectors, added])
        self.languages = np.concatenate([self.languages, languages])
        if not self.means or len(rows) == len(self.ids):
            # The language averages are taken at each full load and kept until the next,
            # so a newly saved observation costs only its own row.
            self.means = _language_means(self.vectors, self.languages)
            self.centred = _centred(self.vectors, self.languages, self.means)
        else:
            self.centred = np.concatenate([self.centred, _centred(added, languages, self.means)])


_MATRIX = _Matrix()


def similar_ids(observation_id: int, organisation_ids: set[int], *, k: int = 5):
    """Up to ``k`` (observation id, similarity) pairs within the given organisations, best
    first; empty while the observation's own vector has not been computed yet."""
    with _MATRIX.lock:
        _MATRIX.refresh()
        ids, organisations, vectors = _MATRIX.ids, _MATRIX.organisations, _MATRIX.centred
    own = np.flatnonzero(ids == observation_id)
    if own.size == 0:
        return []
    scores = vectors @ vectors[own[-1]]
    allowed = np.isin(organisations, list(organisation_ids)) & (ids != observation_id)
    scores = np.where(allowed, scores, -np.inf)
    count = min(CANDIDATES, int(allowed.sum()))
    if count == 0:
        return []
    best = np.argpartition(-scores, count - 1)[:count]
    candidates = {int(ids[i]): float(scores[i]) for i in best}
    return _reranked(observation_id, candidates)[:k]


def _language_means(vectors: np.ndarray, languages: np.ndarray) -> dict[str, np.ndarray]:
    """Each language's average direction, where there are enough texts for a stable one."""
    return {
        language: vectors[languages == language].mean(axis=0)
        for language in np.unique(languages)
        if (languages == language).sum() >= MIN_FOR_CENTRING
    }


def _centred(vectors: np.ndarray, languages: np.ndarray, means: dict) -> np.ndarray:
    """Remove each language's average direction: raw embeddings group texts by language and
    by sentence shape, and the rest is what the texts are about."""
    centred = vectors.copy()
    for language, mean in means.items():
        centred[languages == language] -= mean
    norms = np.linalg.norm(centred, axis=1, keepdims=True)
    return centred / np.where(norms > 0, norms, 1)


def _reranked(observation_id: int, candidates: dict[int, float]) -> list[tuple[int, float]]:
    """Add a bonus for shared content terms, weighted so that terms common among the
    candidates ("increase", "client") count little and specific ones ("eviction") much.
    A bonus, not a mix: an observation in another language keeps its full cosine."""
    terms = {
        pk: set(found or ())
        for pk, found in TextVector.objects.filter(
            observation_id__in=[observation_id, *candidates]
        ).values_list("observation_id", "terms")
    }
    own = terms.get(observation_id, set())
    frequency = Counter(term for found in terms.values() for term in found)
    weight = {term: math.log(1 + len(terms) / count) for term, count in frequency.items()}
    own_weight = sum(weight[t] for t in own) or 1.0
    blended = [
        (pk, cosine + TERM_BONUS * sum(weight[t] for t in own & terms.get(pk, set())) / own_weight)
        for pk, cosine in candidates.items()
    ]
    return sorted(blended, key=lambda pair: -pair[1])


def forget() -> None:
    """Drop the cached matrix (tests, and after vectors are recomputed)."""
    with _MATRIX.lock:
        _MATRIX.clear()
