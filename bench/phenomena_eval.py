"""Measure phenomenon assignment and discovery on the labelled development set.

    .venv/bin/python bench/phenomena_eval.py [--data FILE] [--linked 5] [--groups]

Assignment: the first ``--linked`` observations of each phenomenon (by external_id) are
linked; for every other observation the share whose right phenomenon is suggested first, and
among the first three (targets 0.80 and 0.95), overall and per language.
Discovery: with nothing linked, the adjusted Rand index of the suggested groups against the
gold phenomena (observations in no group count as singletons; target 0.35) and the number of
groups. Also the time taken by each step, one figure per line.
"""

import argparse
import json
import resource
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT / "analysis" / "tests" / "data" / "phenomena-dev.jsonl"
sys.path.insert(0, str(ROOT))

from analysis.text.assign import suggest  # noqa: E402
from analysis.text.corpus import Corpus, prepare  # noqa: E402
from analysis.text.discover import discover  # noqa: E402
from analysis.text.embeddings import model_id  # noqa: E402


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return sorted(rows, key=lambda row: row["external_id"])


def split_linked(gold: list[str], per_phenomenon: int) -> tuple[dict[str, list[int]], list[int]]:
    linked: dict[str, list[int]] = defaultdict(list)
    candidates = []
    for position, phenomenon in enumerate(gold):
        if len(linked[phenomenon]) < per_phenomenon:
            linked[phenomenon].append(position)
        else:
            candidates.append(position)
    return dict(linked), candidates


def adjusted_rand_index(gold: list[str], predicted: list[int]) -> float:
    from sklearn.metrics import adjusted_rand_score

    return float(adjusted_rand_score(gold, predicted))


def evaluate_assignment(corpus: Corpus, rows: list[dict], per_phenomenon: int) -> None:
    gold = [row["gold_phenomenon"] for row in rows]
    linked, candidates = split_linked(gold, per_phenomenon)
    started = time.perf_counter()
    suggestions = suggest(corpus, linked, candidates, top=3)
    elapsed = time.perf_counter() - started
    first: Counter[str] = Counter()
    three: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for position in candidates:
        ranked = [s.phenomenon for s in suggestions[position]]
        for key in ("all", rows[position]["language"]):
            total[key] += 1
            first[key] += ranked[:1] == [gold[position]]
            three[key] += gold[position] in ranked
    print(f"assignment linked per phenomenon: {per_phenomenon}, suggested for: {len(candidates)}")
    for key in ("all", "fi", "sv", "en"):
        if total[key]:
            print(
                f"assignment {key}: top-1 {first[key] / total[key]:.3f}"
                f"  top-3 {three[key] / total[key]:.3f}  (n={total[key]})"
            )
    print(f"assignment time: {elapsed:.2f} s")


def evaluate_discovery(corpus: Corpus, rows: list[dict], show_groups: bool) -> None:
    gold = [row["gold_phenomenon"] for row in rows]
    started = time.perf_counter()
    groups = discover(corpus)
    elapsed = time.perf_counter() - started
    predicted = [-1 - i for i in range(len(rows))]  # ungrouped: each its own singleton
    for number, group in enumerate(groups):
        for position in group.members:
            predicted[position] = number
    grouped = sum(group.size for group in groups)
    print(f"discovery ARI: {adjusted_rand_index(gold, predicted):.3f}")
    print(f"discovery groups: {len(groups)} (gold {len(set(gold))}), grouped {grouped}/{len(rows)}")
    print(f"discovery time: {elapsed:.2f} s")
    if show_groups:
        for group in groups:
            majority = Counter(gold[p] for p in group.members).most_common(2)
            print(f"  {group.size:3d}  {group.label:45s} {majority}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--linked", type=int, default=5)
    parser.add_argument("--groups", action="store_true", help="print each suggested group")
    args = parser.parse_args()
    rows = load(args.data)
    started = time.perf_counter()
    corpus = Corpus.from_items(prepare([r["text"] for r in rows], [r["language"] for r in rows]))
    elapsed = time.perf_counter() - started
    print(f"observations: {len(rows)}, embedding model: {model_id()}")
    print(f"prepare (embed + lemmatise): {elapsed:.2f} s, {len(rows) / elapsed:.1f} texts/s")
    evaluate_assignment(corpus, rows, args.linked)
    evaluate_discovery(corpus, rows, args.groups)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak:.0f} MB")


if __name__ == "__main__":
    main()
