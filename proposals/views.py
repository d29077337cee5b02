"""Proposal pages: analysts prepare and move proposals, decision-makers answer them,
reporters follow them, and anyone reads the published ones."""

import datetime
import io
import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts import access as accounts_access
from accounts.audit import record_event
from accounts.models import AuditEvent
from analysis import access as analysis_access
from lib.exports import CONTENT_TYPE
from proposals import (
    access,
    bodies,
    evidence,
    figures,
    lifecycle,
    milestone_csv,
    quotes,
    services,
    welfare,
)
from proposals.forms import (
    AnswerForm,
    DeadlineForm,
    LinkObservationForm,
    MilestoneForm,
    MilestoneImportForm,
    ProgressForm,
    ProposalForm,
    PublishForm,
    QuoteForm,
    ReaddressForm,
    ReasonForm,
    WelfareReportForm,
)
from proposals.models import ActionProposal, Status
from reporting import access as reporting_access

# Analysts ---------------------------------------------------------------------------------


@login_required
def proposal_list(request):
    proposals = access.proposals_for_analyst(request.user).select_related("recipient", "owner")
    status = request.GET.get("status")
    if status in Status.values:
        proposals = proposals.filter(status=status)
    phenomena = analysis_access.phenomena_for_analyst(request.user).active()
    return render(
        request,
        "proposals/list.html",
        {"proposals": proposals, "phenomena": phenomena, "statuses": Status, "status": status},
    )


@login_required
def proposal_create(request):
    organisation = accounts_access.analysis_organisation(request.user)
    phenomena = analysis_access.phenomena_for_analyst(request.user).active()
    if request.method != "POST":
        form = ProposalForm(initial=_initial_evidence(request), phenomena=phenomena)
        return _form_page(request, form)
    form = ProposalForm(request.POST, phenomena=phenomena)
    if not form.is_valid():
        return _form_page(request, form, status=400)
    signal = figures.checked_signal(form.cleaned_data["signal"], request.user)
    proposal, _created = services.create_proposal(
        organisation=organisation,
        owner=request.user,
        cleaned=form.cleaned_data | {"signal": signal},
        creation_key=form.cleaned_data["creation_key"] or uuid.uuid4(),
        confirmations=form.confirmations(),
    )
    return redirect("proposals:detail", pk=proposal.pk)


@login_required
def proposal_edit(request, pk):
    proposal = access.get_proposal_for_analyst(request.user, pk)
    if not proposal.is_editable:
        messages.error(request, _("A submitted proposal can no longer be edited."))
        return redirect("proposals:detail", pk=proposal.pk)
    phenomena = analysis_access.phenomena_for_analyst(request.user).active()
    if request.method != "POST":
        form = ProposalForm(initial=_current_values(proposal), phenomena=phenomena)
        return _form_page(request, form, proposal=proposal)
    form = ProposalForm(request.POST, phenomena=phenomena)
    if not form.is_valid():
        return _form_page(request, form, proposal=proposal, status=400)
    return _carry_out(
        request,
        proposal,
        lambda: services.update_proposal(
            proposal=proposal, cleaned=form.cleaned_data, confirmations=form.confirmations()
        ),
        _("The proposal was saved."),
    )


@login_required
@require_POST
def proposal_step(request, pk):
    proposal = access.get_proposal_for_analyst(request.user, pk)
    action = request.POST.get("action", "")
    step = lifecycle.ACTIONS.get(action)
    if step is None or step.actor != lifecycle.ANALYST:
        messages.error(request, _("Unknown step. Reload the page and try again."))
        return redirect("proposals:detail", pk=proposal.pk)
    deadline = DeadlineForm(request.POST)
    if action == "submit" and not deadline.is_valid():
        return _refused(request, proposal, services.StepRefused(*deadline.problems()))
    try:
        _transition, created = services.take_step(
            proposal=proposal,
            action=action,
            by=request.user,
            seen_status=request.POST.get("seen_status", ""),
            answer_due_on=deadline.cleaned_data.get("answer_due_on")
            if action == "submit"
            else None,
        )
    except services.StepRefused as refused:
        return _refused(request, proposal, refused)
    if created:
        messages.success(request, _("Done: “%(action)s”.") % {"action": step.label})
    else:
        messages.info(request, _("This was done already: “%(action)s”.") % {"action": step.label})
    return redirect("proposals:detail", pk=proposal.pk)


