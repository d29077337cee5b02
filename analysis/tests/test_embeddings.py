import numpy as np

from analysis.text import embeddings
from analysis.text.corpus import detect_language, prepare


def test_vectors_are_unit_float32():
    vectors = embeddings.embed(["Nuorten asunnottomuus kasvaa.", "Kela käsittelee hitaasti."])
    assert vectors.shape == (2, embeddings.DIMENSIONS)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)


def test_no_texts_and_empty_text():
    assert embeddings.embed([]).shape == (0, embeddings.DIMENSIONS)
    assert not np.any(embeddings.embed(["  "]))


def test_it_links_languages():
    fi, sv, other = embeddings.embed(
        [
            "Nuoret eivät löydä vuokra-asuntoa ja nukkuvat kavereiden sohvilla.",
            "Unga hittar ingen hyresbostad och sover på kompisars soffor.",
            "Omaishoitajat eivät pääse pitämään vapaapäiviään.",
        ]
    )
    assert fi @ sv > fi @ other


def test_it_is_deterministic():
    text = ["Ruoka-avun jonot ovat pidentyneet."]
    assert np.array_equal(embeddings.embed(text), embeddings.embed(text))


def test_fallback_without_the_model(monkeypatch):
    monkeypatch.setattr(embeddings, "_load_model", lambda: None)
    vectors = embeddings.embed(["Asuntoja ei ole.", ""], ["fi", "fi"])
    assert vectors.shape == (2, embeddings.DIMENSIONS)
    assert np.isclose(np.linalg.norm(vectors[0]), 1.0)
    assert not np.any(vectors[1])
    assert embeddings.model_id() == embeddings.FALLBACK_MODEL_ID


def test_prepare_detects_a_missing_language():
    item = prepare(["Vi ser allt fler unga vuxna utan eget boende."], [None])[0]
    assert item.language == "sv"
    assert detect_language("") == "fi"
