import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from analysis.models import PhenomenonLink
from analysis.tests.factories import PhenomenonFactory
from privacy.tests.helpers import write_behind_the_guard
from proposals.models import ActionProposal, Transition
from proposals.tests.helpers import act, answer
from reporting.models import Municipality, Theme
from reporting.tests.factories import ObservationFactory


@pytest.fixture
def signed_in(client, analyst):
    client.force_login(analyst)
    return client


def form_data(**overrides):
    data = {
        "creation_key": str(uuid.uuid4()),
        "title": "Kiireellinen toimeentulotuki",
        "problem": "Päätökset viivästyvät viikoilla.",
        "proposed_action": "Sovitaan yhteinen toimintamalli.",
    }
    return data | overrides


def test_create_a_draft(signed_in, org_a, analyst):
    response = signed_in.post(reverse("proposals:create"), form_data())
    proposal = ActionProposal.objects.get()
    assert response.url == reverse("proposals:detail", args=[proposal.pk])
    assert proposal.organisation == org_a
    assert proposal.owner == analyst
    assert proposal.status == "draft"
    assert proposal.transitions.get().to_status == "draft"


def test_a_double_click_creates_one_draft(signed_in):
    data = form_data()
    signed_in.post(reverse("proposals:create"), data)
    second = signed_in.post(reverse("proposals:create"), data)
    proposal = ActionProposal.objects.get()
    assert second.url == reverse("proposals:detail", args=[proposal.pk])


def test_personal_data_is_refused_and_the_text_kept(signed_in):
    text = "Asiakas 131052-308T odottaa päätöstä."
    response = signed_in.post(reverse("proposals:create"), form_data(problem=text))
    assert response.status_code == 400
    assert ActionProposal.objects.count() == 0
    content = response.content.decode()
    assert "error-summary" in content
    assert "131052-308T" in content  # handed back, highlighted, nothing lost


def test_a_draft_from_a_phenomenon_is_prefilled(signed_in, org_a):
    phenomenon = PhenomenonFactory(
        organisation=org_a, name="Ruoka-apu", description="Ruoka-apua tarvitaan yhä useammin."
    )
    observation = ObservationFactory(organisation=org_a, whole_county=False)
    theme = Theme.objects.get(code="livelihood")
    place = Municipality.objects.get(code="743")
    observation.themes.add(theme)
    observation.municipalities.add(place)
    PhenomenonLink.objects.create(phenomenon=phenomenon, observation=observation)
    response = signed_in.get(reverse("proposals:create") + f"?phenomenon={phenomenon.pk}")
    form = response.context["form"]
    assert form.initial["title"] == "Ruoka-apu"
    assert form.initial["problem"] == "Ruoka-apua tarvitaan yhä useammin."
    assert form.initial["phenomena"] == [phenomenon.pk]
    assert form.initial["themes"] == [theme.pk]
    assert form.initial["municipalities"] == [place.pk]


def test_another_organisations_phenomenon_cannot_prefill(signed_in, org_b):
    phenomenon = PhenomenonFactory(organisation=org_b)
    response = signed_in.get(reverse("proposals:create") + f"?phenomenon={phenomenon.pk}")
    assert response.status_code == 404


def test_the_whole_life_is_recorded(client, proposal, analyst, decision_maker):
    assert act(client, analyst, proposal, "prepare").status_code == 302
    proposal.refresh_from_db()
    act(client, analyst, proposal, "submit")
    proposal.refresh_from_db()
    assert proposal.status == "submitted"
    assert answer(client, decision_maker, proposal).status_code == 302
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decision) == ("answered", "accepted")
    assert proposal.response_text == "Ehdotus hyväksytään."
    act(client, analyst, proposal, "implement")
    proposal.refresh_from_db()
    client.post(
        reverse("proposals:milestone_add", args=[proposal.pk]),
        {"title": "Malli sovittu", "due_on": "2030-01-31"},
    )
    milestone = proposal.milestones.get()
    client.post(
        reverse("proposals:milestone_progress", args=[proposal.pk, milestone.pk]),
        {"progress": "100"},
    )
    act(client, analyst, proposal, "complete")
    proposal.refresh_from_db()
    assert proposal.status == "implemented"
    assert proposal.progress == 100
    steps = list(proposal.transitions.values_list("action", "to_status", "by__username"))
    assert steps == [
        ("prepare", "preparation", "analyst"),
        ("submit", "submitted", "analyst"),
        ("answer", "answered", "decision_maker"),
        ("implement", "implementation", "analyst"),
        ("complete", "implemented", "analyst"),
    ]


