"""The proposals' stored texts, declared to the personal-data guard (``privacy.stored``).

Proposal texts, answers, milestones and quotes are free text read with the rules of every
language; a quote is a copy of an observation's words and goes when that text is erased.
"""

from privacy import stored
from proposals.models import (
    ActionProposal,
    Milestone,
    Quote,
    RecipientBody,
    Transition,
)


def forget_quotes(observation_ids: list[int], replace=None) -> int:
    from proposals.services import forget_observation_texts

    return forget_observation_texts(observation_ids, replace)


PROPOSAL_TEXTS = (
    "title",
    "problem",
    "proposed_action",
    "rationale",
    "expected_effect",
    "response_text",
    "public_summary",
)

stored.reference_text(RecipientBody, "code", "name_fi", "name_sv", "name_en")
stored.free_text(ActionProposal, *PROPOSAL_TEXTS)
stored.free_text(ActionProposal, "decision_section", "minutes_url", confirmations=None)
stored.free_text(Quote, "text", confirmations=None, follows="observation", forget=forget_quotes)
stored.free_text(Milestone, "title", "note", confirmations=None)
stored.free_text(Transition, "reason", confirmations=None)
stored.not_text(Transition, "action", why="the name of a life-cycle step")
stored.not_text(ActionProposal, "signal", why="the token naming an early signal of a run")
