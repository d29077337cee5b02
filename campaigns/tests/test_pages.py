"""Every campaign page renders with exactly one <h1>, in every language."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from reporting.models import Campaign, CampaignQuestion


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_every_campaign_page_has_one_h1(client, analyst, campaign, choice_question, language):
    campaign.kind = Campaign.Kind.FORUM
    campaign.save()
    group = campaign.groups.create(name_fi="Ryhmä", question_fi="Mikä toimii?")
    CampaignQuestion.objects.create(campaign=campaign, kind="long_text", text_fi="Mitä muuta?")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(analyst)
    urls = [
        reverse("campaigns:list"),
        reverse("campaigns:create"),
        reverse("campaigns:detail", args=[campaign.pk]),
        reverse("campaigns:edit", args=[campaign.pk]),
        reverse("campaigns:question_create", args=[campaign.pk]),
        reverse("campaigns:question_edit", args=[campaign.pk, choice_question.pk]),
        reverse("campaigns:group_create", args=[campaign.pk]),
        reverse("campaigns:group_edit", args=[campaign.pk, group.pk]),
        reverse("campaigns:share", args=[campaign.pk]),
        reverse("campaigns:results", args=[campaign.pk]),
        reverse("campaigns:results", args=[campaign.pk]) + "?version=shared",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        content = response.content.decode()
        assert len(re.findall(r"<h1[ >]", content)) == 1, url
        assert f'<html lang="{language}">' in content, url


def test_the_menu_and_the_home_page_lead_to_the_campaigns(client, analyst, reporter, campaign):
    client.force_login(analyst)
    home = client.get(reverse("reporting:home")).content.decode()
    assert home.count(reverse("campaigns:list")) == 2
    client.force_login(reporter)
    assert reverse("campaigns:list") not in client.get(reverse("reporting:home")).content.decode()
