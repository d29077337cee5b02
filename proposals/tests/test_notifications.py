from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from analysis.models import PhenomenonLink
from analysis.tests.factories import PhenomenonFactory
from proposals.models import Notification, NotificationPreference
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
    """The e-mails of the proposal's steps to its reporters (the body's members are sent
    notices of their own when it arrives)."""
    members = set(proposal.recipient.members.values_list("email", flat=True))
    return [m for m in mail.outbox if not set(m.to) & members]


def submit(client, analyst, proposal, capture):
    with capture(execute=True):
        response = act(client, analyst, proposal, "submit")
    proposal.refresh_from_db()
    return response


def test_reporters_hear_of_submit_answer_and_implementation(
    client, analyst, decision_maker, proposal, behind, reporter, django_capture_on_commit_callbacks
):
    submit(client, analyst, proposal, django_capture_on_commit_callbacks)
    assert [m.to for m in news(proposal)] == [[reporter.email]]
    assert proposal.title in news(proposal)[0].body
    assert "Oma teksti." not in news(proposal)[0].body  # never the observation itself
    with django_capture_on_commit_callbacks(execute=True):
        answer(client, decision_maker, proposal)
    proposal.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        act(client, analyst, proposal, "implement")
    proposal.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        act(client, analyst, proposal, "complete")
    assert len(news(proposal)) == 3  # submitted, answered, implemented; not "in implementation"
    assert "vastattu" in news(proposal)[1].subject
    assert "toteutettu" in news(proposal)[2].subject


def test_a_directly_linked_observation_counts_too(
    client, analyst, proposal, org_a, reporter, django_capture_on_commit_callbacks
):
    proposal.observations.add(ObservationFactory(organisation=org_a, reporter=reporter))
    proposal.observations.add(ObservationFactory(organisation=org_a, reporter=reporter))
    submit(client, analyst, proposal, django_capture_on_commit_callbacks)
    assert len(news(proposal)) == 1  # one message per person, however many observations


def test_a_retried_step_sends_nothing_twice(
    client, analyst, proposal, behind, django_capture_on_commit_callbacks
):
    submit(client, analyst, proposal, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        act(client, analyst, proposal, "submit", seen_status="draft")
    call_command("send_notifications")
    assert len(news(proposal)) == 1
    assert Notification.objects.count() == 1


def test_reporters_who_said_off_get_nothing(
    client, analyst, proposal, behind, reporter, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(user=reporter, frequency="off")
    submit(client, analyst, proposal, django_capture_on_commit_callbacks)
    assert news(proposal) == []
    assert Notification.objects.count() == 0


def test_weekly_digest_collects_the_steps(
    client,
    analyst,
    decision_maker,
    proposal,
    behind,
    reporter,
    django_capture_on_commit_callbacks,
):
    NotificationPreference.objects.create(user=reporter, frequency="weekly", language="sv")
    submit(client, analyst, proposal, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        answer(client, decision_maker, proposal)
    assert news(proposal) == []
    call_command("send_notifications", "--weekly")
    call_command("send_notifications", "--weekly")
    assert len(news(proposal)) == 1
    assert "veckan" in news(proposal)[0].subject  # in the reporter's chosen language
    assert news(proposal)[0].body.count(proposal.title) == 2


def test_a_failed_email_never_blocks_and_is_retried(
    client, analyst, proposal, behind, reporter, django_capture_on_commit_callbacks
):
    with mock.patch(
        "proposals.notifications.send_mail", side_effect=ConnectionRefusedError("down")
    ):
        response = submit(client, analyst, proposal, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert proposal.status == "submitted"
    row = Notification.objects.get()
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


def test_the_settings_page_saves_the_choice(client, reporter):
    client.force_login(reporter)
    url = reverse("proposals:notification_settings")
    assert client.get(url).status_code == 200
    response = client.post(url, {"frequency": "weekly", "language": "en"})
    assert response.status_code == 302
    preference = NotificationPreference.objects.get(user=reporter)
    assert (preference.frequency, preference.language) == ("weekly", "en")
    assert client.post(url, {"frequency": "hourly", "language": "en"}).status_code == 400
