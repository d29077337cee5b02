"""Person names in Finnish, Swedish and English text.

A capitalised word is looked up (``lexicon.word_facts``) and then judged in its sentence:

- a first name followed by a surname-like word is a name ("Hannu Lahti", "Pekka Eskelisen");
- a first or surname that is nothing else is a name wherever it stands ("Virtaselle");
- a name that is also an ordinary word ("Toivo" = hope, "Laine" = wave) is a name only inside
  a sentence, where Finnish and Swedish would not capitalise the word, or with context;
- a name that is also a place or an organisation ("Lahti", "Koskela", "Kela") needs context:
  a title before it ("asiakas", "Klienten", "Mrs"), an age after it ("Toivo (16 v.)"), or a
  family word after its genitive ("Toivon isä");
- a doubtful name joined by "ja", "och", "and" or a comma to a sure one is a name too.

Case carries that information only in text written with ordinary capitalisation. A word in
lower case or ALL CAPITALS ("matti virtanen", "MATTI VIRTANEN") says nothing by its case, so
such words are names only when the evidence is unambiguous (``_uncased_names``): a first name
next to a surname, at least one of them with no ordinary-word reading; a name after a title
("asiakas toivo"); a name with an age after it; or an initial before a surname ("m. virtanen").
"""

import functools
import re
from collections.abc import Iterator
from typing import NamedTuple

from privacy.detectors.lexicon import (
    WordFacts,
    voikko_available,
    word_facts,
    word_list,
)
from privacy.detectors.spans import SpanSet
from privacy.findings import Finding

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"['’]s$")
_SENTENCE_END = ".!?:;…•*"
_OPENERS = "\"'«»„“”‘’([{"
_DASHES = "-–—"
_RUN_GAP = re.compile(r"[ \t\u00a0]+")
_INITIAL_GAP = re.compile(r"\.[ \t\u00a0]*")
_ROLE_GAP = re.compile(r"[ \t\u00a0]*:?[ \t\u00a0]+")
_AGE_AFTER = re.compile(
    r"\s*(?:"
    r"\(\s*\d{1,3}\s*(?:v\.?|vuotta|vuotias|år|y\.?|yrs?|years|yo)?\s*[),]"
    r"|,\s*\d{1,3}\s*(?:v\.|vuotta|vuotias|år|years? old|yo)"
    r"|\s\d{1,3}\s?-?\s?(?:v\.|vuotias|vuotta|årig|år gammal|years? old|year-old)"
    r")",
    re.IGNORECASE,
)
_MAX_NAME_TOKENS = 4
_HONORIFICS = frozenset(
    {"mr", "mrs", "ms", "miss", "dr", "herr", "fru", "fröken", "rouva", "herra"}
)
_CONJUNCTIONS = frozenset({"ja", "sekä", "tai", "och", "eller", "and", "or", "&"})
# Swedish and English put a place after these; Finnish marks places with case endings instead.
_PLACE_PREPOSITIONS = frozenset(
    {"i", "från", "kring", "nära", "utanför", "in", "from", "near", "around", "outside"}
)


class _Token(NamedTuple):
    # A named tuple rather than a frozen dataclass: a long text has tens of thousands of
    # tokens, and a tuple is several times cheaper to create.
    start: int
    end: int
    text: str

    @property
    def lookup(self) -> str:
        """The word without an English possessive ("Toivo's" -> "Toivo")."""
        return _POSSESSIVE.sub("", self.text)

    @property
    def capitalised(self) -> bool:
        word = self.text
        return word[0].isupper() and not (len(word) > 1 and word.isupper())

    @property
    def uncased(self) -> bool:
        """Lower case or ALL CAPITALS: the case says nothing about a proper noun."""
        return len(self.text) > 1 and (self.text.islower() or self.text.isupper())

    @property
    def titled(self) -> str:
        """The word as a name is written ("MATTI" -> "Matti", "anna-liisa" -> "Anna-Liisa"),
        so that lookups share one form whatever the writer's case."""
        word = self.lookup
        if "-" not in word:
            return word[:1].upper() + word[1:].lower()
        return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))

    def initial(self, text: str) -> bool:
        return len(self.text) == 1 and self.text.isupper() and text[self.end : self.end + 1] == "."

    def any_initial(self, text: str) -> bool:
        return len(self.text) == 1 and self.text.isalpha() and text[self.end : self.end + 1] == "."


