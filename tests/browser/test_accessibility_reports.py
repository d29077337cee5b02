"""axe-core finds no WCAG 2.1 A/AA violations on the report pages, in Finnish and Swedish."""

import pytest

from analysis.models import PhenomenonLink
from analysis.tests.factories import PhenomenonFactory
from reporting.models import Municipality
from reports import outputs, runs, services
from reports.models import Report
from reports.tests.conftest import observe
from reports.tests.factories import make_report
from tests.browser.conftest import LIVE, axe_violations, sign_in

pytestmark = LIVE


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_report_pages_have_no_violations(new_page, analyst, org_a, monkeypatch, language):
    monkeypatch.setitem(outputs.RENDERERS, "pdf", lambda content: b"%PDF-1.7 test")
    observations = [observe(org_a, signal=s) for s in ["concern"] * 8 + ["positive"] * 2]
    named = observe(
        org_a,
        text="Matti Virtanen kertoi, että jonot ovat pitkiä.",
        privacy_confirmations=[{"field": "text", "kind": "name", "text": "Matti Virtanen"}],
    )
    phenomenon = PhenomenonFactory(organisation=org_a, name="Häätöjen uhka")
    for observation in [*observations[:5], named]:
        PhenomenonLink.objects.create(phenomenon=phenomenon, observation=observation)
    report = make_report(
        org_a,
        author=analyst,
        language=language,
        audience=Report.Audience.PUBLIC,
        summary="Asumisen huolet kasvoivat.",
    )
    services.choose_quote(
        report=report,
        phenomenon_id=phenomenon.pk,
        observation_id=observations[0].pk,
        text=observations[0].text,
        user=analyst,
    )
    report.refresh_from_db()  # choosing a quote made a new revision
    runs.start_run(report=report, user=None)  # a live server's test runs the task at once
    report.published_run = report.runs.get()
    report.scope = Report.Scope.MUNICIPALITIES  # as a public report could be before the rule
    report.save()
    report.municipalities.set(Municipality.objects.filter(code="743"))
    page = new_page(language, inject_scripts=True)
    page.set_default_timeout(30_000)
    problems = {}
    for url in ["/public/reports/", f"/public/reports/{report.pk}/"]:
        page.goto(url)
        problems[url] = axe_violations(page)
    sign_in(page, "analyst")
    for url in [
        "/reports/",
        "/reports/new/",
        f"/reports/{report.pk}/",
        f"/reports/{report.pk}/edit/",
        f"/reports/{report.pk}/quotes/",
    ]:
        page.goto(url)
        problems[url] = axe_violations(page)
        if url.endswith(f"{report.pk}/"):
            assert page.locator("svg[role=img]").count() >= 1
            # Public, but on one municipality: the page says why it cannot be published.
            assert page.locator(".report-actions .note li").count() == 1
    page.goto("/reports/new/")
    page.click("main form button[type=submit]")
    page.wait_for_selector("#error-summary")
    problems["new report with errors"] = axe_violations(page)
    page.goto(f"/reports/{report.pk}/quotes/")
    page.locator(f"#excerpt-{phenomenon.pk}-{named.pk} button[type=submit]").click()
    page.wait_for_selector("#error-summary")
    problems["a refused quote"] = axe_violations(page)
    assert {url: found for url, found in problems.items() if found} == {}


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_publish_confirmation_has_no_violations(
    new_page, analyst, org_a, monkeypatch, language
):
    monkeypatch.setitem(outputs.RENDERERS, "pdf", lambda content: b"%PDF-1.7 test")
    for signal in ["concern"] * 7 + ["positive"] * 2:
        observe(org_a, signal=signal)
    pages = {}
    for audience in Report.Audience:  # an internal report's page shows the trend chart
        report = make_report(org_a, author=analyst, language=language, audience=audience)
        runs.start_run(report=report, user=None)  # a live server's test runs the task at once
        report.approved_run = report.runs.get()
        report.state = Report.State.APPROVED
        report.save()
        pages[audience] = report
    page = new_page(language, inject_scripts=True)
    page.set_default_timeout(30_000)
    sign_in(page, "analyst")
    problems = {}
    for audience, report in pages.items():
        page.goto(f"/reports/{report.pk}/")
        problems[f"report page, {audience}"] = axe_violations(page)
        page.locator(f"a[href='/reports/{report.pk}/publish/confirm/']").click()
        page.wait_for_selector("form input[name=confirmed]", state="attached")
        problems[audience] = axe_violations(page)
    assert {audience: found for audience, found in problems.items() if found} == {}
