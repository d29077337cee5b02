"""Where a signal leads: its observations in the inbox, a phenomenon, an action proposal."""

import datetime
import html
import re
import uuid

import pytest
from django.conf import settings
from django.urls import reverse

from analysis import access, signal_runs
from analysis.models import Phenomenon, PhenomenonLink, SignalRun
from analysis.signal_links import SignalRef
from analysis.signals import FALLING, MUNICIPALITY, RISING, TARGET_GROUP, THEME, CellKey
from analysis.signals.counts import COUNTY, COUNTY_TIME_ZONE
from analysis.tests.test_signals import AS_OF, plant, rise, steady
from reporting.models import Municipality, Observation, Theme

pytestmark = pytest.mark.django_db

SIGNALS = reverse("analysis:signals")


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def compute(user) -> list:
    """The user's signals as of ``AS_OF``, computed as the worker would."""
    run = signal_runs.request_run(signal_runs.scope_of(user), AS_OF)
    signal_runs.compute(run.pk)
    return signal_runs.findings_of(SignalRun.objects.get(pk=run.pk))


def recompute(user) -> list:
    SignalRun.objects.all().delete()
    return compute(user)


def only(findings, level=None):
    [finding] = [f for f in findings if level is None or f.level == level]
    return finding


def inbox_link(client, finding) -> str:
    """The "Show the observations" link of the finding's card on the dashboard."""
    content = client.get(SIGNALS, {"as_of": AS_OF.isoformat()}).content.decode()
    token = SignalRef(AS_OF, finding.direction, finding.key).token
    cards = content.split('<article class="card signal-card"')[1:]
    [card] = [card for card in cards if token in card]
    return html.unescape(re.search(r'<a href="(/analysis/\?[^"]+)"', card).group(1))


def inbox_count(client, url) -> int:
    response = client.get(url)
    assert response.status_code == 200
    assert not response.context["form"].errors
    return response.context["page"].paginator.count


def helsinki(day: datetime.date, hour: int, minute: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), COUNTY_TIME_ZONE)


def at(moment: datetime.datetime, organisation, **links) -> Observation:
    [observation] = plant(organisation, {0: 1}, **links)
    observation.submitted_at = moment
    observation.save(update_fields=["submitted_at"])
    return observation


def window_start(finding) -> datetime.date:
    return AS_OF - datetime.timedelta(days=7 * finding.window_weeks - 1)


# The click-through: the inbox shows exactly what the signal counted


def test_a_municipality_signal_opens_exactly_its_observations(client, analyst, org_a, org_b):
    plant(org_a, rise(baseline_every=4, recent_per_week=3, recent_weeks=4), municipalities=["743"])
    plant(org_a, steady(1), municipalities=["005"])
    first = only(compute(analyst))
    assert first.level == MUNICIPALITY
    start = window_start(first)
    # At the window's edges (Helsinki midnight, the day daylight saving starts among them),
    # about the whole county while naming the place, and another organisation's.
    inside = at(helsinki(start, 0, 1), org_a, municipalities=["743"])
    outside = at(
        helsinki(start, 0, 0) - datetime.timedelta(minutes=2), org_a, municipalities=["743"]
    )
    county = at(helsinki(AS_OF, 23, 59), org_a, municipalities=["743"], whole_county=True)
    theirs = at(helsinki(AS_OF, 12, 0), org_b, municipalities=["743"])
    finding = only(recompute(analyst), MUNICIPALITY)
    assert (finding.key, finding.window_weeks) == (first.key, first.window_weeks)

    client.force_login(analyst)
    url = inbox_link(client, finding)
    assert "whole_county=no" in url
    recent = sum(finding.weekly[-finding.window_weeks :])
    assert inbox_count(client, url) == recent == finding.recent == first.recent + 1
    shown = set(inbox_ids(client, url))
    assert inside.pk in shown
    assert not {outside.pk, county.pk, theirs.pk} & shown


def inbox_ids(client, url) -> list[int]:
    ids, page = [], 1
    while True:
        response = client.get(f"{url}&page={page}")
        ids += [o.pk for o in response.context["page"].object_list]
        if not response.context["page"].has_next():
            return ids
        page += 1


