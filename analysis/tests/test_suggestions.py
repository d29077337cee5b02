"""Suggested phenomena: computed by a background run, accepted by an analyst."""

import json
from collections import Counter
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from analysis.models import (
    AssignmentSuggestion,
    DiscoveredGroup,
    Phenomenon,
    PhenomenonLink,
    SuggestionRun,
)
from analysis.tests.factories import PhenomenonFactory
from reporting.models import Observation

DEV_SET = Path(__file__).parent / "data" / "phenomena-dev.jsonl"


_PREPARED: dict = {}


@pytest.fixture(autouse=True)
def _embed_each_text_once(monkeypatch):
    """The real embedding model, but each dev-set text is embedded once per test session."""
    from analysis import vectors

    real = vectors.prepare

    def remembered(texts, languages):
        wanted = [(t, lang) for t, lang in zip(texts, languages, strict=True)]
        todo = [pair for pair in wanted if pair not in _PREPARED]
        if todo:
            for pair, item in zip(todo, real(*zip(*todo, strict=True)), strict=True):
                _PREPARED[pair] = item
        return [_PREPARED[pair] for pair in wanted]

    monkeypatch.setattr(vectors, "prepare", remembered)


@pytest.fixture
def signed_in(client, analyst):
    client.force_login(analyst)
    return client


@pytest.fixture
def computed(signed_in, org_a, django_capture_on_commit_callbacks):
    """Three phenomena with five linked observations each, the rest unlinked, and a run."""
    rows = [json.loads(line) for line in DEV_SET.read_text(encoding="utf-8").splitlines()]
    wanted = ("asunnottomuus", "mielenterveys", "velat", "omaishoito")
    rows = sorted(
        (r for r in rows if r["gold_phenomenon"] in wanted), key=lambda r: r["external_id"]
    )
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
    by_external = {o.external_id: o for o in made}
    phenomena = {}
    for name in wanted[:3]:  # the fourth has no phenomenon yet: discovery should find it
        phenomena[name] = PhenomenonFactory(organisation=org_a, name=name)
        seeds = [r for r in rows if r["gold_phenomenon"] == name][:5]
        for row in seeds:
            PhenomenonLink.objects.create(
                phenomenon=phenomena[name], observation=by_external[row["external_id"]]
            )
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(reverse("analysis:suggestions_refresh"))
    assert response.status_code == 302
    return {"rows": rows, "phenomena": phenomena, "observations": by_external}


def test_a_run_suggests_existing_phenomena_and_new_groups(signed_in, computed):
    run = SuggestionRun.objects.get()
    assert (run.state, run.progress) == ("done", 100)
    gold = {r["external_id"]: r["gold_phenomenon"] for r in computed["rows"]}
    firsts = AssignmentSuggestion.objects.filter(run=run, rank=1).select_related(
        "observation", "phenomenon"
    )
    known = [s for s in firsts if gold[s.observation.external_id] in computed["phenomena"]]
    right = sum(s.phenomenon.name == gold[s.observation.external_id] for s in known)
    assert right / len(known) >= 0.7
    assert DiscoveredGroup.objects.filter(run=run).exists()
    page = signed_in.get(reverse("analysis:suggestions"))
    assert page.status_code == 200
    assert b"progress" not in page.content  # finished: no progress bar


def _link_button(response, suggestion) -> str:
    """The button text of a scored suggestion, in the language the page was served in."""
    with translation.override(response.headers["Content-Language"]):
        return gettext("Link to “%(name)s” (fit %(percent)s %%)") % {
            "name": suggestion.phenomenon.name,
            "percent": suggestion.percent,
        }


def test_suggestions_are_few_and_scored(signed_in, computed):
    from analysis.text.assign import MIN_FIT

    run = SuggestionRun.objects.get()
    per_observation = Counter(
        AssignmentSuggestion.objects.filter(run=run).values_list("observation_id", flat=True)
    )
    assert per_observation and max(per_observation.values()) <= 3
    scores = AssignmentSuggestion.objects.filter(run=run).values_list("score", flat=True)
    assert min(scores) >= MIN_FIT and max(scores) <= 1
    response = signed_in.get(reverse("analysis:suggestions"))
    content = response.content.decode()
    best = AssignmentSuggestion.objects.filter(run=run, rank=1).select_related("phenomenon")[0]
    assert _link_button(response, best) in content
    assert f'<select id="other-{best.observation_id}" name="phenomenon" required>' in content


def test_an_unknown_phenomenon_gets_no_suggestion(signed_in, computed):
    """The fourth phenomenon has no phenomenon in Sora: its observations fit none."""
    suggested = set(AssignmentSuggestion.objects.values_list("observation__external_id", flat=True))
    unknown = [r["external_id"] for r in computed["rows"] if r["gold_phenomenon"] == "omaishoito"]
    assert sum(e not in suggested for e in unknown) / len(unknown) >= 0.6


