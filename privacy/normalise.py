"""A normalised copy of a text for the detectors, with a map back to the original offsets.

People write identifiers carelessly or on purpose in forms a pattern would miss: full-width
digits, a soft hyphen or zero-width space inside a code, an en dash or minus sign instead of a
hyphen, a tab or two spaces between digit groups. The copy undoes all of that:

- Unicode NFKC (full-width "０４０" and "＠" become ASCII, the ligature "ﬁ" becomes "fi");
- format characters (category Cf: zero-width space, joiners, soft hyphen, BOM, bidi marks)
  are removed;
- every dash variant (‐ ‑ ‒ – — ― − ﹣ －) becomes "-";
- a run of whitespace becomes one space, or one line break when it holds a line break, so a
  line break still ends a sentence for the name rules.

A finding in the copy is mapped back with ``original_span`` so that it still quotes the text
as written, invisible characters inside it included.
"""

import bisect
import re
import unicodedata
from dataclasses import dataclass, field


def _format_characters() -> str:
    # Category Cf lives in a few blocks; scanning the first two planes and the tag block finds
    # all of them without walking the whole code space at import time.
    ranges = (range(0x20000), range(0xE0000, 0xE0080))
    return "".join(chr(c) for r in ranges for c in r if unicodedata.category(chr(c)) == "Cf")


_FORMAT = _format_characters()
_FORMAT_CLASS = re.escape(_FORMAT)
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_LINE_BREAKS = "\n\r\x0b\x0c\x85\u2028\u2029"

# Stretches that need rewriting. Anything else (ASCII, Latin-1 letters, single spaces and line
# breaks) is copied as it is, which keeps the common case fast.
_SPECIAL = re.compile(
    rf"[\s{_FORMAT_CLASS}]{{2,}}"  # whitespace runs, possibly with format characters in them
    r"|[^\S \n]"  # a single tab, no-break space, ...
    rf"|[{_FORMAT_CLASS}]"  # a lone format character
    r"|.[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+"  # combining marks
    r"|[^\x20-\x7e\n\u00c0-\u00ff]",  # anything NFKC or the dash rule may change
    re.DOTALL,
)
# A quick test for texts that need no rewriting: one character class, scanned fast.
_UNUSUAL_CHARACTER = re.compile(r"[^\x20-\x7e\n\u00c0-\u00ff]")
_DASH_TABLE = str.maketrans(dict.fromkeys(_DASHES, "-"))
_FORMAT_TABLE = str.maketrans(dict.fromkeys(_FORMAT))


@dataclass(frozen=True)
class Normalised:
    """The normalised ``text`` and where each of its characters came from in ``original``.

    Segment ``i`` of the copy starts at ``_norm_starts[i]`` and was made from
    ``original[_orig_starts[i]:_orig_ends[i]]``. A segment of the same length on both sides maps
    character by character; in any other each character comes from the whole stretch.
    """

    original: str
    text: str
    _norm_starts: list[int] = field(default_factory=list, repr=False)
    _orig_starts: list[int] = field(default_factory=list, repr=False)
    _orig_ends: list[int] = field(default_factory=list, repr=False)
    _copied: list[bool] = field(default_factory=list, repr=False)

    @property
    def unchanged(self) -> bool:
        return not self._norm_starts

    def to_original(self, index: int) -> int:
        """Where the character at ``index`` of the copy starts in the original.

        ``index == len(text)`` maps to the end of the original.
        """
        if self.unchanged:
            return index
        if index >= len(self.text):
            return len(self.original)
        segment = bisect.bisect_right(self._norm_starts, index) - 1
        if self._copied[segment]:
            return self._orig_starts[segment] + index - self._norm_starts[segment]
        return self._orig_starts[segment]

    def _original_end(self, index: int) -> int:
        """Where the character at ``index`` of the copy ends in the original."""
        segment = bisect.bisect_right(self._norm_starts, index) - 1
        if self._copied[segment]:
            return self._orig_starts[segment] + index - self._norm_starts[segment] + 1
        return self._orig_ends[segment]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original stretch that the copy's ``text[start:end]`` was made from."""
        if self.unchanged:
            return start, end
        if end <= start:
            position = self.to_original(start)
            return position, position
        return self.to_original(start), self._original_end(end - 1)


def normalise(text: str) -> Normalised:
    """The text with look-alike characters, invisible characters and spacing evened out."""
    if not _needs_rewriting(text):
        return Normalised(text, text)
    pieces: list[str] = []
    norm_starts: list[int] = []
    orig_starts: list[int] = []
    orig_ends: list[int] = []
    copied: list[bool] = []
    length = 0

    def add(piece: str, orig_start: int, orig_end: int) -> None:
        nonlocal length
        if not piece:
            return  # nothing in the copy comes from here: removed characters
        norm_starts.append(length)
        orig_starts.append(orig_start)
        orig_ends.append(orig_end)
        copied.append(len(piece) == orig_end - orig_start)
        pieces.append(piece)
        length += len(piece)

    position = 0
    for match in _SPECIAL.finditer(text):
        add(text[position : match.start()], position, match.start())
        add(_rewrite(match.group()), match.start(), match.end())
        position = match.end()
    add(text[position:], position, len(text))
    return Normalised(text, "".join(pieces), norm_starts, orig_starts, orig_ends, copied)


def _needs_rewriting(text: str) -> bool:
    if _UNUSUAL_CHARACTER.search(text):
        return True
    return "  " in text or "\n\n" in text or " \n" in text or "\n " in text


def _rewrite(stretch: str) -> str:
    without_format = stretch.translate(_FORMAT_TABLE)
    if not without_format:
        return ""
    if without_format.isspace() or (len(stretch) > 1 and _is_spacing(stretch)):
        return "\n" if any(ch in _LINE_BREAKS for ch in stretch) else " "
    return unicodedata.normalize("NFKC", without_format).translate(_DASH_TABLE)


def _is_spacing(stretch: str) -> bool:
    return all(ch.isspace() or ch in _FORMAT for ch in stretch)


def fold(text: str) -> str:
    """A form for comparing words: normalised, case-folded, whitespace collapsed."""
    return " ".join(normalise(text).text.split()).casefold()
