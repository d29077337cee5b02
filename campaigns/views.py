"""Campaign pages for the analysts and administrators of the owner organisation."""

import io
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.audit import record_event
from accounts.models import AuditEvent
from campaigns import access, exports, results, services, share
from campaigns.forms import CampaignForm, ForumGroupForm, QuestionForm
from lib.exports import CONTENT_TYPE
from reporting.models import Campaign

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Forms already saved in this session, by their form key: a second press or a retry of the
# same form opens what the first one made instead of making another.
SAVED_FORMS = "campaigns_saved_forms"


def _form_key(request) -> str:
    key = request.POST.get("form_key", "")
    try:
        return str(uuid.UUID(key))
    except ValueError:
        return ""


def _saved_before(request, key: str) -> int | None:
    return request.session.get(SAVED_FORMS, {}).get(key) if key else None


def _remember_saved(request, key: str, pk: int) -> None:
    if key:
        saved = request.session.get(SAVED_FORMS, {})
        saved[key] = pk
        request.session[SAVED_FORMS] = dict(list(saved.items())[-50:])


@login_required
def campaign_list(request):
    campaigns = access.managed_campaigns(request.user).select_related("owner")
    today = timezone.localdate()
    return render(request, "campaigns/list.html", {"campaigns": campaigns, "today": today})


@login_required
def campaign_create(request):
    owners = access.managing_organisations(request.user)
    if request.method == "POST":
        key = _form_key(request)
        made = _saved_before(request, key)
        if made is not None:
            return redirect("campaigns:detail", pk=made)
        form = CampaignForm(request.POST, owners=owners)
        if form.is_valid():
            campaign = form.save()
            _remember_saved(request, key, campaign.pk)
            messages.success(request, _("The campaign was created. Add its questions next."))
            return redirect("campaigns:detail", pk=campaign.pk)
    else:
        form = CampaignForm(
            owners=owners,
            initial={"owner": owners.first(), "starts_on": timezone.localdate()},
        )
    return render(request, "campaigns/campaign_form.html", {"form": form, "form_key": uuid.uuid4()})


@login_required
def campaign_edit(request, pk):
    campaign = access.get_managed_campaign(request.user, pk)
    owners = access.managing_organisations(request.user)
    form = CampaignForm(request.POST or None, instance=campaign, owners=owners)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The campaign was saved."))
        return redirect("campaigns:detail", pk=campaign.pk)
    return render(request, "campaigns/campaign_form.html", {"form": form, "campaign": campaign})


@login_required
def campaign_detail(request, pk):
    campaign = access.get_managed_campaign(request.user, pk)
    questions = list(campaign.questions.order_by("order", "pk"))
    answered = set(campaign.questions.filter(answers__isnull=False).values_list("pk", flat=True))
    context = {
        "campaign": campaign,
        "questions": [(question, question.pk in answered) for question in questions],
        "groups": list(campaign.groups.order_by("order", "pk")),
        "audience": list(campaign.audience.all()),
        "is_open": campaign.is_open_now(),
        "invited": services.invited_count(campaign),
        "audience_size": services.audience_members(campaign).count(),
    }
    return render(request, "campaigns/detail.html", context)


@login_required
@require_POST
def campaign_state(request, pk):
    campaign = access.get_managed_campaign(request.user, pk)
    if request.POST.get("action") == "close":
        last = services.close_campaign(campaign)
        messages.success(
            request,
            _("The campaign is closed: it took observations until %(day)s.")
            % {"day": date_format(last, "SHORT_DATE_FORMAT")},
        )
    elif request.POST.get("action") == "open":
        services.open_campaign(campaign)
        messages.success(request, _("The campaign is open: it takes observations from today."))
    else:
        messages.error(request, _("Choose whether to open or close the campaign."))
    return redirect("campaigns:detail", pk=campaign.pk)


@login_required
@require_POST
def campaign_invite(request, pk):
    campaign = access.get_managed_campaign(request.user, pk)
    if not campaign.is_open_now():
        messages.error(request, _("Open the campaign before inviting people to it."))
        return redirect("campaigns:detail", pk=campaign.pk)
    told = services.invite(campaign)
    if told:
        text = ngettext(
            "%(count)s person was invited by notice.",
            "%(count)s people were invited by notice.",
            told,
        )
        messages.success(request, text % {"count": told})
    else:
        messages.info(request, _("Everyone in the audience has already been invited."))
    return redirect("campaigns:detail", pk=campaign.pk)


def _item_page(request, campaign, form, template, item=None):
    return render(
        request,
        template,
        {"campaign": campaign, "form": form, "item": item, "form_key": uuid.uuid4()},
    )


@login_required
def question_form(request, pk, question_pk=None):
    campaign = access.get_managed_campaign(request.user, pk)
    question = None
    if question_pk is not None:
        question = get_object_or_404(campaign.questions, pk=question_pk)
    answered = question is not None and question.answers.exists()
    if request.method == "POST":
        key = _form_key(request) if question is None else ""
        if _saved_before(request, key) is not None:
            return redirect("campaigns:detail", pk=campaign.pk)
        form = QuestionForm(request.POST, instance=question, answered=answered)
        if form.is_valid():
            saved = services.save_question(form, campaign)
            _remember_saved(request, key, saved.pk)
            messages.success(request, _("The question was saved."))
            return redirect("campaigns:detail", pk=campaign.pk)
    else:
        form = QuestionForm(instance=question, answered=answered)
    return _item_page(request, campaign, form, "campaigns/question_form.html", question)