def test_pressing_submit_twice_records_one_step(client, proposal, analyst):
    act(client, analyst, proposal, "submit")
    again = act(client, analyst, proposal, "submit", seen_status="draft")
    assert again.status_code == 302
    assert Transition.objects.filter(proposal=proposal, action="submit").count() == 1


def test_answering_twice_records_one_answer(client, proposal, analyst, decision_maker):
    act(client, analyst, proposal, "submit")
    answer(client, decision_maker, proposal)
    again = answer(client, decision_maker, proposal, decision="rejected")
    assert again.status_code == 302
    proposal.refresh_from_db()
    assert proposal.decision == "accepted"
    assert proposal.transitions.filter(action="answer").count() == 1


def test_an_impossible_step_says_why(client, proposal, analyst):
    response = act(client, analyst, proposal, "complete")
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "ei ole mahdollinen" in page  # "… is not possible while …", in Finnish
    proposal.refresh_from_db()
    assert proposal.status == "draft"


def test_submitting_needs_a_recipient_and_the_texts(client, org_a, analyst):
    proposal = ActionProposal.objects.create(organisation=org_a, title="Keskeneräinen")
    response = act(client, analyst, proposal, "submit")
    page = client.get(response.url).content.decode()
    assert "Valitse vastaanottava toimielin." in page
    proposal.refresh_from_db()
    assert proposal.status == "draft"


def test_more_information_sends_the_proposal_back(client, proposal, analyst, decision_maker):
    act(client, analyst, proposal, "submit")
    answer(client, decision_maker, proposal, decision="more_info", text="Lisää lukuja.")
    proposal.refresh_from_db()
    assert act(client, analyst, proposal, "implement").status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == "answered"  # implementation needs an acceptance
    act(client, analyst, proposal, "revise")
    proposal.refresh_from_db()
    assert proposal.status == "preparation"
    act(client, analyst, proposal, "submit")
    proposal.refresh_from_db()
    assert proposal.status == "submitted"


def test_a_submitted_proposal_cannot_be_edited(client, proposal, analyst):
    act(client, analyst, proposal, "submit")
    response = client.post(reverse("proposals:edit", args=[proposal.pk]), form_data(title="Uusi"))
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.title != "Uusi"


