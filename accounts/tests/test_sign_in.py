import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import AuditEvent
from tests.stored_search import places_holding

LOGIN = reverse("accounts:login")


@pytest.fixture
def person(reporter):
    return reporter


def test_sign_in_with_username(client, person):
    response = client.post(LOGIN, {"username": "reporter", "password": "password-for-tests"})
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="sign_in", actor=person).exists()


def test_sign_in_with_email_in_any_case(client, person):
    response = client.post(
        LOGIN, {"username": "Reporter@Example.org", "password": "password-for-tests"}
    )
    assert response.status_code == 302


def test_wrong_password_gets_a_clear_message(client, person):
    response = client.post(LOGIN, {"username": "reporter", "password": "wrong"})
    assert response.status_code == 200
    assert 'id="error-summary"' in response.content.decode()
    assert AuditEvent.objects.filter(action="sign_in_failed", actor_label="reporter").exists()


def test_a_failed_sign_in_by_email_is_recorded_against_the_account(client, person):
    client.post(LOGIN, {"username": "REPORTER@example.org", "password": "wrong"})
    event = AuditEvent.objects.get(action="sign_in_failed")
    assert (event.actor, event.actor_label, event.detail) == (person, "reporter", {})


def test_what_was_typed_as_a_name_is_stored_nowhere(client, person):
    # Someone typed their password into the name field.
    typed = "Kes\u00e4kuu-2024-salasana"
    client.post(LOGIN, {"username": typed, "password": "wrong"})
    event = AuditEvent.objects.get(action="sign_in_failed")
    assert (event.actor, event.actor_label) == (None, "")
    assert places_holding([typed, typed.casefold()]) == []


def test_repeated_tries_of_one_unknown_name_can_be_counted(client, db):
    for name in ["nobody", " NOBODY ", "someone-else"]:
        client.post(LOGIN, {"username": name, "password": "wrong"})
    digests = [
        event.detail["unknown_name"]
        for event in AuditEvent.objects.filter(action="sign_in_failed").order_by("id")
    ]
    assert digests[0] == digests[1] != digests[2]


def test_sign_out_needs_post_and_is_audited(client, person):
    client.force_login(person)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="sign_out", actor=person).exists()


def test_password_reset_sends_a_link(client, person):
    response = client.post(reverse("accounts:password_reset"), {"email": "reporter@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/" in mail.outbox[0].body


def test_password_reset_for_unknown_address_reveals_nothing(client, db):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 0


def test_audit_events_cannot_be_changed(db, person):
    event = AuditEvent.objects.create(action="export", actor=person)
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()
