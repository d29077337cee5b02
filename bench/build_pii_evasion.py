"""Build the careless-writing evaluation sets of the personal-data guard from their sources.

    .venv/bin/python bench/build_pii_evasion.py [--check]

Reads `privacy/tests/data/pii-evasion.src.txt` and `pii-heldout.src.txt` and writes
`pii-evasion.jsonl` and `pii-heldout.jsonl` beside them, one text a line:
`{"id", "lang", "text", "spans": [{"start", "end", "kind", "form"}], "negative"}`. With
`--check` nothing is written: it only says whether the JSONL files match their sources.

Source format (one file holds many texts):

- `@@ fi` starts a text with personal data in Finnish (`sv`, `en` likewise);
  `@@ fi clean=dates` starts a clean text and names its hard-negative category.
- The lines up to the next `@@` are the text; blank lines around it are dropped, line breaks
  inside it are kept. Lines starting with `#` are comments.
- `[[kind/form|as typed]]` marks a span of personal data written in a given form.
- Escapes, inside spans and out: `\\n` line break, `\\t` tab, `\\uXXXX` any character,
  `\\\\` a backslash. Invisible and look-alike characters (zero-width, soft hyphen,
  non-breaking space or hyphen, minus sign) and raw tabs must be written as escapes so that
  the source shows what the text holds.

The build stops at the first problem with the source line it comes from: an unknown kind,
form or category, a clean text with spans, an identity code without a real date or with a
check character that does not fit its form, an IBAN that is not valid once its separators
are removed, a text written twice.
"""

import argparse
import datetime
import json
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from stdnum import iban

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "privacy" / "tests" / "data"
SETS = {"evasion": ("pii-evasion", "eva"), "heldout": ("pii-heldout", "hold")}
LANGUAGES = ("fi", "sv", "en")

FORMS: dict[str, dict[str, str]] = {
    "personal_id": {
        "plain": "010190-123A as printed",
        "space_sign": "a space in place of the century sign",
        "spaced_sign": "a sign with spaces around it: 010190 - 123A",
        "unicode_dash": "en dash, em dash, minus sign or non-breaking hyphen as the sign",
        "dot_sign": "a dot as the sign: 010190.123A",
        "slash_sign": "a slash as the sign",
        "no_sign": "no sign at all: 010190123A",
        "fullwidth": "full-width digits (and letters)",
        "invisible_char": "a zero-width space or joiner or a soft hyphen inside",
        "line_break": "a line break before or after the sign",
        "lowercase_check": "a lower-case check character (and sign)",
        "grouped_digits": "spaces between the digit pairs: 01 01 90-123A",
        "new_century_sign": "the signs B-F and Y X W V U in use since 2023",
        "wrong_check": "a real date and a mistyped check character",
        "glued": "stuck to the word before or after it",
    },
    "phone": {
        "plain": "040 123 4567, 040-1234567, +358 40 123 4567",
        "dots": "040.123.4567",
        "slashes": "040/1234567",
        "double_space": "two spaces between groups",
        "tab": "a tab between groups",
        "invisible_char": "a zero-width space, soft hyphen or non-breaking space inside",
        "parentheses": "(040) 123 4567",
        "plus358_zero": "+358 (0)40 ...",
        "intl_00": "00358 ...",
        "fullwidth": "full-width digits",
        "en_dash": "en dashes between groups",
        "line_break": "split by a line break",
        "after_word": "glued to or right after puh, tel, p., nro, gsm, mob",
        "digit_pairs": "digits in pairs: 040 12 34 56 7",
        "foreign": "a number of another country",
    },
    "email": {
        "plain": "name@domain.fi",
        "at_spaced": "name @ domain.fi",
        "at_paren": "(at)",
        "at_bracket": "[at]",
        "at_brace": "{at}",
        "at_word": "' at ' as a word",
        "at_umlaut_paren": "(ät)",
        "at_a_paren": "(a)",
        "at_umlaut_word": "' ät ' as a word",
        "at_fullwidth": "the full-width sign ＠",
        "dot_word": "piste, punkt, dot, (dot) or [dot] for the dot",
        "spelled_out": "every sign spelled out: matti piste virtanen at gmail piste com",
        "uppercase": "in capitals",
    },
    "iban": {
        "grouped": "grouped by four as printed",
        "no_spaces": "no separators at all",
        "dashes": "dashes between the groups",
        "double_space": "two spaces between some groups",
        "lowercase": "in lower case",
        "line_break": "split by a line break",
        "irregular_groups": "grouped unevenly",
        "foreign": "an account of another country",
    },
    "address": {
        "capitalised": "Kauppakatu 5 B 12",
        "lowercase": "kauppakatu 5 b 12",
        "uppercase": "KAUPPAKATU 5 B 12",
        "inflected": "Kauppakadulla 12 A 3",
        "postal_town": "with postal code and town",
        "swedish": "a Swedish street name: Storgatan 12",
        "as_lgh": "with as. or lgh before the flat",
        "lowercase_town": "postal code with a lower-case town",
        "abbreviated_street": "the street word shortened: Hämeenk. 12",
        "multiword_street": "a street name of two words: Vanha Porvoontie 12",
    },
    "name": {
        "capitalised": "Matti Virtanen",
        "lowercase": "matti virtanen",
        "uppercase": "MATTI VIRTANEN",
        "surname_first": "Virtanen Matti",
        "inflected": "Virtaselle, Matin",
        "initial_surname": "H. Toroska, m. virtanen",
        "first_name_context": "a first name alone in context: asiakas Aino (16 v.)",
        "foreign": "names from outside the Nordic countries: Yusuf Abdi",
        "swedish": "Swedish names",
        "english_text": "a name inside English text",
        "hyphenated": "double names: Anna-Liisa Mäki-Korpela",
        "title_surname": "a title or role with a surname: rouva Virtanen, Mr Lindqvist",
    },
}

