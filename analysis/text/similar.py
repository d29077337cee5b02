"""Look up the observations most similar to one observation or to a new text.

Build the index once per corpus snapshot (it fits a :class:`Space`: seconds at 100,000
observations) and keep it for many lookups; a lookup is one exact matrix-vector product over
the blended vectors, a few milliseconds at 100,000 x ~600 float32. Exact search keeps the
results stable and explainable, and needs no extra index structure to maintain on save.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from analysis.text.corpus import Corpus, Prepared
from analysis.text.neighbours import top_k
from analysis.text.space import Space


@dataclass(frozen=True)
class SimilarIndex:
    """Blended vectors of a corpus, in corpus order, with the space that made them."""

    space: Space
    vectors: np.ndarray

    @classmethod
    def build(cls, corpus: Corpus, space: Space | None = None) -> SimilarIndex:
        space = space or Space.fit(corpus)
        return cls(space, space.transform(corpus))

    def __len__(self) -> int:
        return len(self.vectors)

    def similar_to(self, position: int, k: int = 10) -> list[tuple[int, float]]:
        """(position, cosine) of the k observations most like the one at ``position``."""
        positions, scores = top_k(self.vectors, self.vectors[position], k + 1)
        keep = positions != position
        return _pairs(positions[keep][:k], scores[keep][:k])

    def similar_to_item(self, item: Prepared, k: int = 10) -> list[tuple[int, float]]:
        """The same for a text that is not in the index (e.g. one being written)."""
        query = self.space.transform(Corpus.from_items([item]))[0]
        if not np.any(query):
            return []
        positions, scores = top_k(self.vectors, query, k)
        return _pairs(positions, scores)


def _pairs(positions: np.ndarray, scores: np.ndarray) -> list[tuple[int, float]]:
    return [(int(p), float(s)) for p, s in zip(positions, scores, strict=True)]
