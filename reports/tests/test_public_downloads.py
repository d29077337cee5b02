"""Downloads of a public report without signing in are counted, not logged one by one."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEvent
from reports.models import PublicDownloadCount
from reports.tests.factories import published_report


def download(client, report, file_format="pdf"):
    return client.get(reverse("reports:public_download", args=[report.pk, file_format]))


def test_a_flood_of_anonymous_downloads_adds_no_audit_rows_only_a_count(client, org_a):
    report = published_report(org_a, audience="public")
    for _ in range(25):
        assert download(client, report).status_code == 200
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()
    counter = PublicDownloadCount.objects.get()
    assert (counter.report, counter.format, counter.count) == (report, "pdf", 25)


def test_each_day_has_its_own_count(client, org_a):
    report = published_report(org_a, audience="public")
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    PublicDownloadCount.objects.create(report=report, format="pdf", day=yesterday, count=7)
    download(client, report)
    rows = PublicDownloadCount.objects.order_by("day").values_list("day", "count")
    assert [count for _day, count in rows] == [7, 1]


def test_a_signed_in_download_of_a_public_report_stays_in_the_audit_log(client, org_a, reader):
    report = published_report(org_a, audience="public")
    client.force_login(reader)
    download(client, report)
    event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
    assert (event.actor, event.target, event.detail["public"]) == (
        reader,
        f"report:{report.pk}",
        True,
    )
    assert not PublicDownloadCount.objects.exists()


def test_an_unknown_format_is_counted_nowhere(client, org_a):
    report = published_report(org_a, audience="public")
    assert download(client, report, "docx").status_code == 404
    assert not PublicDownloadCount.objects.exists()
