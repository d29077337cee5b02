"""A forum's dialogue group recorded in one session: its scribe chooses the group, the
organisations, the team and the municipalities once, records the findings one after another,
and gets one receipt for them all."""

import uuid

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from lib import ratelimit
from reporting import access, services
from reporting.browser_drafts import browser_draft_for_forum
from reporting.forms import ForumSessionForm, ObservationForm, ReceiptEmailForm
from reporting.receipt_views import send_receipt_by_email
from reporting.views import initial_values


@never_cache
def forum_start(request, token):
    """The scribe chooses what the group's findings share, and the session begins."""
    campaign = access.get_forum_by_link(token)
    if not campaign.is_open_now():
        return render(request, "reporting/campaign_closed.html", {"campaign": campaign}, status=410)
    organisations = access.organisations_for_link(campaign)
    data = request.POST if request.method == "POST" else None
    form = ForumSessionForm(data, campaign=campaign, organisations=organisations)
    if data is None:
        return _start_page(request, campaign, form)
    if not form.is_valid():
        return _start_page(request, campaign, form, status=400)
    if not _session_start_allowed(request):
        form.add_error(
            None,
            _(
                "Too many sessions have been started from this address within an hour. "
                "Try again later."
            ),
        )
        return _start_page(request, campaign, form, status=429)
    session = services.start_forum_session(
        campaign=campaign, scribe=request.user, cleaned=form.cleaned_data
    )
    return redirect("reporting:forum_session", token=session.token)


@never_cache
def forum_session(request, token):
    """The scribe's page: what the findings share, the findings so far and a form for the
    next one. Each finding is saved once however often it is sent."""
    session = access.get_forum_session(request.user, token)
    if not session.takes_findings():
        return _session_page(request, session, None, status=410)
    options = {"campaign": session.campaign, "anonymous": session.scribe_id is None, "kept": True}
    if request.method != "POST":
        form = ObservationForm(initial=initial_values(None, session.campaign), **options)
        return _session_page(request, session, form)
    form = ObservationForm(request.POST, **options)
    if not _finding_allowed(session):
        form.is_valid()
        form.add_error(
            None,
            _(
                "Too many findings have been saved in this session or through this link within "
                "an hour. Your text is kept below: try again later."
            ),
        )
        return _session_page(request, session, form, status=429)
    if not form.is_valid():
        return _session_page(request, session, form, status=400)
    try:
        observation, _created = services.record_forum_finding(
            session=session,
            cleaned=form.cleaned_data,
            confirmations=form.confirmations(),
            answers=form.answers(),
        )
    except services.SubmissionKeyTaken:
        form.data = form.data.copy()
        form.data["submission_key"] = str(uuid.uuid4())
        form.add_error(
            None,
            _(
                "This form has already been sent with different content. Nothing new was "
                "saved. Your text is kept below: to save it as a new finding, send the form "
                "again."
            ),
        )
        return _session_page(request, session, form, status=409)
    messages.success(request, _("The finding was saved. Record the next one below."))
    return redirect(reverse("reporting:forum_session", args=[session.token]) + "?saved=1")


@never_cache
def forum_receipt(request, code):
    """One receipt for a session's findings: their number, kind and status, never their
    text, for anyone with the code."""
    session = access.get_forum_session_by_receipt(code)
    return _receipt_page(request, session, ReceiptEmailForm(user=request.user))


@never_cache
@sensitive_post_parameters("email")
@require_POST
def forum_email_receipt(request, code):
    session = access.get_forum_session_by_receipt(code)
    form = ReceiptEmailForm(request.POST, user=request.user)
    link = settings.SITE_URL + reverse("reporting:forum_receipt", args=[session.receipt_code])
    status = send_receipt_by_email(
        request, form, key=f"forum:{code}", code=session.receipt_display, link=link
    )
    if status:
        return _receipt_page(request, session, form, status=status)
    return redirect("reporting:forum_receipt", code=session.receipt_code)


# Helpers ------------------------------------------------------------------------------


def _start_page(request, campaign, form, *, status=200):
    context = {"campaign": campaign, "form": form}
    return render(request, "reporting/forum_start.html", context, status=status)


def _session_page(request, session, form, *, status=200):
    context = {
        "session": session,
        "campaign": session.campaign,
        "form": form,
        "findings": session.observations.order_by("submitted_at", "id"),
        "just_sent": request.GET.get("saved") == "1" and request.method != "POST",
        # The findings' words are the scribe's to check while recording; after that, the
        # token (in a shared computer's history) shows no more than the receipt.
        "show_text": form is not None,
    }
    if form is not None:
        context |= {
            "sections": form.sections(),
            "browser_draft": browser_draft_for_forum(request, session=session),
            "text_limit": settings.TEXT_MAX_CHARS,
        }
    return render(request, "reporting/forum_session.html", context, status=status)


def _receipt_page(request, session, email_form, *, status=200):
    context = {
        "session": session,
        "findings": session.observations.order_by("submitted_at", "id"),
        "email_form": email_form,
        "email_action": reverse("reporting:forum_email_receipt", args=[session.receipt_code]),
    }
    return render(request, "reporting/forum_receipt.html", context, status=status)


def _session_start_allowed(request) -> bool:
    return ratelimit.allow(
        f"forum:start:{ratelimit.client_ip(request)}",
        limit=settings.FORUM_SESSIONS_MAX_PER_IP,
        window=3600,
    )


def _finding_allowed(session) -> bool:
    """Limited per session and per link, not per address: a club's groups often share one
    network, and one group's scribe must not stop another's."""
    by_session = ratelimit.allow(
        f"forum:session:{session.pk}",
        limit=settings.FORUM_FINDINGS_MAX_PER_SESSION,
        window=3600,
    )
    by_link = ratelimit.allow(
        f"open:link:{session.campaign.link_token}",
        limit=settings.OPEN_LINK_MAX_PER_TOKEN,
        window=3600,
    )
    return by_session and by_link
