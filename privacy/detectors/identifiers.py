"""Identity codes, bank accounts and e-mail addresses: things with a fixed written form."""

import re
from collections.abc import Iterator

from stdnum import iban as stdnum_iban
from stdnum.exceptions import InvalidChecksum, ValidationError
from stdnum.fi import hetu as stdnum_hetu

from privacy.detectors.lexicon import word_list
from privacy.findings import Finding

# ddmmyy, century sign, individual number, check character. The 2023 reform added B–F (2000s)
# and Y, X, W, V, U (1900s) beside the old +, - and A. The detectors read a normalised copy
# (one space for any run of whitespace, "-" for any dash), so "010190 - 123A", "010190-\n123A"
# and "010190-123 A" need only optional single spaces here. Writers also put a dot, a slash, a
# space or nothing where the sign belongs; those forms are judged in ``_accept_hetu``.
_HETU = re.compile(
    r"(?<![0-9])(?<![0-9][.,/:-])"
    r"(?P<date>[0-3][0-9][01][0-9][0-9]{2}|[0-3][0-9](?P<gap>[ .])[01][0-9](?P=gap)[0-9]{2})"
    r"(?P<sep>\s?[-+A-FU-Ya-fu-y]\s?|[./\s]|)"
    r"(?P<individual>[0-9]{3}|[0-9] [0-9]{2}|[0-9]{2} [0-9])"
    r"(?P<check>\s?[A-Ya-y]|[0-9])"
    r"(?![0-9]|[.,][0-9])"
)
_CENTURY_SIGNS = frozenset("-+ABCDEFUVWXY")

# Older python-stdnum releases know only +, - and A; translate the new signs to an old sign of
# the same century so that the date check still works with them. The check character does not
# depend on the sign.
_SAME_CENTURY = {
    **dict.fromkeys("BCDEF", "A"),
    **dict.fromkeys("YXWVU", "-"),
}


def _hetu_check(digits: str) -> str:
    return "0123456789ABCDEFHJKLMNPRSTUVWXY"[int(digits) % 31]


def _stdnum_knows_new_signs() -> bool:
    return stdnum_hetu.is_valid("010123B002" + _hetu_check("010123002"))


_NEW_SIGNS_SUPPORTED = _stdnum_knows_new_signs()


def looks_like_hetu(code: str) -> bool:
    """True for an identity code with a real birth date, even when its check character is wrong.

    A mistyped identity code still points at a person, so a wrong check character does not
    make it harmless; an impossible date (``320199-123X``) does.
    """
    code = code.upper()
    if not _NEW_SIGNS_SUPPORTED and code[6] in _SAME_CENTURY:
        code = code[:6] + _SAME_CENTURY[code[6]] + code[7:]
    try:
        stdnum_hetu.validate(code, allow_temporary=True)
    except InvalidChecksum:
        return True
    except ValidationError:
        return False
    return True


def find_personal_ids(text: str) -> Iterator[Finding]:
    for match in _HETU.finditer(text):
        if _accept_hetu(match):
            yield Finding(match.start(), match.end(), "personal_id", match.group())


def _accept_hetu(match: re.Match[str]) -> bool:
    """Whether a code-shaped match is an identity code.

    The exact written form with a century sign counts with a real date even when the check
    character is wrong. Looser forms (spaces, a dot or slash for the sign, no sign at all)
    must carry the right check character, or end in a letter, which no date, sum or phone
    number does.
    """
    if _glued_to_a_word(match):
        # "hetu:040217A899Kjatko": only the exact form with the right check character can be
        # told apart from the word it runs into.
        date, sign, rest = match.group("date"), match.group("sep"), match.group()[7:]
        exact = len(date) == 6 and len(sign) == 1 and re.fullmatch(r"[0-9]{3}[0-9A-Y]", rest)
        return (
            bool(exact) and _right_check(date, rest[:3], rest[3]) and looks_like_hetu(match.group())
        )
    date = re.sub(r"[ .]", "", match.group("date"))
    separator = match.group("sep").strip().upper()
    individual = match.group("individual").replace(" ", "")  # no line break inside
    check = match.group("check").strip().upper()
    exact = match.group() == f"{match.group('date')}{match.group('sep')}{individual}{check}" and (
        len(match.group("date")) == 6 and len(match.group("sep")) == 1
    )
    if separator in _CENTURY_SIGNS:
        if not looks_like_hetu(f"{date}{separator}{individual}{check}"):
            return False
        return exact or _right_check(date, individual, check) or check.isalpha()
    if not any(looks_like_hetu(f"{date}{sign}{individual}{check}") for sign in "-A"):
        return False
    if check.isdigit() and date.startswith("0") and not match.group("sep"):
        # "0411295921": as many phone numbers as codes have this shape; the phone wins.
        return False
    if _right_check(date, individual, check):
        return True
    # "010190123A" with a wrong check character: still shaped like nothing but a code.
    return check.isalpha() and len(match.group("date")) == 6


def _glued_to_a_word(match: re.Match[str]) -> bool:
    return match.string[match.end() : match.end() + 1].isalpha()


def _right_check(date: str, individual: str, check: str) -> bool:
    return _hetu_check(date + individual) == check


# Country code, check digits, then 11–30 letters or digits in any grouping: spaces (one in
# the normalised copy, whatever was typed), dashes, a line break, or none; "FI 47 5013 ..."
# has a space even inside the first group.
_IBAN = re.compile(r"(?<![\w-])[A-Za-z]{2}\s?[0-9]{2}(?:(?:\s?-\s?|\s)?[A-Za-z0-9]){11,30}(?![\w])")
_GROUP_END = re.compile(r"\s?-\s?|\s")


