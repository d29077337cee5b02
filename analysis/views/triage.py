"""Fast triage: changes to many observations of the inbox at once, assigning observations
to colleagues, and the inbox's list as a file."""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.audit import record_event
from accounts.models import AuditEvent
from analysis import access, inbox_export, services
from analysis.forms import AssignForm, BulkActionForm
from analysis.models import PhenomenonLink
from analysis.views.inbox import _observation_page, filtered, inbox_page, list_form, list_query
from lib.exports import CONTENT_TYPE
from reporting import access as reporting_access

# The most observations one bulk action changes; a longer list is narrowed first.
BULK_CAP = 5000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@require_POST
def bulk_action(request):
    """Set a status, add a code, link to a phenomenon or assign to a colleague, for the
    ticked observations or every one matching the list's filters, in one transaction.
    Sending it again changes nothing more."""
    form = BulkActionForm(
        request.POST,
        phenomena=access.phenomena_for_analyst(request.user).active(),
        colleagues=access.colleagues_of(request.user),
    )
    listed = list_form(request, query=request.POST.get("bulk-filters", ""))
    back = f"{reverse('analysis:inbox')}?{list_query(listed)}"
    if form.is_valid() and form.cleaned_data["scope"] == "filtered" and not listed.is_valid():
        # Invalid filters would filter nothing: the change would reach every observation.
        form.add_error("scope", _("The list's filters are not valid: fix them and try again."))
    if not form.is_valid():
        return inbox_page(request, listed, bulk_form=form, status=400)
    observations = _chosen(request, form, listed)
    if len(observations) > BULK_CAP:
        messages.error(
            request,
            _("More than %(cap)s observations match: narrow the filters and try again.")
            % {"cap": BULK_CAP},
        )
        return redirect(back)
    with transaction.atomic():
        message = _apply(request, form.cleaned_data, observations)
        _record(request, form.cleaned_data, observations)
    messages.success(request, message)
    return redirect(back)


def _record(request, cleaned: dict, observations: list) -> None:
    """One audit event per bulk action: what was changed to what, on which observations."""
    action = cleaned["action"]
    value = cleaned[BulkActionForm.NEEDS[action]]
    record_event(
        action=AuditEvent.Action.BULK_TRIAGE,
        request=request,
        target="observations",
        change=action,
        value=getattr(value, "pk", value),
        rows=len(observations),
        observations=sorted(observation.pk for observation in observations),
    )


def _chosen(request, form: BulkActionForm, listed) -> list:
    """The observations to change, always resolved in the person's scope: a ticked number
    outside it (another organisation's) refuses the whole action with 404."""
    if form.cleaned_data["scope"] == "filtered":
        return list(filtered(request, listed).only("pk", "status", "submitted_at")[: BULK_CAP + 1])
    ids = form.selected_ids()
    found = list(
        reporting_access.observations_for_analyst(request.user)
        .filter(pk__in=ids)
        .only("pk", "status", "submitted_at")
    )
    if len(found) != len(ids):
        raise Http404
    return found


def _apply(request, cleaned: dict, observations: list) -> str:
    count = len(observations)
    action = cleaned["action"]
    if action == "status":
        services.set_status_of_many(observations=observations, status=cleaned["status"])
        return ngettext(
            "The status was set on %(count)s observation.",
            "The status was set on %(count)s observations.",
            count,
        ) % {"count": count}
    if action == "theme":
        services.add_theme_to_many(observations=observations, theme=cleaned["theme"])
        return ngettext(
            "The code was added to %(count)s observation.",
            "The code was added to %(count)s observations.",
            count,
        ) % {"count": count}
    if action == "phenomenon":
        services.link_observations(
            phenomenon=cleaned["phenomenon"],
            observations=observations,
            by=request.user,
            how=PhenomenonLink.How.MANUAL,
        )
        return ngettext(
            "%(count)s observation is linked to the phenomenon.",
            "%(count)s observations are linked to the phenomenon.",
            count,
        ) % {"count": count}
    assignee = cleaned["assignee"]
    services.assign(observations, assignee, request.user)
    return ngettext(
        "%(count)s observation is assigned to %(name)s.",
        "%(count)s observations are assigned to %(name)s.",
        count,
    ) % {"count": count, "name": assignee.get_full_name() or assignee.get_username()}


@login_required
@require_POST
def assign_observation(request, pk):
    """Give one observation to a colleague (or to nobody)."""
    observation = reporting_access.get_observation_for_analyst(request.user, pk)
    form = AssignForm(request.POST, colleagues=access.colleagues_of(request.user))
    if not form.is_valid():
        return _observation_page(request, observation, assign_form=form, status=400)
    assignee = form.cleaned_data["assignee"]
    services.assign([observation], assignee, request.user)
    if assignee is None:
        messages.success(request, _("The observation is assigned to nobody."))
    else:
        messages.success(
            request,
            _("The observation is assigned to %(name)s.")
            % {"name": assignee.get_full_name() or assignee.get_username()},
        )
    return redirect(f"{reverse('analysis:observation', args=[pk])}?{request.GET.urlencode()}")


@login_required
def export_list(request, kind):
    """The inbox's list with its filters as CSV or XLSX, audit-logged; texts that the quote
    check stops are left out. At most ``EXPORT_CAP`` rows: a longer list is narrowed."""
    if kind not in ("csv", "xlsx"):
        raise Http404
    form = list_form(request)
    observations = filtered(request, form)
    cap = inbox_export.EXPORT_CAP
    if observations.order_by()[: cap + 1].count() > cap:
        messages.error(
            request,
            _("More than %(cap)s observations match: narrow the filters to export them.")
            % {"cap": cap},
        )
        return redirect(f"{reverse('analysis:inbox')}?{list_query(form)}")
    colleague_ids = set(access.colleagues_of(request.user).values_list("pk", flat=True))
    if kind == "xlsx":
        content, count = inbox_export.xlsx(observations, colleague_ids)
        response = HttpResponse(content, content_type=XLSX)
    else:
        out = io.StringIO()
        count = inbox_export.write_csv(out, observations, colleague_ids)
        response = HttpResponse(out.getvalue(), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="sora-observations.{kind}"'
    filters = form.cleaned_data if form.is_valid() else {}
    record_event(
        action=AuditEvent.Action.EXPORT,
        request=request,
        target="observations",
        rows=count,
        format=kind,
        filters=sorted(name for name, value in filters.items() if value and name != "q"),
        searched=bool(filters.get("q")),
    )
    return response
