"""Reporters' pages: the observation form in every channel, receipts and follow-up."""

import uuid
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts import access as accounts_access
from accounts.audit import record_event
from accounts.browser import clear_browser_drafts
from accounts.forms import PasswordConfirmationForm
from accounts.models import AuditEvent, Organisation
from lib import ratelimit
from lib.i18n import current_language
from reporting import access, follow, rights, services
from reporting.browser_drafts import browser_draft_for
from reporting.forms import (
    ObservationForm,
    OpenLinkFields,
    OrganisationChoiceForm,
    SupplementForm,
    WithdrawForm,
)
from reporting.models import Channel, Observation
from sora.home import parts_for as home_parts

SIGNED_IN_EXTRAS = {"consent_to_contact"}


def home(request):
    """The public introduction; signed in, what waits for the person in each of their roles."""
    parts = home_parts(request.user) if request.user.is_authenticated else {}
    return render(request, "reporting/home.html", {"parts": parts})


@login_required
def new_observation(request):
    memberships = accounts_access.require_reporting_memberships(request.user)
    campaign = _campaign_from_query(request)
    if campaign is not None and not campaign.is_open_now():
        return render(request, "reporting/campaign_closed.html", {"campaign": campaign}, status=410)
    draft = _draft_from_query(request)
    organisations = Organisation.objects.filter(pk__in=[m.organisation_id for m in memberships])
    if request.method != "POST":
        form = ObservationForm(
            initial=initial_values(draft, campaign),
            campaign=campaign,
            channel_fields=SIGNED_IN_EXTRAS,
        )
        chooser = OrganisationChoiceForm(organisations=organisations)
        return _form_page(request, form, chooser, campaign=campaign, draft=draft)

    form = ObservationForm(request.POST, campaign=campaign, channel_fields=SIGNED_IN_EXTRAS)
    chooser = OrganisationChoiceForm(request.POST, organisations=organisations)
    if request.POST.get("action") == "save_draft":
        return _save_draft(request, form, chooser, campaign=campaign, draft=draft)
    if not (form.is_valid() and chooser.is_valid()):
        return _form_page(request, form, chooser, campaign=campaign, draft=draft, status=400)
    membership = next(
        m for m in memberships if m.organisation_id == chooser.cleaned_data["organisation"].pk
    )
    source = services.Source(
        channel=_channel(campaign, Channel.FORM),
        organisation=membership.organisation,
        profession=membership.profession,
        reporter=request.user,
        campaign=campaign,
    )
    return _submit(request, form, chooser, source, draft=draft)


def open_link(request, token):
    campaign = access.get_campaign_by_link(token)
    if not campaign.is_open_now():
        return render(request, "reporting/campaign_closed.html", {"campaign": campaign}, status=410)
    organisations = access.organisations_for_link(campaign)
    if request.method != "POST":
        form = ObservationForm(
            initial=initial_values(None, campaign), campaign=campaign, anonymous=True
        )
        chooser = OpenLinkFields(organisations=organisations)
        return _form_page(request, form, chooser, campaign=campaign, open_link=True)

    form = ObservationForm(request.POST, campaign=campaign, anonymous=True)
    chooser = OpenLinkFields(request.POST, organisations=organisations)
    if not _open_link_allowed(request, token):
        form.is_valid()
        form.add_error(
            None,
            _(
                "Too many observations have been sent from this address or through this link "
                "within an hour. Your text is kept below: try again later."
            ),
        )
        return _form_page(request, form, chooser, campaign=campaign, open_link=True, status=429)
    if not (form.is_valid() and chooser.is_valid()):
        return _form_page(request, form, chooser, campaign=campaign, open_link=True, status=400)
    source = services.Source(
        channel=_channel(campaign, Channel.OPEN_LINK),
        organisation=chooser.cleaned_data["organisation"],
        profession=chooser.cleaned_data.get("profession"),
        campaign=campaign,
    )
    return _submit(request, form, chooser, source, open_link=True)


# Anyone with the receipt code may open this; no cache may keep it for anyone else.
@never_cache
def follow_up(request, code=None):
    if code is None:
        code = request.GET.get("code")
        if code is None:
            return render(request, "reporting/follow_up_lookup.html", {})
        normalised = "".join(ch for ch in code.upper() if ch.isalnum())
        if not _lookup_allowed(request):
            error = _("Too many codes were tried from this address. Try again in an hour.")
            return _lookup_page(request, code, error, status=429)
        if not Observation.objects.filter(receipt_code=normalised).exists():
            error = _("No observation has this receipt code. Check the code and try again.")
            return _lookup_page(request, code, error, status=404)
        return redirect("reporting:follow_up", code=normalised)
    observation = observation_by_code(code)
    return render(request, "reporting/follow_up.html", {"observation": observation})


