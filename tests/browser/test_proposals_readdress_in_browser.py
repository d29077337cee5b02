"""A submitted proposal sent to the wrong body is sent to another one, and later withdrawn,
in a real browser: each body's members see it exactly while it is theirs, and the history
tells why."""

from accounts.tests.factories import MembershipFactory
from proposals.models import ActionProposal
from proposals.tests.factories import ProposalFactory, RecipientBodyFactory
from tests.browser.conftest import LIVE, sign_in

pytestmark = LIVE


def test_send_to_another_body_then_withdraw(new_page, org_a, org_b, analyst):
    board = RecipientBodyFactory(name_fi="Aluehallitus")
    group = RecipientBodyFactory(name_fi="Sosiaalipalvelujen johtoryhmä")
    RecipientBodyFactory(name_fi="Järjestöjen kumppanuuspöytä")  # nobody answers for it
    chair = MembershipFactory(organisation=org_b, role="reader", user__username="paattaja").user
    board.members.add(chair)
    head = MembershipFactory(organisation=org_b, role="reader", user__username="johtaja").user
    group.members.add(head)
    proposal = ProposalFactory(
        organisation=org_a, owner=analyst, recipient=board, title="Kotihoidon kiire"
    )

    desk = new_page("fi")
    sign_in(desk, "analyst")
    desk.goto(f"/proposals/{proposal.pk}/")
    desk.get_by_role("button", name="Lähetä vastaanottajalle").click()
    desk.get_by_role("button", name="Lähetä ehdotus").click()  # the confirmation step
    desk.wait_for_selector(".message--success")

    desk.get_by_role("link", name="Lähetä toiselle toimielimelle").click()
    assert "Järjestöjen kumppanuuspöytä (ei vielä vastaavia jäseniä)" in desk.inner_text(
        "#id_recipient"
    )
    desk.select_option(
        "#id_recipient", label="Järjestöjen kumppanuuspöytä (ei vielä vastaavia jäseniä)"
    )
    desk.fill("#id_reason", "Kuuluu järjestöille.")
    desk.get_by_role("button", name="Lähetä toiselle toimielimelle").click()
    desk.wait_for_selector("#error-summary")
    assert "ei ole jäseniä, jotka voisivat vastata" in desk.inner_text("#error-summary")
    assert desk.input_value("#id_reason") == "Kuuluu järjestöille."

    desk.select_option("#id_recipient", label="Sosiaalipalvelujen johtoryhmä")
    desk.fill("#id_reason", "Kuuluu johtoryhmälle.")
    desk.get_by_role("button", name="Lähetä toiselle toimielimelle").click()
    desk.wait_for_selector(".message--success")
    proposal.refresh_from_db()
    assert proposal.recipient == group and proposal.status == "submitted"

    leader = new_page("fi")
    sign_in(leader, "johtaja")
    leader.goto("/proposals/decisions/")
    assert "Kotihoidon kiire" in leader.inner_text("main")
    former = new_page("fi")
    sign_in(former, "paattaja")
    former.goto("/proposals/decisions/")
    assert "Kotihoidon kiire" not in former.inner_text("main")

    desk.get_by_role("link", name="Peru vastaanottajalta").click()
    desk.fill("#id_reason", "Täydennetään kustannusarviolla.")
    desk.get_by_role("button", name="Peru vastaanottajalta").click()
    desk.wait_for_selector(".message--success")
    history = desk.inner_text("main")
    assert "lähetetty kohteeseen ”Sosiaalipalvelujen johtoryhmä” toisen sijaan" in history
    assert "Täydennetään kustannusarviolla." in history
    assert ActionProposal.objects.get().status == "preparation"
    leader.goto("/proposals/decisions/")
    assert "Kotihoidon kiire" not in leader.inner_text("main")
