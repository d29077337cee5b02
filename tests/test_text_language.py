"""A stored text is shown with its own language (WCAG 3.1.2)."""

import pytest

from reporting.models import CampaignQuestion
from reporting.templatetags.sora_forms import lang_of
from reporting.tests.factories import ObservationFactory


def test_a_language_code_gives_the_attribute():
    assert lang_of("sv") == ' lang="sv"'


def test_an_unknown_language_gives_nothing():
    assert lang_of("") == ""
    assert lang_of('sv" onclick="x') == ""
    assert lang_of(None) == ""


@pytest.mark.django_db
def test_an_observation_and_its_text_answer_are_in_its_language():
    observation = ObservationFactory(language="sv")
    assert lang_of(observation) == ' lang="sv"'

    class Answer:
        observation_id = observation.pk
        question = CampaignQuestion(kind=CampaignQuestion.Kind.LONG_TEXT)

    answer = Answer()
    answer.observation = observation
    assert lang_of(answer) == ' lang="sv"'
    answer.question = CampaignQuestion(kind=CampaignQuestion.Kind.SINGLE_CHOICE)
    assert lang_of(answer) == ""
