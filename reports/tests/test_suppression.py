"""Small-count suppression: no count 1–4 is shown and no hidden count can be worked out."""

from hypothesis import given, settings
from hypothesis import strategies as st

from reports.suppression import (
    NONZERO,
    SECONDARY,
    SMALL,
    VISIBLE,
    Constraint,
    disclosed,
    protect,
)
from reports.tests.attacker import recoverable

THRESHOLD = 5


def test_small_counts_are_hidden():
    status = protect({"a": 3, "b": 7, "c": 0}, [], THRESHOLD)
    assert status == {"a": SMALL, "b": VISIBLE, "c": VISIBLE}


def test_a_lone_hidden_part_gets_a_companion():
    values = {"total": 20, "a": 3, "b": 9, "c": 8}
    status = protect(values, [Constraint("total", ("a", "b", "c"))], THRESHOLD)
    assert status["a"] == SMALL
    assert status["c"] == SECONDARY
    assert status["b"] == VISIBLE


def test_a_sum_of_small_counts_that_gives_them_away_is_marked_x():
    # Four "<5" under a total of "<5" would each have to be 1.
    values = {"total": 4, "a": 1, "b": 1, "c": 1, "d": 1}
    constraints = [Constraint("total", ("a", "b", "c", "d"))]
    status = protect(values, constraints, THRESHOLD)
    assert SECONDARY in status.values()
    assert not disclosed(values, status, constraints, THRESHOLD)
    assert not recoverable(values, status, constraints, THRESHOLD)


def test_the_same_count_in_two_tables_is_hidden_in_both():
    values = {"all": 12, "concern": 9, "positive": 3, "type1": 8, "type2": 4}
    constraints = [
        Constraint("all", ("concern", "positive")),
        Constraint("all", ("type1", "type2")),
    ]
    status = protect(values, constraints, THRESHOLD)
    assert status["positive"] == status["type2"] == SMALL
    assert status["concern"] == status["type1"] == SECONDARY or status["all"] != VISIBLE


def test_an_x_narrowed_to_1_to_4_counts_as_disclosed():
    # "x" + "<5" = 5: the x must be 1–4, which its marker was meant not to say.
    values = {"total": 5, "a": 1, "b": 4}
    constraints = [Constraint("total", ("a", "b"))]
    status = {"total": VISIBLE, "a": SECONDARY, "b": SMALL}
    assert disclosed(values, status, constraints, THRESHOLD) == ["a"]
    assert recoverable(values, status, constraints, THRESHOLD) == ["a"]
    protected = protect(values, constraints, THRESHOLD)
    assert not disclosed(values, protected, constraints, THRESHOLD)


def test_counts_shown_before_keep_their_status_and_the_new_ones_are_hidden_to_protect_them():
    # A table shown before hid "b" (7) beside a "<5"; the new table shows the same count.
    values = {"old-total": 10, "old-a": 3, "old-b": 7, "new-b": 7, "new-c": 9}
    constraints = [
        Constraint("old-total", ("old-a", "old-b")),
        Constraint("new-b", ("old-b",)),
    ]
    fixed = {"old-total": VISIBLE, "old-a": SMALL, "old-b": SECONDARY}
    status = protect(values, constraints, THRESHOLD, fixed=fixed)
    assert {key: status[key] for key in fixed} == fixed
    assert status["new-b"] == SECONDARY and status["new-c"] == VISIBLE
    assert recoverable(values, status, constraints, THRESHOLD) == []


def test_what_was_given_away_before_is_not_mended_by_hiding_everything_new():
    values = {"old-total": 10, "old-a": 3, "old-b": 7, "new-total": 12, "new-a": 6, "new-b": 6}
    constraints = [
        Constraint("old-total", ("old-a", "old-b")),
        Constraint("new-total", ("new-a", "new-b")),
    ]
    fixed = {"old-total": VISIBLE, "old-a": SMALL, "old-b": VISIBLE}
    status = protect(values, constraints, THRESHOLD, fixed=fixed)
    assert [status[key] for key in ("new-total", "new-a", "new-b")] == [VISIBLE] * 3


