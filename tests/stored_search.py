"""Where, anywhere in the database, a piece of text is stored.

Every column of every table is read as text: plain and JSON columns directly (JSON both as
stored and with its escapes undone), binary columns as UTF-8 and, for generated report files,
as the text a reader of that format sees (pdftotext for PDF, the XML inside DOCX and XLSX).
The database cache and the sessions are decoded first, since they keep pickled or signed
values. The tests of the "no client data stored" promise call ``places_holding``.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import zipfile

from django.db import connection


def places_holding(needles: list[str]) -> list[str]:
    """``"table.column: needle"`` for each place that holds one of the needles."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            columns = [
                c.name for c in connection.introspection.get_table_description(cursor, table)
            ]
            quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
            cursor.execute(f"SELECT {quoted} FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    text = _readable(table, value)
                    found += [f"{table}.{column}: {n}" for n in needles if n in text]
    return sorted(set(found))


def _readable(table: str, value) -> str:
    if value is None:
        return ""
    if isinstance(value, memoryview | bytes | bytearray):
        return _binary_text(bytes(value))
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    text = str(value)
    if table == "sora_cache":
        return text + _cache_text(text)
    if table == "django_session":
        return text + _session_text(text)
    return text + _json_unescaped(text)


def _json_unescaped(text: str) -> str:
    if text[:1] not in '{["':
        return ""
    try:
        return json.dumps(json.loads(text), ensure_ascii=False)
    except ValueError:
        return ""


def _binary_text(data: bytes) -> str:
    if data.startswith(b"%PDF"):
        pdftotext = shutil.which("pdftotext")
        if pdftotext is None:
            raise RuntimeError("pdftotext (poppler-utils) is needed to read stored PDFs")
        result = subprocess.run([pdftotext, "-", "-"], input=data, capture_output=True, check=True)
        return " ".join(result.stdout.decode("utf-8", "replace").split())
    if data.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = [
                archive.read(name).decode("utf-8", "replace")
                for name in archive.namelist()
                if name.endswith(".xml")
            ]
        return " ".join(parts)
    return data.decode("utf-8", "replace")


def _cache_text(stored: str) -> str:
    import base64
    import pickle

    try:
        value = pickle.loads(base64.b64decode(stored))  # noqa: S301  (our own test database)
    except Exception:
        return ""
    return repr(value)


def _session_text(stored: str) -> str:
    from django.contrib.sessions.backends.db import SessionStore

    try:
        return repr(SessionStore().decode(stored))
    except Exception:
        return ""
