"""The phenomenon commands end to end on part of the development set: observations in the
database, vectors computed and stored, suggestions read back by external_id."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from analysis.models import Phenomenon, PhenomenonLink, TextVector
from reporting.models import Observation

DEV_SET = Path(__file__).parent / "data" / "phenomena-dev.jsonl"
PHENOMENA = ("asunnottomuus", "mielenterveys", "lastensuojelu", "velat")


@pytest.fixture
def dev_observations(org_a):
    rows = [json.loads(line) for line in DEV_SET.read_text(encoding="utf-8").splitlines()]
    rows = [r for r in rows if r["gold_phenomenon"] in PHENOMENA]
    Observation.objects.bulk_create(
        Observation(
            external_id=r["external_id"],
            organisation=org_a,
            channel="import",
            text=r["text"],
            language=r["language"],
            signal="concern",
        )
        for r in rows
    )
    return sorted(rows, key=lambda r: r["external_id"])


def run(*args) -> dict:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return json.loads(out.getvalue())


def test_link_then_assign(tmp_path, dev_observations):
    seeds, seen = [], {}
    for row in dev_observations:
        if seen.get(row["gold_phenomenon"], 0) < 5:
            seen[row["gold_phenomenon"]] = seen.get(row["gold_phenomenon"], 0) + 1
            seeds.append({"external_id": row["external_id"], "phenomenon": row["gold_phenomenon"]})
    path = tmp_path / "links.jsonl"
    path.write_text("\n".join(json.dumps(s) for s in seeds))
    call_command("link_phenomena", str(path), stdout=io.StringIO())
    assert Phenomenon.objects.count() == len(PHENOMENA)
    assert PhenomenonLink.objects.count() == len(seeds)

    result = run("assign_phenomena", "--json")["assignments"]
    gold = {r["external_id"]: r["gold_phenomenon"] for r in dev_observations}
    linked = {s["external_id"] for s in seeds}
    assert {a["external_id"] for a in result} == set(gold) - linked
    assert all(len(a["suggestions"]) <= 3 for a in result)
    assert all(len(a["scores"]) == len(a["suggestions"]) for a in result)
    assert all(0 < score <= 1 for a in result for score in a["scores"])
    top3 = sum(gold[a["external_id"]] in a["suggestions"] for a in result) / len(result)
    assert top3 >= 0.85
    assert TextVector.objects.count() == len(dev_observations)


def test_suggest_groups_unlinked_observations(dev_observations):
    groups = run("suggest_phenomena", "--json")["groups"]
    assert len(groups) >= 2
    ids = [i for g in groups for i in g["external_ids"]]
    assert len(ids) == len(set(ids))
    assert all(g["label"] for g in groups)


def test_unknown_external_id_is_reported(tmp_path, db):
    path = tmp_path / "links.jsonl"
    path.write_text('{"external_id": "nope", "phenomenon": "x"}\n')
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="line 1: no observation has external_id nope"):
        call_command("link_phenomena", str(path))


def test_vectors_are_computed_when_an_observation_is_saved(
    org_a, settings, django_capture_on_commit_callbacks
):
    settings.TEXT_VECTORS_ON_SAVE = True
    with django_capture_on_commit_callbacks(execute=True):
        observation = Observation.objects.create(
            organisation=org_a,
            channel="form",
            text="Vuokrarästit kasvavat",
            language="fi",
            signal="concern",
        )
    assert TextVector.objects.get(observation=observation).language == "fi"
