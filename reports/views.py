"""Report pages: the analysts' list, definition and narrative, generation, approval and
publication; the readers' published reports; the public pages without sign-in."""

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.audit import record_event
from accounts.models import AuditEvent, Organisation
from lib.progress import progress_reply, wants_progress
from reports import access, publication, quotes, runs, services
from reports.definition import Definition
from reports.facts import Facts
from reports.forms import (
    ApprovalRequestForm,
    NarrativeForm,
    QuoteChoiceForm,
    ReportForm,
    ReturnForm,
)
from reports.models import Report, ReportFile
from reports.outputs import MEDIA_TYPES


@login_required
def report_list(request):
    editable = access.editable_reports(request.user).select_related("organisation")
    context = {
        "editable": editable,
        "is_editor": bool(access.editing_organisations(request.user)),
        "published": [r for r in access.readable_published(request.user) if r not in editable],
        "finished": runs.unseen_for(request.user),
    }
    return render(request, "reports/list.html", context)


@login_required
def report_create(request):
    organisation = access.require_editor(request.user)
    form = ReportForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        report = services.create_report(
            organisation=organisation,
            author=request.user,
            fields=form.definition_fields(),
            municipalities=form.cleaned_data["municipalities"],
            organisations=form.cleaned_data["organisations"],
        )
        messages.success(request, _("The report was created. Generate it to see its figures."))
        return redirect("reports:detail", pk=report.pk)
    status = 400 if form.is_bound else 200
    return render(request, "reports/form.html", {"form": form}, status=status)


@login_required
def report_edit(request, pk):
    report = access.get_report_for_editor(request.user, pk)
    form = ReportForm(request.POST or None, instance=report, organisation=report.organisation)
    if request.method == "POST" and form.is_valid():
        services.update_definition(
            report=report,
            fields=form.definition_fields(),
            municipalities=form.cleaned_data["municipalities"],
            organisations=form.cleaned_data["organisations"],
        )
        messages.success(request, _("Saved. Generate the report again to update its figures."))
        return redirect("reports:detail", pk=report.pk)
    status = 400 if form.is_bound else 200
    return render(request, "reports/form.html", {"form": form, "report": report}, status=status)


@login_required
def report_detail(request, pk):
    report, editable = access.get_report_for_reader(request.user, pk)
    if not editable:
        return _published_page(request, report)
    if wants_progress(request):
        return _progress(report)
    runs.mark_seen(report, request.user)
    return _editor_page(request, report, NarrativeForm(instance=report))


def _progress(report):
    latest = runs.latest(report)
    return progress_reply(
        working=latest is not None and latest.is_pending,
        progress=latest and latest.progress,
        failed=latest is not None and latest.state == latest.State.FAILED,
    )


def _editor_page(request, report, narrative_form, status=200, approval_form=None, return_form=None):
    latest = runs.latest(report)
    done = runs.latest_done(report)
    facts = Facts(Definition.from_report(report))
    context = {
        "report": report,
        "latest": latest,
        "done": done,
        "content": access.shown_content(report, done)[0] if done else None,
        "version_quotes": quotes.version_quotes(facts, report.pk, done.content) if done else [],
        "chosen": quotes.checked_quotes(facts, report.pk).values(),
        "working": latest is not None and latest.is_pending,
        "narrative_form": narrative_form,
        "may_approve": access.may_approve(request.user, report),
        "approval_form": approval_form
        or ApprovalRequestForm(report=report, user=request.user, initial=_approver(report)),
        "return_form": return_form or ReturnForm(),
        "public_problems": publication.public_problems(report),
        "formats": list(MEDIA_TYPES),
    }
    return render(request, "reports/detail.html", context, status=status)


def _approver(report) -> dict:
    return {"approver": report.approval_requested_from_id}


def _published_page(request, report):
    context = {
        "report": report,
        "content": access.shown_content(report, report.published_run)[0],
        "formats": list(MEDIA_TYPES),
    }
    return render(request, "reports/published.html", context)


@login_required
@require_POST
def report_narrative(request, pk):
    report = access.get_report_for_editor(request.user, pk)
    form = NarrativeForm(request.POST, instance=report)
    if not form.is_valid():
        report.refresh_from_db()
        return _editor_page(request, report, form, status=400)
    services.save_narrative(
        report=report,
        texts={name: form.cleaned_data[name] for name in form.guarded_fields},
        confirmations=form.confirmations(),
    )
    messages.success(request, _("The text was saved. Generate the report again to include it."))
    return redirect("reports:detail", pk=report.pk)


