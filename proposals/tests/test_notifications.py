"""Reporters behind a proposal hear of its steps and milestones: one notice per step and
person, in Sora and by e-mail as they chose, in their own language, never the observation's
text, and nothing lost when mail or the queue is down."""

from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from analysis.models import PhenomenonLink
from analysis.tests.factories import PhenomenonFactory
from notices.models import Kind, Notice, NoticePreference
from proposals import services
from proposals.tests.helpers import act, answer
from reporting.tests.factories import ObservationFactory


@pytest.fixture
def behind(org_a, reporter, proposal):
    """The reporter's observation feeds the proposal through a phenomenon."""
    phenomenon = PhenomenonFactory(organisation=org_a)
    observation = ObservationFactory(organisation=org_a, reporter=reporter, text="Oma teksti.")
    PhenomenonLink.objects.create(phenomenon=phenomenon, observation=observation)
    proposal.phenomena.add(phenomenon)
    return observation


def news(proposal):
    """The e-mails of the proposal's news to its reporters (the body's members are sent
    notices of their own when it arrives)."""
    members = set(proposal.recipient.members.values_list("email", flat=True))
    return [m for m in mail.outbox if not set(m.to) & members]


def submit(client, analyst, proposal, capture):
    with capture(execute=True):
        response = act(client, analyst, proposal, "submit")
    proposal.refresh_from_db()
    return response


def implement(client, analyst, decision_maker, proposal, capture):
    with capture(execute=True):
        answer(client, decision_maker, proposal)
    proposal.refresh_from_db()
    with capture(execute=True):
        act(client, analyst, proposal, "implement")
    proposal.refresh_from_db()


def test_reporters_hear_of_submit_answer_and_implementation(
    client, analyst, decision_maker, proposal, behind, reporter, django_capture_on_commit_callbacks
):
    submit(client, analyst, proposal, django_capture_on_commit_callbacks)
    assert [m.to for m in news(proposal)] == [[reporter.email]]
    assert proposal.title in news(proposal)[0].body
    assert "lähetettiin" in news(proposal)[0].body
    assert "Oma teksti." not in news(proposal)[0].body  # never the observation itself
    implement(client, analyst, decision_maker, proposal, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        act(client, analyst, proposal, "complete")
    assert len(news(proposal)) == 3  # submitted, answered, implemented; not "in implementation"
    assert "vastattiin: Hyväksytty" in news(proposal)[1].body
    assert "on toteutettu" in news(proposal)[2].body
    client.force_login(reporter)
    page = client.get(reverse("notices:list")).content.decode()
    assert page.count(proposal.title) == 3


def test_reporters_hear_of_each_milestone_once(
    client, analyst, decision_maker, proposal, behind, reporter, django_capture_on_commit_callbacks
):
    submit(client, analyst, proposal, django_capture_on_commit_callbacks)
    implement(client, analyst, decision_maker, proposal, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        milestone = services.add_milestone(
            proposal=proposal, title="Iltavuorot alkavat", due_on="2027-03-01"
        )
        services.add_milestone(proposal=proposal, title="Iltavuorot alkavat", due_on="2027-03-01")
        for progress in (50, 50, 100):
            services.set_progress(proposal=proposal, milestone_id=milestone.pk, progress=progress)
    bodies = [m.body for m in news(proposal)]
    assert len(bodies) == 3  # set, half done, done; the repeated 50 % is not told again
    assert "”Iltavuorot alkavat” on 50 % valmis" in bodies[1]
    assert "”Iltavuorot alkavat” on 100 % valmis" in bodies[2]


def test_a_directly_linked_observation_counts_too(
    client, analyst, proposal, org_a, reporter, django_capture_on_commit_callbacks
):
    proposal.observations.add(ObservationFactory(organisation=org_a, reporter=reporter))
    proposal.observations.add(ObservationFactory(organisation=org_a, reporter=reporter))
    submit(client, analyst, proposal, django_capture_on_commit_callbacks)
    assert len(news(proposal)) == 1  # one message per person, however many observations


def test_a_retried_step_sends_nothing_twice(
    client, analyst, proposal, behind, reporter, django_capture_on_commit_callbacks
):
    submit(client, analyst, proposal, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        act(client, analyst, proposal, "submit", seen_status="draft")
    call_command("send_notifications")
    assert len(news(proposal)) == 1
    assert Notice.objects.filter(user=reporter).count() == 1


def test_reporters_who_said_off_get_no_e_mail(
    client, analyst, proposal, behind, reporter, django_capture_on_commit_callbacks
):
    NoticePreference.objects.create(user=reporter, kind=Kind.PROPOSAL_NEWS, frequency="off")
    submit(client, analyst, proposal, django_capture_on_commit_callbacks)
    call_command("send_notifications", "--weekly")
    assert news(proposal) == []
    assert Notice.objects.filter(user=reporter).count() == 1  # still shown in Sora


def test_weekly_digest_collects_the_steps(
    client, analyst, decision_maker, proposal, behind, reporter, django_capture_on_commit_callbacks
):
    NoticePreference.objects.create(user=reporter, kind=Kind.PROPOSAL_NEWS, frequency="weekly")
    reporter.language = "sv"
    reporter.save()
    submit(client, analyst, proposal, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        answer(client, decision_maker, proposal)
    assert news(proposal) == []
    call_command("send_notifications", "--weekly")
    call_command("send_notifications", "--weekly")
    assert len(news(proposal)) == 1
    assert "2 meddelanden" in news(proposal)[0].subject  # in the reporter's language
    assert news(proposal)[0].body.count(proposal.title) == 2


def test_a_failed_email_never_blocks_and_is_retried(
    client, analyst, proposal, behind, reporter, django_capture_on_commit_callbacks
):
    with mock.patch("notices.services.send_mail", side_effect=ConnectionRefusedError("down")):
        response = submit(client, analyst, proposal, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert proposal.status == "submitted"
    row = Notice.objects.get(user=reporter)
    assert row.sent_at is None and row.attempts == 1 and "down" in row.last_error
    call_command("send_notifications")
    row.refresh_from_db()
    assert row.sent_at is not None
    assert len(news(proposal)) == 1


def test_a_broken_queue_never_blocks(
    client, analyst, proposal, behind, django_capture_on_commit_callbacks
):
    with mock.patch("notices.tasks.deliver_outbox") as task:
        task.enqueue.side_effect = RuntimeError("no queue")
        response = submit(client, analyst, proposal, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert proposal.status == "submitted"
    call_command("send_notifications")
    assert len(news(proposal)) == 1


def test_the_old_settings_address_leads_to_the_notices_settings(client, reporter):
    client.force_login(reporter)
    response = client.get(reverse("proposals:notification_settings"))
    assert response.status_code == 301
    assert response["Location"] == reverse("notices:settings")