def test_edit_keeps_the_evidence(client, proposal, analyst, org_a):
    phenomenon = PhenomenonFactory(organisation=org_a)
    client.force_login(analyst)
    response = client.post(
        reverse("proposals:edit", args=[proposal.pk]),
        form_data(title="Uusi otsikko", phenomena=[phenomenon.pk], recipient=proposal.recipient_id),
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.title == "Uusi otsikko"
    assert list(proposal.phenomena.all()) == [phenomenon]


def test_a_quote_passes_the_quote_check(client, proposal, analyst, org_a):
    observation = ObservationFactory(organisation=org_a, text="Jonot ovat pidentyneet.")
    # A text stored before the guard knew this way of writing a number.
    write_behind_the_guard(observation, text="Soita 040 123 4567, jonot ovat pidentyneet.")
    proposal.observations.add(observation)
    client.force_login(analyst)
    url = reverse("proposals:quote_add", args=[proposal.pk])
    refused = client.post(url, {"observation": observation.pk, "text": "Soita 040 123 4567"})
    assert refused.status_code == 400
    assert "040 123 4567" in refused.content.decode()
    assert proposal.quotes.count() == 0
    client.post(url, {"observation": observation.pk, "text": "jonot ovat pidentyneet."})
    client.post(url, {"observation": observation.pk, "text": "jonot ovat pidentyneet."})
    assert list(proposal.quotes.values_list("text", flat=True)) == ["jonot ovat pidentyneet."]


def test_a_quote_is_checked_again_before_submitting(client, proposal, analyst):
    quote = proposal.quotes.create(text="Asiakas kertoi.")
    write_behind_the_guard(quote, text="Asiakas 131052-308T kertoi.")  # stored before a rule
    act(client, analyst, proposal, "submit")
    proposal.refresh_from_db()
    assert proposal.status == "draft"


def test_link_an_observation_by_its_number(client, proposal, analyst, org_a, org_b):
    own = ObservationFactory(organisation=org_a)
    other = ObservationFactory(organisation=org_b)
    client.force_login(analyst)
    url = reverse("proposals:observation_link", args=[proposal.pk])
    assert client.post(url, {"observation": own.pk}).status_code == 302
    assert client.post(url, {"observation": other.pk}).status_code == 400
    assert list(proposal.observations.all()) == [own]


def test_publish_shows_the_summary_but_never_observations(client, proposal, analyst, org_a):
    observation = ObservationFactory(organisation=org_a, text="Salainen havaintoteksti.")
    proposal.observations.add(observation)
    proposal.quotes.create(text="Lainaus havainnosta.")
    client.force_login(analyst)
    client.post(
        reverse("proposals:publish", args=[proposal.pk]),
        {"action": "publish", "public_summary": "Julkinen tiivistelmä."},
    )
    client.logout()
    page = client.get(reverse("proposals:public_detail", args=[proposal.pk])).content.decode()
    assert "Julkinen tiivistelmä." in page
    assert "Salainen havaintoteksti." not in page
    assert "Lainaus havainnosta." not in page
    assert proposal.title in client.get(reverse("proposals:public_list")).content.decode()


def test_unpublished_proposals_are_not_public(client, proposal, analyst):
    assert client.get(reverse("proposals:public_detail", args=[proposal.pk])).status_code == 404
    client.force_login(analyst)
    client.post(
        reverse("proposals:publish", args=[proposal.pk]),
        {"action": "publish", "public_summary": "Tiivistelmä."},
    )
    client.post(reverse("proposals:publish", args=[proposal.pk]), {"action": "unpublish"})
    client.logout()
    assert client.get(reverse("proposals:public_detail", args=[proposal.pk])).status_code == 404


def test_the_decision_maker_sees_the_proposals_of_the_body(
    client, proposal, analyst, decision_maker
):
    client.force_login(decision_maker)
    assert proposal.title not in client.get(reverse("proposals:decisions")).content.decode()
    act(client, analyst, proposal, "submit")
    client.force_login(decision_maker)
    page = client.get(reverse("proposals:decisions")).content.decode()
    assert proposal.title in page
    detail = client.get(reverse("proposals:detail", args=[proposal.pk]))
    assert detail.status_code == 200
    assert reverse("proposals:answer", args=[proposal.pk]) in detail.content.decode()


def test_a_response_dated_in_the_future_is_refused(client, proposal, analyst, decision_maker):
    act(client, analyst, proposal, "submit")
    client.force_login(decision_maker)
    response = client.post(
        reverse("proposals:answer", args=[proposal.pk]),
        {
            "seen_status": "submitted",
            "decision": "accepted",
            "response_text": "Hyväksytään.",
            "response_date": "2999-01-01",
        },
    )
    assert response.status_code == 400
    assert "Hyväksytään." in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == "submitted"


def test_the_answer_form_offers_today_in_iso_form(client, proposal, analyst, decision_maker):
    act(client, analyst, proposal, "submit")
    client.force_login(decision_maker)
    page = client.get(reverse("proposals:answer", args=[proposal.pk])).content.decode()
    assert f'value="{timezone.localdate().isoformat()}"' in page
