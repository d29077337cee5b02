"""A page whose form came back with errors says so first in its title (WCAG 3.3.1)."""

import pytest

pytestmark = pytest.mark.django_db


def _title(response) -> str:
    content = response.content.decode()
    return content[content.index("<title>") + 7 : content.index("</title>")]


def test_a_sign_in_with_errors_begins_its_title_with_error(client, reporter):
    assert _title(client.get("/accounts/sign-in/")).startswith("Kirjaudu")
    response = client.post("/accounts/sign-in/", {"username": "reporter", "password": "x"})
    assert _title(response).startswith("Virhe: Kirjaudu")
    assert "js/error-summary.js" in response.content.decode()


def test_an_unknown_follow_up_code_begins_its_title_with_error(client):
    assert _title(client.get("/follow/?code=XXXX")).startswith("Virhe: ")
    assert not _title(client.get("/follow/")).startswith("Virhe: ")


def test_a_filter_with_errors_has_the_summary_too(client, admin_member):
    client.force_login(admin_member)
    response = client.get("/accounts/audit/?start=2025-02-01&end=2025-01-01")
    assert _title(response).startswith("Virhe: ")
    assert 'id="error-summary"' in response.content.decode()
