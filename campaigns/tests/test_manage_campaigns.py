"""Managing campaigns in Sora's own pages: who may, and what a change may not break."""

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from reporting.models import Campaign, CampaignAnswer, CampaignQuestion
from reporting.tests.factories import CampaignFactory, ObservationFactory


def _campaign_data(org, **changes):
    data = {
        "owner": org.pk,
        "kind": "targeted",
        "title_fi": "Kevään kysely",
        "title_sv": "Vårens enkät",
        "title_en": "",
        "description_fi": "Kerro havainnoistasi.",
        "starts_on": timezone.localdate().isoformat(),
        "ends_on": "",
        "audience": [org.pk],
        "open_link_enabled": "on",
        "form_key": str(uuid.uuid4()),
    }
    return data | changes


def test_analyst_creates_a_campaign_once_however_often_posted(client, analyst, org_a):
    client.force_login(analyst)
    data = _campaign_data(org_a)
    first = client.post(reverse("campaigns:create"), data)
    second = client.post(reverse("campaigns:create"), data)
    campaign = Campaign.objects.get()
    assert first.url == second.url == reverse("campaigns:detail", args=[campaign.pk])
    assert campaign.owner == org_a and list(campaign.audience.all()) == [org_a]


def test_owner_must_be_one_of_the_persons_organisations(client, analyst, org_a, org_b):
    client.force_login(analyst)
    response = client.post(reverse("campaigns:create"), _campaign_data(org_b))
    assert response.status_code == 200
    assert not Campaign.objects.exists()


def test_end_before_start_is_refused_with_a_message(client, analyst, org_a):
    client.force_login(analyst)
    data = _campaign_data(org_a, starts_on="2026-05-10", ends_on="2026-05-01")
    response = client.post(reverse("campaigns:create"), data, HTTP_ACCEPT_LANGUAGE="en")
    assert "cannot end before it starts" in response.content.decode()
    assert "Kevään kysely" in response.content.decode()
    assert not Campaign.objects.exists()


def test_personal_data_in_a_title_is_refused(client, analyst, org_a):
    client.force_login(analyst)
    data = _campaign_data(org_a, title_fi="Soita 040 1234567")
    response = client.post(reverse("campaigns:create"), data)
    assert response.status_code == 200
    assert "Tekstissä on henkilötietoja" in response.content.decode()
    assert not Campaign.objects.exists()


@pytest.mark.parametrize("name", ["detail", "edit", "share", "results"])
def test_other_organisations_campaign_is_not_found(client, analyst, org_b, name):
    other = CampaignFactory(owner=org_b)
    client.force_login(analyst)
    assert client.get(reverse(f"campaigns:{name}", args=[other.pk])).status_code == 404


def test_partner_analyst_does_not_manage_the_campaign(client, partner, campaign):
    client.force_login(partner)
    assert client.get(reverse("campaigns:detail", args=[campaign.pk])).status_code == 404
    assert client.get(reverse("campaigns:results", args=[campaign.pk])).status_code == 404


def test_reporter_cannot_manage(client, reporter, campaign):
    client.force_login(reporter)
    assert client.get(reverse("campaigns:list")).status_code == 403
    assert client.get(reverse("campaigns:detail", args=[campaign.pk])).status_code == 403
    response = client.post(reverse("campaigns:state", args=[campaign.pk]), {"action": "close"})
    assert response.status_code == 403
    campaign.refresh_from_db()
    assert campaign.ends_on is None


def test_admin_member_edits_and_lists(client, admin_member, campaign):
    client.force_login(admin_member)
    assert "Talven kysely" in client.get(reverse("campaigns:list")).content.decode()
    data = _campaign_data(campaign.owner, title_fi="Uusi nimi", kind="open")
    response = client.post(reverse("campaigns:edit", args=[campaign.pk]), data)
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.title_fi == "Uusi nimi"


def test_close_and_open(client, analyst, campaign):
    client.force_login(analyst)
    today = timezone.localdate()
    response = client.post(
        reverse("campaigns:state", args=[campaign.pk]), {"action": "close"}, follow=True
    )
    campaign.refresh_from_db()
    assert campaign.ends_on == today - datetime.timedelta(days=1)
    assert not campaign.is_open_now()
    assert "message--success" in response.content.decode()
    client.post(reverse("campaigns:state", args=[campaign.pk]), {"action": "open"})
    campaign.refresh_from_db()
    assert campaign.is_open_now() and campaign.ends_on is None


def _question_data(**changes):
    data = {
        "kind": "single_choice",
        "text_fi": "Mikä palvelu?",
        "text_sv": "",
        "text_en": "",
        "choices_fi": "Kotihoito\nAsumispalvelu",
        "choices_sv": "",
        "choices_en": "",
        "form_key": str(uuid.uuid4()),
    }
    return data | changes


