"""Phenomena: create, describe, merge, and manage their observations."""

import uuid
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts import access as accounts_access
from analysis import access, inbox, indicators, services
from analysis.forms import MergeForm, PhenomenonForm, PhenomenonSearchForm
from analysis.models import PhenomenonLink
from analysis.signal_links import LinkedSignal
from reporting import access as reporting_access
from reporting.models import Observation, Theme


@login_required
def phenomenon_list(request):
    phenomena = access.with_sizes(request.user, access.phenomena_for_analyst(request.user).active())
    return render(request, "analysis/phenomenon_list.html", {"phenomena": phenomena})


@login_required
def phenomenon_create(request):
    """A new phenomenon; one started from an early signal (``signal_phenomenon``) takes the
    signal's observations that are in no phenomenon of the organisation yet."""
    organisation = accounts_access.analysis_organisation(request.user)
    if request.method != "POST":
        started_from = _started_from(request, request.GET.get("observation"))
        initial = {"creation_key": uuid.uuid4(), "observation": getattr(started_from, "pk", None)}
        form = PhenomenonForm(initial=initial, organisation=organisation)
        return _form_page(request, form, started_from=started_from)
    form = PhenomenonForm(request.POST, organisation=organisation)
    signal = _signal(request, form["signal"].value())
    started_from = None if signal else _started_from(request, form["observation"].value())
    if not form.is_valid():
        return _form_page(request, form, signal=signal, started_from=started_from, status=400)
    if started_from is not None:
        taken = Observation.objects.filter(pk=started_from.pk)
        how = PhenomenonLink.How.MANUAL
    else:
        taken, how = _taken(request, organisation, signal), PhenomenonLink.How.SIGNAL
    phenomenon = services.create_phenomenon(
        organisation=organisation,
        name=form.cleaned_data["name"],
        description=form.cleaned_data["description"],
        author=request.user,
        confirmations=form.confirmations(),
        creation_key=form.cleaned_data["creation_key"] or uuid.uuid4(),
        observations=taken,
        how=how,
    )
    return redirect("analysis:phenomenon", pk=phenomenon.pk)


def _started_from(request, value) -> Observation | None:
    """The observation a new phenomenon is started from, if any: one the person may analyse
    (404 for any other); a value that is no number is ignored."""
    try:
        pk = int(value or 0)
    except (TypeError, ValueError):
        return None
    if pk <= 0:
        return None
    return reporting_access.get_observation_for_analyst(request.user, pk)


@login_required
@require_POST
def signal_phenomenon(request):
    """The new-phenomenon page prefilled from an early signal of the dashboard: a name
    proposal and the signal's evidence. Saving it is ``phenomenon_create``'s work."""
    organisation = accounts_access.analysis_organisation(request.user)
    signal = _signal(request, request.POST.get("signal", ""))
    if signal is None or not signal.is_theme:
        raise Http404
    initial = {
        "creation_key": uuid.uuid4(),
        "signal": signal.token,
        "name": signal.name_proposal(),
        "description": signal.reference_text(),
    }
    form = PhenomenonForm(initial=initial, organisation=organisation)
    return _form_page(request, form, signal=signal)


@login_required
def phenomenon_edit(request, pk):
    phenomenon = access.get_phenomenon_for_user(request.user, pk)
    form = PhenomenonForm(
        request.POST or None, instance=phenomenon, organisation=phenomenon.organisation
    )
    if request.method == "POST":
        if form.is_valid():
            services.update_phenomenon(
                phenomenon=phenomenon,
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                confirmations=form.confirmations(),
            )
            return redirect("analysis:phenomenon", pk=phenomenon.pk)
        return _form_page(request, form, phenomenon=phenomenon, status=400)
    return _form_page(request, form, phenomenon=phenomenon)


@login_required
def phenomenon_detail(request, pk):
    phenomenon = access.get_phenomenon_for_user(request.user, pk)
    others = access.phenomena_for_analyst(request.user).active()
    links = access.links_of_phenomenon(request.user, phenomenon)
    themes = Theme.objects.filter(observations__phenomenon_links__in=links)
    links = links.select_related("observation").order_by("-observation__submitted_at")
    search = PhenomenonSearchForm(request.GET if "q" in request.GET else None)
    return render(
        request,
        "analysis/phenomenon_detail.html",
        {
            "phenomenon": phenomenon,
            "links": links,
            "search": search,
            "found": _found(request, phenomenon, search),
            "indicators": indicators.latest_for_themes(themes.distinct()),
            "merge_form": MergeForm(phenomena=others.exclude(pk=phenomenon.pk)),
        },
    )