def test_a_target_group_signal_opens_exactly_its_observations(client, analyst, org_a):
    plant(org_a, steady(20), whole_county=True, target_groups=["working_age"])
    plant(
        org_a,
        rise(baseline_every=4, recent_per_week=3),
        whole_county=True,
        target_groups=["older_people"],
    )
    finding = only(compute(analyst))
    assert finding.level == TARGET_GROUP
    client.force_login(analyst)
    url = inbox_link(client, finding)
    assert "target_group=" in url and "municipality" not in url
    recent = sum(finding.weekly[-finding.window_weeks :])
    assert inbox_count(client, url) == recent == finding.recent


def test_a_county_signal_opens_exactly_its_observations(client, analyst, org_a):
    for place in ["005", "010", "145", "301", "408", "743"]:
        plant(org_a, steady(1) | steady(3, range(13)), municipalities=[place])
    plant(org_a, steady(1, range(0, 104, 8)), whole_county=True)
    # Another theme and positive developments are other cells.
    plant(org_a, steady(1, range(13)), theme="livelihood", municipalities=["743"])
    plant(org_a, steady(1, range(13)), signal="positive", municipalities=["743"])
    finding = only(compute(analyst), COUNTY)
    client.force_login(analyst)
    url = inbox_link(client, finding)
    assert "municipality" not in url and "target_group" not in url
    recent = sum(finding.weekly[-finding.window_weeks :])
    assert inbox_count(client, url) == recent == finding.recent


def test_a_fall_opens_the_observations_of_the_weeks_before_it(client, english, analyst, org_a):
    plant(org_a, steady(2, range(13, 104)), municipalities=["005"])
    plant(org_a, steady(2), municipalities=["010"])
    plant(org_a, steady(2), municipalities=["743"])
    finding = only(compute(analyst))
    assert finding.direction == FALLING
    client.force_login(analyst)
    content = client.get(SIGNALS, {"as_of": AS_OF.isoformat()}).content.decode()
    assert f"Show the {finding.baseline} observations" in content
    assert "the weeks before it" in content
    url = inbox_link(client, finding)
    window, baseline = finding.window_weeks, finding.baseline_weeks
    before = sum(finding.weekly[-window - baseline : -window])
    assert inbox_count(client, url) == before == finding.baseline > 0
    last_day = AS_OF - datetime.timedelta(days=7 * window)
    assert f"end={last_day.isoformat()}" in url


def test_a_phenomenon_signal_filters_by_the_phenomenon(client, analyst, org_a):
    phenomenon = Phenomenon.objects.create(organisation=org_a, name="Jonot")
    series = rise(baseline_every=4, recent_per_week=2)
    plant(org_a, series, theme=None, phenomenon=phenomenon, whole_county=True)
    finding = only(compute(analyst))
    assert finding.key.kind == "phenomenon"
    client.force_login(analyst)
    url = inbox_link(client, finding)
    assert f"phenomenon={phenomenon.pk}" in url
    assert inbox_count(client, url) == finding.recent
    content = client.get(SIGNALS, {"as_of": AS_OF.isoformat()}).content.decode()
    assert reverse("analysis:phenomenon", args=[phenomenon.pk]) in content


def test_the_card_shows_its_counts_chart_and_actions(client, english, analyst, org_a):
    plant(org_a, rise(baseline_every=4, recent_per_week=3, recent_weeks=4), municipalities=["743"])
    finding = only(compute(analyst))
    client.force_login(analyst)
    content = client.get(SIGNALS, {"as_of": AS_OF.isoformat()}).content.decode()
    assert f"Show the {finding.recent} observations" in content
    assert f"{finding.recent} observations in {finding.window_weeks} weeks" in content
    assert "expected" in content and 'role="img"' in content
    assert "Start a phenomenon from this signal" in content
    assert reverse("proposals:create") + "?signal=" in content


