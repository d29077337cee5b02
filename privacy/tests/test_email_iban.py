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
