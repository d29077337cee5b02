"""Sora's personal-data guard: finds identity codes, phone numbers, e-mail and street addresses,
bank accounts and names in free text. See README.md for the policy."""

from privacy.findings import ALWAYS_BLOCKING, CONFIRMABLE, KINDS, Finding
from privacy.guard import (
    ALL_LANGUAGES,
    TextTooLong,
    confirmation_key,
    kind_label,
    redact,
    scan,
    unresolved,
    voikko_available,
)
from privacy.normalise import Normalised, normalise

__all__ = [
    "ALL_LANGUAGES",
    "ALWAYS_BLOCKING",
    "CONFIRMABLE",
    "KINDS",
    "Normalised",
    "Finding",
    "TextTooLong",
    "confirmation_key",
    "kind_label",
    "normalise",
    "redact",
    "scan",
    "unresolved",
    "voikko_available",
]
