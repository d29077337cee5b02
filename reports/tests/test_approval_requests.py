"""Sending a report for approval tells the approver; approving or returning it tells its
author. Each is told once, in their own language, whatever the retries."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.tests.factories import MembershipFactory
from notices.models import Kind, Notice
from reports.models import Report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _quick_pdf(monkeypatch):
    from reports import outputs

    monkeypatch.setitem(outputs.RENDERERS, "pdf", lambda content: b"%PDF-1.7 test")


@pytest.fixture
def approver(org_a):
    return MembershipFactory(organisation=org_a, role="analyst", user__username="approver").user


@pytest.fixture
def generated(client, analyst, report, django_capture_on_commit_callbacks):
    client.force_login(analyst)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:generate", args=[report.pk]))
    return report.runs.first()


def _ask(client, author, report, approver, capture):
    client.force_login(author)
    with capture(execute=True):
        return client.post(
            reverse("reports:request_approval", args=[report.pk]), {"approver": approver.pk}
        )


def _to(user):
    """The notices e-mailed to the person (not the message that a generation is ready)."""
    return [m for m in mail.outbox if m.to == [user.email] and "/notices/" in m.body]


def test_the_approver_is_asked_once_and_the_author_told_of_the_approval(
    client, analyst, approver, report, generated, django_capture_on_commit_callbacks
):
    approver.language = "sv"
    approver.save()
    assert (
        _ask(client, analyst, report, approver, django_capture_on_commit_callbacks).status_code
        == 302
    )
    _ask(client, analyst, report, approver, django_capture_on_commit_callbacks)
    report.refresh_from_db()
    assert report.approval_requested_from == approver
    (asked,) = _to(approver)
    assert str(report) in asked.body and "godkännande" in asked.body
    client.force_login(approver)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:approve", args=[report.pk]), {"run": generated.pk})
        client.post(reverse("reports:approve", args=[report.pk]), {"run": generated.pk})
    report.refresh_from_db()
    assert report.state == Report.State.APPROVED and report.approval_requested_from is None
    (told,) = _to(analyst)
    assert "hyväksyttiin" in told.body
    assert Notice.objects.get(user=analyst).event == "approved"


def test_a_returned_report_tells_the_author_with_the_note(
    client, analyst, approver, report, generated, django_capture_on_commit_callbacks
):
    _ask(client, analyst, report, approver, django_capture_on_commit_callbacks)
    client.force_login(approver)
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):
            response = client.post(
                reverse("reports:return", args=[report.pk]),
                {"return_note": "Tiivistelmään vielä asumisen luvut."},
            )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == Report.State.DRAFT
    assert report.return_note == "Tiivistelmään vielä asumisen luvut."
    notices = Notice.objects.filter(user=analyst, kind=Kind.APPROVAL_OUTCOME)
    assert [n.event for n in notices] == ["returned"]
    assert len(_to(analyst)) == 1
    client.force_login(analyst)
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "Tiivistelmään vielä asumisen luvut." in page
    # Sent again after changes, the approver is asked anew.
    _ask(client, analyst, report, approver, django_capture_on_commit_callbacks)
    assert len(_to(approver)) == 2


def test_a_return_note_naming_a_client_is_refused_and_kept(
    client, analyst, approver, report, generated
):
    client.force_login(approver)
    response = client.post(
        reverse("reports:return", args=[report.pk]),
        {"return_note": "Poista Matti Meikäläisen 010203-123A tapaus."},
    )
    assert response.status_code == 400
    assert "010203-123A" in response.content.decode()  # what was typed is not lost
    report.refresh_from_db()
    assert report.return_note == "" and not Notice.objects.exists()


def test_only_a_colleague_who_may_approve_can_be_asked(
    client, analyst, outsider, reader, report, generated, django_capture_on_commit_callbacks
):
    for person in (outsider, reader, analyst):
        response = _ask(client, analyst, report, person, django_capture_on_commit_callbacks)
        assert response.status_code == 400
    report.refresh_from_db()
    assert report.approval_requested_from is None
    assert not Notice.objects.exists()


def test_the_author_cannot_return_their_own_report(client, analyst, report, generated):
    client.force_login(analyst)
    response = client.post(reverse("reports:return", args=[report.pk]), {"return_note": "Ei."})
    assert response.status_code == 403
