import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from reporting.models import CampaignAnswer, Observation
from reporting.tests.factories import CampaignFactory
from reporting.tests.helpers import form_data

URL = reverse("reporting:new_observation")


@pytest.fixture
def signed_in(client, reporter):
    client.force_login(reporter)
    return client


@pytest.fixture
def targeted(org_a):
    campaign = CampaignFactory(owner=org_a, kind="targeted")
    campaign.audience.set([org_a])
    make = campaign.questions.create
    make(order=1, kind="short_text", text_fi="Lyhyesti?", required=True)
    make(order=2, kind="single_choice", text_fi="Kuinka kauan?", choices_fi="Viikko\nKuukausi")
    make(order=3, kind="multiple_choice", text_fi="Mikä auttaa?", choices_fi="A\nB\nC")
    make(order=4, kind="scale", text_fi="Arvio?")
    return campaign


def answers(campaign, **values):
    questions = {q.kind: q for q in campaign.questions.all()}
    return {f"q_{questions[kind].pk}": value for kind, value in values.items()}


def test_answers_are_saved_with_the_observation(signed_in, targeted):
    data = form_data(
        **answers(
            targeted,
            short_text="Jonot",
            single_choice="2",
            multiple_choice=["1", "3"],
            scale="4",
        )
    )
    response = signed_in.post(f"{URL}?campaign={targeted.pk}", data)
    assert response.status_code == 302
    observation = Observation.objects.get()
    assert observation.campaign == targeted
    saved = {a.question.kind: a.value for a in CampaignAnswer.objects.all()}
    assert saved == {
        "short_text": "Jonot",
        "single_choice": "2",
        "multiple_choice": ["1", "3"],
        "scale": 4,
    }


def test_a_required_question_must_be_answered(signed_in, targeted):
    response = signed_in.post(f"{URL}?campaign={targeted.pk}", form_data())
    assert response.status_code == 400
    assert Observation.objects.count() == 0


def test_an_out_of_range_scale_is_refused(signed_in, targeted):
    data = form_data(**answers(targeted, short_text="x", scale="9"))
    assert signed_in.post(f"{URL}?campaign={targeted.pk}", data).status_code == 400


def test_a_closed_campaign_says_so(signed_in, targeted):
    targeted.starts_on = timezone.localdate() + datetime.timedelta(days=3)
    targeted.save()
    response = signed_in.get(URL, {"campaign": targeted.pk})
    assert response.status_code == 410


def test_campaign_outside_the_audience_answers_404(client, outsider, targeted):
    client.force_login(outsider)
    assert client.get(URL, {"campaign": targeted.pk}).status_code == 404


def test_forum_findings_are_team_observations_of_a_group(signed_in, org_a):
    forum = CampaignFactory(owner=org_a, kind="forum")
    group = forum.groups.create(name_fi="Ryhmä 1", question_fi="Mikä huolestuttaa?")
    url = f"{URL}?campaign={forum.pk}"
    response = signed_in.post(url, form_data(answered_as="team", team_size="6"))
    assert response.status_code == 400  # the group is required
    data = form_data(answered_as="team", team_size="6", forum_group=group.pk)
    response = signed_in.post(url, data)
    assert response.status_code == 302
    observation = Observation.objects.get()
    assert observation.forum_group == group
    assert observation.channel == "forum"
    assert observation.answered_as == "team"
    assert observation.team_size == 6
