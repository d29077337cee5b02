"""Similar observations at 100,000 observations: the lookup behind the observation page.

Fills a scratch SQLite database with observations and stored embeddings (random unit
vectors with topic structure; computing real embeddings is save-time work, measured in
bench/phenomena_scale.py), then times `analysis.similar.similar_ids` after the first load.

    .venv/bin/python bench/similar_scale.py [--size 100000] [--lookups 1000]
"""

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--lookups", type=int, default=1000)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    scratch = tempfile.mkdtemp()
    os.environ.update(
        DEBUG="false",
        SECRET_KEY="benchmark-only-secret-key-with-enough-length-0123456789",
        HTTPS="false",
        DATABASE_URL=f"sqlite:////{scratch.lstrip('/')}/similar.sqlite3",
        DJANGO_SETTINGS_MODULE="sora.settings",
        LOG_LEVEL="WARNING",
    )
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.TEXT_VECTORS_ON_SAVE = False
    call_command("migrate", verbosity=0)
    from accounts.models import Organisation, OrganisationType
    from analysis import similar
    from analysis.models import TextVector
    from analysis.text.embeddings import DIMENSIONS, model_id
    from reporting.models import Observation

    organisation = Organisation.objects.create(
        code="bench", name_fi="Bench", type=OrganisationType.objects.first()
    )
    rng = np.random.default_rng(7)
    topics = rng.normal(size=(40, DIMENSIONS)).astype(np.float32)
    started = time.perf_counter()
    for start in range(0, args.size, 5000):
        count = min(5000, args.size - start)
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
        vectors = topics[rng.integers(40, size=count)] + rng.normal(
            scale=0.8, size=(count, DIMENSIONS)
        ).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        TextVector.objects.bulk_create(
            TextVector(
                observation=o, model=model_id(), embedding=v.tobytes(), terms=[], language="fi"
            )
            for o, v in zip(made, vectors, strict=True)
        )
    print(f"filled {args.size} observations with vectors in {time.perf_counter() - started:.0f} s")
    ids = list(Observation.objects.values_list("pk", flat=True))
    scope = {organisation.pk}
    started = time.perf_counter()
    similar.similar_ids(ids[0], scope)
    print(f"first lookup (loads the matrix): {(time.perf_counter() - started) * 1000:.0f} ms")
    timings = []
    for pk in rng.choice(ids, size=args.lookups):
        started = time.perf_counter()
        similar.similar_ids(int(pk), scope)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p95 = timings[int(0.95 * len(timings))]
    print(
        f"similar observations at {args.size}: p50 {timings[len(timings) // 2]:.1f} ms, "
        f"p95 {p95:.1f} ms (target <= 50 ms)"
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory {peak:.0f} MB")
    return 0 if p95 <= 50 else 1


if __name__ == "__main__":
    sys.exit(main())
