"""Reporting periods in Helsinki time."""

import datetime

import pytest

from reports.periods import CUSTOM, QUARTER, PeriodError, calendar_period, parse_period


def test_a_quarter_spans_its_calendar_days_across_daylight_saving():
    period = parse_period("2026Q1")
    assert (period.first_day, period.last_day) == (
        datetime.date(2026, 1, 1),
        datetime.date(2026, 3, 31),
    )
    # Summer time begins on 29 March 2026: the quarter ends at 00:00 Helsinki summer time.
    assert period.end.utcoffset() == datetime.timedelta(hours=3)
    assert period.start.utcoffset() == datetime.timedelta(hours=2)
    assert period.end.astimezone(datetime.UTC) == datetime.datetime(
        2026, 3, 31, 21, 0, tzinfo=datetime.UTC
    )


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2026-03", "2026-03-01", "2026-03-31"),
        ("2026Q3", "2026-07-01", "2026-09-30"),
        ("2026h2", "2026-07-01", "2026-12-31"),
        ("2025", "2025-01-01", "2025-12-31"),
        ("2026-01-15..2026-02-14", "2026-01-15", "2026-02-14"),
    ],
)
def test_it_reads_every_kind(text, first, last):
    period = parse_period(text)
    assert period.first_day.isoformat() == first
    assert period.last_day.isoformat() == last


def test_the_previous_period_is_of_the_same_kind():
    assert parse_period("2026Q1").previous().code() == "2025Q4"
    assert parse_period("2026-01").previous().code() == "2025-12"
    custom = parse_period("2026-01-11..2026-01-20").previous()
    assert (custom.kind, custom.first_day, custom.last_day) == (
        CUSTOM,
        datetime.date(2026, 1, 1),
        datetime.date(2026, 1, 10),
    )


def test_calendar_period_holds_the_day():
    assert calendar_period(QUARTER, datetime.date(2026, 8, 17)).code() == "2026Q3"


@pytest.mark.parametrize("text", ["2026Q5", "kvartaali", "2026-13", "2026-02-30..2026-03-01"])
def test_it_rejects_nonsense_with_a_message(text):
    with pytest.raises(PeriodError) as error:
        parse_period(text)
    assert str(error.value)


def test_a_period_must_not_end_before_it_begins():
    with pytest.raises(PeriodError):
        parse_period("2026-02-01..2026-01-01")
