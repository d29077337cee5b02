import pytest

from analysis.text import lemmas
from analysis.text.lemmas import analyse_word, lemmatise, terms, voikko_available

needs_voikko = pytest.mark.skipif(not voikko_available(), reason="Voikko is not installed")


@needs_voikko
@pytest.mark.parametrize(
    ("word", "lemma"),
    [
        ("toimeentulotuen", "toimeentulotuki"),
        ("asuntoja", "asunto"),
        ("lastensuojeluun", "lastensuojelu"),
        ("velkoja", "velka"),  # debts, not "creditor"
        ("kouluilta", "koulu"),  # not koulu + ilta
        ("tilanne", "tilanne"),  # not tilata (potential mood)
        ("ruuhkautuneet", "ruuhkautua"),  # participle -> its verb
    ],
)
def test_it_lemmatises_finnish_inflections(word, lemma):
    assert analyse_word(word, "fi").lemma == lemma


@needs_voikko
def test_it_splits_compounds_into_parts_and_sub_compounds():
    analysis = analyse_word("mielenterveyspalvelut", "fi")
    assert analysis.lemma == "mielenterveyspalvelu"
    assert {"mieli", "terveys", "palvelu", "mielenterveys", "terveyspalvelu"} <= set(analysis.parts)


@needs_voikko
def test_compound_variants_share_terms():
    short = set(terms("Toimeentulotuen käsittely viivästyy.", "fi"))
    long = set(terms("Perustoimeentulotukea odotetaan viikkoja.", "fi"))
    assert "toimeentulotuki" in short & long


@needs_voikko
def test_unknown_hyphenated_word_keeps_its_known_head():
    analysis = analyse_word("ls-ilmoituksia", "fi")
    assert analysis.lemma == "ls-ilmoitus"
    assert "ilmoitus" in analysis.parts


@needs_voikko
def test_it_drops_stopwords_and_place_names():
    found = terms("Seinäjoella on myös paljon asunnottomia nuoria, että se on kuin ennenkin.")
    assert "seinäjoki" not in found
    assert not {"olla", "myös", "että", "kuin", "kuu"} & set(found)
    assert "asunnoton" in found


def test_it_lemmatises_swedish_and_english():
    assert "hyresvärd" in terms("Hyresvärdarna kräver borgen.", "sv")
    assert "placering" in lemmatise("placeringar", "sv")
    assert "kela" in terms("Kela's processing is slow.", "en")
    assert "the" not in terms("The queues are long.", "en")


def test_unknown_language_is_treated_as_finnish():
    assert terms("asuntoja", "de") == terms("asuntoja", "fi")


def test_it_falls_back_to_simplemma_without_voikko(monkeypatch):
    monkeypatch.setattr(lemmas._VOIKKO, "analyze", lambda word: None)
    lemmas.analyse_word.cache_clear()
    try:
        found = terms("Asuntoja ei ole tarpeeksi nuorille.", "fi")
    finally:
        lemmas.analyse_word.cache_clear()
    assert found  # worse lemmas, but still content terms
    assert all(isinstance(term, str) and term == term.lower() for term in found)


def test_empty_text_has_no_terms():
    assert terms("", "fi") == []
    assert terms("123 !!", "sv") == []