def test_the_inbox_phenomenon_filter_lists_only_own_phenomena(client, analyst, org_a, org_b):
    Phenomenon.objects.create(organisation=org_a, name="Omat jonot")
    theirs = Phenomenon.objects.create(organisation=org_b, name="Toisten jonot")
    client.force_login(analyst)
    content = client.get(reverse("analysis:inbox")).content.decode()
    assert "Omat jonot" in content and "Toisten jonot" not in content
    response = client.get(reverse("analysis:inbox"), {"phenomenon": theirs.pk})
    assert "phenomenon" in response.context["form"].errors


# Starting a phenomenon


@pytest.fixture
def burst(org_a):
    """A rise in Seinäjoki, one of whose observations is in a phenomenon already."""
    observations = plant(
        org_a, rise(baseline_every=4, recent_per_week=3, recent_weeks=4), municipalities=["743"]
    )
    already = Phenomenon.objects.create(organisation=org_a, name="Vanha ilmiö")
    newest = max(observations, key=lambda o: o.submitted_at)
    PhenomenonLink.objects.create(phenomenon=already, observation=newest)
    return newest


def token_of(finding) -> str:
    return SignalRef(AS_OF, finding.direction, finding.key).token


def test_the_button_opens_a_prefilled_form_and_saves_nothing(client, analyst, burst):
    finding = only(compute(analyst))
    client.force_login(analyst)
    url = reverse("analysis:signal_phenomenon")
    assert client.get(url, {"signal": token_of(finding)}).status_code == 405
    response = client.post(url, {"signal": token_of(finding)})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["name"] == "Asuminen ja asunnottomuus, Seinäjoki"
    assert f"{finding.recent} havaintoa" in form.initial["description"]
    assert response.context["taken"] == finding.recent - 1
    assert Phenomenon.objects.count() == 1
    # Sent as proposed, the guard finds nothing to ask about in the name and the evidence.
    saved = client.post(reverse("analysis:phenomenon_create"), form.initial)
    assert saved.status_code == 302
    created = Phenomenon.objects.get(name=form.initial["name"])
    assert created.links.count() == finding.recent - 1


def test_saving_links_the_unlinked_observations_once(client, analyst, burst, org_a):
    finding = only(compute(analyst))
    client.force_login(analyst)
    signal = access.get_signal_for_analyst(analyst, token_of(finding))
    expected = set(access.signal_observations(analyst, signal).values_list("pk", flat=True))
    assert len(expected) == finding.recent
    form = {
        "creation_key": str(uuid.uuid4()),
        "signal": token_of(finding),
        "name": "Asuminen ja asunnottomuus, Seinäjoki",
        "description": "Vuokrat nousevat.",
    }
    first = client.post(reverse("analysis:phenomenon_create"), form)
    again = client.post(reverse("analysis:phenomenon_create"), form)
    created = Phenomenon.objects.get(name="Asuminen ja asunnottomuus, Seinäjoki")
    assert first.url == again.url == reverse("analysis:phenomenon", args=[created.pk])
    assert Phenomenon.objects.count() == 2
    linked = set(created.links.values_list("observation_id", flat=True))
    assert linked == expected - {burst.pk}
    assert set(created.links.values_list("how", flat=True)) == {PhenomenonLink.How.SIGNAL}
    assert not Observation.objects.filter(pk__in=linked).exclude(status="in_phenomenon").exists()
    assert burst.phenomenon_links.count() == 1


def test_a_phenomenon_takes_only_observations_in_scope(client, analyst, org_a, org_b, partner_org):
    plant(org_a, rise(baseline_every=4, recent_per_week=3, recent_weeks=4), municipalities=["743"])
    shared = plant(partner_org, {0: 2}, municipalities=["743"])
    theirs = plant(org_b, {0: 2}, municipalities=["743"])
    finding = only(compute(analyst))
    client.force_login(analyst)
    form = {
        "creation_key": str(uuid.uuid4()),
        "signal": token_of(finding),
        "name": "Asuminen ja asunnottomuus, Seinäjoki",
        "description": "",
    }
    assert client.post(reverse("analysis:phenomenon_create"), form).status_code == 302
    created = Phenomenon.objects.get(name="Asuminen ja asunnottomuus, Seinäjoki")
    linked = set(created.links.values_list("observation_id", flat=True))
    assert len(linked) == finding.recent
    assert {o.pk for o in shared} <= linked
    assert not {o.pk for o in theirs} & linked


