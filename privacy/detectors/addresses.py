"""Street addresses: a street name with a house number, and a postal code with its town.

Finnish street names are compounds whose last part says what kind of way it is (Kauppa|katu,
Ranta|tie), and the whole name is inflected in a sentence ("Kauppakadulla 5 B 12"). So the
detector looks for a capitalised word ending in any case form of a street word, followed by a
house number. Swedish names work the same way (Stor|gatan 12 A).
"""

import functools
import re
from collections.abc import Iterator

from privacy.detectors import lexicon
from privacy.detectors.finnish import LOCAL_CASE_ENDINGS
from privacy.detectors.lexicon import word_facts, word_list
from privacy.detectors.spans import SpanSet
from privacy.findings import Finding

# Each street word with its case forms, written out rather than derived: consonant gradation
# (katu : kadulla, mäki : mäellä) makes rules longer than the list.
_FINNISH_STREET_FORMS = {
    "katu": "katu kadun katua kadulla kadulle kadulta kadussa kadusta katuun",
    "tie": "tie tien tietä tiellä tielle tieltä tiessä tiestä tiehen",
    "kuja": "kuja kujan kujaa kujalla kujalle kujalta kujassa kujasta kujaan",
    "polku": "polku polun polkua polulla polulle polulta polussa polusta polkuun",
    "raitti": "raitti raitin raittia raitilla raitille raitilta raitissa raitista raittiin",
    "väylä": "väylä väylän väylää väylällä väylälle väylältä väylässä väylästä väylään",
    "kaari": "kaari kaaren kaarta kaarella kaarelle kaarelta kaaressa kaaresta kaareen",
    "kaarre": "kaarre kaarteen kaarretta kaarteella kaarteelle kaarteelta kaarteessa kaarteeseen",
    "rinne": "rinne rinteen rinnettä rinteellä rinteelle rinteeltä rinteessä rinteeseen",
    "puisto": "puisto puiston puistoa puistolla puistolle puistolta puistossa puistoon",
    "tanhua": "tanhua tanhuan tanhuaa tanhualla tanhualle tanhualta tanhuassa tanhuaan",
    "aukio": "aukio aukion aukiota aukiolla aukiolle aukiolta aukiossa aukioon",
    "ranta": "ranta rannan rantaa rannalla rannalle rannalta rannassa rantaan",
    "mäki": "mäki mäen mäkeä mäellä mäelle mäeltä mäessä mäkeen",
    "kierto": "kierto kierron kiertoa kierrolla kierrolle kierrolta kierrossa kiertoon",
    "bulevardi": "bulevardi bulevardin bulevardia bulevardilla bulevardille bulevardilta "
    "bulevardissa bulevardiin",
    "kulma": "kulma kulman kulmaa kulmalla kulmalle kulmalta kulmassa kulmaan",
    "piha": "piha pihan pihaa pihalla pihalle pihalta pihassa pihaan",
    "tori": "tori torin toria torilla torille torilta torissa toriin",
    "portti": "portti portin porttia portilla portille portilta portissa porttiin",
    "niitty": "niitty niityn niittyä niityllä niitylle niityltä niityssä niittyyn",
    "laita": "laita laidan laitaa laidalla laidalle laidalta laidassa laitaan",
}
_SWEDISH_STREET_FORMS = (
    "gatan gata gatu vägen väg gränd gränden stigen stig backen backe torget torg allén allé "
    "planen kajen stranden udden gången kroken leden slingan ringen parken esplanaden "
    "boulevarden"
)
# These are also everyday words ("ranta" is a shore), so as a separate word after a name
# ("Mattilan piha 2") they do not make an address; inside a compound they do.
_EVERYDAY_STREET_WORDS = frozenset({"ranta", "mäki", "piha", "tori", "kulma", "portti", "laita"})


def _alternation(forms: set[str]) -> str:
    return "(?:" + "|".join(sorted(forms, key=len, reverse=True)) + ")"


_SWEDISH_FORMS = set(_SWEDISH_STREET_FORMS.split())
_ENDING = _alternation(
    {form for forms in _FINNISH_STREET_FORMS.values() for form in forms.split()} | _SWEDISH_FORMS
)
_SEPARATE_ENDING = _alternation(
    {
        form
        for word, forms in _FINNISH_STREET_FORMS.items()
        if word not in _EVERYDAY_STREET_WORDS
        for form in forms.split()
    }
    | _SWEDISH_FORMS
)
_UPPER = "A-ZÅÄÖÜÉ"
_LOWER = "a-zåäöüéèáà"
_PREFIX_WORDS = (
    "Pohjoinen|Eteläinen|Itäinen|Läntinen|Vanha|Uusi|Iso|Pieni|"
    "Norra|Södra|Östra|Västra|Stora|Lilla|Gamla|Nya"
)

