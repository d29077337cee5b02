"""Helpers for files that people open in spreadsheets."""

from lib.text import clean_text

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Keep a spreadsheet from running a text cell as a formula (prefix it with an
    apostrophe) or choking on a control character (take it out)."""
    if not isinstance(value, str):
        return value
    value = clean_text(value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def unsafe_cell(value: str) -> str:
    """Undo ``safe_cell`` when a file Sora wrote is read back."""
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value
