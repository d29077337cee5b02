from lib.excerpts import collapse_whitespace, is_excerpt_of, shorten

SOURCE = "Asumisneuvontaa ei ole  saatavilla\niltaisin, vaikka häätöuhat ovat lisääntyneet."


def test_a_short_text_is_kept_on_one_line():
    assert shorten(SOURCE) == collapse_whitespace(SOURCE)
    assert "\n" not in shorten(SOURCE)


def test_a_long_text_is_cut_at_a_word_with_an_ellipsis():
    shortened = shorten(SOURCE, limit=40)
    assert shortened == "Asumisneuvontaa ei ole saatavilla …"
    assert is_excerpt_of(shortened, SOURCE)


def test_an_excerpt_is_a_piece_of_the_source_word_for_word():
    assert is_excerpt_of("ei ole saatavilla iltaisin", SOURCE)
    assert is_excerpt_of("… vaikka häätöuhat ovat lisääntyneet.", SOURCE)
    assert is_excerpt_of("...ovat lisääntyneet...", SOURCE)


def test_an_edited_or_empty_text_is_not_an_excerpt():
    assert not is_excerpt_of("ei ole saatavilla aamuisin", SOURCE)
    assert not is_excerpt_of("Asumisneuvontaa … lisääntyneet.", SOURCE)
    assert not is_excerpt_of(" … ", SOURCE)
    assert not is_excerpt_of("ei ole", "")
