"""Similar observations at 100,000 observations: the lookup behind the observation page.

Fills a scratch SQLite database with observations and stored embeddings (random unit
vectors with topic structure; computing real embeddings is save-time work, measured in
bench/phenomena_scale.py), then times `analysis.similar.similar_ids` after the first load.

    .venv/bin/python bench/similar_scale.py [--size 100000] [--lookups 1000]
"""

import argparse
import resource
import sys
import time

import numpy as np
from scratch_vectors import fill, setup_django


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--lookups", type=int, default=1000)
    args = parser.parse_args()
    setup_django()
    from analysis import similar
    from reporting.models import Observation

    organisation = fill(args.size)
    rng = np.random.default_rng(7)
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
