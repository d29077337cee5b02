"""Every proposal page renders with exactly one <h1>, in every language."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from proposals import services


@pytest.fixture
def submitted(proposal, analyst):
    services.take_step(proposal=proposal, action="submit", by=analyst, seen_status="draft")
    services.publish(proposal=proposal, summary="Tiivistelmä.")
    proposal.refresh_from_db()
    return proposal


def pages_of(user, proposal):
    by_role = {
        "analyst": [
            reverse("proposals:list"),
            reverse("proposals:create"),
            reverse("proposals:detail", args=[proposal.pk]),
            reverse("proposals:publish", args=[proposal.pk]),
            reverse("proposals:welfare_report"),
        ],
        "decision_maker": [
            reverse("proposals:decisions"),
            reverse("proposals:detail", args=[proposal.pk]),
            reverse("proposals:answer", args=[proposal.pk]),
        ],
        "reporter": [
            reverse("reporting:my_observations"),
            reverse("notices:settings"),
            reverse("proposals:public_list"),
            reverse("proposals:public_detail", args=[proposal.pk]),
        ],
    }
    return by_role[user]


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("role", ["analyst", "decision_maker", "reporter"])
def test_every_page_has_one_h1(client, request, submitted, language, role):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(request.getfixturevalue(role))
    for url in pages_of(role, submitted):
        response = client.get(url)
        assert response.status_code == 200, url
        content = response.content.decode()
        assert len(re.findall(r"<h1[ >]", content)) == 1, url
        assert f'<html lang="{language}">' in content, url


@pytest.mark.parametrize(
    ("language", "known"),
    [("fi", "Julkiset toimenpide-ehdotukset"), ("sv", "Offentliga åtgärdsförslag")],
)
def test_locale_smoke(client, db, language, known):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    assert known in client.get(reverse("proposals:public_list")).content.decode()
