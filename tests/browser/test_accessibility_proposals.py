"""axe-core finds no WCAG 2.1 A/AA violations on the proposal pages, the decision-maker's
pages and the receipt follow-up page with its chain."""

import datetime

import pytest

from accounts.tests.factories import MembershipFactory
from analysis.models import PhenomenonLink
from analysis.tests.factories import PhenomenonFactory
from proposals import services
from proposals.models import Transition
from proposals.tests.factories import ProposalFactory, RecipientBodyFactory
from reporting.tests.factories import ObservationFactory
from tests.browser.conftest import LIVE, axe_violations, sign_in

pytestmark = LIVE


@pytest.fixture
def proposals(org_a, org_b, analyst, reporter, reader):
    body = RecipientBodyFactory(name_fi="Aluehallitus", name_sv="Välfärdsområdesstyrelsen")
    decision_maker = MembershipFactory(
        organisation=org_b, role="reader", user__username="paattaja"
    ).user
    body.members.add(decision_maker, reader)
    phenomenon = PhenomenonFactory(organisation=org_a, name="Ruoka-apu", description="Kuvaus.")
    observation = ObservationFactory(organisation=org_a, reporter=reporter)
    PhenomenonLink.objects.create(phenomenon=phenomenon, observation=observation)
    named = ObservationFactory(
        organisation=org_a,
        text="Matti Virtanen odottaa päätöstä.",
        privacy_confirmations=[{"field": "text", "kind": "name", "text": "Matti Virtanen"}],
    )
    PhenomenonLink.objects.create(phenomenon=phenomenon, observation=named)
    draft = ProposalFactory(organisation=org_a, owner=analyst, recipient=body)
    draft.phenomena.add(phenomenon)
    draft.quotes.create(text="Jonot ovat pitkiä.")
    waiting = ProposalFactory(organisation=org_a, owner=analyst, recipient=body, title="Odottaa")
    answered = ProposalFactory(organisation=org_a, owner=analyst, recipient=body, title="Vastattu")
    answered.phenomena.add(phenomenon)
    for proposal, steps in [(waiting, ["submit"]), (answered, ["submit", "answer", "implement"])]:
        for action in steps:
            services.take_step(
                proposal=proposal,
                action=action,
                by=decision_maker if action == "answer" else analyst,
                seen_status=proposal.status,
                decision="accepted",
                response_text="Hyväksytään.",
                response_date=datetime.date.today(),
                confirmations=[],
            )
            proposal.refresh_from_db()
    services.add_milestone(proposal=answered, title="Malli", due_on=datetime.date(2020, 1, 1))
    answered.observations.add(
        *[ObservationFactory(organisation=org_a, text="Jonot pitenevät.") for _ in range(6)]
    )
    services.publish(proposal=answered, summary="Julkinen tiivistelmä.")
    assert Transition.objects.filter(action="answer").count() == 1
    return {
        "draft": draft,
        "waiting": waiting,
        "answered": answered,
        "observation": observation,
        "named": named,
    }


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_proposal_pages_have_no_violations(new_page, proposals, language):
    draft, waiting, answered = proposals["draft"], proposals["waiting"], proposals["answered"]
    problems = {}

    def check(page, urls):
        for url in urls:
            assert page.goto(url).ok, url
            problems[url] = axe_violations(page)

    public = new_page(language, inject_scripts=True)
    check(
        public,
        [
            f"/follow/{proposals['observation'].receipt_code}/",
            "/proposals/public/",
            f"/proposals/public/{answered.pk}/",
        ],
    )
    assert "Hyväksytään." in public.inner_text("main")

    analyst = new_page(language, inject_scripts=True)
    sign_in(analyst, "analyst")
    check(
        analyst,
        [
            "/proposals/",
            "/proposals/new/",
            f"/proposals/{draft.pk}/",
            f"/proposals/{draft.pk}/edit/",
            f"/proposals/{answered.pk}/",
            f"/proposals/{answered.pk}/publish/",
            f"/proposals/{answered.pk}/?period=quarter",
            f"/proposals/{answered.pk}/evidence/observations/",
            f"/proposals/{answered.pk}/milestones/import/",
            f"/proposals/{waiting.pk}/withdraw/",
            f"/proposals/{waiting.pk}/readdress/",
            "/proposals/welfare-report/",
        ],
    )
    analyst.goto(f"/proposals/{waiting.pk}/withdraw/")
    analyst.fill("#id_reason", "Soita 040 123 4567.")
    analyst.click("main form button[type=submit]")
    analyst.wait_for_selector("#error-summary")
    problems["a withdrawal with personal data"] = axe_violations(analyst)
    analyst.goto(f"/proposals/{draft.pk}/")
    named = proposals["named"]
    analyst.fill(f"#id_quote-{named.pk}-text", named.text)
    analyst.locator(f"form:has(#id_quote-{named.pk}-text) button[type=submit]").click()
    analyst.wait_for_selector("#error-summary")
    problems["a refused quote"] = axe_violations(analyst)
    analyst.goto(f"/proposals/{answered.pk}/milestones/import/")
    analyst.set_input_files(
        "#id_file",
        files=[{"name": "m.csv", "mimeType": "text/csv", "buffer": b"id;progress\n999999;150\n"}],
    )
    analyst.click("main form button[type=submit]")
    analyst.wait_for_selector("#error-summary")
    problems["a refused milestone file"] = axe_violations(analyst)
    analyst.goto("/proposals/new/")
    analyst.fill("#id_title", "Asiakas 131052-308T")
    analyst.click("main form button[type=submit]")
    analyst.wait_for_selector("#error-summary")
    problems["proposal form with errors"] = axe_violations(analyst)

    decision_maker = new_page(language, inject_scripts=True)
    sign_in(decision_maker, "paattaja")
    check(
        decision_maker,
        [
            "/",
            "/proposals/decisions/",
            f"/proposals/{waiting.pk}/",
            f"/proposals/{waiting.pk}/answer/",
        ],
    )
    decision_maker.click("main form button[type=submit]")
    decision_maker.wait_for_selector("#error-summary")
    problems["answer with errors"] = axe_violations(decision_maker)

    own_decision_maker = new_page(language, inject_scripts=True)
    sign_in(own_decision_maker, "reader")
    check(
        own_decision_maker,
        [f"/proposals/{answered.pk}/", f"/proposals/{answered.pk}/evidence/observations/"],
    )
    assert "Jonot pitenevät." in own_decision_maker.inner_text("main")

    reporter = new_page(language, inject_scripts=True)
    sign_in(reporter, "reporter")
    check(reporter, ["/observations/mine/", "/proposals/notifications/"])
    assert {url: found for url, found in problems.items() if found} == {}
