"""Writing reports: creating and changing them, chosen quotes, approval, publication,
erasing copies of observation texts, and the audit trail of every download."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.audit import record_event
from accounts.models import AuditEvent
from lib.excerpts import collapse_whitespace, is_excerpt_of, strip_ellipses
from notices import services as notices
from notices.models import Kind
from privacy.quotes import problem_messages, quote_problems
from reporting.models import Observation
from reports import access, publication, quotes, runs
from reports.content import content_from_json
from reports.definition import Definition
from reports.facts import Facts
from reports.models import PublicDownloadCount, Report, ReportFile, ReportQuote, ReportRun
from reports.outputs import render


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


class QuoteRefused(Exception):
    """A quote that cannot be chosen; ``messages`` say why, translated."""

    def __init__(self, *messages):
        super().__init__(*messages)
        self.messages = [str(m) for m in messages]


@transaction.atomic
def choose_quote(
    *, report: Report, phenomenon_id: int, observation_id: int, text: str, user
) -> ReportQuote:
    """Quote an excerpt of an observation under a main phenomenon of the report. The excerpt
    must pass the strict quote check and be the observation's own words (the analyst may
    shorten it); the report becomes a new draft revision. Choosing the same excerpt twice
    keeps one."""
    report = _locked(report)
    text = collapse_whitespace(text)
    facts = Facts(Definition.from_report(report))
    if phenomenon_id not in {p.pk for p in quotes.quotable_phenomena(facts)}:
        raise QuoteRefused(
            _(
                "Quotes can be chosen only for the main phenomena of the period that have "
                "enough observations."
            )
        )
    observation = quotes.source_observations(facts, phenomenon_id).filter(pk=observation_id)
    observation = observation.first()
    if observation is None:
        raise QuoteRefused(
            _("The observation is not one this report may quote under the phenomenon.")
        )
    _check_excerpt(text, observation)
    existing = report.quotes.filter(
        phenomenon_id=phenomenon_id, observation=observation, text=text
    ).first()
    if existing is not None:
        return existing
    chosen = report.quotes.filter(phenomenon_id=phenomenon_id)
    if chosen.count() >= quotes.QUOTES_PER_PHENOMENON:
        raise QuoteRefused(
            _("A phenomenon can have at most %(count)s quotes. Remove one first.")
            % {"count": quotes.QUOTES_PER_PHENOMENON}
        )
    quote = ReportQuote.objects.create(
        report=report,
        phenomenon_id=phenomenon_id,
        observation=observation,
        text=text,
        position=chosen.count(),
        chosen_by=user,
    )
    _new_revision(report)
    return quote


def _check_excerpt(text: str, observation: Observation) -> None:
    if not is_excerpt_of(text, observation.text):
        raise QuoteRefused(
            _(
                "A quote must be the observation's own words. You may shorten the excerpt "
                "from either end, but not change or join its words."
            )
        )
    if len(strip_ellipses(text)) > quotes.QUOTE_MAX_CHARS:
        raise QuoteRefused(
            _("Keep a quote under %(count)s characters.") % {"count": quotes.QUOTE_MAX_CHARS}
        )
    problems = quote_problems(text, observation.language)
    if problems:
        raise QuoteRefused(*problem_messages(problems))


@transaction.atomic
def remove_quote(*, report: Report, quote_id: int) -> bool:
    """Take a chosen quote out of the report; the report becomes a new draft revision.
    Removing one that is gone already changes nothing."""
    report = _locked(report)
    deleted, _kinds = report.quotes.filter(pk=quote_id).delete()
    if deleted:
        _new_revision(report)
    return bool(deleted)


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
    if not access.may_approve(user, report):
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
    _check_version_quotes(report, run)
    _check_audience(report, run)
    report.state = Report.State.APPROVED
    report.approved_by = user
    report.approved_at = timezone.now()
    report.approved_run = run
    report.approval_requested_from = None
    report.save(
        update_fields=[
            "state",
            "approved_by",
            "approved_at",
            "approved_run",
            "approval_requested_from",
            "updated_at",
        ]
    )
    _tell_author(report, "approved", f"run:{run.pk}")
    return report


@transaction.atomic
def request_approval(*, report: Report, user, approver) -> bool:
    """Ask a colleague who may approve the report to do so; they are told. False when the
    same person was asked already and has not answered (a second press, or a retry)."""
    if approver.pk == user.pk or not access.approvers(report).filter(pk=approver.pk).exists():
        raise StateError(_("Choose a colleague who may approve the report."))
    report = _locked(report)
    if report.state != Report.State.DRAFT:
        raise StateError(_("This version has already been approved."))
    if runs.latest_done(report) is None:
        raise StateError(_("Only a generated draft can be approved. Generate the report first."))
    if report.approval_requested_from_id == approver.pk:
        return False
    report.approval_requested_from = approver
    report.approval_requested_at = timezone.now()
    report.return_note = ""
    report.save(
        update_fields=[
            "approval_requested_from",
            "approval_requested_at",
            "return_note",
            "updated_at",
        ]
    )
    notices.tell(
        [approver],
        Kind.APPROVAL_REQUESTED,
        event_key=f"report:{report.pk}:ask:{report.approval_requested_at.timestamp():.6f}",
        object_id=report.pk,
    )
    return True


@transaction.atomic
def return_report(*, report: Report, user, note: str, confirmations: list[dict]) -> bool:
    """The approver sends the draft back to its author with a note (through the guard); the
    author is told. False when it was returned already (a second press)."""
    if not access.may_approve(user, report):
        raise PermissionDenied
    report = _locked(report)
    if report.state != Report.State.DRAFT:
        raise StateError(_("This version has already been approved."))
    if report.approval_requested_from_id is None and report.return_note:
        return False
    asked_at = report.approval_requested_at
    report.return_note = note
    report.approval_requested_from = None
    report.privacy_confirmations = [*report.privacy_confirmations, *confirmations]
    report.save(
        update_fields=[
            "return_note",
            "approval_requested_from",
            "privacy_confirmations",
            "updated_at",
        ]
    )
    stamp = f"{asked_at.timestamp():.6f}" if asked_at else f"r{report.revision}"
    _tell_author(report, "returned", stamp)
    return True


def _tell_author(report: Report, outcome: str, stamp: str) -> None:
    if report.created_by is not None:
        notices.tell(
            [report.created_by],
            Kind.APPROVAL_OUTCOME,
            event_key=f"report:{report.pk}:{outcome}:{stamp}",
            object_id=report.pk,
            event=outcome,
        )


def _check_version_quotes(report: Report, run: ReportRun) -> None:
    """Every quote of the version must be a chosen one that still holds."""
    facts = Facts(Definition.from_report(report))
    if any(
        problems
        for _title, _text, problems, _language in quotes.version_quotes(
            facts, report.pk, run.content
        )
    ):
        raise StateError(
            _(
                "A quote in this version can no longer be shown. Generate the report again: "
                "the new version leaves it out."
            )
        )


def _check_audience(report: Report, run: ReportRun) -> None:
    """A report for everyone must be one that cannot be subtracted from another public
    report (``publication``)."""
    problems = publication.public_problems(report, run)
    if problems:
        raise StateError(" ".join(problems))


@transaction.atomic
def publish_report(*, report: Report, user) -> Report:
    """Publish exactly the approved version, internally or publicly as the report's audience
    says; a version nobody approved is never published. A public version is published only
    if the rule for public reports allows it and, with every public version published before
    it, it reveals no hidden count; public publications take their turn, so two cannot miss
    each other."""
    report = _locked(report)
    public = report.audience == Report.Audience.PUBLIC
    if public:
        _take_turn(report)
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
    _check_version_quotes(report, run)
    if public:
        _check_audience(report, run)
        if publication.reveals_with_published(run):
            raise StateError(
                _(
                    "Public reports published after this version was generated would, together "
                    "with it, reveal small counts. Generate the report again, then approve "
                    "and publish the new version."
                )
            )
    report.state = Report.State.PUBLISHED
    report.published_run = run
    report.published_at = timezone.now()
    report.save(update_fields=["state", "published_run", "published_at", "updated_at"])
    if public and run.public_since is None:
        run.public_since = report.published_at
        run.save(update_fields=["public_since"])
    return report


def _take_turn(report: Report) -> None:
    """Lock the organisations whose observations the report counts, in order: a public
    publication that counts any of them waits until this one is done."""
    from accounts.models import Organisation
    from reports.access import data_scope

    list(Organisation.objects.select_for_update().filter(pk__in=sorted(data_scope(report))))


@transaction.atomic
def forget_observation_texts(
    observation_ids, replace: tuple[str, str] | None = None
) -> list[ReportRun]:
    """Erase every copy of the observations' texts that the reports keep, for the retention
    and redaction of observations: the chosen quotes, the content of every stored version
    and the files made from it. With ``replace=(old, new)`` the copies are edited instead
    of removed. A published version stays published, without the text. Returns the versions
    that changed."""
    ids = set(observation_ids)
    chosen = ReportQuote.objects.filter(observation_id__in=ids)
    if replace is None:
        chosen.delete()
    else:
        for quote in chosen:
            quote.text = quote.text.replace(*replace)
            quote.save(update_fields=["text"])
    # Versions generated before quotes were chosen stored no observation: find their
    # quotes by the observations' own words.
    sources = list(Observation.objects.filter(pk__in=ids).values_list("text", flat=True))
    changed = []
    for run in ReportRun.objects.filter(content__isnull=False).select_for_update():
        if _forget_in_content(run.content, ids, sources, replace):
            run.save(update_fields=["content"])
            _render_again(run)
            changed.append(run)
    return changed


def _forget_in_content(content: dict, ids: set, sources: list[str], replace) -> bool:
    changed = False
    for section in content.get("sections", []):
        for item in section.get("items", []):
            kept = []
            for quote in item.get("quotes", []):
                if not _quotes_from(quote, ids, sources, replace):
                    kept.append(quote)
                    continue
                changed = True
                if replace is not None:
                    kept.append(_replaced(quote, replace))
            item["quotes"] = kept
    return changed


def _quotes_from(quote, ids: set, sources: list[str], replace) -> bool:
    if isinstance(quote, dict):
        return quote.get("observation") in ids
    texts = {quote, quote.replace(*replace)} if replace else {quote}
    return any(is_excerpt_of(text, source) for text in texts for source in sources if source)


def _replaced(quote, replace: tuple[str, str]):
    if isinstance(quote, dict):
        return {**quote, "text": quote["text"].replace(*replace)}
    return quote.replace(*replace)


def _render_again(run: ReportRun) -> None:
    shown = content_from_json(run.content)
    for stored in run.files.all():
        stored.data = render(shown, stored.format)
        stored.save(update_fields=["data"])


def file_data(*, report: Report, run: ReportRun, stored: ReportFile) -> bytes:
    """The bytes of a version's file as it may be downloaded now: the stored file, or, when
    a quote in it is of an observation no longer shared with the report's organisation, the
    file made again without that quote (the stored file stays, for when sharing resumes)."""
    content, left_out = access.shown_content(report, run)
    if not left_out:
        return bytes(stored.data)
    return render(content, stored.format)


def record_download(*, request, report: Report, run: ReportRun, file_format: str) -> None:
    """A signed-in person's download goes to the audit log; a download without signing in,
    which only a public report allows, is counted per report, format and day instead."""
    if not request.user.is_authenticated:
        count_public_download(report=report, file_format=file_format)
        return
    record_event(
        action=AuditEvent.Action.EXPORT,
        request=request,
        target=f"report:{report.pk}",
        kind="report",
        format=file_format,
        run=run.pk,
        revision=run.revision,
        public=report.audience == Report.Audience.PUBLIC,
    )


@transaction.atomic
def count_public_download(*, report: Report, file_format: str) -> None:
    """Add one to today's count of the report's file in this format; a flood of downloads
    changes one row, never adds rows."""
    counter, created = PublicDownloadCount.objects.get_or_create(
        report=report, format=file_format, day=timezone.localdate(), defaults={"count": 1}
    )
    if not created:
        PublicDownloadCount.objects.filter(pk=counter.pk).update(count=F("count") + 1)
