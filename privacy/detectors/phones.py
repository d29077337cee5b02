"""Phone numbers in the notations people actually type.

Writers copy numbers from many sources, and some of them are not valid under the numbering
plan (a digit missing, an old area code), so the shape decides: a run of digit groups that
starts like a Finnish or international number, has a plausible length and is not a date,
business ID, amount or time. ``phonenumbers`` settles numbers with a foreign country code.
"""

import functools
import re
from collections.abc import Iterator

import phonenumbers

from privacy.findings import Finding

# Digit groups joined by a space, a line break, a hyphen (" - " too), a slash or a dot, with
# optional "(0)" or "(014)" groups and a leading "+" or "(+358)". The detectors read a
# normalised copy, so tabs, double spaces, invisible characters and dash variants are already
# plain single spaces and hyphens here. Not glued to a word, a decimal comma or a slash.
_SEPARATOR = r"(?:\s?[-/]\s?|\.|\s)"
_RUN = re.compile(
    r"(?<![\w,/+\-])(?<!\d[.:])"
    r"(?:\(\+?\d{1,4}\)|\+\d{1,4}|\d+)"
    rf"(?:{_SEPARATOR}?(?:\(\d{{1,4}}\)|\d+))*"
)
_GROUP = re.compile(r"\(\+?\d+\)|\+\d+|\d+")

# Right after a number these mean an amount, a share, a time or a range, not a phone.
_AFTER_REJECT = re.compile(
    r"[\w]|[.,:/]\d"
    r"|[ \u00a0]?(?:€|\$|£|%|e(?![\w-])|eur\b|euro|kr\b|kronor|prosent|procent|percent)",
    re.IGNORECASE,
)
_PHONE_WORDS = re.compile(
    r"(?:puh|puhelin|numero|gsm|matkapuh|kännykkä|soita|soitti|tekstaa|tel|telefon|nummer"
    r"|mobil|ring|phone|mobile|call|cell|text)\w*[.:]?\s*(?:on\s+|är\s+|is\s+|nro\s+)?$",
    re.IGNORECASE,
)
_OTHER_NUMBER_WORDS = re.compile(
    r"(?:viite|diaari|dnro|asiakasnumero|asiakasnro|laskun|tilaus|y-tunnus|ytunnus|referens"
    r"|ärende|org\.?nr|fo-nummer|invoice|reference|case|isbn|issn|§|pykälä|klo|kello|kl"
    r"|y-tunnu|ytunnu|asianumero|asianro|kustannuspaik|konto|account|cost"
    r"|päätös|beslut|decision)\w*[.:]?\s*(?:on\s+|är\s+|is\s+|nro\s+|n:o\s+)?$",
    re.IGNORECASE,
)
_DATE = re.compile(r"(\d{1,2})([-./])(\d{1,2})\2(\d{2}|\d{4})")
# "0123/2024": a case or decision number ends in a year after a slash.
_SEPARATORS = re.compile(r"\d[\s/-]+\d")
_YEAR_AFTER_SLASH = re.compile(r".*/\s?(?:19|20)\d\d")
# "358 40 123 4567": a Finnish mobile number with the country code but no "+".
_COUNTRY_CODE_WITHOUT_PLUS = re.compile(r"358[\s.-]?(?:4\d|50)")
_BUSINESS_ID = re.compile(r"\d{7}-\d")
_HETU_LIKE = re.compile(r"\d{6}-\d{4}")

_NATIONAL_DIGITS = range(7, 13)
_PLAIN_DIGITS = range(7, 13)
_INTERNATIONAL_DIGITS = range(7, 16)
_CONTEXT_CHARS = 32


def find_phones(text: str) -> Iterator[Finding]:
    for run in _RUN.finditer(text):
        if len(run.group()) < min(_NATIONAL_DIGITS):
            continue  # too few characters to hold a number: years, counts, sums
        if _AFTER_REJECT.match(text, run.end()) or _BUSINESS_ID.fullmatch(run.group()):
            continue
        yield from _phones_in_run(text, run.start(), run.group())


