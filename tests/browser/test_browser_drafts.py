"""Drafts kept in the browser on a shared computer: one person's text never reaches the next."""

import re

from reporting.tests.factories import CampaignFactory
from tests.browser.conftest import LIVE, fill_observation, sign_in

pytestmark = LIVE

TEXT = "Omaishoitajien vapaapäivien sijaishoito puuttuu kokonaan pienistä kunnista."
HETU = "010190-123A"
BLOCKED = f"Asiakkaan tunnus {HETU} kirjattiin vahingossa. Jonot ovat pitkät."

STORED = """() => {
    const all = {};
    for (const store of [localStorage, sessionStorage]) {
        for (let i = 0; i < store.length; i++) all[store.key(i)] = store.getItem(store.key(i));
    }
    return JSON.stringify(all);
}"""


def stored(page) -> str:
    """Everything this site keeps in the browser's local and session storage, as one text."""
    return page.evaluate(STORED)


def wait_until_stored(page, text):
    page.wait_for_function(
        "text => Object.keys(localStorage).some(k => localStorage.getItem(k).includes(text))",
        arg=text,
    )


def sign_out(page):
    page.click("form[action$='/sign-out/'] button")
    page.wait_for_url(lambda url: "/sign-out/" not in url)
    page.wait_for_load_state()


def type_draft(page, text):
    page.goto("/observations/new/")
    page.fill("#id_text", text)
    wait_until_stored(page, text)


def test_the_next_person_finds_nothing_of_the_previous_persons_text(page, reporter, analyst):
    sign_in(page, "reporter")
    type_draft(page, TEXT)
    sign_out(page)
    assert TEXT not in stored(page)
    sign_in(page, "analyst")
    page.goto("/observations/new/")
    assert page.input_value("#id_text") == ""
    assert TEXT not in stored(page)


def test_the_page_after_sign_out_clears_drafts_where_the_header_is_ignored(page, reporter):
    def without_header(route):
        response = route.fetch(max_redirects=0)
        headers = {k: v for k, v in response.headers.items() if k.lower() != "clear-site-data"}
        route.fulfill(response=response, headers=headers)

    sign_in(page, "reporter")
    type_draft(page, TEXT)
    page.route("**/accounts/sign-out/", without_header)
    with page.expect_response(re.compile(r"/js/clear-drafts\.js")):
        sign_out(page)
    page.wait_for_function("() => localStorage.length === 0")
    assert TEXT not in stored(page)


def test_the_sign_out_header_alone_clears_the_drafts(page, reporter):
    sign_in(page, "reporter")
    type_draft(page, TEXT)
    page.route(re.compile(r"/js/clear-drafts\.js"), lambda route: route.abort())
    sign_out(page)
    assert page.locator(".message--success").count() == 1
    assert TEXT not in stored(page)


def test_the_same_person_gets_the_draft_back_without_signing_out(page, reporter):
    sign_in(page, "reporter")
    type_draft(page, TEXT)
    page.reload()
    assert page.input_value("#id_text") == TEXT


def test_a_session_that_ended_leaves_nothing_for_the_next_person(page, reporter, analyst):
    sign_in(page, "reporter")
    type_draft(page, TEXT)
    page.context.clear_cookies()  # the reporter walked away; the session ended on its own
    sign_in(page, "analyst")
    page.goto("/observations/new/")
    assert page.input_value("#id_text") == ""
    assert TEXT not in stored(page)


def test_drafts_under_the_old_key_are_removed_not_restored(page, reporter):
    sign_in(page, "reporter")
    page.goto("/observations/new/")
    page.evaluate(
        """text => {
            const record = JSON.stringify({saved: Date.now(), data: {text: [text]}});
            localStorage.setItem("sora-draft:/observations/new/", record);
            localStorage.setItem("sora-last-sent:/observations/new/", JSON.stringify({text}));
        }""",
        TEXT,
    )
    page.reload()
    assert page.input_value("#id_text") == ""
    assert TEXT not in stored(page)


def test_blocked_text_stays_on_the_page_but_never_in_storage(page, reporter):
    sign_in(page, "reporter")
    page.goto("/observations/new/")
    fill_observation(page, BLOCKED)
    page.click("button[value=submit]")
    page.wait_for_selector(".finding--personal_id")
    page.wait_for_load_state()
    assert page.input_value("#id_text") == BLOCKED  # handed back whole
    assert HETU not in stored(page)
    assert page.locator("p.note[role=status]:visible").count() == 1

    page.locator("#id_text").press("End")
    page.locator("#id_text").press_sequentially(" Lisää tekstiä.")
    page.fill("#id_suggestion", "Jonoja pitäisi lyhentää.")
    page.wait_for_timeout(700)  # past the autosave delay
    assert HETU not in stored(page)
    page.fill("#id_text", BLOCKED.replace(HETU, "010190 123a"))  # the same code, retyped
    page.wait_for_timeout(700)
    assert "010190" not in stored(page)

    cleaned = BLOCKED.replace(f" {HETU}", "")
    page.fill("#id_text", cleaned)
    wait_until_stored(page, cleaned)
    assert "010190" not in stored(page)
    assert page.locator("p.note[role=status]:visible").count() == 0


