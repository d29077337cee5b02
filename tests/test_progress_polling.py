"""A page following a background run asks for its progress as JSON instead of reloading."""

import pytest

from accounts.middleware import KEY
from analysis.models import SuggestionRun
from lib.progress import HEADER
from reports.models import ReportRun
from reports.tests.factories import make_report

pytestmark = pytest.mark.django_db
POLL = {"headers": {HEADER: "1"}}


def test_a_report_page_tells_its_run_progress(client, analyst, org_a):
    report = make_report(org_a, author=analyst)
    ReportRun.objects.create(report=report, revision=report.revision, progress=30)
    client.force_login(analyst)
    response = client.get(f"/reports/{report.pk}/", **POLL)
    assert response.json() == {"working": True, "progress": 30, "failed": False}
    assert HEADER in response["Vary"]
    page = client.get(f"/reports/{report.pk}/")
    assert b"http-equiv" not in page.content
    assert b"data-progress-status" in page.content


def test_a_failed_suggestion_run_is_told(client, analyst, org_a):
    SuggestionRun.objects.create(organisation=org_a, state="failed", progress=60)
    client.force_login(analyst)
    response = client.get("/analysis/suggestions/", **POLL)
    assert response.json() == {"working": False, "progress": 60, "failed": True}


def test_another_organisations_report_stays_hidden(client, outsider, analyst, org_a):
    report = make_report(org_a, author=analyst)
    client.force_login(outsider)
    assert client.get(f"/reports/{report.pk}/", **POLL).status_code == 404


def test_asking_for_progress_does_not_keep_the_session_open(client, analyst, org_a):
    report = make_report(org_a, author=analyst)
    client.force_login(analyst)
    session = client.session
    session[KEY] = 1  # long ago
    session.save()
    client.get(f"/reports/{report.pk}/", **POLL)
    assert client.session[KEY] == 1
    client.get(f"/reports/{report.pk}/")
    assert client.session[KEY] > 1


def test_a_narrative_with_errors_follows_the_run_at_the_reports_own_address(client, analyst, org_a):
    report = make_report(org_a, author=analyst)
    ReportRun.objects.create(report=report, revision=report.revision)
    client.force_login(analyst)
    response = client.post(
        f"/reports/{report.pk}/narrative/", {"summary": "Asiakkaan tunnus 131052-308T."}
    )
    assert response.status_code == 400
    assert f'data-progress="/reports/{report.pk}/"' in response.content.decode()
