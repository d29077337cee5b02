"""What is computed per observation at save time, and the batch that analysis reads.

Embedding a text costs ~50 ms and lemmatising it ~1 ms, so both happen once, when an
observation is saved (:func:`prepare`), and are stored with it. Suggestions, discovery and
similarity lookups then work only from these stored :class:`Prepared` values, gathered into a
:class:`Corpus`: one float32 matrix plus term lists, in the caller's order (positions are the
handle the caller maps back to its observation ids).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import simplemma

from analysis.text.embeddings import DIMENSIONS, embed
from analysis.text.lemmas import SUPPORTED_LANGUAGES, terms

DEFAULT_LANGUAGE = "fi"


@dataclass(frozen=True)
class Prepared:
    """The stored analysis of one observation text."""

    embedding: np.ndarray  # (384,) float32, unit length (zero for an empty text)
    terms: tuple[str, ...]  # content lemmas and compound parts, see lemmas.terms
    language: str  # "fi", "sv" or "en"


def detect_language(text: str) -> str:
    """The most likely of fi/sv/en; Finnish when the text gives no evidence."""
    best, score = simplemma.langdetect(text, lang=SUPPORTED_LANGUAGES)[0]
    return best if best in SUPPORTED_LANGUAGES and score > 0 else DEFAULT_LANGUAGE


def prepare(texts: Sequence[str], languages: Sequence[str | None] | None = None) -> list[Prepared]:
    """Embed and lemmatise texts; a missing or unsupported language is detected."""
    langs = [
        lang if lang in SUPPORTED_LANGUAGES else detect_language(text)
        for text, lang in zip(texts, languages or [None] * len(texts), strict=True)
    ]
    vectors = embed(texts, langs)
    return [
        Prepared(vector, tuple(terms(text, lang)), lang)
        for text, lang, vector in zip(texts, langs, vectors, strict=True)
    ]


@dataclass(frozen=True)
class Corpus:
    """Prepared observations side by side: row i of ``embeddings`` is observation i."""

    embeddings: np.ndarray  # (n, 384) float32
    terms: Sequence[Sequence[str]]
    languages: Sequence[str]

    def __post_init__(self) -> None:
        n = len(self.embeddings)
        if len(self.terms) != n or len(self.languages) != n:
            raise ValueError("embeddings, terms and languages must have the same length")

    def __len__(self) -> int:
        return len(self.embeddings)

    @classmethod
    def from_items(cls, items: Iterable[Prepared]) -> Corpus:
        items = list(items)
        if not items:
            return cls(np.zeros((0, DIMENSIONS), dtype=np.float32), [], [])
        matrix = np.vstack([np.asarray(i.embedding, dtype=np.float32) for i in items])
        return cls(matrix, [i.terms for i in items], [i.language for i in items])

    @classmethod
    def from_texts(
        cls, texts: Sequence[str], languages: Sequence[str | None] | None = None
    ) -> Corpus:
        """Prepare and gather in one go (tests, benchmarks, management commands)."""
        return cls.from_items(prepare(texts, languages))

    def subset(self, positions: Sequence[int]) -> Corpus:
        index = np.asarray(positions, dtype=np.intp)
        return Corpus(
            self.embeddings[index],
            [self.terms[i] for i in index],
            [self.languages[i] for i in index],
        )
