"""Writing reports: creating and changing them, approval, publication, and the audit trail
of every download."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.audit import record_event
from accounts.models import AuditEvent
from reports import runs
from reports.access import may_approve
from reports.models import Report, ReportRun


class StateError(Exception):
    """The report is not in a state that allows the step; the message, translated, says
    what to do."""


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
    report.withdraw_approval()
    report.save()


def _locked(report: Report) -> Report:
    return Report.objects.select_for_update().get(pk=report.pk)


@transaction.atomic
def approve_report(*, report: Report, user, run_id: int | None) -> Report:
    """A second analyst or an administrator, never the author, approves one generated
    version: the run they saw, which must be the newest finished run of the current revision.
    Only that run can then be published."""
    if not may_approve(user, report):
        raise PermissionDenied
    report = _locked(report)
    if report.state != Report.State.DRAFT:
        raise StateError(_("This version has already been approved."))
    if report.runs.filter(state__in=[ReportRun.State.QUEUED, ReportRun.State.RUNNING]).exists():
        raise StateError(
            _("The report is being generated. Approve it once the new version is ready.")
        )
    run = runs.latest_done(report)
    if run is None:
        raise StateError(_("Only a generated draft can be approved. Generate the report first."))
    if run.pk != run_id:
        raise StateError(
            _(
                "The report was changed or generated again after you opened it. Check the "
                "version on the page now and approve that."
            )
        )
    report.state = Report.State.APPROVED
    report.approved_by = user
    report.approved_at = timezone.now()
    report.approved_run = run
    report.save(update_fields=["state", "approved_by", "approved_at", "approved_run", "updated_at"])
    return report


@transaction.atomic
def publish_report(*, report: Report, user) -> Report:
    """Publish exactly the approved version, internally or publicly as the report's audience
    says; a version nobody approved is never published."""
    report = _locked(report)
    run = report.approved_run
    if report.state != Report.State.APPROVED or run is None:
        raise StateError(
            _(
                "Only an approved version can be published. The report was changed or "
                "generated again after its approval, so it needs approving again."
            )
        )
    if run.state != ReportRun.State.DONE or run.revision != report.revision:
        raise StateError(_("The approved version is out of date. Generate and approve it again."))
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
