"""Identity codes, bank accounts and e-mail addresses: things with a fixed written form."""

import re
from collections.abc import Iterator

from stdnum import iban as stdnum_iban
from stdnum.exceptions import InvalidChecksum, ValidationError
from stdnum.fi import hetu as stdnum_hetu

from privacy.findings import Finding

# ddmmyy, century sign, individual number, check character. The 2023 reform added B–F (2000s)
# and Y, X, W, V, U (1900s) beside the old +, - and A.
_HETU = re.compile(
    r"(?<![0-9])"
    r"(?P<date>[0-3][0-9][01][0-9][0-9]{2})"
    r"(?P<sign>[-+A-FU-Ya-fu-y])"
    r"(?P<individual>[0-9]{3})"
    r"(?P<check>[0-9A-Ya-y])"
    r"(?![0-9])"
)

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
        if looks_like_hetu(match.group()):
            yield Finding(match.start(), match.end(), "personal_id", match.group())


# Country code, check digits, then 11–30 letters or digits, optionally in groups of four.
_IBAN = re.compile(r"(?<![\w])[A-Za-z]{2}[0-9]{2}(?:[ \u00a0]?[A-Za-z0-9]){11,30}(?![\w])")
_GROUP_END = re.compile(r"[ \u00a0]")


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
    for end in sorted(ends, reverse=True):
        compact = re.sub(r"\s", "", candidate[:end]).upper()
        if stdnum_iban.is_valid(compact) or _finnish_iban_shape(compact):
            return end
    return 0


def _finnish_iban_shape(compact: str) -> bool:
    # A Finnish account number with a typo in it is still somebody's account number.
    return bool(re.fullmatch(r"FI[0-9]{16}", compact))


_EMAIL = re.compile(
    r"(?<![\w.+-])"
    r"[\w.+-]+"
    r"(?:@|\s?[\[(]at[\])]\s?)"
    r"[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,24}"
    r"(?![\w-])"
)


def find_emails(text: str) -> Iterator[Finding]:
    for match in _EMAIL.finditer(text):
        value = match.group().rstrip(".")
        start = match.start()
        yield Finding(start, start + len(value), "email", value)
