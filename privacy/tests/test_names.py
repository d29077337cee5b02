import pytest

from .helpers import found_kind

pytestmark = pytest.mark.usefixtures("voikko")


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Soitin Virtaselle eilen.", ["Virtaselle"]),
        ("Mattilan perhe sai Annelta apua.", ["Mattilan", "Annelta"]),
        ("Perheen äiti Hilkka Hakala soitti.", ["Hilkka Hakala"]),
        ("Tapasin Pekka Eskelisen kanssa.", ["Pekka Eskelisen"]),
        ("Client Hannu Lahti was homeless.", ["Hannu Lahti"]),
        ("Asiakas Anna-Liisa Pulkkinen kertoi.", ["Anna-Liisa Pulkkinen"]),
        ("Kirsi-Marja kertoi asiasta.", ["Kirsi-Marja"]),
        ("Virtanen Matti, 45 v., asuu yksin.", ["Virtanen Matti"]),
        ("M. Virtanen soitti.", ["M. Virtanen"]),
        ("Eliasin isä on työtön.", ["Eliasin"]),
        ("Kain isä on työtön.", ["Kain"]),
        ("Kari (16 v.) on ollut poissa koulusta.", ["Kari"]),
        ("Ilona (16 v.) on ollut poissa koulusta.", ["Ilona"]),
        ("Eilen Toivo kertoi, että äiti Lempi on sairas.", ["Toivo", "Lempi"]),
        ("Asiakas Lahti kertoi, että rouva Salo muutti.", ["Lahti", "Salo"]),
        ("Onni Heiskanen ja Satu Mäkelä tulivat.", ["Onni Heiskanen", "Satu Mäkelä"]),
        ("Asumisneuvoja Minna Lahti-Korhonen soitti.", ["Minna Lahti-Korhonen"]),
        ("Toivo ja Satu Virtanen tulivat.", ["Toivo", "Satu Virtanen"]),
        ("Asiakas Yusuf Abdi kertoi.", ["Yusuf Abdi"]),
    ],
)
def test_it_finds_finnish_names_in_any_case_form(text, names):
    assert found_kind(text, "name") == names


@pytest.mark.parametrize(
    "text",
    [
        "Toivo paremmasta on monella vähissä.",
        "Usko palvelujärjestelmään on heikentynyt, kun Kela hylkää hakemuksia.",
        "Onni ei ole ollut asiakkaiden puolella.",
        "Satu kertoo, että köyhyys näkyy.",
        "Laine vuokrarästejä on kasvanut koko kevään ajan.",
        "Virta asiakkaita päivystykseen on jatkunut.",
        "Koskelan ja Malmin alueella häiriöt ovat lisääntyneet.",
        "Mattilan alueella ja Lahdessa on rauhallista.",
        "Lahti ja Salo ovat kaupunkeja, Koskela on kaupunginosa ja Kurikka kunta.",
        "Mäki-Matin koulun oppilashuolto raportoi.",
        "Järvenpään ja Keravan sosiaalitoimistot ovat ruuhkautuneet.",
        "Nuorisoasema ja Sininauhasäätiö tekevät yhteistyötä Seinäjoella.",
        "Kela, TYP, FPA ja THL tekivät yhteistyötä.",
        "Aura joki tulvi. Tuuli puhalsi. Ilta pimeni. Valo sammui. Armas ystävä!",
        "Ensimmäinen asiakas tuli aamulla. Suomalainen järjestelmä on monimutkainen.",
        "Merkintöjä kertyy Wilmaan, mutta kukaan ei ehdi puuttua.",
        "Etelä-Pohjanmaan hyvinvointialueella on pulaa.",
    ],
)
def test_it_ignores_places_organisations_and_ordinary_words(text):
    assert found_kind(text, "name") == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Klienten Juhani Karlsson bor på landet.", ["Juhani Karlsson"]),
        ("Maria bor i Vasa och hennes mamma heter Ulla.", ["Maria", "Ulla"]),
        ("Vi ringde, men Bo svarade inte.", ["Bo"]),
        ("Klienten Toivo och hans bror Pekka bor i Ilmola.", ["Toivo", "Pekka"]),
    ],
)
def test_it_finds_names_in_swedish(text, names):
    assert found_kind(text, "name", "sv") == names


@pytest.mark.parametrize(
    "text",
    [
        "Ungdomar i Pori och Jakobstad saknar bostäder.",
        "Per telefon meddelade klienten att allt är bra. Stig fram!",
        "Maten räcker inte till alla.",
        "I Ilmola väntar många på sitt beslut hos FPA.",
    ],
)
def test_it_ignores_swedish_words_and_places(text):
    assert found_kind(text, "name", "sv") == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Contact Pertti Mäki at the office.", ["Pertti Mäki"]),
        ("Mrs Lahti and her son Onni live here.", ["Lahti", "Onni"]),
        ("The client Matti called from Espoo.", ["Matti"]),
        ("Toivo's mother called.", ["Toivo's"]),
        ("We met the client Yusuf Abdi.", ["Yusuf Abdi"]),
    ],
)
def test_it_finds_names_in_english(text, names):
    assert found_kind(text, "name", "en") == names


@pytest.mark.parametrize(
    "text",
    [
        "Will the council in May decide? Mark my words: Grace period ends on Monday.",
        "Homelessness in Seinäjoki and Lahti is rising.",
        "Waiting times for mental health services are now twelve weeks.",
        "Contact Details are below. More Job Offers for Young People.",
    ],
)
def test_it_ignores_english_words_and_places(text):
    assert found_kind(text, "name", "en") == []


def test_an_unknown_language_is_read_as_finnish_or_swedish():
    assert found_kind("Soitin Virtaselle. Bo svarade inte. Satu kertoo.", "name", "xx") == [
        "Virtaselle"
    ]


def test_a_surname_that_is_also_a_place_follows_a_first_name():
    from privacy import scan

    text = "Soitin Seppo Koivistolle eilen."
    assert [(f.kind, f.text) for f in scan(text, "fi")] == [("name", "Seppo Koivistolle")]
