"""The report as a Word document (python-docx), made to print well in Word and LibreOffice.

A4 pages; the document's language set, so spelling and hyphenation follow it; each table
with columns as wide as their content needs (a theme name never breaks inside a word),
a header row repeated on every page and rows that do not split; headings and captions kept
with what follows; each chart as a PNG drawn from the same layout as the SVG.
"""

from __future__ import annotations

import io
from pathlib import Path

from django.conf import settings
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from reports import charts
from reports.content import TEXT, Content, Table

LANGUAGE_TAGS = {"fi": "fi-FI", "sv": "sv-SE", "en": "en-GB"}
PAGE_WIDTH = Mm(210)
PAGE_HEIGHT = Mm(297)
MARGIN = Mm(20)
TEXT_WIDTH_MM = 170
TABLE_FONT = Pt(9)
FONT = "Arial"  # LibreOffice without Arial shows DejaVu Sans, which is wider: widths allow it
CHAR_MM = 2.15  # the width of a wide character of bold 9 pt DejaVu Sans
CELL_PADDING_MM = 4.2  # the cell margins of "Table Grid", 1.9 mm each side, and some room
CHART_WIDTH = Mm(130)


def docx(content: Content) -> bytes:
    document = Document()
    _set_up(document, content)
    _cover(document, content)
    for section in content.sections:
        document.add_heading(section.title, 1)
        for paragraph in section.paragraphs:
            document.add_paragraph(paragraph)
        for table in section.tables:
            _chart(document, table)
            _table(document, table)
        for item in section.items:
            document.add_heading(item.title, 2)
            for paragraph in item.paragraphs:
                document.add_paragraph(paragraph)
            for quote in item.quotes:
                document.add_paragraph(quote.text, style="Quote")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _set_up(document, content: Content) -> None:
    tag = LANGUAGE_TAGS.get(content.language, content.language)
    document.core_properties.title = content.title
    document.core_properties.subject = content.subtitle
    document.core_properties.language = tag
    _set_language(document, tag)
    for page in document.sections:
        page.page_width, page.page_height = PAGE_WIDTH, PAGE_HEIGHT
        page.left_margin = page.right_margin = MARGIN
        page.top_margin = page.bottom_margin = MARGIN
    for name in ("Heading 1", "Heading 2", "Heading 3", "Caption", "Title"):
        document.styles[name].paragraph_format.keep_with_next = True
    title = document.styles["Title"]
    title.font.size = Pt(24)
    title.paragraph_format.line_spacing = 1.2  # the template's exact spacing overlaps lines
    for name in ("Normal", "Heading 1", "Heading 2", "Heading 3", "Caption", "Title", "Quote"):
        document.styles[name].font.name = FONT


def _set_language(document, tag: str) -> None:
    """The language of every run, through the document defaults and the Normal style (Word
    reads one, LibreOffice the other)."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    targets = [document.styles["Normal"].element.get_or_add_rPr()]
    if defaults is not None:
        run_defaults = defaults.find(qn("w:rPrDefault"))
        if run_defaults is not None and run_defaults.find(qn("w:rPr")) is not None:
            targets.append(run_defaults.find(qn("w:rPr")))
    for properties in targets:
        for old in properties.findall(qn("w:lang")):
            properties.remove(old)
        lang = OxmlElement("w:lang")
        for attribute in ("w:val", "w:eastAsia", "w:bidi"):
            lang.set(qn(attribute), tag)
        properties.append(lang)


def _cover(document, content: Content) -> None:
    logo = settings.SORA_COUNTY_LOGO
    if logo and Path(logo).suffix.lower() in {".png", ".jpg", ".jpeg"}:
        document.add_picture(logo, height=Mm(20))
    if content.county:
        county = document.add_paragraph()
        county.add_run(content.county).bold = True
    document.add_heading(content.title, 0)
    document.add_paragraph(content.subtitle)


def _chart(document, table: Table) -> None:
    picture = charts.png_chart(table)
    if picture is None:
        return
    title = document.add_paragraph(table.chart_title, style="Caption")
    title.paragraph_format.keep_with_next = True
    document.add_picture(io.BytesIO(picture), width=CHART_WIDTH)
    shape = document.inline_shapes[-1]
    properties = shape._inline.docPr
    properties.set("title", table.chart_title)
    properties.set("descr", f"{table.chart_title}. {charts.description(table)}")


def _table(document, table: Table) -> None:
    caption = document.add_paragraph(table.caption, style="Caption")
    caption.paragraph_format.keep_with_next = True
    header = table.header()
    grid = document.add_table(rows=1, cols=len(header))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.LEFT
    grid.autofit = False
    kinds = [kind for _text, kind in header]
    _fill(grid.rows[0], [text for text, _kind in header], kinds, bold=True)
    _repeat_as_header(grid.rows[0])
    for row in table.rows:
        cells = grid.add_row()
        _fill(cells, [row.label, *(cell.text for cell in row.cells)], kinds)
        _keep_whole(cells)
    _set_widths(grid, column_widths(table))
    if table.note:
        document.add_paragraph(table.note)


def _fill(row, texts: list[str], kinds: list[str], *, bold: bool = False) -> None:
    for cell, text, kind in zip(row.cells, texts, kinds, strict=True):
        paragraph = cell.paragraphs[0]
        spacing = paragraph.paragraph_format
        spacing.space_before, spacing.space_after, spacing.line_spacing = Pt(1), Pt(1), 1.1
        run = paragraph.add_run(text)
        run.bold = bold
        run.font.size = TABLE_FONT
        if kind != TEXT:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _repeat_as_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    for name in ("w:cantSplit", "w:tblHeader"):
        element = OxmlElement(name)
        element.set(qn("w:val"), "true")
        properties.append(element)


def _keep_whole(row) -> None:
    element = OxmlElement("w:cantSplit")
    element.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(element)


def column_widths(table: Table) -> list[float]:
    """Millimetres per column, the row heading first: each column at least as wide as its
    longest word and as its figures, the rest of the line shared by how much text each has,
    so that the whole table fits the page."""
    columns = [[table.row_header, *(row.label for row in table.rows)]]
    for index, heading in enumerate(table.columns):
        columns.append([heading, *(row.cells[index].text for row in table.rows)])
    least = [max(_longest_word(text) for text in texts) for texts in columns]
    wish = [max(least[i], min(max(len(t) for t in texts), 32)) for i, texts in enumerate(columns)]
    least_mm = [n * CHAR_MM + CELL_PADDING_MM for n in least]
    wish_mm = [n * CHAR_MM + CELL_PADDING_MM for n in wish]
    if sum(wish_mm) <= TEXT_WIDTH_MM:
        spare = TEXT_WIDTH_MM - sum(wish_mm)
        return [w + spare * w / sum(wish_mm) for w in wish_mm]
    if sum(least_mm) >= TEXT_WIDTH_MM:
        return [w * TEXT_WIDTH_MM / sum(least_mm) for w in least_mm]
    room = TEXT_WIDTH_MM - sum(least_mm)
    extra = [w - m for w, m in zip(wish_mm, least_mm, strict=True)]
    return [m + room * e / sum(extra) for m, e in zip(least_mm, extra, strict=True)]


def _longest_word(text: str) -> int:
    return max((len(word) for word in text.split()), default=0)


def _set_widths(grid, widths: list[float]) -> None:
    """The widths in the grid (which LibreOffice reads) and in every cell (which Word reads);
    ``autofit`` off makes the layout fixed, so neither program shares the line out again."""
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = Mm(width)
    for row in grid.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Mm(width)