# "Kauppakadulla", "Storgatan", optionally after "Vanha" or "Norra".
_COMPOUND_STREET = (
    rf"(?:(?:{_PREFIX_WORDS})\s+(?=[{_UPPER}])(?i:{_ENDING})"  # "Norra Esplanaden"
    rf"|(?:(?:{_PREFIX_WORDS})\s+)?[{_UPPER}][{_LOWER}'’-]+?{_ENDING})"
)
# "Taavetti Laitisen kuja", "Waseniuksen puistokatu": capitalised words, then the street word.
_SPLIT_STREET = rf"(?:[{_UPPER}][{_LOWER}'’.-]+\s+){{1,3}}[{_LOWER}]*{_SEPARATE_ENDING}"
_HOUSE = (
    r"\d{1,4}(?:\s?[-–]\s?\d{1,4})?"  # 12, 12-14
    r"(?:(?:\s?[A-Z]|[a-z])(?![\w-])(?:\s?\d{1,3}(?![\w]))?"  # 12 A, 5 B 12, 12a
    r"|\s[a-z]\s?\d{1,3}(?![\w]))?"  # 5 b 12
    r"(?:,?\s+(?:as\.?|asunto|lgh\.?|bst\.?)\s?\d{1,4}(?![\w]))?"  # 3 as. 32, 4 lgh 1201
)
_TOWN = rf"[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}{_LOWER}][{_LOWER}]+)?"
_POSTAL_TOWN = rf"\d{{5}}\s+{_TOWN}(?![\w])"

_STREET_ADDRESS = re.compile(
    rf"(?<![\w])(?:{_COMPOUND_STREET}|{_SPLIT_STREET})(?![\w])"
    rf"\s+{_HOUSE}"
    rf"(?:,?\s+{_POSTAL_TOWN})?"
)
_POSTAL_ADDRESS = re.compile(rf"(?<![\w,.\-+])(?<!\d\s){_POSTAL_TOWN}")

# The same street names in lower case or capitals ("asuu kauppakatu 5 b 12", "KAUPPAKATU 5").
# Case then says nothing, and many lowercase compounds with a street word are ordinary words
# ("hoitopolku 2", a care path), so ``_uncased_is_address`` asks for more evidence.
_UNCASED_STREET = rf"(?P<street>[{_LOWER}]{{2,}}?{_ENDING}|[{_UPPER}]{{2,}}?{_ENDING.upper()})"
_UNCASED_HOUSE = (
    r"(?P<house>\d{1,4}(?:\s?-\s?\d{1,4})?"
    r"(?P<flat>(?:\s?[A-Za-z](?![\w-]))(?:\s?\d{1,3}(?![\w]))?"
    r"|,?\s+(?:as\.?|asunto|lgh\.?|bst\.?|AS\.?|LGH\.?)\s?\d{1,4}(?![\w]))?)"
)
_UNCASED_TOWN = rf"(?P<postal>,?\s+\d{{5}}\s+(?P<town>[{_UPPER}{_LOWER}]+)(?![\w]))?"
_UNCASED_ADDRESS = re.compile(
    rf"(?<![\w-]){_UNCASED_STREET}(?![\w])\s+{_UNCASED_HOUSE}(?![\w,.]\d){_UNCASED_TOWN}"
)
_WORD_BEFORE_NUMBER = re.compile(r"(?<![^\W\d_])([^\W\d_]{3,})\s+(?=\d)")
# Street words that name nothing but a street (an alley, a village street); "-tie", "-polku"
# or "-ranta" also make ordinary compounds.
_STREET_ONLY = re.compile(
    r"(?:katu|kadu\w+|kuja\w*|raitti|raiti\w+|tie|tien|tiellä|tiele|gatan|gata|vägen|gränd"
    r"|gränden)$",
    re.IGNORECASE,
)
# Road types and ordinary "-tie" words: "valtatie 4" is highway 4, "elämäntie" a life's path.
_ROAD_TYPES = re.compile(
    r"(?:valta|kanta|seutu|maan|moottori|yhdys|kehä|ohitus|koulu|elämän|oikotie|läpikulku)tie"
    r"\w*$",
    re.IGNORECASE,
)
_WORDBASE_SURFACE = re.compile(r"\+([^+(]*)\(")
_STREET_WORD = re.compile(r"([^\W\d_]+)\.?\s+\d")
# "aleksis kiven katu 9 a 2": a lowercase street named after a person, in separate words.
_UNCASED_BARE_STREET = re.compile(
    rf"(?P<street>{_SEPARATE_ENDING})(?![\w])\s+{_UNCASED_HOUSE}(?![\w,.]\d){_UNCASED_TOWN}"
)
_LOWERCASE_LEAD = re.compile(rf"(?<![\w-])(?:[{_LOWER}]+\s)?[{_LOWER}]{{2,}}n\s$")
# "Hämeenk. 12 B 14", "Mannerheimint. 102", "Storg. 5 B 8": abbreviated -katu, -tie, -gatan,
# -vägen.
_ABBREVIATION_HINT = re.compile(r"[ktgv]\.\s?\d")
_WINDOW_BEFORE = 90
_WINDOW_AFTER = 90
_ABBREVIATED_ADDRESS = re.compile(
    rf"(?<![\w-])(?:(?:{_PREFIX_WORDS})\s+)?"
    rf"(?P<abbreviation>[{_UPPER}][{_LOWER}]{{3,}}[ktgv])\.\s?{_HOUSE}"
    rf"(?:,?\s+{_POSTAL_TOWN})?"
)
_NOT_STREET_ABBREVIATIONS = frozenset({"vast", "kust", "tilit", "liit", "sopimusk"})
_ADDRESS_WORDS = re.compile(
    r"(?<![\w])(?:asuu|asui|asuvat|asunto|osoite|osoitteessa|osoitteeseen|osoitteesta|osoitteena"
    r"|os\.|kotiosoite|muutti|muuttanut|bor|bodde|adress|adressen|address|lives|lived|at"
    r"|på|in|on)\W{0,3}$",
    re.IGNORECASE,
)
_UNITS_AFTER = re.compile(
    r"\s?(?:km|m|min|h|v|vuotta|vuoden|kertaa|kpl|henkeä|%|€|euroa|år|st|times|years)\b",
    re.IGNORECASE,
)

