"""What the observation form tells its script about the draft it may keep in the browser."""

import re

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from reporting.browser_drafts import draft_owner
from reporting.tests.factories import CampaignFactory
from reporting.tests.helpers import form_data

URL = reverse("reporting:new_observation")
HETU = "010190-123A"


def _attribute(html: str, name: str) -> str:
    return re.search(rf'{name}="([^"]*)"', html).group(1)


def test_the_owner_reveals_neither_id_nor_username(db):
    person = UserFactory(pk=987654321, username="maija.meikalainen")
    owner = draft_owner(person)
    assert re.fullmatch(r"u-[0-9a-f]{32}", owner)
    assert "987654321" not in owner
    assert "maija" not in owner


def test_the_owner_is_stable_per_person_and_differs_between_people(db):
    first, second = UserFactory(), UserFactory()
    assert draft_owner(first) == draft_owner(first)
    assert draft_owner(first) != draft_owner(second)


def test_the_owner_depends_on_the_secret_key(db, settings):
    person = UserFactory()
    before = draft_owner(person)
    settings.SECRET_KEY = "another-secret-key-for-this-test-only-0123456789"
    assert draft_owner(person) != before


def test_a_signed_in_form_is_keyed_by_person_and_campaign(client, reporter, org_a, settings):
    settings.SIGNED_IN_DRAFT_HOURS = 48
    campaign = CampaignFactory(owner=org_a)
    client.force_login(reporter)
    html = client.get(URL, {"campaign": campaign.pk}).content.decode()
    owner = draft_owner(reporter)
    assert _attribute(html, "data-autosave") == f"sora-draft:{owner}:{URL}?campaign={campaign.pk}"
    assert _attribute(html, "data-draft-owner") == owner
    assert _attribute(html, "data-draft-hours") == "48"
    assert "reporter" not in _attribute(html, "data-autosave")


def test_an_open_link_is_keyed_by_the_link_and_expires_in_hours(client, org_a, settings):
    settings.OPEN_LINK_DRAFT_HOURS = 3
    campaign = CampaignFactory(owner=org_a, link_organisation=org_a)
    link = reverse("reporting:open_link", args=[campaign.link_token])
    html = client.get(link).content.decode()
    assert _attribute(html, "data-autosave") == f"sora-draft:open:{link}"
    assert _attribute(html, "data-draft-hours") == "3"


def test_a_blocked_text_is_named_for_the_script(client, reporter):
    client.force_login(reporter)
    text = f"Asiakkaan tunnus {HETU} kirjattiin vahingossa."
    response = client.post(URL, form_data(text=text))
    html = response.content.decode()
    assert response.status_code == 400
    assert _attribute(html, "data-blocked") == "text"
    assert f'data-blocking="personal_id:{HETU.lower()}">{HETU} <span' in html


@pytest.mark.parametrize(("confirm", "blocked"), [(None, "text"), ("name:matti virtanen", "")])
def test_only_an_unconfirmed_name_is_named_as_blocked(client, reporter, confirm, blocked):
    client.force_login(reporter)
    text = "Matti Virtanen kertoi, että jonot ovat pitkät."
    # No municipality: the page comes back either way, with the name highlighted.
    data = form_data(text=text, confirm=confirm, municipalities=None)
    html = client.post(URL, data).content.decode()
    assert 'class="finding finding--name"' in html
    assert _attribute(html, "data-blocked") == blocked
    assert ("data-blocking" in html) == bool(blocked)


def test_a_clean_text_sent_back_for_another_reason_names_nothing(client, reporter):
    client.force_login(reporter)
    html = client.post(URL, form_data(municipalities=None)).content.decode()
    assert _attribute(html, "data-blocked") == ""
    assert "data-blocking" not in html
