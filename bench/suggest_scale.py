"""`manage.py suggest_phenomena` over 100,000 observations with stored vectors: seconds and
peak memory of the whole command (reading the vectors, grouping, labelling).

    .venv/bin/python bench/suggest_scale.py [--size 100000]
"""

import argparse
import io
import json
import resource
import sys
import time

from scratch_vectors import fill, setup_django


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=100_000)
    args = parser.parse_args()
    setup_django()
    from django.core.management import call_command

    fill(args.size)
    out = io.StringIO()
    started = time.perf_counter()
    call_command("suggest_phenomena", "--json", stdout=out)
    elapsed = time.perf_counter() - started
    groups = json.loads(out.getvalue())["groups"]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    grouped = sum(len(g["external_ids"]) for g in groups)
    print(
        f"suggest_phenomena at {args.size}: {elapsed:.1f} s (target <= 120 s), "
        f"{len(groups)} groups covering {grouped} observations"
    )
    print(f"peak resident memory {peak:.0f} MB (target <= 3072 MB)")
    return 0 if elapsed <= 120 and peak <= 3072 else 1


if __name__ == "__main__":
    sys.exit(main())
