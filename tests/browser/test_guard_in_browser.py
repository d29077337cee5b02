"""The personal-data guard as a reporter meets it."""

import re

import pytest

from reporting.models import Observation
from tests.browser.conftest import LIVE, fill_observation, sign_in

pytestmark = LIVE

HETU = "131052-308T"


def test_identity_code_blocks_until_removed_and_text_stays(page, reporter):
    text = f"Asiakkaan tunnus {HETU} kirjattiin vahingossa. Jonot ovat pitkät."
    sign_in(page, "reporter")
    page.goto("/observations/new/")
    fill_observation(page, text)
    page.click("button[value=submit]")
    page.wait_for_selector(".guard-panel")
    assert page.inner_text(".finding--personal_id").startswith(HETU)
    assert page.input_value("#id_text") == text
    assert page.locator("input[name=confirm]").count() == 0
    assert Observation.objects.count() == 0
    page.fill("#id_text", text.replace(f" {HETU}", ""))
    page.click("button[value=submit]")
    page.wait_for_url(re.compile(r"/observations/receipt/"))
    assert Observation.objects.get().text == text.replace(f" {HETU}", "")


@pytest.mark.parametrize(
    ("language", "text", "confirm_word"),
    [
        ("fi", "Matti Virtanen kertoi, että palvelut ovat kaukana.", "ei ole henkilötieto"),
        (
            "sv",
            "Matti Virtanen berättade att tjänsterna är långt borta.",
            "är inte en personuppgift",
        ),
    ],
)
def test_a_name_is_highlighted_with_a_confirm_option(
    new_page, reporter, language, text, confirm_word
):
    page = new_page(language)
    sign_in(page, "reporter")
    page.goto("/observations/new/")
    fill_observation(page, text)
    page.select_option("#id_language", language)
    page.click("button[value=submit]")
    page.wait_for_selector(".finding--name")
    assert "Matti Virtanen" in page.inner_text(".finding--name")
    label = page.inner_text("label[for^=confirm-text]")
    assert confirm_word in label
    assert page.input_value("#id_text") == text
    page.check("input[name=confirm]")
    page.click("button[value=submit]")
    page.wait_for_url(re.compile(r"/observations/receipt/"))
    observation = Observation.objects.get()
    assert observation.text == text
    assert observation.privacy_confirmations[0]["kind"] == "name"
