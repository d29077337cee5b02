"""The guard's public functions: find personal data, redact it, decide what still blocks."""

import functools
import re
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, gettext_lazy

from privacy.detectors import lexicon
from privacy.detectors.addresses import find_addresses
from privacy.detectors.identifiers import find_emails, find_ibans, find_personal_ids
from privacy.detectors.names import find_names
from privacy.detectors.phones import find_phones
from privacy.detectors.spans import SpanSet
from privacy.findings import ALWAYS_BLOCKING, CONFIRMABLE, Finding
from privacy.normalise import Normalised, fold, normalise

LANGUAGES = ("fi", "sv", "en")
# Analysts write memos and proposals in any language whatever the interface language: with
# this value every language's name rules are applied.
ALL_LANGUAGES = "all"
# The longest text the guard reads when the settings do not say (``GUARD_MAX_CHARS``).
DEFAULT_MAX_CHARS = 20000


class TextTooLong(ValidationError):
    """A text longer than the guard reads: refused unread, so that no text, however it was
    crafted, costs more than a bounded amount of work. Forms check their own, smaller limits
    first (``lib.forms``); this is the bound for everything else."""

    def __init__(self, length: int, limit: int, field: str | None = None):
        self.length, self.limit, self.field = length, limit, field
        super().__init__(
            gettext_lazy(
                "The text is %(length)s characters long; the longest text accepted is "
                "%(limit)s characters. Shorten it."
            ),
            code="too_long",
            params={"length": length, "limit": limit},
        )


def max_chars() -> int:
    return getattr(settings, "GUARD_MAX_CHARS", DEFAULT_MAX_CHARS)


def check_length(text: str, field: str | None = None) -> None:
    """Refuse ``text`` if it is longer than the guard reads (``TextTooLong``)."""
    limit = max_chars()
    if len(text) > limit:
        raise TextTooLong(len(text), limit, field)


PLACEHOLDERS = {
    "fi": {
        "personal_id": "[henkilötunnus]",
        "phone": "[puhelinnumero]",
        "email": "[sähköposti]",
        "iban": "[tilinumero]",
        "address": "[osoite]",
        "name": "[nimi]",
    },
    "sv": {
        "personal_id": "[personbeteckning]",
        "phone": "[telefonnummer]",
        "email": "[e-post]",
        "iban": "[kontonummer]",
        "address": "[adress]",
        "name": "[namn]",
    },
    "en": {
        "personal_id": "[personal identity code]",
        "phone": "[phone number]",
        "email": "[e-mail]",
        "iban": "[bank account]",
        "address": "[address]",
        "name": "[name]",
    },
}

# Earlier detectors win where findings overlap: an identity code is never a phone number, and
# the house number of an address never starts a name.
_DETECTORS = (find_personal_ids, find_ibans, find_emails, find_phones, find_addresses)


def normalise_language(language: str | None) -> str:
    """The text's language as "fi", "sv", "en" ("fi-FI" -> "fi") or "all"; otherwise
    "unknown"."""
    code = (language or "").strip().lower().replace("_", "-").split("-")[0]
    return code if code in LANGUAGES or code == ALL_LANGUAGES else "unknown"


def scan(text: str, language: str) -> list[Finding]:
    """Personal data in ``text``, sorted by position and never overlapping.

    ``language`` is the text's language ("fi", "sv" or "en"); with ``ALL_LANGUAGES`` ("all")
    the name rules of all three apply; for any other value the text is read as possibly
    Finnish or Swedish. The detectors read a normalised copy of the text (``normalise``), and
    every finding quotes the original: ``finding.text == text[finding.start:finding.end]``.
    A text longer than ``GUARD_MAX_CHARS`` is refused unread with ``TextTooLong``.
    """
    check_length(text)
    normalised = normalise(text)
    accepted: list[Finding] = []
    taken = SpanSet()
    for detector in _DETECTORS:
        for finding in detector(normalised.text):
            if not taken.overlaps(finding.start, finding.end):
                accepted.append(finding)
                taken.add(finding.start, finding.end)
    accepted.extend(_find_names(normalised.text, normalise_language(language), taken))
    return sorted((_in_original(normalised, f) for f in accepted), key=lambda f: f.start)


