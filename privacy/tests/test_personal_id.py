import pytest

from privacy.detectors.identifiers import looks_like_hetu

from .helpers import found, found_kind


@pytest.mark.parametrize(
    "code",
    [
        "131052-308T",  # 1900s, classic hyphen
        "010101+123L",  # 1800s
        "010594Y843E",  # 1900s, sign from 2023
        "230824E410P",  # 2000s, sign from 2023
        "071000B431F",
        "110911A856T",
        "140978-3988",  # check character is a digit
        "010101-900R",  # temporary individual number
    ],
)
def test_it_finds_identity_codes_with_every_century_sign(code):
    assert found(f"Asiakkaan henkilötunnus on {code}.") == [("personal_id", code)]


@pytest.mark.parametrize(
    "text",
    ["hetu:131052-308T;", "(131052-308T)", "»131052-308T«", "131052-308T", "ID131052-308T"],
)
def test_it_finds_identity_codes_next_to_punctuation(text):
    assert found_kind(text, "personal_id") == ["131052-308T"]


def test_it_flags_a_real_date_with_a_wrong_check_character():
    assert looks_like_hetu("131052-308U")
    assert found_kind("Hetu 131052-308U kirjattiin.", "personal_id") == ["131052-308U"]


@pytest.mark.parametrize("text", ["320199-123X", "310252-308Y", "290223-123A", "131352-308T"])
def test_it_ignores_impossible_dates(text):
    assert found_kind(f"Asiakasnumero {text} ei ole henkilötunnus.", "personal_id") == []


def test_an_identity_code_is_never_a_phone_number():
    assert found("Puh. 040135V2062 ja 010665-2051") == [
        ("personal_id", "040135V2062"),
        ("personal_id", "010665-2051"),
    ]


def test_it_ignores_codes_glued_to_more_digits():
    assert found_kind("Tilaus 1131052-308T2 saapui.", "personal_id") == []


@pytest.mark.parametrize("language", ["fi", "sv", "en", "de"])
def test_it_finds_identity_codes_in_every_language(language):
    assert found_kind("Personbeteckning 110911A856T.", "personal_id", language) == ["110911A856T"]
