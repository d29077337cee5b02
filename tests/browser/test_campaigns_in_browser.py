"""Campaigns in a real browser: an analyst builds a campaign with every kind of question,
shares its link and QR code, a reporter answers through the link without an account, and the
analyst reads the results and downloads them, on a desktop and on a phone; axe-core finds no
WCAG 2.1 A/AA violations on any campaign page in Finnish or Swedish."""

import re

import pytest

from reporting.models import Campaign, CampaignAnswer, CampaignQuestion, Observation
from reporting.tests.factories import CampaignFactory
from tests.browser.conftest import LIVE, axe_violations, fill_observation, sign_in, wait_until

pytestmark = LIVE

QUESTIONS = [
    ("short_text", "Mikä palvelu?", ""),
    ("long_text", "Kerro lisää.", ""),
    ("single_choice", "Missä kunnassa?", "Seinäjoki\nLapua\nKurikka"),
    ("multiple_choice", "Keitä koskee?", "Lapset\nAikuiset\nIkäihmiset"),
    ("scale", "Kuinka vakava?", ""),
]


def _create_campaign(page, org_a):
    page.goto("/campaigns/")
    page.get_by_role("link", name="Luo keruu").click()
    page.fill("#id_title_fi", "Talven kysely")
    page.fill("#id_description_fi", "Kerro talven havainnoistasi.")
    page.locator(f"input[name=audience][value='{org_a.pk}']").check()
    page.check("#id_open_link_enabled")
    page.select_option("#id_link_organisation", str(org_a.pk))
    page.get_by_role("button", name="Tallenna").click()
    page.wait_for_selector(".message--success")
    return Campaign.objects.get(title_fi="Talven kysely")


def _add_questions(page, campaign):
    for kind, text, choices in QUESTIONS:
        page.get_by_role("link", name="Lisää kysymys").click()
        page.select_option("#id_kind", kind)
        page.fill("#id_text_fi", text)
        if choices:
            page.fill("#id_choices_fi", choices)
        page.get_by_role("button", name="Tallenna").click()
        page.wait_for_selector(".message--success")
    assert [q.kind for q in campaign.questions.order_by("order")] == [k for k, _t, _c in QUESTIONS]


def _answer_through_the_link(page, link, campaign):
    page.goto(link)
    fill_observation(page, "Talvella kotihoidon käynnit lyhenevät liukkauden vuoksi.")
    by_kind = {q.kind: q.pk for q in campaign.questions.all()}
    page.fill(f"#id_q_{by_kind['short_text']}", "Kotihoito")
    page.fill(f"#id_q_{by_kind['long_text']}", "Käynnit venyvät iltaan.")
    page.check(f"#id_q_{by_kind['single_choice']}_1")
    page.check(f"#id_q_{by_kind['multiple_choice']}_0")
    page.check(f"#id_q_{by_kind['multiple_choice']}_2")
    page.check(f"#id_q_{by_kind['scale']}_3")
    page.click("button[value=submit]")
    page.wait_for_url(re.compile(r"/observations/receipt/"))


def test_build_share_answer_and_read_the_results(new_page, browser, live_server, org_a, analyst):
    desk = new_page("fi")
    sign_in(desk, "analyst")
    campaign = _create_campaign(desk, org_a)
    _add_questions(desk, campaign)

    desk.get_by_role("link", name="Jaa: linkki, QR-koodi ja juliste").click()
    link = desk.input_value("#share-url")
    assert link == f"{live_server.url}/o/{campaign.link_token}/"
    wait_until(desk, "document.querySelector('img.qr-code').naturalWidth > 0")

    reporter = new_page("fi")
    _answer_through_the_link(reporter, link, campaign)
    observation = Observation.objects.get(campaign=campaign)
    assert observation.answers.count() == len(QUESTIONS)
    multiple = CampaignAnswer.objects.get(question__kind=CampaignQuestion.Kind.MULTIPLE_CHOICE)
    assert multiple.value == ["1", "3"]

    desk.goto(f"/campaigns/{campaign.pk}/results/")
    main = desk.inner_text("main")
    assert "Lähetettyjä havaintoja: 1" in main
    assert "Lapua" in main and "4 / 5" in main and "Käynnit venyvät iltaan." in main
    assert desk.locator("main svg[role=img]").count() >= 5
    with desk.expect_download() as download:
        desk.get_by_role("link", name="Lataa CSV-tiedostona").click()
    content = download.value.path().read_text(encoding="utf-8-sig")
    assert "Ikäihmiset;1" in content

    # The results at a phone's size: nothing wider than the screen.
    phone = browser.new_context(
        base_url=live_server.url, locale="fi-FI", viewport={"width": 390, "height": 844}
    )
    try:
        small = phone.new_page()
        sign_in(small, "analyst")
        small.goto(f"/campaigns/{campaign.pk}/results/")
        width = small.evaluate("document.documentElement.scrollWidth")
        assert width <= 390
        assert small.locator("main svg[role=img]").first.bounding_box()["width"] <= 390
    finally:
        phone.close()


@pytest.fixture
def forum(org_a, analyst):
    campaign = CampaignFactory(owner=org_a, kind="forum", title_fi="Foorumi", title_sv="Forum")
    campaign.audience.set([org_a])
    question = campaign.questions.create(
        kind="single_choice", text_fi="Mikä?", choices_fi="Yksi\nKaksi", order=1
    )
    group = campaign.groups.create(name_fi="Ryhmä 1", question_fi="Mikä toimii?")
    return campaign, question, group


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_campaign_pages_have_no_violations(new_page, forum, language):
    campaign, question, group = forum
    page = new_page(language, inject_scripts=True)
    sign_in(page, "analyst")
    problems = {}
    for url in [
        "/campaigns/",
        "/campaigns/new/",
        f"/campaigns/{campaign.pk}/",
        f"/campaigns/{campaign.pk}/edit/",
        f"/campaigns/{campaign.pk}/questions/new/",
        f"/campaigns/{campaign.pk}/questions/{question.pk}/",
        f"/campaigns/{campaign.pk}/groups/new/",
        f"/campaigns/{campaign.pk}/groups/{group.pk}/",
        f"/campaigns/{campaign.pk}/share/",
        f"/campaigns/{campaign.pk}/results/",
        f"/campaigns/{campaign.pk}/results/?version=shared",
    ]:
        assert page.goto(url).ok, url
        problems[url] = axe_violations(page)
    # A form sent with a mistake shows its error summary, which must pass too.
    page.goto(f"/campaigns/{campaign.pk}/questions/new/")
    page.select_option("#id_kind", "single_choice")
    page.locator("main form button.button--primary").click()
    page.wait_for_selector(".error-summary")
    problems["question with errors"] = axe_violations(page)
    assert not {url: found for url, found in problems.items() if found}