def find_ibans(text: str) -> Iterator[Finding]:
    for match in _IBAN.finditer(text):
        end = _longest_valid_iban(match.group())
        if end:
            start = match.start()
            yield Finding(start, start + end, "iban", text[start : start + end])


def _longest_valid_iban(candidate: str) -> int:
    """Length of the longest prefix, ending at a group boundary, that is an account number.

    The pattern may run on into a following code ("FI21 1234 5600 0007 85 EUR"), so shorter
    prefixes are tried too.
    """
    ends = [m.start() for m in _GROUP_END.finditer(candidate)] + [len(candidate)]
    for end in sorted(set(ends), reverse=True):
        compact = re.sub(r"[\s-]", "", candidate[:end]).upper()
        if stdnum_iban.is_valid(compact) or _finnish_iban_shape(compact):
            return end
    return 0


def _finnish_iban_shape(compact: str) -> bool:
    # A Finnish account number with a typo in it is still somebody's account number.
    return bool(re.fullmatch(r"FI[0-9]{16}", compact))


def _word_set(words: str) -> frozenset[str]:
    return frozenset(re.findall(r"\S+", words))


# E-mail addresses as people write them to get past filters or out of habit: "@" with spaces
# around it, "(at)", "[at]", "{at}", "(ät)", "(a)", " at ", and "piste", "punkt", "dot",
# "(dot)" for the dots. NFKC has already made a full-width "＠" an ASCII one.
# The sign's spoken names: "snabel-a" in Swedish, "miukumauku" or "kissanhäntä" in Finnish.
_SIGN_NAMES = r"(?:snabel-a|snabela|kissanhäntä|miukumauku|miukku|miuku|ät-merkki|at-merkki)"
_AT_WORDS = rf"(?:at|ät|a|@|{_SIGN_NAMES})"
_DOT_WORDS = r"(?:dot|piste|punkt|pkt)"
# "_" and "-" spoken out inside the name part.
_JOINER_WORDS = r"(?:alaviiva|understreck|underscore|viiva|väliviiva|bindestreck|dash|hyphen)"
_BRACKETED_AT = rf"\s?[\[({{<]\s?{_AT_WORDS}\s?[\])}}>]\s?"
_SPOKEN_AT = rf"\s(?:at|ät|{_SIGN_NAMES})\s"
_BRACKETED_DOT = rf"\s?[\[({{<]\s?(?:{_DOT_WORDS}|\.)\s?[\])}}>]\s?"
_SPOKEN_DOT = rf"\s{_DOT_WORDS}\s"
_DOT = rf"(?:\.|{_BRACKETED_DOT}|{_SPOKEN_DOT})"
_LABEL = r"[^\W_](?:[\w-]*[^\W_])?"
_EMAIL = re.compile(
    r"(?<![\w.+-])"
    rf"(?P<local>[\w+-]+(?:(?:{_DOT}|\s{_JOINER_WORDS}\s)[\w+-]+)*)"
    rf"(?P<at>\s?@\s?|{_BRACKETED_AT}|{_SPOKEN_AT})"
    rf"(?P<domain>{_LABEL}(?:{_DOT}{_LABEL})*?{_DOT}(?P<tld>[A-Za-z]{{2,24}}))"
    r"(?![\w@-]|\.\w)",
    re.IGNORECASE,
)
# Top-level domains that a spelled-out address may end in; with a real "@" and real dots any
# letters will do.
_KNOWN_TLDS = _word_set(
    """fi se ax no dk ee de eu com net org info io me nu uk ru pl fr es it nl be ch at lv lt
    biz co edu gov"""
)
# Mail services whose name after " at " makes an address even without other signs.
_MAIL_SERVICES = _word_set(
    """gmail hotmail outlook live msn yahoo icloud me mail protonmail proton suomi24 luukku
    elisanet kolumbus welho saunalahti dnainternet netti pp inet kotiposti gmx aol"""
)


# Some form of "at" must be there; most texts have none, and the full pattern is slow.
_AT_HINT = re.compile(rf"@|{_BRACKETED_AT}|{_SPOKEN_AT}", re.IGNORECASE)


def find_emails(text: str) -> Iterator[Finding]:
    if not _AT_HINT.search(text):
        return
    position = 0
    while match := _EMAIL.search(text, position):
        if _accept_email(match):
            yield Finding(match.start(), match.end(), "email", match.group())
            position = match.end()
        else:
            # A rejected spoken form ("Mäki at maki.pertti@...") may hide a real address.
            position = match.start() + 1


def _accept_email(match: re.Match[str]) -> bool:
    """A real "@" with real dots is an address. Spelled-out forms must end in a known domain,
    and " at " (ordinary English: "available at thl.fi") needs more: a dot, digit or other
    address character in the name, a name from the lists before it, a dot written as a word,
    or a mail service after it."""
    at, domain, local = match.group("at"), match.group("domain"), match.group("local")
    plain_dots = re.fullmatch(r"[\w.-]+", domain) is not None
    if "@" in at and plain_dots:
        return True
    if match.group("tld").casefold() not in _KNOWN_TLDS:
        return False
    if at.strip().startswith(("(", "[", "{", "<")) or "@" in at:
        return True
    first_label = re.split(r"[.\s(\[{<]", domain, maxsplit=1)[0].casefold()
    return (
        not plain_dots
        or re.search(r"[._+\d-]|\s", local) is not None
        or first_label in _MAIL_SERVICES
        or local.casefold() in word_list("first_names.txt")
        or local.casefold() in word_list("surnames.txt")
    )
