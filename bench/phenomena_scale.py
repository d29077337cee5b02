"""Time discovery and similar-observation lookups at 100,000 observations.

    .venv/bin/python bench/phenomena_scale.py [--size 100000] [--workdir DIR]

Embedding happens when an observation is saved, so it is not part of these timings: the
script embeds and lemmatises the development set's sentences once (and reports that
throughput, also on one core), then synthesises ``--size`` observations by recombining 1-3
sentences (mostly of one phenomenon), perturbing their vectors with noise, dropping terms and
adding misspelt ones. Each measurement then runs in a fresh process that loads the stored
vectors and terms, as the service would, and reports its wall time and peak RSS.
Budgets: discovery <= 120 s and <= 3 GB RSS on 2 cores; lookup p95 <= 50 ms.
"""

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "analysis" / "tests" / "data" / "phenomena-dev.jsonl"
sys.path.insert(0, str(ROOT))

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_NOISE = 0.25  # per-dimension noise scale relative to a unit vector's typical coordinate
_SEED = 7


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def sentences() -> list[tuple[str, str, str]]:
    """(text, language, phenomenon) for every sentence of the development set."""
    out = []
    with DATA.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            for sentence in _SENTENCE_END.split(row["text"].strip()):
                if len(sentence) > 15:
                    out.append((sentence, row["language"], row["gold_phenomenon"]))
    return out


def embedding_throughput(texts: list[str], threads: int) -> float:
    """Texts per second in a fresh process limited to ``threads`` OpenMP threads."""
    code = (
        "import json,sys,time;from analysis.text.embeddings import embed;"
        "t=json.load(sys.stdin);embed(t[:2]);s=time.perf_counter();embed(t);"
        "print(len(t)/(time.perf_counter()-s))"
    )
    env = {**os.environ, "OMP_NUM_THREADS": str(threads)}
    done = subprocess.run(
        [sys.executable, "-c", code],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=True,
    )
    return float(done.stdout.strip())


def synthesise(size: int, workdir: Path) -> None:
    from analysis.text.corpus import prepare

    pieces = sentences()
    started = time.perf_counter()
    prepared = prepare([p[0] for p in pieces], [p[1] for p in pieces])
    elapsed = time.perf_counter() - started
    print(f"sentences prepared: {len(pieces)} in {elapsed:.1f} s ({len(pieces) / elapsed:.1f}/s)")
    sample = [p[0] for p in pieces[:150]]
    for threads in (1, 2):
        rate = embedding_throughput(sample, threads)
        print(f"embedding throughput, {threads} thread(s): {rate:.1f} texts/s")

    rng = np.random.default_rng(_SEED)
    by_topic: dict[str, list[int]] = {}
    for index, (_, _, topic) in enumerate(pieces):
        by_topic.setdefault(topic, []).append(index)
    topics = sorted(by_topic)
    base = np.vstack([p.embedding for p in prepared])
    vectors = np.empty((size, base.shape[1]), dtype=np.float32)
    terms, languages, gold = [], [], []
    typo = random.Random(_SEED)
    for row in range(size):
        topic = topics[rng.integers(len(topics))]
        chosen = [by_topic[topic][rng.integers(len(by_topic[topic]))]]
        for _ in range(rng.integers(0, 3)):
            source = topic if rng.random() < 0.8 else topics[rng.integers(len(topics))]
            chosen.append(by_topic[source][rng.integers(len(by_topic[source]))])
        vector = base[chosen].sum(axis=0) + rng.normal(
            0, _NOISE / np.sqrt(base.shape[1]), base.shape[1]
        )
        vectors[row] = vector / np.linalg.norm(vector)
        words = [t for c in chosen for t in prepared[c].terms if rng.random() > 0.2]
        words += [_misspelt(typo, words) for _ in range(rng.integers(0, 3)) if words]
        terms.append(words)
        languages.append(prepared[chosen[0]].language)
        gold.append(topic)
    np.save(workdir / "vectors.npy", vectors)
    (workdir / "meta.json").write_text(
        json.dumps({"terms": terms, "languages": languages, "gold": gold})
    )
    print(f"synthesised: {size} observations, vectors {vectors.nbytes / 2**20:.0f} MB")