def _tokens(text: str, blocked: SpanSet) -> list[_Token]:
    """The words of ``text`` outside the blocked spans, walking both in order."""
    starts, ends = blocked.bounds()
    tokens = []
    span = 0
    for match in _WORD.finditer(text):
        start, end = match.span()
        while span < len(ends) and ends[span] <= start:
            span += 1
        if span < len(starts) and starts[span] < end:
            continue
        tokens.append(_Token(start, end, match.group()))
    return tokens


class _Sentence:
    """The text, its word tokens and the language, with the context questions the rules ask."""

    def __init__(
        self, text: str, language: str, blocked: SpanSet, common_anywhere: bool = False
    ) -> None:
        self.text = text
        self.language = language
        # When the text's language is not known, an ordinary word of any language stays one.
        self.common_anywhere = common_anywhere
        self.tokens = _tokens(text, blocked)

    @property
    def word_language(self) -> str:
        """The language words are looked up in; an unknown language is read as Finnish."""
        return self.language if self.language in {"sv", "en"} else "fi"

    def runs(self) -> Iterator[list[int]]:
        """Indexes of neighbouring capitalised tokens with only spaces between them."""
        run: list[int] = []
        for index, token in enumerate(self.tokens):
            if not (token.capitalised or token.initial(self.text)):
                if run:
                    yield run
                run = []
                continue
            if run and not self._joined(self.tokens[run[-1]], token):
                yield run
                run = []
            run.append(index)
        if run:
            yield run

    def _joined(self, left: _Token, right: _Token) -> bool:
        gap = self.text[left.end : right.start]
        if left.initial(self.text):
            return bool(_INITIAL_GAP.fullmatch(gap))
        return bool(_RUN_GAP.fullmatch(gap))

    def starts_sentence(self, index: int) -> bool:
        position = self.tokens[index].start
        while position > 0:
            char = self.text[position - 1]
            if char == "\n":
                return True
            if char.isspace() or char in _OPENERS:
                position -= 1
                continue
            if char in _DASHES:  # a list item: "- Toivo kertoi ..."
                before = self.text[: position - 1].rstrip(" \t")
                return before == "" or before.endswith("\n")
            return char in _SENTENCE_END
        return True

    def has_context(self, index: int, facts: WordFacts) -> bool:
        return (
            self.has_role_before(index)
            or bool(_AGE_AFTER.match(self.text, self.tokens[index].end))
            or self._family_after(index, facts)
        )

    def coordinated(self, index: int) -> list[int]:
        """Tokens joined to token ``index`` by "ja", "och", "and" or a comma."""
        joined = []
        for step in (-1, 1):
            neighbour = index + step
            if not 0 <= neighbour < len(self.tokens):
                continue
            left, right = sorted((index, neighbour))
            if self._gap(left, right).strip() == ",":
                joined.append(neighbour)
                continue
            word = self.tokens[neighbour].text.casefold()
            beyond = neighbour + step
            if word in _CONJUNCTIONS and 0 <= beyond < len(self.tokens):
                left, right = sorted((index, beyond))
                if _RUN_GAP.fullmatch(self._gap(left, left + 1)) and _RUN_GAP.fullmatch(
                    self._gap(right - 1, right)
                ):
                    joined.append(beyond)
        return joined

    def _gap(self, left: int, right: int) -> str:
        return self.text[self.tokens[left].end : self.tokens[right].start]

    def after_place_preposition(self, index: int) -> bool:
        if index == 0 or self.language == "fi":
            return False
        previous = self.tokens[index - 1]
        gap = self.text[previous.end : self.tokens[index].start]
        return bool(_RUN_GAP.fullmatch(gap)) and previous.text.casefold() in _PLACE_PREPOSITIONS

    def has_role_before(self, index: int) -> bool:
        if index == 0:
            return False
        previous = self.tokens[index - 1]
        gap = self.text[previous.end : self.tokens[index].start]
        return bool(_ROLE_GAP.fullmatch(gap)) and previous.text.casefold() in word_list("roles.txt")

    def _family_after(self, index: int, facts: WordFacts) -> bool:
        if index + 1 >= len(self.tokens):
            return False
        token, following = self.tokens[index], self.tokens[index + 1]
        if not _RUN_GAP.fullmatch(self.text[token.end : following.start]):
            return False
        if following.text.casefold() not in word_list("kinship.txt"):
            return False
        finnish_genitive = facts.genitive and self.language != "en"
        swedish_genitive = token.text.endswith("s") and self.language not in {"fi", "en"}
        english_possessive = token.text != token.lookup and self.language != "fi"
        return finnish_genitive or swedish_genitive or english_possessive

    def common(self, facts: WordFacts) -> bool:
        if self.common_anywhere:
            return facts.common_fi or facts.common_sv or facts.common_en
        if self.language == "fi":
            return facts.common_fi
        if self.language == "sv":
            return facts.common_sv
        if self.language == "en":
            return facts.common_en
        return facts.common_fi or facts.common_sv


