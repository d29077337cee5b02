"""The bounds of every date and period a person gives Sora: one place for all of them.

Dates outside ``EARLIEST``–``LATEST`` (year 1, year 9999) break date arithmetic and time-zone
conversion, and a period of centuries costs minutes of counting; nothing in Sora's work needs
either. Every date field of every form is a ``BoundedDateField``; report periods, exports and
the commands check their periods with ``check_period``. Messages are translated and say what
to fix.
"""

import datetime

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext as _

# Before any social reporting in the county, and far enough ahead for any deadline.
EARLIEST = datetime.date(2000, 1, 1)
LATEST = datetime.date(2100, 12, 31)
# A municipal welfare report covers a council's four-year term; ten years compare two terms
# and more, while a report's weekly counting stays at about a second.
MAX_PERIOD_YEARS = 10
MAX_PERIOD_DAYS = MAX_PERIOD_YEARS * 366


def out_of_range_message() -> str:
    return _("Choose a day between %(earliest)s and %(latest)s.") % {
        "earliest": date_format(EARLIEST, "SHORT_DATE_FORMAT"),
        "latest": date_format(LATEST, "SHORT_DATE_FORMAT"),
    }


def check_day(day: datetime.date) -> datetime.date:
    """``day`` if it lies within the bounds; otherwise a ``ValidationError`` saying which."""
    if isinstance(day, datetime.datetime):
        day = day.date()
    if not EARLIEST <= day <= LATEST:
        raise forms.ValidationError(out_of_range_message(), code="date_out_of_range")
    return day


def check_period(first: datetime.date, last: datetime.date) -> None:
    """Refuse a period with a day out of bounds, an end before its start, or more than
    ``MAX_PERIOD_YEARS`` years between them."""
    check_day(first)
    check_day(last)
    if last < first:
        raise forms.ValidationError(
            _("The end of the period must not be before its start."), code="period_reversed"
        )
    if (last - first).days + 1 > MAX_PERIOD_DAYS:
        raise forms.ValidationError(
            _("A period may be at most %(years)s years long. Choose a shorter one.")
            % {"years": MAX_PERIOD_YEARS},
            code="period_too_long",
        )


class BoundedDateField(forms.DateField):
    """A date between ``EARLIEST`` and ``LATEST``, typed as an ISO date in a date picker
    whose ``min`` and ``max`` say the same."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.DateInput(format="%Y-%m-%d"))
        super().__init__(**kwargs)

    def widget_attrs(self, widget) -> dict:
        attrs = super().widget_attrs(widget)
        attrs.update(type="date", min=EARLIEST.isoformat(), max=LATEST.isoformat())
        return attrs

    def to_python(self, value):
        day = super().to_python(value)
        return None if day is None else check_day(day)
