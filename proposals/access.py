"""Who may see and change action proposals, built on the rules of ``accounts.access``.

- Analysts and admins of the proposal's organisation prepare, edit and move it (not answer).
- Members of the recipient body who hold a reader (decision-maker) role read the proposals
  delivered to their body and answer them.
- Anyone else in the proposal's organisation gets 403; everyone else 404.
- Administrators of an organisation choose the members of its recipient bodies; bodies of
  the whole installation (no organisation) are not theirs (404).

Evidence crosses organisation boundaries only as far as partners share: a proposal's
evidence observations, the excerpts suggested from them and the words of its chosen quotes
come from its organisation and the partners that share with it now (``evidence_scope``). A
partner that stops sharing takes its observations and the words quoted from them out of the
proposal's pages at once, for the analysts and the recipient alike; such a quote cannot go
to the recipient.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from accounts.access import (
    ANALYSIS_ROLES,
    memberships_of,
    organisation_ids,
    require_admin,
    require_analyst,
    shared_scope,
)
from accounts.models import Role
from proposals.models import DELIVERED, ActionProposal, Quote, RecipientBody
from proposals.notifications import observations_behind
from reporting.models import Observation


def analyst_organisations(user) -> set[int]:
    """Organisations where the person prepares proposals; 403 for every other role."""
    require_analyst(user)
    return organisation_ids(user, ANALYSIS_ROLES)


def proposals_for_analyst(user) -> QuerySet:
    return ActionProposal.objects.filter(organisation_id__in=analyst_organisations(user))


def get_proposal_for_analyst(user, pk: int) -> ActionProposal:
    """A proposal the analyst may edit and move: 403 for other roles, 404 elsewhere."""
    proposal = proposals_for_analyst(user).filter(pk=pk).first()
    if proposal is None:
        raise Http404
    return proposal


def is_reader(user) -> bool:
    return any(m.role == Role.READER for m in memberships_of(user))


def bodies_for_decision_maker(user) -> QuerySet:
    """The active bodies the person answers for; none unless they hold a reader role."""
    if not is_reader(user):
        return RecipientBody.objects.none()
    return RecipientBody.objects.filter(members=user, is_active=True)


def require_decision_maker(user) -> QuerySet:
    bodies = bodies_for_decision_maker(user)
    if not bodies.exists():
        raise PermissionDenied
    return bodies


def proposals_for_decision_maker(user) -> QuerySet:
    """Proposals delivered to the person's bodies; 403 if they answer for no body."""
    bodies = require_decision_maker(user)
    return ActionProposal.objects.filter(recipient__in=bodies, status__in=DELIVERED)


def get_proposal_for_decision_maker(user, pk: int) -> ActionProposal:
    proposal = proposals_for_decision_maker(user).filter(pk=pk).first()
    if proposal is None:
        raise Http404
    return proposal


def get_proposal_for_reading(user, pk: int) -> tuple[ActionProposal, str]:
    """The proposal and the viewer's part in it: ``"analyst"`` or ``"decision_maker"``."""
    proposal = ActionProposal.objects.filter(pk=pk).first()
    if proposal is None or not user.is_authenticated:
        raise Http404
    if proposal.organisation_id in organisation_ids(user, ANALYSIS_ROLES):
        return proposal, "analyst"
    if proposal.is_delivered and bodies_for_decision_maker(user).filter(pk=proposal.recipient_id):
        return proposal, "decision_maker"
    if proposal.organisation_id in organisation_ids(user):
        raise PermissionDenied
    raise Http404


def bodies_for_admin(user) -> QuerySet:
    """The bodies of the organisations the person administers; 403 if they administer none."""
    return RecipientBody.objects.filter(organisation_id__in=require_admin(user))


def get_body_for_admin(user, pk: int) -> RecipientBody:
    """A body whose members the administrator chooses: 403 for other roles, 404 for bodies
    of other organisations and of the whole installation."""
    body = bodies_for_admin(user).select_related("organisation").filter(pk=pk).first()
    if body is None:
        raise Http404
    return body


def evidence_scope(proposal: ActionProposal) -> set[int]:
    """The organisations whose observations may be the proposal's evidence now: its own and
    the partners that share with it."""
    return shared_scope({proposal.organisation_id})


def evidence_observations(proposal: ActionProposal) -> QuerySet[Observation]:
    """The observations behind the proposal (linked directly or through its phenomena) that
    its organisation may use now."""
    return observations_behind(proposal).filter(organisation_id__in=evidence_scope(proposal))


def direct_observations(proposal: ActionProposal) -> QuerySet[Observation]:
    return proposal.observations.filter(organisation_id__in=evidence_scope(proposal))


def chosen_quotes(proposal: ActionProposal) -> list[tuple[Quote, bool]]:
    """The proposal's chosen quotes, each with whether its words may be shown now: not when
    its observation's organisation no longer shares with the proposal's."""
    scope = evidence_scope(proposal)
    return [
        (quote, quote.observation is None or quote.observation.organisation_id in scope)
        for quote in proposal.quotes.select_related("observation")
    ]


def texts_for_reader(user, proposal: ActionProposal, role: str) -> QuerySet[Observation]:
    """The evidence observations whose texts the person may read, through the quote check:
    the analysts of the proposal's organisation all of them; a decision-maker only those of
    the proposal's own organisation, and only when they hold a reader role there (a body's
    member from outside sees the figures and the chosen quotes, not the observations);
    403 for everyone else."""
    observations = evidence_observations(proposal)
    if role == "analyst":
        return observations
    if proposal.organisation_id in organisation_ids(user, frozenset({Role.READER})):
        return observations.filter(organisation_id=proposal.organisation_id)
    raise PermissionDenied


def may_read_texts(user, proposal: ActionProposal, role: str) -> bool:
    try:
        texts_for_reader(user, proposal, role)
    except PermissionDenied:
        return False
    return True
