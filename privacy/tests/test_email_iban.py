import pytest

from .helpers import found, found_kind


@pytest.mark.parametrize(
    "address",
    [
        "minna54@hotmail.com",
        "maki.pertti@suomi24.fi",
        "a.b-c+tag@sub.example.org",
        "matti(at)example.fi",
    ],
)
def test_it_finds_email_addresses(address):
    assert found_kind(f"Yhteystiedot: {address}.", "email") == [address]


def test_it_ignores_at_signs_that_are_not_addresses():
    assert found_kind("Tapaaminen @ kirjasto, hinta 5 € @ kpl.", "email") == []


@pytest.mark.parametrize(
    "account",
    [
        "FI21 1234 5600 0007 85",
        "FI2112345600000785",
        "SE45 5000 0000 0583 9825 7466",
        "fi21 1234 5600 0007 85",
    ],
)
def test_it_finds_bank_accounts_with_or_without_spaces(account):
    assert found_kind(f"Tilinumero {account} ja viite.", "iban") == [account]


def test_it_stops_an_account_before_a_following_code():
    assert found_kind("Tili FI21 1234 5600 0007 85 EUR", "iban") == ["FI21 1234 5600 0007 85"]


def test_it_flags_a_mistyped_finnish_account():
    assert found_kind("Tili FI21 1234 5600 0007 86", "iban") == ["FI21 1234 5600 0007 86"]


def test_it_ignores_account_like_codes_that_do_not_validate():
    assert found("Tuotekoodi DE12 3456 7890 1234 5678 90 ja AB12CDEFGHIJKLMN.") == []


@pytest.mark.parametrize(
    "address",
    [
        "matti @ gmail.com",
        "matti(at)gmail.com",
        "matti [at] gmail.com",
        "matti{at}gmail.com",
        "matti (ät) gmail.com",
        "matti(a)gmail.com",
        "matti\uff20gmail.com",
        "matti at gmail dot com",
        "matti at gmail.com",
        "matti.virtanen at hus.fi",
        "matti piste virtanen at gmail piste com",
        "Matti.Virtanen(at)hus(dot)fi",
        "matti [dot] virtanen [at] gmail [dot] com",
        "MATTI.VIRTANEN@GMAIL.COM",
        "anna punkt lind at telia punkt se",
    ],
)
def test_it_finds_email_addresses_written_to_dodge_filters(address):
    assert found_kind(f"Sähköposti {address} toimii.", "email") == [address]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("We meet at the station at 5 pm and again at noon.", "en"),
        ("More information is available at thl.fi and at kela.fi.", "en"),
        ("I punkt 4 står det att klienten ska höras, se punkt 5.", "sv"),
        ("Kokous alkaa klo 9 @ kirjasto, hinta 5 € @ kpl.", "fi"),
        ("Read the guidance at www.thl.fi today.", "en"),
    ],
)
def test_it_ignores_ordinary_at_and_dot_words(text, language):
    assert found_kind(text, "email", language) == []


def test_an_address_next_to_a_name_and_at_is_found_whole():
    assert found_kind("Contact Pertti Mäki at maki.pertti@suomi24.fi today.", "email", "en") == [
        "maki.pertti@suomi24.fi"
    ]


@pytest.mark.parametrize(
    "account",
    [
        "FI21-1234-5600-0007-85",
        "FI21  1234  5600  0007  85",
        "FI21 1234 5600\n0007 85",
        "fi2112345600000785",
        "FI21 1234 5600 0007 85".replace(" ", "\u00a0"),
        "FI21\u20131234\u20135600\u20130007\u201385",
    ],
)
def test_it_finds_bank_accounts_in_any_grouping(account):
    assert found_kind(f"Tilinumero {account} ja viite.", "iban") == [account]


@pytest.mark.parametrize(
    ("address", "language"),
    [
        ("karin punkt holm snabel-a telia punkt se", "sv"),
        ("pekka alaviiva aho miukumauku gmail piste com", "fi"),
        ("liisa piste koski miukku elisanet piste fi", "fi"),
        ("liisa piste koski kissanhäntä suomi24 piste fi", "fi"),
    ],
)
def test_it_finds_addresses_with_the_sign_spoken_out(address, language):
    assert found_kind(f"Osoite: {address} kiitos.", "email", language) == [address]


def test_a_cat_saying_miukumauku_is_no_address():
    assert found_kind("Kissa sanoi miukumauku ja lähti ulos.", "email") == []


@pytest.mark.parametrize("account", ["FI 21 1234 5600 0007 85", "FI 21 12345600000785"])
def test_it_finds_an_account_with_a_space_after_the_country_code(account):
    assert found_kind(f"Tili {account} ja viite.", "iban") == [account]


def test_it_reads_a_spoken_dash_inside_the_name_part():
    text = "Omaisen osoite: tiina viiva maria ät luukku piste com."
    assert found(text) == [("email", "tiina viiva maria ät luukku piste com")]
