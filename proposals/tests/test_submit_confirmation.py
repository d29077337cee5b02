"""Sending a proposal asks first: the page says who receives it, who is told and the answer
date, and sends only when the analyst confirms; a second press sends nothing twice."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from proposals import bodies
from proposals.models import Transition
from proposals.tests.factories import ProposalFactory

COOKIE = settings.LANGUAGE_COOKIE_NAME


def confirm_url(proposal):
    return reverse("proposals:submit", args=[proposal.pk])


@pytest.fixture
def signed_in(client, analyst):
    client.force_login(analyst)
    client.cookies[COOKIE] = "en"
    return client


def test_the_page_says_what_will_happen_and_sends_nothing(
    signed_in, proposal, decision_maker, body
):
    due = timezone.localdate() + datetime.timedelta(days=30)
    response = signed_in.get(confirm_url(proposal), {"answer_due_on": due.isoformat()})
    assert response.status_code == 200
    html = response.content.decode()
    members = bodies.answering_members(body).count()
    assert members >= 1
    assert f"The proposal goes to “{body.name}”. Its {members} members who answer" in html
    assert f'value="{due.isoformat()}"' in html
    proposal.refresh_from_db()
    assert proposal.status != "submitted"
    assert not Transition.objects.filter(proposal=proposal).exists()


def test_without_a_chosen_day_the_usual_day_is_offered(signed_in, proposal, decision_maker):
    html = signed_in.get(confirm_url(proposal)).content.decode()
    due = timezone.localdate() + datetime.timedelta(days=settings.PROPOSAL_ANSWER_DAYS)
    assert f'value="{due.isoformat()}"' in html


def test_confirming_sends_it_once_however_often_it_is_pressed(
    signed_in, proposal, decision_maker, django_capture_on_commit_callbacks
):
    due = timezone.localdate() + datetime.timedelta(days=30)
    data = {"answer_due_on": due.isoformat(), "seen_status": proposal.status}
    with django_capture_on_commit_callbacks(execute=True):
        first = signed_in.post(confirm_url(proposal), data)
        second = signed_in.post(confirm_url(proposal), data)
    assert first.status_code == second.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == "submitted"
    assert proposal.answer_due_on == due
    assert Transition.objects.filter(proposal=proposal, action="submit").count() == 1
    page = signed_in.get(second["Location"]).content.decode()
    assert "This was done already" in page


def test_a_day_in_the_past_is_refused_and_kept(signed_in, proposal, decision_maker):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    data = {"answer_due_on": yesterday.isoformat(), "seen_status": proposal.status}
    response = signed_in.post(confirm_url(proposal), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Ask for the answer by a day after today." in html
    assert f'value="{yesterday.isoformat()}"' in html
    proposal.refresh_from_db()
    assert proposal.status != "submitted"


def test_a_submitted_proposal_leads_back_to_its_page(
    signed_in, proposal, decision_maker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        signed_in.post(confirm_url(proposal), {"seen_status": proposal.status})
    response = signed_in.get(confirm_url(proposal))
    assert response.status_code == 302
    assert response["Location"] == reverse("proposals:detail", args=[proposal.pk])


def test_a_proposal_without_a_recipient_cannot_be_sent(signed_in, org_a, analyst):
    proposal = ProposalFactory(organisation=org_a, owner=analyst, recipient=None)
    response = signed_in.post(confirm_url(proposal), {"seen_status": proposal.status})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status != "submitted"


def test_another_organisations_proposal_is_not_found(client, outsider, proposal):
    client.force_login(outsider)
    assert client.get(confirm_url(proposal)).status_code == 404
    assert client.post(confirm_url(proposal), {"seen_status": proposal.status}).status_code == 404
    proposal.refresh_from_db()
    assert proposal.status != "submitted"


def test_a_reporter_may_not_send(client, reporter, proposal):
    client.force_login(reporter)
    assert client.post(confirm_url(proposal), {"seen_status": proposal.status}).status_code in (
        403,
        404,
    )
    proposal.refresh_from_db()
    assert proposal.status != "submitted"


def test_the_proposal_page_leads_to_the_confirmation(signed_in, proposal, decision_maker):
    html = signed_in.get(reverse("proposals:detail", args=[proposal.pk])).content.decode()
    assert f'<form method="get" action="{confirm_url(proposal)}">' in html
