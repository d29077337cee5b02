"""Helpers for content that organisations enter in several languages."""

from django.utils.translation import get_language

FALLBACK_ORDER = ("fi", "sv", "en")


def current_language() -> str:
    language = (get_language() or "fi").split("-")[0]
    return language if language in FALLBACK_ORDER else "fi"


def translated(obj: object, field: str, language: str | None = None) -> str:
    """Return ``obj.<field>_<language>``, falling back to the first filled language.

    Organisations write names in Finnish first; a missing Swedish or English
    translation shows the Finnish text rather than an empty label.
    """
    wanted = language or current_language()
    for code in (wanted, *FALLBACK_ORDER):
        value = getattr(obj, f"{field}_{code}", "")
        if value:
            return value
    return ""
