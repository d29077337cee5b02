"""Accessibility that axe cannot check, tried with the keyboard, a narrow screen and a
screen reader's eyes: progress without reloading, the language of stored texts, long words
on a phone, the session warning, the error summary of every form and the guard's findings."""

import re
from uuid import uuid4

import pytest

from analysis.models import SuggestionRun
from proposals.tests.factories import ProposalFactory
from reporting.models import Observation, Supplement
from reporting.tests.factories import CampaignFactory, ObservationFactory
from reports import outputs, runs
from reports.models import ReportRun
from reports.tests.factories import make_report
from tests.browser.conftest import LIVE, axe_violations, fill_observation, sign_in

pytestmark = LIVE


def test_typing_survives_a_report_run_and_its_end_is_announced(
    new_page, analyst, org_a, monkeypatch
):
    monkeypatch.setitem(outputs.RENDERERS, "pdf", lambda content: b"%PDF-1.7 test")
    report = make_report(org_a, author=analyst, language="fi")
    run = ReportRun.objects.create(report=report, revision=report.revision)  # queued
    page = new_page("fi")
    page.set_default_timeout(30_000)
    sign_in(page, "analyst")
    page.goto(f"/reports/{report.pk}/")
    status = page.locator("[data-progress-status]")
    assert status.get_attribute("role") == "status"
    assert page.locator("meta[http-equiv=refresh]").count() == 0
    page.fill("#id_summary", "Asumisen huolet kasvoivat")
    page.wait_for_timeout(6_000)  # at least one poll while the run waits
    page.keyboard.type(" selvästi.")
    runs.generate(run.pk)
    page.wait_for_selector("[data-progress-finished=done]", timeout=20_000)
    assert "valmis" in status.inner_text()
    assert page.input_value("#id_summary") == "Asumisen huolet kasvoivat selvästi."
    assert page.locator("#run-progress").evaluate("bar => bar.value") == 100


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_a_page_with_a_run_in_progress_has_no_violations(new_page, analyst, org_a, language):
    report = make_report(org_a, author=analyst, language=language)
    ReportRun.objects.create(report=report, revision=report.revision)
    SuggestionRun.objects.create(organisation=org_a, progress=40)
    page = new_page(language, inject_scripts=True)
    sign_in(page, "analyst")
    problems = {}
    for url in [f"/reports/{report.pk}/", "/analysis/suggestions/", "/analysis/signals/"]:
        page.goto(url)
        assert page.locator("meta[http-equiv=refresh]").count() == 0
        problems[url] = axe_violations(page)
    assert {url: found for url, found in problems.items() if found} == {}


SWEDISH = "Väntetiderna till ungdomarnas mentalvårdstjänster har blivit längre."


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_a_swedish_observation_is_marked_swedish(new_page, reporter, analyst, org_a, language):
    observation = ObservationFactory(
        organisation=org_a, reporter=reporter, text=SWEDISH, language="sv"
    )
    Supplement.objects.create(
        observation=observation, text="Tillägg på svenska.", language="sv", creation_key=uuid4()
    )
    page = new_page(language, inject_scripts=True)
    problems = {}
    sign_in(page, "reporter")
    for url in [f"/observations/{observation.pk}/", "/observations/mine/"]:
        page.goto(url)
        assert page.locator(f"main [lang=sv]:has-text('{SWEDISH[:40]}')").count() >= 1, url
        problems[url] = axe_violations(page)
    assert page.locator("html").get_attribute("lang") == language
    page.goto(f"/observations/{observation.pk}/")
    assert page.locator("p[lang=sv]:has-text('Tillägg på svenska.')").count() == 1
    page.context.clear_cookies()
    sign_in(page, "analyst")
    for url in [f"/analysis/observations/{observation.pk}/", "/analysis/"]:
        page.goto(url)
        assert page.locator(f"main [lang=sv]:has-text('{SWEDISH[:40]}')").count() >= 1, url
        problems[url] = axe_violations(page)
    assert {url: found for url, found in problems.items() if found} == {}


LONG_WORD = "Lastensuojeluilmoitustenkäsittelyaikojenpidentymisenseurantakysely"