@login_required
def my_observations(request):
    """The reporter's follow-up: drafts first, then every sent observation with its status
    and what became of it, news only or all, in the order they choose, a page at a time."""
    sort = request.GET.get("sort")
    sort = sort if sort in follow.Sort.CHOICES else follow.Sort.NEWEST
    news_only = request.GET.get("news") == "1"
    observations = (
        access.observations_reported_by(request.user)
        .select_related("campaign")
        .prefetch_related("supplements")
    )
    rows = follow.followed(observations)
    shown = follow.arrange(rows, sort=sort, news_only=news_only)
    record_event(action=AuditEvent.Action.VIEW_OBSERVATION, request=request, target="own list")
    context = {
        "page": follow.page_of(shown, request.GET.get("page")),
        "total": len(rows),
        "with_news": sum(row.has_news for row in rows),
        "sort": sort,
        "sorts": [
            (follow.Sort.NEWEST, _("Newest first")),
            (follow.Sort.OLDEST, _("Oldest first")),
            (follow.Sort.NEWS, _("Latest news first")),
        ],
        "news_only": news_only,
        "query": urlencode({"sort": sort} | ({"news": "1"} if news_only else {})),
        "drafts": request.user.drafts.select_related("campaign"),
    }
    return render(request, "reporting/my_observations.html", context)


@login_required
@require_POST
def mark_all_read(request):
    services.mark_all_read(user=request.user)
    messages.success(request, _("All news of your observations is marked as read."))
    return redirect("reporting:my_observations")


@login_required
def observation_detail(request, pk):
    observation = access.get_observation_for_user(request.user, pk)
    # A reporter reading their own observation is recorded without saying which one: the log
    # is read by administrators, and an id beside a name would tell them who wrote it.
    own = observation.reporter_id == request.user.pk
    record_event(
        action=AuditEvent.Action.VIEW_OBSERVATION,
        request=request,
        target="own observation" if own else f"observation:{observation.pk}",
    )
    context = {"observation": observation, "own": own}
    if own:
        context["followed"] = follow.followed([observation])[0]
        services.mark_read(observation=observation)
    return render(request, "reporting/observation_detail.html", context)


@login_required
def add_supplement(request, pk):
    """The reporter adds a dated supplement to their sent observation."""
    observation = access.get_own_observation(request.user, pk)
    refused = _not_changeable(request, observation)
    if refused:
        return refused
    if request.method != "POST":
        record_event(
            action=AuditEvent.Action.VIEW_OBSERVATION, request=request, target="own observation"
        )
        form = SupplementForm(initial={"creation_key": uuid.uuid4()})
        return _supplement_page(request, observation, form)
    form = SupplementForm(request.POST)
    if not form.is_valid():
        return _supplement_page(request, observation, form, status=400)
    try:
        services.add_supplement(
            observation=observation,
            text=form.cleaned_data["text"],
            language=current_language(),
            confirmations=form.confirmations(),
            creation_key=form.cleaned_data["creation_key"],
        )
    except services.SubmissionKeyTaken:
        form.data = form.data.copy()
        form.data["creation_key"] = str(uuid.uuid4())
        form.add_error(None, _("This form was already used. Your text is kept: send it again."))
        return _supplement_page(request, observation, form, status=409)
    messages.success(request, _("Your supplement was added to the observation."))
    return redirect("reporting:observation_detail", pk=observation.pk)


@login_required
def withdraw_observation(request, pk):
    """The reporter withdraws their sent observation, with a reason if they like."""
    observation = access.get_own_observation(request.user, pk)
    refused = _not_changeable(request, observation)
    if refused:
        return refused
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if not form.is_bound:
        record_event(
            action=AuditEvent.Action.VIEW_OBSERVATION, request=request, target="own observation"
        )
    if not form.is_bound or not form.is_valid():
        return _withdraw_page(request, observation, form, status=400 if form.is_bound else 200)
    try:
        services.withdraw_observation(
            observation=observation,
            reason=form.cleaned_data["reason"],
            confirmations=form.confirmations(),
        )
    except services.AlreadyWithdrawn:
        messages.info(request, _("This observation has already been withdrawn."))
    else:
        messages.success(request, _("Your observation was withdrawn."))
    return redirect("reporting:observation_detail", pk=observation.pk)


@login_required
@require_POST
def delete_draft(request, pk):
    access.get_draft_for_user(request.user, pk).delete()
    messages.success(request, _("The draft was deleted."))
    return redirect("reporting:my_observations")


@login_required
def my_data(request):
    """The person's own data as a JSON download."""
    data = rights.personal_data(user=request.user)
    record_event(
        action=AuditEvent.Action.EXPORT,
        request=request,
        target="own data",
        observations=len(data["observations"]),
    )
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = 'attachment; filename="sora-my-data.json"'
    return response


@login_required
def delete_account(request):
    """Deleting one's own account, after reading what happens and typing the password."""
    data = request.POST if request.method == "POST" else None
    form = PasswordConfirmationForm(data, user=request.user)
    if form.is_bound and form.is_valid():
        rights.delete_account(user=request.user, request=request)
        return clear_browser_drafts(
            request,
            redirect("reporting:home"),
            message=_("Your account was deleted. Your observations stay without your name."),
        )
    status = 400 if form.is_bound else 200
    return render(request, "reporting/delete_account.html", {"form": form}, status=status)


