"""The drafted content of a report, the same for every output.

Sections hold tables whose cells are first *specified* (a count under its key, a change
between two counts, a share of one count in another, a statistic) and then *shown*: the
suppression module decides once, over every count of the whole report, which counts are
hidden, and each specified cell becomes the text and number every output prints. The shown
content is plain data, stored as JSON with each generated version.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import asdict, dataclass, field
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from reports import suppression

COUNT = "count"
CHANGE = "change"
PERCENT = "percent"
MEASURE = "measure"
TEXT = "text"

SMALL_TEXT = "<5"  # with the default threshold of 5
SECONDARY_TEXT = "x"


# Cells as specified by the sections.


@dataclass(frozen=True)
class Count:
    """A number of observations (or organisations, professions): one quantity per key,
    wherever it is shown."""

    key: Hashable
    value: int


@dataclass(frozen=True)
class Change:
    current: Count
    previous: Count


@dataclass(frozen=True)
class Share:
    part: Count
    whole: Count


@dataclass(frozen=True)
class Measure:
    """An official statistic: not a count of observations, so never suppressed."""

    value: float
    decimals: int = 1


@dataclass(frozen=True)
class Text:
    value: str


Spec = Count | Change | Share | Measure | Text


@dataclass
class TableSpec:
    id: str
    caption: str
    columns: list[str]
    rows: list[tuple[str, list[Spec]]]
    constraints: list[suppression.Constraint] = field(default_factory=list)
    note: str = ""
    chart_title: str = ""
    chart_column: int = -1  # which column's counts the bar chart draws; -1: no chart
    row_header: str = ""
    # The column whose counts order the rows, most first (-1: the rows keep their order),
    # and how many rows at the end (a total) stay there.
    order_by: int = -1
    tail: int = 0
    # Counts of which at least one is not zero, as the reader knows from the row being
    # listed at all (a theme is listed when it has observations in either period).
    nonzero: list[tuple] = field(default_factory=list)


# Content as shown.


@dataclass
class Cell:
    text: str
    value: float | None
    kind: str


@dataclass
class Row:
    label: str
    cells: list[Cell]


@dataclass
class Table:
    id: str
    caption: str
    columns: list[str]
    rows: list[Row]
    note: str = ""
    chart_title: str = ""
    chart_column: int = -1
    row_header: str = ""
    # Rows at the end that sum the others ("All observations"): in the table, not the chart.
    tail: int = 0

    def bars(self) -> list[tuple[str, Cell]]:
        body = self.rows[: len(self.rows) - self.tail]
        return [(row.label, row.cells[self.chart_column]) for row in body]

    def kinds(self) -> list[str]:
        """Each column's kind, so its header is aligned like its values: text when any of
        its cells is text (a status, a decision), else the kind of its figures."""
        kinds = []
        for index in range(len(self.columns)):
            found = {row.cells[index].kind for row in self.rows}
            kinds.append(TEXT if TEXT in found or not found else found.pop())
        return kinds

    def header(self) -> list[tuple[str, str]]:
        """The column headings with their kinds, the row heading first."""
        return [(self.row_header, TEXT), *zip(self.columns, self.kinds(), strict=True)]


@dataclass
class Quote:
    """A quote an analyst chose. ``observation`` names the observation it came from, so that
    the text can be found and erased from every stored version later; no output shows it."""

    text: str
    observation: int | None = None
    language: str = ""  # the observation's, for the reader's screen reader and hyphenation


@dataclass
class Item:
    """A titled block inside a section, e.g. one phenomenon with its quotes."""

    title: str
    paragraphs: list[str] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)


@dataclass
class Section:
    key: str
    title: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Any] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)


@dataclass
class Content:
    title: str
    subtitle: str
    language: str
    threshold: int
    generated: str
    scope: str
    sections: list[Section]
    # The county named on the cover; versions generated before it was named have none.
    county: str = ""

    def as_json(self) -> dict:
        return asdict(self)

    def tables(self) -> list[Table]:
        return [table for section in self.sections for table in section.tables]


def content_from_json(data: dict) -> Content:
    sections = [
        Section(
            key=s["key"],
            title=s["title"],
            paragraphs=s["paragraphs"],
            tables=[
                Table(
                    **{
                        **t,
                        "rows": [
                            Row(r["label"], [Cell(**c) for c in r["cells"]]) for r in t["rows"]
                        ],
                    }
                )
                for t in s["tables"]
            ],
            items=[_item(i) for i in s["items"]],
        )
        for s in data["sections"]
    ]
    return Content(**{**data, "sections": sections})


def _item(data: dict) -> Item:
    # Versions generated before quotes were chosen stored each quote as a bare text.
    quotes = [Quote(q) if isinstance(q, str) else Quote(**q) for q in data["quotes"]]
    return Item(data["title"], data["paragraphs"], quotes)


# From specified to shown.


def show_sections(
    sections: list[Section], threshold: int, status: dict | None = None
) -> list[Section]:
    """Suppress over every count of every table at once (unless ``status`` says already how
    each count is shown), then turn each cell into text."""
    if status is None:
        *_counts, status = protect_sections(sections, threshold)
    shown = []
    for section in sections:
        tables = [_show_table(t, status, threshold) for t in section.tables]
        shown.append(Section(section.key, section.title, section.paragraphs, tables, section.items))
    return shown


def protect_sections(
    sections: list[Section], threshold: int, links=None
) -> tuple[dict, list, dict]:
    """Every count of the report, every sum among them, and the status of each count.

    ``links`` (``publication.Links``) protects the counts together with the figures that
    public reports of the same organisations and periods showed before."""
    specs = [t for s in sections for t in s.tables]
    values = _values(specs)
    constraints = [c for t in specs for c in t.constraints]
    known = {}
    for group in (group for table in specs for group in table.nonzero):
        row = ("row", *group[0])
        values[row] = sum(values[key] for key in group)
        constraints.append(suppression.Constraint(row, tuple(group)))
        known[row] = suppression.NONZERO
    if links is not None:
        return values, constraints, links.protect(values, constraints, threshold, fixed=known)
    return values, constraints, suppression.protect(values, constraints, threshold, fixed=known)


def _values(tables: list[TableSpec]) -> dict[Hashable, int]:
    values: dict[Hashable, int] = {}
    for table in tables:
        for _label, cells in table.rows:
            for count in _counts(cells):
                if values.setdefault(count.key, count.value) != count.value:
                    raise ValueError(f"two values for one count: {count.key!r}")
    return values


def _counts(cells: list[Spec]) -> list[Count]:
    found = []
    for cell in cells:
        if isinstance(cell, Count):
            found.append(cell)
        elif isinstance(cell, Change):
            found += [cell.current, cell.previous]
        elif isinstance(cell, Share):
            found += [cell.part, cell.whole]
    return found


def _show_table(table: TableSpec, status: dict, threshold: int) -> Table:
    rows = [
        Row(label, [show_cell(c, status, threshold) for c in cells])
        for label, cells in _ordered(table, status)
    ]
    return Table(
        table.id,
        table.caption,
        table.columns,
        rows,
        table.note,
        table.chart_title,
        table.chart_column,
        table.row_header,
        table.tail,
    )


def _ordered(table: TableSpec, status: dict) -> list[tuple[str, list[Spec]]]:
    """The rows by their shown count, most first, and the rows whose count is hidden after
    them by name: rows ordered by the counts themselves would place a hidden count between
    two shown ones, and a chart drawn in that order would tell what the table hides."""
    if table.order_by < 0:
        return table.rows
    body = table.rows[: len(table.rows) - table.tail]

    def place(row: tuple[str, list[Spec]]) -> tuple:
        label, cells = row
        count = cells[table.order_by]
        if status[count.key] in suppression.HIDDEN:
            return (1, 0, label)
        return (0, -count.value, label)

    return sorted(body, key=place) + table.rows[len(body) :]


def show_cell(spec: Spec, status: dict, threshold: int) -> Cell:
    if isinstance(spec, Count):
        state = status[spec.key]
        if state == suppression.SMALL:
            return Cell(f"<{threshold}", None, COUNT)
        if state == suppression.SECONDARY:
            return Cell(SECONDARY_TEXT, None, COUNT)
        return Cell(format_int(spec.value), spec.value, COUNT)
    if isinstance(spec, Change):
        if _hidden(spec.current, status) or _hidden(spec.previous, status):
            return Cell("–", None, CHANGE)
        difference = spec.current.value - spec.previous.value
        text = f"+{format_int(difference)}" if difference > 0 else format_int(difference)
        return Cell(text.replace("-", "−"), difference, CHANGE)
    if isinstance(spec, Share):
        whole = spec.whole.value
        if _hidden(spec.part, status) or _hidden(spec.whole, status) or whole < threshold:
            return Cell("–", None, PERCENT)
        percent = round(100 * spec.part.value / whole, 1)
        return Cell(_("%(percent)s %%") % {"percent": number_format(percent, 1)}, percent, PERCENT)
    if isinstance(spec, Measure):
        return Cell(number_format(spec.value, spec.decimals), spec.value, MEASURE)
    return Cell(spec.value, None, TEXT)


def _hidden(count: Count, status: dict) -> bool:
    return status[count.key] in suppression.HIDDEN


def format_int(value: int) -> str:
    return number_format(value, 0, force_grouping=True)