# Capitalised words that can follow five digits without being a town.
_NOT_TOWNS = frozenset({"euroa", "eur", "euro", "kr", "kronor", "asiakasta", "henkeä", "the"})


def find_addresses(text: str) -> Iterator[Finding]:
    taken = SpanSet()
    # Only a word right before a number can end a street name; most texts have none, and the
    # street patterns are slow to try at every position.
    streets = [
        word for word in _WORD_BEFORE_NUMBER.finditer(text) if _ends_in_street_word(word.group(1))
    ]
    for match in _street_matches(text, streets):
        if not _street_word_confirmed(_STREET_WORD.search(match.group()).group(1)):
            continue
        start = _skip_leading_words(text, match.start(), match.end())
        if taken.overlaps(start, match.end()):
            continue
        taken.add(start, match.end())
        yield Finding(start, match.end(), "address", text[start : match.end()])
    for start, match in _uncased_candidates(text, streets):
        if taken.overlaps(start, match.end()) or not _uncased_is_address(text, start, match):
            continue
        taken.add(start, match.end())
        yield Finding(start, match.end(), "address", text[start : match.end()])
    for match in _ABBREVIATED_ADDRESS.finditer(text) if _has_abbreviation(text) else ():
        if taken.overlaps(match.start(), match.end()):
            continue
        if match.group("abbreviation").casefold() in _NOT_STREET_ABBREVIATIONS:
            continue
        taken.add(match.start(), match.end())
        yield Finding(match.start(), match.end(), "address", match.group())
    for match in _POSTAL_ADDRESS.finditer(text):
        if taken.overlaps(match.start(), match.end()):
            continue
        if _is_town(match.group().split()[-1]):
            yield Finding(match.start(), match.end(), "address", match.group())


_CAPITALISED_WORD = re.compile(rf"[{_UPPER}][{_LOWER}'’.-]+\s+")
_LOWER_STREET = re.compile(rf"[{_LOWER}]{{3,}}?{_ENDING}\s")


def _skip_leading_words(text: str, start: int, end: int) -> int:
    """Drop ordinary words that the pattern took for part of a street name.

    "Osoitteena Taavetti Laitisen kuja 8" starts at "Taavetti": "osoitteena" (as an address)
    is a word, while "Taavetti" and "Laitisen" are names.
    """
    while True:
        word = _CAPITALISED_WORD.match(text, start, end)
        if not word:
            return start
        if not _CAPITALISED_WORD.match(text, word.end(), end) and not _LOWER_STREET.match(
            text, word.end(), end
        ):
            return start
        if re.fullmatch(_PREFIX_WORDS, word.group().strip()):
            return start
        facts = word_facts(word.group().strip())
        if not facts.common_fi or facts.first_name or facts.surname or facts.place:
            return start
        start = word.end()
        if not _CAPITALISED_WORD.match(text, start, end):
            # "Asuu kauppakadulla 5": the rest is a whole street name in lower case.
            return start


