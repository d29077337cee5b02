"""The whole loop in a real browser: an anonymous observation becomes part of a phenomenon, a
proposal, an answer of the recipient body, and the reporters hear of it."""

import re

from django.core import mail

from accounts.tests.factories import MembershipFactory
from analysis.models import PhenomenonLink
from analysis.tests.factories import PhenomenonFactory
from proposals.models import ActionProposal
from proposals.tests.factories import RecipientBodyFactory
from reporting.models import Observation
from reporting.tests.factories import CampaignFactory, ObservationFactory
from tests.browser.conftest import LIVE, fill_observation, sign_in

pytestmark = LIVE

TEXT = "Toimeentulotuen päätökset viivästyvät ja asiakkaat jäävät ilman ruokarahaa."
RESPONSE = "Aluehallitus hyväksyy ehdotuksen ja valmistelee toimintamallin."


def test_from_an_anonymous_observation_to_an_answer(new_page, org_a, org_b, analyst, reporter):
    campaign = CampaignFactory(owner=org_a, link_organisation=org_a)
    phenomenon = PhenomenonFactory(organisation=org_a, name="Ruoka-avun tarve")
    signed_in = ObservationFactory(organisation=org_a, reporter=reporter)
    PhenomenonLink.objects.create(phenomenon=phenomenon, observation=signed_in)
    board = RecipientBodyFactory(name_fi="Aluehallitus")
    decision_maker = MembershipFactory(
        organisation=org_b, role="reader", user__username="paattaja"
    ).user
    board.members.add(decision_maker)

    # An anonymous professional reports through the open link and keeps the receipt code.
    anonymous = new_page("fi")
    anonymous.goto(f"/o/{campaign.link_token}/")
    fill_observation(anonymous, TEXT)
    anonymous.click("button[value=submit]")
    anonymous.wait_for_url(re.compile(r"/observations/receipt/"))
    observation = Observation.objects.get(text=TEXT)

    # The analyst links it to the phenomenon and drafts a proposal from the phenomenon.
    desk = new_page("fi")
    sign_in(desk, "analyst")
    desk.goto(f"/analysis/observations/{observation.pk}/")
    desk.select_option("#id_phenomenon", label="Ruoka-avun tarve")
    desk.click("form[action$='/link/'] button[type=submit]")
    desk.wait_for_selector(".message--success")
    desk.goto("/proposals/")
    desk.select_option("#id_from_phenomenon", label="Ruoka-avun tarve")
    desk.get_by_role("button", name="Laadi ilmiöstä").click()
    assert desk.input_value("#id_title") == "Ruoka-avun tarve"
    desk.fill("#id_problem", "Kiireellinen apu viivästyy viikoilla.")
    desk.fill("#id_proposed_action", "Sovitaan Kelan kanssa kiireellisten tilanteiden malli.")
    desk.select_option("#id_recipient", label="Aluehallitus")
    desk.get_by_role("button", name="Tallenna").click()
    desk.get_by_role("button", name="Lähetä vastaanottajalle").click()
    desk.get_by_role("button", name="Lähetä ehdotus").click()
    desk.wait_for_selector(".message--success")
    proposal = ActionProposal.objects.get()
    assert proposal.status == "submitted"
    assert list(proposal.phenomena.all()) == [phenomenon]

    # A reader of the recipient body records the official answer.
    body = new_page("fi")
    sign_in(body, "paattaja")
    body.goto("/proposals/decisions/")
    body.get_by_role("link", name="Ruoka-avun tarve").click()
    body.get_by_role("link", name="Kirjaa virallinen vastaus").click()
    body.get_by_label("Hyväksytty", exact=True).check()
    body.fill("#id_response_text", RESPONSE)
    body.get_by_role("button", name="Kirjaa vastaus").click()
    body.wait_for_selector(".message--success")
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decision) == ("answered", "accepted")

    # The anonymous reporter follows the code and sees the chain and the answer.
    anonymous.click("main a[href*='/follow/']")
    chain = anonymous.inner_text("main")
    assert "Ruoka-avun tarve" in chain
    assert "Hyväksytty" in chain
    assert RESPONSE in chain

    # The signed-in reporter linked to the same phenomenon got e-mail at each step.
    to_reporter = [m for m in mail.outbox if m.to == [reporter.email]]
    assert len(to_reporter) == 2
    assert "lähetettiin" in to_reporter[0].subject
    assert "vastattiin: Hyväksytty" in to_reporter[1].subject
