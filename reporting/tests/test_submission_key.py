"""The form's submission key makes a retry safe, and only a retry: sent again by anyone else
or with other content, it never answers with another person's receipt."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from accounts.tests.factories import MembershipFactory
from reporting.models import Observation
from reporting.tests.factories import CampaignFactory
from reporting.tests.helpers import form_data

FORM = reverse("reporting:new_observation")
TAKEN = "Tämä lomake on jo lähetetty toisella sisällöllä."


@pytest.fixture
def colleague(org_a):
    return MembershipFactory(organisation=org_a, user__username="colleague").user


@pytest.fixture
def campaign(org_a):
    return CampaignFactory(owner=org_a, link_organisation=org_a)


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _open_link(campaign) -> str:
    return reverse("reporting:open_link", args=[campaign.link_token])


def _key_on_page(response) -> str:
    return re.search(r'name="submission_key" value="([^"]+)"', response.content.decode()).group(1)


def _refused(response, observation: Observation, kept_text: str) -> None:
    content = response.content.decode()
    assert response.status_code == 409
    assert TAKEN in content
    assert observation.receipt_code not in content
    assert kept_text in content


def test_another_persons_replayed_key_gets_no_receipt(reporter, colleague):
    sent = form_data()
    _signed_in(reporter).post(FORM, sent)
    first = Observation.objects.get()

    replay = _signed_in(colleague).post(FORM, {**sent, "text": "Toisen ihmisen oma havainto."})

    _refused(replay, first, "Toisen ihmisen oma havainto.")
    assert Observation.objects.count() == 1


def test_a_replayed_key_with_the_same_content_is_still_not_the_receipt(reporter, colleague):
    sent = form_data()
    _signed_in(reporter).post(FORM, sent)
    first = Observation.objects.get()

    replay = _signed_in(colleague).post(FORM, sent)

    _refused(replay, first, sent["text"])
    assert Observation.objects.count() == 1


def test_the_refused_sender_can_save_their_text_as_new(reporter, colleague):
    sent = form_data()
    _signed_in(reporter).post(FORM, sent)
    first = Observation.objects.get()
    client = _signed_in(colleague)
    mine = {**sent, "text": "Toisen ihmisen oma havainto."}

    replay = client.post(FORM, mine)
    fresh_key = _key_on_page(replay)
    again = client.post(FORM, {**mine, "submission_key": fresh_key})

    assert fresh_key != sent["submission_key"]
    own = Observation.objects.exclude(pk=first.pk).get()
    assert again.status_code == 302
    assert again.url == reverse("reporting:receipt", args=[own.receipt_code])
    assert own.reporter == colleague
    assert own.text == "Toisen ihmisen oma havainto."
    # Sent twice more, the new key answers with the colleague's own receipt only.
    assert client.post(FORM, {**mine, "submission_key": fresh_key}).url == again.url
    assert Observation.objects.count() == 2


def test_the_same_person_with_other_content_is_told_and_keeps_the_text(reporter):
    client = _signed_in(reporter)
    sent = form_data()
    client.post(FORM, sent)
    first = Observation.objects.get()

    edited = client.post(FORM, {**sent, "text": "Korjattu havainto jonoista."})

    assert edited.status_code == 409
    assert TAKEN in edited.content.decode()
    assert "Korjattu havainto jonoista." in edited.content.decode()
    assert _key_on_page(edited) != sent["submission_key"]
    assert Observation.objects.get().text == first.text


def test_the_same_person_retrying_the_same_content_gets_their_receipt(reporter):
    client = _signed_in(reporter)
    sent = form_data()
    first = client.post(FORM, sent)
    retry = client.post(FORM, sent)
    assert retry.status_code == 302
    assert retry.url == first.url
    assert Observation.objects.count() == 1


def test_an_open_link_retry_with_the_same_content_gets_the_same_receipt(campaign, org_a):
    sent = form_data(organisation=org_a.pk)
    first = Client().post(_open_link(campaign), sent)
    retry = Client().post(_open_link(campaign), sent)
    assert first.status_code == retry.status_code == 302
    assert retry.url == first.url
    assert Observation.objects.count() == 1


def test_an_open_link_key_replayed_with_other_content_gets_no_receipt(campaign, org_a):
    sent = form_data(organisation=org_a.pk)
    Client().post(_open_link(campaign), sent)
    first = Observation.objects.get()

    replay = Client().post(_open_link(campaign), {**sent, "text": "Aivan toinen havainto."})

    _refused(replay, first, "Aivan toinen havainto.")
    assert Observation.objects.count() == 1


def test_an_open_link_key_replayed_through_another_link_gets_no_receipt(campaign, org_a):
    other = CampaignFactory(owner=org_a, link_organisation=org_a)
    sent = form_data(organisation=org_a.pk)
    Client().post(_open_link(campaign), sent)
    first = Observation.objects.get()

    replay = Client().post(_open_link(other), sent)

    _refused(replay, first, sent["text"])


def test_a_signed_in_key_replayed_on_the_open_link_gets_no_receipt(reporter, campaign, org_a):
    sent = form_data(organisation=org_a.pk)
    _signed_in(reporter).post(FORM + f"?campaign={campaign.pk}", sent)
    first = Observation.objects.get()

    replay = Client().post(_open_link(campaign), sent)

    _refused(replay, first, sent["text"])
    assert Observation.objects.count() == 1


def test_an_open_link_key_replayed_by_a_signed_in_person_gets_no_receipt(reporter, campaign, org_a):
    sent = form_data(organisation=org_a.pk)
    Client().post(_open_link(campaign), sent)
    first = Observation.objects.get()

    replay = _signed_in(reporter).post(FORM + f"?campaign={campaign.pk}", sent)

    _refused(replay, first, sent["text"])


def test_a_key_stored_before_it_was_bound_is_never_answered(reporter):
    sent = form_data()
    client = _signed_in(reporter)
    client.post(FORM, sent)
    Observation.objects.update(submission_digest="")
    first = Observation.objects.get()

    _refused(client.post(FORM, sent), first, sent["text"])
