"""The analyst's inbox and the observation page with triage, codes, memos and links."""

import hashlib
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import access as accounts_access
from accounts.audit import record_event
from accounts.models import AuditEvent
from analysis import access, inbox, redaction, services, similar
from analysis.forms import (
    AssignForm,
    BulkActionForm,
    InboxFilterForm,
    LinkForm,
    MemoForm,
    RedactForm,
    TriageForm,
)
from analysis.models import InboxPreference
from privacy.enforcement import findings_in
from privacy.stored import ALL_LANGUAGES
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


# The inbox opens on new observations until the person has chosen filters of their own.
DEFAULT_FILTERS = {"status": "new"}


def list_form(request, query: str | None = None) -> InboxFilterForm:
    """The filters of the person's list: those of the URL (or of ``query``, a list's query
    string sent with a form), else the ones they used last, else new observations."""
    data = request.GET if query is None else QueryDict(query)
    phenomena = access.phenomena_for_analyst(request.user).active()
    if not any(name in data for name in InboxFilterForm.base_fields):
        data = QueryDict(urlencode(_stored_filters(request.user) or DEFAULT_FILTERS))
    return InboxFilterForm(data, phenomena=phenomena)


def list_query(form: InboxFilterForm) -> str:
    """The list's filters as a query string, to carry from page to page."""
    if form.is_valid():
        return urlencode(inbox.serialise(form.cleaned_data))
    query = form.data.copy()
    query.pop("page", None)
    return query.urlencode()


def filtered(request, form: InboxFilterForm):
    """The observations of the person's scope that match the list's filters (all of them
    when a filter is invalid: the form then says what to fix)."""
    filters = form.cleaned_data if form.is_valid() else {}
    return inbox.apply_filters(
        reporting_access.observations_for_analyst(request.user), filters, user=request.user
    )


def _stored_filters(user) -> dict | None:
    return InboxPreference.objects.filter(user=user).values_list("filters", flat=True).first()


def _remember(request, form: InboxFilterForm) -> None:
    """Keep the filters chosen in the URL for the person's next visit (validated values
    only; invalid filters are not kept)."""
    if not any(name in request.GET for name in InboxFilterForm.base_fields):
        return
    if not form.is_valid():
        return
    values = inbox.serialise(form.cleaned_data)
    if findings_in(values.get("q", ""), ALL_LANGUAGES):
        values.pop("q")  # a name or an identity code searched for is never stored
    if values != _stored_filters(request.user):
        InboxPreference.objects.update_or_create(user=request.user, defaults={"filters": values})


@login_required
def inbox_view(request):
    form = list_form(request)
    _remember(request, form)
    return inbox_page(request, form)


def inbox_page(request, form: InboxFilterForm, *, bulk_form=None, status=200):
    observations = filtered(request, form).select_related(
        "organisation__type", "campaign", "assignment__assignee"
    )
    page = CappedPaginator(observations, PAGE_SIZE).get_page(request.GET.get("page"))
    query = list_query(form)
    colleagues = access.colleagues_of(request.user)
    colleague_ids = set(colleagues.values_list("pk", flat=True))
    page.object_list = list(page.object_list)
    for observation in page.object_list:
        observation.assignee_label = access.assignee_label(
            getattr(observation, "assignment", None), colleague_ids
        )
    phenomena = access.phenomena_for_analyst(request.user).active()
    bulk_form = bulk_form or BulkActionForm(
        initial={"filters": query}, phenomena=phenomena, colleagues=colleagues
    )
    selected = set(bulk_form.selected_ids()) if bulk_form.is_bound else set()
    return render(
        request,
        "analysis/inbox.html",
        {
            "form": form,
            "more_filters": _more_filters(form),
            "page": page,
            "query": query,
            "bulk_form": bulk_form,
            "selected": selected,
        },
        status=status,
    )


def _more_filters(form: InboxFilterForm) -> bool:
    """Whether the list uses filters beyond the search and the status: they are shown open."""
    if not form.is_valid():
        return True
    return any(v for k, v in form.cleaned_data.items() if k not in ("q", "status", "sort"))


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
    if request.POST.get("then") == "next":
        return _next(request, observation)
    messages.success(request, _("The status and codes were saved."))
    return redirect("analysis:observation", pk=observation.pk)


def _next(request, observation):
    """Open the observation after this one in the list the person came from (its filters
    travel in the URL), or the list itself at its end."""
    form = list_form(request)
    query = list_query(form)
    sort = form.cleaned_data.get("sort") if form.is_valid() else ""
    following = inbox.next_after(filtered(request, form), observation, sort)
    if following is None:
        messages.success(
            request,
            _(
                "The status and codes were saved. That was the last observation of the list: "
                "none is left after it."
            ),
        )
        return redirect(f"{reverse('analysis:inbox')}?{query}")
    messages.success(request, _("The status and codes were saved. Here is the next observation."))
    return redirect(f"{reverse('analysis:observation', args=[following.pk])}?{query}")


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
    assignment = getattr(observation, "assignment", None)
    colleagues = access.colleagues_of(request.user)
    colleague_ids = set(colleagues.values_list("pk", flat=True))
    context = {
        "observation": observation,
        "list_query": list_query(list_form(request)),
        "assignment": assignment,
        "assignee": access.assignee_label(assignment, colleague_ids),
        "assign_form": forms.get("assign_form")
        or AssignForm(
            initial={"assignee": getattr(assignment, "assignee_id", None)},
            colleagues=colleagues,
        ),
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
