"""Answers show as their labels in the reader's language, never as stored codes."""

from django.urls import reverse
from django.utils import translation

from reporting.models import CampaignAnswer, CampaignQuestion
from reporting.tests.factories import ObservationFactory


def _answer(campaign, kind, value, **texts):
    question = CampaignQuestion.objects.create(campaign=campaign, kind=kind, **texts)
    observation = ObservationFactory(organisation=campaign.owner, campaign=campaign)
    return CampaignAnswer.objects.create(observation=observation, question=question, value=value)


def test_choices_show_their_labels_in_the_readers_language(campaign):
    answer = _answer(
        campaign,
        CampaignQuestion.Kind.MULTIPLE_CHOICE,
        ["1", "3"],
        text_fi="Mitkä?",
        choices_fi="Yksi\nKaksi\nKolme",
        choices_sv="Ett\nTvå\nTre",
    )
    with translation.override("fi"):
        assert answer.display() == "Yksi, Kolme"
    with translation.override("sv"):
        assert answer.display() == "Ett, Tre"
    with translation.override("en"):
        assert answer.display() == "Yksi, Kolme"


def test_scale_and_text_and_unknown_choice(campaign):
    scale = _answer(campaign, CampaignQuestion.Kind.SCALE, "4", text_fi="Arvio")
    assert scale.display() == "4 / 5"
    text = _answer(campaign, CampaignQuestion.Kind.SHORT_TEXT, "Jonot", text_fi="Mitä?")
    assert text.display() == "Jonot"
    gone = _answer(
        campaign, CampaignQuestion.Kind.SINGLE_CHOICE, "7", text_fi="Mikä?", choices_fi="A\nB"
    )
    assert gone.display() == "7"


def test_pages_show_labels_not_raw_values(client, analyst, reporter, campaign):
    answer = _answer(
        campaign,
        CampaignQuestion.Kind.MULTIPLE_CHOICE,
        ["1", "3"],
        text_fi="Mitkä?",
        choices_fi="Yksi\nKaksi\nKolme",
    )
    answer.observation.reporter = reporter
    answer.observation.save()
    client.force_login(analyst)
    page = client.get(reverse("analysis:observation", args=[answer.observation_id]))
    body = page.content.decode()
    assert "Yksi, Kolme" in body and "[&#x27;1&#x27;" not in body
    client.force_login(reporter)
    page = client.get(reverse("reporting:observation_detail", args=[answer.observation_id]))
    assert "Yksi, Kolme" in page.content.decode()
