"""One vector per observation that blends meaning across languages with shared vocabulary.

Two views of a text complement each other:

* the multilingual sentence embedding links Swedish and English texts to Finnish ones and
  catches paraphrase, but is blurry on domain specifics;
* TF-IDF over lemmas and compound parts is sharp on domain words ("toimeentulotuki",
  "omaishoitaja") but blind across languages.

Each view is unit-normalised and the two are concatenated with weights sqrt(w) and
sqrt(1 - w), so a dot product of blended vectors is w * embedding cosine + (1 - w) * word
cosine. The word view is compressed with truncated SVD (LSA) to a dense, fixed width so that
k-means, nearest-neighbour search and storage stay linear in the number of observations.

Multilingual encoders also carry a strong "which language is this" direction, which made a
Swedish text look closer to an unrelated Swedish text than to a Finnish one on the same
topic. Subtracting each language's mean embedding removes that direction (top-1 assignment of
Swedish texts rose from 0.67 to 0.85 on the development set). The means are estimated from
the corpus at hand, shrunk towards the overall mean when a language has few texts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer

from analysis.text.corpus import Corpus

EMBEDDING_WEIGHT = 0.6
WORD_DIMENSIONS = 200
_MIN_TEXTS_TO_CENTRE = 10
_LANGUAGE_MEAN_PRIOR = 3.0  # pseudo-texts pulling a rare language's mean to the overall mean
_SVD_FIT_SAMPLE = 20_000  # LSA axes are stable well before this; fitting on all is slower
_MIN_DF_FROM = 1_000  # from this corpus size on, terms seen once are noise, not signal
_SEED = 0


def _identity(terms: Sequence[str]) -> Sequence[str]:
    return terms


@dataclass
class Space:
    """A fitted blend: language means, vocabulary with IDF and LSA axes."""

    embedding_weight: float = EMBEDDING_WEIGHT
    language_means: dict[str, np.ndarray] = field(default_factory=dict)
    vectorizer: TfidfVectorizer | None = None
    svd: TruncatedSVD | None = None

    @classmethod
    def fit(
        cls,
        corpus: Corpus,
        *,
        embedding_weight: float = EMBEDDING_WEIGHT,
        word_dimensions: int = WORD_DIMENSIONS,
    ) -> Space:
        """Learn the language means and the word view from ``corpus`` itself."""
        space = cls(embedding_weight=embedding_weight)
        space.language_means = _language_means(corpus)
        if embedding_weight < 1.0:
            space.vectorizer, space.svd = _fit_word_view(corpus, word_dimensions)
        return space

    def transform(self, corpus: Corpus, tfidf: sparse.csr_matrix | None = None) -> np.ndarray:
        """Blended unit vectors, shape (n, d), float32; all-zero for an empty text.

        ``tfidf`` is :meth:`tfidf` of the same corpus, when the caller already has it.
        """
        meaning = self.centred_embeddings(corpus)
        words = self.word_vectors(corpus, tfidf)
        if words is None:
            return meaning
        blended = np.hstack(
            [np.sqrt(self.embedding_weight) * meaning, np.sqrt(1 - self.embedding_weight) * words]
        )
        return _unit_rows(blended.astype(np.float32, copy=False))

    def centred_embeddings(self, corpus: Corpus) -> np.ndarray:
        vectors = np.array(corpus.embeddings, dtype=np.float32, copy=True)
        for language, mean in self.language_means.items():
            rows = np.fromiter((lang == language for lang in corpus.languages), bool, len(corpus))
            rows &= np.any(vectors != 0, axis=1)
            vectors[rows] -= mean
        return _unit_rows(vectors)

    def tfidf(self, corpus: Corpus) -> sparse.csr_matrix | None:
        """Sparse TF-IDF rows (for labels); None when the space has no word view."""
        if self.vectorizer is None:
            return None
        return self.vectorizer.transform(corpus.terms)

    def word_vectors(
        self, corpus: Corpus, tfidf: sparse.csr_matrix | None = None
    ) -> np.ndarray | None:
        tfidf = self.tfidf(corpus) if tfidf is None else tfidf
        if tfidf is None or self.svd is None:
            return None
        return _unit_rows(self.svd.transform(tfidf).astype(np.float32))

    @property
    def vocabulary(self) -> np.ndarray:
        if self.vectorizer is None:
            return np.array([], dtype=object)
        return self.vectorizer.get_feature_names_out()


def embed_corpus(corpus: Corpus, **options: float) -> tuple[Space, np.ndarray]:
    """Fit a space on ``corpus`` and return it with the corpus's blended vectors."""
    space = Space.fit(corpus, **options)  # type: ignore[arg-type]
    return space, space.transform(corpus)


def _language_means(corpus: Corpus) -> dict[str, np.ndarray]:
    present = np.any(corpus.embeddings != 0, axis=1)
    if present.sum() < _MIN_TEXTS_TO_CENTRE:
        return {}
    vectors = np.asarray(corpus.embeddings[present], dtype=np.float64)
    languages = np.asarray(corpus.languages, dtype=object)[present]
    overall = vectors.mean(axis=0)
    means: dict[str, np.ndarray] = {}
    for language in sorted(set(languages)):
        rows = vectors[languages == language]
        shrunk = (rows.sum(axis=0) + _LANGUAGE_MEAN_PRIOR * overall) / (
            len(rows) + _LANGUAGE_MEAN_PRIOR
        )
        means[language] = shrunk.astype(np.float32)
    return means


def _fit_word_view(
    corpus: Corpus, dimensions: int
) -> tuple[TfidfVectorizer | None, TruncatedSVD | None]:
    if sum(1 for t in corpus.terms if t) < 3:
        return None, None
    vectorizer = TfidfVectorizer(
        analyzer=_identity,
        sublinear_tf=True,
        min_df=2 if len(corpus) >= _MIN_DF_FROM else 1,
        dtype=np.float32,
    )
    try:
        tfidf = vectorizer.fit_transform(corpus.terms)
    except ValueError:  # every term pruned: no usable vocabulary
        return None, None
    width = min(dimensions, tfidf.shape[0] - 1, tfidf.shape[1] - 1)
    if width < 2:
        return None, None
    sample = _deterministic_sample(tfidf.shape[0], _SVD_FIT_SAMPLE)
    svd = TruncatedSVD(width, algorithm="randomized", random_state=_SEED)
    svd.fit(tfidf[sample])
    return vectorizer, svd


def _deterministic_sample(n: int, size: int) -> np.ndarray:
    if n <= size:
        return np.arange(n)
    return np.sort(np.random.default_rng(_SEED).choice(n, size, replace=False))


def _unit_rows(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)
