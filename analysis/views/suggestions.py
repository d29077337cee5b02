"""Suggested phenomena: the background run, its progress, and accepting what it found."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import access as accounts_access
from analysis import access, suggestion_runs
from analysis.forms import GroupAcceptForm
from analysis.models import SuggestionRun
from lib.progress import progress_reply, wants_progress

SHOWN_ASSIGNMENTS = 50


@login_required
def suggestions_view(request):
    organisation = accounts_access.analysis_organisation(request.user)
    latest = SuggestionRun.objects.filter(organisation=organisation).first()
    working = latest is not None and latest.state in ("queued", "running")
    if wants_progress(request):
        failed = latest is not None and latest.state == "failed"
        return progress_reply(working=working, progress=latest and latest.progress, failed=failed)
    done = suggestion_runs.latest_done(organisation)
    groups = access.suggested_groups(request.user, done).prefetch_related("observations")
    phenomena = access.phenomena_for_analyst(request.user).active()
    context = {
        "latest": latest,
        "done": done,
        "working": working,
        "groups": [(g, GroupAcceptForm(group=g, phenomena=phenomena)) for g in groups],
        "assignments": _assignments(request.user, done),
        "phenomena": list(phenomena.order_by("name").only("pk", "name")),
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
    group = access.get_group_for_analyst(request.user, organisation, pk)
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


def _assignments(user, run) -> list:
    """Scored suggestions grouped per observation, for observations still linked to nothing."""
    grouped: dict[int, tuple] = {}
    for row in access.suggested_assignments(user, run):
        grouped.setdefault(row.observation_id, (row.observation, []))[1].append(row)
        if len(grouped) > SHOWN_ASSIGNMENTS:
            break
    return list(grouped.values())[:SHOWN_ASSIGNMENTS]
