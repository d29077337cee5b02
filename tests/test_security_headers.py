"""Every page, whatever its answer, carries the security headers: walk every URL pattern."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from reporting.tests.factories import CampaignFactory, ObservationFactory


def _patterns(resolver=None, namespace=""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _patterns(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry.pattern.converters


def _url(name, converters, known):
    from django.urls.exceptions import NoReverseMatch

    kwargs = {key: known.get(key, known[type(conv).__name__]) for key, conv in converters.items()}
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:  # patterns with unnamed groups (the admin's) take positional args
        return None


@pytest.fixture
def known(org_a, reporter):
    observation = ObservationFactory(organisation=org_a, reporter=reporter)
    campaign = CampaignFactory(owner=org_a)
    return {
        "pk": observation.pk,
        "code": observation.receipt_code,
        "token": campaign.link_token,
        "IntConverter": observation.pk,
        "StringConverter": "x",
        "PathConverter": "x",
        "SlugConverter": "x",
        "UUIDConverter": "00000000-0000-0000-0000-000000000000",
    }


def _urls(known):
    urls = {u for name, conv in _patterns() if (u := _url(name, conv, known))}
    assert len(urls) > 40  # the walk found the site, not an empty list
    return sorted(urls)


@pytest.mark.parametrize("persona", ["anonymous", "reporter", "admin_member"])
def test_every_page_has_the_security_headers(client, known, persona, request, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    for url in _urls(known):
        response = client.get(url, secure=True)
        csp = response.headers.get("Content-Security-Policy", "")
        assert "default-src 'self'" in csp, url
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, url
        assert "frame-ancestors 'none'" in csp, url
        assert response.headers.get("Strict-Transport-Security", "").startswith("max-age="), url
        assert response.headers.get("X-Content-Type-Options") == "nosniff", url
        assert response.headers.get("Referrer-Policy") == "same-origin", url
        assert response.headers.get("X-Frame-Options") == "DENY", url
        assert response.headers.get("Cross-Origin-Opener-Policy") == "same-origin", url


def test_cookies_are_secure_and_http_only(client, reporter, settings):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    url = reverse("accounts:login")
    form = client.get(url, secure=True)
    signed_in = client.post(
        url, {"username": "reporter", "password": "password-for-tests"}, secure=True
    )
    assert signed_in.status_code == 302
    for response, name in [
        (form, settings.CSRF_COOKIE_NAME),
        (signed_in, settings.SESSION_COOKIE_NAME),
    ]:
        cookie = response.cookies[name]
        assert cookie["secure"] and cookie["httponly"], name
        assert cookie["samesite"] == "Lax", name
