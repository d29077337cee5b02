"""The shared codebook: analysts and organisation administrators read and export it; only
installation administrators (active superusers) import and merge, since the codebook is the
whole installation's, not one organisation's."""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import access as accounts_access
from accounts.audit import record_event
from accounts.models import AuditEvent
from analysis import codebook, indicators
from analysis.forms import CodebookImportForm, ThemeMergeForm
from analysis.models import Indicator
from reporting.models import Theme


@login_required
def codebook_view(request):
    accounts_access.require_codebook_reader(request.user)
    return _page(request)


@login_required
def codebook_export(request):
    accounts_access.require_codebook_reader(request.user)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="sora-codebook.csv"'
    count = codebook.export_csv(response)
    record_event(action=AuditEvent.Action.EXPORT, request=request, target="codebook", rows=count)
    return response


@login_required
@require_POST
def codebook_import(request):
    accounts_access.require_installation_admin(request.user)
    form = CodebookImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, import_form=form, status=400)
    raw = form.cleaned_data["file"].read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        form.add_error("file", _("The file is not UTF-8 text. Save it as CSV UTF-8 and try again."))
        return _page(request, import_form=form, status=400)
    report = codebook.import_csv(io.StringIO(text, newline=""))
    if report.errors:
        for error in report.errors[:50]:
            form.add_error("file", error)
        return _page(request, import_form=form, status=400)
    record_event(action=AuditEvent.Action.IMPORT, request=request, target="codebook")
    messages.success(
        request,
        _("Codebook imported: %(created)s new, %(updated)s updated.")
        % {"created": report.created, "updated": report.updated},
    )
    return redirect("analysis:codebook")


@login_required
@require_POST
def theme_merge(request):
    accounts_access.require_installation_admin(request.user)
    form = ThemeMergeForm(request.POST)
    if not form.is_valid():
        return _page(request, merge_form=form, status=400)
    count = codebook.merge_themes(
        source=form.cleaned_data["source"], target=form.cleaned_data["target"]
    )
    messages.success(
        request, _("Themes merged: %(count)s observations re-coded.") % {"count": count}
    )
    return redirect("analysis:codebook")


def _indicators_by_theme() -> dict[int, list[dict]]:
    """The newest county-level or first value of each indicator linked to each theme."""
    result: dict[int, list[dict]] = {}
    links = Indicator.themes.through.objects.values_list("theme_id", "indicator_id")
    by_indicator: dict[int, list[int]] = {}
    for theme_id, indicator_id in links:
        by_indicator.setdefault(indicator_id, []).append(theme_id)
    for row in indicators.latest_for_themes(
        Theme.objects.filter(indicators__isnull=False), limit=500
    ):
        for theme_id in by_indicator.get(row["indicator_id"], []):
            result.setdefault(theme_id, []).append(row)
    return result


def _page(request, *, status=200, **forms):
    themes = Theme.objects.select_related("parent").order_by("order", "code")
    roots = [t for t in themes if t.parent_id is None]
    children = {}
    for theme in themes:
        if theme.parent_id:
            children.setdefault(theme.parent_id, []).append(theme)
    context = {
        "tree": [(root, children.get(root.pk, [])) for root in roots],
        "indicators": _indicators_by_theme(),
        "can_edit": accounts_access.is_installation_admin(request.user),
        "import_form": forms.get("import_form") or CodebookImportForm(),
        "merge_form": forms.get("merge_form") or ThemeMergeForm(),
    }
    return render(request, "analysis/codebook.html", context, status=status)