NEGATIVES: dict[str, str] = {
    "dates": "dates in many notations",
    "clock_times": "clock times and opening hours",
    "decision_refs": "decision references: § 45, Hallitus 12.3.2024 § 58",
    "case_numbers": "case, record and diary numbers",
    "business_ids": "business IDs (Y-tunnus, FO-nummer)",
    "sums": "sums of money",
    "percentages": "percentages and shares",
    "isbn": "ISBNs and ISSNs",
    "bus_lines": "bus and tram lines",
    "room_numbers": "room, ward and floor numbers",
    "name_days": "name days",
    "postal_like_counts": "five-digit counts and figures",
    "phone_like_stats": "statistics that look like phone numbers",
    "years_ranges": "years and ranges of years",
    "thl_codes": "THL indicator and classification codes",
    "law_refs": "law references: 1301/2014, 7 §",
    "reference_numbers": "payment reference and invoice numbers",
    "named_institutions": "institutions and projects with person-like names",
    "place_surnames": "place names that are also surnames",
    "name_word_line_start": "ordinary words that are also first names, at a line's start",
    "allcaps_headings": "headings in capitals",
    "lowercase_sentences": "ordinary sentences typed in lower case",
    "measurements": "clinical measurements and doses",
    "web_addresses": "web addresses of services",
}

# Characters that look like nothing or like another character: the source must spell them.
MUST_ESCAPE = {
    "\u00a0",
    "\u00ad",
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\ufeff",
    "\u2011",
    "\u2212",
    "\u202f",
    "\t",
}
SPAN = re.compile(r"\[\[(?P<kind>[a-z_]+)/(?P<form>[a-z0-9_]+)\|(?P<body>.*?)\]\]")
ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|n|t|\\)|\\")
HEADER = re.compile(r"@@ (?P<lang>\S+)(?: clean=(?P<negative>\S+))?\s*$")
CHECK_CHARACTERS = "0123456789ABCDEFHJKLMNPRSTUVWXY"
CENTURIES = {"+": 1800, "-": 1900, "A": 2000}
CENTURIES.update(dict.fromkeys("YXWVU", 1900))
CENTURIES.update(dict.fromkeys("BCDEF", 2000))
INVISIBLE = re.compile(r"[\s\u00ad\u200b-\u200d\u2060\ufeff]")
DASHES = re.compile(r"[\u2010-\u2015\u2212]")
SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212\u00ad\u200b-\u200d\u2060\ufeff]")


