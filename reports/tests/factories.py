import datetime

from reports.models import Report, ReportFile, ReportRun

EMPTY_CONTENT = {
    "title": "Raportti",
    "subtitle": "",
    "language": "fi",
    "threshold": 5,
    "generated": "",
    "scope": "",
    "sections": [],
}


def make_report(organisation, author=None, **fields) -> Report:
    return Report.objects.create(
        organisation=organisation,
        created_by=author,
        first_day=datetime.date(2026, 7, 1),
        last_day=datetime.date(2026, 9, 30),
        **fields,
    )


def published_report(organisation, audience=Report.Audience.INTERNAL) -> Report:
    """A report with a generated, published version holding a PDF."""
    report = make_report(organisation, audience=audience, state=Report.State.PUBLISHED)
    run = ReportRun.objects.create(
        report=report, revision=report.revision, state="done", content=EMPTY_CONTENT
    )
    ReportFile.objects.create(run=run, format="pdf", data=b"%PDF-1.7")
    report.published_run = run
    report.save()
    return report
