"""Fast triage in a real browser: one bulk action over every filtered observation, and
"save and next" through the list."""

from analysis.tests.factories import PhenomenonFactory
from reporting.models import Observation
from reporting.tests.factories import ObservationFactory
from tests.browser.conftest import LIVE, sign_in

pytestmark = LIVE


def test_bulk_triage_of_fifty_filtered_observations_in_one_action(page, analyst, org_a):
    wanted = {ObservationFactory(organisation=org_a, signal="positive").pk for _ in range(50)}
    other = ObservationFactory(organisation=org_a, signal="concern")
    phenomenon = PhenomenonFactory(organisation=org_a, name="Hyvät käytännöt")
    sign_in(page, "analyst")
    page.goto("/analysis/")
    page.locator("details.filter-more summary").click()
    page.select_option("#id_signal", "positive")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/analysis/?*signal=positive*")
    assert "50 havaintoa" in page.locator("p[role=status]").inner_text()
    page.check("#id_bulk-scope_1")  # every observation that matches the filters
    page.select_option("#id_bulk-action", "phenomenon")
    page.select_option("#id_bulk-phenomenon", str(phenomenon.pk))
    page.click("#bulk button[type=submit]")
    page.wait_for_selector(".messages")
    assert "50 havaintoa on liitetty ilmiöön." in page.locator(".messages").inner_text()
    assert set(phenomenon.links.values_list("observation_id", flat=True)) == wanted
    assert Observation.objects.get(pk=other.pk).status == "new"
    # The filters stay: the list is of the positive ones, now none of them new.
    assert "signal=positive" in page.url
    assert "Yhtään havaintoa" in page.content() or "0 havaintoa" in page.content()


def test_save_and_next_through_three_observations(page, analyst, org_a):
    observations = [ObservationFactory(organisation=org_a, text=f"Havainto {n}.") for n in "ABC"]
    ObservationFactory(organisation=org_a, signal="positive", text="Myönteinen havainto.")
    sign_in(page, "analyst")
    page.goto("/analysis/?status=new&signal=concern")
    page.locator("table a", has_text="Havainto C").click()
    for expected in reversed(observations):
        assert page.locator("h1").inner_text() == f"Havainto {expected.pk}"
        assert "signal=concern" in page.url
        page.check("#id_status_1")  # reviewed
        page.click("button[name=then][value=next]")
        page.wait_for_selector(".messages")
    assert page.url.split("?")[0].endswith("/analysis/")
    assert "viimeinen havainto" in page.locator(".messages").inner_text()
    assert Observation.objects.filter(status="reviewed").count() == 3
    assert Observation.objects.get(text="Myönteinen havainto.").status == "new"
