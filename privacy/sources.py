"""Stored texts that ``manage.py scan_pii --stored`` can re-scan.

The guard knows no other app. An app that stores free text registers a function that yields
``(id, text, language)`` for each stored text, usually from its ``AppConfig.ready()``:

    from privacy import sources
    sources.register("observations", iter_observation_texts)
"""

from collections.abc import Callable, Iterable

TextSource = Callable[[], Iterable[tuple[str, str, str]]]

_SOURCES: dict[str, TextSource] = {}


def register(label: str, iter_texts: TextSource) -> None:
    """Add (or replace) the source called ``label``; registering twice is harmless."""
    _SOURCES[label] = iter_texts


def unregister(label: str) -> None:
    _SOURCES.pop(label, None)


def registered() -> list[tuple[str, TextSource]]:
    """The registered sources as ``(label, iter_texts)`` pairs, in registration order."""
    return list(_SOURCES.items())
