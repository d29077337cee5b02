"""What became of observations: observation → phenomenon → proposal → answer → implementation.

Only what a reporter may see: the names of the phenomena and the proposals delivered to their
recipient with the official answer and progress (also one withdrawn since, with the reason);
never other people's observations.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q

from analysis.models import Phenomenon, PhenomenonLink
from proposals.models import DELIVERED, ActionProposal, Transition
from reporting.follow import ChainInfo


@dataclass
class Chain:
    observation: object
    phenomena: list = field(default_factory=list)
    proposals: list = field(default_factory=list)
    # The latest dated step: joining a phenomenon or a step of a proposal.
    latest_at: dt.datetime | None = None


def chains_for(observations) -> list[Chain]:
    """One chain per observation, in three queries whatever the number of observations."""
    observations = list(observations)
    ids = [o.pk for o in observations]
    links = PhenomenonLink.objects.filter(
        observation_id__in=ids, phenomenon__status=Phenomenon.Status.ACTIVE
    ).select_related("phenomenon")
    phenomena_of: dict[int, list] = {}
    linked_at: dict[int, list] = {}
    for link in links:
        phenomena_of.setdefault(link.observation_id, []).append(link.phenomenon)
        linked_at.setdefault(link.observation_id, []).append(link.linked_at)
    proposals = (
        ActionProposal.objects.filter(Q(status__in=DELIVERED) | Q(transitions__action="submit"))
        .filter(
            Q(observations__in=ids)
            | Q(phenomena__links__observation_id__in=ids)
            | Q(phenomena__merged_into__links__observation_id__in=ids)
        )
        .distinct()
        .select_related("recipient")
        .prefetch_related(
            "milestones",
            "phenomena",
            "observations",
            Prefetch(
                "transitions",
                queryset=Transition.objects.exclude(action="create").select_related("recipient"),
            ),
        )
        .order_by("created_at")
    )
    chains = []
    for observation in observations:
        phenomena = phenomena_of.get(observation.pk, [])
        phenomenon_ids = {p.pk for p in phenomena}
        followed = [
            p
            for p in proposals
            if observation in p.observations.all() or phenomenon_ids & _followed(p)
        ]
        steps = linked_at.get(observation.pk, []) + [
            t.at for p in followed for t in p.transitions.all()
        ]
        chains.append(
            Chain(
                observation=observation,
                phenomena=phenomena,
                proposals=followed,
                latest_at=max(steps, default=None),
            )
        )
    return chains


def follow_up_source(observations) -> dict[int, ChainInfo]:
    """The chains for the reporter's follow-up page (``reporting.follow``)."""
    return {c.observation.pk: ChainInfo(c, c.latest_at) for c in chains_for(observations)}


def _followed(proposal) -> set[int]:
    """The proposal's phenomena and those they were merged into."""
    phenomena = proposal.phenomena.all()
    return {p.pk for p in phenomena} | {p.merged_into_id for p in phenomena if p.merged_into_id}