def _is_town(word: str) -> bool:
    """A town after a postal code is written in the nominative ("60100 Seinäjoki"), so
    "12345 Suomessa" is a count and a place, not an address."""
    folded = word.casefold()
    if folded in _NOT_TOWNS:
        return False
    if folded.endswith(LOCAL_CASE_ENDINGS) and folded not in word_list("places.txt"):
        return False
    return not word_facts(word).place_in_local_case


_STREET_FORMS = frozenset(
    {form for forms in _FINNISH_STREET_FORMS.values() for form in forms.split()} | _SWEDISH_FORMS
)


def _ends_in_street_word(word: str) -> bool:
    folded = word.casefold()
    return any(folded[index:] in _STREET_FORMS for index in range(len(folded) - 2))


def _street_matches(text: str, streets: list[re.Match[str]]) -> Iterator[re.Match[str]]:
    """The street-address pattern tried only around each word that can end a street name: a
    split name ("Taavetti Laitisen kuja") starts a few words before it."""
    searched_to = 0
    for word in streets:
        if word.end() <= searched_to:
            continue
        window = max(searched_to, word.start() - _WINDOW_BEFORE)
        for match in _STREET_ADDRESS.finditer(text, window, word.end() + _WINDOW_AFTER):
            if match.start() <= word.start() < match.end():
                searched_to = match.end()
                yield match
                break


def _has_abbreviation(text: str) -> bool:
    return any(
        position > 0 and text[position - 1].isalpha()
        for position in (m.start() for m in _ABBREVIATION_HINT.finditer(text))
    )


def _uncased_candidates(
    text: str, streets: list[re.Match[str]]
) -> Iterator[tuple[int, re.Match[str]]]:
    """(start, match) for each lowercase or all-caps street name with a house number."""
    for word in streets:
        if not (word.group(1).islower() or word.group(1).isupper()):
            continue
        if word.start() > 0 and (text[word.start() - 1].isalnum() or text[word.start() - 1] == "-"):
            continue
        match = _UNCASED_ADDRESS.match(text, word.start())
        if match and _street_word_confirmed(match.group("street")):
            yield match.start(), match
            continue
        bare = _UNCASED_BARE_STREET.match(text, word.start())
        lead = _LOWERCASE_LEAD.search(text, 0, word.start()) if bare else None
        if bare and lead and lead.group().split()[0] not in word_list("function_words.txt"):
            yield lead.start(), bare  # "aleksis kiven katu 9 a 2"


@functools.lru_cache(maxsize=4096)
def _street_word_confirmed(word: str) -> bool:
    """Whether the word really ends in a street word: Voikko splits a compound into its parts,
    so "Kauppatori" ends in "tori" and "indikaattori" does not. A word Voikko does not know
    (most street names) is taken as written."""
    last_part = word.rsplit("-", 1)[-1].casefold()
    analyses = lexicon.VOIKKO.analyze(last_part)
    if not analyses:
        return True
    starts = {
        len(last_part) - len(form)
        for form in _STREET_FORMS
        if len(form) <= len(last_part) and last_part.endswith(form)
    }
    for analysis in analyses:
        # "+sairaalan(sairaala)+kier(kiertää)+to(+to)": the street word must start where one
        # of the parts does (derivations split "kierto" further, so any boundary will do).
        position, boundaries = 0, {0}
        for surface in _WORDBASE_SURFACE.findall(analysis.get("WORDBASES", "")):
            position += len(surface)
            boundaries.add(position)
        if starts & boundaries:
            return True
    return False


def _uncased_is_address(text: str, start: int, match: re.Match[str]) -> bool:
    """A lowercase or all-caps street name with a house number is an address when a street
    word that means nothing else ends it ("kauppakatu 5"), or when a flat, a postal code or a
    word such as "asuu" (lives) or "osoite" (address) backs it."""
    if _UNITS_AFTER.match(text, match.end("house")) and not match.group("flat"):
        return False  # "koulutie 2 km", "hoitopolku 3 vuotta"
    if match.group("postal") and not _is_town(match.group("town").capitalize()):
        return False
    street = match.group("street")
    if _ROAD_TYPES.search(street) and not match.group("flat"):
        return False
    if word_facts(street.capitalize()).place_in_local_case:
        return False
    before = text[max(0, start - 24) : start]
    return bool(
        (_STREET_ONLY.search(street) and start == match.start())
        or match.group("flat")
        or match.group("postal")
        or _ADDRESS_WORDS.search(before)
    )