def test_a_name_ticked_as_no_personal_data_may_be_stored(page, reporter):
    text = "Matti Virtanen kertoi, että palvelut ovat kaukana."
    sign_in(page, "reporter")
    page.goto("/observations/new/")
    page.fill("#id_text", text)  # no municipality: the page comes back with the name
    page.click("button[value=submit]")
    page.wait_for_selector(".finding--name")
    page.wait_for_load_state()
    assert "Virtanen" not in stored(page)
    page.check("input[name=confirm]")
    wait_until_stored(page, text)


def test_an_open_link_draft_older_than_the_set_hours_is_not_restored(page, org_a, settings):
    settings.OPEN_LINK_DRAFT_HOURS = 2
    campaign = CampaignFactory(owner=org_a, link_organisation=org_a)
    page.goto(f"/o/{campaign.link_token}/")
    page.fill("#id_text", TEXT)
    wait_until_stored(page, TEXT)
    page.reload()
    assert page.input_value("#id_text") == TEXT  # a fresh draft comes back
    page.evaluate(
        """() => {
            for (const key of Object.keys(localStorage)) {
                const record = JSON.parse(localStorage.getItem(key));
                record.saved -= (2 * 60 + 1) * 60 * 1000;
                localStorage.setItem(key, JSON.stringify(record));
            }
        }"""
    )
    page.reload()
    assert page.input_value("#id_text") == ""
    assert TEXT not in stored(page)


def test_an_open_link_draft_stays_with_its_own_link(page, org_a):
    first = CampaignFactory(owner=org_a, link_organisation=org_a)
    second = CampaignFactory(owner=org_a, link_organisation=org_a)
    page.goto(f"/o/{first.link_token}/")
    page.fill("#id_text", TEXT)
    wait_until_stored(page, TEXT)
    page.goto(f"/o/{second.link_token}/")
    assert page.input_value("#id_text") == ""


def test_nothing_of_the_text_remains_after_a_successful_submit(page, reporter):
    sign_in(page, "reporter")
    page.goto("/observations/new/")
    fill_observation(page, TEXT)
    wait_until_stored(page, TEXT)
    page.click("button[value=submit]")
    page.wait_for_url(re.compile(r"/observations/receipt/"))
    page.wait_for_load_state()
    assert "Omaishoitajien" not in stored(page)


def test_nothing_of_the_text_remains_after_an_open_link_submit(page, org_a):
    campaign = CampaignFactory(owner=org_a, link_organisation=org_a)
    page.goto(f"/o/{campaign.link_token}/")
    fill_observation(page, TEXT)
    wait_until_stored(page, TEXT)
    page.click("button[value=submit]")
    page.wait_for_url(re.compile(r"/observations/receipt/"))
    page.wait_for_load_state()
    assert "Omaishoitajien" not in stored(page)


def submit_without_reaching_the_server(page) -> str:
    """Send the form while a proxy fails; return the submission key it carried."""
    with page.expect_request(lambda r: r.method == "POST") as request:
        page.click("button[value=submit]")
    return re.search(r"submission_key=([0-9a-f-]+)", request.value.post_data).group(1)


def test_the_same_text_sent_again_keeps_its_key_without_storing_the_text(page, reporter):
    sign_in(page, "reporter")
    page.route(
        "**/observations/new/",
        lambda route: (
            route.fulfill(status=502, body="<p>Bad gateway</p>", content_type="text/html")
            if route.request.method == "POST"
            else route.continue_()
        ),
    )
    page.goto("/observations/new/")
    fill_observation(page, TEXT)
    first = submit_without_reaching_the_server(page)
    sent_record = page.evaluate(
        "() => Object.keys(localStorage).filter(k => k.startsWith('sora-last-sent:'))"
        ".map(k => localStorage.getItem(k)).join()"
    )
    assert first in sent_record
    assert "Omaishoitajien" not in sent_record

    page.evaluate(
        "() => Object.keys(localStorage).filter(k => k.startsWith('sora-draft:'))"
        ".forEach(k => localStorage.removeItem(k))"
    )
    page.goto("/observations/new/")  # a fresh form: the server gives it a new key
    assert page.input_value("input[name=submission_key]") != first
    fill_observation(page, TEXT)
    assert submit_without_reaching_the_server(page) == first
