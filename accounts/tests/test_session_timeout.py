"""Sessions end after a quiet hour; the page warns first and the person can continue."""

from django.urls import reverse

URL = reverse("accounts:extend_session")


def test_signed_in_pages_carry_the_warning(client, reporter):
    client.force_login(reporter)
    content = client.get(reverse("reporting:home")).content.decode()
    assert 'data-session-seconds="3600"' in content
    assert 'data-session-warning="120"' in content
    assert "js/session-timeout.js" in content
    assert 'id="session-warning"' in content


def test_anonymous_pages_have_no_warning(client, db):
    content = client.get(reverse("reporting:home")).content.decode()
    assert "session-timeout.js" not in content


def test_continuing_renews_the_session(client, reporter, settings):
    client.force_login(reporter)
    response = client.post(URL)
    assert response.status_code == 200
    assert response.json() == {"signed_in": True, "seconds": settings.SESSION_COOKIE_AGE}
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == settings.SESSION_COOKIE_AGE


def test_a_session_already_over_answers_401(client, db):
    assert client.post(URL).status_code == 401


def test_it_rejects_get(client, reporter):
    client.force_login(reporter)
    assert client.get(URL).status_code == 405


def test_a_request_slides_the_end_at_most_once_a_minute(client, reporter, settings):
    from accounts.middleware import KEY

    client.force_login(reporter)  # signing in starts the time
    first = client.get(reverse("reporting:home"))
    assert settings.SESSION_COOKIE_NAME not in first.cookies  # within the minute: no write
    session = client.session
    session[KEY] -= 61
    session.save()
    third = client.get(reverse("reporting:home"))
    assert third.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == settings.SESSION_COOKIE_AGE