@login_required
def proposal_submit(request, pk):
    """Say what sending the proposal will do (the body, who is told, the answer date, the
    quotes that go) and send it only when the analyst confirms. A second press or a retry
    sends nothing twice (``services.take_step``)."""
    proposal = access.get_proposal_for_analyst(request.user, pk)
    step = lifecycle.ACTIONS["submit"]
    if request.method != "POST" and not lifecycle.is_possible(proposal, step):
        messages.info(
            request,
            _("“%(action)s” is not possible while the proposal is “%(status)s”.")
            % {"action": step.label, "status": proposal.get_status_display()},
        )
        return redirect("proposals:detail", pk=proposal.pk)
    problems = services.submission_problems(proposal) if proposal.is_editable else []
    if problems:
        return _refused(request, proposal, services.StepRefused(*problems))
    if request.method == "POST":
        deadline = DeadlineForm(request.POST)
    else:  # the day chosen on the proposal's page, if any
        deadline = DeadlineForm(request.GET if "answer_due_on" in request.GET else None)
    if request.method != "POST" or not deadline.is_valid():
        return _submit_page(request, proposal, deadline, status=400 if deadline.errors else 200)
    return _step_taken(
        request,
        proposal,
        step,
        seen_status=request.POST.get("seen_status", ""),
        answer_due_on=deadline.cleaned_data.get("answer_due_on"),
    )


def _submit_page(request, proposal, deadline, *, status=200):
    if not deadline.is_bound or (
        deadline.is_valid() and not deadline.cleaned_data["answer_due_on"]
    ):
        deadline = DeadlineForm(initial={"answer_due_on": services.default_answer_due()})
    deadline.fields["answer_due_on"].help_text = ngettext(
        "Left empty, the body has %(days)s day.",
        "Left empty, the body has %(days)s days.",
        settings.PROPOSAL_ANSWER_DAYS,
    ) % {"days": settings.PROPOSAL_ANSWER_DAYS}
    context = {
        "proposal": proposal,
        "form": deadline,
        "answerers": bodies.answering_members(proposal.recipient).count(),
        "quotes": access.chosen_quotes(proposal),
        "seen_status": request.GET.get("seen_status") or proposal.status,
    }
    return render(request, "proposals/submit.html", context, status=status)


def _step_taken(request, proposal, step, **kwargs):
    try:
        _transition, created = services.take_step(
            proposal=proposal, action=step.name, by=request.user, **kwargs
        )
    except services.StepRefused as refused:
        return _refused(request, proposal, refused)
    if created:
        messages.success(request, _("Done: “%(action)s”.") % {"action": step.label})
    else:
        messages.info(request, _("This was done already: “%(action)s”.") % {"action": step.label})
    return redirect("proposals:detail", pk=proposal.pk)


@login_required
def proposal_withdraw(request, pk):
    """Take a submitted proposal back into preparation, with a reason."""
    return _reasoned_step(request, pk, "withdraw")


@login_required
def proposal_readdress(request, pk):
    """Send a submitted proposal to another body instead, with a reason."""
    return _reasoned_step(request, pk, "readdress")


def _reasoned_step(request, pk, action: str):
    proposal = access.get_proposal_for_analyst(request.user, pk)
    step = lifecycle.ACTIONS[action]
    seen_status = request.POST.get("seen_status", proposal.status)
    if request.method != "POST" and not lifecycle.is_possible(proposal, step):
        messages.info(
            request,
            _("“%(action)s” is not possible while the proposal is “%(status)s”.")
            % {"action": step.label, "status": proposal.get_status_display()},
        )
        return redirect("proposals:detail", pk=proposal.pk)
    form_class = ReaddressForm if action == "readdress" else ReasonForm
    extra = {"proposal": proposal} if action == "readdress" else {}
    form = form_class(request.POST if request.method == "POST" else None, **extra)
    if request.method != "POST" or not form.is_valid():
        return _reason_page(request, proposal, step, form, status=400 if form.is_bound else 200)
    try:
        _transition, created = services.take_step(
            proposal=proposal,
            action=action,
            by=request.user,
            seen_status=seen_status,
            reason=form.cleaned_data["reason"],
            recipient=form.cleaned_data.get("recipient"),
        )
    except services.StepRefused as refused:
        for message in refused.messages:
            form.add_error(None, message)
        return _reason_page(request, proposal, step, form, status=409)
    if created:
        messages.success(request, _("Done: “%(action)s”.") % {"action": step.label})
    else:
        messages.info(request, _("This was done already: “%(action)s”.") % {"action": step.label})
    return redirect("proposals:detail", pk=proposal.pk)


