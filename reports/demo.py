"""The reports of the demo installation: the county's social reports of the last two quarters
that have ended, published to everyone. Each is generated, approved by a second person and
published the way an analyst would. Loading twice changes nothing."""

from django.utils import timezone

from reports import runs, services
from reports.models import Report, ReportRun
from reports.periods import QUARTER, calendar_period


def on_demo_loaded(sender, *, organisations, people, now, **kwargs) -> None:
    county = organisations["ep-sosiaali"]
    author, approver = people["analyytikko"], people["admin"]
    last = calendar_period(QUARTER, timezone.localdate(now)).previous()
    for period in (last.previous(), last):
        _published(county, author, approver, period)


def _published(county, author, approver, period) -> None:
    public = Report.Audience.PUBLIC
    if Report.objects.filter(
        organisation=county, first_day=period.first_day, audience=public
    ).exists():
        return
    report = services.create_report(
        organisation=county,
        author=author,
        fields={
            "period_kind": QUARTER,
            "first_day": period.first_day,
            "last_day": period.last_day,
            "scope": Report.Scope.COUNTY,
            "audience": public,
            "language": "fi",
            "summary": "Asumisen ja toimeentulon huolet nousivat esiin koko maakunnassa.",
        },
    )
    run = ReportRun.objects.create(report=report, revision=report.revision)  # nobody to tell
    runs.generate(run.pk)
    run.refresh_from_db()
    services.approve_report(report=report, user=approver, run_id=run.pk)
    services.publish_report(report=report, user=author)
