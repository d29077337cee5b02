import pytest

from privacy.detectors.lexicon import VOIKKO, set_voikko_enabled


@pytest.fixture
def without_voikko():
    """Run a test on the list fallback, as on a machine without Voikko."""
    set_voikko_enabled(False)
    yield
    set_voikko_enabled(True)


@pytest.fixture
def voikko():
    if not VOIKKO.available():
        pytest.skip("Voikko is not installed here")
