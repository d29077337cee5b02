"""Which step may follow which in a proposal's life, and who takes it.

draft → in preparation → submitted → answered → in implementation → implemented, and closed
from any open status. An answer asking for more information sends the proposal back to
preparation; only an accepted or partly accepted proposal goes into implementation. A
submitted proposal not yet answered can be withdrawn back to preparation or sent to another
body, each with a reason that the chain shows.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from proposals.models import Decision, Status

ANALYST = "analyst"
DECISION_MAKER = "decision_maker"


@dataclass(frozen=True)
class Action:
    name: str
    sources: frozenset
    target: str
    actor: str
    label: object
    decisions: frozenset = frozenset()  # when set, the current decision must be one of these


ACTIONS = {
    action.name: action
    for action in [
        Action(
            "prepare", frozenset({Status.DRAFT}), Status.PREPARATION, ANALYST, _("Start preparing")
        ),
        Action(
            "submit",
            frozenset({Status.DRAFT, Status.PREPARATION}),
            Status.SUBMITTED,
            ANALYST,
            _("Submit to the recipient"),
        ),
        Action(
            "withdraw",
            frozenset({Status.SUBMITTED}),
            Status.PREPARATION,
            ANALYST,
            _("Withdraw from the recipient"),
        ),
        Action(
            "readdress",
            frozenset({Status.SUBMITTED}),
            Status.SUBMITTED,
            ANALYST,
            _("Send to another body"),
        ),
        Action(
            "answer", frozenset({Status.SUBMITTED}), Status.ANSWERED, DECISION_MAKER, _("Answer")
        ),
        Action(
            "revise",
            frozenset({Status.ANSWERED}),
            Status.PREPARATION,
            ANALYST,
            _("Prepare again with more information"),
            decisions=frozenset({Decision.MORE_INFO}),
        ),
        Action(
            "implement",
            frozenset({Status.ANSWERED}),
            Status.IMPLEMENTATION,
            ANALYST,
            _("Start implementation"),
            decisions=frozenset({Decision.ACCEPTED, Decision.PARTLY}),
        ),
        Action(
            "complete",
            frozenset({Status.IMPLEMENTATION}),
            Status.IMPLEMENTED,
            ANALYST,
            _("Mark as implemented"),
        ),
        Action(
            "close",
            frozenset(
                {
                    Status.DRAFT,
                    Status.PREPARATION,
                    Status.SUBMITTED,
                    Status.ANSWERED,
                    Status.IMPLEMENTATION,
                }
            ),
            Status.CLOSED,
            ANALYST,
            _("Close"),
        ),
    ]
}

# The steps that need a reason, typed on a page of their own, not a button on the proposal.
REASONED_ACTIONS = frozenset({"withdraw", "readdress"})

# The steps every reporter behind the proposal hears about.
NOTIFIED_ACTIONS = frozenset({"submit", "answer", "complete"})


def is_possible(proposal, action: Action) -> bool:
    if proposal.status not in action.sources:
        return False
    return not action.decisions or proposal.decision in action.decisions


def available(proposal, actor: str) -> list[Action]:
    """The steps this kind of actor could take now, in life-cycle order."""
    return [a for a in ACTIONS.values() if a.actor == actor and is_possible(proposal, a)]
