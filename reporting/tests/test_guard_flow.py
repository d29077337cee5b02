"""The personal-data guard in the form: nothing with personal data is saved, nothing is lost."""

import pytest
from django.urls import reverse

from reporting.models import Observation
from reporting.tests.factories import CampaignFactory
from reporting.tests.helpers import form_data

URL = reverse("reporting:new_observation")
HETU = "131052-308T"
TEXT_WITH_ID = f"Asiakkaan henkilötunnus {HETU} näkyi lomakkeella, ja jonot ovat pitkät."
TEXT_WITH_NAME = "Matti Virtanen kertoi, että toimeentulotuen käsittely kestää viikkoja."


@pytest.fixture
def signed_in(client, reporter):
    client.force_login(reporter)
    return client


def test_an_identity_code_blocks_saving_and_the_text_is_kept(signed_in):
    response = signed_in.post(URL, form_data(text=TEXT_WITH_ID))
    content = response.content.decode()
    assert response.status_code == 400
    assert Observation.objects.count() == 0
    assert 'class="finding finding--personal_id"' in content
    assert f"{HETU} <span" in content  # highlighted in the review panel
    assert TEXT_WITH_ID in content  # the textarea still holds everything typed
    assert 'name="confirm"' not in content  # identity codes cannot be vouched for


def test_an_identity_code_cannot_be_confirmed_away(signed_in):
    response = signed_in.post(URL, form_data(text=TEXT_WITH_ID, confirm=f"personal_id:{HETU}"))
    assert response.status_code == 400
    assert Observation.objects.count() == 0


def test_fixing_the_text_lets_it_through(signed_in):
    signed_in.post(URL, form_data(text=TEXT_WITH_ID))
    fixed = TEXT_WITH_ID.replace(f" {HETU}", "")
    response = signed_in.post(URL, form_data(text=fixed))
    assert response.status_code == 302
    assert Observation.objects.get().text == fixed


def test_a_name_needs_confirmation_which_is_recorded(signed_in):
    response = signed_in.post(URL, form_data(text=TEXT_WITH_NAME))
    content = response.content.decode()
    assert response.status_code == 400
    assert 'name="confirm" value="name:matti virtanen"' in content
    response = signed_in.post(URL, form_data(text=TEXT_WITH_NAME, confirm="name:matti virtanen"))
    assert response.status_code == 302
    observation = Observation.objects.get()
    (record,) = observation.privacy_confirmations
    assert (record["field"], record["kind"], record["text"]) == ("text", "name", "Matti Virtanen")
    assert record["by"] == observation.reporter_id


def test_the_suggestion_is_guarded_too(signed_in):
    response = signed_in.post(URL, form_data(suggestion=f"Soita numeroon tai {HETU}"))
    assert response.status_code == 400
    assert "suggestion" in response.context["form"].errors
    assert Observation.objects.count() == 0


def test_campaign_text_answers_are_guarded(signed_in, org_a):
    campaign = CampaignFactory(owner=org_a)
    question = campaign.questions.create(kind="long_text", text_fi="Mitä muuta?")
    url = f"{URL}?campaign={campaign.pk}"
    response = signed_in.post(url, form_data(**{f"q_{question.pk}": f"Tunnus {HETU}"}))
    assert response.status_code == 400
    assert f"q_{question.pk}" in response.context["form"].errors
    assert Observation.objects.count() == 0


def test_the_message_is_in_the_users_language(signed_in):
    signed_in.post(reverse("set_language"), {"language": "sv"})
    response = signed_in.post(URL, form_data(text=TEXT_WITH_ID, language="sv"))
    assert "personuppgifter" in response.content.decode()


def test_the_message_names_each_finding_without_repeating_it(signed_in):
    response = signed_in.post(URL, form_data(text=TEXT_WITH_ID))
    content = response.content.decode()
    start = TEXT_WITH_ID.index(HETU) + 1
    where = f"henkilötunnus tekstin ”Asiakkaan henkilötunnus” jälkeen (merkit {start}–{start + 10})"
    assert where in content
    assert content.count(HETU) == TEXT_WITH_ID.count(HETU) * 2  # the textarea and the panel
    assert 'aria-describedby="id_text_error guard-text-found id_text_helptext"' in content
    assert 'id="guard-text-found"' in content
