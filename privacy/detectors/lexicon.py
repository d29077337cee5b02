"""What one capitalised word can be: a first name, a surname, a place, an ordinary word.

Voikko (the Finnish morphological analyser) knows names in every inflected form and tells
ordinary words apart. The project's own lists in ``privacy/data`` cover Swedish names, names
Voikko does not know, and the whole job when Voikko is missing; then a small set of Finnish
ending rules (``finnish.py``) finds the base form.
"""

import functools
import threading
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from privacy.detectors.finnish import GENITIVE_ENDINGS, LOCAL_CASE_ENDINGS, base_candidates

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

_NAME_CLASSES = frozenset({"etunimi", "sukunimi", "paikannimi", "nimi"})
_LOCAL_CASES = frozenset(
    {"sisaolento", "sisaeronto", "sisatulento", "ulkoolento", "ulkoeronto", "ulkotulento"}
)
_WORD_CACHE_SIZE = 50_000
# Longer "words" are pasted codes or run-together text; no name is that long.
_LONGEST_NAME = 60


@functools.cache
def word_list(name: str) -> frozenset[str]:
    """A data file as a set of case-folded entries, ignoring comments and blank lines."""
    lines = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
    return frozenset(
        line.strip().casefold() for line in lines if line.strip() and not line.startswith("#")
    )


