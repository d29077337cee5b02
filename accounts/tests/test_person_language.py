"""A person's language (User.language) follows them: set at every sign-in, kept by the
browser, changed by the language switch, and used for every e-mail to them."""

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from notices import services as notices

COOKIE = settings.LANGUAGE_COOKIE_NAME
HOME = reverse("reporting:home")


def in_language(language: str, text: str) -> str:
    with translation.override(language):
        return translation.gettext(text)


def page(client, **headers) -> str:
    return client.get(HOME, **headers).content.decode()


@pytest.fixture
def swede(reporter):
    reporter.language = "sv"
    reporter.save(update_fields=["language"])
    return reporter


def test_signing_in_sets_the_persons_language(client, swede):
    response = client.post(
        reverse("accounts:login"),
        {"username": "reporter", "password": "password-for-tests"},
        HTTP_ACCEPT_LANGUAGE="fi",
    )
    assert response.status_code == 302
    assert response.cookies[COOKIE].value == "sv"
    assert in_language("sv", "Report an observation") in page(client, HTTP_ACCEPT_LANGUAGE="fi")


def test_signing_in_overrides_a_language_left_by_someone_else(client, swede):
    client.cookies[COOKIE] = "fi"  # the computer's previous user chose Finnish
    client.post(
        reverse("accounts:login"), {"username": "reporter", "password": "password-for-tests"}
    )
    assert client.cookies[COOKIE].value == "sv"
    assert in_language("sv", "Report an observation") in page(client)


def test_the_language_outlives_the_browser_session(client, swede):
    response = client.post(
        reverse("accounts:login"), {"username": "reporter", "password": "password-for-tests"}
    )
    assert response.cookies[COOKIE]["max-age"] == settings.LANGUAGE_COOKIE_AGE > 0


def test_a_person_without_a_sign_in_follows_the_browser(client, swede):
    assert in_language("en", "Sign in") in page(client, HTTP_ACCEPT_LANGUAGE="en")


def test_the_switch_keeps_the_choice_on_the_account(client, reporter):
    client.force_login(reporter)
    response = client.post(reverse("set_language"), {"language": "sv", "next": HOME})
    assert response.status_code == 302
    assert response.cookies[COOKIE].value == "sv"
    reporter.refresh_from_db()
    assert reporter.language == "sv"
    client.logout()  # forgets every cookie, the language too
    client.post(
        reverse("accounts:login"), {"username": "reporter", "password": "password-for-tests"}
    )
    assert in_language("sv", "Report an observation") in page(client, HTTP_ACCEPT_LANGUAGE="fi")


def test_the_switch_refuses_a_language_sora_does_not_have(client, reporter):
    client.force_login(reporter)
    client.post(reverse("set_language"), {"language": "de", "next": HOME})
    reporter.refresh_from_db()
    assert reporter.language == "fi"


def test_the_switch_without_a_sign_in_changes_only_the_browser(client, reporter):
    response = client.post(reverse("set_language"), {"language": "en", "next": HOME})
    assert response.cookies[COOKIE].value == "en"
    assert set(User.objects.values_list("language", flat=True)) == {"fi"}


def test_the_switch_answers_only_a_post(client, reporter):
    client.force_login(reporter)
    assert client.get(reverse("set_language"), {"language": "sv"}).status_code == 405
    reporter.refresh_from_db()
    assert reporter.language == "fi"


def test_the_notice_settings_change_the_pages_language_too(client, reporter):
    client.force_login(reporter)
    kinds = notices.kinds_for(reporter)
    data = {"language": "en"} | dict.fromkeys(kinds, "off")
    response = client.post(reverse("notices:settings"), data)
    assert response.status_code == 302
    assert response.cookies[COOKIE].value == "en"
    reporter.refresh_from_db()
    assert reporter.language == "en"


def test_a_password_reset_mail_is_in_the_accounts_language(client, swede):
    client.cookies[COOKIE] = "fi"
    client.post(reverse("accounts:password_reset"), {"email": "reporter@example.org"})
    assert [m.subject for m in mail.outbox] == [in_language("sv", "Sora: choose a new password")]


def test_a_new_account_gets_its_mail_in_the_language_chosen_for_it(client, admin_member, org_a):
    client.force_login(admin_member)
    client.cookies[COOKIE] = "fi"
    response = client.post(
        reverse("accounts:member_create", args=[org_a.pk]),
        {
            "new-username": "uusi",
            "new-email": "uusi@example.org",
            "new-language": "sv",
            "new-role": "reporter",
            "new-profession": admin_member.memberships.get().profession_id,
        },
    )
    assert response.status_code == 302
    assert User.objects.get(username="uusi").language == "sv"
    assert [m.subject for m in mail.outbox] == [
        in_language("sv", "Sora: choose a password for your new account")
    ]
