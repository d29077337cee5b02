"""Every format carries the same figures: the PDF's text, the DOCX and the XLSX against the
HTML document."""

import csv
import io
import shutil
import subprocess
from html.parser import HTMLParser

import pytest
from docx import Document
from openpyxl import load_workbook

from reporting.models import Theme
from reports.build import build_content
from reports.definition import Definition
from reports.outputs import render
from reports.periods import parse_period
from reports.tests.conftest import observe

pytestmark = pytest.mark.django_db


class Tables(HTMLParser):
    """The tables of an HTML document as lists of rows of cell texts."""

    def __init__(self):
        super().__init__()
        self.tables, self._cell = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th") and self.tables:
            self._cell = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append(self._cell.strip())
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data


def _html_tables(content):
    parser = Tables()
    parser.feed(render(content, "html").decode())
    return parser.tables


def _number(text):
    cleaned = text.replace("\xa0", "").replace(" ", "").replace("−", "-").replace("%", "")
    return float(cleaned.replace(",", "."))


@pytest.fixture
def content(county, action_proposals):
    return build_content(Definition(period=parse_period("2026Q3"), language="fi"))


def test_the_docx_holds_the_tables_of_the_html(content):
    document = Document(io.BytesIO(render(content, "docx")))
    docx_tables = [[[cell.text for cell in row.cells] for row in t.rows] for t in document.tables]
    assert docx_tables == _html_tables(content)
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[:3] == ["Keskeiset luvut", "Kehitys", "Teemat"]
    assert "Toimenpide-ehdotukset ja niiden tila" in headings
    assert any(row[0] == "Iltaneuvonta asumiseen" for t in docx_tables for row in t)


def test_the_xlsx_holds_the_figures_of_the_html(content):
    workbook = load_workbook(io.BytesIO(render(content, "xlsx")))
    sheets = workbook.worksheets[1:]
    html = _html_tables(content)
    assert len(sheets) == len(html)
    assert workbook.worksheets[0].title == "Raportti"
    assert "3 Havainnot teemoittain" in {s.title for s in sheets}
    for sheet, table in zip(sheets, html, strict=True):
        rows = [
            list(r) for r in sheet.iter_rows(min_row=2, max_row=len(table) + 1, values_only=True)
        ]
        assert rows[0] == table[0]
        for row, expected in zip(rows[1:], table[1:], strict=True):
            assert row[0] == expected[0]
            for value, text in zip(row[1:], expected[1:], strict=True):
                if isinstance(value, (int, float)) and text.endswith("%"):
                    assert value == pytest.approx(_number(text) / 100)
                elif isinstance(value, (int, float)):
                    assert value == pytest.approx(_number(text))
                else:
                    assert value == text


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
@pytest.mark.parametrize(
    ("language", "headings"),
    [
        (
            "fi",
            [
                "Sisällys",
                "Keskeiset luvut",
                "Teemat",
                "Keskeiset ilmiöt",
                "Toimenpide-ehdotukset ja niiden tila",
                "Iltaneuvonta asumiseen",
                "Tietoa luvuista",
            ],
        ),
        (
            "sv",
            [
                "Innehåll",
                "Nyckeltal",
                "Teman",
                "Viktigaste fenomen",
                "Åtgärdsförslag och deras status",
                "Iltaneuvonta asumiseen",
                "Om siffrorna",
            ],
        ),
    ],
)
def test_the_pdf_has_the_headings_in_the_report_language(
    county, action_proposals, tmp_path, language, headings
):
    content = build_content(Definition(period=parse_period("2026Q3"), language=language))
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(render(content, "pdf"))
    text = subprocess.run(
        [shutil.which("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for heading in headings:
        assert heading in text
    info = subprocess.run(
        [shutil.which("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True
    )
    assert "Tagged:          yes" in info.stdout


def test_spreadsheet_cells_cannot_run_formulas(org_a):
    theme = Theme.objects.create(code="formula", name_fi='=HYPERLINK("http://x")')
    for _ in range(6):
        observe(org_a, themes=(theme.code,))
    content = build_content(Definition(period=parse_period("2026Q3"), language="fi"))
    rows = list(csv.reader(io.StringIO(render(content, "csv").decode("utf-8-sig")), delimiter=";"))
    labels = {row[1] for row in rows}
    assert '\'=HYPERLINK("http://x")' in labels
    assert '=HYPERLINK("http://x")' not in labels
    workbook = load_workbook(io.BytesIO(render(content, "xlsx")))
    themes = next(s for s in workbook.worksheets if s.title.endswith("teemoittain"))
    assert themes.cell(row=3, column=1).value == '\'=HYPERLINK("http://x")'


def test_the_csv_and_json_hold_the_proposals(content):
    import json

    data = json.loads(render(content, "json"))
    tables = {t["id"]: t for t in data["tables"]}
    assert {"proposals", "proposal-list"} <= set(tables)
    rows = list(csv.reader(io.StringIO(render(content, "csv").decode("utf-8-sig")), delimiter=";"))
    captions = {row[0] for row in rows}
    assert {tables["proposals"]["caption"], tables["proposal-list"]["caption"]} <= captions
    listed = {row[1] for row in rows if row[0] == tables["proposal-list"]["caption"]}
    assert "Iltaneuvonta asumiseen" in listed


@pytest.mark.parametrize("file_format", ["html", "pdf", "docx", "xlsx", "csv", "json"])
def test_every_format_copes_with_control_characters_stored_earlier(content, file_format):
    import dataclasses

    section = dataclasses.replace(
        content.sections[0], paragraphs=["Alku\x0bkeski\x01\x1floppu\x7f ja \x0crivi."]
    )
    hostile = dataclasses.replace(content, sections=[section, *content.sections[1:]])
    data = render(hostile, file_format)
    assert data
    if file_format in ("html", "csv", "json"):
        text = data.decode("utf-8")
        assert not any(ch in text for ch in "\x0b\x01\x1f\x7f\x0c")
        assert "\\u000b" not in text and "\\u0001" not in text
    if file_format == "html":
        assert "Alkukeskiloppu ja \nrivi." in text or "Alkukeskiloppu ja rivi." in text
