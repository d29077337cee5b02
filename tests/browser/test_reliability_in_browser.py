"""A database outage and an expiring session in a real browser: the text is never lost."""

import re

from django.db import OperationalError

from reporting import services
from reporting.models import Observation
from tests.browser.conftest import LIVE, axe_violations, fill_observation, sign_in

pytestmark = LIVE

TEXT = "Omaishoitajien vapaapäivien sijaishoito puuttuu kokonaan pienistä kunnista."


def test_outage_page_keeps_the_text_and_the_browser_draft(page, reporter, monkeypatch):
    sign_in(page, "reporter")
    page.goto("/observations/new/")
    fill_observation(page, TEXT)
    page.wait_for_timeout(700)  # the draft is stored shortly after typing stops

    def down(**kwargs):
        raise OperationalError("could not connect to server: Connection refused")

    monkeypatch.setattr(services, "submit_observation", down)
    page.click("button[value=submit]")
    assert "Traceback" not in page.content()
    assert page.input_value("main textarea[name=text]") == TEXT
    monkeypatch.undo()

    page.goto("/observations/new/")
    assert page.input_value("#id_text") == TEXT  # the browser draft survived the failure
    page.goto("/observations/mine/")
    page.go_back()
    page.go_back()  # back on the outage page: "Try again" sends the same submission
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/observations/receipt/"))
    assert Observation.objects.get().text == TEXT


def test_session_warning_lets_the_person_continue(page, reporter, settings):
    settings.SESSION_COOKIE_AGE = 6
    settings.SESSION_WARNING_SECONDS = 4
    sign_in(page, "reporter")
    page.goto("/observations/new/")
    page.fill("#id_text", TEXT)
    warning = page.locator("#session-warning")
    warning.wait_for(state="visible", timeout=5000)
    assert page.evaluate("document.activeElement.textContent").strip() != ""
    page.click("#session-warning button")
    warning.wait_for(state="hidden", timeout=3000)
    page.wait_for_timeout(3000)  # past the original end: the session was extended
    assert page.request.get("/observations/mine/", max_redirects=0).status == 200


def test_an_ended_session_says_so_and_keeps_the_draft(page, reporter, settings):
    settings.SESSION_COOKIE_AGE = 3
    settings.SESSION_WARNING_SECONDS = 2
    sign_in(page, "reporter")
    page.goto("/observations/new/")
    page.fill("#id_text", TEXT)
    page.locator("[data-session-ended]").wait_for(state="visible", timeout=6000)
    page.click("[data-session-ended] a")
    page.wait_for_url(re.compile(r"/sign-in/"))
    page.fill("#id_username", "reporter")
    page.fill("#id_password", "password-for-tests")
    page.click("form.narrow button[type=submit]")
    page.wait_for_url(re.compile(r"/observations/new/"))
    assert page.input_value("#id_text") == TEXT


def test_new_pages_have_no_accessibility_violations(new_page, admin_member, monkeypatch, settings):
    from accounts.audit import record_event

    record_event(action="export", actor=admin_member, target="codebook")
    page = new_page("fi", inject_scripts=True)
    sign_in(page, "orgadmin")
    problems = {}
    for url in [
        "/accounts/audit/",
        "/accounts/audit/?start=2025-02-01&end=2025-01-01",
        "/account/delete/",
    ]:
        page.goto(url)
        problems[url] = axe_violations(page)

    def down(**kwargs):
        raise OperationalError("could not connect to server: Connection refused")

    monkeypatch.setattr(services, "submit_observation", down)
    page.goto("/observations/new/")
    fill_observation(page, TEXT)
    page.click("button[value=submit]")
    problems["could not save"] = axe_violations(page)
    monkeypatch.undo()
    settings.SESSION_COOKIE_AGE = 3
    settings.SESSION_WARNING_SECONDS = 3
    page.goto("/observations/mine/")
    page.locator("#session-warning").wait_for(state="visible", timeout=5000)
    problems["session warning"] = axe_violations(page)
    assert {url: found for url, found in problems.items() if found} == {}