def test_the_observation_page_shows_the_scored_suggestions(signed_in, computed):
    best = AssignmentSuggestion.objects.filter(rank=1).select_related("phenomenon")[0]
    response = signed_in.get(reverse("analysis:observation", args=[best.observation_id]))
    content = response.content.decode()
    assert _link_button(response, best) in content
    assert content.count('<input type="hidden" name="phenomenon"') <= 3
    assert '<select name="phenomenon"' in content  # any phenomenon can still be chosen


def test_the_observation_page_says_when_nothing_fits(signed_in, computed):
    suggested = set(AssignmentSuggestion.objects.values_list("observation_id", flat=True))
    linked = set(PhenomenonLink.objects.values_list("observation_id", flat=True))
    bare = next(o for o in computed["observations"].values() if o.pk not in suggested | linked)
    response = signed_in.get(reverse("analysis:observation", args=[bare.pk]))
    content = response.content.decode()
    with translation.override(response.headers["Content-Language"]):
        nothing = gettext(
            "This observation fits none of the phenomena well enough to suggest one. "
            "Choose a phenomenon below, or create a new one."
        )
    assert nothing in content
    assert '<input type="hidden" name="phenomenon"' not in content


def test_another_phenomenon_can_be_chosen_from_the_suggestions(signed_in, computed):
    suggestion = AssignmentSuggestion.objects.filter(rank=1).first()
    other = next(p for p in computed["phenomena"].values() if p.pk != suggestion.phenomenon_id)
    response = signed_in.post(
        reverse("analysis:link", args=[suggestion.observation_id]),
        {"phenomenon": other.pk, "next": reverse("analysis:suggestions")},
    )
    assert response.url == reverse("analysis:suggestions")
    assert PhenomenonLink.objects.filter(
        observation_id=suggestion.observation_id, phenomenon=other
    ).exists()


def test_accepting_a_group_with_some_members_makes_a_phenomenon(signed_in, computed):
    group = DiscoveredGroup.objects.first()
    members = list(group.observations.values_list("pk", flat=True))
    kept = members[:-1]
    response = signed_in.post(
        reverse("analysis:group_accept", args=[group.pk]),
        {"name": "Uusi ilmiö", "members": kept},
    )
    phenomenon = Phenomenon.objects.get(name="Uusi ilmiö")
    assert response.url == reverse("analysis:phenomenon", args=[phenomenon.pk])
    assert sorted(phenomenon.links.values_list("observation_id", flat=True)) == sorted(kept)
    group.refresh_from_db()
    assert group.accepted


def test_a_group_can_join_an_existing_phenomenon(signed_in, computed):
    group = DiscoveredGroup.objects.first()
    target = computed["phenomena"]["velat"]
    members = list(group.observations.values_list("pk", flat=True))
    signed_in.post(
        reverse("analysis:group_accept", args=[group.pk]),
        {"phenomenon": target.pk, "members": members},
    )
    assert set(members) <= set(target.links.values_list("observation_id", flat=True))


def test_a_group_needs_a_name_or_a_phenomenon(signed_in, computed):
    group = DiscoveredGroup.objects.first()
    response = signed_in.post(
        reverse("analysis:group_accept", args=[group.pk]), {"name": "", "members": []}
    )
    assert response.status_code == 400


def test_one_click_link_returns_to_the_suggestions(signed_in, computed):
    suggestion = AssignmentSuggestion.objects.filter(rank=1).first()
    response = signed_in.post(
        reverse("analysis:link", args=[suggestion.observation_id]),
        {"phenomenon": suggestion.phenomenon_id, "next": reverse("analysis:suggestions")},
    )
    assert response.url == reverse("analysis:suggestions")
    assert PhenomenonLink.objects.filter(
        observation_id=suggestion.observation_id, phenomenon_id=suggestion.phenomenon_id
    ).exists()


def test_a_running_computation_shows_progress(signed_in, org_a):
    SuggestionRun.objects.create(organisation=org_a, state="running", progress=40)
    content = signed_in.get(reverse("analysis:suggestions")).content.decode()
    assert '<progress id="run-progress" max="100" value="40">' in content
    # The page follows the run without reloading itself (lib/progress.py).
    assert 'http-equiv="refresh"' not in content
    assert "data-progress-status" in content


def test_a_failed_run_says_so(signed_in, org_a):
    SuggestionRun.objects.create(organisation=org_a, state="failed", error="boom")
    content = signed_in.get(reverse("analysis:suggestions")).content.decode()
    assert "boom" not in content
    assert 'class="message message--error"' in content


def test_other_organisations_groups_are_404(client, outsider, org_a):
    run = SuggestionRun.objects.create(organisation=org_a, state="done", progress=100)
    group = DiscoveredGroup.objects.create(run=run, label="x")
    client.force_login(outsider)
    assert client.post(reverse("analysis:group_accept", args=[group.pk]), {}).status_code == 404


@pytest.mark.parametrize("persona", ["reporter", "reader"])
def test_other_roles_get_403(client, db, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("analysis:suggestions")).status_code == 403
    assert client.post(reverse("analysis:suggestions_refresh")).status_code == 403
