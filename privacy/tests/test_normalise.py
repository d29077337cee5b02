"""The normalised copy the detectors read, and its map back to the text as written."""

from hypothesis import given, settings
from hypothesis import strategies as st

from privacy import Finding, confirmation_key, normalise

INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u00ad", "\ufeff", "\u2060", "\u200e", "\u202c"]


def test_it_leaves_ordinary_text_alone():
    text = "Asiakas Matti Virtanen soitti äidilleen – ja sitten kaikki oli hyvin."
    normalised = normalise(text)
    assert normalised.text == text.replace("–", "-")


def test_it_turns_full_width_digits_and_at_signs_into_ascii():
    assert normalise("０４０ １２３ ４５６７ ｍａｔｔｉ＠ｅｘａｍｐｌｅ．ｆｉ").text == (
        "040 123 4567 matti@example.fi"
    )


def test_it_removes_format_characters():
    for char in INVISIBLE:
        assert normalise(f"Toi{char}vo").text == "Toivo"


def test_it_reads_every_dash_as_a_hyphen():
    dashes = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"
    assert normalise(" ".join(f"1{dash}2" for dash in dashes)).text == " ".join(["1-2"] * 9)


def test_it_collapses_whitespace_but_keeps_line_breaks():
    assert normalise("040\t123  4567\u00a0x").text == "040 123 4567 x"
    assert normalise("Loppu.  \n\n  Toivo tuli.").text == "Loppu.\nToivo tuli."


def test_it_maps_a_span_back_over_invisible_characters_inside_it():
    text = "Hetu 010190\u200b-123\u00adA on tässä."
    normalised = normalise(text)
    start = normalised.text.index("010190")
    start, end = normalised.original_span(start, start + len("010190-123A"))
    assert text[start:end] == "010190\u200b-123\u00adA"


def test_it_maps_spans_through_changes_in_length():
    text = "ﬁ ½ ja Ｍａｔｔｉ"
    normalised = normalise(text)
    assert normalised.text == "fi 1\u20442 ja Matti"
    start = normalised.text.index("Matti")
    assert normalised.original_span(start, start + 5) == (text.index("Ｍ"), len(text))
    assert normalised.to_original(len(normalised.text)) == len(text)


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=80))
def test_every_character_of_the_copy_comes_from_the_original(text):
    normalised = normalise(text)
    previous_end = 0
    for index in range(len(normalised.text)):
        start, end = normalised.original_span(index, index + 1)
        assert 0 <= start < end <= len(text)
        assert start >= previous_end or start == normalised.original_span(index - 1, index)[0]
        previous_end = end


def test_confirmation_keys_ignore_case_width_and_invisible_characters():
    keys = {
        confirmation_key(Finding(0, 5, "name", text))
        for text in ["Toivo", "TOIVO", "Toi\u00advo", "Ｔｏｉｖｏ", " toivo "]
    }
    assert keys == {"name:toivo"}
    assert confirmation_key(Finding(0, 9, "name", "Toivo\t  Kujala")) == "name:toivo kujala"
