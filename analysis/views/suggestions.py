"""Suggested phenomena: the background run, its progress, and accepting what it found."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import access as accounts_access
from analysis import access, suggestion_runs
from analysis.forms import GroupAcceptForm
from analysis.models import AssignmentSuggestion, DiscoveredGroup, SuggestionRun

SHOWN_ASSIGNMENTS = 50


@login_required
def suggestions_view(request):
    organisation = accounts_access.analysis_organisation(request.user)
    latest = SuggestionRun.objects.filter(organisation=organisation).first()
    done = suggestion_runs.latest_done(organisation)
    groups = done.groups.filter(accepted=False).prefetch_related("observations") if done else []
    phenomena = access.phenomena_for_analyst(request.user).active()
    context = {
        "latest": latest,
        "done": done,
        "working": latest is not None and latest.state in ("queued", "running"),
        "groups": [(g, GroupAcceptForm(group=g, phenomena=phenomena)) for g in groups],
        "assignments": _assignments(done),
    }
    return render(request, "analysis/suggestions.html", context)


@login_required
@require_POST
def suggestions_refresh(request):
    organisation = accounts_access.analysis_organisation(request.user)
    suggestion_runs.start_run(
        organisation=organisation,
        scope=accounts_access.analysis_scope(request.user),
        user=request.user,
    )
    messages.success(request, _("Suggestions are being computed. This page updates itself."))
    return redirect("analysis:suggestions")


@login_required
@require_POST
def group_accept(request, pk):
    organisation = accounts_access.analysis_organisation(request.user)
    group = DiscoveredGroup.objects.filter(pk=pk, run__organisation=organisation).first()
    if group is None:
        raise Http404
    form = GroupAcceptForm(
        request.POST, group=group, phenomena=access.phenomena_for_analyst(request.user).active()
    )
    if not form.is_valid():
        return render(
            request, "analysis/group_accept.html", {"group": group, "form": form}, status=400
        )
    members = group.observations.filter(pk__in=form.cleaned_data["members"])
    phenomenon = suggestion_runs.accept_group(
        group=group,
        observations=list(members),
        phenomenon=form.cleaned_data.get("phenomenon"),
        name=form.cleaned_data.get("name", "").strip(),
        user=request.user,
    )
    messages.success(request, _("The group was added to the phenomenon."))
    return redirect("analysis:phenomenon", pk=phenomenon.pk)


def _assignments(run) -> list:
    """Suggestions grouped per observation, for observations still linked to nothing."""
    if run is None:
        return []
    rows = (
        AssignmentSuggestion.objects.filter(run=run)
        .exclude(observation__phenomenon_links__phenomenon__status="active")
        .select_related("observation", "phenomenon")
    )
    grouped: dict[int, tuple] = {}
    for row in rows:
        grouped.setdefault(row.observation_id, (row.observation, []))[1].append(row.phenomenon)
        if len(grouped) > SHOWN_ASSIGNMENTS:
            break
    return list(grouped.values())[:SHOWN_ASSIGNMENTS]


def suggestions_for(observation, organisation) -> list:
    """The latest run's suggested phenomena for one observation, best first."""
    run = suggestion_runs.latest_done(organisation)
    if run is None:
        return []
    rows = AssignmentSuggestion.objects.filter(run=run, observation=observation)
    return [row.phenomenon for row in rows.select_related("phenomenon")]
