"""The guard without Voikko: lists and Finnish ending rules only."""

import pytest

from privacy import voikko_available
from privacy.detectors.finnish import base_candidates

from .helpers import found_kind

pytestmark = pytest.mark.usefixtures("without_voikko")


def test_voikko_reports_unavailable():
    assert not voikko_available()


@pytest.mark.parametrize(
    ("word", "base"),
    [
        ("Virtaselle", "virtanen"),
        ("Virtasta", "virtanen"),
        ("Eskelisen", "eskelinen"),
        ("Annelta", "anne"),
        ("Tuukan", "tuukka"),
        ("Matin", "matti"),
        ("Eliasin", "elias"),
        ("Lahden", "lahti"),
        ("Kurjen", "kurki"),
        ("Virran", "virta"),
        ("Annaan", "anna"),
    ],
)
def test_it_guesses_base_forms_of_inflected_names(word, base):
    assert base in base_candidates(word, e_stems=True)


def test_it_does_not_inflect_words_that_carry_no_ending():
    assert "viivi" not in base_candidates("Viive", e_stems=True)


def test_first_names_are_not_guessed_from_e_stems():
    # "Toinen" (another) is no inflected "Toini": first names in -i keep the i ("Toinin").
    assert "toini" not in base_candidates("Toinen")


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Soitin Virtaselle eilen.", ["Virtaselle"]),
        ("Tapasin Pekka Eskelisen kanssa.", ["Pekka Eskelisen"]),
        ("Tuukan isä on työtön.", ["Tuukan"]),
        ("Kari (16 v.) on poissa koulusta.", ["Kari"]),
        ("Klienten Juhani Karlsson bor här.", ["Juhani Karlsson"]),
    ],
)
def test_it_still_finds_names(text, names):
    language = "sv" if "Klienten" in text else "fi"
    assert found_kind(text, "name", language) == names


@pytest.mark.parametrize(
    "text",
    [
        "Toivo paremmasta on vähissä.",
        "Satu kertoo, että köyhyys näkyy.",
        "Koskelan ja Malmin alueella häiriöt lisääntyivät.",
        "Viive on pahimmillaan kaksi kuukautta.",
        "Usko palveluihin on heikentynyt, kun Kela hylkää hakemuksia.",
    ],
)
def test_it_still_ignores_ordinary_words_and_places(text):
    assert found_kind(text, "name") == []
