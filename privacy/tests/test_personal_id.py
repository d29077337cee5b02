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


@pytest.mark.parametrize(
    "code",
    [
        "131052 308T",  # a space for the sign
        "131052 - 308T",
        "131052\u2013308T",  # en dash
        "131052\u2212308T",  # minus sign
        "131052.308T",
        "131052/308T",
        "131052308T",  # no sign at all
        "131052-308t",  # lowercase check character
        "131052308t",
        "\uff11\uff13\uff11\uff10\uff15\uff12-\uff13\uff10\uff18\uff34",  # full-width
        "131052\u200b-308T",  # zero-width space
        "1310\u00ad52-308T",  # soft hyphen
        "131052-\n308T",  # line break after the sign
        "131052 -\n  308T",
        "131052-308 T",
        "13.10.52-308T",
        "13 10 52 308T",
        "131052 A 308T".replace("A", "-"),
    ],
)
def test_it_finds_identity_codes_written_carelessly(code):
    text = f"Asiakkaan henkilötunnus on {code} ja hän asuu yksin."
    assert found_kind(text, "personal_id") == [code]


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_it_finds_a_careless_identity_code_in_every_language(language):
    text = {
        "fi": "Hänen hetunsa on 010594 Y 843E, kirjoitin sen ylös.",
        "sv": "Hans personbeteckning är 010594 Y 843E enligt blanketten.",
        "en": "Her identity code is 010594 Y 843E according to the form.",
    }[language]
    assert found_kind(text, "personal_id", language) == ["010594 Y 843E"]


def test_it_flags_a_signless_code_with_a_wrong_check_letter():
    assert found_kind("Tunnus 131052308U oli lomakkeessa.", "personal_id") == ["131052308U"]


@pytest.mark.parametrize(
    "text",
    [
        "Kokous pidettiin 13.10.2052 ja siihen osallistui 308 henkeä.",
        "Päätös 12.03.2024 § 45 koski kolmea perhettä.",
        "Dnro 131052/3081 on käsittelyssä.",
        "Summa 131052.30 euroa maksettiin.",
        "Ajalla 131052-308 kävijöitä oli paljon.",
        "Tilausnumero 1310523081 ja 131052 3081 kirjattiin.",  # wrong check digits
        "Meeting on 13.10.52 at 3 pm, 308 people came.",
    ],
)
def test_it_does_not_swallow_dates_sums_or_case_numbers(text):
    assert found_kind(text, "personal_id") == []


@pytest.mark.parametrize(
    ("text", "language", "code"),
    [
        ("Kirjattu hetu:131052-308Tmyöhemmin tarkistetaan.", "fi", "131052-308T"),
        ("Personbeteckning110911A856Tskickades per post.", "sv", "110911A856T"),
        ("The code131052-308Twas typed into the wrong field.", "en", "131052-308T"),
    ],
)
def test_it_finds_an_exact_code_glued_to_words(text, language, code):
    assert found_kind(text, "personal_id", language) == [code]


def test_a_glued_code_with_a_wrong_check_character_is_not_split_from_its_word():
    assert found_kind("Koodi 131052-308Uabc ei ole tunnus.", "personal_id") == []
