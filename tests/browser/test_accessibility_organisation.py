"""axe-core finds no WCAG 2.1 A/AA violations on an organisation administrator's pages: the
members, adding and changing a member, the teams and the recipient bodies' members."""

import pytest

from accounts.models import Team
from accounts.tests.factories import MembershipFactory
from proposals.tests.factories import RecipientBodyFactory
from tests.browser.conftest import LIVE, axe_violations, sign_in

pytestmark = LIVE


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_administrators_pages_have_no_violations(
    new_page, admin_member, reporter, reader, org_a, language
):
    team = Team.objects.create(organisation=org_a, name="Lastensuojelu")
    MembershipFactory(organisation=org_a, role="analyst", team=team, user__first_name="Aino")
    body = RecipientBodyFactory(organisation=org_a, name_fi="Johtoryhmä", name_sv="Ledningsgrupp")
    body.members.add(reader)
    membership = reporter.memberships.get()
    base = f"/accounts/organisation/{org_a.pk}"
    urls = [
        f"{base}/",
        f"{base}/members/add/",
        f"{base}/members/{membership.pk}/",
        f"{base}/members/{membership.pk}/remove/",
        f"{base}/teams/",
        f"{base}/teams/{team.pk}/",
        "/proposals/bodies/",
        f"/proposals/bodies/{body.pk}/",
        "/",
    ]
    page = new_page(language, inject_scripts=True)
    sign_in(page, "orgadmin")
    problems = {}
    for url in urls:
        page.goto(url)
        problems[url] = axe_violations(page)
    # Both forms of the adding page sent with errors show the summary and the messages.
    page.goto(f"{base}/members/add/")
    page.fill("#id_person", "nobody@example.org")
    page.click("form[action$='/members/add/'] button[type=submit]")
    page.wait_for_selector("#error-summary")
    problems["adding with errors"] = axe_violations(page)
    page.fill("#id_new-username", "reporter")
    page.click("form[action$='/members/new/'] button[type=submit]")
    page.wait_for_selector("#error-summary")
    problems["creating with errors"] = axe_violations(page)
    page.goto(f"{base}/teams/{team.pk}/")
    page.fill("#id_name", "Lastensuojelu 040 1234567")
    page.click("form.narrow button[type=submit]")
    page.wait_for_selector("#error-summary")
    problems["team name with a phone number"] = axe_violations(page)
    assert {url: found for url, found in problems.items() if found} == {}


def test_an_administrator_adds_a_person_and_gives_a_role_in_the_browser(
    new_page, admin_member, org_a, outsider
):
    """The whole task on a phone-sized screen: find the page from the menu, add a person by
    e-mail, and see them in the list."""
    page = new_page("fi")
    sign_in(page, "orgadmin")
    page.click("text=Jäsenet ja tiimit")
    page.click("main >> text=Lisää henkilö")
    page.fill("#id_person", "outsider@example.org")
    page.select_option("#id_role", "reader")
    page.select_option("#id_profession", label="Sosiaalityöntekijä")
    page.click("text=Lisää organisaatioon")
    page.wait_for_selector(".message--success")
    assert "outsider@example.org" in page.inner_text("table")
    assert outsider.memberships.filter(organisation=org_a, role="reader").exists()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
