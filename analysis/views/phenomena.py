"""Phenomena: create, describe, merge, and manage their observations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import access as accounts_access
from analysis import access, indicators, services
from analysis.forms import MergeForm, PhenomenonForm
from reporting import access as reporting_access
from reporting.models import Theme


@login_required
def phenomenon_list(request):
    phenomena = access.with_sizes(request.user, access.phenomena_for_analyst(request.user).active())
    return render(request, "analysis/phenomenon_list.html", {"phenomena": phenomena})


@login_required
def phenomenon_create(request):
    organisation = accounts_access.analysis_organisation(request.user)
    form = PhenomenonForm(request.POST or None, organisation=organisation)
    if request.method == "POST":
        if form.is_valid():
            phenomenon = services.create_phenomenon(
                organisation=organisation,
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                author=request.user,
                confirmations=form.confirmations(),
            )
            return redirect("analysis:phenomenon", pk=phenomenon.pk)
        return _form_page(request, form, status=400)
    return _form_page(request, form)


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
    return render(
        request,
        "analysis/phenomenon_detail.html",
        {
            "phenomenon": phenomenon,
            "links": links,
            "indicators": indicators.latest_for_themes(themes.distinct()),
            "merge_form": MergeForm(phenomena=others.exclude(pk=phenomenon.pk)),
        },
    )


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


def _form_page(request, form, *, phenomenon=None, status=200):
    return render(
        request,
        "analysis/phenomenon_form.html",
        {
            "form": form,
            "phenomenon": phenomenon,
            "guard_panels": form.guard_panels() if form.is_bound else [],
        },
        status=status,
    )
