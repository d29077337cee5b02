"""The careless-writing sets: built files match their sources, and every form is covered."""

import importlib.util
import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

BUILDER = Path(__file__).resolve().parents[2] / "bench" / "build_pii_evasion.py"
_spec = importlib.util.spec_from_file_location("build_pii_evasion", BUILDER)
builder = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(builder)

# The held-out set is smaller, so it only has to show each form and category a few times.
MINIMUMS = {"evasion": (8, 5), "heldout": (3, 2)}


def _built(name: str) -> list[dict]:
    _, target = builder.paths(name)
    return [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("name", builder.SETS)
def test_the_built_file_matches_its_source(name):
    _, target = builder.paths(name)
    assert target.read_text(encoding="utf-8") == builder.render(builder.build_set(name))


@pytest.mark.parametrize("name", builder.SETS)
def test_every_span_points_at_its_text(name):
    for row in _built(name):
        for span in row["spans"]:
            typed = row["text"][span["start"] : span["end"]]
            assert typed.strip() == typed != "", (row["id"], span)
            assert span["form"] in builder.FORMS[span["kind"]], (row["id"], span)
        assert bool(row["spans"]) != bool(row["negative"]), row["id"]


@pytest.mark.parametrize("name", builder.SETS)
def test_every_form_and_category_is_written_often_enough(name):
    forms = Counter((s["kind"], s["form"]) for row in _built(name) for s in row["spans"])
    categories = Counter(row["negative"] for row in _built(name) if row["negative"])
    spans_needed, texts_needed = MINIMUMS[name]
    thin = [f"{kind}/{form}" for kind in builder.FORMS for form in builder.FORMS[kind]]
    thin = [key for key in thin if forms[tuple(key.split("/"))] < spans_needed]
    assert not thin
    assert not [c for c in builder.NEGATIVES if categories[c] < texts_needed]


def test_the_held_out_set_reuses_no_line_and_no_data_of_the_evasion_set():
    def squeeze(text: str) -> str:
        return re.sub(r"\W", "", unicodedata.normalize("NFKC", text)).casefold()

    seen = _built("evasion")
    lines = {line.strip() for row in seen for line in row["text"].splitlines()}
    data = {squeeze(row["text"][s["start"] : s["end"]]) for row in seen for s in row["spans"]}
    for row in _built("heldout"):
        assert not [line for line in row["text"].splitlines() if len(line) > 20 and line in lines]
        assert not [s for s in row["spans"] if squeeze(row["text"][s["start"] : s["end"]]) in data]


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("@@ fi clean=dates\nSoita [[phone/plain|040 123 4567]].", "a clean text has spans"),
        ("@@ fi\nEi mitään henkilötietoja.", "no spans"),
        ("@@ fi\nHetu [[personal_id/plain|310290-123A]].", "no real birth date"),
        ("@@ fi\nHetu [[personal_id/plain|010190-123B]].", "check character"),
        ("@@ fi\nHetu [[personal_id/wrong_check|010190-123M]].", "check character"),
        ("@@ fi\nTili [[iban/grouped|FI21 1234 5600 0007 86]].", "not a valid IBAN"),
        ("@@ fi\nSoita [[phone/smoke_signal|040 123 4567]].", "unknown form"),
        ("@@ fi\nSoita [[phone/plain|040\u200b123 4567]].", "as an escape"),
        ("@@ fi\nSoita [[phone/plain|040 123 4567]].\n" * 2, "same text"),
        ("@@ de\nRuf [[phone/plain|040 123 4567]] an.", "unknown language"),
        ("@@ fi\nPolku C:\\Users [[phone/plain|040 123 4567]].", "lone backslash"),
    ],
)
def test_the_builder_refuses_a_broken_source(source, problem):
    with pytest.raises(builder.SourceError, match=problem):
        builder.build(source, "test")


def test_the_builder_decodes_escapes_inside_and_outside_spans():
    rows = builder.build("@@ en\nCall\\t[[phone/line_break|040 123\\n4567]] \\u2013 now", "t")
    (row,) = rows
    assert row["text"] == "Call\t040 123\n4567 \u2013 now"
    assert row["spans"] == [{"start": 5, "end": 17, "kind": "phone", "form": "line_break"}]
    assert row["id"] == "t-0001" and row["negative"] is None
