"""Proposal personas: a decision-maker who answers for a recipient body, beside the shared
analyst, reporter, reader and outsider."""

import pytest

from accounts.tests.factories import MembershipFactory
from proposals.tests.factories import ProposalFactory, RecipientBodyFactory


@pytest.fixture
def body(db):
    """The county board, with a member who can answer (a body nobody answers for takes no
    proposals)."""
    board = RecipientBodyFactory(code="board", name_fi="Aluehallitus", name_sv="Styrelsen")
    board.members.add(MembershipFactory(role="reader", user__username="board_chair").user)
    return board


@pytest.fixture
def decision_maker(org_b, body):
    """A reader of another organisation who answers for the body."""
    user = MembershipFactory(
        organisation=org_b, role="reader", user__username="decision_maker"
    ).user
    body.members.add(user)
    return user


@pytest.fixture
def proposal(org_a, analyst, body):
    return ProposalFactory(organisation=org_a, owner=analyst, recipient=body)
