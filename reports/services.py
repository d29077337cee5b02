"""Writing reports: creating and changing them, approval, publication, and the audit trail
of every download."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from accounts.audit import record_event
from accounts.models import AuditEvent
from reports import runs
from reports.access import may_approve
from reports.models import Report, ReportRun


class StateError(Exception):
    """The report is not in a state that allows the step; the message says what to do."""


@transaction.atomic
def create_report(*, organisation, author, fields: dict, municipalities=(), organisations=()):
    """A new draft report owned by the author's organisation."""
    report = Report.objects.create(organisation=organisation, created_by=author, **fields)
    report.municipalities.set(municipalities)
    report.organisations.set(organisations)
    return report


@transaction.atomic
def update_definition(*, report: Report, fields: dict, municipalities=(), organisations=()):
    """Change what the report covers; it becomes a new draft revision, and a published
    version is withdrawn, as its scope or audience may no longer hold."""
    for name, value in fields.items():
        setattr(report, name, value)
    report.published_run = None
    report.published_at = None
    report.municipalities.set(municipalities)
    report.organisations.set(organisations)
    _new_revision(report)
    return report


@transaction.atomic
def save_narrative(*, report: Report, texts: dict[str, str], confirmations: list[dict]) -> Report:
    """Store the analysts' summary, conclusions and recommendations (already through the
    personal-data guard); the report becomes a new draft revision."""
    for name, text in texts.items():
        setattr(report, name, text)
    report.privacy_confirmations = confirmations
    _new_revision(report)
    return report


def _new_revision(report: Report) -> None:
    report.revision += 1
    report.state = Report.State.DRAFT
    report.approved_by = None
    report.approved_at = None
    report.save()


@transaction.atomic
def approve_report(*, report: Report, user) -> Report:
    """A second analyst or an administrator, never the author, approves the generated
    version of the current revision."""
    if not may_approve(user, report):
        raise PermissionDenied
    if report.state != Report.State.DRAFT:
        raise StateError("not a draft")
    if runs.latest_done(report) is None:
        raise StateError("not generated")
    report.state = Report.State.APPROVED
    report.approved_by = user
    report.approved_at = timezone.now()
    report.save(update_fields=["state", "approved_by", "approved_at", "updated_at"])
    return report


@transaction.atomic
def publish_report(*, report: Report, user) -> Report:
    """Publish the approved version: internally or publicly, as the report's audience says."""
    if report.state != Report.State.APPROVED:
        raise StateError("not approved")
    run = runs.latest_done(report)
    if run is None:
        raise StateError("not generated")
    report.state = Report.State.PUBLISHED
    report.published_run = run
    report.published_at = timezone.now()
    report.save(update_fields=["state", "published_run", "published_at", "updated_at"])
    return report


def record_download(*, request, report: Report, run: ReportRun, file_format: str) -> None:
    record_event(
        action=AuditEvent.Action.EXPORT,
        request=request,
        target=f"report:{report.pk}",
        kind="report",
        format=file_format,
        run=run.pk,
        revision=run.revision,
        public=not request.user.is_authenticated,
    )
