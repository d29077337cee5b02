"""Repeated failed sign-ins pause signing in, per account, per address and per both, on every
way in (Sora's page and the Django admin's); the paused person reads when to try again."""

import datetime as dt
import re

import pytest
from axes.models import AccessAttempt
from django.conf import settings as django_settings
from django.urls import reverse

from accounts.models import AuditEvent
from accounts.tests.factories import MembershipFactory
from tests.stored_search import places_holding

LOGIN = reverse("accounts:login")
ADMIN_LOGIN = reverse("admin:login")
RIGHT = "password-for-tests"


@pytest.fixture(autouse=True)
def _small_limits(settings):
    settings.SIGNIN_FAILURES_PER_ACCOUNT_AND_ADDRESS = 3
    settings.SIGNIN_FAILURES_PER_ACCOUNT = 5
    settings.SIGNIN_FAILURES_PER_ADDRESS = 8
    settings.SIGNIN_COOLOFF_MINUTES = 15


def sign_in(client, username, password="wrong", url=LOGIN, ip="10.0.0.1", **extra):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=ip, **extra)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def fail(client, username, times, **kwargs):
    for _ in range(times):
        sign_in(client, username, **kwargs)


def test_the_right_password_is_refused_after_repeated_failures(client, reporter):
    fail(client, "reporter", 3)
    response = sign_in(client, "reporter", RIGHT)
    assert response.status_code == 429
    assert not signed_in(client)
    assert response.context["form"].errors["__all__"].as_data()[0].code == "paused"


def test_the_admin_login_is_paused_too(client, admin_member):
    admin_member.is_staff = True
    admin_member.save()
    fail(client, "orgadmin", 3, url=ADMIN_LOGIN)
    response = sign_in(client, "orgadmin", RIGHT, url=ADMIN_LOGIN)
    assert response.status_code == 429
    assert not signed_in(client)
    assert "Yritä uudelleen klo" in response.content.decode()


def test_failures_on_sora_and_on_the_admin_share_one_count(client, admin_member):
    admin_member.is_staff = True
    admin_member.save()
    fail(client, "orgadmin", 2)
    fail(client, "orgadmin", 1, url=ADMIN_LOGIN)
    assert sign_in(client, "orgadmin", RIGHT, url=ADMIN_LOGIN).status_code == 429


def test_a_username_and_its_email_share_one_count(client, reporter, settings):
    settings.SIGNIN_FAILURES_PER_ACCOUNT = 3
    # From different addresses, so that only the account's own count can pause it.
    fail(client, "reporter", 2, ip="192.0.2.1")
    fail(client, "REPORTER@example.org", 1, ip="192.0.2.2")
    assert sign_in(client, "Reporter", RIGHT, ip="192.0.2.3").status_code == 429
    assert sign_in(client, "reporter@example.org", RIGHT, ip="192.0.2.4").status_code == 429
    assert set(AccessAttempt.objects.values_list("username", flat=True)) == {"reporter"}


def test_a_paused_account_does_not_pause_the_others_at_its_address(client, reporter, analyst):
    fail(client, "reporter", 3)
    assert sign_in(client, "reporter", RIGHT).status_code == 429
    assert sign_in(client, "analyst", RIGHT).status_code == 302
    assert signed_in(client)


def test_an_address_is_paused_only_after_many_failures_across_accounts(client, reporter, db):
    # A ward behind one address: several people mistype, none reaches their own limit.
    for name in ["maija", "matti", "liisa", "pekka"]:
        fail(client, name, 2)
    response = sign_in(client, "reporter", RIGHT)
    assert response.status_code == 429
    assert "Verkko-osoitteestasi" in response.content.decode()
    assert sign_in(client, "reporter", RIGHT, ip="10.0.0.2").status_code == 302


def test_seven_failures_at_a_shared_address_pause_nobody_else(client, reporter, db):
    for name in ["maija", "matti", "liisa"]:
        fail(client, name, 2)
    fail(client, "pekka", 1)
    assert sign_in(client, "reporter", RIGHT).status_code == 302


def test_an_account_is_paused_everywhere_after_failures_from_many_addresses(client, reporter):
    for number in range(5):
        sign_in(client, "reporter", ip=f"192.0.2.{number}")
    response = sign_in(client, "reporter", RIGHT, ip="198.51.100.9")
    assert response.status_code == 429
    assert "Tälle tilille" in response.content.decode()


