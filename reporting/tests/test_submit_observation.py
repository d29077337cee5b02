import pytest
from django.urls import reverse

from reporting.models import Observation
from reporting.tests.helpers import form_data

URL = reverse("reporting:new_observation")


@pytest.fixture
def signed_in(client, reporter):
    client.force_login(reporter)
    return client


def test_it_shows_the_form(signed_in):
    response = signed_in.get(URL)
    assert response.status_code == 200
    assert b'name="submission_key"' in response.content


def test_it_saves_an_observation_with_organisation_from_membership(signed_in, reporter, org_a):
    response = signed_in.post(URL, form_data(consent_to_contact="on"))
    observation = Observation.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("reporting:receipt", args=[observation.receipt_code])
    assert observation.organisation == org_a
    assert observation.profession == reporter.memberships.get().profession
    assert observation.reporter == reporter
    assert observation.channel == "form"
    assert observation.consent_to_contact is True
    assert [m.code for m in observation.municipalities.all()] == ["743"]
    assert observation.suggestion.startswith("Matalan")


def test_double_submit_creates_one_observation(signed_in):
    data = form_data()
    first = signed_in.post(URL, data)
    second = signed_in.post(URL, data)
    assert Observation.objects.count() == 1
    assert first.url == second.url


def test_missing_required_fields_are_listed_and_text_is_kept(signed_in):
    response = signed_in.post(URL, form_data(signal=None, target_groups=None, municipalities=None))
    assert response.status_code == 400
    content = response.content.decode()
    assert 'id="error-summary"' in content
    assert 'href="#id_signal_0"' in content
    assert 'href="#id_municipalities_0"' in content
    assert "Nuorten mielenterveyspalvelujen jonot" in content
    assert Observation.objects.count() == 0


def test_whole_county_replaces_municipalities(signed_in):
    response = signed_in.post(URL, form_data(municipalities=None, whole_county="on"))
    assert response.status_code == 302
    assert Observation.objects.get().whole_county is True


def test_a_huge_text_gets_a_limit_message_and_is_kept(signed_in):
    huge = "Pitkä havainto ilman henkilötietoja. " * 2800
    response = signed_in.post(URL, form_data(text=huge))
    assert response.status_code == 400
    content = response.content.decode()
    assert "5000" in content or "5 000" in content
    assert huge.strip() in content
    assert Observation.objects.count() == 0


def test_invalid_choices_get_a_message(signed_in):
    response = signed_in.post(URL, form_data(signal="maybe", target_groups=["99999"]))
    assert response.status_code == 400
    assert response.context["form"].errors.keys() >= {"signal", "target_groups"}
    assert Observation.objects.count() == 0


def test_a_malformed_submission_key_is_a_form_error_not_a_crash(signed_in):
    response = signed_in.post(URL, form_data(submission_key="not-a-uuid"))
    assert response.status_code == 400
    assert Observation.objects.count() == 0


def test_team_answer_needs_team_size(signed_in):
    response = signed_in.post(URL, form_data(answered_as="team"))
    assert response.status_code == 400
    assert "team_size" in response.context["form"].errors
    response = signed_in.post(URL, form_data(answered_as="team", team_size="4"))
    assert response.status_code == 302
    assert Observation.objects.get().team_size == 4


def test_anonymous_is_sent_to_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("accounts:login") in response.url


def test_reader_cannot_report(client, reader):
    client.force_login(reader)
    assert client.get(URL).status_code == 403
    assert client.post(URL, form_data()).status_code == 403
    assert Observation.objects.count() == 0


def test_it_rejects_a_campaign_of_another_organisation(signed_in, org_b):
    from reporting.tests.factories import CampaignFactory

    campaign = CampaignFactory(owner=org_b)
    campaign.audience.set([org_b])
    assert signed_in.get(URL, {"campaign": campaign.pk}).status_code == 404
    assert signed_in.get(URL, {"campaign": "abc"}).status_code == 404
