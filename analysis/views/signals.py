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

from accounts import access as accounts_access
from analysis import access
from analysis.charts import WeeklyChart, weekly_bar_chart
from analysis.signals import (
    RISING,
    THEME,
    CellKey,
    Finding,
    Names,
    SignalParams,
    cached_signals,
)
from lib.dates import BoundedDateField
from reporting.models import Municipality, Signal

COUNTY = "county"
# The strongest signals per direction that get a chart; the rest are counted, not drawn.
MAX_LISTED = 25


class SignalFilterForm(forms.Form):
    """The dashboard's settings, read from the query string; what is left out keeps its
    default, so a bare link shows the last eight weeks against the year before."""

    as_of = BoundedDateField(
        label=gettext_lazy("As of"),
        help_text=gettext_lazy("The recent window ends on this day."),
    )
    window_weeks = forms.IntegerField(
        label=gettext_lazy("Recent window in weeks"), min_value=1, max_value=26
    )
    baseline_weeks = forms.IntegerField(
        label=gettext_lazy("Baseline in weeks"),
        min_value=4,
        max_value=156,
        help_text=gettext_lazy("The weeks just before the recent window."),
    )
    municipality = forms.ChoiceField(label=gettext_lazy("Area"), required=False)

    def __init__(self, query: QueryDict) -> None:
        defaults = SignalParams.today()
        data = {
            "as_of": defaults.as_of.isoformat(),
            "window_weeks": str(defaults.window_weeks),
            "baseline_weeks": str(defaults.baseline_weeks),
            "municipality": "",
        }
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

    def params(self) -> SignalParams:
        return SignalParams(
            as_of=self.cleaned_data["as_of"],
            window_weeks=self.cleaned_data["window_weeks"],
            baseline_weeks=self.cleaned_data["baseline_weeks"],
        )

    def shows(self, key: CellKey) -> bool:
        """Whether the chosen area includes the finding; the test itself always covers all."""
        area = self.cleaned_data["municipality"]
        if not area:
            return True
        if area == COUNTY:
            return key.municipality_id is None
        return key.municipality_id == self.municipalities[area].pk


@dataclass(frozen=True)
class WeekRow:
    start: datetime.date
    end: datetime.date
    count: int


@dataclass(frozen=True)
class SignalCard:
    """Everything the template shows for one finding."""

    element_id: str
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


@login_required
def signals_dashboard(request: HttpRequest) -> HttpResponse:
    scope = accounts_access.require_analyst(request.user)
    form = SignalFilterForm(request.GET)
    if not form.is_valid():
        return render(request, "analysis/signals.html", {"form": form}, status=400)
    params = form.params()
    findings = cached_signals(
        params,
        organisation_ids=scope,
        phenomena=access.phenomena_for_analyst(request.user),
    )
    shown = [f for f in findings if form.shows(f.key)]
    return render(request, "analysis/signals.html", _context(form, params, shown))


def _context(form: SignalFilterForm, params: SignalParams, findings: list[Finding]) -> dict:
    rising = [f for f in findings if f.direction == RISING]
    falling = [f for f in findings if f.direction != RISING]
    names = Names.for_findings([*rising[:MAX_LISTED], *falling[:MAX_LISTED]])
    return {
        "form": form,
        "params": params,
        "fdr_percent": number_format(params.alpha * 100, 0),
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


def _card(finding: Finding, names: Names, params: SignalParams, element_id: str) -> SignalCard:
    municipality = names.municipality(finding.key)
    subject = names.subject(finding.key).name
    area = municipality.name if municipality else _("Whole county")
    signal = Signal(finding.key.signal).label
    weeks = [
        WeekRow(start, end, count)
        for (start, end), count in zip(params.week_ranges(), finding.weekly, strict=True)
    ]
    evidence = evidence_text(finding, params)
    title = _("Observations per week: %(subject)s, %(area)s (%(signal)s)") % {
        "subject": subject,
        "area": area,
        "signal": signal,
    }
    return SignalCard(
        element_id=element_id,
        subject=subject,
        kind=_("Theme") if finding.key.kind == THEME else _("Phenomenon"),
        area=area,
        signal=signal,
        signal_code=finding.key.signal,
        evidence=evidence,
        baseline=baseline_text(finding, params),
        p_value=_format_p(finding.p_value),
        q_value=_format_p(finding.q_value),
        chart=_chart(finding, params, weeks, element_id, title, evidence),
        recent_weeks=weeks[params.baseline_weeks :][::-1],
        baseline_weeks=weeks[: params.baseline_weeks][::-1],
    )


def evidence_text(finding: Finding, params: SignalParams) -> str:
    """The finding in one sentence, e.g. "11 observations in 8 weeks, 0.9 expected."."""
    values = {
        "recent": finding.recent,
        "weeks": params.window_weeks,
        "expected": number_format(finding.expected, 1),
    }
    if params.window_weeks == 1:
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


def baseline_text(finding: Finding, params: SignalParams) -> str:
    text = ngettext(
        "Baseline: %(count)s observation in the %(weeks)s weeks before.",
        "Baseline: %(count)s observations in the %(weeks)s weeks before.",
        finding.baseline,
    )
    return text % {"count": finding.baseline, "weeks": params.baseline_weeks}


def _chart(
    finding: Finding,
    params: SignalParams,
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
        params.window_weeks,
    ) % {"weeks": params.total_weeks, "window": params.window_weeks, "start": first, "end": last}
    return weekly_bar_chart(
        WeeklyChart(
            counts=finding.weekly,
            recent_weeks=params.window_weeks,
            title=title,
            description=f"{evidence} {layout}",
            element_id=element_id,
            x_labels=(first, last),
            reference=finding.baseline / params.baseline_weeks,
            legend=(_("Recent window"), _("Baseline average")),
        )
    )


def _format_p(value: float) -> str:
    """Three decimals, or "< 0.001" (in the reader's number format) for anything smaller."""
    if value < 0.001:
        return f"< {number_format(0.001, 3)}"
    return number_format(value, 3)
