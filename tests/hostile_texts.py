"""Personal identifiers in the writing forms people use to get them past a guard.

An identity code written with a space, a dash of another kind or no sign at all, a phone
number with dots or tabs, an e-mail address with "(at)" or "dot", an account number in
dashes, a name in lower case, and any of them with an invisible character inside: each is
still the same person's identifier to a reader. The plain forms (``131052-308T``,
``040 123 4567``, ``matti.virtanen@example.fi``, ...) are kept apart from the others, since
they show that a test harness itself sees a leak.

Each set is made for one number, and different numbers give different people and numbers, so
a leak found in the database names the channel that let it in.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from stdnum import iban as stdnum_iban
from stdnum.fi import hetu as stdnum_hetu

from lib.text import clean_text

PLAIN = "plain"
HOSTILE = "hostile"
WRITINGS = (PLAIN, HOSTILE)

PERSONAL_ID = "personal_id"
PHONE = "phone"
EMAIL = "email"
IBAN = "iban"
NAME = "name"
# Names of staff and institutions may stand in what administrators write about the service
# (``privacy.stored``): there only codes, numbers and addresses are refused.
CODE_KINDS = frozenset({PERSONAL_ID, PHONE, EMAIL, IBAN})

ZERO_WIDTH_SPACE = "\u200b"
SOFT_HYPHEN = "\u00ad"

FIRST_NAMES = ("Matti", "Aino", "Juha", "Liisa", "Timo", "Sanna", "Kari", "Tiina", "Jari")
SURNAMES = (
    "Virtanen",
    "Korhonen",
    "Nieminen",
    "Mäkinen",
    "Laine",
    "Heikkinen",
    "Koskinen",
    "Järvinen",
)


@dataclass(frozen=True)
class Hostile:
    """One identifier as typed, and what to look for in the database if it got in."""

    kind: str
    form: str
    text: str
    needles: tuple[str, ...]

    @property
    def label(self) -> str:
        return f"{self.kind} {self.form} {self.text!r}"

    @property
    def sentence(self) -> str:
        """The identifier inside an ordinary sentence of an observation."""
        if self.kind == NAME:
            return f"Kotikäynnillä asiakas {self.text} kertoi, ettei apua saanut ajoissa."
        return f"Kotikäynnillä tuli esiin {self.text}, eikä apua saatu ajoissa."


def hostile_texts(number: int, writing: str) -> list[Hostile]:
    """The identifiers of person ``number`` in the plain writing forms or in the others."""
    found = [
        *_identity_codes(number),
        *_phones(number),
        *_emails(number),
        *_ibans(number),
        *_names(number),
    ]
    return [h for h in found if (h.form == PLAIN) == (writing == PLAIN)]


def identity_code(number: int) -> tuple[str, str, str]:
    """A valid identity code of someone born in October 1952, as (date, sign, individual
    number and check character). The check character is a letter, so that no code reads as
    a phone number once its sign is gone."""
    date = f"{10 + number % 18:02d}1052"
    individual = 300 + 10 * number
    while _check_character(date, individual).isdigit():
        individual += 1
    code = f"{date}-{individual:03d}{_check_character(date, individual)}"
    assert stdnum_hetu.is_valid(code)
    return date, "-", code[7:]


def _check_character(date: str, individual: int) -> str:
    return "0123456789ABCDEFHJKLMNPRSTUVWXY"[int(f"{date}{individual:03d}") % 31]


def _identity_codes(number: int) -> list[Hostile]:
    date, sign, rest = identity_code(number)
    core = date + rest
    forms = {
        PLAIN: f"{date}{sign}{rest}",
        "space for the sign": f"{date} {rest}",
        "spaces around the sign": f"{date} {sign} {rest}",
        "en dash": f"{date}\u2013{rest}",
        "minus sign": f"{date}\u2212{rest}",
        "full stop": f"{date}.{rest}",
        "slash": f"{date}/{rest}",
        "no sign": core,
        "full-width": f"{_full_width(date)}{sign}{_full_width(rest)}",
        "zero-width space": f"{date[:3]}{ZERO_WIDTH_SPACE}{date[3:]}{sign}{rest}",
        "soft hyphen": f"{date}{sign}{rest[:2]}{SOFT_HYPHEN}{rest[2:]}",
        "line break after the sign": f"{date}{sign}\n{rest}",
    }
    return [_hostile(PERSONAL_ID, form, text, core) for form, text in forms.items()]


def _phones(number: int) -> list[Hostile]:
    area, middle, end = "040", f"{100 + number:03d}", "4567"
    core = area + middle + end
    forms = {
        PLAIN: f"{area} {middle} {end}",
        "full stops": f"{area}.{middle}.{end}",
        "slash": f"{area}/{middle}{end}",
        "double spaces": f"{area}  {middle}  {end}",
        "tabs": f"{area}\t{middle}\t{end}",
        "soft hyphen": f"{area} {middle}{SOFT_HYPHEN}{end}",
        "zero-width space": f"{area}{ZERO_WIDTH_SPACE}{middle} {end}",
    }
    return [_hostile(PHONE, form, text, core) for form, text in forms.items()]


def _emails(number: int) -> list[Hostile]:
    first, last = (_ascii(part).lower() for part in person(2 * number))
    local = f"{first}.{last}"
    forms = {
        PLAIN: f"{local}@example.fi",
        "spaces around @": f"{local} @ example.fi",
        "(at)": f"{local}(at)example.fi",
        "[at]": f"{local}[at]example.fi",
        "spoken": f"{first} {last} at example dot fi",
        "(ät)": f"{local}(ät)example.fi",
        "full-width @": f"{local}\uff20example.fi",
    }
    return [
        _hostile(EMAIL, form, text, local if "." in text.split()[0] else f"{first} {last}")
        for form, text in forms.items()
    ]


def _ibans(number: int) -> list[Hostile]:
    bban = f"12345600{number:04d}85"
    check = stdnum_iban.calc_check_digits(f"FI00{bban}")
    compact = f"FI{check}{bban}"
    assert stdnum_iban.is_valid(compact)
    groups = [compact[i : i + 4] for i in range(0, len(compact), 4)]
    forms = {
        PLAIN: " ".join(groups),
        "dashes": "-".join(groups),
        "double spaces": "  ".join(groups),
    }
    return [_hostile(IBAN, form, text, compact) for form, text in forms.items()]


def _names(number: int) -> list[Hostile]:
    first, last = person(2 * number + 1)
    forms = {PLAIN: f"{first} {last}", "lower case": f"{first} {last}".lower()}
    return [_hostile(NAME, form, text, None) for form, text in forms.items()]


def person(number: int) -> tuple[str, str]:
    """A first name and a surname, different for every number below 72."""
    return (
        FIRST_NAMES[number % len(FIRST_NAMES)],
        SURNAMES[number // len(FIRST_NAMES) % len(SURNAMES)],
    )


def _hostile(kind: str, form: str, text: str, core: str | None) -> Hostile:
    """The needles are the text as typed and as Sora might tidy it before storing it
    (control characters out, whitespace collapsed, Unicode compatibility forms and invisible
    characters undone), and the identifier's core without separators."""
    variants = [text, clean_text(text), " ".join(text.split()), _visible(text)]
    if core:
        variants.append(core)
    return Hostile(kind, form, text, tuple(dict.fromkeys(variants)))


def _full_width(text: str) -> str:
    return "".join(chr(ord(char) + 0xFEE0) if char.isalnum() else char for char in text)


def _visible(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return "".join(char for char in text if unicodedata.category(char) != "Cf")


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
