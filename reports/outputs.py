"""One report content, every format: an HTML document, PDF, DOCX, XLSX, CSV and JSON.

Each renderer prints the same shown cells (``Cell.text``; numbers where a spreadsheet needs
numbers), so every format carries the same figures and the same suppression.
"""

from __future__ import annotations

import base64
import dataclasses
import io
import json
import logging
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from lib.exports import CsvWriter
from lib.text import clean_text
from reports.content import CHANGE, COUNT, MEASURE, PERCENT, Content
from reports.spreadsheet import xlsx
from reports.word import docx

# WeasyPrint reports every layout step at INFO; the log should show only what went wrong.
for _name in ("weasyprint", "weasyprint.progress", "fontTools"):
    logging.getLogger(_name).setLevel(logging.WARNING)

CSS = Path(__file__).resolve().parent / "static" / "reports" / "document.css"
NUMERIC = {COUNT, CHANGE, MEASURE, PERCENT}
LOGO_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
}
MEDIA_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}


def render(content: Content, file_format: str) -> bytes:
    with translation.override(content.language):
        return RENDERERS[file_format](_printable(content))


def _printable(value):
    """The content with control characters taken out of every text. New texts lose them at
    the enforcement point, but a text stored earlier may still hold one, and XML-based formats
    (DOCX, XLSX, the PDF's HTML) refuse them outright."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list | tuple):
        return type(value)(_printable(item) for item in value)
    if isinstance(value, dict):
        return {key: _printable(item) for key, item in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _printable(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return dataclasses.replace(value, **changes)
    return value


def html_document(content: Content) -> bytes:
    context = {"content": content, "css": CSS.read_text(encoding="utf-8"), "logo": _logo_uri()}
    return render_to_string("reports/document.html", context).encode("utf-8")


def _logo_uri() -> str:
    """The county's logo (``SORA_COUNTY_LOGO``) inside the document, which must stand alone."""
    path = settings.SORA_COUNTY_LOGO
    if not path:
        return ""
    data = base64.b64encode(Path(path).read_bytes()).decode("ascii")
    return f"data:{LOGO_TYPES[Path(path).suffix.lower()]};base64,{data}"


def pdf(content: Content) -> bytes:
    """Tagged and identified as PDF/UA-1, so a screen reader can trust its structure."""
    from weasyprint import HTML

    document = HTML(string=html_document(content).decode("utf-8"), base_url=str(CSS.parent))
    return document.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True, presentational_hints=True)


def csv_file(content: Content) -> bytes:
    """Every table in one long file: table, row, column, value (the shown marker where a
    count is hidden)."""
    buffer = io.StringIO()
    writer = CsvWriter(buffer)
    writer.writerow([_("table"), _("row"), _("column"), _("value")])
    for table in content.tables():
        for row in table.rows:
            for column, cell in zip(table.columns, row.cells, strict=True):
                value = cell.value if cell.value is not None and cell.kind in NUMERIC else cell.text
                writer.writerow([table.caption, row.label, column, value])
    return buffer.getvalue().encode("utf-8")


def json_file(content: Content) -> bytes:
    """The report's aggregates as open data: every table, hidden counts as null."""
    data = {
        "title": content.title,
        "subtitle": content.subtitle,
        "language": content.language,
        "suppression_threshold": content.threshold,
        "tables": [
            {
                "id": table.id,
                "caption": table.caption,
                "row_header": table.row_header,
                "columns": table.columns,
                "rows": [
                    {
                        "label": row.label,
                        "cells": [{"text": c.text, "value": c.value} for c in row.cells],
                    }
                    for row in table.rows
                ],
                "note": table.note,
            }
            for table in content.tables()
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


RENDERERS = {
    "html": html_document,
    "pdf": pdf,
    "docx": docx,
    "xlsx": xlsx,
    "csv": csv_file,
    "json": json_file,
}
FORMATS = tuple(RENDERERS)
