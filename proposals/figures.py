"""The evidence of a proposal in figures, for the people who decide on it: observations by
period and by municipality, a trend chart, and the early signal the proposal started from.

Counts are exact for the analysts of the proposal's organisation. A recipient body may have
members from outside the organisation, so for decision-makers every count is suppressed as
in published reports: a count from 1 to ``threshold - 1`` is shown as "<5" and not drawn, and
the total of the evidence is not shown when a count is hidden, so that no hidden count can
be worked out by subtraction.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from analysis import access as analysis_access
from analysis.charts import WeeklyChart, weekly_bar_chart
from analysis.models import Phenomenon
from analysis.signal_links import SignalRef
from analysis.signals import MUNICIPALITY, RISING, TARGET_GROUP, THEME
from proposals import access
from reporting.models import Municipality, Observation, Signal, TargetGroup, Theme

MONTH = "month"
QUARTER = "quarter"
PERIODS = (MONTH, QUARTER)
# The chart draws the newest periods only, so that its bars stay legible on a phone.
CHART_PERIODS = 24


def threshold() -> int:
    """The smallest count shown as a number to an audience that may reach outside the
    organisation; the same setting as the reports' (``REPORT_SUPPRESSION_THRESHOLD``)."""
    return max(2, settings.REPORT_SUPPRESSION_THRESHOLD)


@dataclass(frozen=True)
class CountRow:
    label: str
    count: int
    hidden: bool = False

    @property
    def shown(self) -> str:
        return f"<{threshold()}" if self.hidden else str(self.count)


@dataclass
class Figures:
    """The counts of a proposal's evidence as one audience may see them."""

    period: str
    by_period: list[CountRow]
    by_municipality: list[CountRow]
    total: int
    suppressed: bool
    chart: SafeString

    @property
    def limit(self) -> int:
        return threshold()

    @property
    def below(self) -> int:
        return threshold() - 1

    @property
    def total_shown(self) -> str | None:
        """The total, unless a hidden count could be worked out from it."""
        if not self.suppressed:
            return str(self.total)
        if any(row.hidden for row in [*self.by_period, *self.by_municipality]):
            return None
        return CountRow("", self.total, 0 < self.total < threshold()).shown


def evidence_figures(proposal, *, period: str, suppressed: bool) -> Figures:
    """Counts of the observations behind the proposal that its organisation may use now, by
    month or quarter (Helsinki time) and by municipality, with a trend chart of the periods."""
    ids = list(access.evidence_observations(proposal).values_list("pk", flat=True))
    times = Observation.objects.filter(pk__in=ids).values_list("submitted_at", flat=True)
    by_period = _period_rows(list(times), period, suppressed)
    return Figures(
        period=period,
        by_period=by_period,
        by_municipality=_municipality_rows(ids, suppressed),
        total=len(ids),
        suppressed=suppressed,
        chart=_chart(by_period[-CHART_PERIODS:], period),
    )


def _hide(count: int, suppressed: bool) -> bool:
    return suppressed and 0 < count < threshold()


def count_row(label: str, count: int, *, suppressed: bool) -> CountRow:
    """One count as the audience may see it."""
    return CountRow(label, count, _hide(count, suppressed))


def _period_rows(times: list[datetime.datetime], period: str, suppressed: bool) -> list[CountRow]:
    counts = Counter(_period_of(timezone.localtime(moment), period) for moment in times)
    if not counts:
        return []
    rows = []
    current, last = min(counts), max(counts)
    while current <= last:
        count = counts.get(current, 0)
        rows.append(CountRow(_period_label(current, period), count, _hide(count, suppressed)))
        current = _next(current, period)
    return rows


def _period_of(moment: datetime.datetime, period: str) -> tuple[int, int]:
    if period == QUARTER:
        return moment.year, (moment.month - 1) // 3 + 1
    return moment.year, moment.month


def _next(current: tuple[int, int], period: str) -> tuple[int, int]:
    year, part = current
    parts = 4 if period == QUARTER else 12
    return (year + 1, 1) if part == parts else (year, part + 1)