class SourceError(ValueError):
    pass


@dataclass
class Draft:
    lang: str
    negative: str | None
    line: int
    body: list[str]


def _decode(raw: str, line: int) -> str:
    def replace(match: re.Match) -> str:
        code = match.group(1)
        if code is None:
            raise SourceError(f"line {line}: a lone backslash; write \\\\ for one")
        if code.startswith("u"):
            return chr(int(code[1:], 16))
        return {"n": "\n", "t": "\t", "\\": "\\"}[code]

    return ESCAPE.sub(replace, raw)


def _drafts(source: str) -> list[Draft]:
    drafts: list[Draft] = []
    for number, line in enumerate(source.splitlines(), start=1):
        hidden = sorted({f"U+{ord(c):04X}" for c in line if c in MUST_ESCAPE})
        if hidden:
            raise SourceError(f"line {number}: write {', '.join(hidden)} as an escape")
        if line != line.rstrip():
            raise SourceError(f"line {number}: trailing whitespace; write it as an escape")
        if line.startswith("#"):
            continue
        if line.startswith("@@"):
            header = HEADER.match(line)
            if not header:
                raise SourceError(f"line {number}: a header is '@@ fi' or '@@ fi clean=dates'")
            drafts.append(Draft(header["lang"], header["negative"], number, []))
        elif drafts:
            drafts[-1].body.append(line)
        elif line.strip():
            raise SourceError(f"line {number}: text before the first @@ header")
    return drafts


def _parse_body(draft: Draft) -> tuple[str, list[dict]]:
    lines = list(draft.body)
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    raw = "\n".join(lines)
    text, spans, position = "", [], 0
    for match in SPAN.finditer(raw):
        text += _decode(raw[position : match.start()], draft.line)
        body = _decode(match["body"], draft.line)
        spans.append(
            {
                "start": len(text),
                "end": len(text) + len(body),
                "kind": match["kind"],
                "form": match["form"],
            }
        )
        text += body
        position = match.end()
    text += _decode(raw[position:], draft.line)
    if "[[" in text or "]]" in text:
        raise SourceError(f"text at line {draft.line}: a span is not closed or malformed")
    return text, spans


def _real_date(digits: str, sign: str | None) -> bool:
    day, month, year = int(digits[:2]), int(digits[2:4]), int(digits[4:6])
    centuries = [CENTURIES[sign]] if sign in CENTURIES else [1900, 2000]
    for century in centuries:
        try:
            datetime.date(century + year, month, day)
        except ValueError:
            continue
        return True
    return False


def _check_personal_id(typed: str, form: str) -> str | None:
    """Say what is wrong with an identity code as typed, or None when it is well made."""
    folded = DASHES.sub("-", INVISIBLE.sub("", unicodedata.normalize("NFKC", typed))).upper()
    code = re.fullmatch(r"(\d{6})([-+A-FU-Y./]?)(\d{3})([0-9A-Z])", folded)
    if not code:
        return f"{typed!r} is not ddmmyy, sign, three digits and a check character"
    digits, sign, individual, check = code.groups()
    if not _real_date(digits, sign):
        return f"{typed!r} has no real birth date"
    right = CHECK_CHARACTERS[int(digits + individual) % 31]
    if (check == right) == (form == "wrong_check"):
        return f"{typed!r}: check character {check}, the right one is {right}"
    return None


def _check_span(kind: str, form: str, typed: str) -> str | None:
    if kind not in FORMS:
        return f"unknown kind {kind!r}"
    if form not in FORMS[kind]:
        return f"unknown form {form!r} of {kind}"
    if not typed.strip() or typed != typed.strip():
        return f"span {typed!r} is empty or starts or ends with white space"
    if kind == "personal_id":
        return _check_personal_id(typed, form)
    if kind == "iban":
        account = SEPARATORS.sub("", unicodedata.normalize("NFKC", typed)).upper()
        if not iban.is_valid(account):
            return f"{typed!r} is not a valid IBAN"
    return None