def test_a_get_with_a_signal_starts_nothing(client, analyst, burst):
    finding = only(compute(analyst))
    client.force_login(analyst)
    response = client.get(reverse("analysis:phenomenon_create"), {"signal": token_of(finding)})
    assert response.status_code == 200
    assert "signal" not in response.context
    assert Phenomenon.objects.count() == 1


def test_another_organisation_cannot_use_the_signal(client, analyst, outsider, burst):
    finding = only(compute(analyst))
    compute(outsider)
    client.force_login(outsider)
    token = token_of(finding)
    assert client.post(reverse("analysis:signal_phenomenon"), {"signal": token}).status_code == 404
    form = {"creation_key": str(uuid.uuid4()), "signal": token, "name": "X", "description": ""}
    assert client.post(reverse("analysis:phenomenon_create"), form).status_code == 404
    assert client.get(reverse("proposals:create"), {"signal": token}).status_code == 404
    assert Phenomenon.objects.count() == 1


@pytest.mark.parametrize(
    "token",
    [
        "",
        "nonsense",
        "2025-03-30.rising.theme.1..1.concern",
        "2025-02-30.rising.theme.1...concern",
        "2025-03-30.rising.theme.1...nothing",
    ],
)
def test_a_bad_token_is_404(client, analyst, burst, token):
    compute(analyst)
    client.force_login(analyst)
    assert client.post(reverse("analysis:signal_phenomenon"), {"signal": token}).status_code == 404


def test_the_same_form_sent_twice_makes_one_phenomenon(client, analyst):
    client.force_login(analyst)
    form = {"creation_key": str(uuid.uuid4()), "name": "Jonot", "description": ""}
    first = client.post(reverse("analysis:phenomenon_create"), form)
    again = client.post(reverse("analysis:phenomenon_create"), form)
    assert first.status_code == again.status_code == 302
    assert first.url == again.url
    assert Phenomenon.objects.count() == 1
    other = client.post(reverse("analysis:phenomenon_create"), form | {"creation_key": ""})
    assert other.status_code == 400


# Starting a proposal


def test_a_proposal_is_prefilled_from_a_theme_signal(client, analyst, org_a):
    plant(org_a, rise(baseline_every=4, recent_per_week=3, recent_weeks=4), municipalities=["743"])
    finding = only(compute(analyst))
    client.force_login(analyst)
    response = client.get(reverse("proposals:create"), {"signal": token_of(finding)})
    assert response.status_code == 200
    initial = response.context["form"].initial
    assert initial["title"] == "Asuminen ja asunnottomuus, Seinäjoki"
    assert initial["themes"] == [Theme.objects.get(code="housing").pk]
    assert initial["municipalities"] == [Municipality.objects.get(code="743").pk]
    evidence = f"{finding.recent} havaintoa {finding.window_weeks} viikossa"
    assert evidence in initial["rationale"]
    assert evidence in response.content.decode()


def test_a_proposal_from_a_phenomenon_signal_attaches_the_phenomenon(client, analyst, org_a):
    phenomenon = Phenomenon.objects.create(organisation=org_a, name="Jonot", description="Pitkät")
    plant(org_a, rise(baseline_every=4, recent_per_week=2), theme=None, phenomenon=phenomenon)
    finding = only(compute(analyst), COUNTY)
    assert finding.key == CellKey("phenomenon", phenomenon.pk, None, "concern")
    client.force_login(analyst)
    response = client.get(reverse("proposals:create"), {"signal": token_of(finding)})
    initial = response.context["form"].initial
    assert initial["phenomena"] == [phenomenon.pk]
    assert (initial["title"], initial["problem"]) == ("Jonot", "Pitkät")
    assert "Nouseva" in initial["rationale"]


def test_the_token_names_the_cell_exactly():
    key = CellKey(THEME, 12, None, "positive", 3)
    ref = SignalRef(AS_OF, RISING, key)
    assert SignalRef.parse(ref.token) == ref
    assert SignalRef.parse(ref.token + "x") is None
