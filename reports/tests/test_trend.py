"""An internal report shows how the observations developed over six periods; a public one
shows no trend, as its earlier periods are not protected against other public reports."""

import pytest

from reports.build import build_content
from reports.definition import Definition
from reports.periods import parse_period
from reports.tests.conftest import observe

pytestmark = pytest.mark.django_db


def _trend(content):
    return next((t for t in content.tables() if t.id == "trend"), None)


def test_the_trend_lists_six_periods_oldest_first_with_small_counts_hidden(org_a, county):
    content = build_content(Definition(period=parse_period("2026Q3"), language="fi"))
    table = _trend(content)
    assert [row.label for row in table.rows] == [
        "2/2025 (huhti–kesäkuu)",
        "3/2025 (heinä–syyskuu)",
        "4/2025 (loka–joulukuu)",
        "1/2026 (tammi–maaliskuu)",
        "2/2026 (huhti–kesäkuu)",
        "3/2026 (heinä–syyskuu)",
    ]
    assert table.columns == ["Kaikki havainnot", "Huoli", "Myönteinen kehitys"]
    key_figures = next(t for t in content.tables() if t.id == "key-figures")
    this_period = [row.cells[0].text for row in key_figures.rows]
    previous = [row.cells[1].text for row in key_figures.rows]
    assert [c.text for c in table.rows[-1].cells] == this_period
    assert [c.text for c in table.rows[-2].cells] == previous
    assert table.rows[-1].cells[2].text == "<5"
    assert [c.text for c in table.rows[0].cells] == ["0", "0", "0"]


def test_an_older_period_counts_its_own_observations(org_a, county):
    import datetime
    from zoneinfo import ZoneInfo

    when = datetime.datetime(2025, 11, 3, 12, 0, tzinfo=ZoneInfo("Europe/Helsinki"))
    for _ in range(6):
        observe(org_a, when=when)
    table = _trend(build_content(Definition(period=parse_period("2026Q3"), language="fi")))
    row = next(r for r in table.rows if r.label.startswith("4/2025"))
    assert [c.text for c in row.cells] == ["6", "6", "0"]


def test_a_public_report_has_no_trend(org_a, county):
    definition = Definition(period=parse_period("2026Q3"), language="fi", public=True)
    content = build_content(definition)
    assert _trend(content) is None
    assert "trend" not in {section.key for section in content.sections}
