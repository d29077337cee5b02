"""Which findings a writer may vouch for, and when.

A signed-in writer answers for what they confirm: the confirmation is stored with who made
it, analysts see it highlighted and can redact it. On the open link nobody answers for it and
nobody can be asked, so there only a single word that is also an ordinary word or a place
may be confirmed ("Toivo" as hope, "Lahti" as the town); a full name, an initial with a
surname, a word that is only a name, and any address must be removed instead.
"""

from privacy.detectors.lexicon import word_facts
from privacy.findings import Finding

_EDGE_PUNCTUATION = "\"'«»„“”‘’()[]{}.,;:!?"


def confirmable_without_account(finding: Finding) -> bool:
    """Whether a writer without an account may confirm that ``finding`` is no personal data."""
    if finding.kind != "name":
        return False
    words = finding.text.split()
    if len(words) != 1:
        return False
    word = words[0].strip(_EDGE_PUNCTUATION)
    if not word or "." in word:
        return False
    for language in ("fi", "sv", "en"):
        facts = word_facts(word, language)
        if facts.place or facts.common_fi or facts.common_sv or facts.common_en:
            return True
    return False
