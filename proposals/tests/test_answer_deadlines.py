"""A proposal that arrives is told to the body's members, with the day its answer is asked
for; they are reminded once before that day and once after it, never twice."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import MembershipFactory
from notices.models import Kind, Notice, NoticePreference
from notices.outbox import send_all_digests as send_digests
from proposals import services
from proposals.tests.factories import RecipientBodyFactory
from proposals.tests.helpers import act, answer


def submit(client, analyst, proposal, capture, **extra):
    client.force_login(analyst)
    with capture(execute=True):
        response = client.post(
            reverse("proposals:step", args=[proposal.pk]),
            {"action": "submit", "seen_status": proposal.status, **extra},
        )
    proposal.refresh_from_db()
    return response


def to(user):
    return [m for m in mail.outbox if m.to == [user.email]]


def test_the_members_of_the_body_are_told_at_once(
    client, analyst, decision_maker, proposal, django_capture_on_commit_callbacks
):
    proposal.title = "Kotihoito & iltavuorot"
    proposal.save()
    submit(client, analyst, proposal, django_capture_on_commit_callbacks)
    assert proposal.status == "submitted"
    due = timezone.localdate() + datetime.timedelta(days=56)
    assert proposal.answer_due_on == due
    messages = to(decision_maker)
    assert len(messages) == 1
    assert proposal.title in messages[0].body
    assert "”Kotihoito & iltavuorot”" in messages[0].subject  # plain text, not HTML
    assert due.strftime("%-d.%-m.%Y") in messages[0].body
    notice = Notice.objects.get(user=decision_maker)
    assert f"/notices/{notice.pk}/" in messages[0].body
    assert notice.kind == Kind.PROPOSAL_ARRIVED


def test_the_e_mail_link_leads_to_the_proposal_and_marks_the_notice_read(
    client, analyst, decision_maker, proposal, django_capture_on_commit_callbacks
):
    submit(client, analyst, proposal, django_capture_on_commit_callbacks)
    notice = Notice.objects.get(user=decision_maker)
    client.force_login(decision_maker)
    response = client.get(reverse("notices:open", args=[notice.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("proposals:detail", args=[proposal.pk])
    notice.refresh_from_db()
    assert notice.read_at is not None


def test_a_second_press_tells_nobody_twice(
    client, analyst, decision_maker, proposal, django_capture_on_commit_callbacks
):
    submit(client, analyst, proposal, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        act(client, analyst, proposal, "submit", seen_status="draft")
    assert len(to(decision_maker)) == 1
    assert Notice.objects.filter(user=decision_maker).count() == 1


def test_the_analyst_may_choose_the_day(
    client, analyst, proposal, django_capture_on_commit_callbacks
):
    day = timezone.localdate() + datetime.timedelta(days=20)
    submit(client, analyst, proposal, django_capture_on_commit_callbacks, answer_due_on=day)
    assert proposal.answer_due_on == day


@pytest.mark.parametrize("days", [0, -3, 400])
def test_a_day_in_the_past_or_too_far_is_refused(
    client, analyst, proposal, days, django_capture_on_commit_callbacks
):
    day = timezone.localdate() + datetime.timedelta(days=days)
    response = submit(
        client, analyst, proposal, django_capture_on_commit_callbacks, answer_due_on=day
    )
    assert response.status_code == 302
    assert proposal.status == "draft"
    page = client.get(response["Location"]).content.decode()
    assert "Pyydä vastausta" in page
    assert not Notice.objects.exists()


def test_a_readdressed_proposal_is_told_to_the_new_body(
    client, analyst, decision_maker, proposal, django_capture_on_commit_callbacks
):
    submit(client, analyst, proposal, django_capture_on_commit_callbacks)
    other = RecipientBodyFactory(code="welfare", name_fi="Hyvinvointilautakunta")
    member = MembershipFactory(role="reader", user__username="welfare_chair").user
    other.members.add(member)
    with django_capture_on_commit_callbacks(execute=True):
        services.take_step(
            proposal=proposal,
            action="readdress",
            by=analyst,
            seen_status="submitted",
            reason="Kuuluu lautakunnalle.",
            recipient=other,
        )
    assert len(to(member)) == 1
    assert len(to(decision_maker)) == 1


def _reminders(user) -> list[Notice]:
    return list(Notice.objects.filter(user=user, kind=Kind.ANSWER_DUE).order_by("id"))


def test_reminders_come_once_before_and_once_after_the_day(
    client, analyst, decision_maker, proposal, django_capture_on_commit_callbacks
):
    submit(client, analyst, proposal, django_capture_on_commit_callbacks)
    due = proposal.answer_due_on
    mail.outbox.clear()
    assert services.remind_due_answers(due - datetime.timedelta(days=8)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        made = services.remind_due_answers(due - datetime.timedelta(days=7))
        made += services.remind_due_answers(due - datetime.timedelta(days=2))
        made += services.remind_due_answers(due)
    assert [n.event for n in _reminders(decision_maker)] == [f"before:{due.isoformat()}"]
    assert len(to(decision_maker)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.remind_due_answers(due + datetime.timedelta(days=1))
        services.remind_due_answers(due + datetime.timedelta(days=5))
    assert [n.event for n in _reminders(decision_maker)] == [
        f"before:{due.isoformat()}",
        f"after:{due.isoformat()}",
    ]
    assert len(to(decision_maker)) == 2
    assert "eikä sitä ole annettu" in to(decision_maker)[1].body
    # The owning analyst hears of the overdue answer, not of the coming one.
    assert [n.event for n in _reminders(analyst)] == [f"after:{due.isoformat()}"]


def test_an_answered_proposal_is_not_reminded(
    client, analyst, decision_maker, proposal, django_capture_on_commit_callbacks
):
    submit(client, analyst, proposal, django_capture_on_commit_callbacks)
    answer(client, decision_maker, proposal)
    assert services.remind_due_answers(proposal.answer_due_on + datetime.timedelta(days=3)) == 0


def test_a_daily_digest_gathers_the_notices_in_the_person_s_language(
    client, analyst, decision_maker, proposal, django_capture_on_commit_callbacks
):
    decision_maker.language = "sv"
    decision_maker.save()
    NoticePreference.objects.create(
        user=decision_maker, kind=Kind.PROPOSAL_ARRIVED, frequency="daily"
    )
    NoticePreference.objects.create(user=decision_maker, kind=Kind.ANSWER_DUE, frequency="daily")
    submit(client, analyst, proposal, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        services.remind_due_answers(proposal.answer_due_on)
    assert to(decision_maker) == []
    assert send_digests("weekly") == 0
    assert send_digests("daily") == 1
    assert send_digests("daily") == 0
    (message,) = to(decision_maker)
    assert "Styrelsen" in message.body and proposal.title in message.body
    assert "2 meddelanden" in message.subject


def test_off_means_only_in_sora(
    client, analyst, decision_maker, proposal, django_capture_on_commit_callbacks
):
    NoticePreference.objects.create(
        user=decision_maker, kind=Kind.PROPOSAL_ARRIVED, frequency="off"
    )
    submit(client, analyst, proposal, django_capture_on_commit_callbacks)
    assert to(decision_maker) == []
    assert send_digests("daily") == 0 and send_digests("weekly") == 0
    client.force_login(decision_maker)
    page = client.get(reverse("notices:list")).content.decode()
    assert proposal.title in page
