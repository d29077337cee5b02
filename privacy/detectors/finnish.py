"""Base-form guesses for inflected Finnish names, for when Voikko cannot help.

The guesses over-generate on purpose: a guess only counts when it is found in a name list,
so "Virtaselle" yields "virtase", "virtanen", ... and "virtanen" is the one that matches.
"""

import functools
import re

LOCAL_CASE_ENDINGS = ("ssa", "ssä", "sta", "stä", "lla", "llä", "lta", "ltä", "lle")
GENITIVE_ENDINGS = ("n",)

# Singular case endings that names take, longest first so that "-lle" wins over "-e".
_ENDINGS = sorted(
    {
        "",
        "n",
        "a",
        "ä",
        "ta",
        "tä",
        "na",
        "nä",
        "ksi",
        "lla",
        "llä",
        "lle",
        "lta",
        "ltä",
        "ssa",
        "ssä",
        "sta",
        "stä",
        "in",  # Eliasin, Nymanin: names ending in a consonant take -i- before the ending
        "ia",
        "iä",
        "ille",
        "illa",
        "illä",
        "ilta",
        "iltä",
        "issa",
        "issä",
        "ista",
        "istä",
        "iin",
        "seen",
        "hen",
        "ineen",
    },
    key=len,
    reverse=True,
)
_ILLATIVE = re.compile(r"([aeiouyäö])\1n$")  # Annaan, Mattiin, Pekkaan

# Weak grade in the inflected stem -> strong grade of the base form (Tuukan -> Tuukka).
_GRADATION = (
    ("k", "kk"),
    ("p", "pp"),
    ("t", "tt"),
    ("d", "t"),
    ("ng", "nk"),
    ("mm", "mp"),
    ("nn", "nt"),
    ("ll", "lt"),
    ("rr", "rt"),
    ("v", "p"),
    ("j", "k"),  # Kurjen -> Kurki, Kärjen -> Kärki
)
_VOWEL = "aeiouyäö"
_AFTER = _VOWEL + "lrnh"
_ENDINGS_BY_LENGTH = tuple(
    (length, frozenset(e for e in _ENDINGS if len(e) == length))
    for length in sorted({len(e) for e in _ENDINGS if e})
)


@functools.lru_cache(maxsize=20_000)
def base_candidates(word: str, e_stems: bool = False) -> frozenset[str]:
    """Case-folded guesses at the base form of a (possibly inflected) name.

    ``e_stems`` adds the i-words whose stem ends in -e ("Lahden" -> "Lahti", "Kosken" ->
    "Koski"). Surnames, places and nouns inflect so; first names ending in -i do not ("Toini"
    -> "Toinin"), and the guess would make "Toinen" (another) a first name.
    """
    folded = word.casefold()
    guesses: set[str] = {folded}
    stems = {folded} | {
        folded[:-length] for length, endings in _ENDINGS_BY_LENGTH if folded[-length:] in endings
    }
    illative = _ILLATIVE.search(folded)
    if illative:
        stems.add(folded[: illative.start() + 1])
    for stem in stems:
        if len(stem) >= 2:
            guesses.update(_stem_to_bases(stem, inflected=stem != folded, e_stems=e_stems))
    return frozenset(guesses)


def _stem_to_bases(stem: str, inflected: bool, e_stems: bool) -> set[str]:
    bases = {stem}
    if stem.endswith("se"):
        bases.add(stem[:-2] + "nen")  # Virtase-lle -> Virtanen
    if inflected and stem.endswith("s") and len(stem) > 3:
        bases.add(stem[:-1] + "nen")  # Virtas-ta -> Virtanen
    if inflected and stem.endswith("kse") and len(stem) > 4:
        bases.add(stem[:-3] + "s")  # Pegasokse-ssa -> Pegasos, Eliakse-n -> Elias
    if e_stems and inflected and stem.endswith("e"):
        bases.add(stem[:-1] + "i")  # Lahde-n -> Lahdi (-> Lahti below), Kurje -> Kurji
    if inflected:
        for base in list(bases):
            bases.update(_strong_grades(base))
    return bases


def _strong_grades(base: str) -> set[str]:
    """Undo consonant gradation in the last syllable: "tuuka" -> "tuukka".

    The weak consonant stands right before the word's closing vowels, and a vowel or l, r, n,
    h stands before it.
    """
    vowels_start = len(base)
    while vowels_start > 0 and base[vowels_start - 1] in _VOWEL:
        vowels_start -= 1
    if vowels_start == len(base):
        return set()
    results = set()
    after = base[vowels_start:]
    for weak, strong in _GRADATION:
        index = vowels_start - len(weak)
        if index > 0 and base.endswith(weak, 0, vowels_start) and base[index - 1] in _AFTER:
            results.add(base[:index] + strong + after)
    return results
