"""A reporter's paths through the form in a real browser."""

import re

import pytest

from reporting.models import Observation
from reporting.tests.factories import CampaignFactory
from tests.browser.conftest import LIVE, fill_observation, sign_in

pytestmark = LIVE

TEXT_FI = "Toimeentulotuen päätökset viivästyvät ja asiakkaat jäävät ilman ruokarahaa."
TEXT_SV = "Beslut om utkomststöd dröjer och klienterna blir utan pengar till mat."


@pytest.mark.parametrize(
    ("language", "text", "button", "thanks"),
    [
        ("fi", TEXT_FI, "Lähetä havainto", "Kiitos"),
        ("sv", TEXT_SV, "Skicka iakttagelsen", "Tack"),
    ],
)
def test_sign_in_and_submit(new_page, reporter, language, text, button, thanks):
    page = new_page(language)
    sign_in(page, "reporter")
    page.goto("/observations/new/")
    fill_observation(page, text)
    page.get_by_role("button", name=button).click()
    page.wait_for_url(re.compile(r"/observations/receipt/"))
    assert thanks in page.inner_text("h1")
    observation = Observation.objects.get()
    assert observation.text == text
    assert observation.reporter == reporter
    assert observation.receipt_display in page.inner_text(".receipt-code")


def test_submit_through_an_open_link_without_an_account(page, org_a):
    campaign = CampaignFactory(owner=org_a, link_organisation=org_a)
    page.goto(f"/o/{campaign.link_token}/")
    fill_observation(page, TEXT_FI)
    page.click("button[value=submit]")
    page.wait_for_url(re.compile(r"/observations/receipt/"))
    observation = Observation.objects.get()
    assert observation.reporter is None
    assert observation.channel == "open_link"
    page.click("main a[href*='/follow/']")
    assert observation.receipt_display in page.inner_text("main")


def test_reload_mid_typing_brings_the_draft_back(page, reporter):
    sign_in(page, "reporter")
    page.goto("/observations/new/")
    page.fill("#id_text", TEXT_FI)
    page.check("#id_signal_1")
    page.wait_for_timeout(700)  # the draft is stored shortly after typing stops
    page.reload()
    assert page.input_value("#id_text") == TEXT_FI
    assert page.is_checked("#id_signal_1")
    assert page.locator(".note[role=status]").count() == 1


def test_the_draft_survives_an_expired_session(page, reporter, client):
    sign_in(page, "reporter")
    page.goto("/observations/new/")
    fill_observation(page, TEXT_FI)
    page.wait_for_timeout(700)
    page.context.clear_cookies()  # the session and its security token have expired
    page.click("button[value=submit]")
    assert TEXT_FI in page.input_value("textarea[readonly]")  # handed back for copying
    page.goto("/observations/new/")
    page.wait_for_url(re.compile(r"/sign-in/"))
    page.fill("#id_username", "reporter")
    page.fill("#id_password", "password-for-tests")
    page.click("form.narrow button[type=submit]")
    page.wait_for_url(re.compile(r"/observations/new/"))
    assert page.input_value("#id_text") == TEXT_FI
    assert Observation.objects.count() == 0


def test_double_submit_gives_one_row(page, reporter):
    sign_in(page, "reporter")
    page.goto("/observations/new/")
    fill_observation(page, TEXT_FI)
    page.dblclick("button[value=submit]")
    page.wait_for_url(re.compile(r"/observations/receipt/"))
    page.go_back()
    page.wait_for_load_state()
    if page.locator("button[value=submit]").count():
        page.click("button[value=submit]")
        page.wait_for_url(re.compile(r"/observations/receipt/"))
    assert Observation.objects.count() == 1
