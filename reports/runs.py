"""Generating a report in the background: one run per request, its progress, its files.

A run drafts the content once and renders every format from it, so the page, the PDF, the
DOCX and the spreadsheets always agree. The person who asked is told in the app (the run
stays unseen until they open the report) and by e-mail, whether it succeeded or failed.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from reports.build import build
from reports.definition import Definition
from reports.models import Report, ReportFile, ReportRun
from reports.outputs import FORMATS, render

logger = logging.getLogger(__name__)


def start_run(*, report: Report, user) -> ReportRun:
    """Queue a generation of the report's current revision, unless one is already waiting or
    running: a double click or a retry never makes a second run. A new run withdraws the
    approval: what was approved was the run before it."""
    from reports.tasks import generate_report

    try:
        with transaction.atomic():
            report = Report.objects.select_for_update().get(pk=report.pk)
            pending = _pending(report)
            if pending is not None:
                return pending
            run = ReportRun.objects.create(
                report=report, revision=report.revision, requested_by=user
            )
            report.withdraw_approval()
            report.save(
                update_fields=["state", "approved_by", "approved_at", "approved_run", "updated_at"]
            )
    except IntegrityError:
        return _pending(report)
    transaction.on_commit(lambda: generate_report.enqueue(run_id=run.pk))
    return run


def _pending(report: Report) -> ReportRun | None:
    return report.runs.filter(state__in=[ReportRun.State.QUEUED, ReportRun.State.RUNNING]).first()


def generate(run_id: int) -> None:
    """Draft the content and render every format; a run delivered twice is done once."""
    run = ReportRun.objects.select_related("report").get(pk=run_id)
    if run.state != ReportRun.State.QUEUED:
        return
    _progress(run, ReportRun.State.RUNNING, 2)
    try:
        with translation.override(run.report.language):
            definition = Definition.from_report(run.report)
        built = build(
            definition, progress=lambda share: _progress(run, run.state, 2 + int(48 * share))
        )
        files = {}
        for index, file_format in enumerate(FORMATS, 1):
            files[file_format] = render(built.content, file_format)
            _progress(run, run.state, 50 + int(45 * index / len(FORMATS)))
        _save(run, built.content.as_json(), built.figures, files)
    except Exception as error:
        logger.exception("report run %s failed", run_id)
        run.error = _failure_reason(error)
        run.finished_at = timezone.now()
        _progress(run, ReportRun.State.FAILED, run.progress)
        _notify(run)
        return
    _notify(run)


@transaction.atomic
def _save(run: ReportRun, content: dict, figures: dict, files: dict[str, bytes]) -> None:
    ReportFile.objects.bulk_create(
        ReportFile(run=run, format=file_format, data=data) for file_format, data in files.items()
    )
    run.content = content
    run.figures = figures
    run.finished_at = timezone.now()
    run.state = ReportRun.State.DONE
    run.progress = 100
    run.save(update_fields=["content", "figures", "finished_at", "state", "progress"])


def _failure_reason(error: Exception) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return _(
            "Generation stopped because of an unexpected error (%(detail)s). Try again; if it "
            "fails again, tell your administrator."
        ) % {"detail": f"{type(error).__name__}: {error}"[:500]}


def _progress(run: ReportRun, state: str, percent: int) -> None:
    run.state = state
    run.progress = min(100, max(0, percent))
    run.save(update_fields=["state", "progress", "error", "finished_at"])


def _notify(run: ReportRun) -> None:
    """E-mail the requester; the report page tells them too, until they have seen it."""
    from accounts.tasks import send_email

    user = run.requested_by
    if user is None or not user.email:
        return
    report = run.report
    url = settings.SITE_URL + reverse("reports:detail", args=[report.pk])
    with translation.override(user.language or report.language):
        if run.state == ReportRun.State.DONE:
            subject = _("Your report is ready: %(title)s") % {"title": report}
            body = _("The report you asked for has been generated. Open it here:\n%(url)s")
        else:
            subject = _("Your report could not be generated: %(title)s") % {"title": report}
            body = _(
                "Generating the report failed. The report page says why and lets you try "
                "again:\n%(url)s"
            )
    transaction.on_commit(
        lambda: send_email.enqueue(subject=subject, body=body % {"url": url}, to=[user.email])
    )


def latest(report: Report) -> ReportRun | None:
    return report.runs.first()


def latest_done(report: Report) -> ReportRun | None:
    return report.runs.filter(state=ReportRun.State.DONE, revision=report.revision).first()


def unseen_for(user) -> list[ReportRun]:
    """Finished runs the person asked for and has not looked at since."""
    return list(
        ReportRun.objects.filter(
            requested_by=user,
            seen=False,
            state__in=[ReportRun.State.DONE, ReportRun.State.FAILED],
        ).select_related("report")[:10]
    )


def mark_seen(report: Report, user) -> None:
    report.runs.filter(requested_by=user, seen=False).exclude(
        state__in=[ReportRun.State.QUEUED, ReportRun.State.RUNNING]
    ).update(seen=True)
