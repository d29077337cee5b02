"""Suggestions for phenomena from the stored text vectors: which existing phenomenon an
unlinked observation most likely belongs to, and which new phenomena the unlinked
observations suggest (see analysis.text for the methods and their measured accuracy)."""

from dataclasses import dataclass

from analysis import vectors
from analysis.models import Phenomenon, PhenomenonLink
from analysis.text import assign, discover
from reporting.models import Observation


@dataclass
class ScoredPhenomenon:
    phenomenon: Phenomenon
    score: float  # fit, 0..1 (see analysis.text.assign)


@dataclass
class Assignment:
    observation: Observation
    suggestions: list[ScoredPhenomenon]  # at most three, best first; may be empty


@dataclass
class SuggestedGroup:
    label: str
    observations: list[Observation]
    examples: list[Observation]


def unlinked(observations, phenomena):
    """The observations not linked to any of ``phenomena``: links to another organisation's
    phenomena do not count, so what a partner does with its observations changes nothing
    here."""
    linked = PhenomenonLink.objects.filter(phenomenon__in=phenomena).values("observation_id")
    return observations.exclude(pk__in=linked).order_by("pk")


def assignments(observations, phenomena, *, top: int = 3) -> list[Assignment]:
    """For every observation not linked to any of the phenomena, the phenomena it fits well
    enough (at most ``top``, best first, with their fit); none when it fits none."""
    links = list(
        PhenomenonLink.objects.filter(
            phenomenon__in=phenomena, observation__in=observations
        ).values_list("phenomenon_id", "observation_id")
    )
    if not links:
        return []
    candidates = list(unlinked(observations, phenomena))
    linked_ids = sorted({observation for _, observation in links})
    ids = linked_ids + [o.pk for o in candidates]
    position = {pk: i for i, pk in enumerate(ids)}
    groups: dict[int, list[int]] = {}
    for phenomenon_id, observation_id in links:
        groups.setdefault(phenomenon_id, []).append(position[observation_id])
    corpus = vectors.corpus_for(ids)
    ranked = assign.suggest(
        corpus,
        groups,
        [position[o.pk] for o in candidates],
        top=top,
    )
    by_id = {p.pk: p for p in Phenomenon.objects.filter(pk__in=groups)}
    return [
        Assignment(
            o, [ScoredPhenomenon(by_id[s.phenomenon], s.score) for s in ranked[position[o.pk]]]
        )
        for o in candidates
    ]


def suggested_groups(observations, phenomena, *, min_size: int = 3) -> list[SuggestedGroup]:
    """Groups of the observations linked to none of ``phenomena`` that could become new
    phenomena."""
    candidates = list(unlinked(observations, phenomena))
    if len(candidates) < min_size:
        return []
    corpus = vectors.corpus_for([o.pk for o in candidates])
    groups = discover.discover(corpus, min_size=min_size)
    return [
        SuggestedGroup(
            label=group.label,
            observations=[candidates[i] for i in group.members],
            # A withdrawn observation still counts, but its words are no example.
            examples=[candidates[i] for i in group.examples if not candidates[i].is_withdrawn],
        )
        for group in groups
    ]