def _find_names(text: str, language: str, taken: SpanSet) -> list[Finding]:
    if language != ALL_LANGUAGES:
        return find_names(text, language, taken)
    # The union of every language's names; where two overlap the longer one wins, so
    # "Toivo Virtanen" found by the Finnish rules beats "Virtanen" alone.
    candidates = [
        f
        for code in _languages_in(text)
        for f in find_names(text, code, taken, common_anywhere=True)
    ]
    chosen: list[Finding] = []
    spans = SpanSet()
    for finding in sorted(candidates, key=lambda f: (f.start - f.end, f.start)):
        if not spans.overlaps(finding.start, finding.end):
            chosen.append(finding)
            spans.add(finding.start, finding.end)
    return chosen


_MARKER_WORD = re.compile(r"[^\W\d_]+")


@functools.cache
def _language_markers() -> dict[str, frozenset[str]]:
    markers: dict[str, frozenset[str]] = {}
    for line in (lexicon.DATA_DIR / "language_markers.txt").read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            code, *words = line.split()
            markers[code] = frozenset(words)
    return markers


def _languages_in(text: str) -> tuple[str, ...]:
    """The languages whose ordinary words the text uses; all three when it uses none.

    A memo may mix languages, so every language with a marker word is kept; the name rules of
    a language the text does not use at all only add false alarms ("August" by Finnish rules).
    """
    markers = _language_markers()
    words = {word.casefold() for word in _MARKER_WORD.findall(text)}
    present = tuple(code for code in LANGUAGES if not words.isdisjoint(markers[code]))
    return present or LANGUAGES


def _in_original(normalised: Normalised, finding: Finding) -> Finding:
    if normalised.unchanged:
        return finding
    start, end = normalised.original_span(finding.start, finding.end)
    return Finding(start, end, finding.kind, normalised.original[start:end])


def redact(text: str, findings: Iterable[Finding], language: str) -> str:
    """``text`` with each finding replaced by a placeholder in the text's own language."""
    code = normalise_language(language)
    # Text scanned with every language's rules is shown with Finnish placeholders.
    placeholders = PLACEHOLDERS[code if code in PLACEHOLDERS else "fi"]
    parts: list[str] = []
    position = 0
    for finding in sorted(findings, key=lambda f: f.start):
        if finding.start < position:
            continue  # overlapping input: the earlier placeholder already covers it
        parts.append(text[position : finding.start])
        parts.append(placeholders[finding.kind])
        position = finding.end
    parts.append(text[position:])
    return "".join(parts)


def confirmation_key(finding: Finding) -> str:
    """The key under which a writer's "this is not personal data" is remembered.

    The text is normalised as for scanning and case-folded, so "Toivo", "TOIVO" and "Toi-vo"
    with a soft hyphen share one key.
    """
    return f"{finding.kind}:{fold(finding.text)}"


def unresolved(findings: Iterable[Finding], confirmed_keys: set[str]) -> list[Finding]:
    """Findings that still stop the text from being saved.

    Identity codes, phone numbers, e-mail addresses and account numbers always do; a name or
    an address does until the writer confirms that it is not personal data.
    """
    return [
        f
        for f in findings
        if f.kind in ALWAYS_BLOCKING
        or (f.kind in CONFIRMABLE and confirmation_key(f) not in confirmed_keys)
    ]


def kind_label(kind: str) -> str:
    """A translated, human-readable name for a kind of personal data."""
    labels = {
        "personal_id": gettext("personal identity code"),
        "phone": gettext("phone number"),
        "email": gettext("e-mail address"),
        "iban": gettext("bank account number"),
        "address": gettext("street address"),
        "name": gettext("name"),
    }
    return labels.get(kind, kind)


def voikko_available() -> bool:
    """Whether the Finnish analyser is in use; without it names are found from lists only."""
    return lexicon.voikko_available()
