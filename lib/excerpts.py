"""Excerpts of observation texts: how a suggestion is shortened, and whether a quote an analyst
edited is still an excerpt of its observation."""

MAX_CHARS = 300
ELLIPSES = ("…", "...")


def collapse_whitespace(text: str) -> str:
    return " ".join(text.split())


def shorten(text: str, limit: int = MAX_CHARS) -> str:
    """The text on one line, cut at a word boundary before ``limit`` characters, with " …"
    where it was cut."""
    text = collapse_whitespace(text)
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + " …"


def is_excerpt_of(excerpt: str, source: str) -> bool:
    """Whether ``excerpt`` is a piece of ``source`` word for word, once whitespace is collapsed
    in both; an ellipsis at either end (where a piece was cut off) is allowed."""
    core = strip_ellipses(collapse_whitespace(excerpt))
    return bool(core) and core in collapse_whitespace(source)


def strip_ellipses(text: str) -> str:
    """The text without the ellipses that mark where it was cut."""
    changed = True
    while changed:
        changed = False
        for mark in ELLIPSES:
            if text.startswith(mark):
                text, changed = text[len(mark) :].lstrip(), True
            if text.endswith(mark):
                text, changed = text[: -len(mark)].rstrip(), True
    return text