def _period_label(current: tuple[int, int], period: str) -> str:
    year, part = current
    if period == QUARTER:
        return _("Q%(quarter)s %(year)s") % {"quarter": part, "year": year}
    return date_format(datetime.date(year, part, 1), "YEAR_MONTH_FORMAT")


def _municipality_rows(ids: list[int], suppressed: bool) -> list[CountRow]:
    through = Observation.municipalities.through
    counts = Counter(
        through.objects.filter(observation_id__in=ids).values_list("municipality_id", flat=True)
    )
    names = Municipality.objects.in_bulk(counts)
    rows = [
        CountRow(names[pk].name, count, _hide(count, suppressed))
        for pk, count in counts.items()
        if pk in names
    ]
    rows.sort(key=lambda row: (-row.count, row.label))
    county = Observation.objects.filter(pk__in=ids, whole_county=True).count()
    if county:
        rows.append(CountRow(_("The whole county"), county, _hide(county, suppressed)))
    return rows


def _chart(rows: list[CountRow], period: str) -> SafeString:
    if not rows:
        return SafeString("")
    title = (
        _("Observations behind the proposal per quarter")
        if period == QUARTER
        else _("Observations behind the proposal per month")
    )
    description = _(
        "From %(first)s to %(last)s. The same figures are in the table below; counts hidden "
        "to protect privacy are not drawn."
    ) % {"first": rows[0].label, "last": rows[-1].label}
    return weekly_bar_chart(
        WeeklyChart(
            counts=[0 if row.hidden else row.count for row in rows],
            recent_weeks=0,
            title=title,
            description=description,
            element_id="evidence-trend",
            x_labels=(rows[0].label, rows[-1].label),
        )
    )


# The early signal ------------------------------------------------------------------------


@dataclass(frozen=True)
class StartingSignal:
    """The early signal a proposal was started from, in the reader's language."""

    rising: bool
    as_of: datetime.date
    subject: str
    area: str
    signal: str
    inbox_url: str = ""

    @property
    def text(self) -> str:
        values = {
            "as_of": date_format(self.as_of, "SHORT_DATE_FORMAT"),
            "subject": self.subject,
            "area": self.area,
            "signal": self.signal,
        }
        if self.rising:
            return _("Rising early signal up to %(as_of)s: %(subject)s, %(area)s (%(signal)s).") % (
                values
            )
        return _("Falling early signal up to %(as_of)s: %(subject)s, %(area)s (%(signal)s).") % (
            values
        )


def starting_signal(proposal, user, role: str) -> StartingSignal | None:
    """The stored signal described again from its token; for an analyst who may still see it
    on the dashboard, with a link to its observations in the inbox."""
    ref = SignalRef.parse(proposal.signal)
    if ref is None:
        return None
    key = ref.key
    model = Theme if key.kind == THEME else Phenomenon
    subject = model.objects.filter(pk=key.subject_id).first()
    if subject is None:
        return None
    return StartingSignal(
        rising=ref.direction == RISING,
        as_of=ref.as_of,
        subject=subject.name,
        area=_area(key),
        signal=str(Signal(key.signal).label),
        inbox_url=_inbox_url(proposal.signal, user) if role == "analyst" else "",
    )


def _area(key) -> str:
    if key.level == MUNICIPALITY:
        municipality = Municipality.objects.filter(pk=key.municipality_id).first()
        return municipality.name if municipality else "–"
    if key.level == TARGET_GROUP:
        group = TargetGroup.objects.filter(pk=key.target_group_id).first()
        return _("%(group)s, whole county") % {"group": group.name if group else "–"}
    return _("Whole county")


def _inbox_url(token: str, user) -> str:
    try:
        return analysis_access.get_signal_for_analyst(user, token).inbox_url()
    except (Http404, PermissionDenied):
        return ""


def checked_signal(token: str, user) -> str:
    """The token of a signal the analyst may see now, or "" for anything else: a new draft
    stores the signal it was started from only when it is still listed for them."""
    if not token:
        return ""
    try:
        return analysis_access.get_signal_for_analyst(user, token).token
    except (Http404, PermissionDenied):
        return ""