@login_required
def report_quotes(request, pk):
    """Choose the quotes: per main phenomenon, the suggested excerpts and the chosen ones."""
    report = access.get_report_for_editor(request.user, pk)
    if request.method != "POST":
        return _quotes_page(request, report)
    form = QuoteChoiceForm(request.POST)
    if form.is_valid():
        try:
            services.choose_quote(
                report=report,
                phenomenon_id=form.cleaned_data["phenomenon"],
                observation_id=form.cleaned_data["observation"],
                text=form.cleaned_data["text"],
                user=request.user,
            )
        except services.QuoteRefused as refused:
            for message in refused.messages:
                form.add_error("text", message)
        else:
            messages.success(
                request, _("The quote was chosen. Generate the report again to include it.")
            )
            return redirect("reports:quotes", pk=report.pk)
    report.refresh_from_db()
    return _quotes_page(request, report, form=form, status=400)


@login_required
@require_POST
def report_quote_remove(request, pk, quote_pk):
    report = access.get_report_for_editor(request.user, pk)
    if services.remove_quote(report=report, quote_id=quote_pk):
        messages.success(
            request, _("The quote was removed. Generate the report again to leave it out.")
        )
    return redirect("reports:quotes", pk=report.pk)


def _quotes_page(request, report, *, form=None, status=200):
    facts = Facts(Definition.from_report(report))
    blocks, stranded = quotes.for_choosing(facts, report.pk)
    cards = {block.phenomenon.pk: _cards(block, form) for block in blocks}
    placed = any(card["form"] is form for group in cards.values() for card in group)
    record_event(
        action=AuditEvent.Action.VIEW_OBSERVATION,
        request=request,
        target=f"report:{report.pk}:quotes",
    )
    context = {
        "report": report,
        "blocks": [(block, cards[block.phenomenon.pk]) for block in blocks],
        "stranded": stranded,
        "form": form,
        "unplaced_form": None if form is None or placed else form,
        "per_phenomenon": quotes.QUOTES_PER_PHENOMENON,
        "threshold": facts.threshold,
    }
    return render(request, "reports/quotes.html", context, status=status)


def _cards(block, form) -> list[dict]:
    """A form per suggested excerpt; the one just refused keeps what was typed."""
    cards = []
    for suggestion in block.suggestions:
        card = f"{block.phenomenon.pk}-{suggestion.observation.pk}"
        if form is None or form.card_id() != card:
            form_here = QuoteChoiceForm(
                initial={
                    "phenomenon": block.phenomenon.pk,
                    "observation": suggestion.observation.pk,
                    "text": suggestion.text,
                }
            )
        else:
            form_here = form
        cards.append({"id": card, "suggestion": suggestion, "form": form_here})
    return cards


@login_required
@require_POST
def report_generate(request, pk):
    report = access.get_report_for_editor(request.user, pk)
    runs.start_run(report=report, user=request.user)
    messages.success(
        request,
        _(
            "The report is being generated. You may leave this page; you will be told when it "
            "is ready."
        ),
    )
    return redirect("reports:detail", pk=report.pk)


@login_required
@require_POST
def report_approve(request, pk):
    report = access.get_report_for_editor(request.user, pk)
    run_id = request.POST.get("run", "")
    try:
        services.approve_report(
            report=report, user=request.user, run_id=int(run_id) if run_id.isdigit() else None
        )
    except services.StateError as error:
        messages.error(request, str(error))
        return redirect("reports:detail", pk=report.pk)
    messages.success(request, _("The report was approved and can now be published."))
    return redirect("reports:detail", pk=report.pk)


@login_required
@require_POST
def report_request_approval(request, pk):
    report = access.get_report_for_editor(request.user, pk)
    form = ApprovalRequestForm(request.POST, report=report, user=request.user)
    if not form.is_valid():
        return _editor_page(
            request, report, NarrativeForm(instance=report), status=400, **{"approval_form": form}
        )
    approver = form.cleaned_data["approver"]
    try:
        asked = services.request_approval(report=report, user=request.user, approver=approver)
    except services.StateError as error:
        messages.error(request, str(error))
        return redirect("reports:detail", pk=report.pk)
    name = approver.get_full_name() or approver.get_username()
    if asked:
        messages.success(request, _("%(name)s was asked to approve the report.") % {"name": name})
    else:
        messages.info(request, _("%(name)s has been asked already.") % {"name": name})
    return redirect("reports:detail", pk=report.pk)


