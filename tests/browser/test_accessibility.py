"""axe-core finds no WCAG 2.1 A/AA violations on the reporter's key pages."""

import pytest

from reporting.tests.factories import CampaignFactory, ObservationFactory
from tests.browser.conftest import LIVE, axe_violations, sign_in

pytestmark = LIVE


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_key_pages_have_no_violations(new_page, reporter, org_a, language):
    campaign = CampaignFactory(owner=org_a, kind="targeted")
    campaign.questions.create(kind="scale", text_fi="Arvio?", text_sv="Bedömning?")
    campaign.questions.create(
        kind="single_choice", text_fi="Kuinka kauan?", choices_fi="Viikko\nKuukausi"
    )
    observation = ObservationFactory(organisation=org_a, reporter=reporter)
    page = new_page(language, inject_scripts=True)
    public = [
        "/accounts/sign-in/",
        f"/o/{campaign.link_token}/",
        f"/observations/receipt/{observation.receipt_code}/",
        f"/follow/{observation.receipt_code}/",
        "/follow/",
    ]
    signed_in = [
        "/observations/new/",
        f"/observations/new/?campaign={campaign.pk}",
        "/observations/mine/",
        f"/observations/{observation.pk}/",
        "/",
    ]
    problems = {}
    for url in public:
        page.goto(url)
        problems[url] = axe_violations(page)
    sign_in(page, "reporter")
    for url in signed_in:
        page.goto(url)
        problems[url] = axe_violations(page)
    # A form sent with errors shows the error summary and the guard's panel.
    page.goto("/observations/new/")
    page.fill("#id_text", "Matti Virtanen, tunnus 131052-308T")
    page.click("button[value=submit]")
    page.wait_for_selector("#error-summary")
    problems["form with errors"] = axe_violations(page)
    assert {url: found for url, found in problems.items() if found} == {}