def build(source: str, prefix: str) -> list[dict]:
    """Turn a source text into the rows of its JSONL, checking everything on the way."""
    rows, seen = [], {}
    for number, draft in enumerate(_drafts(source), start=1):
        where = f"text at line {draft.line}"
        if draft.lang not in LANGUAGES:
            raise SourceError(f"{where}: unknown language {draft.lang!r}")
        text, spans = _parse_body(draft)
        if not text:
            raise SourceError(f"{where}: empty text")
        if text in seen:
            raise SourceError(f"{where}: the same text is at line {seen[text]}")
        seen[text] = draft.line
        if draft.negative is not None:
            if draft.negative not in NEGATIVES:
                raise SourceError(f"{where}: unknown category {draft.negative!r}")
            if spans:
                raise SourceError(f"{where}: a clean text has spans")
        elif not spans:
            raise SourceError(f"{where}: no spans; a clean text needs clean=<category>")
        for span in spans:
            problem = _check_span(span["kind"], span["form"], text[span["start"] : span["end"]])
            if problem:
                raise SourceError(f"{where}: {problem}")
        rows.append(
            {
                "id": f"{prefix}-{number:04d}",
                "lang": draft.lang,
                "text": text,
                "spans": spans,
                "negative": draft.negative,
            }
        )
    return rows


def render(rows: list[dict]) -> str:
    """JSONL with readable letters but invisible characters escaped, so that diffs show them."""
    lines = []
    for row in rows:
        line = json.dumps(row, ensure_ascii=False)
        lines.append(
            "".join(
                f"\\u{ord(c):04x}" if c in MUST_ESCAPE or unicodedata.category(c) == "Cf" else c
                for c in line
            )
        )
    return "\n".join(lines) + "\n"


def paths(name: str) -> tuple[Path, Path]:
    stem, _ = SETS[name]
    return DATA / f"{stem}.src.txt", DATA / f"{stem}.jsonl"


def build_set(name: str) -> list[dict]:
    source, _ = paths(name)
    try:
        return build(source.read_text(encoding="utf-8"), SETS[name][1])
    except SourceError as error:
        raise SourceError(f"{source.name}: {error}") from None


def summary(rows: list[dict]) -> list[str]:
    kinds, forms, negatives, languages = Counter(), Counter(), Counter(), Counter()
    for row in rows:
        languages[row["lang"]] += 1
        negatives[row["negative"]] += row["negative"] is not None
        for span in row["spans"]:
            kinds[span["kind"]] += 1
            forms[(span["kind"], span["form"])] += 1
    clean = sum(1 for row in rows if row["negative"])
    lines = [
        f"{len(rows)} texts ({len(rows) - clean} with personal data, {clean} clean); "
        + ", ".join(f"{lang} {languages[lang]}" for lang in LANGUAGES)
    ]
    for kind, kind_forms in FORMS.items():
        lines.append(f"  {kind} {kinds[kind]} spans")
        lines.extend(f"    {form} {forms[(kind, form)]}" for form in kind_forms)
    lines.append("  clean texts by category")
    lines.extend(f"    {category} {negatives[category]}" for category in NEGATIVES)
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare, write nothing")
    args = parser.parse_args()
    stale = []
    for name in SETS:
        try:
            rows = build_set(name)
        except SourceError as error:
            sys.exit(str(error))
        _, target = paths(name)
        text = render(rows)
        print(f"{target.name}:")
        print("\n".join(summary(rows)))
        if args.check:
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                stale.append(target.name)
        else:
            target.write_text(text, encoding="utf-8")
    if stale:
        sys.exit(f"out of date: {', '.join(stale)}; run bench/build_pii_evasion.py")


if __name__ == "__main__":
    main()
