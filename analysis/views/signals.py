"""The signals dashboard: rising and falling themes and phenomena, with a chart and a table
of weekly counts for each."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts import access
from analysis import signal_notices, signal_runs
from analysis.charts import WeeklyChart, weekly_bar_chart
from analysis.signal_links import LinkedSignal
from analysis.signals import (
    MUNICIPALITY,
    RISING,
    TARGET_GROUP,
    THEME,
    CellKey,
    Finding,
    Names,
    SignalParams,
)
from lib.dates import BoundedDateField
from lib.progress import progress_reply, wants_progress
from reporting.models import Municipality, Signal

COUNTY = "county"
# The strongest signals per direction that get a chart; the rest are counted, not drawn.
MAX_LISTED = 25
# Weeks before the window that the chart and the table show (the test may use more).
SHOWN_BASELINE_WEEKS = 52


class SignalFilterForm(forms.Form):
    """The dashboard's settings, read from the query string; what is left out keeps its
    default, so a bare link shows today's signals everywhere."""

    as_of = BoundedDateField(
        label=gettext_lazy("As of"),
        help_text=gettext_lazy("The recent weeks end on this day."),
    )
    municipality = forms.ChoiceField(label=gettext_lazy("Area"), required=False)

    def __init__(self, query: QueryDict) -> None:
        data = {"as_of": timezone.localdate().isoformat(), "municipality": ""}
        data |= {name: value for name, value in query.items() if name in data and value}
        super().__init__(data)
        self.municipalities = {m.code: m for m in Municipality.objects.all()}
        self.fields["municipality"].choices = [
            ("", _("All areas")),
            (COUNTY, _("Whole county")),
            *((m.code, m.name) for m in self.municipalities.values()),
        ]

    def clean_as_of(self) -> datetime.date:
        day = self.cleaned_data["as_of"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Choose a day that is not in the future."))
        return day

    def shows(self, finding: Finding) -> bool:
        """Whether the chosen area includes the finding: a municipality shows its own signals
        and the county-wide signals it is part of."""
        area = self.cleaned_data["municipality"]
        key = finding.key
        if not area:
            return True
        if area == COUNTY:
            return key.municipality_id is None
        return signal_notices.in_municipality(finding, self.municipalities[area].pk)


@dataclass(frozen=True)
class WeekRow:
    start: datetime.date
    end: datetime.date
    count: int


@dataclass(frozen=True)
class DetailRow:
    name: str
    recent: int
    expected: str
    flagged: bool


@dataclass(frozen=True)
class SignalCard:
    """Everything the template shows for one finding."""

    element_id: str
    cell: str
    subject: str
    kind: str
    area: str
    signal: str
    signal_code: str
    evidence: str
    baseline: str
    p_value: str
    q_value: str
    chart: SafeString
    recent_weeks: list[WeekRow]
    baseline_weeks: list[WeekRow]
    county_context: str
    details: list[DetailRow]
    links: LinkedSignal


@login_required
def signals_dashboard(request: HttpRequest) -> HttpResponse:
    access.require_analyst(request.user)
    form = SignalFilterForm(request.GET)
    if not form.is_valid():
        return render(request, "analysis/signals.html", {"form": form}, status=400)
    as_of = form.cleaned_data["as_of"]
    scope = signal_runs.scope_of(request.user)
    done = signal_runs.latest_done(scope, as_of)
    working = signal_runs.pending(scope, as_of)
    if wants_progress(request):
        failed = working is None and (done is None or done.as_of != as_of)
        return progress_reply(working=working is not None, failed=failed)
    if working is None and (done is None or done.as_of != as_of):
        working = signal_runs.request_run(scope, as_of)
    context = {"form": form, "run": done, "working": working is not None}
    context |= _following(request.user, done)
    if done is not None:
        findings = [f for f in signal_runs.findings_of(done) if form.shows(f)]
        context |= _context(SignalParams(as_of=done.as_of), findings)
    return render(request, "analysis/signals.html", context)


def _following(user, run) -> dict:
    """What is new to the person since their last visit, and their unread notices."""
    since = signal_notices.note_visit(user)
    new_cells = (
        set() if run is None else signal_notices.new_since(run, signal_runs.findings_of(run), since)
    )
    return {
        "last_visit": since,
        "new_cells": new_cells,
        "unread_notices": signal_notices.unread_count(user),
    }


def _context(params: SignalParams, findings: list[Finding]) -> dict:
    names = Names.for_findings(findings)
    findings = [f for f in findings if names.knows(f)]
    rising = [f for f in findings if f.direction == RISING]
    falling = [f for f in findings if f.direction != RISING]
    return {
        "params": params,
        "windows": ", ".join(str(w) for w in params.windows),
        "fdr_percent": number_format(params.fdr * 100, 0),
        "min_ratio": number_format(params.min_ratio, 1),
        "rising": _cards(rising[:MAX_LISTED], names, params, "rising"),
        "rising_total": len(rising),
        "falling": _cards(falling[:MAX_LISTED], names, params, "falling"),
        "falling_total": len(falling),
        "max_listed": MAX_LISTED,
    }


def _cards(
    findings: list[Finding], names: Names, params: SignalParams, prefix: str
) -> list[SignalCard]:
    return [
        _card(finding, names, params, f"signal-{prefix}-{index}")
        for index, finding in enumerate(findings, 1)
    ]


def area_name(key: CellKey, names: Names) -> str:
    if key.level == MUNICIPALITY:
        return names.municipality(key).name
    if key.level == TARGET_GROUP:
        return _("%(group)s, whole county") % {"group": names.target_group(key).name}
    return _("Whole county")


def _card(finding: Finding, names: Names, params: SignalParams, element_id: str) -> SignalCard:
    subject = names.subject(finding.key).name
    area = area_name(finding.key, names)
    signal = Signal(finding.key.signal).label
    shown = min(len(finding.weekly), finding.window_weeks + SHOWN_BASELINE_WEEKS)
    ranges = params.week_ranges()[-shown:]
    counts = finding.weekly[-shown:]
    weeks = [WeekRow(start, end, count) for (start, end), count in zip(ranges, counts, strict=True)]
    evidence = evidence_text(finding)
    title = _("Observations per week: %(subject)s, %(area)s (%(signal)s)") % {
        "subject": subject,
        "area": area,
        "signal": signal,
    }
    return SignalCard(
        element_id=element_id,
        cell=signal_notices.cell_of(finding),
        subject=subject,
        kind=_("Theme") if finding.key.kind == THEME else _("Phenomenon"),
        area=area,
        signal=signal,
        signal_code=finding.key.signal,
        evidence=evidence,
        baseline=baseline_text(finding),
        p_value=_format_p(finding.p_value),
        q_value=_format_p(finding.q_value),
        chart=_chart(finding, weeks, element_id, title, evidence),
        recent_weeks=weeks[-finding.window_weeks :][::-1],
        baseline_weeks=weeks[: -finding.window_weeks][::-1],
        county_context=_county_context(finding),
        details=_detail_rows(finding, names),
        links=LinkedSignal(params.as_of, finding, names),
    )


def _county_context(finding: Finding) -> str:
    """For a municipality's own signal: the whole county in the same weeks."""
    if finding.level != MUNICIPALITY or not finding.details:
        return ""
    county = finding.details[0]
    return ngettext(
        "Whole county in the same weeks: %(recent)s observation, %(expected)s expected.",
        "Whole county in the same weeks: %(recent)s observations, %(expected)s expected.",
        county.recent,
    ) % {"recent": county.recent, "expected": number_format(county.expected, 1)}


def _detail_rows(finding: Finding, names: Names) -> list[DetailRow]:
    """For a county-wide signal: its municipalities and target groups."""
    if finding.level == MUNICIPALITY:
        return []
    return [
        DetailRow(
            name=names.municipality(detail).name
            if detail.municipality_id is not None
            else names.target_group(detail).name,
            recent=detail.recent,
            expected=number_format(detail.expected, 1),
            flagged=detail.flagged,
        )
        for detail in finding.details
    ]


def evidence_text(finding: Finding) -> str:
    """The finding in one sentence, e.g. "11 observations in 8 weeks, 0.9 expected."."""
    values = {
        "recent": finding.recent,
        "weeks": finding.window_weeks,
        "expected": number_format(finding.expected, 1),
    }
    if finding.window_weeks == 1:
        text = ngettext(
            "%(recent)s observation in the last week, %(expected)s expected.",
            "%(recent)s observations in the last week, %(expected)s expected.",
            finding.recent,
        )
    else:
        text = ngettext(
            "%(recent)s observation in %(weeks)s weeks, %(expected)s expected.",
            "%(recent)s observations in %(weeks)s weeks, %(expected)s expected.",
            finding.recent,
        )
    return text % values


def baseline_text(finding: Finding) -> str:
    text = ngettext(
        "Baseline: %(count)s observation in the %(weeks)s weeks before.",
        "Baseline: %(count)s observations in the %(weeks)s weeks before.",
        finding.baseline,
    )
    return text % {"count": finding.baseline, "weeks": finding.baseline_weeks}


def _chart(
    finding: Finding,
    weeks: list[WeekRow],
    element_id: str,
    title: str,
    evidence: str,
) -> SafeString:
    first = date_format(weeks[0].start, "SHORT_DATE_FORMAT")
    last = date_format(weeks[-1].end, "SHORT_DATE_FORMAT")
    layout = ngettext(
        "Bars for %(weeks)s weeks from %(start)s to %(end)s. The last week, in a dark bar, is "
        "the recent window; the dashed line is the baseline average per week.",
        "Bars for %(weeks)s weeks from %(start)s to %(end)s. The last %(window)s weeks, in dark "
        "bars, are the recent window; the dashed line is the baseline average per week.",
        finding.window_weeks,
    ) % {"weeks": len(weeks), "window": finding.window_weeks, "start": first, "end": last}
    return weekly_bar_chart(
        WeeklyChart(
            counts=[week.count for week in weeks],
            recent_weeks=finding.window_weeks,
            title=title,
            description=f"{evidence} {layout}",
            element_id=element_id,
            x_labels=(first, last),
            reference=finding.reference,
            legend=(_("Recent window"), _("Baseline average")),
        )
    )


def _format_p(value: float) -> str:
    """Three decimals, or "< 0.001" (in the reader's number format) for anything smaller."""
    if value < 0.001:
        return f"< {number_format(0.001, 3)}"
    return number_format(value, 3)
