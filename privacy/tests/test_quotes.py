"""The strict quote check: hostile texts are refused, ordinary figures pass."""

import pytest
from django.utils import translation

from privacy.quotes import is_quotable, problem_messages, quote_problems

ZWSP = "\u200b"
SOFT_HYPHEN = "\u00ad"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Asiakas 131052 -308T kertoi asiasta.", "long_number"),
        ("Asiakas 131052 308T kertoi asiasta.", "long_number"),
        ("Tunnus 1310 52-308T oli lomakkeessa.", "long_number"),
        ("Soita 040.123.4567, niin kerron lisää.", "long_number"),
        ("Soita 040/123 45 67 iltaisin.", "long_number"),
        ("Asiakasnumero 123 456 on järjestelmässä.", "long_number"),
        ("Ring +46 701 234 567 på kvällen.", "long_number"),
        ("Diaarinumero 1234/2020 koskee häntä.", "long_number"),
        ("Syntynyt 13.10.1952-308 ja asuu yksin.", "long_number"),
        (f"Tunnus 1310{ZWSP}52-308T oli lomakkeessa.", "long_number"),
        (f"Numero 040{SOFT_HYPHEN}123{ZWSP}4567 on katkaistu.", "long_number"),
        ("Numero ０４０ １２３ ４５６７ on katkaistu.", "long_number"),  # full-width digits
        ("Numero 040\u2013123\u20144567 on katkaistu.", "long_number"),  # en and em dash
        ("Kirjoita osoitteeseen matti (at) example (dot) fi.", "email"),
        ("Kirjoita osoitteeseen matti [at] example.fi.", "email"),
        ("Write to matti at example dot com today.", "email"),
        ("Kirjoita matti＠example.fi heti.", "email"),
        ("Hänen tunnuksensa on @matti99 palvelussa.", "email"),
        (f"Kirjoita matti{ZWSP}@{ZWSP}example.fi heti.", "email"),
        ("Matti Virtanen kertoi, että jonot ovat pitkiä.", "name"),
    ],
)
def test_a_hostile_text_is_refused(text, problem):
    assert problem in quote_problems(text, "fi")
    assert not is_quotable(text, "fi")


def test_a_name_is_refused_even_where_the_writer_confirmed_it():
    # "Toivo" may be hope, and the writer may have confirmed it; a quote still leaves it out.
    text = "Asiakas Toivo kertoi, että jonot ovat pitkiä."
    assert "name" in quote_problems(text, "fi")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Jonot kasvoivat 12.3.2026 alkaen.", "fi"),
        ("Jonot kasvoivat 12. 3. 2026 alkaen.", "fi"),
        ("Aikavälillä 1.1.–31.3.2026 jonot pitenivät.", "fi"),
        ("Vuosina 2020–2025 tilanne parani.", "fi"),
        ("Päätös tehtiin 2026-03-12.", "fi"),
        ("Avoinna klo 8.00–16.00 arkisin.", "fi"),
        ("Noin 45 % asiakkaista odottaa yli kuukauden.", "fi"),
        ("Sosiaalihuoltolain § 45 mukaan apu kuuluu kaikille.", "fi"),
        ("Tukea myönnettiin 1 200 000 euroa.", "fi"),
        ("Vuokra nousi 1 234,50 €:oon kuukaudessa.", "fi"),
        ("Hyrorna steg med 15 000 kronor om året.", "sv"),
        ("The grant was € 2 500 000 for the year.", "en"),
        ("We met at 8.00 in the office.", "en"),
        ("We met at home. Then we talked about the queues.", "en"),
        ("Asumisneuvontaa ei ole saatavilla iltaisin.", "fi"),
    ],
)
def test_ordinary_figures_pass(text, language):
    assert quote_problems(text, language) == []
    assert is_quotable(text, language)


def test_an_empty_text_is_not_a_quote():
    assert quote_problems(f" {ZWSP}\n ", "fi") == ["empty"]


def test_each_problem_is_named_once_in_the_order_found():
    problems = quote_problems("Matti Virtanen, 131052 -308T, matti (at) example.fi", "fi")
    assert problems[:2] == ["long_number", "email"]
    assert "name" in problems and len(problems) == len(set(problems))


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fi", "kuusi numeroa"),
        ("sv", "sex siffror"),
        ("en", "six or more digits"),
    ],
)
def test_the_messages_are_translated(language, expected):
    with translation.override(language):
        messages = problem_messages(["long_number", "email", "name", "phone", "empty"])
    assert expected in messages[0]
    assert len(set(messages)) == 5 and all(messages)
