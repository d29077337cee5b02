import pytest

from .helpers import found_kind


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Asiakas asuu Kauppakadulla 5 B 12 yksin.", "Kauppakadulla 5 B 12"),
        ("Hän asuu osoitteessa Rantatie 3.", "Rantatie 3"),
        ("Kotikäynti Myllyaukio 72 sovittiin.", "Myllyaukio 72"),
        ("Osoite Kirkkotie 110 D 10, 01462 Vaasa.", "Kirkkotie 110 D 10, 01462 Vaasa"),
        ("Muutti Koivukujalle 7 as. 3 viime viikolla.", "Koivukujalle 7 as. 3"),
        ("Asuu Harjurinteellä 4 ja käy töissä.", "Harjurinteellä 4"),
        ("Osoitteena Taavetti Laitisen kuja 8.", "Taavetti Laitisen kuja 8"),
        ("Osoitteena Vanha Porvoontie 12.", "Vanha Porvoontie 12"),
        ("Postiosoite on 60100 Seinäjoki.", "60100 Seinäjoki"),
    ],
)
def test_it_finds_finnish_addresses_in_any_case_form(text, address):
    assert found_kind(text, "address") == [address]


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Klienten bor på Storgatan 12 A i Vasa.", "Storgatan 12 A"),
        ("Hon flyttade till Norra Esplanadvägen 4 lgh 1201.", "Norra Esplanadvägen 4 lgh 1201"),
        ("Adressen är Kyrkogränd 3, 65100 Vasa.", "Kyrkogränd 3, 65100 Vasa"),
    ],
)
def test_it_finds_swedish_addresses(text, address):
    assert found_kind(text, "address", "sv") == [address]


def test_it_finds_addresses_in_english_text():
    assert found_kind("The family lives at Iltatähdenkatu 319.", "address", "en") == [
        "Iltatähdenkatu 319"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Postinumeroalueella 60100 on eniten häätöjä.",
        "Kauppakatu on vilkas ja tiellä oli 5 autoa.",
        "Rantatie suljettiin, kun tie 12 tulvi.",
        "Asiakkaita oli 12345 Suomessa? Ei, 12345 euroa.",
        "Ranta 5 kilometrin päässä.",
    ],
)
def test_it_ignores_street_words_without_an_address(text):
    assert found_kind(text, "address") == []
