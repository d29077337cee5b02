"""A person's language follows them to any browser; the footer reaches the accessibility
statement, the privacy notice and the help page in every language; those pages and the
confirmation before sending a proposal have no WCAG 2.1 A/AA violations, and the pages fit a
phone's screen."""

import pytest
from django.utils import translation

from accounts.tests.factories import MembershipFactory
from pages.models import InfoPage
from proposals.tests.factories import ProposalFactory, RecipientBodyFactory
from tests.browser.conftest import LIVE, axe_violations, sign_in, wait_until

pytestmark = LIVE

PAGES = ["/accessibility/", "/privacy/", "/help/"]
FOOTER_LINKS = ["Accessibility statement", "Privacy notice", "Help"]


def _in(language: str, text: str) -> str:
    with translation.override(language):
        return translation.gettext(text)


def _sign_in_as_typed(page, username):
    """Sign in without touching the account's language (unlike ``sign_in``)."""
    page.goto("/accounts/sign-in/")
    page.fill("#id_username", username)
    page.fill("#id_password", "password-for-tests")
    page.click("form.narrow button[type=submit]")
    page.wait_for_url(lambda url: "/sign-in/" not in url)


def test_the_persons_language_follows_them_to_a_new_browser(new_page, reporter):
    first = new_page("fi")
    _sign_in_as_typed(first, "reporter")
    assert first.locator("html").get_attribute("lang") == "fi"
    first.get_by_role("button", name="På svenska").click()
    wait_until(first, "document.documentElement.lang === 'sv'")

    elsewhere = new_page("fi")  # another computer, set to Finnish
    _sign_in_as_typed(elsewhere, "reporter")
    assert elsewhere.locator("html").get_attribute("lang") == "sv"
    nav = elsewhere.locator(".site-nav").inner_text()
    assert _in("sv", "Report an observation") in nav


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_footer_reaches_every_page(new_page, db, language):
    page = new_page(language)
    for link, path in zip(FOOTER_LINKS, ["/accessibility/", "/privacy/", "/help/"], strict=True):
        page.goto("/")
        page.locator(".site-footer").get_by_role("link", name=_in(language, link)).click()
        page.wait_for_url(f"**{path}")
        slug = path.strip("/")
        title = getattr(InfoPage.objects.get(slug=slug), f"title_{language}")
        assert page.locator("h1").inner_text() == title


@pytest.fixture
def ready_proposal(org_a, org_b, analyst):
    body = RecipientBodyFactory(name_fi="Aluehallitus", name_sv="Välfärdsområdesstyrelsen")
    body.members.add(
        MembershipFactory(organisation=org_b, role="reader", user__username="paattaja").user
    )
    return ProposalFactory(organisation=org_a, owner=analyst, recipient=body)


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_pages_and_the_confirmation_have_no_violations(new_page, ready_proposal, language):
    page = new_page(language, inject_scripts=True)
    problems = {}
    for path in PAGES:
        assert page.goto(path).ok, path
        problems[path] = axe_violations(page)
    sign_in(page, "analyst")
    confirm = f"/proposals/{ready_proposal.pk}/submit/"
    assert page.goto(confirm).ok
    assert page.locator("h1").inner_text() == _in(language, "Send the proposal?")
    problems[confirm] = axe_violations(page)
    page.fill("#id_answer_due_on", "2000-01-01")
    page.click("main form button[type=submit]")
    page.wait_for_selector("#error-summary")
    problems["a refused day"] = axe_violations(page)
    assert problems == {key: [] for key in problems}


def test_the_pages_fit_a_phone(browser, live_server, db):
    context = browser.new_context(
        base_url=live_server.url, locale="fi-FI", viewport={"width": 390, "height": 844}
    )
    try:
        page = context.new_page()
        for path in PAGES:
            assert page.goto(path).ok, path
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, path
    finally:
        context.close()
