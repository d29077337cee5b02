"""An analyst sees a name that its writer let through highlighted, with who confirmed it,
and redacts it in one step; the page stays free of accessibility violations."""

import pytest

from reporting.models import Observation
from reporting.tests.factories import ObservationFactory
from tests.browser.conftest import LIVE, axe_violations, sign_in

pytestmark = LIVE

NAME = "Toivo Kujala"


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_a_confirmed_name_is_highlighted_and_redacted_in_one_step(
    new_page, analyst, reporter, org_a, language
):
    record = {"field": "text", "kind": "name", "text": NAME, "by": reporter.pk}
    observation = ObservationFactory(
        organisation=org_a,
        reporter=reporter,
        text=f"Kerhon vetäjä {NAME} kertoi, että kävijöitä on enemmän.",
        privacy_confirmations=[record],
    )
    page = new_page(language, inject_scripts=True)
    sign_in(page, "analyst")
    page.goto(f"/analysis/observations/{observation.pk}/")
    highlighted = page.locator(".observation-text mark.confirmed")
    assert highlighted.first.inner_text().startswith(NAME)
    assert axe_violations(page) == []

    page.locator("section:has(#s-privacy) table button").first.click()
    page.wait_for_selector(".messages")
    assert NAME not in page.locator(".observation-text").first.inner_text()
    assert "[nimi]" in page.locator(".observation-text").first.inner_text()
    assert Observation.objects.get(pk=observation.pk).privacy_confirmations == []
    assert axe_violations(page) == []
