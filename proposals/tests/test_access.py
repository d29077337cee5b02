"""Every step of the life cycle × every part a person can play: only analysts of the owning
organisation edit and move a proposal, only decision-makers of its recipient body answer it,
everyone else gets 403 or 404."""

import pytest
from django.urls import reverse

from accounts.tests.factories import MembershipFactory
from proposals.models import Transition
from proposals.tests.factories import RecipientBodyFactory
from proposals.tests.helpers import act, answer

PEOPLE = [
    "reporter",
    "analyst",
    "reader",
    "admin_member",
    "outsider",
    "decision_maker",
    "other_decision_maker",
]


@pytest.fixture
def people(request, reporter, analyst, reader, admin_member, outsider, decision_maker, org_b):
    other = MembershipFactory(organisation=org_b, role="reader", user__username="other_dm").user
    RecipientBodyFactory().members.add(other)
    return {
        "reporter": reporter,
        "analyst": analyst,
        "reader": reader,
        "admin_member": admin_member,
        "outsider": outsider,
        "decision_maker": decision_maker,
        "other_decision_maker": other,
    }


def by_person(**statuses):
    return [(person, statuses.get(person, statuses.get("default"))) for person in PEOPLE]


@pytest.mark.parametrize(
    ("person", "status"),
    by_person(analyst=302, admin_member=302, outsider=404, default=403),
)
@pytest.mark.parametrize("action", ["prepare", "submit", "close"])
def test_only_analysts_of_the_organisation_move_a_draft(
    client, people, proposal, person, status, action
):
    response = act(client, people[person], proposal, action)
    assert response.status_code == status
    moved = Transition.objects.filter(proposal=proposal, action=action).exists()
    assert moved == (status == 302)


@pytest.fixture
def submitted(client, proposal, analyst):
    act(client, analyst, proposal, "submit")
    proposal.refresh_from_db()
    client.logout()
    return proposal


@pytest.mark.parametrize(
    ("person", "status"),
    by_person(decision_maker=302, other_decision_maker=404, default=403),
)
def test_only_decision_makers_of_the_body_answer(client, people, submitted, person, status):
    response = answer(client, people[person], submitted)
    assert response.status_code == status
    submitted.refresh_from_db()
    assert (submitted.status == "answered") == (status == 302)


@pytest.mark.parametrize(
    ("person", "status"),
    by_person(analyst=302, admin_member=302, outsider=404, default=403),
)
@pytest.mark.parametrize("action", ["implement", "close"])
def test_only_analysts_move_an_answered_proposal(client, people, submitted, person, status, action):
    answer(client, people["decision_maker"], submitted)
    submitted.refresh_from_db()
    response = act(client, people[person], submitted, action)
    assert response.status_code == status


def test_a_decision_maker_cannot_take_an_analysts_step(client, people, submitted):
    assert act(client, people["decision_maker"], submitted, "close").status_code == 403


def test_an_analyst_cannot_answer_through_the_step_form(client, people, submitted):
    response = act(client, people["analyst"], submitted, "answer")
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == "submitted"


@pytest.mark.parametrize(
    ("person", "status"),
    by_person(
        analyst=200,
        admin_member=200,
        decision_maker=200,
        outsider=404,
        other_decision_maker=404,
        default=403,
    ),
)
def test_who_reads_a_submitted_proposal(client, people, submitted, person, status):
    client.force_login(people[person])
    assert client.get(reverse("proposals:detail", args=[submitted.pk])).status_code == status


def test_a_decision_maker_does_not_see_drafts(client, people, proposal):
    client.force_login(people["decision_maker"])
    assert client.get(reverse("proposals:detail", args=[proposal.pk])).status_code == 404


def test_a_member_without_the_reader_role_cannot_answer(client, people, submitted, body):
    body.members.add(people["analyst"])
    assert answer(client, people["analyst"], submitted).status_code == 403


def test_anonymous_people_are_sent_to_sign_in(client, submitted):
    response = client.post(reverse("proposals:answer", args=[submitted.pk]))
    assert response.status_code == 302
    assert "/sign-in/" in response.url
