"""What a county board member sees in each file: the same table in every format, values
under their own column headers, whole words, nothing printed over anything else, nothing
past the page edge, and the report's human name on the files."""

import shutil

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook
from PIL import Image

from reporting.models import Theme
from reports import runs
from reports.content import TEXT, content_from_json
from reports.tests import layout
from reports.tests.conftest import observe
from reports.tests.test_outputs import Tables

pytestmark = pytest.mark.django_db

NEEDS_POPPLER = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
    reason="needs poppler-utils (pdftotext, pdftoppm)",
)
NEEDS_SOFFICE = pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="needs LibreOffice: apt-get install libreoffice-writer-nogui libreoffice-calc-nogui",
)
LONG_THEMES = {
    "ageing_care": "Ikääntyminen ja omaishoito",
    "substance_use": "Päihteet ja riippuvuudet",
    "child_protection": "Lastensuojelu ja perheiden tukeminen",
}
FORMATS = ("pdf", "docx", "xlsx")


@pytest.fixture
def long_themes(org_a):
    for code, name in LONG_THEMES.items():
        Theme.objects.create(code=code, name_fi=name, name_sv=name)
        for _ in range(6):
            observe(org_a, themes=(code,))


@pytest.fixture
def generated(report, county, action_proposals, long_themes):
    runs.generate(runs.start_run(report=report, user=None).pk)
    return report


@pytest.fixture
def downloads(client, analyst, generated, tmp_path):
    """Each file as the analyst downloads it, saved under the name the server gives."""
    client.force_login(analyst)
    files = {}
    for file_format in FORMATS:
        response = client.get(reverse("reports:download", args=[generated.pk, file_format]))
        assert response.status_code == 200
        name = response["Content-Disposition"].split('filename="', 1)[1].split('"', 1)[0]
        files[file_format] = tmp_path / name
        files[file_format].write_bytes(response.content)
    return files


@pytest.fixture(scope="session")
def office_profile(tmp_path_factory):
    """One fresh LibreOffice profile for the whole test run."""
    return tmp_path_factory.mktemp("libreoffice-profile")


def _content(report):
    return content_from_json(runs.latest_done(report).content)


def _page_tables(client, report):
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    parser = Tables()
    parser.feed(page)
    return parser.tables


def _number(text):
    cleaned = text.replace("\xa0", "").replace(" ", "").replace("−", "-").replace("+", "")
    if cleaned.endswith("%"):
        return float(cleaned[:-1].replace(",", ".")) / 100
    return float(cleaned.replace(",", "."))


def test_the_files_are_named_by_the_report_title(downloads, generated, client):
    assert {path.name for path in downloads.values()} == {
        f"sosiaalinen-raportti-3-2026.{file_format}" for file_format in FORMATS
    }
    title = "Sosiaalinen raportti 3/2026 (heinä–syyskuu)"
    assert _content(generated).title == title
    assert Document(str(downloads["docx"])).core_properties.title == title
    page = client.get(reverse("reports:detail", args=[generated.pk])).content.decode()
    assert f'<h1 id="report-title">{title}</h1>' in page


def test_every_format_holds_the_same_tables_cell_for_cell(downloads, generated, client):
    html = _page_tables(client, generated)
    content = _content(generated)
    assert len(html) == len(content.tables()) > 5

    document = Document(str(downloads["docx"]))
    docx = [[[cell.text for cell in row.cells] for row in t.rows] for t in document.tables]
    assert docx == html

    workbook = load_workbook(downloads["xlsx"])
    for sheet, table in zip(workbook.worksheets[1:], html, strict=True):
        rows = list(sheet.iter_rows(min_row=2, max_row=len(table) + 1, values_only=True))
        for row, expected in zip(rows, table, strict=True):
            for value, text in zip(row, expected, strict=True):
                if isinstance(value, int | float):
                    assert value == pytest.approx(_number(text)), (sheet.title, text)
                else:
                    assert (value or "") == text, (sheet.title, text)

    pdf_lines = [
        [word.text for word in line]
        for page in layout.pages(downloads["pdf"])
        for line in page.lines
    ]
    for table in content.tables():
        if TEXT in table.kinds():
            continue
        for row in table.rows:
            values = [word for cell in row.cells for word in cell.text.split()]
            assert any(_row_line(line, row.label, values) for line in pdf_lines), (
                table.id,
                row.label,
            )


