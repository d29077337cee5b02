"""Storing and reading the per-observation text analysis (see analysis.text.corpus).

Vectors are computed when an observation is saved, by a background task, so no request
waits for the embedding model; commands and pages read the stored values into a Corpus.
"""

import numpy as np
from django.db import transaction

from analysis.models import TextVector
from analysis.text.corpus import Corpus, Prepared, prepare
from analysis.text.embeddings import model_id
from reporting.models import Observation

BATCH = 64


def compute(observation_ids) -> int:
    """Compute and store vectors for these observations (again, if the model changed)."""
    done = 0
    ids = list(observation_ids)
    for start in range(0, len(ids), BATCH):
        rows = list(
            Observation.objects.filter(pk__in=ids[start : start + BATCH]).values_list(
                "pk", "text", "suggestion", "language"
            )
        )
        prepared = prepare([_document(t, s) for _, t, s, _ in rows], [r[3] for r in rows])
        with transaction.atomic():
            for (pk, *_rest), item in zip(rows, prepared, strict=True):
                TextVector.objects.update_or_create(
                    observation_id=pk,
                    defaults={
                        "model": model_id(),
                        "embedding": item.embedding.astype(np.float32).tobytes(),
                        "terms": list(item.terms),
                        "language": item.language,
                    },
                )
        done += len(rows)
    return done


def missing(queryset) -> list[int]:
    """Observations in the queryset whose vector is absent or from another model."""
    current = TextVector.objects.filter(model=model_id()).values("observation_id")
    return list(queryset.exclude(pk__in=current).values_list("pk", flat=True))


def corpus_for(observation_ids: list[int]) -> Corpus:
    """The stored vectors of these observations, in the given order (computing any missing)."""
    compute(missing(Observation.objects.filter(pk__in=observation_ids)))
    stored = {
        v.observation_id: v for v in TextVector.objects.filter(observation_id__in=observation_ids)
    }
    return Corpus.from_items(
        Prepared(
            np.frombuffer(bytes(stored[pk].embedding), dtype=np.float32),
            tuple(stored[pk].terms),
            stored[pk].language,
        )
        for pk in observation_ids
    )


def _document(text: str, suggestion: str) -> str:
    return f"{text}\n{suggestion}".strip()
