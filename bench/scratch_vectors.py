"""Shared by the benchmarks that need many observations with stored embeddings: a scratch
SQLite database filled with observations whose vectors have topic structure (real embeddings
are save-time work, measured in bench/phenomena_scale.py)."""

import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
TERMS = ["vuokra", "velka", "nuori", "koulu", "omaishoito", "yksinäisyys", "päihde", "väkivalta"]


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    scratch = tempfile.mkdtemp()
    os.environ.update(
        DEBUG="false",
        SECRET_KEY="benchmark-only-secret-key-with-enough-length-0123456789",
        HTTPS="false",
        DATABASE_URL=f"sqlite:////{scratch.lstrip('/')}/bench.sqlite3",
        DJANGO_SETTINGS_MODULE="sora.settings",
        LOG_LEVEL="WARNING",
    )
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.TEXT_VECTORS_ON_SAVE = False
    call_command("migrate", verbosity=0)


def fill(size: int, *, topics: int = 40, seed: int = 7):
    """Create ``size`` observations with vectors; return their organisation."""
    from accounts.models import Organisation, OrganisationType
    from analysis.models import TextVector
    from analysis.text.embeddings import DIMENSIONS, model_id
    from reporting.models import Observation

    organisation = Organisation.objects.create(
        code="bench", name_fi="Bench", type=OrganisationType.objects.first()
    )
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(topics, DIMENSIONS)).astype(np.float32)
    started = time.perf_counter()
    for start in range(0, size, 5000):
        count = min(5000, size - start)
        made = Observation.objects.bulk_create(
            Observation(
                organisation=organisation,
                channel="import",
                text=f"Havainto {start + i}",
                language="fi",
                signal="concern",
            )
            for i in range(count)
        )
        topic = rng.integers(topics, size=count)
        vectors = centres[topic] + rng.normal(scale=0.8, size=(count, DIMENSIONS)).astype(
            np.float32
        )
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        TextVector.objects.bulk_create(
            TextVector(
                observation=o,
                model=model_id(),
                embedding=v.tobytes(),
                terms=[TERMS[t % len(TERMS)], f"aihe{t}"],
                language="fi",
            )
            for o, v, t in zip(made, vectors, topic, strict=True)
        )
    print(f"filled {size} observations with vectors in {time.perf_counter() - started:.0f} s")
    return organisation
