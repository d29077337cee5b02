"""Every page renders with exactly one <h1>, in every language."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from reporting.tests.factories import CampaignFactory, ObservationFactory


@pytest.fixture
def pages(org_a, reporter):
    campaign = CampaignFactory(owner=org_a, kind="forum")
    campaign.groups.create(name_fi="Ryhmä", question_fi="Kysymys?")
    campaign.questions.create(kind="scale", text_fi="Arvio?")
    observation = ObservationFactory(organisation=org_a, reporter=reporter)
    return [
        reverse("reporting:home"),
        reverse("reporting:new_observation"),
        reverse("reporting:new_observation") + f"?campaign={campaign.pk}",
        reverse("reporting:my_observations"),
        reverse("reporting:observation_detail", args=[observation.pk]),
        reverse("reporting:receipt", args=[observation.receipt_code]),
        reverse("reporting:follow_up", args=[observation.receipt_code]),
        reverse("reporting:follow_up_lookup"),
        reverse("reporting:open_link", args=[campaign.link_token]),
        reverse("accounts:password_reset"),
        reverse("accounts:password_reset_done"),
        "/no-such-page/",
    ]


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_every_page_has_one_h1(client, reporter, pages, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(reporter)
    for url in pages:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        content = response.content.decode()
        assert len(re.findall(r"<h1[ >]", content)) == 1, url
        assert f'<html lang="{language}">' in content, url


def test_sign_in_page_has_one_h1(client, db):
    content = client.get(reverse("accounts:login")).content.decode()
    assert len(re.findall(r"<h1[ >]", content)) == 1


@pytest.mark.parametrize(
    ("language", "known"),
    [("fi", "Sosiaalinen raportointi"), ("sv", "Social rapportering"), ("en", "Social reporting")],
)
def test_locale_smoke(client, db, language, known):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    assert known in client.get(reverse("reporting:home")).content.decode()


def test_finnish_is_the_default(client, db):
    assert '<html lang="fi">' in client.get(reverse("reporting:home")).content.decode()


def test_a_server_error_page_is_calm(client, db, settings):
    from sora.errors import server_error

    response = server_error(None)
    assert response.status_code == 500
    assert b"Traceback" not in response.content


def test_csrf_failure_hands_back_the_text(db, reporter):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(reporter)
    response = client.post(reverse("reporting:new_observation"), {"text": "Tärkeä havainto"})
    assert response.status_code == 403
    assert "Tärkeä havainto</textarea>" in response.content.decode()