@pytest.mark.parametrize("kind", [kind for kind, _label in CampaignQuestion.Kind.choices])
def test_every_kind_of_question_can_be_added(client, analyst, campaign, kind):
    client.force_login(analyst)
    data = _question_data(kind=kind, text_fi=f"Kysymys {kind}")
    response = client.post(reverse("campaigns:question_create", args=[campaign.pk]), data)
    assert response.status_code == 302
    question = campaign.questions.get()
    assert question.kind == kind
    assert bool(question.choices_fi) == (kind in ("single_choice", "multiple_choice"))


def test_double_posted_question_is_added_once(client, analyst, campaign):
    client.force_login(analyst)
    data = _question_data()
    client.post(reverse("campaigns:question_create", args=[campaign.pk]), data)
    client.post(reverse("campaigns:question_create", args=[campaign.pk]), data)
    assert campaign.questions.count() == 1


def test_choices_in_other_languages_must_match(client, analyst, campaign):
    client.force_login(analyst)
    data = _question_data(choices_sv="Hemvård")
    response = client.post(reverse("campaigns:question_create", args=[campaign.pk]), data)
    assert response.status_code == 200
    assert not campaign.questions.exists()


def _answered(question, value="2"):
    observation = ObservationFactory(
        organisation=question.campaign.owner, campaign=question.campaign
    )
    return CampaignAnswer.objects.create(observation=observation, question=question, value=value)


def test_answered_question_cannot_lose_choices_or_change_kind(client, analyst, choice_question):
    _answered(choice_question)
    client.force_login(analyst)
    url = reverse("campaigns:question_edit", args=[choice_question.campaign_id, choice_question.pk])
    fewer = client.post(url, _question_data(choices_fi="Kotihoito\nAsumispalvelu"))
    assert fewer.status_code == 200
    assert "cannot be removed" in fewer.content.decode() or "poistaa" in fewer.content.decode()
    other_kind = client.post(url, _question_data(kind="multiple_choice", choices_fi="A\nB\nC"))
    assert other_kind.status_code == 200
    choice_question.refresh_from_db()
    assert choice_question.kind == "single_choice"
    assert choice_question.choices_fi == "Kotihoito\nAsumispalvelu\nSosiaalityö"
    reworded = client.post(
        url, _question_data(choices_fi="Kotihoito\nAsumispalvelut\nSosiaalityö\nMuu")
    )
    assert reworded.status_code == 302
    choice_question.refresh_from_db()
    assert choice_question.choice_list()[1] == ("2", "Asumispalvelut")


def test_answered_question_cannot_be_removed(client, analyst, choice_question):
    _answered(choice_question)
    client.force_login(analyst)
    url = reverse(
        "campaigns:question_remove", args=[choice_question.campaign_id, choice_question.pk]
    )
    response = client.post(url, follow=True)
    assert CampaignQuestion.objects.filter(pk=choice_question.pk).exists()
    assert "message--error" in response.content.decode()


def test_unanswered_question_is_removed_and_others_reorder(client, analyst, campaign):
    first = CampaignQuestion.objects.create(campaign=campaign, kind="short_text", text_fi="A")
    second = CampaignQuestion.objects.create(campaign=campaign, kind="short_text", text_fi="B")
    client.force_login(analyst)
    move = reverse("campaigns:question_move", args=[campaign.pk, second.pk])
    client.post(move, {"direction": "up"})
    assert list(campaign.questions.order_by("order")) == [second, first]
    client.post(reverse("campaigns:question_remove", args=[campaign.pk, first.pk]))
    assert list(campaign.questions.all()) == [second]


def test_question_of_another_campaign_is_not_found(client, analyst, campaign, org_b):
    other = CampaignFactory(owner=org_b)
    question = CampaignQuestion.objects.create(campaign=other, kind="short_text", text_fi="X")
    client.force_login(analyst)
    url = reverse("campaigns:question_edit", args=[campaign.pk, question.pk])
    assert client.get(url).status_code == 404
    remove = reverse("campaigns:question_remove", args=[campaign.pk, question.pk])
    assert client.post(remove).status_code == 404
    assert CampaignQuestion.objects.filter(pk=question.pk).exists()


def test_forum_groups(client, analyst, campaign):
    client.force_login(analyst)
    url = reverse("campaigns:group_create", args=[campaign.pk])
    assert client.get(url).status_code == 404
    campaign.kind = Campaign.Kind.FORUM
    campaign.save()
    data = {"name_fi": "Ryhmä 1", "question_fi": "Mikä toimii?", "form_key": str(uuid.uuid4())}
    assert client.post(url, data).status_code == 302
    assert campaign.groups.get().name_fi == "Ryhmä 1"


def test_a_move_in_no_known_direction_changes_nothing(client, analyst, campaign):
    first = CampaignQuestion.objects.create(campaign=campaign, kind="short_text", text_fi="A")
    second = CampaignQuestion.objects.create(campaign=campaign, kind="short_text", text_fi="B")
    client.force_login(analyst)
    move = reverse("campaigns:question_move", args=[campaign.pk, first.pk])
    assert client.post(move, {"direction": "sideways"}).status_code == 302
    assert list(campaign.questions.order_by("order", "pk")) == [first, second]
