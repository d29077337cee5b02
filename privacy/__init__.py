"""Sora's personal-data guard: finds identity codes, phone numbers, e-mail and street addresses,
bank accounts and names in free text. See README.md for the policy."""

from privacy.findings import ALWAYS_BLOCKING, CONFIRMABLE, KINDS, Finding
from privacy.guard import (
    confirmation_key,
    kind_label,
    redact,
    scan,
    unresolved,
    voikko_available,
)

__all__ = [
    "ALWAYS_BLOCKING",
    "CONFIRMABLE",
    "KINDS",
    "Finding",
    "confirmation_key",
    "kind_label",
    "redact",
    "scan",
    "unresolved",
    "voikko_available",
]