def _reason_page(request, proposal, step, form, *, status=200):
    context = {
        "proposal": proposal,
        "step": step,
        "form": form,
        "guard_panels": form.guard_panels(),
    }
    return render(request, "proposals/step_reason.html", context, status=status)


@login_required
@require_POST
def quote_add(request, pk):
    proposal = access.get_proposal_for_analyst(request.user, pk)
    form = QuoteForm(request.POST, observations=quotes.source_observations(proposal))
    if form.is_valid():
        try:
            services.add_quote(
                proposal=proposal,
                observation=form.cleaned_data["observation"],
                text=form.cleaned_data["text"],
            )
        except services.StepRefused as refused:
            for message in refused.messages:
                form.add_error("text", message)
        else:
            messages.success(request, _("The quote was added."))
            return redirect("proposals:detail", pk=proposal.pk)
    return _detail_page(request, proposal, "analyst", quote_form=form, status=400)


@login_required
@require_POST
def quote_remove(request, pk, quote_pk):
    proposal = access.get_proposal_for_analyst(request.user, pk)
    return _carry_out(
        request,
        proposal,
        lambda: services.remove_quote(proposal=proposal, quote_id=quote_pk),
        _("The quote was removed."),
    )


@login_required
@require_POST
def observation_link(request, pk):
    proposal = access.get_proposal_for_analyst(request.user, pk)
    form = LinkObservationForm(request.POST)
    observation = None
    if form.is_valid():
        scope = reporting_access.observations_for_analyst(request.user).filter(
            organisation_id__in=access.evidence_scope(proposal)
        )
        observation = scope.filter(pk=form.cleaned_data["observation"]).first()
        if observation is None:
            form.add_error("observation", _("No observation with this number in your scope."))
    if observation is None:
        return _detail_page(request, proposal, "analyst", link_form=form, status=400)
    return _carry_out(
        request,
        proposal,
        lambda: services.link_observation(proposal=proposal, observation=observation),
        _("The observation was linked to the proposal."),
    )


@login_required
@require_POST
def milestone_add(request, pk):
    proposal = access.get_proposal_for_analyst(request.user, pk)
    form = MilestoneForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, proposal, "analyst", milestone_form=form, status=400)
    return _carry_out(
        request,
        proposal,
        lambda: services.add_milestone(
            proposal=proposal, title=form.cleaned_data["title"], due_on=form.cleaned_data["due_on"]
        ),
        _("The milestone was added."),
    )


@login_required
@require_POST
def milestone_progress(request, pk, milestone_pk):
    proposal = access.get_proposal_for_analyst(request.user, pk)
    form = ProgressForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the progress as a whole number from 0 to 100."))
        return redirect("proposals:detail", pk=proposal.pk)
    return _carry_out(
        request,
        proposal,
        lambda: services.set_progress(
            proposal=proposal,
            milestone_id=milestone_pk,
            progress=form.cleaned_data["progress"],
            by=request.user,
        ),
        _("The progress was saved."),
    )


