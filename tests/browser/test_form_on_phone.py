"""The observation form, its receipt and a forum's recording session on a phone."""

import re

import pytest

from reporting.models import ForumSession, Observation
from reporting.tests.factories import CampaignFactory
from tests.browser.conftest import AXE, LIVE, axe_violations, sign_in

pytestmark = LIVE

TEXT = "Toimeentulotuen päätökset viivästyvät ja asiakkaat jäävät ilman ruokarahaa."
FINDINGS = [
    "Nuorten harrastusmahdollisuudet ovat vähentyneet kylissä.",
    "Kotihoidon käynnit ovat lyhentyneet kiireen vuoksi.",
    "Vertaistukiryhmät ovat auttaneet yksinäisiä ikääntyneitä.",
]
assert AXE.exists()


@pytest.fixture
def phone(browser, live_server):
    contexts = []

    def make(language="fi", width=390, *, inject_scripts=False):
        context = browser.new_context(
            bypass_csp=inject_scripts,
            base_url=live_server.url,
            locale={"fi": "fi-FI", "sv": "sv-FI"}[language],
            viewport={"width": width, "height": 844},
            is_mobile=True,
            has_touch=True,
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def campaign(org_a):
    campaign = CampaignFactory(owner=org_a, link_organisation=org_a, kind="targeted")
    campaign.questions.create(order=1, kind="short_text", text_fi="Mikä auttaisi?")
    return campaign


@pytest.fixture
def forum(org_a, org_b):
    forum = CampaignFactory(owner=org_a, kind="forum")
    forum.audience.set([org_a, org_b])
    forum.groups.create(
        order=1, name_fi="Ryhmä 1", name_sv="Grupp 1", question_fi="Mikä huolettaa?"
    )
    return forum


def no_overflow(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def fill_through_the_parts(page):
    """Each part reached from the list of parts, as a reporter on a phone would."""
    assert "Osa 1/4" in page.inner_text("#s-what")
    page.click(".form-progress a[href='#s-what']")
    page.fill("#id_text", TEXT)
    page.check("#id_signal_0")
    page.check("#id_novelty_1")
    page.click(".form-progress a[href='#s-where']")
    page.check("#id_target_groups_1")
    municipalities = page.locator("#id_municipalities").locator("xpath=ancestor::details")
    municipalities.locator("summary").click()
    search = municipalities.get_by_label("Hae vaihtoehdoista")
    search.fill("seinä")
    assert page.locator("#id_municipalities > div:not([hidden])").count() == 1
    search.press("Enter")  # does not send the form
    page.get_by_label("Seinäjoki", exact=True).check()
    assert "Valittu: Seinäjoki." in municipalities.locator("summary").inner_text()
    page.click(".form-progress a[href='#s-questions']")
    page.fill("input[name^='q_']", "Lisää aikaa")


def test_fill_and_send_the_form_through_its_parts(phone, campaign):
    page = phone()
    page.goto(f"/o/{campaign.link_token}/")
    assert no_overflow(page)
    fill_through_the_parts(page)
    page.click("button[value=submit]")
    page.wait_for_url(re.compile(r"/observations/receipt/"))
    observation = Observation.objects.get()
    assert observation.text == TEXT
    assert [m.code for m in observation.municipalities.all()] == ["743"]
    assert observation.answers.get().value == "Lisää aikaa"


def test_the_error_summary_reaches_a_folded_list(phone, campaign):
    page = phone()
    page.goto(f"/o/{campaign.link_token}/")
    page.fill("#id_text", TEXT)
    page.click("button[value=submit]")
    page.wait_for_selector("#error-summary")
    assert page.locator(".form-progress__error").count() >= 1
    page.click("#error-summary a[href='#id_municipalities_0']")
    assert page.evaluate("document.activeElement.id") == "id_municipalities_0"
    assert page.is_visible("#id_municipalities_0")
    assert page.input_value("#id_text") == TEXT  # nothing typed is lost


@pytest.mark.parametrize("width", [360, 390])
def test_the_receipt_fits_a_phone(phone, campaign, width):
    page = phone(width=width)
    page.goto(f"/o/{campaign.link_token}/")
    fill_through_the_parts(page)
    page.click("button[value=submit]")
    page.wait_for_url(re.compile(r"/observations/receipt/"))
    assert no_overflow(page)
    assert page.is_visible("button[data-copy]")
    assert page.is_visible("button[data-print]")
    code = Observation.objects.get().receipt_display
    assert code in page.get_attribute("button[data-copy]", "data-copy")


def test_the_receipt_fits_with_a_long_account_address(phone, reporter):
    reporter.email = "etunimi.toinennimi.sukunimi@hyvinvointialueen-sosiaalipalvelut.example.fi"
    reporter.save()
    page = phone(width=360)
    sign_in(page, "reporter")
    page.goto("/observations/new/")
    page.fill("#id_text", TEXT)
    page.check("#id_signal_0")
    page.check("#id_novelty_1")
    page.check("#id_target_groups_1")
    page.check("#id_whole_county")
    page.click("button[value=submit]")
    page.wait_for_url(re.compile(r"/observations/receipt/"))
    assert reporter.email in page.inner_text(".receipt-email")
    assert no_overflow(page)


def test_three_findings_of_a_dialogue_group_get_one_receipt(phone, forum, org_a, org_b):
    page = phone()
    page.goto(f"/o/{forum.link_token}/")
    page.click(f"a[href='/forum/{forum.link_token}/']")
    page.check("#id_forum_group_0")
    page.select_option("#id_organisation", str(org_a.pk))
    others = page.locator("#id_participating_organisations").locator("xpath=ancestor::details")
    others.locator("summary").click()
    page.locator(f"#id_participating_organisations input[value='{org_b.pk}']").check()
    page.fill("#id_team_size", "6")
    page.check("#id_whole_county")
    page.click("#forum-start-form button[type=submit]")
    page.wait_for_url(re.compile(r"/forum/session/"))
    for number, text in enumerate(FINDINGS, 1):
        page.fill("#id_text", text)
        page.check("#id_signal_0")
        page.check("#id_novelty_0")
        page.check("#id_target_groups_0")
        page.click("button[value=submit]")
        page.wait_for_url(re.compile(r"\?saved=1$"))
        assert page.input_value("#id_text") == ""  # the sent finding is not brought back
        assert f"{number} havainto" in page.inner_text("#s-saved-title")
    page.click("text=Lopeta ja näytä kuitti")
    page.wait_for_url(re.compile(r"/forum/receipt/"))
    session = ForumSession.objects.get()
    assert session.receipt_display in page.inner_text(".receipt-code")
    assert page.locator(".receipt-findings li").count() == 3
    assert no_overflow(page)
    assert session.observations.count() == 3
    assert all(
        list(o.participating_organisations.all()) == [org_b] for o in session.observations.all()
    )


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_phone_pages_have_no_violations(phone, campaign, forum, org_a, language):
    page = phone(language, inject_scripts=True)
    page.goto(f"/o/{campaign.link_token}/")
    states = {"form": axe_violations(page)}
    for details in page.locator("details.choice-list").all():
        if details.is_visible():
            details.locator("summary").click()
    states["form, lists open"] = axe_violations(page)
    page.click("button[value=submit]")
    page.wait_for_selector("#error-summary")
    states["form with errors"] = axe_violations(page)
    page.fill("#id_text", TEXT)
    page.check("#id_signal_0")
    page.check("#id_novelty_1")
    page.check("#id_target_groups_1")
    page.check("#id_whole_county")
    page.click("button[value=submit]")
    page.wait_for_url(re.compile(r"/observations/receipt/"))
    states["receipt"] = axe_violations(page)
    page.goto(f"/forum/{forum.link_token}/")
    states["forum start"] = axe_violations(page)
    page.check("#id_forum_group_0")
    page.fill("#id_team_size", "6")
    page.check("#id_whole_county")
    page.select_option("#id_organisation", str(org_a.pk))
    page.click("#forum-start-form button[type=submit]")
    page.wait_for_url(re.compile(r"/forum/session/"))
    states["forum session"] = axe_violations(page)
    page.fill("#id_text", FINDINGS[0])
    page.check("#id_signal_0")
    page.check("#id_novelty_0")
    page.check("#id_target_groups_0")
    page.click("button[value=submit]")
    page.wait_for_url(re.compile(r"\?saved=1$"))
    states["forum session after a finding"] = axe_violations(page)
    session = ForumSession.objects.get()
    page.goto(f"/forum/receipt/{session.receipt_code}/")
    states["forum receipt"] = axe_violations(page)
    found = {state: violations for state, violations in states.items() if violations}
    assert found == {}
