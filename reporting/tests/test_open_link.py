import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from reporting.models import Observation
from reporting.tests.factories import CampaignFactory
from reporting.tests.helpers import form_data


@pytest.fixture
def campaign(org_a):
    return CampaignFactory(owner=org_a, link_organisation=org_a)


def url(campaign):
    return reverse("reporting:open_link", args=[campaign.link_token])


def test_it_works_without_an_account(client, campaign, org_a):
    response = client.post(url(campaign), form_data(organisation=org_a.pk))
    observation = Observation.objects.get()
    assert response.status_code == 302
    assert observation.channel == "open_link"
    assert observation.reporter is None
    assert observation.organisation == org_a
    assert observation.campaign == campaign


def test_reporter_chooses_organisation_when_link_does_not_fix_it(client, org_a, org_b):
    campaign = CampaignFactory(owner=org_a)
    campaign.audience.set([org_a, org_b])
    page = client.get(url(campaign)).content.decode()
    assert "Organisaatio B" in page
    response = client.post(url(campaign), form_data(organisation=org_b.pk))
    assert response.status_code == 302
    assert Observation.objects.get().organisation == org_b


def test_it_refuses_an_organisation_outside_the_audience(client, campaign, org_b):
    response = client.post(url(campaign), form_data(organisation=org_b.pk))
    assert response.status_code == 400
    assert Observation.objects.count() == 0


def test_unknown_token_answers_404(client, db):
    response = client.get(reverse("reporting:open_link", args=["no-such-link"]))
    assert response.status_code == 404


def test_disabled_link_answers_404(client, campaign):
    campaign.open_link_enabled = False
    campaign.save()
    assert client.get(url(campaign)).status_code == 404


def test_expired_campaign_says_so(client, campaign, org_a):
    campaign.ends_on = timezone.localdate() - datetime.timedelta(days=1)
    campaign.save()
    response = client.get(url(campaign))
    assert response.status_code == 410
    assert "Keräys" in response.content.decode()
    assert client.post(url(campaign), form_data(organisation=org_a.pk)).status_code == 410
    assert Observation.objects.count() == 0


def test_honeypot_blocks_bots_and_keeps_text(client, campaign, org_a):
    response = client.post(url(campaign), form_data(organisation=org_a.pk, website="spam"))
    assert response.status_code == 400
    assert "Nuorten mielenterveyspalvelujen" in response.content.decode()
    assert Observation.objects.count() == 0


def test_rate_limit_per_address_keeps_text(client, campaign, org_a, settings):
    settings.OPEN_LINK_MAX_PER_IP = 2
    for _ in range(2):
        assert client.post(url(campaign), form_data(organisation=org_a.pk)).status_code == 302
    response = client.post(url(campaign), form_data(organisation=org_a.pk))
    assert response.status_code == 429
    assert "Nuorten mielenterveyspalvelujen" in response.content.decode()
    assert Observation.objects.count() == 2


def test_rate_limit_per_link(client, campaign, org_a, settings):
    settings.OPEN_LINK_MAX_PER_TOKEN = 1
    client.post(url(campaign), form_data(organisation=org_a.pk), REMOTE_ADDR="10.0.0.1")
    response = client.post(url(campaign), form_data(organisation=org_a.pk), REMOTE_ADDR="10.0.0.2")
    assert response.status_code == 429
    assert Observation.objects.count() == 1


def test_consent_to_contact_is_not_offered_anonymously(client, campaign):
    assert b"consent_to_contact" not in client.get(url(campaign)).content


@pytest.mark.parametrize(
    "text, word, confirmable",
    [
        ("Kerhossa heräsi Toivo paremmasta huomisesta.", "Toivo", True),
        ("Kerhon vetäjä Toivo Kujala kertoi muutoksista.", "Toivo Kujala", False),
        ("Palveluohjaaja Virtaselle pitäisi soittaa.", "Virtaselle", False),
    ],
)
def test_without_an_account_only_an_ordinary_single_word_can_be_confirmed(
    client, campaign, org_a, text, word, confirmable
):
    from privacy import Finding, confirmation_key

    key = confirmation_key(Finding(0, len(word), "name", word))
    data = form_data(organisation=org_a.pk, text=text, confirm=[key])
    response = client.post(url(campaign), data)
    if confirmable:
        assert response.status_code == 302
        (record,) = Observation.objects.get().privacy_confirmations
        assert record["anonymous"] is True and record["text"] == word
    else:
        assert response.status_code == 400
        assert Observation.objects.count() == 0
        page = response.content.decode()
        assert f'value="{key}"' not in page  # no box to tick
        assert text in page