def _phones_in_run(text: str, offset: int, run: str) -> Iterator[Finding]:
    """Split a run of digit groups into numbers; two numbers may stand side by side.

    The work per group is bounded: only candidates of a plausible length are judged, and a
    number without a trunk prefix or "+" can open only the run, where a word such as "puh."
    can stand before it. A long run of digit groups therefore costs linear time.
    """
    groups = list(_GROUP.finditer(run))
    totals = [0]
    for group in groups:
        totals.append(totals[-1] + _digit_count(group.group()))
    first = 0
    while first < len(groups):
        opening = groups[first].group().lstrip("(")
        if first > 0 and not opening.startswith(("0", "+")):
            first += 1
            continue
        last = _last_group_within_length(groups, totals, first)
        while last >= first:
            digits = totals[last + 1] - totals[first]
            start, end = groups[first].start(), groups[last].end()
            if digits >= min(_NATIONAL_DIGITS) and _is_phone(text, offset + start, run[start:end]):
                yield Finding(offset + start, offset + end, "phone", run[start:end])
                break
            last -= 1
        first = max(last, first) + 1


def _last_group_within_length(groups: list[re.Match[str]], totals: list[int], first: int) -> int:
    last = first
    limit = max(_INTERNATIONAL_DIGITS) + 2
    while last + 1 < len(groups) and totals[last + 2] - totals[first] <= limit:
        last += 1
    # A lone trailing digit after a space is a count ("040 1234567 2 kertaa"), not the number.
    if last > first and len(groups[last].group()) == 1:
        last -= 1
    return last


def _digit_count(value: str) -> int:
    return sum(ch.isdigit() for ch in value)


def _is_phone(text: str, start: int, candidate: str) -> bool:
    if _looks_like_other_number(candidate):
        return False
    before = text[max(0, start - _CONTEXT_CHARS) : start]
    digits = _digit_count(candidate)
    if candidate.startswith(("+", "(+")) or candidate.startswith("00"):
        return _is_international(candidate)
    if _OTHER_NUMBER_WORDS.search(before):
        return False
    if candidate.lstrip("(").startswith("0"):
        return digits in _NATIONAL_DIGITS
    if _COUNTRY_CODE_WITHOUT_PLUS.match(candidate) and digits in (11, 12):
        return _is_international("+" + candidate)
    return digits in _PLAIN_DIGITS and bool(_PHONE_WORDS.search(before))


def _looks_like_other_number(candidate: str) -> bool:
    if _BUSINESS_ID.fullmatch(candidate) or _HETU_LIKE.fullmatch(candidate):
        return True
    if _YEAR_AFTER_SLASH.fullmatch(candidate):
        return True
    if "." in candidate and _SEPARATORS.search(candidate.replace("(", "").replace(")", "")):
        # Dots and other separators in one number: a date or time beside another number.
        return True
    date = _DATE.fullmatch(candidate)
    return bool(date) and 1 <= int(date.group(1)) <= 31 and 1 <= int(date.group(3)) <= 12


# Parsing is the dearest step; a run of repeated groups asks about the same candidates again.
@functools.lru_cache(maxsize=4096)
def _is_international(candidate: str) -> bool:
    compact = (
        candidate.replace("(+", "+").replace(")", " ", 1) if candidate[:2] == "(+" else candidate
    )
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    compact = compact.replace("\n", " ")  # phonenumbers rejects a line break
    if _digit_count(compact) not in _INTERNATIONAL_DIGITS:
        return False
    try:
        number = phonenumbers.parse(compact, None)
    except phonenumbers.NumberParseException:
        return False
    if number.country_code == 358:
        # Finnish numbers written with the country code; the digits after it are checked by
        # length only, since real numbers are often copied with an extra or missing digit.
        return 5 <= len(str(number.national_number)) <= 12
    return phonenumbers.is_possible_number(number)
