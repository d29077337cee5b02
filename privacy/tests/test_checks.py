import threading

from django.core import checks

from privacy import scan
from privacy.checks import check_voikko
from privacy.detectors import lexicon


def test_the_check_is_registered():
    assert check_voikko in checks.registry.registry.get_checks()


def test_it_warns_when_voikko_is_missing(without_voikko):
    (warning,) = check_voikko()
    assert warning.id == "privacy.W001"
    assert isinstance(warning, checks.Warning)


def test_it_is_silent_with_voikko(voikko):
    assert check_voikko() == []


def test_voikko_is_created_once(voikko):
    lexicon.VOIKKO.analyze("Virtanen")
    handle = lexicon.VOIKKO._handle
    lexicon.VOIKKO.analyze("Mattila")
    assert lexicon.VOIKKO._handle is handle


def test_scanning_from_many_threads_gives_the_same_findings():
    texts = [
        f"Asiakas {name}, puh. 040 123 45{index:02d}"
        for index, name in enumerate(
            ["Virtaselle", "Mattilan", "Annelta", "Toivo Kujala", "Hilkka Hakala"] * 20
        )
    ]
    expected = [scan(text, "fi") for text in texts]
    lexicon.word_facts.cache_clear()
    results: dict[int, list] = {}

    def work(worker: int) -> None:
        results[worker] = [scan(text, "fi") for text in texts]

    threads = [threading.Thread(target=work, args=(worker,)) for worker in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(result == expected for result in results.values())