SEARCH_LIMIT = 50


def _found(request, phenomenon, search: PhenomenonSearchForm) -> list[Observation]:
    """Observations of the person's scope found with the inbox's search, not yet linked to
    the phenomenon; the newest first, at most ``SEARCH_LIMIT``."""
    if not search.is_bound or not search.is_valid() or not search.cleaned_data["q"].strip():
        return []
    observations = reporting_access.observations_for_analyst(request.user).exclude(
        phenomenon_links__phenomenon=phenomenon
    )
    found = inbox.apply_filters(observations, {"q": search.cleaned_data["q"]})
    return list(found[:SEARCH_LIMIT])


@login_required
@require_POST
def phenomenon_add(request, pk):
    """Link the ticked observations to the phenomenon; every one resolved in the person's
    scope (a number outside it refuses all with 404). Sending it again links nothing more."""
    phenomenon = access.get_phenomenon_for_user(request.user, pk)
    ids = set()
    for value in request.POST.getlist("observations"):
        try:
            ids.add(int(value))
        except ValueError:
            raise Http404 from None
    if not ids:
        messages.error(request, _("Tick at least one observation to add."))
        return redirect(_back_to_search(phenomenon, request.POST.get("q", "")))
    found = list(reporting_access.observations_for_analyst(request.user).filter(pk__in=ids))
    if len(found) != len(ids):
        raise Http404
    services.link_observations(
        phenomenon=phenomenon, observations=found, by=request.user, how=PhenomenonLink.How.MANUAL
    )
    messages.success(
        request,
        ngettext(
            "%(count)s observation is in the phenomenon.",
            "%(count)s observations are in the phenomenon.",
            len(found),
        )
        % {"count": len(found)},
    )
    return redirect("analysis:phenomenon", pk=phenomenon.pk)


def _back_to_search(phenomenon, q: str) -> str:
    return f"{reverse('analysis:phenomenon', args=[phenomenon.pk])}?{urlencode({'q': q[:200]})}"


@login_required
@require_POST
def phenomenon_unlink(request, pk, observation_pk):
    phenomenon = access.get_phenomenon_for_user(request.user, pk)
    observation = reporting_access.get_observation_for_analyst(request.user, observation_pk)
    services.unlink_observation(phenomenon=phenomenon, observation=observation)
    messages.success(request, _("The observation was removed from the phenomenon."))
    return redirect("analysis:phenomenon", pk=phenomenon.pk)


@login_required
@require_POST
def phenomenon_merge(request, pk):
    phenomenon = access.get_phenomenon_for_user(request.user, pk)
    others = access.phenomena_for_analyst(request.user).active()
    form = MergeForm(request.POST, phenomena=others.exclude(pk=phenomenon.pk))
    if not form.is_valid():
        messages.error(request, _("Choose the phenomenon to merge into."))
        return redirect("analysis:phenomenon", pk=phenomenon.pk)
    target = services.merge_phenomena(
        source=phenomenon, target=form.cleaned_data["target"], by=request.user
    )
    messages.success(request, _("The phenomena were merged."))
    return redirect("analysis:phenomenon", pk=target.pk)


def _signal(request, token: str | None) -> LinkedSignal | None:
    """The signal a new phenomenon starts from, if any; 404 for a token that names none."""
    if not token:
        return None
    return access.get_signal_for_analyst(request.user, token)


def _taken(request, organisation, signal: LinkedSignal | None):
    if signal is None:
        return Observation.objects.none()
    return access.unlinked_signal_observations(request.user, organisation, signal)


def _form_page(request, form, *, phenomenon=None, signal=None, started_from=None, status=200):
    context = {
        "form": form,
        "phenomenon": phenomenon,
        "started_from": started_from,
        "guard_panels": form.guard_panels() if form.is_bound else [],
    }
    if signal is not None:
        organisation = accounts_access.analysis_organisation(request.user)
        context |= {
            "signal": signal,
            "taken": _taken(request, organisation, signal).count(),
        }
    return render(request, "analysis/phenomenon_form.html", context, status=status)
