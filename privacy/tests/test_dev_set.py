"""The labelled development set: the figures the guard must reach."""

import json
from collections import Counter
from pathlib import Path

import pytest

from privacy import scan

DATA = Path(__file__).parent / "data" / "pii-dev.jsonl"
ROWS = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line]
RECALL_TARGETS = {"personal_id": 0.99, "email": 0.99, "phone": 0.97, "name": 0.97, "address": 0.97}


def _measure() -> tuple[dict[str, float], dict[str, float], float]:
    gold, hit, found, right = Counter(), Counter(), Counter(), Counter()
    clean = flagged = 0
    for row in ROWS:
        findings = scan(row["text"], row["lang"])
        for span in row["spans"]:
            gold[span["kind"]] += 1
            hit[span["kind"]] += any(_matches(span, f) for f in findings)
        for finding in findings:
            found[finding.kind] += 1
            right[finding.kind] += any(_matches(span, finding) for span in row["spans"])
        if not row["spans"]:
            clean += 1
            flagged += bool(findings)
    recall = {kind: hit[kind] / gold[kind] for kind in gold}
    precision = {kind: right[kind] / found[kind] for kind in found}
    return recall, precision, flagged / clean


def _matches(span: dict, finding) -> bool:
    return (
        span["kind"] == finding.kind and span["start"] < finding.end and finding.start < span["end"]
    )


def _assert_targets(recall_scale: float = 1.0) -> None:
    recall, precision, clean_share = _measure()
    for kind, target in RECALL_TARGETS.items():
        assert recall[kind] >= target * recall_scale, (kind, recall[kind])
    for kind, value in precision.items():
        assert value >= 0.97, (kind, value)
    assert clean_share <= 0.02


@pytest.mark.usefixtures("voikko")
def test_it_reaches_the_targets_with_voikko():
    _assert_targets()


@pytest.mark.usefixtures("without_voikko")
def test_it_stays_close_to_the_targets_without_voikko():
    # The fallback may miss rarer inflected names; everything else must hold.
    _assert_targets(recall_scale=0.95)


def test_it_scans_at_least_200_kb_per_second():
    import time

    size = sum(len(row["text"].encode("utf-8")) for row in ROWS)
    scanned = 0
    started = time.process_time()
    while time.process_time() - started < 0.5:
        for row in ROWS:
            scan(row["text"], row["lang"])
        scanned += size
    assert scanned / 1024 / (time.process_time() - started) >= 200
