"""Two-factor sign-in: setting up an app, the code step after the password, recovery codes,
removal, and the rule that analysts' and administrators' sessions reach nothing without it."""

import datetime as dt
import re
import time
from urllib.parse import quote

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import AuditEvent

LOGIN = reverse("accounts:login")
SETUP = reverse("accounts:two_factor")
VERIFY = reverse("accounts:two_factor_verify")
REMOVE = reverse("accounts:two_factor_remove")
NEW_CODES = reverse("accounts:two_factor_recovery_codes")
INBOX = reverse("analysis:inbox")
HOME = reverse("reporting:home")
RECOVERY = ["abcd2345", "efgh2345", "ijkl2345"]


def code_for(device, steps_ahead=0) -> str:
    """The code the person's app shows, ``steps_ahead`` time steps from now (a code once
    accepted is not accepted again, so a second sign-in within one step uses the next)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():06d}"


def give_app(user) -> TOTPDevice:
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    static = StaticDevice.objects.create(user=user, name="recovery", confirmed=True)
    for token in RECOVERY:
        static.token_set.create(token=token)
    return device


def seconds_pass(device, seconds):
    """Move the device's last failure back in time, as if the person had waited."""
    device.refresh_from_db()
    device.throttling_failure_timestamp -= dt.timedelta(seconds=seconds)
    device.save()


def password_sign_in(client, user, next_page=""):
    data = {"username": user.get_username(), "password": "password-for-tests", "next": next_page}
    response = client.post(LOGIN, data)
    assert response.status_code == 302
    return response


def events(action):
    return AuditEvent.objects.filter(action=action)


def refusals(response) -> list[str]:
    return response.context["form"].refusals()


def is_verified(client) -> bool:
    return "otp_device_id" in client.session


@pytest.mark.two_factor
def test_the_app_counts_only_after_a_right_code(client, analyst):
    password_sign_in(client, analyst)
    page = client.get(SETUP)
    assert page.status_code == 200
    assert '<svg role="img"' in page.content.decode()
    device = TOTPDevice.objects.get(user=analyst)
    assert not device.confirmed
    secret = re.search(r'id="two-factor-secret">([A-Z2-7 ]+)<', page.content.decode()).group(1)
    assert secret.replace(" ", "") in device.config_url

    wrong = client.post(SETUP, {"code": "000000" if code_for(device) != "000000" else "111111"})
    assert wrong.status_code == 400
    assert refusals(wrong) == ["wrong"]
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get(INBOX).status_code == 302
    waiting = client.post(SETUP, {"code": code_for(device)})
    assert waiting.status_code == 429  # straight after a wrong code, even a right one waits
    assert refusals(waiting) == ["wait"]
    device.refresh_from_db()
    assert not device.confirmed
    seconds_pass(device, 2)

    shown = client.post(SETUP, {"code": code_for(device, 1)})
    assert shown.status_code == 200
    codes = shown.context["codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    device.refresh_from_db()
    assert device.confirmed
    assert is_verified(client)
    assert client.get(INBOX).status_code == 200
    assert events("two_factor_enabled").get().actor == analyst
    assert TOTPDevice.objects.filter(user=analyst).count() == 1


@pytest.mark.two_factor
def test_reloading_the_set_up_page_keeps_the_secret(client, analyst):
    password_sign_in(client, analyst)
    first = client.get(SETUP).context["secret"]
    assert client.get(SETUP).context["secret"] == first


@pytest.mark.two_factor
@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/analysis/inbox/",
        "/accounts/organisation/",
        "/accounts/audit/",
        "/accounts/password/reset/",
        "/notices/",
        "/admin/",
        "/no-such-page/",
    ],
)
def test_an_analyst_without_an_app_is_sent_to_set_one_up(client, analyst, url):
    password_sign_in(client, analyst)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(f"{SETUP}?next=")


@pytest.mark.two_factor
def test_an_administrator_and_an_installation_administrator_must_too(
    client, admin_member, django_user_model
):
    password_sign_in(client, admin_member)
    assert client.get(HOME)["Location"].startswith(SETUP)
    superuser = django_user_model.objects.create_superuser(
        "root", "root@example.org", "password-for-tests"
    )
    client.logout()
    password_sign_in(client, superuser)
    assert client.get("/admin/")["Location"].startswith(SETUP)


