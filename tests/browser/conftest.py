"""Browser tests: real headless Chromium from Debian, driven by Playwright, against a live
server. Playwright's synchronous API runs an event loop in the test thread, so Django's
guard against ORM calls from async code is lifted for these tests only."""

import importlib
import os
import time
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


# Each browser test module sets this as its pytestmark: a live server needs committed rows.
LIVE = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
REFERENCE_MIGRATIONS = [
    "accounts.migrations.0002_reference_data",
    "reporting.migrations.0002_reference_data",
    "pages.migrations.0002_default_pages",
]


@pytest.fixture(autouse=True)
def _reference_data(request):
    """A transactional test empties every table when it ends, the reference data from the
    migrations included; load it again before each browser test. (Django's serialized
    rollback cannot be used: Playwright's greenlets give the test another connection object
    than the one the test database was serialized on.)"""
    if "live_server" not in request.fixturenames and "page" not in request.fixturenames:
        return
    request.getfixturevalue("transactional_db")
    from django.apps import apps

    for module in REFERENCE_MIGRATIONS:
        importlib.import_module(module).load(apps, None)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server):
    contexts = []

    def make(language="fi", *, inject_scripts=False):
        # axe-core is injected into the page, which the Content-Security-Policy forbids.
        context = browser.new_context(
            bypass_csp=inject_scripts,
            base_url=live_server.url,
            locale={"fi": "fi-FI", "sv": "sv-FI", "en": "en-GB"}[language],
            viewport={"width": 400, "height": 900},
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page("fi")


def sign_in(page, username, password="password-for-tests"):
    """Sign in as a person who speaks the browser's language: signing in shows the pages in
    the person's own language (User.language), so the persona is given the browser's."""
    from accounts.models import User

    language = page.evaluate("navigator.language").split("-")[0]
    User.objects.filter(username=username).update(language=language)
    page.goto("/accounts/sign-in/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("form.narrow button[type=submit]")
    page.wait_for_url(lambda url: "/sign-in/" not in url)


def axe_violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {
                runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}
            });
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' '))
            }));
        }"""
    )
    return result


def fill_observation(page, text):
    page.fill("#id_text", text)
    page.check("#id_signal_0")
    page.check("#id_novelty_1")
    page.check("#id_target_groups_1")
    page.check("#id_whole_county")


def wait_until(page, expression: str, timeout: float = 10.0) -> None:
    """Wait until a JavaScript expression is true. Playwright's ``wait_for_function`` polls
    through ``eval``, which Sora's Content Security Policy forbids; ``evaluate`` is not."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"Still not true after {timeout} s: {expression}")
        page.wait_for_timeout(100)
