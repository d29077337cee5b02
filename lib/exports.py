"""Helpers for files that people open in spreadsheets.

Sora's CSV files are written for a spreadsheet set to Finnish: cells separated by ``;``
(Finnish Excel's list separator, as the comma is the decimal sign), decimals with a comma,
and a UTF-8 byte order mark so that "ä" and "ö" come out right. Every text cell passes
``safe_cell``; files read back pass ``unsafe_cell`` and ``read_csv`` (either separator).
"""

import csv
import io
import re

from lib.text import clean_text

SEPARATOR = ";"
BOM = "\ufeff"
CONTENT_TYPE = "text/csv; charset=utf-8"

# A spreadsheet reads a cell as a formula when it starts with one of these, also after
# spaces, tabs, line breaks and quotation marks, and also after a separator inside the cell
# (a file opened with another separator splits the cell there).
FORMULA_SIGNS = "=+\\-@\uff1d\uff0b\uff0d\uff20"
_CELL_SEPARATORS = ",;\t\n\r"
_LEADING = "[\\s\"'\u2018\u2019\u201a\u201c\u201d\u201e\u00ab\u00bb]*"
_RISKY = re.compile(f"(^|[{_CELL_SEPARATORS}])({_LEADING})(?=[{FORMULA_SIGNS}])")
_NEUTRALISED = re.compile(f"(^|[{_CELL_SEPARATORS}])({_LEADING})'(?=[{FORMULA_SIGNS}])")


def safe_cell(value):
    """Keep a spreadsheet from running any part of a text cell as a formula (an apostrophe
    goes before every formula sign that could start one) or choking on a control character
    (taken out). Other values are returned as they are."""
    if not isinstance(value, str):
        return value
    return _RISKY.sub(r"\1\2'", clean_text(value))


def unsafe_cell(value: str) -> str:
    """Undo ``safe_cell`` when a file Sora wrote is read back."""
    return _NEUTRALISED.sub(r"\1\2", value)


def csv_cell(value) -> str:
    """A value as a cell of Sora's CSV files: text through ``safe_cell``, decimals with a
    comma, nothing as an empty cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return repr(value).replace(".", ",")
    if isinstance(value, int):
        return str(value)
    return safe_cell(str(value))


class CsvWriter:
    """``csv.writer`` for Sora's files: the separator, the byte order mark, safe cells."""

    def __init__(self, out, *, bom: bool = True):
        if bom:
            out.write(BOM)
        self.writer = csv.writer(out, delimiter=SEPARATOR)

    def writerow(self, values) -> None:
        self.writer.writerow([csv_cell(value) for value in values])


def read_csv(handle) -> csv.DictReader:
    """Rows of a CSV file as dictionaries, whichever separator it uses (``;``, ``,`` or a
    tab, judged from the header line) and with or without a byte order mark."""
    text = handle.read()
    if text.startswith(BOM):
        text = text[1:]
    header = text.split("\n", 1)[0]
    separator = max((";", ",", "\t"), key=header.count)
    return csv.DictReader(io.StringIO(text, newline=""), delimiter=separator)