def csrf_failure(request, reason=""):
    """An expired or missing security token: say so calmly and hand the text back."""
    kept = [(name, request.POST.get(name)) for name in ("text", "suggestion")]
    return render(request, "csrf_failure.html", {"kept": [k for k in kept if k[1]]}, status=403)


# Helpers ------------------------------------------------------------------------------


def _campaign_from_query(request):
    raw = request.GET.get("campaign")
    if raw is None:
        return None
    if not raw.isdigit():
        raise Http404
    return access.get_campaign_for_user(request.user, int(raw))


def _draft_from_query(request):
    raw = request.GET.get("draft")
    if raw is None:
        return None
    if not raw.isdigit():
        raise Http404
    return access.get_draft_for_user(request.user, int(raw))


def initial_values(draft, campaign=None) -> dict:
    """A new key; then the draft's own values, or else the campaign's chosen defaults."""
    initial = {"submission_key": uuid.uuid4()}
    if draft is not None:
        for key, values in draft.data.items():
            if key != "submission_key":
                initial[key] = values if len(values) != 1 else values[0]
    elif campaign is not None:
        initial.update(services.campaign_defaults(campaign))
    return initial


def _channel(campaign, default: str) -> str:
    if campaign is not None and campaign.kind == campaign.Kind.FORUM:
        return Channel.FORUM
    return default


def _submit(request, form, chooser, source, *, draft=None, open_link=False):
    try:
        observation, _created = services.submit_observation(
            source=source,
            cleaned=form.cleaned_data,
            submission_key=form.cleaned_data["submission_key"],
            confirmations=form.confirmations(),
            answers=form.answers(),
            draft=draft,
        )
    except services.SubmissionKeyTaken:
        # Someone else's key, or this form sent before with other content: no receipt but
        # the sender's own. A fresh key lets the text kept on the page be sent as new.
        form.data = form.data.copy()
        form.data[form.add_prefix("submission_key")] = str(uuid.uuid4())
        form.add_error(
            None,
            _(
                "This form has already been sent with different content. Nothing new was "
                "saved. Your text is kept below: to save it as a new observation, send the "
                "form again."
            ),
        )
        page = {"campaign": source.campaign, "draft": draft, "open_link": open_link}
        return _form_page(request, form, chooser, status=409, **page)
    return redirect("reporting:receipt", code=observation.receipt_code)


def _save_draft(request, form, chooser, *, campaign, draft):
    kept = form.as_draft()
    if kept is None:
        return _form_page(request, form, chooser, campaign=campaign, draft=draft, status=400)
    values, language = kept
    services.save_draft(
        user=request.user,
        campaign=campaign,
        values=values,
        language=language,
        confirmations=form.confirmations(),
        draft=draft,
    )
    messages.success(request, _("Your draft was saved. You can continue it from My observations."))
    return redirect("reporting:my_observations")


def _form_page(request, form, chooser, *, campaign, draft=None, open_link=False, status=200):
    return render(
        request,
        "reporting/observation_form.html",
        {
            "form": form,
            "chooser": chooser,
            "campaign": campaign,
            "draft": draft,
            "open_link": open_link,
            "browser_draft": browser_draft_for(request, campaign=campaign, open_link=open_link),
            "guard_panels": form.guard_panels() if form.is_bound else [],
            "sections": form.sections(chooser),
            "text_limit": settings.TEXT_MAX_CHARS,
        },
        status=status,
    )


def _not_changeable(request, observation):
    """Withdrawn or erased, an observation takes no supplement and no second withdrawal."""
    if observation.is_withdrawn:
        messages.info(request, _("This observation has already been withdrawn."))
    elif observation.text_erased_at is not None:
        messages.info(
            request, _("The text of this observation has been erased: it can no longer be changed.")
        )
    else:
        return None
    return redirect("reporting:observation_detail", pk=observation.pk)


def _supplement_page(request, observation, form, *, status=200):
    context = {"observation": observation, "form": form}
    return render(request, "reporting/supplement.html", context, status=status)


def _withdraw_page(request, observation, form, *, status=200):
    context = {"observation": observation, "form": form}
    return render(request, "reporting/withdraw.html", context, status=status)


def _open_link_allowed(request, token) -> bool:
    by_ip = ratelimit.allow(
        f"open:ip:{ratelimit.client_ip(request)}",
        limit=settings.OPEN_LINK_MAX_PER_IP,
        window=3600,
    )
    by_link = ratelimit.allow(
        f"open:link:{token}", limit=settings.OPEN_LINK_MAX_PER_TOKEN, window=3600
    )
    return by_ip and by_link


def _lookup_allowed(request) -> bool:
    return ratelimit.allow(f"lookup:{ratelimit.client_ip(request)}", limit=60, window=3600)


def _lookup_page(request, code, error, *, status):
    context = {"error": error, "code": code}
    return render(request, "reporting/follow_up_lookup.html", context, status=status)


def observation_by_code(code: str) -> Observation:
    observation = (
        Observation.objects.filter(receipt_code=code)
        .select_related("campaign", "organisation")
        .first()
    )
    if observation is None:
        raise Http404
    return observation
