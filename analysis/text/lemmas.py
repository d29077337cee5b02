"""Turn observation texts into content terms (lemmas) for word-based vectors and labels.

Finnish is agglutinative and compounds freely: "perustoimeentulotukea" and "toimeentulotuen"
share no surface token, yet speak of the same thing. Voikko's morphology gives the base form
and the compound structure, so a Finnish word yields its lemma *and* its compound parts
(and the sub-compounds at either end), which lets word vectors match such pairs. Swedish and
English are lemmatised with simplemma, whose tables ship inside the package.

When Voikko (the C library or its Finnish dictionary) is missing, Finnish falls back to
simplemma too: lemmas get worse and compounds stay whole, but nothing breaks.

Proper names (places, people) are dropped: they recur across unrelated topics, would make poor
phenomenon labels, and are personal data when they name people.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import simplemma

from analysis.text.stopwords import STOPWORDS

SUPPORTED_LANGUAGES = ("fi", "sv", "en")

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_PROPER_NAME_CLASSES = frozenset({"paikannimi", "etunimi", "sukunimi", "nimi"})
_VERBAL_PARTICIPLES = frozenset(
    {"past_passive", "past_active", "present_active", "present_passive"}
)
_MORPHEME = re.compile(r"\+([^+(]*)(?:\((\+?[^)]*)\))?")
_MIN_TERM_LENGTH = 3
_MIN_PART_LENGTH = 3
_CACHE_SIZE = 200_000


@dataclass(frozen=True)
class WordAnalysis:
    """The terms one word contributes: its lemma first, then compound parts (may be empty)."""

    lemma: str
    parts: tuple[str, ...] = ()
    proper_name: bool = False


class _Voikko:
    """A process-wide Voikko handle; libvoikko handles are not thread-safe, hence the lock."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._handle: object | None = None
        self._tried = False

    def analyze(self, word: str) -> list[dict[str, str]] | None:
        """Voikko's analyses of ``word``, or None when Voikko is unavailable."""
        with self._lock:
            if not self._tried:
                self._tried = True
                self._handle = _open_voikko()
            if self._handle is None:
                return None
            return self._handle.analyze(word)  # type: ignore[attr-defined]


def _open_voikko() -> object | None:
    try:
        import libvoikko
    except (ImportError, OSError):
        return None
    try:
        return libvoikko.Voikko("fi")
    except (libvoikko.VoikkoException, OSError):  # no C library or no Finnish dictionary
        return None


_VOIKKO = _Voikko()


def voikko_available() -> bool:
    """True when Finnish is analysed with Voikko rather than the simplemma fallback."""
    return _VOIKKO.analyze("talo") is not None


def tokenize(text: str) -> list[str]:
    """Words of ``text`` (letters, with inner hyphens/apostrophes), numbers and symbols left out."""
    return _WORD.findall(text)


def terms(text: str, language: str = "fi") -> list[str]:
    """Content terms of ``text``: lemmas plus compound parts, stopwords and names removed.

    Unknown languages are treated as Finnish, the service's default language.
    """
    language = language if language in SUPPORTED_LANGUAGES else "fi"
    stop = STOPWORDS[language]
    out: list[str] = []
    for word in tokenize(text):
        if word.lower() in stop:
            continue
        analysis = analyse_word(word, language)
        if analysis.proper_name:
            continue
        for term in (analysis.lemma, *analysis.parts):
            if len(term) >= _MIN_TERM_LENGTH and term not in stop:
                out.append(term)
    return out


def lemmatise(text: str, language: str = "fi") -> list[str]:
    """Lemmas only (no compound parts, stopwords kept): handy for display and tests."""
    language = language if language in SUPPORTED_LANGUAGES else "fi"
    return [analyse_word(word, language).lemma for word in tokenize(text)]


def terms_many(texts: Sequence[str], languages: Iterable[str] | None = None) -> list[list[str]]:
    """:func:`terms` for each text; ``languages`` aligns with ``texts`` (default Finnish)."""
    langs = list(languages) if languages is not None else ["fi"] * len(texts)
    return [terms(text, lang) for text, lang in zip(texts, langs, strict=True)]


@functools.lru_cache(maxsize=_CACHE_SIZE)
def analyse_word(word: str, language: str = "fi") -> WordAnalysis:
    """Lemma and compound parts of one word; cached because vocabularies repeat heavily."""
    if language == "fi":
        return _analyse_finnish(word)
    return WordAnalysis(_simplemma(_strip_possessive(word.lower()), language))


def _analyse_finnish(word: str) -> WordAnalysis:
    analyses = _VOIKKO.analyze(word)
    if analyses is None:
        return WordAnalysis(_simplemma(word.lower(), "fi"))
    if analyses:
        return _from_voikko(_simplest(analyses, word))
    if "-" in word:
        return _analyse_hyphenated(word)
    return WordAnalysis(word.lower())


def _analyse_hyphenated(word: str) -> WordAnalysis:
    """'ls-ilmoituksia' is unknown whole; its last piece inflects and carries the head."""
    pieces = [p for p in word.split("-") if p]
    head = _analyse_finnish(pieces[-1])
    modifiers = tuple(p.lower() for p in pieces[:-1])
    lemma = "-".join((*modifiers, head.lemma))
    return WordAnalysis(lemma, (*modifiers, head.lemma, *head.parts))


