"""The report as a workbook (XlsxWriter): the text first, then one sheet per table.

Sheet names in the report's language; counts, changes and shares as numbers with their
formats (a share as a real percentage); hidden counts as their marks, with the note that
explains them under every table; every sheet set up to print on A4, as wide as the page,
the header row repeated. Every text cell goes through ``lib.exports.safe_cell``.
"""

from __future__ import annotations

import io
import math
import re
import textwrap

import xlsxwriter
from django.utils.translation import gettext as _

from lib.exports import safe_cell
from reports.content import CHANGE, COUNT, MEASURE, PERCENT, TEXT, Content, Section, Table

A4 = 9
TEXT_COLUMN_CHARS = 64  # the first sheet's text column, in characters
LINE_POINTS = 15
SHEET_NAME_CHARS = 31
FORBIDDEN = re.compile(r"[\[\]:*?/\\']")


def xlsx(content: Content) -> bytes:
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    formats = _formats(workbook)
    _text_sheet(workbook, formats, content)
    note = _marks_note(content)
    for number, table in enumerate(content.tables(), 1):
        _table_sheet(workbook, formats, table, sheet_name(number, table.caption), note)
    workbook.close()
    return buffer.getvalue()


def sheet_name(number: int, caption: str) -> str:
    """ "2 Havainnot teemoittain": numbered, so names stay unique when cut to 31 characters."""
    name = f"{number} {FORBIDDEN.sub('', caption)}".strip()
    return name[:SHEET_NAME_CHARS].rstrip()


def _formats(workbook) -> dict:
    add = workbook.add_format
    return {
        "title": add({"bold": True, "font_size": 16, "text_wrap": True, "valign": "top"}),
        "heading": add({"bold": True, "font_size": 12, "valign": "top"}),
        "text": add({"text_wrap": True, "valign": "top"}),
        "header": add({"bold": True, "text_wrap": True, "valign": "bottom", "bottom": 1}),
        "header_number": add(
            {"bold": True, "text_wrap": True, "valign": "bottom", "bottom": 1, "align": "right"}
        ),
        "label": add({"text_wrap": True, "valign": "top"}),
        "mark": add({"align": "right", "valign": "top"}),
        COUNT: add({"num_format": "#,##0", "valign": "top"}),
        CHANGE: add({"num_format": "+#,##0;−#,##0;0", "valign": "top"}),
        PERCENT: add({"num_format": "0.0 %", "valign": "top"}),
        MEASURE: add({"num_format": "#,##0.0", "valign": "top"}),
    }


def _print_setup(sheet, *, header_row: int | None = None) -> None:
    sheet.set_paper(A4)
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=0.6, right=0.6, top=0.7, bottom=0.7)
    sheet.set_footer("&R&P / &N")
    if header_row is not None:
        sheet.repeat_rows(header_row)


def _text_sheet(workbook, formats: dict, content: Content) -> None:
    """Title, county and period, then every section's text: the narrative and the notes."""
    sheet = workbook.add_worksheet(FORBIDDEN.sub("", _("Report"))[:SHEET_NAME_CHARS])
    sheet.set_column(0, 0, TEXT_COLUMN_CHARS)
    _print_setup(sheet)
    lines = [(content.title, "title"), (content.county, "heading"), (content.subtitle, "text")]
    for section in content.sections:
        lines += _section_lines(section)
    for row, (text, style) in enumerate(line for line in lines if line[0]):
        sheet.write_string(row, 0, safe_cell(text), formats[style])
        sheet.set_row(row, _height(text, style))


def _section_lines(section: Section) -> list[tuple[str, str]]:
    texts = list(section.paragraphs)
    for item in section.items:
        texts += [item.title, *item.paragraphs, *(f"“{q.text}”" for q in item.quotes)]
    if not texts:
        return []
    return [("", ""), (section.title, "heading"), *((text, "text") for text in texts)]


def _height(text: str, style: str) -> float:
    """Rows as tall as their wrapped text, so that no line prints over the next."""
    size = {"title": 2.0, "heading": 1.3}.get(style, 1.0)
    per_line = TEXT_COLUMN_CHARS / size
    lines = sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))
    return lines * LINE_POINTS * size + 4


def _marks_note(content: Content) -> str:
    about = next((s for s in content.sections if s.key == "about"), None)
    return about.paragraphs[0] if about and about.paragraphs else ""


def _table_sheet(workbook, formats: dict, table: Table, name: str, marks: str) -> None:
    sheet = workbook.add_worksheet(name)
    header = table.header()
    widths = _widths(table)
    for column, width in enumerate(widths):
        sheet.set_column(column, column, width)
    _print_setup(sheet, header_row=1)
    sheet.write_string(0, 0, safe_cell(table.caption), formats["heading"])
    for column, (text, kind) in enumerate(header):
        style = "header" if column == 0 or kind == "text" else "header_number"
        sheet.write_string(1, column, safe_cell(text), formats[style])
    sheet.set_row(1, _row_height([text for text, _kind in header], widths, bold=True))
    sheet.freeze_panes(2, 1)
    for index, row in enumerate(table.rows, 2):
        sheet.write_string(index, 0, safe_cell(row.label), formats["label"])
        for column, cell in enumerate(row.cells, 1):
            _cell(sheet, formats, index, column, cell)
        sheet.set_row(index, _row_height([row.label, *(c.text for c in row.cells)], widths))
    below = len(table.rows) + 3
    for text in (table.note, marks):
        if text:
            sheet.merge_range(below, 0, below, len(header) - 1, safe_cell(text), formats["text"])
            sheet.set_row(below, LINE_POINTS * max(1, math.ceil(len(text) / 90)) + 4)
            below += 1


def _widths(table: Table) -> list[float]:
    """Columns in characters: the labels as wide as the longest (at most 40), the figures
    as wide as their heading's longest word and their longest value (at least 10)."""
    labels = [table.row_header, *(row.label for row in table.rows)]
    widths = [min(max(len(text) for text in labels) + 2, 40)]
    for index, heading in enumerate(table.columns):
        texts = [heading, *(row.cells[index].text for row in table.rows)]
        longest_word = max(len(word) for text in texts for word in text.split() or [""])
        widths.append(max(10, min(longest_word + 3, 40)))
    return widths


def _row_height(texts: list[str], widths: list[float], *, bold: bool = False) -> float:
    """A row as tall as its most wrapped cell. Calc lays a set height out as given, so this
    is set for every row; a character is taken as a little wider than the width unit, as
    LibreOffice without the spreadsheet's font shows a wider one."""
    factor = 0.75 if bold else 0.8
    lines = max(
        len(textwrap.wrap(text, max(1, int(width * factor)), break_long_words=False)) or 1
        for text, width in zip(texts, widths, strict=True)
    )
    return lines * LINE_POINTS + 3


def _cell(sheet, formats: dict, row: int, column: int, cell) -> None:
    if cell.kind == TEXT:
        sheet.write_string(row, column, safe_cell(cell.text), formats["label"])
    elif cell.value is None or cell.kind not in formats:
        sheet.write_string(row, column, safe_cell(cell.text), formats["mark"])
    elif cell.kind == PERCENT:
        sheet.write_number(row, column, cell.value / 100, formats[PERCENT])
    else:
        sheet.write_number(row, column, cell.value, formats[cell.kind])