@pytest.mark.two_factor
def test_an_analyst_with_an_app_is_asked_for_the_code(client, analyst):
    device = give_app(analyst)
    password_sign_in(client, analyst, next_page=INBOX)
    response = client.get(INBOX)
    assert response["Location"] == f"{VERIFY}?next={quote(INBOX, safe='')}"
    assert client.get(SETUP)["Location"].startswith(VERIFY)  # no second app without a code
    assert client.post(NEW_CODES)["Location"].startswith(VERIFY)
    answer = client.post(VERIFY, {"code": code_for(device), "next": INBOX})
    assert answer.status_code == 302 and answer["Location"] == INBOX
    assert client.get(INBOX).status_code == 200


@pytest.mark.two_factor
def test_signing_out_and_open_paths_need_no_code(client, analyst):
    password_sign_in(client, analyst)
    assert client.get("/healthz").status_code == 200
    # The API answers keys, not the second factor: without one it is 401, not a redirect.
    assert client.get("/api/v1/observations/").status_code == 401
    assert client.post(reverse("accounts:extend_session")).status_code == 200
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.two_factor
def test_a_wrong_code_is_refused_and_slows_down(client, analyst):
    device = give_app(analyst)
    password_sign_in(client, analyst)
    right = code_for(device)
    wrong = client.post(VERIFY, {"code": "000000" if right != "000000" else "111111"})
    assert wrong.status_code == 400
    assert refusals(wrong) == ["wrong"]
    assert not is_verified(client)
    # Straight after a wrong code even the right one waits (django-otp's throttling).
    waiting = client.post(VERIFY, {"code": right})
    assert waiting.status_code == 429
    assert refusals(waiting) == ["wait"]
    assert not is_verified(client)
    event = events("two_factor_failed").get()
    assert event.actor == analyst
    assert AccessAttempt.objects.filter(username=analyst.username).exists()
    assert "000000" not in str(list(AccessAttempt.objects.values()))


@pytest.mark.two_factor
def test_the_message_is_translated(client, analyst):
    give_app(analyst)
    password_sign_in(client, analyst)
    client.cookies["django_language"] = "sv"
    wrong = client.post(VERIFY, {"code": "abcd2345x"})
    assert wrong.status_code == 400
    assert "Koden stämmer inte." in wrong.content.decode()


@pytest.mark.two_factor
def test_guessing_codes_pauses_the_account(client, analyst, settings):
    settings.SIGNIN_FAILURES_PER_ACCOUNT_AND_ADDRESS = 2
    give_app(analyst)
    password_sign_in(client, analyst)
    client.post(VERIFY, {"code": "zzzz2345"})
    paused = client.post(VERIFY, {"code": "yyyy2345"})
    assert paused.status_code == 429
    assert "paused" in refusals(paused)
    again = client.post(VERIFY, {"code": RECOVERY[0]})
    assert again.status_code == 429
    assert not is_verified(client)
    assert StaticDevice.objects.get(user=analyst).token_set.count() == 3  # not spent


@pytest.mark.two_factor
def test_a_recovery_code_works_once(client, analyst):
    give_app(analyst)
    password_sign_in(client, analyst)
    first = client.post(VERIFY, {"code": RECOVERY[0].upper()})
    assert first.status_code == 302
    assert is_verified(client)
    assert StaticDevice.objects.get(user=analyst).token_set.count() == 2
    told = client.get(first["Location"]).context["messages"]
    assert [message.level_tag for message in told] == ["warning"]  # "2 left; make new ones"
    client.logout()
    password_sign_in(client, analyst)
    again = client.post(VERIFY, {"code": RECOVERY[0]})
    assert again.status_code == 400
    assert not is_verified(client)


@pytest.mark.two_factor
def test_a_reporter_without_an_app_is_not_asked(client, reporter):
    password_sign_in(client, reporter)
    assert client.get(reverse("reporting:my_observations")).status_code == 200