@login_required
@require_POST
def report_return(request, pk):
    report = access.get_report_for_editor(request.user, pk)
    if not access.may_approve(request.user, report):
        raise PermissionDenied
    form = ReturnForm(request.POST)
    if not form.is_valid():
        return _editor_page(
            request, report, NarrativeForm(instance=report), status=400, **{"return_form": form}
        )
    try:
        returned = services.return_report(
            report=report,
            user=request.user,
            note=form.cleaned_data["return_note"],
            confirmations=form.confirmations(),
        )
    except services.StateError as error:
        messages.error(request, str(error))
        return redirect("reports:detail", pk=report.pk)
    if returned:
        messages.success(request, _("The report was returned to its author."))
    else:
        messages.info(request, _("The report has been returned already."))
    return redirect("reports:detail", pk=report.pk)


@login_required
def report_publish_confirm(request, pk):
    """What publishing makes readable, and to whom, before anything is published."""
    report = access.get_report_for_editor(request.user, pk)
    run = report.approved_run
    if report.state != Report.State.APPROVED or run is None:
        messages.error(request, _("Only an approved version can be published."))
        return redirect("reports:detail", pk=report.pk)
    content = access.shown_content(report, run)[0]
    context = {
        "report": report,
        "run": run,
        "content": content,
        "public": report.audience == Report.Audience.PUBLIC,
        "organisations": Organisation.objects.filter(pk__in=access.data_scope(report)),
        "quoted": [
            (item.title, q.text) for s in content.sections for item in s.items for q in item.quotes
        ],
        "formats": [f.upper() for f in MEDIA_TYPES],
    }
    return render(request, "reports/publish_confirm.html", context)


@login_required
@require_POST
def report_publish(request, pk):
    report = access.get_report_for_editor(request.user, pk)
    if request.POST.get("confirmed") != "yes":
        return redirect("reports:publish_confirm", pk=report.pk)
    try:
        services.publish_report(report=report, user=request.user)
    except services.StateError as error:
        messages.error(request, str(error))
        return redirect("reports:detail", pk=report.pk)
    messages.success(request, _("The report was published."))
    return redirect("reports:detail", pk=report.pk)


@login_required
def report_download(request, pk, file_format):
    report, editable = access.get_report_for_reader(request.user, pk)
    run = runs.latest_done(report) if editable else report.published_run
    return _file_response(request, report, run, file_format)


def public_list(request):
    reports = Report.objects.filter(
        audience=Report.Audience.PUBLIC, published_run__isnull=False
    ).select_related("organisation")
    return render(request, "reports/public_list.html", {"reports": reports})


def public_detail(request, pk):
    report = access.get_public_report(pk)
    context = {
        "report": report,
        "content": access.shown_content(report, report.published_run)[0],
        "formats": list(MEDIA_TYPES),
        "public": True,
    }
    return render(request, "reports/published.html", context)


def public_download(request, pk, file_format):
    report = access.get_public_report(pk)
    return _file_response(request, report, report.published_run, file_format)


def _file_response(request, report, run, file_format):
    stored = ReportFile.objects.filter(run=run, format=file_format).first() if run else None
    if stored is None:
        raise Http404
    services.record_download(request=request, report=report, run=run, file_format=file_format)
    response = HttpResponse(
        services.file_data(report=report, run=run, stored=stored),
        content_type=MEDIA_TYPES[file_format],
    )
    response["Content-Disposition"] = _disposition(report, file_format)
    return response


def _disposition(report, file_format: str) -> str:
    """An attachment named by the report's title: an ASCII ``filename`` for every client
    and, where the title has other letters, the same name in UTF-8 (RFC 6266)."""
    plain = f"{report.file_stem()}.{file_format}"
    header = f'attachment; filename="{plain}"'
    full = report.file_name(file_format)
    if full != plain:
        header += f"; filename*=UTF-8''{quote(full)}"
    return header
