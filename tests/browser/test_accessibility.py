"""axe-core finds no WCAG 2.1 A/AA violations on the reporter's key pages."""

import uuid

import pytest

from analysis.models import PhenomenonLink
from analysis.tests.factories import PhenomenonFactory
from reporting import services
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
    # The follow-up page with news, a supplement, a withdrawal and more than one page.
    for _ in range(11):
        ObservationFactory(organisation=org_a, reporter=reporter)
    PhenomenonLink.objects.create(
        phenomenon=PhenomenonFactory(organisation=org_a), observation=observation
    )
    services.add_supplement(
        observation=observation,
        text="Tilanne on pahentunut.",
        language="fi",
        confirmations=[],
        creation_key=uuid.uuid4(),
    )
    withdrawn = ObservationFactory(organisation=org_a, reporter=reporter)
    services.withdraw_observation(observation=withdrawn, reason="Kahdesti.", confirmations=[])
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
        "/observations/mine/?news=1&sort=news&page=1",
        f"/observations/{observation.pk}/",
        f"/observations/{withdrawn.pk}/",
        f"/observations/{observation.pk}/supplement/",
        f"/observations/{observation.pk}/withdraw/",
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
    # A supplement and a reason with personal data show the guard's panel the same way.
    for url, field in [("supplement", "#id_text"), ("withdraw", "#id_reason")]:
        page.goto(f"/observations/{observation.pk}/{url}/")
        page.fill(field, "Matti Virtanen, tunnus 131052-308T")
        page.click("button[type=submit].button--primary")
        page.wait_for_selector("#error-summary")
        problems[f"{url} with errors"] = axe_violations(page)
    assert {url: found for url, found in problems.items() if found} == {}