def test_a_reporter_with_an_app_is_asked(client, reporter):
    device = give_app(reporter)
    password_sign_in(client, reporter)
    assert client.get(HOME)["Location"].startswith(VERIFY)
    assert client.post(VERIFY, {"code": code_for(device)}).status_code == 302
    assert client.get(HOME).status_code == 200


def test_without_the_requirement_an_analyst_is_not_asked(client, analyst):
    password_sign_in(client, analyst)
    assert client.get(INBOX).status_code == 200


@pytest.mark.two_factor
@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "http://testserver.evil/"]
)
def test_next_never_leaves_the_site(client, analyst, target):
    device = give_app(analyst)
    password_sign_in(client, analyst)
    answer = client.post(VERIFY, {"code": code_for(device), "next": target})
    assert answer.status_code == 302
    assert answer["Location"] == HOME


@pytest.mark.two_factor
def test_the_code_step_without_an_app_goes_to_set_up(client, analyst):
    password_sign_in(client, analyst)
    assert client.get(VERIFY)["Location"].startswith(SETUP)


def test_new_recovery_codes_replace_the_old_ones(client, reporter):
    device = give_app(reporter)
    password_sign_in(client, reporter)
    client.post(VERIFY, {"code": code_for(device)})
    shown = client.post(NEW_CODES)
    assert shown.status_code == 200
    codes = shown.context["codes"]
    assert len(codes) == 10
    tokens = set(StaticDevice.objects.get(user=reporter).token_set.values_list("token", flat=True))
    assert tokens == set(codes)
    assert events("two_factor_codes").get().actor == reporter


def test_a_reporter_turns_it_off_with_a_code(client, reporter):
    device = give_app(reporter)
    password_sign_in(client, reporter)
    client.post(VERIFY, {"code": code_for(device)})
    assert client.get(REMOVE).status_code == 200
    refused = client.post(REMOVE, {"code": "abcdefgh"})
    assert refused.status_code == 400
    assert TOTPDevice.objects.filter(user=reporter).exists()
    done = client.post(REMOVE, {"code": code_for(device, 1)})
    assert done.status_code == 302
    assert not TOTPDevice.objects.filter(user=reporter).exists()
    assert not StaticDevice.objects.filter(user=reporter).exists()
    assert events("two_factor_removed").get().actor == reporter
    client.logout()
    password_sign_in(client, reporter)
    assert client.get(HOME).status_code == 200


@pytest.mark.two_factor
def test_an_analyst_cannot_turn_it_off(client, analyst):
    device = give_app(analyst)
    password_sign_in(client, analyst)
    client.post(VERIFY, {"code": code_for(device)})
    page = client.get(REMOVE)
    assert page.status_code == 200
    assert page.context["required"]
    assert 'name="code"' not in page.content.decode()
    assert client.post(REMOVE, {"code": code_for(device, 1)}).status_code == 403
    assert TOTPDevice.objects.filter(user=analyst).exists()


def test_another_persons_device_never_verifies(client, reporter, analyst):
    give_app(reporter)
    other = give_app(analyst)
    password_sign_in(client, reporter)
    assert client.post(VERIFY, {"code": code_for(other)}).status_code == 400
    assert not is_verified(client)


def test_an_installation_administrator_removes_a_lost_app(client, reporter, django_user_model):
    device = give_app(reporter)
    root = django_user_model.objects.create_superuser("root", "root@example.org", "x" * 12)
    client.force_login(root)
    page = client.get(reverse("admin:otp_totp_totpdevice_change", args=[device.pk]))
    assert page.status_code == 200
    assert device.key not in page.content.decode()  # the secret is never shown
    url = reverse("admin:otp_totp_totpdevice_delete", args=[device.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    event = events("two_factor_removed").get()
    assert event.actor == root
    assert event.detail["person"] == reporter.username


@pytest.mark.two_factor
def test_the_set_up_page_never_continues_off_the_site(client, analyst):
    password_sign_in(client, analyst)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=analyst)
    shown = client.post(SETUP, {"code": code_for(device), "next": "https://evil.example/"})
    assert shown.context["next"] == HOME
    assert "evil.example" not in shown.content.decode()