def _row_line(words: list[str], label: str, values: list[str]) -> bool:
    """A line of the PDF holding a row: the label (or the first line of it) then its values."""
    if not values or words[len(words) - len(values) :] != values:
        return False
    head = words[: len(words) - len(values)]
    return bool(head) and label.split()[: len(head)] == head


@NEEDS_POPPLER
def test_each_value_of_the_pdf_stands_under_its_column_header(downloads, generated, tmp_path):
    content = _content(generated)
    pages = layout.pages(downloads["pdf"])
    pictures = layout.pictures(downloads["pdf"], tmp_path, dpi=144)
    assert len(pictures) == len(pages)
    checked = 0
    for table in content.tables():
        if TEXT in table.kinds():
            continue
        for page_number, page in enumerate(pages):
            found = _table_on(page, table)
            if found is None:
                continue
            picture = Image.open(pictures[page_number]).convert("L")
            scale = picture.width / page.width
            for header_words, value in found:
                assert any(abs(word.x_max - value.x_max) < 2 for word in header_words), (
                    table.id,
                    value.text,
                    [(w.text, round(w.x_max)) for w in header_words],
                    round(value.x_max),
                )
                assert _inked(picture, value, scale), (table.id, value.text)
                checked += 1
    assert checked > 40


def _table_on(page: layout.Page, table):
    """For each value in the rows on this page below the table's caption: the header words
    of its column (right-aligned figures: their right edges) and the value's last word."""
    lines = page.lines
    caption = table.caption.split()
    starts = [i for i, line in enumerate(lines) if [w.text for w in line] == caption]
    if not starts:
        return None
    below = lines[starts[0] + 1 :]
    first_row = next(
        (
            i
            for i, line in enumerate(below)
            if table.rows
            and _row_line(
                [w.text for w in line],
                table.rows[0].label,
                [t for c in table.rows[0].cells for t in c.text.split()],
            )
        ),
        None,
    )
    if first_row is None:
        return None
    header = [word for line in below[:first_row] for word in line]
    found = []
    for row in table.rows:
        tokens = [cell.text.split() for cell in row.cells]
        flat = [t for cell in tokens for t in cell]
        line = next((ln for ln in below if _row_line([w.text for w in ln], row.label, flat)), None)
        if line is None:
            continue
        words = line[len(line) - len(flat) :]
        for column, cell_tokens in enumerate(tokens):
            if not cell_tokens:
                continue
            end = sum(len(t) for t in tokens[: column + 1])
            value = words[end - 1]
            names = set(table.columns[column].split())
            found.append(([w for w in header if w.text in names], value))
    return found


def _inked(picture, word: layout.Word, scale: float) -> bool:
    """Some dark pixels where the word's box is on the rendered page."""
    box = tuple(round(v * scale) for v in (word.x_min, word.y_min, word.x_max, word.y_max))
    return picture.crop(box).getextrema()[0] < 100


@NEEDS_POPPLER
@NEEDS_SOFFICE
@pytest.mark.parametrize("file_format", ["docx", "xlsx"])
def test_printed_from_libreoffice_the_file_keeps_words_whole_and_on_the_page(
    downloads, generated, office_profile, file_format
):
    printed = layout.to_pdf(downloads[file_format], office_profile)
    pages = layout.pages(printed)
    words = {word.text for page in pages for word in page.words}
    for name in LONG_THEMES.values():
        for part in name.split():
            assert part in words, (file_format, part)
    for page in pages:
        for word in page.words:
            assert word.x_min >= 0 and word.x_max <= page.width, (file_format, word)
        for index, word in enumerate(page.words):
            for other in page.words[index + 1 :]:
                assert not word.overlaps(other), (file_format, word, other)
    for table in _content(generated).tables():
        for heading in [table.row_header, *table.columns]:
            for part in heading.split():
                assert part in words, (file_format, table.id, part)