class _Voikko:
    """One Voikko instance per process, created on first use.

    libvoikko handles are not safe to share between threads, so every call holds a lock; the
    per-word cache in ``word_facts`` keeps the lock cold.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._handle: Any = None
        self._tried = False
        self.enabled = True

    def _load(self) -> Any:
        if not self._tried:
            self._tried = True
            try:
                import libvoikko

                self._handle = libvoikko.Voikko("fi")
            except Exception:  # missing library or dictionary: fall back to the lists
                self._handle = None
        return self._handle

    def available(self) -> bool:
        with self._lock:
            return self.enabled and self._load() is not None

    def analyze(self, word: str) -> list[dict[str, str]]:
        with self._lock:
            handle = self._load() if self.enabled else None
            if handle is None:
                return []
            return [dict(analysis) for analysis in handle.analyze(word)]


VOIKKO = _Voikko()


def set_voikko_enabled(enabled: bool) -> None:
    """Switch Voikko off (or back on) for this process; tests use it to exercise the fallback."""
    VOIKKO.enabled = enabled
    word_facts.cache_clear()


@dataclass(frozen=True, slots=True)
class WordFacts:
    """Everything the name rules need to know about one word, whatever the sentence."""

    first_name: bool = False
    surname: bool = False
    surname_shape: bool = False
    # In the project's own lists. Voikko also knows many international names that are English
    # or Swedish words ("More", "Job", "Tea"), so a lone word in those languages must be listed.
    listed_first: bool = False
    listed_surname: bool = False
    # The word itself, uninflected, is in a name list (no ending guessed away).
    written_as_listed: bool = False
    place: bool = False
    # Every place reading is in a local case ("Lahdessa", "Salosta"): a place, not a person.
    place_in_local_case: bool = False
    organisation: bool = False
    genitive: bool = False
    common_fi: bool = False
    # Only the project's list of ordinary words that are also names, or a verb reading:
    # Voikko's rarer noun readings ("matti", a checkmate) are left out.
    common_fi_listed: bool = False
    verb: bool = False
    common_sv: bool = False
    common_en: bool = False
    function_word: bool = False
    # Voikko knows the word in some reading; a capitalised word it does not know is likely a
    # foreign or rare name.
    known_fi: bool = False


@functools.lru_cache(maxsize=_WORD_CACHE_SIZE)
def word_facts(word: str, language: str = "fi") -> WordFacts:
    """Facts about ``word`` in a text of ``language`` ("fi", "sv" or "en").

    In Swedish and English text the word is taken as written (a Swedish genitive -s aside):
    Finnish case endings would turn Swedish words into names ("Maten" -> Matti).
    """
    folded = word.casefold()
    if len(word) > _LONGEST_NAME:
        return WordFacts()
    if "-" in word.strip("-"):
        return _hyphenated_facts(word, language)
    if language == "fi":
        first_bases = base_candidates(word)
        bases = base_candidates(word, e_stems=True)
        analyses = VOIKKO.analyze(word)
    else:
        bases = frozenset({folded})
        if language == "sv" and len(folded) > 3:
            bases |= {folded.removesuffix("s")}
        first_bases = bases
        analyses = [
            a
            for a in VOIKKO.analyze(word)
            if a.get("SIJAMUOTO") in (None, "nimento") and a.get("NUMBER") != "plural"
        ]
    classes = {analysis.get("CLASS", "") for analysis in analyses}
    first = "etunimi" in classes or _in_list(first_bases, "first_names.txt")
    surname = "sukunimi" in classes or _in_list(bases, "surnames.txt")
    place_cases = [a.get("SIJAMUOTO", "") for a in analyses if a.get("CLASS") == "paikannimi"]
    listed_place = _in_list(bases, "places.txt")
    place = bool(place_cases) or listed_place
    local_case = (bool(place_cases) and all(case in _LOCAL_CASES for case in place_cases)) or (
        not place_cases and listed_place and folded.endswith(LOCAL_CASE_ENDINGS)
    )
    common_fi = bool(classes - _NAME_CLASSES) or _in_list(bases, "common_words_fi.txt")
    return WordFacts(
        first_name=first,
        surname=surname,
        written_as_listed=_in_list({folded}, "first_names.txt")
        or _in_list({folded}, "surnames.txt"),
        listed_first=_in_list(first_bases, "first_names.txt"),
        listed_surname=_in_list(bases, "surnames.txt"),
        # "Lapsen" (a child's) has the shape of "Virtasen" but is a word.
        surname_shape=surname_shape(word) and not common_fi,
        place=place,
        place_in_local_case=local_case,
        organisation=_in_list(bases | {folded}, "organisations.txt"),
        genitive=_is_genitive(folded, analyses),
        common_fi=common_fi,
        common_fi_listed=_in_list(bases, "common_words_fi.txt"),
        verb="teonsana" in classes,
        common_sv=_in_list(bases, "common_words_sv.txt"),
        common_en=_in_list(bases, "common_words_en.txt"),
        function_word=folded in word_list("function_words.txt"),
        known_fi=bool(analyses),
    )


def _hyphenated_facts(word: str, language: str) -> WordFacts:
    """A double first name ("Anna-Liisa") or surname ("Lahti-Korhonen") is judged by its parts.

    Voikko reads "Mäki-Matin" (a district) as one first name; by parts it is a surname-like
    word and a first name, which makes neither a double first name nor a double surname.
    """
    parts = [word_facts(part, language) for part in word.split("-") if part]
    last = parts[-1]
    folded = {word.casefold()}
    analyses = VOIKKO.analyze(word) if language == "fi" else []
    return WordFacts(
        written_as_listed=all(part.written_as_listed for part in parts),
        first_name=all(part.first_name for part in parts),
        listed_first=all(part.listed_first for part in parts),
        listed_surname=all(part.listed_surname or part.surname_shape for part in parts)
        or (last.listed_surname and not last.first_name),
        surname=all(part.surname or part.surname_shape for part in parts)
        or (last.surname and not last.first_name),
        place=_in_list(folded, "places.txt")
        or any(a.get("CLASS") == "paikannimi" for a in analyses),
        organisation=_in_list(folded, "organisations.txt"),
        genitive=last.genitive,
        # Voikko also offers "Kirsi-marja" (a berry) for "Kirsi-Marja"; a capital after the
        # hyphen rules such ordinary-word readings out.
        common_fi=not all(part[:1].isupper() for part in word.split("-") if part)
        and any(a.get("CLASS") not in _NAME_CLASSES for a in analyses),
        known_fi=bool(analyses),
    )


def _in_list(bases: AbstractSet[str], name: str) -> bool:
    return not bases.isdisjoint(word_list(name))


def surname_shape(word: str) -> bool:
    """Finnish -nen surnames (in the commonest case forms) and typical Swedish surname endings.

    Adjectives share the -nen ending ("Ensimmäinen"), so the rules use the shape only for a
    word inside a sentence, never for one that opens it.
    """
    folded = word.casefold()
    return len(folded) >= 6 and folded.endswith(_SURNAME_ENDINGS)


_SURNAME_ENDINGS = (
    "nen", "sen", "selle", "sella", "sellä", "selta", "seltä", "sessa", "sessä", "sesta",
    "sestä", "sson", "ssonin", "qvist", "qvistin", "ström", "strömin",
)  # fmt: skip


def _is_genitive(folded: str, analyses: list[dict[str, str]]) -> bool:
    name_cases = {a.get("SIJAMUOTO") for a in analyses if a.get("CLASS") in _NAME_CLASSES}
    if name_cases:
        return "omanto" in name_cases
    return folded.endswith(GENITIVE_ENDINGS)


def voikko_available() -> bool:
    return VOIKKO.available()