def test_counts_named_hidden_are_hidden_whatever_their_value():
    values = {"total": 20, "a": 10, "b": 10}
    constraints = [Constraint("total", ("a", "b"))]
    status = protect(values, constraints, THRESHOLD, hidden={"a"})
    assert status["a"] == SECONDARY and status["b"] == SECONDARY
    assert status["total"] == VISIBLE


def test_a_small_total_is_hidden_with_its_parts():
    values = {"all": 3, "a": 3, "b": 0}
    constraints = [Constraint("all", ("a", "b"))]
    status = protect(values, constraints, THRESHOLD)
    assert status["all"] == SMALL and status["a"] == SMALL
    assert not recoverable(values, status, constraints, THRESHOLD)


@st.composite
def reports(draw):
    """Counts shaped like a report's: observations with one signal, one organisation type
    and one profession (tables that add up to all observations), and any number of themes
    (theme × signal rows that add up to the theme's total)."""
    size = draw(st.integers(0, 60))
    observation = st.tuples(
        st.integers(0, 1), st.integers(0, 3), st.integers(0, 2), st.sets(st.integers(0, 3))
    )
    observations = draw(st.lists(observation, min_size=size, max_size=size))
    values = {"all": len(observations)}
    constraints = []
    for table, position, size_ in (("signal", 0, 2), ("type", 1, 4), ("profession", 2, 3)):
        keys = tuple((table, v) for v in range(size_))
        for v in range(size_):
            values[(table, v)] = sum(1 for o in observations if o[position] == v)
        constraints.append(Constraint("all", keys))
    for theme in range(4):
        about = [o for o in observations if theme in o[3]]
        values[("theme", theme)] = len(about)
        for signal in range(2):
            values[("theme", theme, signal)] = sum(1 for o in about if o[0] == signal)
        constraints.append(Constraint(("theme", theme), (("theme", theme, 0), ("theme", theme, 1))))
    return values, constraints


@settings(max_examples=60, deadline=None)
@given(reports())
def test_no_table_shows_a_small_count(report):
    values, constraints = report
    status = protect(values, constraints, THRESHOLD)
    shown = [values[k] for k, s in status.items() if s == VISIBLE]
    assert not [v for v in shown if 1 <= v < THRESHOLD]


@settings(max_examples=60, deadline=None)
@given(reports())
def test_no_hidden_count_can_be_worked_out(report):
    values, constraints = report
    status = protect(values, constraints, THRESHOLD)
    assert recoverable(values, status, constraints, THRESHOLD) == []


@st.composite
def two_way_tables(draw):
    """A table with row and column totals: the hardest case for secondary suppression."""
    rows = draw(st.integers(2, 4))
    columns = draw(st.integers(2, 3))
    cells = draw(
        st.lists(
            st.lists(st.integers(0, 12), min_size=columns, max_size=columns),
            min_size=rows,
            max_size=rows,
        )
    )
    values, constraints = {}, []
    for r in range(rows):
        for c in range(columns):
            values[(r, c)] = cells[r][c]
        values[("row", r)] = sum(cells[r])
        constraints.append(Constraint(("row", r), tuple((r, c) for c in range(columns))))
    for c in range(columns):
        values[("column", c)] = sum(cells[r][c] for r in range(rows))
        constraints.append(Constraint(("column", c), tuple((r, c) for r in range(rows))))
    values["all"] = sum(map(sum, cells))
    constraints.append(Constraint("all", tuple(("row", r) for r in range(rows))))
    constraints.append(Constraint("all", tuple(("column", c) for c in range(columns))))
    return values, constraints


@settings(max_examples=40, deadline=None)
@given(two_way_tables())
def test_two_way_tables_keep_their_secrets(table):
    values, constraints = table
    status = protect(values, constraints, THRESHOLD)
    assert not [k for k, s in status.items() if s == VISIBLE and 1 <= values[k] < THRESHOLD]
    assert recoverable(values, status, constraints, THRESHOLD) == []