def _scrolls_sideways(page) -> bool:
    return page.evaluate(
        "() => document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )


def test_long_words_wrap_on_a_narrow_screen(new_page, reporter, analyst, org_a):
    campaign = CampaignFactory(owner=org_a, link_organisation=org_a, title_fi=LONG_WORD)
    proposal = ProposalFactory(organisation=org_a, owner=analyst, title=LONG_WORD)
    report = make_report(org_a, author=analyst, title=LONG_WORD, summary=LONG_WORD)
    page = new_page("fi")
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"/o/{campaign.link_token}/")
    wide = {"campaign at 390 px": _scrolls_sideways(page)}
    page.set_viewport_size({"width": 320, "height": 800})
    wide["campaign"] = _scrolls_sideways(page)
    sign_in(page, "reporter")
    page.goto("/observations/new/")
    wide["form"] = _scrolls_sideways(page)
    fill_observation(page, f"{LONG_WORD} on pidentynyt tänä syksynä selvästi.")
    page.click("button[value=submit]")
    page.wait_for_url(re.compile(r"/observations/receipt/"))
    wide["receipt"] = _scrolls_sideways(page)
    page.goto(f"/observations/{Observation.objects.get().pk}/")
    wide["observation"] = _scrolls_sideways(page)
    page.context.clear_cookies()
    sign_in(page, "analyst")
    for name, url in [
        ("proposal", f"/proposals/{proposal.pk}/"),
        ("report", f"/reports/{report.pk}/"),
    ]:
        page.goto(url)
        wide[name] = _scrolls_sideways(page)
    assert {name: True for name, scrolls in wide.items() if scrolls} == {}


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_session_warning_gives_focus_back_and_is_named_by_its_state(
    new_page, reporter, settings, language
):
    settings.SESSION_COOKIE_AGE = 6
    settings.SESSION_WARNING_SECONDS = 4
    page = new_page(language, inject_scripts=True)
    sign_in(page, "reporter")
    page.goto("/observations/new/")
    page.click("#id_text")
    page.keyboard.type("Jonot kasvavat")
    dialog = page.locator("#session-warning")
    dialog.wait_for(state="visible", timeout=5000)
    warning_text = page.inner_text("#session-warning-text")
    assert page.get_by_role("alertdialog", name=warning_text).is_visible()
    problems = {"warning": axe_violations(page)}
    page.keyboard.press("Enter")  # the focus is on "Continue"
    dialog.wait_for(state="hidden", timeout=3000)
    assert page.evaluate("document.activeElement.id") == "id_text"
    page.keyboard.type(" edelleen.")
    assert page.input_value("#id_text") == "Jonot kasvavat edelleen."
    page.locator("[data-session-ended]").wait_for(state="visible", timeout=9000)
    ended_text = page.inner_text("#session-ended-text")
    assert page.get_by_role("alertdialog", name=ended_text).is_visible()
    assert page.get_by_role("alertdialog", name=warning_text).count() == 0
    problems["ended"] = axe_violations(page)
    assert {state: found for state, found in problems.items() if found} == {}


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_every_form_with_errors_moves_focus_to_its_summary(new_page, analyst, language):
    prefix = {"fi": "Virhe: ", "sv": "Fel: "}[language]
    page = new_page(language, inject_scripts=True)
    page.goto("/accounts/sign-in/")
    assert not page.title().startswith(prefix)
    page.fill("#id_username", "analyst")
    page.fill("#id_password", "wrong")
    page.click("form.narrow button[type=submit]")
    problems = {}

    def check(name):
        page.wait_for_selector("#error-summary")
        page.wait_for_function("document.activeElement.id === 'error-summary'")
        assert page.title().startswith(prefix), name
        problems[name] = axe_violations(page)

    check("sign-in")
    sign_in(page, "analyst")
    for name, url in [("proposal", "/proposals/new/"), ("report", "/reports/new/")]:
        page.goto(url)
        assert not page.title().startswith(prefix)
        page.click("main form button[type=submit]")
        check(name)
    page.goto("/follow/?code=XXXX")
    check("follow-up code")
    assert {name: found for name, found in problems.items() if found} == {}


@pytest.mark.parametrize(
    ("language", "kind"), [("fi", "Henkilötunnus"), ("sv", "Personbeteckning")]
)
def test_the_guard_names_each_finding_beside_its_field(new_page, reporter, language, kind):
    hetu = "131052-308T"
    page = new_page(language, inject_scripts=True)
    sign_in(page, "reporter")
    page.goto("/observations/new/")
    fill_observation(page, f"Asiakkaan tunnus {hetu} näkyi, ja soita 040 123 4567.")
    page.click("button[value=submit]")
    found = page.locator("#guard-text .guard-findings li")
    found.first.wait_for()
    assert found.count() == 2
    assert found.first.inner_text().startswith(kind)
    assert "Asiakkaan tunnus" in found.first.inner_text()
    assert hetu not in page.inner_text("#guard-text .guard-findings")
    assert hetu not in page.inner_text("#error-summary")
    described = page.get_attribute("#id_text", "aria-describedby").split()
    assert "guard-text-found" in described
    assert page.locator("#guard-text #guard-text-found").count() == 1
    assert axe_violations(page) == []
