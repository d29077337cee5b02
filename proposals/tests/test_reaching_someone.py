"""A proposal goes only where someone can answer it, and a submitted one can be taken back
or sent to another body, with a reason the history shows."""

import pytest
from django.urls import reverse

from accounts.tests.factories import MembershipFactory
from proposals.models import Transition
from proposals.tests.factories import ProposalFactory, RecipientBodyFactory
from proposals.tests.helpers import act
from reporting.tests.factories import ObservationFactory


@pytest.fixture
def empty_body(db):
    return RecipientBodyFactory(code="empty", name_fi="Tyhjä työryhmä", name_sv="Tom arbetsgrupp")


@pytest.fixture
def other_body(org_b):
    body = RecipientBodyFactory(code="other", name_fi="Johtoryhmä", name_sv="Ledningsgruppen")
    member = MembershipFactory(organisation=org_b, role="reader", user__username="leader").user
    body.members.add(member)
    return body


@pytest.fixture
def submitted(client, proposal, analyst):
    act(client, analyst, proposal, "submit")
    proposal.refresh_from_db()
    assert proposal.status == "submitted"
    return proposal


def _post(client, user, name, proposal, data):
    client.force_login(user)
    return client.post(reverse(f"proposals:{name}", args=[proposal.pk]), data)


@pytest.mark.parametrize(
    "member", ["none", "inactive person", "no reader role", "organisation closed"]
)
def test_a_body_nobody_can_answer_for_is_refused_with_a_clear_message(
    client, org_a, org_b, analyst, empty_body, member
):
    if member == "inactive person":
        person = MembershipFactory(organisation=org_b, role="reader").user
        person.is_active = False
        person.save()
        empty_body.members.add(person)
    elif member == "no reader role":
        empty_body.members.add(MembershipFactory(organisation=org_b, role="analyst").user)
    elif member == "organisation closed":
        empty_body.members.add(MembershipFactory(organisation=org_b, role="reader").user)
        org_b.is_active = False
        org_b.save()
    proposal = ProposalFactory(organisation=org_a, owner=analyst, recipient=empty_body)
    response = act(client, analyst, proposal, "submit")
    proposal.refresh_from_db()
    assert proposal.status == "draft"
    page = client.get(response.url).content.decode()
    assert "Tyhjä työryhmä" in page and "ei ole jäseniä, jotka voisivat vastata" in page


def test_the_form_marks_the_bodies_nobody_answers_for(client, analyst, body, empty_body):
    client.force_login(analyst)
    page = client.get(reverse("proposals:create")).content.decode()
    assert f'value="{empty_body.pk}">Tyhjä työryhmä (ei vielä vastaavia jäseniä)<' in page
    assert f'value="{body.pk}">Aluehallitus<' in page


def test_withdrawing_needs_a_reason_and_keeps_what_was_typed(client, analyst, submitted):
    response = _post(client, analyst, "withdraw", submitted, {"seen_status": "submitted"})
    assert response.status_code == 400
    submitted.refresh_from_db()
    assert submitted.status == "submitted"


def test_a_withdrawn_proposal_returns_to_preparation_and_leaves_the_body(
    client, analyst, submitted, body
):
    reason = "Lisätään kuntien luvut ennen käsittelyä."
    _post(client, analyst, "withdraw", submitted, {"seen_status": "submitted", "reason": reason})
    again = _post(
        client, analyst, "withdraw", submitted, {"seen_status": "submitted", "reason": reason}
    )
    submitted.refresh_from_db()
    assert submitted.status == "preparation"
    assert Transition.objects.filter(proposal=submitted, action="withdraw").count() == 1
    assert again.status_code == 302
    page = client.get(reverse("proposals:detail", args=[submitted.pk])).content.decode()
    assert reason in page and "peruttu vastaanottajalta" in page
    member = body.members.get()
    client.force_login(member)
    assert client.get(reverse("proposals:detail", args=[submitted.pk])).status_code == 404


def test_personal_data_in_the_reason_is_refused_and_handed_back(client, analyst, submitted):
    reason = "Soita Matti Virtaselle 040 123 4567."
    response = _post(
        client, analyst, "withdraw", submitted, {"seen_status": "submitted", "reason": reason}
    )
    assert response.status_code == 400
    assert "040 123 4567" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == "submitted"
    assert not Transition.objects.filter(action="withdraw").exists()