def find_names(
    text: str, language: str, blocked: SpanSet | None = None, common_anywhere: bool = False
) -> list[Finding]:
    """Names in ``text``, skipping spans ``blocked`` by findings of other kinds.

    With ``common_anywhere`` a word that is an ordinary word in any of the three languages
    needs the context an ordinary word needs, whichever language's rules are applied.
    """
    sentence = _Sentence(text, language, blocked or SpanSet(), common_anywhere)
    spans = [span for run in sentence.runs() for span in _names_in_run(sentence, run)]
    spans += _names_beside_names(sentence, spans)
    taken = {index for first, last in spans for index in range(first, last + 1)}
    spans += [
        (first, last)
        for first, last in _uncased_names(sentence)
        if taken.isdisjoint(range(first, last + 1))
    ]
    spans += _uncased_beside_names(sentence, spans)
    findings = []
    for first, last in sorted(spans):
        if _names_an_institution(sentence, last) or _names_a_day(sentence, first, last):
            continue
        start, end = sentence.tokens[first].start, sentence.tokens[last].end
        findings.append(Finding(start, end, "name", text[start:end]))
    return findings


def _names_beside_names(sentence: _Sentence, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A doubtful name joined to a sure one is a name too: "Toivo ja Satu Virtanen"."""
    in_name = {index for first, last in spans for index in range(first, last + 1)}
    edges = {first for first, _ in spans} | {last for _, last in spans}
    found = []
    for index, token in enumerate(sentence.tokens):
        if index in in_name or not token.capitalised:
            continue
        facts = word_facts(token.lookup, sentence.word_language)
        if not _person_like(facts) or facts.place or facts.organisation or facts.function_word:
            continue
        if any(neighbour in edges for neighbour in sentence.coordinated(index)):
            found.append((index, index))
    return found


def _names_in_run(sentence: _Sentence, run: list[int]) -> Iterator[tuple[int, int]]:
    facts = [word_facts(sentence.tokens[i].lookup, sentence.word_language) for i in run]
    position = 0
    while position < len(run):
        length = _full_name_length(sentence, run, facts, position)
        if length:
            yield run[position], run[position + length - 1]
            position += length
            continue
        if _single_is_name(sentence, run[position], facts[position]):
            length = _titled_name_length(sentence, run, facts, position)
            yield run[position], run[position + length - 1]
            position += length
            continue
        position += 1


def _full_name_length(
    sentence: _Sentence, run: list[int], facts: list[WordFacts], position: int
) -> int:
    """How many tokens from ``position`` make "first names + surname" (or "surname first")."""
    head = facts[position]
    token = sentence.tokens[run[position]]
    rest = len(run) - position
    if rest < 2 or head.organisation or head.function_word:
        return 0
    if (
        head.first_name
        and not head.listed_first
        and not _trusted_first_name(sentence, run, facts, position)
    ):
        return 0
    if head.first_name or token.initial(sentence.text):
        length = 1
        while (
            length < min(rest, _MAX_NAME_TOKENS)
            and _can_follow_after_first_name(facts[position + length])
            and (length == 1 or facts[position + length - 1].first_name)
        ):
            length += 1
        if token.initial(sentence.text) and not (
            _is_surname(facts[position + 1]) or _unknown_word(sentence, run[position + 1], -1)
        ):
            return 0
        return length if length > 1 else 0
    second = facts[position + 1]
    _, surname = _name_readings(sentence, head)
    if surname and not head.place and second.first_name:
        return 2  # "Virtanen Matti", as in lists
    if _unknown_before_surname(sentence, head, second):
        return 2  # "Aatos Korhonen" with a first name no list knows
    return 0


def _titled_name_length(
    sentence: _Sentence, run: list[int], facts: list[WordFacts], position: int
) -> int:
    """After a title the whole run is the name, known or not ("asiakas Yusuf Abdi")."""
    length = 1
    if not sentence.has_role_before(run[position]):
        return length
    while position + length < len(run) and length < _MAX_NAME_TOKENS:
        following = facts[position + length]
        if not _can_follow_first_name(following) or following.place:
            break
        title = run[position] - 1
        if not (_person_like(following) or _unknown_word(sentence, run[position + length], title)):
            break
        length += 1
    return length


def _trusted_first_name(
    sentence: _Sentence, run: list[int], facts: list[WordFacts], position: int
) -> bool:
    """A first name only Voikko knows opens a full name in Swedish or English text when a
    surname or a title backs it ("Visa Nurmi", not the heading "Visa Application")."""
    if sentence.language not in {"sv", "en"}:
        return True
    return _is_surname(facts[position + 1]) or sentence.has_role_before(run[position])


def _can_follow_first_name(facts: WordFacts) -> bool:
    return not (facts.organisation or facts.function_word or facts.place_in_local_case)


def _can_follow_after_first_name(facts: WordFacts) -> bool:
    """Right after a first name, a surname that is also a place in a local case is still the
    surname ("Seppo Koivistolle"): the guard errs towards finding too much."""
    return _can_follow_first_name(facts) or (
        facts.surname and not (facts.organisation or facts.function_word)
    )


def _is_surname(facts: WordFacts) -> bool:
    return facts.surname or facts.surname_shape


def _unknown_before_surname(sentence: _Sentence, head: WordFacts, second: WordFacts) -> bool:
    # Only Voikko can tell that a capitalised Finnish word is no ordinary word.
    return (
        sentence.language not in {"sv", "en"}
        and not head.known_fi
        and not head.place
        and second.surname
        and not second.place
        and voikko_available()
    )


def _single_is_name(sentence: _Sentence, index: int, facts: WordFacts) -> bool:
    first, surname = _name_readings(sentence, facts)
    if facts.organisation and first and sentence.has_role_before(index):
        return True  # "hans dotter Wilma": a girl, not the school system
    if facts.organisation or facts.function_word or facts.place_in_local_case:
        return False
    # "Kivistön ja Tikkurilan alueelle": a surname joined to a place is a district.
    return _single_reading(sentence, index, facts, first, surname) and (
        first or not _coordinated_with_place(sentence, index)
    )


def _single_reading(
    sentence: _Sentence, index: int, facts: WordFacts, first: bool, surname: bool
) -> bool:
    if sentence.has_context(index, facts):
        return _person_like(facts) or (
            sentence.has_role_before(index) and _unknown_word(sentence, index, index - 1)
        )
    if not first and sentence.after_place_preposition(index):
        return False  # "i Ilmola", "in Koskela": a village, whatever else the word may be
    if not (first or surname):
        return (
            facts.surname_shape
            and not sentence.common(facts)
            and not sentence.starts_sentence(index)
        )
    if facts.place:
        return False
    if not sentence.common(facts):
        return not _guess_opens_sentence(sentence, index, facts)
    return _inside_sentence(sentence, index, facts)


def _guess_opens_sentence(sentence: _Sentence, index: int, facts: WordFacts) -> bool:
    """Without Voikko nothing says that a capitalised first word is an ordinary word, and
    ending rules turn many words into names ("Hiljaa" -> Hilja, "Koko" -> Kokko). So such a
    word counts only when it is written exactly as listed or is a -nen surname ("Virtaselle").
    """
    if sentence.language in {"sv", "en"} or not sentence.starts_sentence(index):
        return False
    if facts.written_as_listed or (facts.surname and facts.surname_shape):
        return False
    return not voikko_available()


def _name_readings(sentence: _Sentence, facts: WordFacts) -> tuple[bool, bool]:
    """(first name, surname) as far as a word standing alone may be trusted in this language."""
    if sentence.language in {"sv", "en"}:
        return facts.listed_first, facts.listed_surname
    return facts.first_name, facts.surname


def _person_like(facts: WordFacts) -> bool:
    return facts.first_name or facts.surname or facts.surname_shape


def _unknown_word(sentence: _Sentence, index: int, title_index: int) -> bool:
    """A capitalised word that is no known word: after a title, most likely a name.

    Only Voikko can tell that a Finnish word is unknown. English headings capitalise every
    word ("Contact Details"), so there the title must be lowercase or an honorific ("Mrs").
    """
    facts = word_facts(sentence.tokens[index].lookup, sentence.word_language)
    if facts.place or facts.organisation or facts.function_word or sentence.common(facts):
        return False
    if _institution_words().search(sentence.tokens[index].text.casefold()):
        return False  # "the stop is called Hospital"
    if sentence.word_language == "fi":
        return not facts.known_fi and voikko_available()
    if title_index < 0:  # after an initial ("H. Toroska")
        return True
    title = sentence.tokens[title_index].text
    return sentence.language == "sv" or title.islower() or title.casefold() in _HONORIFICS


def _inside_sentence(sentence: _Sentence, index: int, facts: WordFacts) -> bool:
    """A capitalised word inside a Finnish or Swedish sentence is a proper noun.

    English capitalises more (months, days), so there an English word stays a word.
    """
    if sentence.starts_sentence(index):
        return False
    return not (sentence.language == "en" and sentence.common(facts))


def _uncased_names(sentence: _Sentence) -> Iterator[tuple[int, int]]:
    """Names written in lower case or ALL CAPITALS (see the module docstring).

    Most lowercase words are ordinary words, so a word is looked up only when its written form
    is in a name list or a title stands before it; that keeps the scan fast.
    """
    tokens = sentence.tokens
    first_names = word_list("first_names.txt")
    surnames = word_list("surnames.txt")
    roles = word_list("roles.txt")
    kinship = word_list("kinship.txt")
    keys = [token.text.casefold() for token in tokens] + [""]
    own, following = _uncased_triggers()
    # Most words are ordinary: pick the few that a rule below can start from in one pass.
    candidates = [
        position
        for position, (key, next_key) in enumerate(zip(keys, keys[1:], strict=False))
        if key in own or next_key in following or len(key) == 1
    ]
    text = sentence.text
    index = 0
    for candidate in candidates:
        if candidate < index:
            continue
        index = candidate
        key, next_key = keys[index], keys[index + 1]
        length = 0
        if key in roles:
            # Look at the word after the title; the title itself is no name.
            if (
                next_key
                and next_key not in first_names
                and next_key not in surnames
                and tokens[index + 1].uncased
                and sentence.has_role_before(index + 1)
                and _uncased_single(sentence, index + 1)
            ):
                length = 1 + _uncased_surname_after(sentence, index + 1)
                yield index + 1, index + length
                index += 1 + length
                continue
        elif len(key) == 1:
            if tokens[index].any_initial(text):
                length = _initial_and_surname(sentence, index)
        elif next_key in kinship:
            if tokens[index].uncased and _before_family_word(sentence, index):
                length = int(_uncased_family_name(sentence, index))
        elif tokens[index].uncased:
            length = _uncased_full_name(sentence, index)
            if not length and _uncased_single(sentence, index):
                length = 1 + (_uncased_surname_after(sentence, index) if key in first_names else 0)
            if not length and key in first_names and _only_a_first_name(sentence, index):
                length = 1
        if length:
            yield index, index + length - 1
            index += length
        else:
            index += 1


@functools.cache
def _uncased_triggers() -> tuple[frozenset[str], frozenset[str]]:
    """Words that can open a lowercase name, and words that make the word before them worth a
    look (a family word, a listed surname or its -nen genitive)."""
    surnames = word_list("surnames.txt")
    own = word_list("first_names.txt") | surnames | word_list("roles.txt")
    genitives = {name[:-3] + "sen" for name in surnames if name.endswith("nen")}
    return own, word_list("kinship.txt") | surnames | genitives


def _uncased_facts(sentence: _Sentence, index: int) -> WordFacts:
    return word_facts(sentence.tokens[index].titled, sentence.word_language)


def _next_uncased(sentence: _Sentence, index: int) -> bool:
    following = index + 1
    return (
        following < len(sentence.tokens)
        and sentence.tokens[following].uncased
        and bool(_RUN_GAP.fullmatch(sentence._gap(index, following)))
    )


def _ambiguous(sentence: _Sentence, facts: WordFacts) -> bool:
    return sentence.common(facts) or facts.function_word


def _ambiguous_first_name(sentence: _Sentence, facts: WordFacts) -> bool:
    """A first name is an ordinary word when listed as one or when it is also a verb ("anna",
    give); Voikko's rare noun readings ("matti", checkmate) do not count."""
    if sentence.language in {"sv", "en"}:
        return _ambiguous(sentence, facts)
    listed = facts.common_fi_listed or (sentence.language != "fi" and facts.common_sv)
    return listed or facts.verb or facts.function_word


def _uncased_full_name(sentence: _Sentence, index: int) -> int:
    """ "matti virtanen", "MATTI VIRTANEN", "virtanen matti", "anna liisa virtanen"."""
    if not _next_uncased(sentence, index):
        return 0
    head, second = _uncased_facts(sentence, index), _uncased_facts(sentence, index + 1)
    if head.function_word or second.function_word or head.organisation or second.organisation:
        return 0
    first, head_surname = _name_readings(sentence, head)
    second_first, surname = _name_readings(sentence, second)
    surname = surname or second.surname_shape
    if first and second_first and _next_uncased(sentence, index + 1):
        third = _uncased_facts(sentence, index + 2)
        third_surname = _name_readings(sentence, third)[1] or third.surname_shape
        if third_surname and not third.function_word and not _ambiguous(sentence, third):
            return 3  # "anna liisa virtanen"
    if first and surname:
        if _ambiguous_first_name(sentence, head) and _ambiguous(sentence, second):
            return 0
        return 2
    if head_surname and second_first:  # "virtanen matti", as in lists
        if _ambiguous(sentence, head) and _ambiguous_first_name(sentence, second):
            return 0
        return 2
    return 0


def _uncased_single(sentence: _Sentence, index: int) -> bool:
    """One lowercase name with a title before it or an age after it ("asiakas toivo")."""
    facts = _uncased_facts(sentence, index)
    if facts.function_word or facts.organisation or facts.place_in_local_case:
        return False
    # After a title Voikko's first names are trusted in every language ("client john"); its
    # surnames include English words ("far more"), so those must be listed.
    first, surname = _name_readings(sentence, facts)
    if not (first or facts.first_name or surname or facts.surname_shape):
        return False
    token = sentence.tokens[index]
    if not (sentence.has_role_before(index) or _AGE_AFTER.match(sentence.text, token.end)):
        return False
    if _ambiguous(sentence, facts) or facts.verb:
        # "asiakas toivoi" is a verb, "asiakkaan ruotsalainen tili" an adjective; "asiakas
        # toivo" counts as a first name written exactly as listed.
        return token.lookup.casefold() in word_list("first_names.txt")
    return True


def _uncased_surname_after(sentence: _Sentence, index: int) -> int:
    if not _next_uncased(sentence, index):
        return 0
    facts = _uncased_facts(sentence, index + 1)
    _, surname = _name_readings(sentence, facts)
    return int((surname or facts.surname_shape) and not _ambiguous(sentence, facts))


def _initial_and_surname(sentence: _Sentence, index: int) -> int:
    """ "m. virtanen", "M. VIRTANEN": an initial, then a surname with no other reading."""
    following = index + 1
    if following >= len(sentence.tokens) or not sentence.tokens[following].uncased:
        return 0
    if not _INITIAL_GAP.fullmatch(sentence._gap(index, following)):
        return 0
    facts = _uncased_facts(sentence, following)
    _, surname = _name_readings(sentence, facts)
    ordinary = facts.function_word or (
        facts.common_fi_listed if sentence.word_language == "fi" else sentence.common(facts)
    )
    if (surname or facts.surname_shape) and not ordinary:
        return 2
    return 0


def _names_an_institution(sentence: _Sentence, last: int) -> bool:
    """ "Kalliolan setlementti", "Virtasen säätiö", "Aurora Hospital": the name is part of an
    institution's or project's name, not a person."""
    following = last + 1
    if following >= len(sentence.tokens) or not _RUN_GAP.fullmatch(sentence._gap(last, following)):
        return False
    # Anywhere in the word, since the institution word may end a compound ("nuorisoseurakunta").
    return bool(_institution_words().search(sentence.tokens[following].text.casefold()))


@functools.cache
def _institution_words() -> re.Pattern[str]:
    stems = sorted(word_list("institution_words.txt"), key=len, reverse=True)
    return re.compile("|".join(re.escape(stem) for stem in stems))


def _before_family_word(sentence: _Sentence, index: int) -> bool:
    following = index + 1
    return (
        following < len(sentence.tokens)
        and sentence.tokens[following].text.casefold() in word_list("kinship.txt")
        and bool(_RUN_GAP.fullmatch(sentence._gap(index, following)))
    )


def _uncased_family_name(sentence: _Sentence, index: int) -> bool:
    """ "eliasin isä", "virtasen äiti": a name in the genitive before a family word."""
    facts = _uncased_facts(sentence, index)
    first, surname = _name_readings(sentence, facts)
    if not (first or surname) or facts.organisation or facts.place_in_local_case:
        return False
    # Only Finnish marks the genitive on the name itself; in Swedish "hans bror" is "his brother".
    if sentence.word_language != "fi" or not facts.genitive:
        return False
    return not (_ambiguous(sentence, facts) or facts.place or facts.verb)


# "Annan päivänä", "Annas namnsdag", "Mikael's day": a name day, not a person.
_DAY_WORDS = frozenset(
    {"päivä", "päivän", "päivänä", "päivää", "päiväksi", "päivälle", "päivästä", "nimipäivä",
     "nimipäivän", "nimipäivänä", "namnsdag", "namnsdagen", "dag", "dagen", "day"}
)  # fmt: skip


def _names_a_day(sentence: _Sentence, first: int, last: int) -> bool:
    """A name before a day word, or joined by "ja", "och" or "and" to one that is ("Heikin ja
    Nuutin päivää"), names a day."""
    tokens = sentence.tokens
    index = last + 1
    while index < len(tokens) and tokens[index].text.casefold() in _CONJUNCTIONS | {"ja"}:
        index += 2  # over the conjunction and the next name
    if index - 1 > last and index - 1 < len(tokens) and not tokens[index - 1].capitalised:
        return False
    return (
        index < len(tokens)
        and tokens[index].text.casefold() in _DAY_WORDS
        and bool(_RUN_GAP.fullmatch(sentence._gap(index - 1, index)))
        and first <= last
    )


def _coordinated_with_place(sentence: _Sentence, index: int) -> bool:
    for neighbour in sentence.coordinated(index):
        facts = word_facts(sentence.tokens[neighbour].lookup, sentence.word_language)
        if facts.place and not facts.first_name and not facts.surname:
            return True
    return False


def _uncased_beside_names(
    sentence: _Sentence, spans: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """A lowercase first name joined by "ja", "och", "and" or a comma to a name: "ville
    korpela ja saara"."""
    if not spans:
        return []
    in_name = {index for first, last in spans for index in range(first, last + 1)}
    edges = {first for first, _ in spans} | {last for _, last in spans}
    first_names = word_list("first_names.txt")
    found = []
    near = {edge + step for edge in edges for step in (-2, -1, 1, 2)}
    for index in sorted(near):
        if not 0 <= index < len(sentence.tokens) or index in in_name:
            continue
        token = sentence.tokens[index]
        if not token.uncased or token.text.casefold() not in first_names:
            continue
        if not any(neighbour in edges for neighbour in sentence.coordinated(index)):
            continue
        facts = _uncased_facts(sentence, index)
        if not _ambiguous_first_name(sentence, facts) and not facts.place:
            found.append((index, index))
    return found


def _only_a_first_name(sentence: _Sentence, index: int) -> bool:
    """A lowercase Finnish word whose every reading is a first name ("joni myy pillereitä"):
    Voikko knows no ordinary word, place or surname it could also be."""
    token = sentence.tokens[index]
    if sentence.language != "fi" or not token.text.islower() or not voikko_available():
        return False
    facts = _uncased_facts(sentence, index)
    return (
        facts.first_name
        and facts.known_fi
        and not (facts.common_fi or facts.surname or facts.place or facts.organisation)
        and not (facts.function_word or facts.verb)
    )
