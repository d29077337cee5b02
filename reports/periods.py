"""Reporting periods: a month, quarter, half-year, year or custom dates, in Helsinki time.

A period is a run of whole calendar days in the county's time zone. Its bounds as instants
are the Helsinki midnights that begin its first day and end its last, so a quarter holding a
daylight-saving change is still exactly its calendar days, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from lib.dates import EARLIEST, LATEST, check_period

COUNTY_TIME_ZONE = ZoneInfo("Europe/Helsinki")

MONTH = "month"
QUARTER = "quarter"
HALF_YEAR = "half_year"
YEAR = "year"
CUSTOM = "custom"

_PATTERNS = [
    (re.compile(r"^(\d{4})-?M?(\d{1,2})$"), MONTH),
    (re.compile(r"^(\d{4})-?Q([1-4])$"), QUARTER),
    (re.compile(r"^(\d{4})-?H([12])$"), HALF_YEAR),
    (re.compile(r"^(\d{4})$"), YEAR),
]
_MONTHS_IN = {MONTH: 1, QUARTER: 3, HALF_YEAR: 6, YEAR: 12}


class PeriodError(ValueError):
    """A period that cannot be understood; the message is translated and says what to fix."""


@dataclass(frozen=True)
class Period:
    kind: str
    first_day: datetime.date
    last_day: datetime.date

    def __post_init__(self) -> None:
        if self.last_day < self.first_day:
            raise PeriodError(_("The period must not end before it begins."))

    @property
    def start(self) -> datetime.datetime:
        """The instant the first day begins in Helsinki."""
        return datetime.datetime.combine(self.first_day, datetime.time.min, COUNTY_TIME_ZONE)

    @property
    def end(self) -> datetime.datetime:
        """The instant the last day ends in Helsinki (exclusive bound)."""
        day_after = self.last_day + datetime.timedelta(days=1)
        return datetime.datetime.combine(day_after, datetime.time.min, COUNTY_TIME_ZONE)

    @property
    def days(self) -> int:
        return (self.last_day - self.first_day).days + 1

    def previous(self) -> Period:
        """The period just before, of the same kind: the previous quarter of a quarter, the
        same number of days before a custom period."""
        if self.kind == CUSTOM:
            last = self.first_day - datetime.timedelta(days=1)
            return Period(CUSTOM, last - datetime.timedelta(days=self.days - 1), last)
        return calendar_period(self.kind, _add_months(self.first_day, -_MONTHS_IN[self.kind]))

    def code(self) -> str:
        """The short form the command line accepts: 2026-03, 2026Q3, 2026H1, 2026."""
        year = self.first_day.year
        month = self.first_day.month
        return {
            MONTH: f"{year}-{month:02d}",
            QUARTER: f"{year}Q{(month - 1) // 3 + 1}",
            HALF_YEAR: f"{year}H{(month - 1) // 6 + 1}",
            YEAR: f"{year}",
        }.get(self.kind, f"{self.first_day.isoformat()}..{self.last_day.isoformat()}")


def calendar_period(kind: str, day: datetime.date) -> Period:
    """The month, quarter, half-year or year that holds ``day``."""
    months = _MONTHS_IN[kind]
    first_month = (day.month - 1) // months * months + 1
    first = datetime.date(day.year, first_month, 1)
    last = _add_months(first, months) - datetime.timedelta(days=1)
    return Period(kind, first, last)


def _add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def parse_period(text: str) -> Period:
    """Read 2026-03, 2026Q3, 2026H1, 2026 or 2026-01-15..2026-02-14, within the bounds of
    ``lib.dates``."""
    value = text.strip().upper()
    if ".." in value:
        first, _sep, last = value.partition("..")
        return _bounded(CUSTOM, _parse_day(first), _parse_day(last))
    for pattern, kind in _PATTERNS:
        match = pattern.match(value)
        if match:
            return _numbered(kind, *(int(part) for part in match.groups()))
    raise PeriodError(
        _(
            "“%(text)s” is not a period. Write for example 2026-03 (a month), 2026Q3 (a "
            "quarter), 2026H1 (a half-year), 2026 (a year) or 2026-01-15..2026-02-14."
        )
        % {"text": text}
    )


def _numbered(kind: str, year: int, number: int = 1) -> Period:
    month = {MONTH: number, QUARTER: 3 * number - 2, HALF_YEAR: 6 * number - 5, YEAR: 1}[kind]
    if not (1 <= month <= 12 and EARLIEST.year <= year <= LATEST.year):
        raise PeriodError(_("The year must be 2000–2100 and the month 1–12."))
    return calendar_period(kind, datetime.date(year, month, 1))


def _parse_day(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text.strip())
    except ValueError as error:
        raise PeriodError(
            _("“%(text)s” is not a date. Write dates as 2026-01-15.") % {"text": text}
        ) from error


def make_period(kind: str, first_day: datetime.date, last_day: datetime.date | None) -> Period:
    """The period of ``kind`` that begins on or holds ``first_day``; custom periods use both.
    Either way the period must lie within the bounds of ``lib.dates``."""
    if kind == CUSTOM:
        if last_day is None:
            raise PeriodError(_("Give the last day of a custom period."))
        return _bounded(CUSTOM, first_day, last_day)
    _bounded(CUSTOM, first_day, first_day)  # a month of year 9999 would end past the calendar
    period = calendar_period(kind, first_day)
    return _bounded(kind, period.first_day, period.last_day)


def _bounded(kind: str, first_day: datetime.date, last_day: datetime.date) -> Period:
    try:
        check_period(first_day, last_day)
    except ValidationError as error:
        raise PeriodError(error.messages[0]) from None
    return Period(kind, first_day, last_day)


# The months a quarter or half-year spans, as a reader says them ("heinä–syyskuu").
_SPANS = {
    (QUARTER, 1): pgettext_lazy("months of a period", "January–March"),
    (QUARTER, 2): pgettext_lazy("months of a period", "April–June"),
    (QUARTER, 3): pgettext_lazy("months of a period", "July–September"),
    (QUARTER, 4): pgettext_lazy("months of a period", "October–December"),
    (HALF_YEAR, 1): pgettext_lazy("months of a period", "January–June"),
    (HALF_YEAR, 2): pgettext_lazy("months of a period", "July–December"),
}


def report_title(period: Period) -> str:
    """The name a reader knows a report by, in the active language: "Sosiaalinen raportti
    3/2026 (heinä–syyskuu)", "Social rapport juli 2026", "Social report 2026"."""
    year = period.first_day.year
    if period.kind == QUARTER:
        number = (period.first_day.month - 1) // 3 + 1
        return _("Social report %(number)s/%(year)s (%(months)s)") % {
            "number": number,
            "year": year,
            "months": _SPANS[QUARTER, number],
        }
    if period.kind == HALF_YEAR:
        number = (period.first_day.month - 1) // 6 + 1
        return _("Social report %(months)s %(year)s") % {
            "months": _SPANS[HALF_YEAR, number],
            "year": year,
        }
    if period.kind == MONTH:
        return _("Social report %(month)s") % {
            "month": date_format(period.first_day, "YEAR_MONTH_FORMAT")
        }
    if period.kind == YEAR:
        return _("Social report %(year)s") % {"year": year}
    return _("Social report %(dates)s") % {"dates": day_range(period)}