def test_a_client_cannot_escape_by_inventing_forwarded_addresses(client, reporter, settings):
    settings.TRUSTED_PROXY_HOPS = 1
    settings.SIGNIN_FAILURES_PER_ACCOUNT = 100
    for number in range(3):
        sign_in(client, "reporter", HTTP_X_FORWARDED_FOR=f"6.6.6.{number}, 203.0.113.7")
    forged = "7.7.7.7, 203.0.113.7"
    assert sign_in(client, "reporter", RIGHT, HTTP_X_FORWARDED_FOR=forged).status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.7"}


def test_the_pause_ends_after_the_cool_off(client, reporter):
    fail(client, "reporter", 3)
    assert sign_in(client, "reporter", RIGHT).status_code == 429
    earlier = AccessAttempt.objects.get().attempt_time - dt.timedelta(minutes=16)
    AccessAttempt.objects.update(attempt_time=earlier)
    assert sign_in(client, "reporter", RIGHT).status_code == 302


def test_tries_during_the_pause_neither_count_nor_move_its_end(client, reporter):
    fail(client, "reporter", 3)
    first = sign_in(client, "reporter", RIGHT).content.decode()
    fail(client, "reporter", 3)
    again = sign_in(client, "reporter", RIGHT).content.decode()
    assert AccessAttempt.objects.get().failures_since_start == 3
    time = re.search(r"klo (\d\d:\d\d)", first).group(1)
    assert f"klo {time}" in again


def test_tries_during_the_pause_do_not_flood_the_audit_log(client, reporter):
    fail(client, "reporter", 3)
    fail(client, "reporter", 20)
    failed = AuditEvent.objects.filter(action="sign_in_failed")
    assert failed.count() == 3
    assert set(failed.values_list("actor", flat=True)) == {reporter.pk}


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("fi", "Yritä uudelleen klo"),
        ("sv", "Försök igen kl."),
        ("en", "Try again at"),
    ],
)
def test_the_paused_person_reads_when_to_try_again_in_their_language(
    client, reporter, language, words
):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = language
    fail(client, "reporter", 3)
    response = sign_in(client, "reporter", RIGHT)
    content = response.content.decode()
    assert words in content
    assert re.search(r"\d\d:\d\d", content)
    assert 'value="reporter"' in content  # what was typed is kept
    assert "Traceback" not in content
    assert RIGHT not in content


def test_a_successful_sign_in_forgets_only_the_accounts_own_failures(client, reporter):
    fail(client, "reporter", 2)
    fail(client, "someone", 2)
    assert sign_in(client, "reporter", RIGHT).status_code == 302
    assert AccessAttempt.objects.count() == 1
    assert AccessAttempt.objects.get().username.startswith("unknown:")


def test_a_password_reset_ends_the_accounts_pause(client, reporter):
    fail(client, "reporter", 3)
    client.post(reverse("accounts:password_reset"), {"email": "reporter@example.org"})
    from django.core import mail

    link = re.search(r"(/accounts/password/reset/\S+/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    new = "an-entirely-new-password-1"
    client.post(form_page.request["PATH_INFO"], {"new_password1": new, "new_password2": new})
    assert sign_in(client, "reporter", new).status_code == 302


def test_nothing_typed_into_the_name_is_stored_by_the_lockout(client, db):
    typed = "my-Secret-passw0rd"
    fail(client, typed, 4)
    assert places_holding([typed, typed.casefold()]) == []
    assert AccessAttempt.objects.get().username.startswith("unknown:")


def test_an_unknown_name_is_paused_like_an_account_so_it_reveals_nothing(client, db):
    fail(client, "nobody", 3)
    response = sign_in(client, "nobody", RIGHT)
    assert response.status_code == 429
    assert "Tälle tilille" in response.content.decode()


def test_a_deleted_account_leaves_no_failed_sign_ins(client, org_a):
    person = MembershipFactory(organisation=org_a, user__username="maija.virtanen").user
    fail(client, "maija.virtanen", 2)
    person.delete()
    assert not AccessAttempt.objects.exists()


def test_any_other_way_in_gets_a_calm_page(rf, reporter):
    from accounts.throttle import lockout_response

    request = rf.post(LOGIN, {"username": "reporter"}, REMOTE_ADDR="10.0.0.1")
    request.LANGUAGE_CODE = "fi"
    response = lockout_response(request, None, {"username": "reporter"})
    assert response.status_code == 429
    assert "Yritä uudelleen klo" in response.content.decode()