def test_sending_to_another_body_moves_who_answers(client, analyst, submitted, body, other_body):
    data = {"seen_status": "submitted", "recipient": other_body.pk, "reason": "Kuuluu johdolle."}
    _post(client, analyst, "readdress", submitted, data)
    _post(client, analyst, "readdress", submitted, data)
    submitted.refresh_from_db()
    assert submitted.status == "submitted"
    assert submitted.recipient == other_body
    step = Transition.objects.get(proposal=submitted, action="readdress")
    assert step.recipient == other_body and step.reason == "Kuuluu johdolle."
    old_member, new_member = body.members.get(), other_body.members.get()
    client.force_login(old_member)
    assert client.get(reverse("proposals:detail", args=[submitted.pk])).status_code == 404
    client.force_login(new_member)
    page = client.get(reverse("proposals:detail", args=[submitted.pk])).content.decode()
    assert "lähetetty kohteeseen ”Johtoryhmä” toisen sijaan" in page
    assert "Kuuluu johdolle." in page


@pytest.mark.parametrize("target", ["same", "empty", "none"])
def test_another_body_must_be_one_that_can_answer(
    client, analyst, submitted, body, empty_body, target
):
    recipient = {"same": body.pk, "empty": empty_body.pk, "none": ""}[target]
    data = {"seen_status": "submitted", "recipient": recipient, "reason": "Syy."}
    response = _post(client, analyst, "readdress", submitted, data)
    assert response.status_code in (400, 409)
    submitted.refresh_from_db()
    assert submitted.recipient == body
    assert not Transition.objects.filter(action="readdress").exists()


def test_the_pages_say_when_the_proposal_is_not_submitted(client, analyst, proposal):
    client.force_login(analyst)
    for name in ("withdraw", "readdress"):
        response = client.get(reverse(f"proposals:{name}", args=[proposal.pk]), follow=True)
        assert "ei ole mahdollinen" in response.content.decode()


def test_the_reporters_history_shows_the_reason(client, analyst, reporter, submitted):
    observation = ObservationFactory(organisation=submitted.organisation, reporter=reporter)
    submitted.observations.add(observation)
    reason = "Valmistellaan uudelleen talousarvion jälkeen."
    _post(client, analyst, "withdraw", submitted, {"seen_status": "submitted", "reason": reason})
    client.force_login(reporter)
    page = client.get(reverse("reporting:my_observations")).content.decode()
    assert reason in page


@pytest.mark.django_db(transaction=True)
def test_the_migration_records_where_earlier_submissions_went():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("proposals", "0004_recipientbody_organisation")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    Org = apps.get_model("accounts", "Organisation")
    OT = apps.get_model("accounts", "OrganisationType")
    Body = apps.get_model("proposals", "RecipientBody")
    Proposal = apps.get_model("proposals", "ActionProposal")
    Step = apps.get_model("proposals", "Transition")
    kind = OT.objects.first() or OT.objects.create(code="test-type", name_fi="Tyyppi")
    owner = Org.objects.create(code="o1", name_fi="O1", type=kind)
    board = Body.objects.create(code="b1", name_fi="Hallitus")
    proposal = Proposal.objects.create(organisation=owner, title="T", recipient=board)
    submit = Step.objects.create(proposal=proposal, action="submit", to_status="submitted")
    prepare = Step.objects.create(proposal=proposal, action="prepare", to_status="preparation")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert Transition.objects.get(pk=submit.pk).recipient_id == board.pk
    assert Transition.objects.get(pk=prepare.pk).recipient_id is None


def _answer(client, member, proposal, **extra):
    client.force_login(member)
    data = {
        "seen_status": "submitted",
        "decision": "accepted",
        "response_text": "Aluehallitus hyväksyy ehdotuksen.",
        "response_date": "2026-10-12",
    }
    return client.post(reverse("proposals:answer", args=[proposal.pk]), data | extra)


def test_the_answer_records_the_section_and_the_minutes(client, submitted, body):
    url = "https://www.hyvinvointialue.fi/poytakirjat/2026/aluehallitus-12-10-2026.pdf#page=14"
    response = _answer(
        client, body.members.get(), submitted, decision_section="§ 112", minutes_url=url
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert (submitted.decision_section, submitted.minutes_url) == ("§ 112", url)
    page = client.get(reverse("proposals:detail", args=[submitted.pk])).content.decode()
    assert "Aluehallitus § 112" in page
    assert f'href="{url}" rel="noopener noreferrer"' in page.replace("&amp;", "&")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("minutes_url", "javascript:alert(1)"),
        ("minutes_url", "ftp://example.org/poytakirja.pdf"),
        ("decision_section", "§ 12, esittelijä 040 123 4567"),
        ("minutes_url", "https://example.org/?hetu=131052-308T"),
    ],
)
def test_a_reference_that_is_no_link_or_holds_personal_data_is_refused(
    client, submitted, body, field, value
):
    response = _answer(client, body.members.get(), submitted, **{field: value})
    assert response.status_code == 400
    assert value.split("?")[0] in response.content.decode().replace("&amp;", "&")
    submitted.refresh_from_db()
    assert submitted.status == "submitted"