@login_required
def milestone_template(request, pk):
    """The proposal's current milestones as a CSV to fill in and upload."""
    proposal = access.get_proposal_for_analyst(request.user, pk)
    out = io.StringIO()
    count = milestone_csv.write_template(proposal, out)
    record_event(
        action=AuditEvent.Action.EXPORT,
        request=request,
        target=f"proposal:{proposal.pk}:milestones",
        organisation_id=proposal.organisation_id,
        rows=count,
    )
    response = HttpResponse(out.getvalue(), content_type=CONTENT_TYPE)
    name = f"sora-proposal-{proposal.pk}-milestones.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def milestone_import(request, pk):
    """Update many milestones from a CSV: every row is checked, and nothing is saved unless
    every row is right."""
    proposal = access.get_proposal_for_analyst(request.user, pk)
    if proposal.status not in services.MILESTONE_STATUSES:
        messages.info(request, _("Progress is recorded while the proposal is being implemented."))
        return redirect("proposals:detail", pk=proposal.pk)
    if request.method != "POST":
        return _import_page(request, proposal, MilestoneImportForm())
    form = MilestoneImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _import_page(request, proposal, form, status=400)
    try:
        text = form.cleaned_data["file"].read().decode("utf-8-sig")
    except UnicodeDecodeError:
        form.add_error("file", _("The file is not UTF-8 text. Save it as CSV UTF-8 and try again."))
        return _import_page(request, proposal, form, status=400)
    result = milestone_csv.read_rows(proposal, io.StringIO(text, newline=""))
    for error in result.errors[:50]:
        form.add_error("file", error)
    if result.errors:
        return _import_page(request, proposal, form, status=400)
    try:
        changed = services.update_milestones(proposal=proposal, rows=result.rows, by=request.user)
    except services.StepRefused as refused:
        for message in refused.messages:
            form.add_error("file", message)
        return _import_page(request, proposal, form, status=409)
    messages.success(
        request,
        ngettext(
            "%(count)s milestone was changed.", "%(count)s milestones were changed.", len(changed)
        )
        % {"count": len(changed)},
    )
    return redirect("proposals:detail", pk=proposal.pk)


def _import_page(request, proposal, form, *, status=200):
    context = {"proposal": proposal, "form": form, "columns": milestone_csv.COLUMNS}
    return render(request, "proposals/milestone_import.html", context, status=status)


@login_required
def proposal_publish(request, pk):
    proposal = access.get_proposal_for_analyst(request.user, pk)
    if request.method != "POST":
        form = PublishForm(initial={"public_summary": proposal.public_summary})
        return _publish_page(request, proposal, form)
    if request.POST.get("action") == "unpublish":
        services.unpublish(proposal=proposal)
        messages.success(request, _("The proposal was removed from the public page."))
        return redirect("proposals:detail", pk=proposal.pk)
    form = PublishForm(request.POST)
    if not form.is_valid():
        return _publish_page(request, proposal, form, status=400)
    services.publish(
        proposal=proposal,
        summary=form.cleaned_data["public_summary"],
        confirmations=form.confirmations(),
    )
    messages.success(request, _("The summary and status are now on the public page."))
    return redirect("proposals:detail", pk=proposal.pk)


@login_required
def welfare_report(request):
    organisations = access.analyst_organisations(request.user)
    form = WelfareReportForm(request.GET if "municipality" in request.GET else None)
    if not form.is_bound:
        return render(request, "proposals/welfare_report.html", {"form": form})
    if not form.is_valid():
        return render(request, "proposals/welfare_report.html", {"form": form}, status=400)
    data = form.cleaned_data
    report = welfare.build_report(
        organisations=organisations,
        municipality=data["municipality"],
        start=data["start"],
        end=data["end"],
    )
    record_event(
        action=AuditEvent.Action.EXPORT,
        request=request,
        target=f"welfare-report:{data['municipality'].code}",
        start=data["start"].isoformat(),
        end=data["end"].isoformat(),
        format=data["format"],
    )
    return _file(report, data)


# Everyone involved ---------------------------------------------------------------------------


@login_required
def proposal_detail(request, pk):
    proposal, role = access.get_proposal_for_reading(request.user, pk)
    return _detail_page(request, proposal, role)


@login_required
def evidence_texts(request, pk):
    """The observations behind the proposal, each text only where the quote check lets all of
    it through, for the people whose role allows it; every read is in the audit log."""
    proposal, role = access.get_proposal_for_reading(request.user, pk)
    readable = quotes.readable_texts(access.texts_for_reader(request.user, proposal, role))
    record_event(
        action=AuditEvent.Action.VIEW_OBSERVATION,
        request=request,
        target=f"proposal:{proposal.pk}:observation-texts",
        organisation_id=proposal.organisation_id,
        observations=[row.observation.pk for row in readable],
    )
    context = {"proposal": proposal, "role": role, "readable": readable, "limit": quotes.READABLE}
    return render(request, "proposals/evidence_texts.html", context)


# Decision-makers -----------------------------------------------------------------------------


