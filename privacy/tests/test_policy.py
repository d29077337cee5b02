"""redact(), confirmation_key(), unresolved() and kind_label()."""

import pytest
from django.utils import translation

import privacy
from privacy import (
    ALWAYS_BLOCKING,
    CONFIRMABLE,
    KINDS,
    Finding,
    confirmation_key,
    kind_label,
    redact,
    scan,
    unresolved,
)

TEXT = "Matti Virtanen, hetu 131052-308T, puh. 040 123 4567, matti@example.fi, Rantatie 3."


def test_the_public_api_is_importable_from_the_package():
    for name in ("scan", "redact", "confirmation_key", "unresolved", "kind_label"):
        assert callable(getattr(privacy, name))
    assert privacy.voikko_available() in (True, False)
    assert set(KINDS) == ALWAYS_BLOCKING | CONFIRMABLE
    assert not ALWAYS_BLOCKING & CONFIRMABLE


def test_findings_are_sorted_non_overlapping_and_quote_the_source():
    findings = scan(TEXT, "fi")
    assert [f.kind for f in findings] == ["name", "personal_id", "phone", "email", "address"]
    for finding, following in zip(findings, findings[1:], strict=False):
        assert finding.end <= following.start
    for finding in findings:
        assert TEXT[finding.start : finding.end] == finding.text


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fi", "[nimi], hetu [henkilötunnus], puh. [puhelinnumero], [sähköposti], [osoite]."),
        ("sv", "[namn], hetu [personbeteckning], puh. [telefonnummer], [e-post], [adress]."),
        (
            "en",
            "[name], hetu [personal identity code], puh. [phone number], [e-mail], [address].",
        ),
        ("xx", "[nimi], hetu [henkilötunnus], puh. [puhelinnumero], [sähköposti], [osoite]."),
    ],
)
def test_redact_uses_placeholders_in_the_texts_language(language, expected):
    assert redact(TEXT, scan(TEXT, language), language) == expected


@pytest.mark.parametrize(
    ("language", "placeholder"),
    [("fi", "[tilinumero]"), ("sv", "[kontonummer]"), ("en", "[bank account]")],
)
def test_redact_covers_bank_accounts(language, placeholder):
    text = "Tili FI21 1234 5600 0007 85."
    assert redact(text, scan(text, language), language) == f"Tili {placeholder}."


def test_language_codes_with_a_region_are_understood():
    text = "Vi ringde, men Bo svarade inte."
    assert scan(text, "sv-FI") == scan(text, "sv")
    assert redact(text, scan(text, "sv_FI"), "sv-FI") == "Vi ringde, men [namn] svarade inte."


def test_redact_without_findings_returns_the_text():
    assert redact("Ei mitään.", [], "fi") == "Ei mitään."


def test_confirmation_key_folds_case_and_whitespace():
    finding = Finding(0, 14, "name", "Toivo \n  KUJALA")
    assert confirmation_key(finding) == "name:toivo kujala"


def test_unresolved_always_keeps_blocking_kinds():
    findings = scan(TEXT, "fi")
    keys = {confirmation_key(f) for f in findings}
    assert [f.kind for f in unresolved(findings, keys)] == ["personal_id", "phone", "email"]


def test_unresolved_keeps_names_and_addresses_until_confirmed():
    findings = scan(TEXT, "fi")
    assert unresolved(findings, set()) == findings
    name = next(f for f in findings if f.kind == "name")
    assert name not in unresolved(findings, {confirmation_key(name)})
    assert name in unresolved(findings, {"address:matti virtanen"})


def test_a_confirmation_applies_to_the_same_word_written_differently():
    first = Finding(0, 5, "name", "Toivo")
    second = Finding(10, 15, "name", "TOIVO")
    assert unresolved([second], {confirmation_key(first)}) == []


def test_kind_label_is_english_by_default():
    with translation.override("en"):
        assert kind_label("personal_id") == "personal identity code"
        assert [kind_label(kind) for kind in KINDS] == [
            "personal identity code",
            "phone number",
            "e-mail address",
            "bank account number",
            "street address",
            "name",
        ]


@pytest.mark.parametrize(
    ("language", "label"), [("fi", "henkilötunnus"), ("sv", "personbeteckning")]
)
def test_kind_label_is_translated(language, label):
    with translation.override(language):
        assert kind_label("personal_id") == label
