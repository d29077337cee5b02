"""The home page shows each signed-in person what waits for them, one part per role, and
counts only what the pages behind it would show them."""

import datetime

import pytest
from django.urls import reverse

from accounts.tests.factories import MembershipFactory
from analysis.models import PhenomenonLink
from analysis.tests.factories import PhenomenonFactory
from proposals import services
from proposals.models import ActionProposal
from proposals.tests.factories import ProposalFactory, RecipientBodyFactory
from reporting.models import Draft
from reporting.tests.factories import ObservationFactory
from reports.models import ReportRun
from reports.tests.factories import make_report


def _home(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("reporting:home"))
    assert response.status_code == 200
    return response.content.decode()


def test_anonymous_visitors_get_the_introduction(client, db):
    page = client.get(reverse("reporting:home")).content.decode()
    assert "Kirjaudu ja raportoi" in page and "Odottavat" not in page


def test_a_reporter_sees_drafts_and_what_became_of_their_observations(client, org_a, reporter):
    Draft.objects.create(user=reporter, data={"text": ["Kesken"]})
    linked = ObservationFactory(organisation=org_a, reporter=reporter)
    ObservationFactory(organisation=org_a, reporter=reporter)
    PhenomenonLink.objects.create(
        phenomenon=PhenomenonFactory(organisation=org_a), observation=linked
    )
    page = _home(client, reporter)
    assert "1 keskeneräinen luonnos" in page
    assert "1 havainnoistasi kuuluu ilmiöön" in page
    assert "Analyysi" not in page and "Ylläpito" not in page


def test_an_analyst_counts_the_untriaged_observations_of_their_scope(
    client, org_a, org_b, analyst, partner_org
):
    ObservationFactory.create_batch(3, organisation=org_a)
    ObservationFactory(organisation=partner_org)  # shared with A
    ObservationFactory.create_batch(2, organisation=org_b)  # not A's
    ObservationFactory(organisation=org_a, status="reviewed")
    page = _home(client, analyst)
    assert "4 käsittelemätöntä havaintoa" in page
    assert "?status=new" in page


def test_reports_of_colleagues_await_approval_but_not_ones_own(client, org_a, analyst):
    colleague = MembershipFactory(organisation=org_a, role="analyst").user
    theirs = make_report(org_a, colleague, title="Kollegan raportti")
    own = make_report(org_a, analyst, title="Oma raportti")
    unfinished = make_report(org_a, colleague, title="Keskeneräinen raportti")
    for report in (theirs, own):
        ReportRun.objects.create(report=report, revision=1, state=ReportRun.State.DONE)
    ReportRun.objects.create(report=unfinished, revision=1, state=ReportRun.State.RUNNING)
    page = _home(client, analyst)
    assert "Kollegan raportti" in page
    assert "Oma raportti" not in page and "Keskeneräinen raportti" not in page
    assert reverse("reports:detail", args=[theirs.pk]) in page


def test_a_decision_maker_sees_what_awaits_their_bodies_answer(client, org_a, org_b, analyst):
    body = RecipientBodyFactory(name_fi="Aluehallitus")
    other = RecipientBodyFactory(name_fi="Toinen toimielin")
    member = MembershipFactory(organisation=org_b, role="reader").user
    body.members.add(member)
    other.members.add(MembershipFactory(organisation=org_b, role="reader").user)
    for recipient, title in ((body, "Meille"), (other, "Muille")):
        proposal = ProposalFactory(
            organisation=org_a, owner=analyst, recipient=recipient, title=title
        )
        services.take_step(proposal=proposal, action="submit", by=analyst, seen_status="draft")
    page = _home(client, member)
    assert "1 ehdotus odottaa toimielimesi vastausta." in page
    assert "Meille" in page and "Muille" not in page
    due = services.default_answer_due()
    assert f"vastaus viimeistään {due.day}.{due.month}.{due.year}" in page
    # The owning analyst sees the day too, and that it has passed.
    ActionProposal.objects.filter(owner=analyst).update(
        answer_due_on=due - datetime.timedelta(days=100)
    )
    assert "myöhässä" in _home(client, analyst)


def test_reports_asked_of_another_colleague_are_not_listed(client, org_a, analyst):
    colleague = MembershipFactory(organisation=org_a, role="analyst").user
    third = MembershipFactory(organisation=org_a, role="analyst").user
    asked = make_report(org_a, colleague, title="Toiselta pyydetty")
    asked.approval_requested_from = third
    asked.save()
    mine = make_report(org_a, colleague, title="Minulta pyydetty")
    mine.approval_requested_from = analyst
    mine.save()
    for report in (asked, mine):
        ReportRun.objects.create(report=report, revision=1, state=ReportRun.State.DONE)
    page = _home(client, analyst)
    assert "Minulta pyydetty" in page and "Toiselta pyydetty" not in page


def test_an_administrator_sees_the_bodies_nobody_can_answer_for(client, org_a, org_b, admin_member):
    own = RecipientBodyFactory(name_fi="Oma tyhjä ryhmä", organisation=org_a)
    RecipientBodyFactory(name_fi="Toisen tyhjä ryhmä", organisation=org_b)
    staffed = RecipientBodyFactory(name_fi="Oma ryhmä", organisation=org_a)
    staffed.members.add(MembershipFactory(organisation=org_a, role="reader").user)
    page = _home(client, admin_member)
    assert "Oma tyhjä ryhmä" in page
    assert "Toisen tyhjä ryhmä" not in page and "Oma ryhmä<" not in page
    assert reverse("proposals:body", args=[own.pk]) in page


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_a_person_with_several_roles_sees_each_part_in_their_language(
    client, org_a, org_b, analyst, language
):
    body = RecipientBodyFactory()
    MembershipFactory(organisation=org_b, role="reader", user=analyst)
    body.members.add(analyst)
    client.force_login(analyst)
    page = client.get(reverse("reporting:home"), HTTP_ACCEPT_LANGUAGE=language)
    content = page.content.decode()
    headings = {
        "fi": ("Analyysi", "Vastaustasi odottavat ehdotukset", "Omat havaintosi"),
        "sv": ("Analys", "Förslag som väntar på ditt svar", "Dina observationer"),
        "en": ("Analysis", "Proposals awaiting your answer", "Your observations"),
    }[language]
    assert all(f">{heading}</h2>" in content for heading in headings), headings
