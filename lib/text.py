"""Text hygiene every app needs: control characters out, line breaks as one kind."""

import re

# C0 and C1 control characters other than the tab and the line feed, lone surrogates (which
# no database can store) and the non-characters U+FFFE/U+FFFF.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85]")


def clean_text(text: str) -> str:
    """The text with line breaks as "\\n" and control characters removed.

    Pasted text carries them (a form feed, a NUL from a PDF); they break PostgreSQL, XML-based
    formats and spreadsheets, and can hide an identifier from the personal-data guard."""
    return _CONTROL.sub("", _LINE_BREAKS.sub("\n", text))
