"""Notices in a real browser: a decision-maker follows the e-mail of an arriving proposal to
its answer; an overdue answer is reminded exactly once; a report sent for approval, and its
approval, reach both people."""

import datetime
import re
from urllib.parse import urlsplit

from django.core import mail
from django.utils import timezone

from accounts.tests.factories import MembershipFactory
from notices.models import Kind, Notice
from proposals import services as proposal_services
from proposals.models import ActionProposal
from proposals.tests.factories import ProposalFactory, RecipientBodyFactory
from reports import outputs
from reports.models import Report
from reports.tests.conftest import observe
from reports.tests.factories import make_report
from tests.browser.conftest import LIVE, sign_in

pytestmark = LIVE

LINK = re.compile(r"https?://\S+/notices/\d+/")


def _to(user) -> list:
    return [m for m in mail.outbox if m.to == [user.email] and "/notices/" in m.body]


def _path(message) -> str:
    return urlsplit(LINK.search(message.body).group(0)).path


def _board(org_b):
    board = RecipientBodyFactory(name_fi="Aluehallitus")
    chair = MembershipFactory(organisation=org_b, role="reader", user__username="paattaja").user
    board.members.add(chair)
    return board, chair


def test_from_the_e_mail_link_to_the_answer(new_page, org_a, org_b, analyst):
    board, chair = _board(org_b)
    proposal = ProposalFactory(
        organisation=org_a, owner=analyst, recipient=board, title="Kotihoidon kiire"
    )
    due = timezone.localdate() + datetime.timedelta(days=30)

    desk = new_page("fi")
    sign_in(desk, "analyst")
    desk.goto(f"/proposals/{proposal.pk}/")
    desk.fill("#answer-due-on", due.isoformat())
    desk.get_by_role("button", name="Lähetä vastaanottajalle").click()
    assert desk.input_value("#id_answer_due_on") == due.isoformat()  # carried to the check
    desk.get_by_role("button", name="Lähetä ehdotus").click()
    desk.wait_for_selector(".message--success")

    (message,) = _to(chair)
    assert "Kotihoidon kiire" in message.body
    assert f"{due.day}.{due.month}.{due.year}" in message.body

    # The decision-maker is not signed in: the link asks them to, then opens the proposal.
    reader = new_page("fi")
    reader.goto(_path(message))
    reader.fill("#id_username", "paattaja")
    reader.fill("#id_password", "password-for-tests")
    reader.click("form.narrow button[type=submit]")
    reader.wait_for_url(f"**/proposals/{proposal.pk}/")
    assert f"{due.day}.{due.month}.{due.year}" in reader.inner_text("dl.facts")
    reader.get_by_role("link", name="Kirjaa virallinen vastaus").click()
    reader.get_by_label("Hyväksytty", exact=True).check()
    reader.fill("#id_response_text", "Kotihoitoon lisätään kaksi iltavuoroa.")
    reader.get_by_role("button", name="Kirjaa vastaus").click()
    reader.wait_for_selector(".message--success")
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decision) == ("answered", "accepted")
    assert Notice.objects.get(user=chair).read_at is not None
    reader.goto("/notices/")
    assert reader.locator(".site-nav .badge").count() == 0


def test_an_overdue_answer_is_reminded_exactly_once(new_page, org_a, org_b, analyst):
    board, chair = _board(org_b)
    proposal = ProposalFactory(
        organisation=org_a, owner=analyst, recipient=board, title="Ruoka-avun tarve"
    )
    proposal_services.take_step(
        proposal=proposal, action="submit", by=analyst, seen_status=proposal.status
    )
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    ActionProposal.objects.filter(pk=proposal.pk).update(answer_due_on=yesterday)
    mail.outbox.clear()

    # The worker runs the daily reminders twice (a retry, or two workers).
    proposal_services.remind_due_answers()
    proposal_services.remind_due_answers()

    assert len(_to(chair)) == 1 and len(_to(analyst)) == 1
    page = new_page("fi")
    sign_in(page, "paattaja")
    page.goto("/notices/")
    assert page.locator(".site-nav .badge").inner_text().startswith("2")
    texts = page.locator("main .card-list li").all_inner_texts()
    overdue = [text for text in texts if "eikä sitä ole annettu" in text]
    assert len(overdue) == 1 and "Ruoka-avun tarve" in overdue[0]
    page.get_by_role("link", name=re.compile("eikä sitä ole annettu")).click()
    page.wait_for_url(f"**/proposals/{proposal.pk}/")
    assert "myöhässä" in page.inner_text("dl.facts")
    kinds = Notice.objects.filter(user=chair).values_list("kind", flat=True)
    assert sorted(kinds) == [Kind.ANSWER_DUE, Kind.PROPOSAL_ARRIVED]


def test_an_approval_request_and_its_outcome_reach_both(new_page, org_a, analyst, monkeypatch):
    monkeypatch.setitem(outputs.RENDERERS, "pdf", lambda content: b"%PDF-1.7 test")
    colleague = MembershipFactory(
        organisation=org_a,
        role="analyst",
        user__username="hyvaksyja",
        user__first_name="Hilla",
        user__last_name="Hyväksyjä",
    ).user
    colleague.language = "sv"
    colleague.save()
    for _ in range(6):
        observe(org_a)
    report = make_report(org_a, author=analyst, title="Asumisen katsaus")

    author = new_page("fi")
    sign_in(author, "analyst")
    author.goto(f"/reports/{report.pk}/")
    author.get_by_role("button", name="Muodosta raportti").click()
    author.wait_for_selector(".message--success")
    author.goto(f"/reports/{report.pk}/")
    author.select_option("#id_approver", label="Hilla Hyväksyjä")
    author.get_by_role("button", name="Lähetä hyväksyttäväksi").click()
    author.wait_for_selector(".message--success")
    assert "Hilla Hyväksyjä" in author.inner_text("section.report-actions")

    (asked,) = _to(colleague)
    assert "Asumisen katsaus" in asked.body and "godkännande" in asked.body
    approver = new_page("sv")
    sign_in(approver, "hyvaksyja")
    approver.goto("/notices/")
    approver.get_by_role("link", name=re.compile("Asumisen katsaus")).click()
    approver.wait_for_url(f"**/reports/{report.pk}/")
    approver.get_by_role("button", name="Godkänn rapporten").click()
    approver.wait_for_selector(".message--success")
    report.refresh_from_db()
    assert report.state == Report.State.APPROVED

    (told,) = _to(analyst)
    assert "hyväksyttiin" in told.body
    author.goto("/notices/")
    assert "Raporttisi ”Asumisen katsaus” hyväksyttiin." in author.inner_text("main")
