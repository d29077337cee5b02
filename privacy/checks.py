"""System check: warn when the guard runs without Voikko, so finds fewer inflected names."""

from collections.abc import Sequence
from typing import Any

from django.core.checks import Warning, register

from privacy.guard import voikko_available


@register("privacy")
def check_voikko(app_configs: Sequence[Any] | None = None, **kwargs: Any) -> list[Warning]:
    if voikko_available():
        return []
    return [
        Warning(
            "Voikko (libvoikko with the Finnish dictionary) is not available; the "
            "personal-data guard finds names from its word lists only.",
            hint="Install the Debian packages libvoikko1 and voikko-fi (or the "
            "equivalent for your system) and the Python package libvoikko.",
            id="privacy.W001",
        )
    ]
