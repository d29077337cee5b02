"""Password reset: limited per address and per account, never telling whether an account
exists."""

import pytest
from django.core import mail
from django.urls import reverse

RESET = reverse("accounts:password_reset")


@pytest.fixture(autouse=True)
def _small_limits(settings):
    settings.PASSWORD_RESET_MAX_PER_ACCOUNT = 2
    settings.PASSWORD_RESET_MAX_PER_ADDRESS = 4


def ask(client, email, ip="10.0.0.1"):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=ip)


def test_one_account_may_ask_only_so_often(client, reporter):
    assert [ask(client, "reporter@example.org").status_code for _ in range(2)] == [302, 302]
    refused = ask(client, "Reporter@Example.org", ip="10.0.0.2")
    assert refused.status_code == 429
    content = refused.content.decode()
    assert "Yritä uudelleen klo" in content
    assert 'value="Reporter@Example.org"' in content  # what was typed is kept
    assert len(mail.outbox) == 2


def test_an_address_of_no_account_is_answered_exactly_alike(client, reporter):
    known = [ask(client, "reporter@example.org", ip="10.0.0.1") for _ in range(3)]
    unknown = [ask(client, "nobody@example.org", ip="10.0.0.2") for _ in range(3)]
    assert [r.status_code for r in known] == [r.status_code for r in unknown] == [302, 302, 429]
    assert [r.headers.get("Location") for r in known] == [
        r.headers.get("Location") for r in unknown
    ]
    messages = [r.context["form"].non_field_errors() for r in (known[-1], unknown[-1])]
    assert messages[0] == messages[1]


def test_one_address_may_ask_only_so_often_whatever_the_account(client, db):
    for number in range(4):
        assert ask(client, f"person{number}@example.org").status_code == 302
    assert ask(client, "person9@example.org").status_code == 429
    assert ask(client, "person9@example.org", ip="10.0.0.9").status_code == 302
