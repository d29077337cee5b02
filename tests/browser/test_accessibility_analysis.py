"""axe-core finds no WCAG 2.1 A/AA violations on the analyst's pages."""

import pytest

from analysis import signal_runs
from analysis.models import (
    AssignmentSuggestion,
    DiscoveredGroup,
    PhenomenonLink,
    SignalSubscription,
    SuggestionRun,
)
from analysis.tests.factories import PhenomenonFactory
from analysis.tests.test_signal_notices import DAY, finding, run_for
from analysis.tests.test_signals import AS_OF, plant, rise
from reporting.tests.factories import ObservationFactory
from tests.browser.conftest import LIVE, axe_violations, sign_in

pytestmark = LIVE


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_analyst_pages_have_no_violations(new_page, analyst, org_a, language):
    observation = ObservationFactory(organisation=org_a, text="Vuokrarästit kasvavat.")
    phenomenon = PhenomenonFactory(organisation=org_a, name="Asuminen")
    PhenomenonLink.objects.create(phenomenon=phenomenon, observation=observation)
    plant(org_a, rise(baseline_every=4, recent_per_week=2), municipalities=["743"])
    signal_runs.compute(signal_runs.request_run(signal_runs.scope_of(analyst), AS_OF).pk)
    run = SuggestionRun.objects.create(organisation=org_a, state="done", progress=100)
    group = DiscoveredGroup.objects.create(run=run, label="vuokra, häätö")
    group.observations.add(observation)
    SignalSubscription.objects.create(user=analyst, whole_county=True)
    run_for(analyst, AS_OF + DAY, finding("livelihood"))  # a notice of a new signal
    unlinked = ObservationFactory(organisation=org_a, text="Häätöuhka kasvaa.")
    AssignmentSuggestion.objects.create(
        run=run, observation=unlinked, phenomenon=phenomenon, rank=1, score=0.82
    )
    page = new_page(language, inject_scripts=True)
    sign_in(page, "analyst")
    problems = {}
    for url in [
        "/",
        "/analysis/",
        "/analysis/?q=vuokra&signal=concern",
        "/analysis/?status=&assigned=me",
        f"/analysis/phenomena/{phenomenon.pk}/?q=kasvaa",
        f"/analysis/observations/{observation.pk}/",
        "/analysis/phenomena/",
        f"/analysis/phenomena/{phenomenon.pk}/",
        "/analysis/phenomena/new/",
        f"/analysis/signals/?as_of={AS_OF.isoformat()}",
        "/analysis/codebook/",
        "/analysis/suggestions/",
        f"/analysis/observations/{unlinked.pk}/",
        "/analysis/signals/subscriptions/",
        "/analysis/signals/notices/",
    ]:
        page.goto(url)
        problems[url] = axe_violations(page)
        if "/signals/?" in url:
            assert page.locator("svg[role=img]").count() >= 1
            problems |= _signal_pages(page)
        if url.endswith("?q=kasvaa"):
            assert page.locator("input[name=observations]").count() == 1
        if url.endswith("/notices/"):
            assert page.locator("article.card").count() == 1
    page.goto(f"/analysis/observations/{observation.pk}/")
    page.fill("#id_text", "Soita 040 123 4567")
    page.click("form[action$='/memos/'] button[type=submit]")
    page.wait_for_selector("#error-summary")
    problems["memo with errors"] = axe_violations(page)
    page.goto("/analysis/?status=")
    page.check("#id_bulk-scope_0")
    page.click("#bulk button[type=submit]")  # nothing ticked, no action chosen
    page.wait_for_selector("#error-summary")
    problems["bulk action with errors"] = axe_violations(page)
    page.goto("/analysis/signals/subscriptions/")
    page.select_option("#id_area", "county")
    page.click("form[action$='/subscriptions/'] button[type=submit]")
    page.wait_for_selector("#error-summary")
    problems["subscription with errors"] = axe_violations(page)
    assert {url: found for url, found in problems.items() if found} == {}


def _signal_pages(page) -> dict:
    """Where the dashboard's first signal leads: its observations in the inbox, the
    prefilled new phenomenon and the prefilled proposal."""
    dashboard = page.url
    card = page.locator(".signal-card").first
    problems = {}
    for name, action in [
        ("inbox from a signal", lambda: card.locator(".signal-actions p a").click()),
        (
            "phenomenon from a signal",
            lambda: card.locator(".signal-actions button[type=submit]").click(),
        ),
        (
            "proposal from a signal",
            lambda: card.locator(".signal-actions a[href*='/proposals/']").click(),
        ),
    ]:
        page.goto(dashboard)
        action()
        page.wait_for_load_state()
        assert page.url != dashboard
        problems[name] = axe_violations(page)
    return problems