def _misspelt(generator: random.Random, words: list[str]) -> str:
    word = list(generator.choice(words))
    word[generator.randrange(len(word))] = generator.choice("aeiouyäöklmnprst")
    return "".join(word)


def load(workdir: Path):
    from analysis.text.corpus import Corpus

    meta = json.loads((workdir / "meta.json").read_text())
    corpus = Corpus(np.load(workdir / "vectors.npy"), meta["terms"], meta["languages"])
    return corpus, meta["gold"]


def step_discover(workdir: Path) -> None:
    from sklearn.metrics import adjusted_rand_score

    from analysis.text.discover import discover

    corpus, gold = load(workdir)
    started = time.perf_counter()
    groups = discover(corpus)
    elapsed = time.perf_counter() - started
    predicted = np.arange(len(corpus)) + len(groups)
    for number, group in enumerate(groups):
        predicted[list(group.members)] = number
    print(f"discovery: {elapsed:.1f} s, {len(groups)} groups, peak RSS {peak_rss_mb():.0f} MB")
    print(f"discovery ARI against the synthetic topics: {adjusted_rand_score(gold, predicted):.3f}")
    print(f"largest groups: {[(g.size, g.label) for g in groups[:3]]}")


def step_similar(workdir: Path) -> None:
    from analysis.text.corpus import Prepared
    from analysis.text.similar import SimilarIndex

    corpus, _ = load(workdir)
    started = time.perf_counter()
    index = SimilarIndex.build(corpus)
    built = time.perf_counter() - started
    rng = np.random.default_rng(_SEED)
    index.similar_to(0, 10)  # warm-up: first-call allocations are not a lookup's cost
    by_position = _latencies(
        lambda p: index.similar_to(int(p), 10), rng.integers(len(corpus), size=1000)
    )
    items = [
        Prepared(corpus.embeddings[p], tuple(corpus.terms[p]), corpus.languages[p])
        for p in rng.integers(len(corpus), size=1000)
    ]
    by_text = _latencies(lambda item: index.similar_to_item(item, 10), items)
    print(f"similar index build: {built:.1f} s (once per corpus snapshot)")
    for name, times in (("by observation", by_position), ("by new text", by_text)):
        p50, p95 = np.percentile(times, [50, 95])
        print(f"similar lookup {name}: p50 {p50:.1f} ms, p95 {p95:.1f} ms")
    print(f"similar peak RSS: {peak_rss_mb():.0f} MB")


def step_assign(workdir: Path) -> None:
    from analysis.text.assign import suggest

    corpus, gold = load(workdir)
    linked: dict[str, list[int]] = {}
    for position, topic in enumerate(gold):
        if len(linked.setdefault(topic, [])) < 20:
            linked[topic].append(position)
    started = time.perf_counter()
    result = suggest(corpus, linked)
    elapsed = time.perf_counter() - started
    right = np.mean([[s.phenomenon for s in result[p][:1]] == [gold[p]] for p in result])
    bare = np.mean([not result[p] for p in result])
    print(
        f"assignment of {len(result)} observations: {elapsed:.1f} s, top-1 {right:.3f} "
        f"(with no suggestion: {bare:.3f}), peak RSS {peak_rss_mb():.0f} MB"
    )


def _latencies(call, arguments) -> list[float]:
    times = []
    for argument in arguments:
        started = time.perf_counter()
        call(argument)
        times.append((time.perf_counter() - started) * 1000)
    return times


STEPS = {"discover": step_discover, "similar": step_similar, "assign": step_assign}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--step", choices=sorted(STEPS))
    args = parser.parse_args()
    if args.step:
        STEPS[args.step](args.workdir)
        return
    with tempfile.TemporaryDirectory(prefix="phenomena-scale-") as scratch:
        workdir = args.workdir or Path(scratch)
        workdir.mkdir(parents=True, exist_ok=True)
        synthesise(args.size, workdir)
        for step in ("discover", "similar", "assign"):
            subprocess.run(
                [sys.executable, __file__, "--step", step, "--workdir", str(workdir)], check=True
            )


if __name__ == "__main__":
    main()
