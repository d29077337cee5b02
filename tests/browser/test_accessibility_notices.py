"""axe-core finds no WCAG 2.1 A/AA violations on the notices' pages, and on the pages where a
deadline is set and a report is sent for approval or returned."""

import pytest

from accounts.tests.factories import MembershipFactory
from notices.models import Kind, Notice
from proposals.tests.factories import ProposalFactory, RecipientBodyFactory
from reporting.tests.factories import ObservationFactory
from reports.models import ReportRun
from reports.tests.factories import EMPTY_CONTENT, make_report
from tests.browser.conftest import LIVE, axe_violations, sign_in

pytestmark = LIVE


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_notice_pages_have_no_violations(new_page, analyst, org_a, language):
    observation = ObservationFactory(organisation=org_a)
    for key in ("a", "b"):
        Notice.objects.create(
            key=key, user=analyst, kind=Kind.ASSIGNED, object_id=observation.pk, email="off"
        )
    colleague = MembershipFactory(organisation=org_a, role="analyst").user
    report = make_report(org_a, author=colleague, title="Katsaus")
    ReportRun.objects.create(
        report=report, revision=report.revision, state="done", content=EMPTY_CONTENT
    )
    own = make_report(org_a, author=analyst, title="Oma katsaus", return_note="Lisää luvut.")
    ReportRun.objects.create(report=own, revision=own.revision, state="done", content=EMPTY_CONTENT)
    board = RecipientBodyFactory()
    board.members.add(MembershipFactory(role="reader").user)
    proposal = ProposalFactory(organisation=org_a, owner=analyst, recipient=board)
    page = new_page(language, inject_scripts=True)
    sign_in(page, "analyst")
    problems = {}
    for url in [
        "/notices/",
        "/notices/settings/",
        f"/reports/{report.pk}/",
        f"/reports/{own.pk}/",
        f"/proposals/{proposal.pk}/",
    ]:
        page.goto(url)
        if url == f"/reports/{report.pk}/":
            page.locator("details.report-return summary").click()
        problems[url] = axe_violations(page)
    assert problems == dict.fromkeys(problems, [])