def test_no_hidden_count_of_a_real_report_can_be_worked_out(county):
    from django.utils import translation

    from reports.content import protect_sections
    from reports.definition import Definition
    from reports.facts import Facts
    from reports.periods import parse_period
    from reports.sections import SECTIONS

    with translation.override("fi"):
        facts = Facts(Definition(period=parse_period("2026Q3")))
        drafted = [s for make in SECTIONS if (s := make(facts)) is not None]
        values, constraints, status = protect_sections(drafted, THRESHOLD)
    assert SMALL in status.values() and constraints
    assert recoverable(values, status, constraints, THRESHOLD) == []


def test_a_hidden_count_does_not_sit_between_the_shown_ones_it_would_equal():
    # Rows ordered by their counts would put Beta's "x" between two 7s, so it would be 7
    # and Cee's "<5" would be 24 - 21 = 3. Shown rows come first by count, hidden by name.
    from reports.content import Count, Section, TableSpec, show_sections

    counts = {"Alpha": 7, "Beta": 7, "Gamma": 7, "Cee": 3}
    keys = {"Beta": ("row", 1), "Alpha": ("row", 2), "Gamma": ("row", 3), "Cee": ("row", 4)}
    rows = [(label, [Count(keys[label], n)]) for label, n in counts.items()]
    rows.append(("All", [Count("all", 24)]))
    table = TableSpec(
        "t",
        "Caption",
        ["This period"],
        rows,
        [Constraint("all", tuple(keys.values()))],
        chart_title="Chart",
        chart_column=0,
        order_by=0,
        tail=1,
    )
    shown = show_sections([Section("s", "S", tables=[table])], THRESHOLD)[0].tables[0]
    assert [(row.label, row.cells[0].text) for row in shown.rows] == [
        ("Alpha", "7"),
        ("Gamma", "7"),
        ("Beta", "x"),
        ("Cee", "<5"),
        ("All", "24"),
    ]
    assert [label for label, _cell in shown.bars()][:2] == ["Alpha", "Gamma"]


def test_a_row_listed_because_it_is_not_zero_counts_as_at_least_1():
    # Four kinds, one observation each this period and none before, under a total of 4.
    values = {"all": 4, "before": 0}
    constraints = [
        Constraint("all", tuple(f"{k}-now" for k in "abcd")),
        Constraint("before", tuple(f"{k}-before" for k in "abcd")),
    ]
    rows = {}
    for kind in "abcd":
        values |= {f"{kind}-now": 1, f"{kind}-before": 0, f"{kind}-row": 1}
        constraints.append(Constraint(f"{kind}-row", (f"{kind}-now", f"{kind}-before")))
        rows[f"{kind}-row"] = NONZERO
    unaware = {**protect(values, constraints[:2], THRESHOLD), **rows}
    assert recoverable(values, unaware, constraints, THRESHOLD)
    aware = protect(values, constraints, THRESHOLD, fixed=rows)
    assert recoverable(values, aware, constraints, THRESHOLD) == []


def test_rows_listed_because_they_are_not_zero_give_nothing_away(org_a):
    """Four professions with one observation each in the quarter and none before: every
    row says its count is at least 1, and four of them under a total below 5 would each be
    1, marked "<5" or "x" alike."""
    from django.utils import translation

    from reports.content import protect_sections
    from reports.definition import Definition
    from reports.facts import Facts
    from reports.periods import parse_period
    from reports.sections import SECTIONS
    from reports.tests.conftest import observe

    for profession in ("social_worker", "nurse", "social_counsellor", "youth_worker"):
        observe(org_a, profession=profession)
    with translation.override("fi"):
        facts = Facts(Definition(period=parse_period("2026Q3")))
        drafted = [s for make in SECTIONS if (s := make(facts)) is not None]
        values, constraints, status = protect_sections(drafted, THRESHOLD)
    rows = [key for key in values if key[:2] == ("row", "professions")]
    assert len(rows) == 4
    assert recoverable(values, status, constraints, THRESHOLD) == []
