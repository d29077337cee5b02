"""A paused sign-in, in the browser: the person reads why and when to try again, keeps the
typed name, and the page has no accessibility violations."""

import re

import pytest

from tests.browser.conftest import LIVE, axe_violations

pytestmark = LIVE


def try_sign_in(page, username, password):
    page.goto("/accounts/sign-in/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("form.narrow button[type=submit]")
    page.wait_for_selector("#error-summary")


@pytest.mark.parametrize(("language", "words"), [("fi", "Yritä uudelleen klo"), ("sv", "kl.")])
def test_a_paused_sign_in_says_when_to_try_again(new_page, reporter, settings, language, words):
    settings.SIGNIN_FAILURES_PER_ACCOUNT_AND_ADDRESS = 2
    page = new_page(language, inject_scripts=True)
    for _ in range(2):
        try_sign_in(page, "reporter", "wrong")
    try_sign_in(page, "reporter", "password-for-tests")
    summary = page.inner_text("#error-summary")
    assert words in summary
    assert re.search(r"\d\d:\d\d", summary)
    assert page.input_value("#id_username") == "reporter"
    assert "/sign-in/" in page.url
    assert axe_violations(page) == []