@login_required
def decisions(request):
    proposals = access.proposals_for_decision_maker(request.user).select_related(
        "recipient", "organisation"
    )
    waiting = sorted(
        (p for p in proposals if p.status == Status.SUBMITTED),
        key=lambda p: (p.answer_due_on is None, p.answer_due_on or datetime.date.max),
    )
    answered = [p for p in proposals if p.status != Status.SUBMITTED]
    return render(request, "proposals/decisions.html", {"waiting": waiting, "answered": answered})


@login_required
def proposal_answer(request, pk):
    proposal = access.get_proposal_for_decision_maker(request.user, pk)
    if proposal.status != Status.SUBMITTED and request.method != "POST":
        messages.info(request, _("This proposal has been answered already."))
        return redirect("proposals:detail", pk=proposal.pk)
    form = AnswerForm(request.POST or None)
    if request.method != "POST":
        return _answer_page(request, proposal, form)
    if not form.is_valid():
        return _answer_page(request, proposal, form, status=400)
    try:
        _transition, created = services.take_step(
            proposal=proposal,
            action="answer",
            by=request.user,
            seen_status=request.POST.get("seen_status", ""),
            decision=form.cleaned_data["decision"],
            response_text=form.cleaned_data["response_text"],
            response_date=form.cleaned_data["response_date"],
            decision_section=form.cleaned_data["decision_section"],
            minutes_url=form.cleaned_data["minutes_url"],
            confirmations=form.confirmations(),
        )
    except services.StepRefused as refused:
        for message in refused.messages:
            form.add_error(None, message)
        return _answer_page(request, proposal, form, status=409)
    if not created:
        messages.info(request, _("This proposal has been answered already."))
        return redirect("proposals:detail", pk=proposal.pk)
    messages.success(request, _("The answer was recorded. The reporters will be told."))
    return redirect("proposals:detail", pk=proposal.pk)


# Reporters ------------------------------------------------------------------------------------


def my_chain(request):
    """The former page of what became of one's observations: the follow-up is now on
    "My observations" (links in e-mails sent earlier still lead there)."""
    return redirect("reporting:my_observations", permanent=True)


def notification_settings(request):
    """The reporters' choices moved to the notices' settings; old e-mails link here."""
    return redirect("notices:settings", permanent=True)


# The public ------------------------------------------------------------------------------------


def public_list(request):
    proposals = ActionProposal.objects.filter(is_public=True).select_related("recipient")
    return render(request, "proposals/public_list.html", {"proposals": proposals})


def public_detail(request, pk):
    proposal = (
        ActionProposal.objects.filter(pk=pk, is_public=True)
        .select_related("recipient")
        .prefetch_related("milestones")
        .first()
    )
    if proposal is None:
        raise Http404
    # The steps the reporters' chain shows, with the reasons it shows.
    timeline = proposal.transitions.exclude(action="create").select_related("recipient")
    context = {"proposal": proposal, "timeline": timeline}
    return render(request, "proposals/public_detail.html", context)


# Helpers -------------------------------------------------------------------------------------


def _initial_evidence(request) -> dict:
    """A new draft's key, and what a phenomenon (``?phenomenon=``) or an early signal of the
    dashboard (``?signal=``) brings to it; 404 for one the analyst may not see."""
    initial = {"creation_key": uuid.uuid4()}
    raw = request.GET.get("phenomenon")
    if raw:
        if not raw.isdigit():
            raise Http404
        phenomenon = analysis_access.get_phenomenon_for_user(request.user, int(raw))
        initial |= evidence.initial_from_phenomenon(phenomenon)
    token = request.GET.get("signal")
    if token:
        signal = analysis_access.get_signal_for_analyst(request.user, token)
        initial |= evidence.initial_from_signal(signal, request.user) | {"signal": signal.token}
    return initial


def _current_values(proposal: ActionProposal) -> dict:
    values = {name: getattr(proposal, name) for name in services.GUARDED_FIELDS}
    values["recipient"] = proposal.recipient_id
    for name in services.RELATIONS:
        values[name] = list(getattr(proposal, name).values_list("pk", flat=True))
    return values


def _carry_out(request, proposal, step, done: str):
    """Take one step on the proposal: its refusal is shown as errors, its success as
    ``done``; either way back to the proposal's page."""
    try:
        step()
    except services.StepRefused as refused:
        return _refused(request, proposal, refused)
    messages.success(request, done)
    return redirect("proposals:detail", pk=proposal.pk)


