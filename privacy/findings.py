"""The value types the guard hands out, kept apart so every detector can import them."""

from dataclasses import dataclass

KINDS = ("personal_id", "phone", "email", "iban", "address", "name")

# An identity code, phone number, e-mail address or account number is never harmless, so the
# writer must remove it. A name or an address may be a false alarm ("Toivo" is also "hope"),
# so the writer may confirm that the word is not personal data.
ALWAYS_BLOCKING = frozenset({"personal_id", "phone", "email", "iban"})
CONFIRMABLE = frozenset({"name", "address"})


@dataclass(frozen=True)
class Finding:
    """One piece of personal data: ``text == source[start:end]``."""

    start: int
    end: int
    kind: str
    text: str
