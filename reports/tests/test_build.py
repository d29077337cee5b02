"""Drafting a report: figures, suppression across tables, quotes through the guard."""

import pytest

from reports.build import build_content
from reports.content import COUNT, SMALL_TEXT
from reports.definition import Definition
from reports.periods import parse_period

pytestmark = pytest.mark.django_db


def _table(content, table_id):
    return next(t for t in content.tables() if t.id == table_id)


def _row(table, label):
    return next(r for r in table.rows if r.label == label)


def test_key_figures_hide_a_small_count_and_its_companion(county):
    content = build_content(Definition(period=parse_period("2026Q3"), language="en"))
    table = _table(content, "key-figures")
    assert [c.text for c in _row(table, "All observations").cells][:2] == ["16", "7"]
    concern = _row(table, "Concern").cells
    positive = _row(table, "Positive development").cells
    assert positive[0].text == SMALL_TEXT
    # 16 − "<5" would give the concerns away, so they are hidden too.
    assert concern[0].text == "x" and concern[0].value is None
    assert concern[2].text == "–" and concern[3].text == "–"


def test_no_table_shows_a_count_from_one_to_four(county):
    content = build_content(Definition(period=parse_period("2026Q3"), language="fi"))
    shown = [
        cell.value
        for table in content.tables()
        for row in table.rows
        for cell in row.cells
        if cell.kind == COUNT and cell.value is not None
    ]
    assert shown and not [v for v in shown if 1 <= v <= 4]


def test_a_count_shown_in_several_tables_is_shown_alike(county):
    content = build_content(Definition(period=parse_period("2026Q3"), language="en"))
    totals = {
        table_id: [c.text for c in _row(_table(content, table_id), "All observations").cells]
        for table_id in ("key-figures", "organisation-types", "professions")
    }
    assert len({tuple(texts) for texts in totals.values()}) == 1
    nurses = _row(_table(content, "professions"), "Nurse or public health nurse").cells[0]
    assert nurses.text == SMALL_TEXT


def test_only_large_phenomena_are_described_and_nothing_is_quoted_unchosen(county):
    content = build_content(Definition(period=parse_period("2026Q3"), language="fi"))
    section = next(s for s in content.sections if s.key == "phenomena")
    assert [item.title for item in section.items] == ["Häätöjen uhka"]
    assert section.items[0].quotes == []
    assert "Pieni ilmiö" in [r.label for r in section.tables[0].rows]


def test_a_municipality_scope_counts_only_its_observations(county):
    from reporting.models import Municipality

    ids = frozenset(Municipality.objects.filter(code="408").values_list("pk", flat=True))
    definition = Definition(period=parse_period("2026Q3"), language="en", municipality_ids=ids)
    content = build_content(definition)
    assert _row(_table(content, "key-figures"), "All observations").cells[0].text == SMALL_TEXT


def test_headings_follow_the_report_language(county):
    swedish = build_content(Definition(period=parse_period("2026Q3"), language="sv"))
    finnish = build_content(Definition(period=parse_period("2026Q3"), language="fi"))
    assert "Nyckeltal" in [s.title for s in swedish.sections]
    assert "Keskeiset luvut" in [s.title for s in finnish.sections]


def test_the_threshold_is_a_setting(county, settings):
    settings.REPORT_SUPPRESSION_THRESHOLD = 10
    content = build_content(Definition(period=parse_period("2026Q3"), language="en"))
    cells = _row(_table(content, "key-figures"), "All observations").cells
    assert [c.text for c in cells[:2]] == ["16", "<10"]
    about = next(s for s in content.sections if s.key == "about")
    assert "“<10”" in about.paragraphs[0]


def test_signals_are_listed_without_counts(org_a):
    import datetime

    from analysis.tests.test_signals import AS_OF, plant, rise
    from reports.periods import CUSTOM, Period

    plant(org_a, rise(baseline_every=4, recent_per_week=2), municipalities=["743"])
    period = Period(CUSTOM, AS_OF - datetime.timedelta(days=55), AS_OF)
    content = build_content(Definition(period=period, language="en"))
    section = next(s for s in content.sections if s.key == "signals")
    rising = next(t for t in section.tables if t.id == "signals-rising")
    assert ("Seinäjoki", "Concern") in [(r.cells[1].text, r.cells[2].text) for r in rising.rows]
    assert all(c.kind == "text" for r in rising.rows for c in r.cells)
    assert rising.rows[0].cells[3].text.endswith("times")
    public = build_content(Definition(period=period, language="en", public=True))
    section = next(s for s in public.sections if s.key == "signals")
    rising = next(t for t in section.tables if t.id == "signals-rising")
    assert rising.columns == ["Kind", "Area", "Signal"]
    assert {len(row.cells) for row in rising.rows} == {3}
    assert "without their rates" in section.paragraphs[-1]


def test_a_table_that_happens_to_add_up_is_protected_like_a_partition(county):
    # Every observation of the quarter names exactly one municipality, so the table of
    # municipalities adds up to all observations: Seinäjoki 13 and Lapua 3 make 16.
    content = build_content(Definition(period=parse_period("2026Q3"), language="en"))
    table = _table(content, "municipalities")
    texts = {row.label: row.cells[0].text for row in table.rows}
    assert texts["Lapua"] == SMALL_TEXT and texts["Seinäjoki"] == "x"
