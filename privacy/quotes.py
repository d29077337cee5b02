"""The strict check for quotes: excerpts of observations shown to readers and recipients.

A text that the guard lets through while it is typed may still be unfit to quote: the writer
may have confirmed a name, and a number written with a space or dots can slip past the
detectors. A quote leaves the people who wrote it, so it must hold nothing of that kind:

- no run of six or more digits, where digits separated only by spaces, dots, dashes or
  slashes count as one run (dates, clock times, years and sums of money excepted);
- nothing that looks like an e-mail address ("@", or "at" between word-like parts followed
  by a domain-like part);
- no finding of any kind by ``privacy.scan``, confirmed names included.

Every rule reads the text after normalisation (Unicode NFKC, invisible format characters
such as zero-width spaces and soft hyphens removed, dashes as "-", whitespace collapsed), so
that a character nobody sees cannot split a number or an address.
"""

import re

from django.utils.translation import gettext

from privacy.enforcement import findings_in
from privacy.guard import kind_label
from privacy.normalise import normalise
from privacy.stored import ALL_LANGUAGES

EMPTY = "empty"
LONG_NUMBER = "long_number"
EMAIL = "email"

MIN_DIGITS = 6

_AT_SIGNS = ("@", "\uff20", "\ufe6b")

# Digits joined by up to three spaces, dots, dashes or slashes are one number to a reader.
_DIGIT_RUN = re.compile(r"\d+(?:[ ./-]{1,3}\d+)*")

_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MONTH = r"(?:0?[1-9]|1[0-2])"
_YEAR = r"(?:19|20)\d\d"
_DOTTED_DATE = rf"{_DAY}\.(?: ?{_MONTH}\.?(?: ?{_YEAR})?)?"
_ISO_DATE = rf"{_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])"
_SLASHED_DATE = rf"{_DAY}/{_MONTH}/{_YEAR}"
_TIME = r"(?:[01]?\d|2[0-3])\.[0-5]\d"
_WHEN = rf"(?:{_ISO_DATE}|{_SLASHED_DATE}|{_DOTTED_DATE}|{_YEAR}|{_TIME})"
# "12.3.2026", "1.1.-31.3.2026", "2020-2025", "8.00-16.00": dates, years and times.
_DATES = re.compile(rf"{_WHEN}(?: ?- ?{_WHEN})*")
# "1 200 000", "15000", "1 234.50": a sum, when a currency follows it.
_AMOUNT = re.compile(r"[1-9]\d{0,2}(?:[ .]\d{3})+(?:\.\d\d)?|[1-9]\d*(?:\.\d\d)?")
_CURRENCY_AFTER = re.compile(
    r"(?:,\d{1,2})? ?(?:€|\$|£|e\b|eur\b|euro|mk\b|kr\b|kronor|sek\b)", re.IGNORECASE
)
_CURRENCY_BEFORE = re.compile(r"(?:€|\$|£|eur) ?$", re.IGNORECASE)

_DOT_WORD = r"(?:dot|piste|punkt)"
_AT_WORD = r"(?:at|ät)"
_AT = rf"(?:\({_AT_WORD}\)|\[{_AT_WORD}\]|\{{{_AT_WORD}\}}|<{_AT_WORD}>|\b{_AT_WORD}\b)"
_DOT = rf"(?:\.| ?(?:\({_DOT_WORD}\)|\[{_DOT_WORD}\]|\b{_DOT_WORD}\b) ?)"
# "matti at example.fi", "matti (at) example (dot) fi": a domain-like part ends in letters.
_EMAIL_LIKE = re.compile(rf"[\w.+-]+ ?{_AT} ?(?:[\w-]+{_DOT})+[^\W\d_]{{2,}}\b", re.IGNORECASE)


def quote_problems(text: str, language: str) -> list[str]:
    """Why ``text`` may not be quoted, as codes (``empty``, ``long_number``, ``email`` and
    the guard's kinds, such as ``name``); an empty list when it may be quoted."""
    normalised = _normalised(text)
    if not normalised:
        return [EMPTY]
    problems = []
    if _has_long_number(normalised):
        problems.append(LONG_NUMBER)
    if any(sign in normalised for sign in _AT_SIGNS) or _EMAIL_LIKE.search(normalised):
        problems.append(EMAIL)
    # Every language's rules, as where the quote is stored: a quote travels to readers of
    # any language.
    for source in dict.fromkeys((text, normalised)):
        problems += [finding.kind for finding in findings_in(source, ALL_LANGUAGES)]
    return list(dict.fromkeys(problems))


def is_quotable(text: str, language: str) -> bool:
    return not quote_problems(text, language)


def problem_messages(codes: list[str]) -> list[str]:
    """The problems in words, translated, in the order of the codes."""
    return [_message(code) for code in codes]


def _message(code: str) -> str:
    if code == EMPTY:
        return gettext("The quote is empty.")
    if code == LONG_NUMBER:
        return gettext(
            "The quote has a number of six or more digits, which could be an identity code, "
            "a phone number or a customer number. Leave the number out."
        )
    if code == EMAIL:
        return gettext("The quote has something that looks like an e-mail address. Leave it out.")
    if code == "name":
        return gettext(
            "The quote has a name. A quote may not hold any name, not even one confirmed as "
            "harmless. Leave it out."
        )
    return gettext("The quote has personal data (%(kind)s). Leave it out.") % {
        "kind": kind_label(code)
    }


def _normalised(text: str) -> str:
    return " ".join(normalise(text).text.split())


def _has_long_number(text: str) -> bool:
    for match in _DIGIT_RUN.finditer(text):
        run = match.group()
        if sum(char.isdigit() for char in run) < MIN_DIGITS:
            continue
        if _DATES.fullmatch(run) or _is_sum(run, text[: match.start()], text[match.end() :]):
            continue
        return True
    return False


def _is_sum(run: str, before: str, after: str) -> bool:
    if not _AMOUNT.fullmatch(run):
        return False
    return bool(_CURRENCY_AFTER.match(after) or _CURRENCY_BEFORE.search(before))
