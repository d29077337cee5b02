"""Similar observations on the development set: the nearest ones mostly describe the same
phenomenon, Swedish observations find Finnish ones, and the scope is respected."""

import json
from pathlib import Path

from django.urls import reverse

from analysis import vectors
from reporting.models import Observation
from reporting.tests.factories import ObservationFactory

DEV_SET = Path(__file__).parent / "data" / "phenomena-dev.jsonl"
PHENOMENA = ("asunnottomuus", "mielenterveys", "velat", "omaishoito")


def test_neighbours_share_the_phenomenon_across_languages(client, analyst, org_a, org_b):
    rows = [json.loads(line) for line in DEV_SET.read_text(encoding="utf-8").splitlines()]
    rows = [r for r in rows if r["gold_phenomenon"] in PHENOMENA]
    made = Observation.objects.bulk_create(
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
    hidden = ObservationFactory(organisation=org_b, text=rows[0]["text"])
    vectors.compute([o.pk for o in made] + [hidden.pk])
    gold = {o.pk: r["gold_phenomenon"] for o, r in zip(made, rows, strict=True)}
    client.force_login(analyst)
    hits = total = cross_language = 0
    for observation in made[::4]:
        response = client.get(reverse("analysis:observation", args=[observation.pk]))
        shown = [other for other, _score in response.context["similar"]]
        assert hidden not in shown and observation not in shown
        hits += sum(gold[o.pk] == gold[observation.pk] for o in shown)
        total += len(shown)
        if observation.language == "sv":
            cross_language += sum(o.language == "fi" for o in shown)
    assert hits / total >= 0.6
    assert cross_language > 0


def test_no_vector_yet_shows_nothing(client, analyst, org_a):
    observation = ObservationFactory(organisation=org_a)
    client.force_login(analyst)
    response = client.get(reverse("analysis:observation", args=[observation.pk]))
    assert response.context["similar"] == []