def _simplest(analyses: list[dict[str, str]], word: str) -> dict[str, str]:
    """Pick the most plausible of Voikko's readings.

    Voikko lists far-fetched readings beside the plain one: compound splits ('kouluilta' as
    koulu+ilta, 'school+evening'), derivations ('velkoja' as creditor rather than debts),
    possessive or potential forms ('tilanne' as tila+nne or tilata), rare case forms ('kuin'
    as kuu). Prefer fewer parts, fewer morphemes, no possessive suffix, no potential mood,
    then the base form that shares the longest prefix with the word.
    """

    def cost(analysis: dict[str, str]) -> tuple[int, int, bool, bool, int]:
        return (
            len(_compound_groups(analysis)),
            len(_MORPHEME.findall(analysis.get("WORDBASES", ""))),
            "POSSESSIVE" in analysis,
            analysis.get("MOOD") == "potential",
            -_common_prefix(analysis.get("BASEFORM", "").lower(), word.lower()),
        )

    return min(analyses, key=cost)


def _common_prefix(a: str, b: str) -> int:
    length = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        length += 1
    return length


def _from_voikko(analysis: dict[str, str]) -> WordAnalysis:
    lemma = analysis.get("BASEFORM", "").lower()
    word_class = analysis.get("CLASS", "")
    if word_class in _PROPER_NAME_CLASSES:
        return WordAnalysis(lemma, proper_name=True)
    groups = _compound_groups(analysis)
    if len(groups) < 2:
        return WordAnalysis(_verb_of_participle(analysis, groups) or lemma)
    return WordAnalysis(lemma, _compound_terms(groups, lemma))


def _verb_of_participle(analysis: dict[str, str], groups: list[list[tuple[str, str]]]) -> str:
    """'ruuhkautuneet', 'jouduttu', 'odottava' are verb forms that Voikko lemmatises as
    adjectives; their verb ('ruuhkautua', 'joutua', 'odottaa') matches the other forms of the
    same verb and lets verb stopwords apply. Agent participles ('tekijä') stay nouns."""
    if analysis.get("PARTICIPLE") not in _VERBAL_PARTICIPLES or not groups:
        return ""
    base = groups[0][0][1]
    return base.lower() if base and not base.startswith("+") else ""


def _compound_groups(analysis: dict[str, str]) -> list[list[tuple[str, str]]]:
    """The compound parts of a reading, each a list of (surface, base) morphemes.

    WORDBASES lists morphemes ('+lasten(lapsi)+suojel(suojella)+u(+u)') but does not say
    where one part ends; STRUCTURE ('=pppppp=ppppppppp') marks the part boundaries by
    position, so a morpheme starting at a boundary starts a new part.
    """
    boundaries = _structure_boundaries(analysis.get("STRUCTURE", ""))
    groups: list[list[tuple[str, str]]] = []
    offset = 0
    for surface, base in _MORPHEME.findall(analysis.get("WORDBASES", "")):
        if not groups or offset in boundaries:
            groups.append([])
        groups[-1].append((surface, base))
        offset += len(surface)
    return [g for g in groups if "".join(s for s, _ in g)]


def _structure_boundaries(structure: str) -> set[int]:
    """Character offsets where a new compound part starts (the first part excluded)."""
    boundaries: set[int] = set()
    offset = 0
    for mark in structure:
        if mark == "=":
            if offset:
                boundaries.add(offset)
        else:
            offset += 1
    return boundaries


def _compound_terms(groups: list[list[tuple[str, str]]], lemma: str) -> tuple[str, ...]:
    """Parts and edge sub-compounds of a compound: mielenterveyspalvelu gives mieli, terveys,
    palvelu, mielenterveys and terveyspalvelu."""
    raw = ["".join(s for s, _ in g).lower() for g in groups]
    surfaces = [s.strip("-") for s in raw]
    modifiers = "".join(raw[:-1])
    head = (lemma[len(modifiers) :] if lemma.startswith(modifiers) else raw[-1]).strip("-")
    parts = [_part_lemma(g) for g in groups[:-1]]
    parts.append(head)
    found = [p for p in parts if len(p) >= _MIN_PART_LENGTH]
    for cut in range(1, len(groups)):
        if cut >= 2:
            found.append("".join(surfaces[:cut]))
        if len(groups) - cut >= 2:
            found.append("".join(surfaces[cut:-1]) + head)
    return tuple(dict.fromkeys(t for t in found if t != lemma))


def _part_lemma(group: list[tuple[str, str]]) -> str:
    """A modifier's lemma: the dictionary base for a plain stem ('lasten' -> 'lapsi'), the
    surface for a derived one ('terve'+'ys' -> 'terveys') where Voikko gives no base."""
    if len(group) == 1 and group[0][1] and "=" not in group[0][1]:
        return group[0][1].lower()
    return "".join(s for s, _ in group).lower().strip("-")


def _strip_possessive(word: str) -> str:
    """English "Kela's" and Swedish "Kela:s" should count as "kela"."""
    for suffix in ("'s", "’s", ":s"):
        if word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _simplemma(word: str, language: str) -> str:
    return simplemma.lemmatize(word, lang=language).lower()
