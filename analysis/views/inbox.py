"""The analyst's inbox and the observation page with triage, codes, memos and links."""

import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import access as accounts_access
from accounts.audit import record_event
from accounts.models import AuditEvent
from analysis import access, inbox, redaction, services, similar
from analysis.forms import InboxFilterForm, LinkForm, MemoForm, RedactForm, TriageForm
from reporting import access as reporting_access

PAGE_SIZE = 50


class CappedPaginator(Paginator):
    """Counts matches only up to a cap: an exact count of tens of thousands of matches costs
    more than the page itself, and nobody pages that far; they narrow the filters.

    The count is kept for a short while, so that moving to the next page, or back from an
    observation, does not count again; the rows of the page are always read afresh."""

    CAP = 1000
    COUNT_SECONDS = 120

    @cached_property
    def count(self) -> int:
        capped = self.object_list.order_by()[: self.CAP + 1]
        key = "inbox-count:" + hashlib.sha256(str(capped.query).encode()).hexdigest()
        found = cache.get(key)
        if found is None:
            found = capped.count()
            cache.set(key, found, self.COUNT_SECONDS)
        return found

    @property
    def capped(self) -> bool:
        return self.count > self.CAP


@login_required
def inbox_view(request):
    observations = reporting_access.observations_for_analyst(request.user)
    form = InboxFilterForm(
        request.GET or None, phenomena=access.phenomena_for_analyst(request.user).active()
    )
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    observations = inbox.apply_filters(observations, filters).select_related(
        "organisation__type", "campaign"
    )
    page = CappedPaginator(observations, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "analysis/inbox.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@login_required
def observation_view(request, pk):
    observation = _observation(request, pk)
    record_event(
        action=AuditEvent.Action.VIEW_OBSERVATION,
        request=request,
        target=f"observation:{observation.pk}",
    )
    return _observation_page(request, observation)


@login_required
@require_POST
def triage(request, pk):
    observation = _observation(request, pk)
    form = TriageForm(request.POST)
    if not form.is_valid():
        return _observation_page(request, observation, triage_form=form, status=400)
    services.set_triage(
        observation=observation,
        status=form.cleaned_data["status"],
        themes=form.cleaned_data["themes"],
    )
    messages.success(request, _("The status and codes were saved."))
    return redirect("analysis:observation", pk=observation.pk)


@login_required
@require_POST
def add_memo(request, pk):
    observation = _observation(request, pk)
    form = MemoForm(request.POST)
    if not form.is_valid():
        return _observation_page(request, observation, memo_form=form, status=400)
    services.add_memo(
        observation=observation,
        author=request.user,
        organisation=access.memo_organisation(request.user, observation),
        text=form.cleaned_data["text"],
        confirmations=form.confirmations(),
    )
    messages.success(request, _("The memo was saved."))
    return redirect("analysis:observation", pk=observation.pk)


@login_required
@require_POST
def link(request, pk):
    observation = _observation(request, pk)
    form = LinkForm(request.POST, phenomena=access.phenomena_for_analyst(request.user).active())
    if not form.is_valid():
        return _observation_page(request, observation, link_form=form, status=400)
    services.link_observation(
        phenomenon=form.cleaned_data["phenomenon"], observation=observation, by=request.user
    )
    messages.success(request, _("The observation was linked to the phenomenon."))
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect("analysis:observation", pk=observation.pk)


@login_required
@require_POST
def redact(request, pk):
    """Replace words of the observation's texts, answers or memos with a placeholder, in
    every copy Sora keeps of them."""
    observation = _observation(request, pk)
    texts = redaction.stored_texts(observation, access.memos_for(request.user, observation))
    form = RedactForm(request.POST, texts=texts)
    if not form.is_valid():
        return _observation_page(request, observation, redact_form=form, status=400)
    services.redact_text(
        observation=observation,
        stored=form.cleaned_data["stored"],
        words=form.cleaned_data["words"],
        kind=form.cleaned_data["kind"],
        by=request.user,
    )
    messages.success(request, _("The words were redacted here and in every copy of the text."))
    return redirect("analysis:observation", pk=observation.pk)


def _observation(request, pk):
    return reporting_access.get_observation_for_analyst(request.user, pk)


def _observation_page(request, observation, *, status=200, **forms):
    phenomena = access.phenomena_for_analyst(request.user).active()
    memos = access.memos_for(request.user, observation)
    texts = redaction.stored_texts(observation, memos)
    links = access.links_of_observation(request.user, observation).select_related("phenomenon")
    computed, suggested = (
        (False, []) if links.exists() else access.suggestions_for(request.user, observation)
    )
    context = {
        "observation": observation,
        "reporter_name": _reporter_name(observation),
        "triage_form": forms.get("triage_form")
        or TriageForm(
            initial={"status": observation.status, "themes": list(observation.themes.all())}
        ),
        "memo_form": forms.get("memo_form") or MemoForm(),
        "link_form": forms.get("link_form") or LinkForm(phenomena=phenomena),
        "redact_form": forms.get("redact_form") or RedactForm(texts=texts),
        "redaction_candidates": redaction.candidates(observation, texts),
        "memos": memos,
        "links": links,
        "similar": _similar(request, observation),
        "suggested": suggested,
        "suggestions_computed": computed,
    }
    return render(request, "analysis/observation.html", context, status=status)


def _similar(request, observation) -> list:
    pairs = similar.similar_ids(observation.pk, accounts_access.analysis_scope(request.user))
    found = reporting_access.observations_for_analyst(request.user).in_bulk([pk for pk, _ in pairs])
    return [(found[pk], score) for pk, score in pairs if pk in found]


def _reporter_name(observation) -> str:
    """Reporters stay pseudonymous unless they agreed to be contacted."""
    reporter = observation.reporter
    if reporter is None or not observation.consent_to_contact:
        return ""
    return reporter.get_full_name() or reporter.get_username()
