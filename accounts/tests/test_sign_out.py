"""Signing out takes the person's unsent drafts out of the browser as well."""

from django.urls import reverse

SIGN_OUT = reverse("accounts:logout")
CLEAR_SCRIPT = "js/clear-drafts.js"


def test_sign_out_asks_the_browser_to_clear_its_storage(client, reporter):
    client.force_login(reporter)
    response = client.post(SIGN_OUT)
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"storage"'


def test_the_page_after_sign_out_removes_the_drafts_once(client, reporter):
    client.force_login(reporter)
    page = client.post(SIGN_OUT, follow=True)
    html = page.content.decode()
    assert "Olet kirjautunut ulos." in html
    assert html.count(CLEAR_SCRIPT) == 1
    assert 'class="message message--success"' in html
    assert CLEAR_SCRIPT not in client.get(reverse("reporting:home")).content.decode()


def test_pages_without_sign_out_leave_the_storage_alone(client, reporter):
    client.force_login(reporter)
    response = client.get(reverse("reporting:new_observation"))
    assert "Clear-Site-Data" not in response
    assert CLEAR_SCRIPT not in response.content.decode()


def test_deleting_the_account_clears_the_browser_too(client, reporter):
    client.force_login(reporter)
    response = client.post(reverse("reporting:delete_account"), {"password": "password-for-tests"})
    assert response["Clear-Site-Data"] == '"storage"'
    assert CLEAR_SCRIPT in client.get(response["Location"]).content.decode()