def period_name(period: Period) -> str:
    """The period alone, as a row of a table names it: "3/2026 (heinä–syyskuu)",
    "heinäkuu 2026", "tammi–kesäkuu 2026", "2026", "15.1.–14.2.2026"."""
    year = period.first_day.year
    if period.kind == QUARTER:
        number = (period.first_day.month - 1) // 3 + 1
        return f"{number}/{year} ({_SPANS[QUARTER, number]})"
    if period.kind == HALF_YEAR:
        return f"{_SPANS[HALF_YEAR, (period.first_day.month - 1) // 6 + 1]} {year}"
    if period.kind == MONTH:
        return date_format(period.first_day, "YEAR_MONTH_FORMAT")
    if period.kind == YEAR:
        return str(year)
    return day_range(period)


def day_range(period: Period) -> str:
    """The first and last day, without the year of the first when both share it:
    15.1.–14.2.2026."""
    first, last = period.first_day, period.last_day
    if first.year == last.year:
        return f"{first.day}.{first.month}.–{last.day}.{last.month}.{last.year}"
    return f"{first.day}.{first.month}.{first.year}–{last.day}.{last.month}.{last.year}"


def file_stem(title: str, *, ascii_only: bool = True) -> str:
    """An ASCII name for a report's files from its title: the part before any parenthesis,
    with slashes, dashes and dots as hyphens ("sosiaalinen-raportti-3-2026")."""
    name = title.split("(", 1)[0]
    for mark in "/–—.:":
        name = name.replace(mark, "-")
    return slugify(name, allow_unicode=not ascii_only)
