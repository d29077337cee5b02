"""Every URL of the matrix (``tests/test_authorization.py``), for an analyst who has signed
in with a password alone: nothing but the open pages is reached before the second factor."""

from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.test_authorization import CASES, world  # noqa: F401  (the matrix's fixture)

pytestmark = pytest.mark.two_factor
# Reached without a code: the two-factor pages themselves, signing out, continuing the
# session, the language switch, the health check and the API (which answers keys only);
# every other page waits for the code.
ALWAYS_OPEN = ("/accounts/sign-out/", "/accounts/session/extend/", "/i18n/", "/healthz", "/api/")
# With an app, the other two-factor pages too wait for its code.
OPEN_WITHOUT_APP = ("/accounts/two-factor/", *ALWAYS_OPEN)
OPEN_WITH_APP = ("/accounts/two-factor/verify/", *ALWAYS_OPEN)


def _answers(world, analyst, expected_path, open_paths):  # noqa: F811
    wrong = []
    client = Client()
    client.force_login(analyst)
    for name, make_url, method, _statuses in CASES:
        url = make_url(world)
        is_open = urlsplit(url).path.startswith(open_paths)
        response = getattr(client, method)(url)
        location = response.get("Location", "")
        sent = response.status_code == 302 and location.startswith(f"{expected_path}?next=")
        if sent == is_open:
            wrong.append(f"{name}: {response.status_code} {location}")
        if not client.session.get("_auth_user_id"):  # signed out: sign in again
            client.force_login(analyst)
    return wrong


def test_without_an_app_every_page_sends_to_set_up(world, analyst):  # noqa: F811
    assert not _answers(world, analyst, reverse("accounts:two_factor"), OPEN_WITHOUT_APP)


def test_with_an_app_every_page_sends_to_the_code(world, analyst):  # noqa: F811
    TOTPDevice.objects.create(user=analyst, name="app", confirmed=True)
    assert not _answers(world, analyst, reverse("accounts:two_factor_verify"), OPEN_WITH_APP)
