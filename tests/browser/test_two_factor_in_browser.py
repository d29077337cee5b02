"""Two-factor sign-in in the browser: an analyst of a local account signs in with a password,
is sent to set up an authenticator app, types the key into one (here: django-otp's TOTP),
confirms it, and from then on reaches the inbox only after a code. The set-up page and the
code step have no accessibility violations in Finnish or Swedish."""

import base64
import time

import pytest
from django_otp.oath import TOTP

from tests.browser.conftest import LIVE, axe_violations, sign_in

pytestmark = [*LIVE, pytest.mark.two_factor]
INBOX = "/analysis/"


def code_from(secret: str, steps_ahead: int = 0) -> str:
    """What an authenticator app given ``secret`` (base32, as the page shows it) displays."""
    totp = TOTP(base64.b32decode(secret.replace(" ", "")))
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def test_an_analyst_sets_up_an_app_and_needs_its_code(new_page, analyst):
    first = new_page("fi", inject_scripts=True)
    sign_in(first, "analyst")
    assert "/accounts/two-factor/" in first.url
    first.goto(INBOX)
    assert "/accounts/two-factor/" in first.url and "/verify/" not in first.url
    assert first.locator("svg[role=img] title").count() == 1
    assert axe_violations(first) == []
    secret = first.inner_text("#two-factor-secret")

    swedish = new_page("sv", inject_scripts=True)
    sign_in(swedish, "analyst")
    assert swedish.inner_text("#two-factor-secret") == secret  # the same app being set up
    assert axe_violations(swedish) == []

    first.fill("#id_code", code_from(secret))
    first.click("form.narrow button[type=submit]")
    first.wait_for_selector(".recovery-codes")
    assert first.locator(".recovery-codes li").count() == 10
    first.click("main a.button")
    first.wait_for_url(f"**{INBOX}")

    again = new_page("sv", inject_scripts=True)
    sign_in(again, "analyst")
    again.goto(INBOX)
    assert "/accounts/two-factor/verify/" in again.url
    assert again.locator("h1").count() == 1
    assert axe_violations(again) == []
    again.fill("#id_code", code_from(secret, 1))
    again.click("form.narrow button[type=submit]")
    again.wait_for_url(f"**{INBOX}")
    assert again.locator("h1").count() == 1

    finnish = new_page("fi", inject_scripts=True)
    sign_in(finnish, "analyst")
    assert "/accounts/two-factor/verify/" in finnish.url
    assert axe_violations(finnish) == []
    finnish.fill("#id_code", "abcdefgh")
    finnish.click("form.narrow button[type=submit]")
    finnish.wait_for_selector("#error-summary")
    assert "Koodi ei ole oikein." in finnish.inner_text("#error-summary")
    assert "/accounts/two-factor/verify/" in finnish.url
    assert axe_violations(finnish) == []
