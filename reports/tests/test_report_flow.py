"""A report's life over HTTP: define, write, generate, approve, publish, read, download."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import AuditEvent
from accounts.tests.factories import MembershipFactory
from reports.models import PublicDownloadCount, Report, ReportRun

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _quick_pdf(monkeypatch):
    """The PDF has its own tests; here a stand-in keeps each generation fast."""
    from reports import outputs

    monkeypatch.setitem(outputs.RENDERERS, "pdf", lambda content: b"%PDF-1.7 test")


@pytest.fixture
def second_analyst(org_a):
    return MembershipFactory(organisation=org_a, role="analyst", user__username="second").user


def _generate(client, report, capture):
    with capture(execute=True):
        response = client.post(reverse("reports:generate", args=[report.pk]))
    assert response.status_code == 302
    return report.runs.first()


def test_an_analyst_creates_a_report(client, analyst):
    client.force_login(analyst)
    response = client.post(
        reverse("reports:create"),
        {
            "title": "",
            "period_kind": "quarter",
            "first_day": "2026-08-15",
            "scope": "county",
            "audience": "public",
            "language": "sv",
        },
    )
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.first_day, report.last_day) == (
        datetime.date(2026, 7, 1),
        datetime.date(2026, 9, 30),
    )
    assert report.created_by == analyst and report.state == Report.State.DRAFT


def test_bad_dates_get_a_message_and_keep_what_was_typed(client, analyst):
    client.force_login(analyst)
    response = client.post(
        reverse("reports:create"),
        {
            "title": "Syksyn raportti",
            "period_kind": "custom",
            "first_day": "2026-09-01",
            "last_day": "2026-08-01",
            "scope": "municipalities",
            "audience": "internal",
            "language": "fi",
        },
    )
    assert response.status_code == 400
    assert "Syksyn raportti" in response.content.decode()
    assert response.context["form"].errors.keys() >= {"last_day", "municipalities"}
    assert not Report.objects.exists()


def test_generation_makes_every_format_and_tells_the_requester(
    client, analyst, report, county, django_capture_on_commit_callbacks
):
    analyst.email = "analyst@example.org"
    analyst.save()
    client.force_login(analyst)
    run = _generate(client, report, django_capture_on_commit_callbacks)
    assert run.state == ReportRun.State.DONE and run.progress == 100
    assert set(run.files.values_list("format", flat=True)) == {
        "pdf",
        "docx",
        "xlsx",
        "csv",
        "html",
        "json",
    }
    assert [m.to for m in mail.outbox] == [["analyst@example.org"]]
    assert client.get(reverse("reports:list")).context["finished"] == [run]
    page = client.get(reverse("reports:detail", args=[report.pk]))
    assert "Häätöjen uhka" in page.content.decode()
    assert client.get(reverse("reports:list")).context["finished"] == []


def test_a_double_click_makes_one_run(client, analyst, report):
    client.force_login(analyst)
    for _ in range(2):
        client.post(reverse("reports:generate", args=[report.pk]))
    assert report.runs.count() == 1


def test_a_failed_generation_says_why_and_can_be_retried(
    client, analyst, report, county, monkeypatch, django_capture_on_commit_callbacks
):
    from reports import runs

    def broken(*args, **kwargs):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(runs, "build", broken)
    client.force_login(analyst)
    run = _generate(client, report, django_capture_on_commit_callbacks)
    assert run.state == ReportRun.State.FAILED
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "the disk is full" in page
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:generate", args=[report.pk]))
    assert report.runs.first().state == ReportRun.State.DONE


def test_personal_data_in_the_narrative_is_refused_and_kept_on_the_page(client, analyst, report):
    client.force_login(analyst)
    text = "Soita numeroon 040 123 4567, niin kerron lisää."
    response = client.post(
        reverse("reports:narrative", args=[report.pk]),
        {"summary": text, "conclusions": "Johtopäätös.", "recommendations": ""},
    )
    assert response.status_code == 400
    assert "040 123 4567" in response.content.decode()
    report.refresh_from_db()
    assert report.summary == "Asumisen huolet kasvoivat." and report.revision == 1


def test_the_narrative_is_saved_as_a_new_draft(client, analyst, report):
    client.force_login(analyst)
    response = client.post(
        reverse("reports:narrative", args=[report.pk]),
        {"summary": "Uusi yhteenveto.", "conclusions": "", "recommendations": "Lisää neuvontaa."},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.recommendations == "Lisää neuvontaa." and report.revision == 2


def test_the_author_cannot_approve_but_a_second_analyst_can(
    client, analyst, second_analyst, report, county, django_capture_on_commit_callbacks
):
    client.force_login(analyst)
    _generate(client, report, django_capture_on_commit_callbacks)
    assert client.post(reverse("reports:approve", args=[report.pk])).status_code == 403
    client.force_login(second_analyst)
    assert _approve(client, report).status_code == 302
    report.refresh_from_db()
    assert report.state == Report.State.APPROVED and report.approved_by == second_analyst
    assert report.approved_run == report.runs.get()


def test_an_ungenerated_report_cannot_be_approved_or_published(client, second_analyst, report):
    client.force_login(second_analyst)
    client.post(reverse("reports:approve", args=[report.pk]))
    client.post(reverse("reports:publish", args=[report.pk]), {"confirmed": "yes"})
    report.refresh_from_db()
    assert report.state == Report.State.DRAFT


def _approve(client, report, run=None):
    run = run or report.runs.filter(state=ReportRun.State.DONE).first()
    return client.post(reverse("reports:approve", args=[report.pk]), {"run": run.pk})


def _publish(client, report, analyst, second_analyst, capture):
    client.force_login(analyst)
    _generate(client, report, capture)
    client.force_login(second_analyst)
    _approve(client, report)
    client.post(reverse("reports:publish", args=[report.pk]), {"confirmed": "yes"})
    report.refresh_from_db()
    assert report.state == Report.State.PUBLISHED
    client.logout()


def test_an_internal_report_is_read_by_members_of_the_scope_only(
    client,
    analyst,
    second_analyst,
    reader,
    outsider,
    report,
    county,
    django_capture_on_commit_callbacks,
):
    _publish(client, report, analyst, second_analyst, django_capture_on_commit_callbacks)
    url = reverse("reports:detail", args=[report.pk])
    client.force_login(reader)
    assert client.get(url).status_code == 200
    assert report in client.get(reverse("reports:list")).context["published"]
    download = client.get(reverse("reports:download", args=[report.pk, "pdf"]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
    assert event.actor == reader and event.detail["format"] == "pdf"
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(reverse("reports:public_detail", args=[report.pk])).status_code == 404


def test_a_public_report_is_open_to_everyone_with_open_data(
    client, analyst, second_analyst, report, county, django_capture_on_commit_callbacks
):
    report.audience = Report.Audience.PUBLIC
    report.save()
    _publish(client, report, analyst, second_analyst, django_capture_on_commit_callbacks)
    assert report in client.get(reverse("reports:public_list")).context["reports"]
    page = client.get(reverse("reports:public_detail", args=[report.pk]))
    assert page.status_code == 200 and "Häätöjen uhka" in page.content.decode()
    data = client.get(reverse("reports:public_download", args=[report.pk, "json"])).json()
    key_figures = next(t for t in data["tables"] if t["id"] == "key-figures")
    assert key_figures["rows"][0]["cells"][0] == {"text": "16", "value": 16}
    csv = client.get(reverse("reports:public_download", args=[report.pk, "csv"]))
    assert csv.status_code == 200
    counts = PublicDownloadCount.objects.filter(report=report)
    assert sorted(counts.values_list("format", "count")) == [("csv", 1), ("json", 1)]


def test_a_new_revision_keeps_the_published_version_until_it_is_published(
    client, analyst, second_analyst, reader, report, county, django_capture_on_commit_callbacks
):
    _publish(client, report, analyst, second_analyst, django_capture_on_commit_callbacks)
    client.force_login(analyst)
    client.post(
        reverse("reports:narrative", args=[report.pk]),
        {"summary": "Muutettu.", "conclusions": "", "recommendations": ""},
    )
    report.refresh_from_db()
    assert report.state == Report.State.DRAFT and report.published_run is not None
    client.force_login(reader)
    assert client.get(reverse("reports:detail", args=[report.pk])).status_code == 200


def test_members_of_a_sharing_partner_read_the_internal_report(
    client, analyst, second_analyst, org_b, report, county, django_capture_on_commit_callbacks
):
    org_b.shares_with.add(report.organisation)
    partner = MembershipFactory(organisation=org_b, role="reporter", user__username="ngo").user
    _publish(client, report, analyst, second_analyst, django_capture_on_commit_callbacks)
    client.force_login(partner)
    assert client.get(reverse("reports:detail", args=[report.pk])).status_code == 200