@login_required
def group_form(request, pk, group_pk=None):
    campaign = access.get_managed_campaign(request.user, pk)
    if campaign.kind != Campaign.Kind.FORUM:
        raise Http404
    group = get_object_or_404(campaign.groups, pk=group_pk) if group_pk is not None else None
    if request.method == "POST":
        key = _form_key(request) if group is None else ""
        if _saved_before(request, key) is not None:
            return redirect("campaigns:detail", pk=campaign.pk)
        form = ForumGroupForm(request.POST, instance=group)
        if form.is_valid():
            saved = services.save_group(form, campaign)
            _remember_saved(request, key, saved.pk)
            messages.success(request, _("The group was saved."))
            return redirect("campaigns:detail", pk=campaign.pk)
    else:
        form = ForumGroupForm(instance=group)
    return _item_page(request, campaign, form, "campaigns/group_form.html", group)


def _child(request, pk, child_pk, related: str):
    campaign = access.get_managed_campaign(request.user, pk)
    return campaign, get_object_or_404(getattr(campaign, related), pk=child_pk)


@login_required
@require_POST
def question_remove(request, pk, question_pk):
    campaign, question = _child(request, pk, question_pk, "questions")
    try:
        services.remove_question(question)
    except services.CampaignRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("The question was removed."))
    return redirect("campaigns:detail", pk=campaign.pk)


@login_required
@require_POST
def group_remove(request, pk, group_pk):
    campaign, group = _child(request, pk, group_pk, "groups")
    try:
        services.remove_group(group)
    except services.CampaignRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("The group was removed."))
    return redirect("campaigns:detail", pk=campaign.pk)


@login_required
@require_POST
def question_move(request, pk, question_pk):
    campaign, question = _child(request, pk, question_pk, "questions")
    services.move(question, request.POST.get("direction"))
    return redirect(f"{campaign_path(campaign)}#question-{question.pk}")


@login_required
@require_POST
def group_move(request, pk, group_pk):
    campaign, group = _child(request, pk, group_pk, "groups")
    services.move(group, request.POST.get("direction"))
    return redirect(f"{campaign_path(campaign)}#group-{group.pk}")


def campaign_path(campaign) -> str:
    return reverse("campaigns:detail", args=[campaign.pk])


@login_required
def campaign_share(request, pk):
    campaign = access.get_managed_campaign(request.user, pk)
    open_path = share.open_path(campaign)
    context = {
        "campaign": campaign,
        "form_url": request.build_absolute_uri(share.form_path(campaign)),
        "open_url": request.build_absolute_uri(open_path) if open_path else "",
        "shared_url": request.build_absolute_uri(share.shared_path(campaign)),
    }
    return render(request, "campaigns/share.html", context)


@login_required
def campaign_qr(request, pk, kind):
    if kind not in ("svg", "png"):
        raise Http404
    campaign = access.get_managed_campaign(request.user, pk)
    url = request.build_absolute_uri(share.shared_path(campaign))
    if kind == "svg":
        title = _("QR code of the link to “%(title)s”") % {"title": campaign.title}
        response = HttpResponse(share.qr_svg(url, title), content_type="image/svg+xml")
    else:
        response = HttpResponse(share.qr_png(url), content_type="image/png")
    if request.GET.get("download"):
        response["Content-Disposition"] = f'attachment; filename="sora-campaign-{pk}.{kind}"'
    return response


@login_required
def campaign_poster(request, pk):
    campaign = access.get_managed_campaign(request.user, pk)
    url = request.build_absolute_uri(share.shared_path(campaign))
    response = HttpResponse(share.poster_pdf(campaign, url), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="sora-campaign-{pk}-poster.pdf"'
    return response


def _results(request, pk):
    campaign = access.get_managed_campaign(request.user, pk)
    shared = request.GET.get("version") == "shared"
    observations = access.result_observations(request.user, campaign)
    return results.build(campaign, observations, shared=shared)


@login_required
def campaign_results(request, pk):
    found = _results(request, pk)
    if not found.shared:
        record_event(
            action=AuditEvent.Action.VIEW_OBSERVATION,
            request=request,
            target=f"campaign:{found.campaign.pk}:results",
            organisation=found.campaign.owner,
        )
    return render(request, "campaigns/results.html", {"results": found})


@login_required
def results_export(request, pk, kind):
    if kind not in ("csv", "xlsx"):
        raise Http404
    found = _results(request, pk)
    if kind == "xlsx":
        content, count = exports.xlsx(found)
        response = HttpResponse(content, content_type=XLSX)
    else:
        out = io.StringIO()
        count = exports.write_csv(out, found)
        response = HttpResponse(out.getvalue(), content_type=CONTENT_TYPE)
    version = "shared" if found.shared else "analysts"
    response["Content-Disposition"] = (
        f'attachment; filename="sora-campaign-{pk}-results-{version}.{kind}"'
    )
    record_event(
        action=AuditEvent.Action.EXPORT,
        request=request,
        target=f"campaign:{pk}:results",
        organisation=found.campaign.owner,
        rows=count,
        format=kind,
        version=version,
    )
    return response
