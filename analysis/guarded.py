"""The analysis app's stored texts, declared to the personal-data guard (``privacy.stored``).

Phenomena and memos are the analysts' free text, read with the rules of every language;
indicators are reference texts from statistics exports; vectors and suggested groups are
derived from observation texts and go when those are erased or redacted.
"""

from django.db import transaction

from analysis.models import (
    DiscoveredGroup,
    InboxPreference,
    Indicator,
    IndicatorValue,
    Memo,
    Phenomenon,
    SignalNotice,
    SignalRun,
    SignalSighting,
    SuggestionRun,
    TextVector,
)
from privacy import stored


def forget_vectors(observation_ids: list[int], replace=None) -> int:
    """A vector is recomputed from the text as it now stands; an erased text gets none."""
    deleted, _by_model = TextVector.objects.filter(observation_id__in=observation_ids).delete()
    if replace is not None:
        from analysis.tasks import compute_text_vectors

        transaction.on_commit(lambda: compute_text_vectors.enqueue(observation_ids=observation_ids))
    return deleted


def forget_groups(observation_ids: list[int], replace=None) -> int:
    """A suggested group's label is made of its members' words: the next run suggests anew."""
    groups = DiscoveredGroup.objects.filter(observations__in=observation_ids).distinct()
    deleted, _by_model = DiscoveredGroup.objects.filter(pk__in=groups.values("pk")).delete()
    return deleted


stored.free_text(Phenomenon, "name", "description")
stored.free_text(Memo, "text", age=stored.Age("created_at", "RETENTION_MEMO_DAYS", delete=True))
stored.reference_text(Indicator, "code", "name_fi", "name_sv", "name_en")
stored.reference_text(IndicatorValue, "region")
stored.derived(
    TextVector,
    "terms",
    "embedding",
    follows="observation",
    forget=forget_vectors,
    why="the content words and the embedding of the observation's text",
)
stored.not_text(TextVector, "model", "language", why="the analyser's name and a language code")
stored.derived(
    DiscoveredGroup,
    "label",
    follows="observations",
    forget=forget_groups,
    why="the commonest words of the group's observations",
)
stored.not_text(DiscoveredGroup, "examples", why="observation ids")
stored.not_text(SuggestionRun, "scope", "error", why="ids and Sora's own error message")
stored.not_text(
    SignalRun,
    "scope",
    "phenomenon_scope",
    "scope_key",
    "stamp",
    "findings",
    "error",
    why="ids, counts and p-values of the computed signals, and Sora's own error message",
)
stored.not_text(
    SignalSighting,
    "scope_key",
    "cell",
    why="organisation ids and the ids and codes that identify a computed signal",
)
stored.not_text(
    SignalNotice,
    "key",
    "scope_key",
    "finding",
    "last_error",
    why="ids, counts and p-values of a computed signal, and the mail server's error message",
)
stored.not_text(
    InboxPreference,
    "filters",
    why="the inbox filter form's validated values (ids, codes, dates, the order) and the "
    "person's own search words when the guard finds no personal data in them, shown to "
    "nobody else",
)
