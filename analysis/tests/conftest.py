"""Fixtures for the text-analysis tests: the development set, prepared once per session."""

import json
from pathlib import Path

import pytest

from analysis.text.corpus import Corpus, prepare

DEV_SET = Path(__file__).parent / "data" / "phenomena-dev.jsonl"
SECOND_DEV_SET = Path(__file__).parents[2] / "bench" / "data" / "phenomena-dev2.jsonl"


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return sorted(rows, key=lambda row: row["external_id"])


def _corpus(rows: list[dict]) -> Corpus:
    return Corpus.from_items(
        prepare([row["text"] for row in rows], [row["language"] for row in rows])
    )


@pytest.fixture(scope="session")
def dev_rows() -> list[dict]:
    return _rows(DEV_SET)


@pytest.fixture(scope="session")
def dev_corpus(dev_rows) -> Corpus:
    """Embedding 240 texts takes ~10 s, so every test shares one prepared corpus."""
    return _corpus(dev_rows)


@pytest.fixture(scope="session")
def dev_gold(dev_rows) -> list[str]:
    return [row["gold_phenomenon"] for row in dev_rows]


@pytest.fixture(scope="session")
def second_dev_rows() -> list[dict]:
    """The second development set: other phenomena, and texts about none (gold None)."""
    return _rows(SECOND_DEV_SET)


@pytest.fixture(scope="session")
def second_dev_corpus(second_dev_rows) -> Corpus:
    return _corpus(second_dev_rows)


@pytest.fixture(scope="session")
def second_dev_gold(second_dev_rows) -> list[str | None]:
    return [row["gold_phenomenon"] for row in second_dev_rows]