def _refused(request, proposal, refused: services.StepRefused):
    for message in refused.messages:
        messages.error(request, message)
    return redirect("proposals:detail", pk=proposal.pk)


def _form_page(request, form, *, proposal=None, status=200):
    context = {"form": form, "proposal": proposal, "guard_panels": form.guard_panels()}
    return render(request, "proposals/form.html", context, status=status)


def _detail_page(request, proposal, role, *, status=200, **forms):
    is_analyst = role == "analyst"
    chosen = access.chosen_quotes(proposal)
    context = {
        "proposal": proposal,
        "role": role,
        "phenomena": [
            (p, figures.count_row(p.name, p.links.count(), suppressed=not is_analyst))
            for p in proposal.phenomena.all()
        ],
        "quotes": [
            (quote, quotes.chosen_problems(quote, shown) if is_analyst else [], shown)
            for quote, shown in chosen
        ],
        "indicator_values": evidence.latest_values(proposal),
        "figures": figures.evidence_figures(
            proposal, period=_period(request), suppressed=not is_analyst
        ),
        "signal": figures.starting_signal(proposal, request.user, role),
        "themes": evidence.indicators_by_theme(proposal),
        "may_read_texts": access.may_read_texts(request.user, proposal, role),
        "transitions": proposal.transitions.select_related("by", "recipient"),
        "milestones": proposal.milestones.all(),
        "steps": lifecycle.available(proposal, role),
        "problems": services.submission_problems(proposal) if proposal.is_editable else [],
        "quote_form": forms.get("quote_form"),
        "quote_cards": [],
        "link_form": None,
        "milestone_form": None,
        "answer_days": settings.PROPOSAL_ANSWER_DAYS,
        "default_answer_due": services.default_answer_due(),
    }
    if is_analyst:
        context["direct"] = access.direct_observations(proposal)
        context["behind"] = access.evidence_observations(proposal).count()
        if proposal.is_editable:
            cards = _quote_cards(proposal, [q for q, _shown in chosen], context["quote_form"])
            context["quote_cards"] = cards
            context["unplaced_quote_form"] = _unplaced(context["quote_form"], cards)
            context["link_form"] = forms.get("link_form") or LinkObservationForm()
            record_event(
                action=AuditEvent.Action.VIEW_OBSERVATION,
                request=request,
                target=f"proposal:{proposal.pk}:evidence",
            )
        if proposal.status in services.MILESTONE_STATUSES:
            context["milestone_form"] = forms.get("milestone_form") or MilestoneForm()
    return render(request, "proposals/detail.html", context, status=status)


def _period(request) -> str:
    period = request.GET.get("period")
    return period if period in figures.PERIODS else figures.MONTH


def _unplaced(form, cards):
    """A refused quote whose excerpt is no longer suggested is shown apart, as typed."""
    if form is None or any(card["form"] is form for card in cards):
        return None
    return form


def _quote_cards(proposal, chosen, form) -> list[dict]:
    """A form per suggested excerpt; the one just refused keeps what was typed."""
    observations = quotes.source_observations(proposal)
    cards = []
    for suggestion in quotes.suggestions(proposal, chosen):
        number = str(suggestion.observation.pk)
        if form is not None and form.observation_number() == number:
            card_form = form
        else:
            initial = {"observation": suggestion.observation.pk, "text": suggestion.text}
            card_form = QuoteForm(initial=initial, observations=observations)
        cards.append({"suggestion": suggestion, "form": card_form})
    return cards


def _answer_page(request, proposal, form, *, status=200):
    context = {"proposal": proposal, "form": form, "guard_panels": form.guard_panels()}
    return render(request, "proposals/answer.html", context, status=status)


def _publish_page(request, proposal, form, *, status=200):
    context = {"proposal": proposal, "form": form}
    return render(request, "proposals/publish.html", context, status=status)


CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _file(report, data) -> HttpResponse:
    kind = data["format"]
    content = welfare.as_docx(report) if kind == "docx" else welfare.as_xlsx(report)
    name = f"sora-{data['municipality'].code}-{data['start']:%Y%m%d}-{data['end']:%Y%m%d}.{kind}"
    response = HttpResponse(content, content_type=CONTENT_TYPES[kind])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
