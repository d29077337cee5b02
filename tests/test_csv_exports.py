"""Every CSV file Sora writes opens safely in a spreadsheet set to Finnish: ``;`` between
cells, a UTF-8 byte order mark, and no cell (nor any piece of one a spreadsheet could split
off at another separator) that starts a formula, however hostile the stored text."""

import csv
import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from lib.exports import BOM, CsvWriter, csv_cell, safe_cell, unsafe_cell
from lib.text import clean_text
from reporting.models import Observation, Theme
from reporting.tests.factories import ObservationFactory

# Each starts a formula somewhere: at the start, after spaces, tabs, line breaks, quotation
# marks, or after a separator that a spreadsheet with another list separator splits at.
HOSTILE = [
    "=1+1",
    "+1+1",
    "-1+1",
    "@SUM(A1:A9)",
    '=HYPERLINK("http://x.invalid","klikkaa")',
    "=cmd|' /C calc'!A0",
    "  =1+1",
    "\t=1+1",
    "\r=1+1",
    '"=1+1"',
    "“=1+1”",
    "'=1+1",
    "Asuminen;=1+1",
    "Asuminen; =1+1",
    'Asuminen;"=1+1"',
    "Asuminen,=1+1",
    "Asuminen,  -1+1",
    "Asuminen\t@SUM(A1)",
    "Asuminen\n=1+1",
    "Asuminen;;;+1",
    "＝1+1",
]
SIGNS = "=+-@＝＋－＠"
_NUMBER = re.compile(r"[-+]?\d+(?:[.,]\d+)?")


def formula_cells(text: str) -> list[str]:
    """Cells that a spreadsheet could run, whichever separator it splits the file at."""
    found = []
    for separator in (";", ",", "\t"):
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=separator):
            for cell in row:
                for line in cell.split("\n"):
                    start = line.lstrip(' \t"“”„«»')
                    if start and start[0] in SIGNS and not _NUMBER.fullmatch(start):
                        found.append(cell)
    return found


@pytest.mark.parametrize("hostile", HOSTILE)
def test_no_piece_of_a_hostile_cell_starts_a_formula(hostile):
    out = io.StringIO()
    CsvWriter(out).writerow(["teema", hostile, 3, 1.5])
    text = out.getvalue()
    assert text.startswith(BOM)
    assert formula_cells(text[1:]) == []
    (row,) = csv.reader(io.StringIO(text[1:], newline=""), delimiter=";")
    assert row[2:] == ["3", "1,5"]  # a decimal comma, as a Finnish spreadsheet reads it
    assert unsafe_cell(row[1]) == clean_text(hostile)


def test_ordinary_text_is_left_as_it_is():
    for text in ["Asumisen huolet kasvoivat", "Kulut 2025-2026", "A-klinikka", "1 + 1 = 2"]:
        assert safe_cell(text) == text
    assert csv_cell(None) == "" and csv_cell(-3) == "-3"


def test_the_codebook_download_is_safe_and_reads_back(client, analyst):
    for number, hostile in enumerate(HOSTILE):
        Theme.objects.create(code=f"vaarallinen-{number}", name_fi=hostile.strip() or "x")
    client.force_login(analyst)
    response = client.get(reverse("analysis:codebook_export"))
    text = response.content.decode("utf-8")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert text.startswith(BOM + "code;parent;name_fi;")
    assert formula_cells(text[1:]) == []

    from analysis.codebook import import_csv

    names = dict(Theme.objects.values_list("code", "name_fi"))
    Theme.objects.filter(code__startswith="vaarallinen-").update(name_fi="muutettu")
    report = import_csv(io.StringIO(text, newline=""))
    assert report.errors == []
    assert dict(Theme.objects.values_list("code", "name_fi")) == names


def test_the_observation_export_is_safe_and_reads_back(tmp_path, org_a):
    texts = [f"Havainto {n}: {hostile}" for n, hostile in enumerate(HOSTILE)]
    for text in texts:
        ObservationFactory(organisation=org_a, text=text)
    kept = sorted(clean_text(t) for t in texts)
    path = tmp_path / "havainnot.csv"
    call_command("export_observations", output=str(path))
    raw = path.read_bytes()
    assert raw.startswith(BOM.encode("utf-8"))
    text = raw.decode("utf-8")[1:]
    assert text.startswith("external_id;text;language;")
    assert formula_cells(text) == []

    Observation.objects.all().delete()
    call_command("import_observations", str(path), stdout=io.StringIO())
    assert sorted(Observation.objects.values_list("text", flat=True)) == kept


def test_the_report_csv_is_safe(org_a):
    from reports.build import build_content
    from reports.definition import Definition
    from reports.outputs import render
    from reports.periods import parse_period
    from reports.tests.conftest import observe

    theme = Theme.objects.create(code="vaarallinen", name_fi="Asuminen;=1+1")
    for _ in range(6):
        observe(org_a, themes=(theme.code,))
    content = build_content(Definition(period=parse_period("2026Q3"), language="fi"))
    data = render(content, "csv")
    assert data.startswith(BOM.encode("utf-8"))
    text = data.decode("utf-8")[1:]
    assert text.split("\r\n", 1)[0] == "taulukko;rivi;sarake;arvo"
    assert formula_cells(text) == []
    assert "Asuminen;'=1+1" in {row[1] for row in csv.reader(io.StringIO(text), delimiter=";")}
