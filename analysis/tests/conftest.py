"""Fixtures for the text-analysis tests: the development set, prepared once per session."""

import json
from pathlib import Path

import pytest

from analysis.text.corpus import Corpus, prepare

DEV_SET = Path(__file__).parent / "data" / "phenomena-dev.jsonl"


@pytest.fixture(scope="session")
def dev_rows() -> list[dict]:
    with DEV_SET.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return sorted(rows, key=lambda row: row["external_id"])


@pytest.fixture(scope="session")
def dev_corpus(dev_rows) -> Corpus:
    """Embedding 240 texts takes ~10 s, so every test shares one prepared corpus."""
    return Corpus.from_items(
        prepare([row["text"] for row in dev_rows], [row["language"] for row in dev_rows])
    )


@pytest.fixture(scope="session")
def dev_gold(dev_rows) -> list[str]:
    return [row["gold_phenomenon"] for row in dev_rows]
