"""Two-factor sign-in: a code from an authenticator app (TOTP, django-otp) after the password.

A person sets up an app on their own page (``enrol``, ``confirm_device``): the app's secret is
kept by an unconfirmed device until the person types a code the app shows, and only then does
it count. Ten one-time recovery codes (a static device) stand in for a lost phone. After a
password sign-in, ``TwoFactorMiddleware`` lets the session reach no page but the two-factor
step, sign-out and a few pages that need no person, until a code is given (``verify``): for
everyone who has set up an app, and for everyone whose role requires it
(``TWO_FACTOR_REQUIRED_ROLES``, installation administrators) the setting up comes first.
Wrong codes slow down (django-otp's own throttling of each device) and count as failed
sign-ins of the account (``throttle``), which pause the account as wrong passwords do.
"""

from __future__ import annotations

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth import user_logged_in
from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import access, throttle
from accounts.audit import record_event
from accounts.models import AuditEvent, User

RECOVERY_CODES = 10
# Whether the signed-in account has a confirmed app, remembered in the session from sign-in
# so that pages cost no extra query; setting up or removing an app updates it.
HAS_DEVICE_KEY = "_sora_two_factor_device"
# Paths a session waiting for its second factor may still reach: the two-factor pages and
# signing out, and what needs no person (static files, the language switch, the health check,
# the API, which is used with keys, not sessions).
OPEN_PREFIXES = ("/static/", "/i18n/", "/healthz", "/api/")


def is_required(user: User) -> bool:
    """Whether the person's role obliges them to use a second factor."""
    if not settings.TWO_FACTOR_REQUIRED:
        return False
    if access.is_installation_admin(user):
        return True
    roles = set(settings.TWO_FACTOR_REQUIRED_ROLES)
    return any(m.role in roles for m in access.memberships_of(user))


def app_device(user: User, *, confirmed: bool | None = True) -> TOTPDevice | None:
    devices = TOTPDevice.objects.filter(user=user)
    if confirmed is not None:
        devices = devices.filter(confirmed=confirmed)
    return devices.first()


def recovery_device(user: User) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=user, confirmed=True).first()


def has_device(request) -> bool:
    """Whether the signed-in account has a confirmed app (remembered in the session)."""
    known = request.session.get(HAS_DEVICE_KEY)
    if known is None:
        known = app_device(request.user) is not None
        request.session[HAS_DEVICE_KEY] = known
    return known


@receiver(user_logged_in)
def _remember_device(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[HAS_DEVICE_KEY] = app_device(user) is not None


def safe_next(request, default: str = "") -> str:
    """The page to continue to: ``next`` if it is on this site, else ``default``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if target and allowed else default or reverse(settings.LOGIN_REDIRECT_URL)


class TwoFactorMiddleware:
    """Send a signed-in session that has not given its second factor to the code step (if the
    account has an app) or to setting one up (if its role requires one), from any page but
    the open ones. Runs after django-otp's ``OTPMiddleware``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        target = self.destination(request)
        if target is not None:
            return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    def destination(self, request) -> str | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or self.is_open(request.path_info):
            return None
        if user.is_verified():
            return None
        if has_device(request):
            return "accounts:two_factor_verify"
        if is_required(user):
            return "accounts:two_factor"
        return None

    @staticmethod
    def is_open(path: str) -> bool:
        if path.startswith((*OPEN_PREFIXES, reverse("accounts:two_factor"))):
            return True
        return path in {
            reverse("accounts:logout"),
            reverse("accounts:extend_session"),
            reverse("admin:logout"),
        }


# Setting up, recovery codes and removal ----------------------------------------------------


@transaction.atomic
def start_enrolment(*, user: User) -> TOTPDevice:
    """The app being set up: an unconfirmed device with a fresh secret, made once and kept
    until it is confirmed, so that reloading the page shows the same secret."""
    device = app_device(user, confirmed=False)
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="app", confirmed=False)
    return device


@transaction.atomic
def confirm_device(*, request, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the app being set up with a code it shows; on success the session counts as
    verified, the person gets new recovery codes (returned, shown once) and the audit log
    says so. None when the code is wrong."""
    if not device.verify_token(code):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    otp_login(request, device)
    request.session[HAS_DEVICE_KEY] = True
    codes = _new_recovery_codes(device.user)
    record_event(action=AuditEvent.Action.TWO_FACTOR_ENABLED, target=f"user:{device.user_id}")
    return codes


def _new_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(user=user, name="recovery", confirmed=True)
    codes = [_recovery_code() for _ in range(RECOVERY_CODES)]
    for code in codes:
        static.token_set.create(token=code)
    return codes


def _recovery_code() -> str:
    """A random recovery code with at least one letter, never mistaken for an app's code."""
    while True:
        code = StaticToken.random_token()
        if not code.isdigit():
            return code


@transaction.atomic
def regenerate_recovery_codes(*, user: User) -> list[str]:
    """New recovery codes in place of the old ones, which stop working."""
    codes = _new_recovery_codes(user)
    record_event(action=AuditEvent.Action.TWO_FACTOR_CODES, actor=user, target=f"user:{user.pk}")
    return codes


@transaction.atomic
def remove_two_factor(*, request) -> None:
    """Remove the person's app and recovery codes (the view has checked a current code and
    that their role allows it)."""
    user = request.user
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    request.session[HAS_DEVICE_KEY] = False


@receiver(post_delete, sender=TOTPDevice)
def _app_removed(sender, instance, **kwargs):
    # Recorded wherever it happens: by the person, or by an installation administrator in
    # the Django admin for someone who has lost their phone.
    if instance.confirmed:
        record_event(
            action=AuditEvent.Action.TWO_FACTOR_REMOVED,
            target=f"user:{instance.user_id}",
            person=instance.user.get_username(),
        )


# The code step -------------------------------------------------------------------------


def credentials(request) -> dict:
    """What the sign-in lockouts (``throttle``) count a code step's failures under."""
    return {"username": request.user.get_username()}


def sign_in_paused(request) -> bool:
    """Whether too many failures (wrong passwords or codes) have paused signing in."""
    return bool(throttle.pauses(request, credentials(request)))


def check_code(*, request, code: str):
    """The device that accepts ``code`` (the app's 6 digits, or a recovery code, used up), or
    None. Each device throttles its own failures."""
    user = request.user
    code = "".join(code.split()).lower()
    candidates = [app_device(user), recovery_device(user)]
    with transaction.atomic():
        for device in filter(None, candidates):
            locked = TOTPDevice.objects if isinstance(device, TOTPDevice) else StaticDevice.objects
            device = locked.select_for_update().get(pk=device.pk)
            if _looks_like(device, code) and device.verify_token(code):
                return device
    return None


def _looks_like(device, code: str) -> bool:
    """A code goes to the device whose kind of code it looks like, so that a typo counts
    against one device only."""
    return code.isdigit() if isinstance(device, TOTPDevice) else not code.isdigit()


def wait_seconds(device) -> int:
    """Seconds before the device accepts another code after wrong ones; 0 if now."""
    if device is None:
        return 0
    allowed, data = device.verify_is_allowed()
    if allowed or not data or "locked_until" not in data:
        return 0
    return max(1, int((data["locked_until"] - timezone.now()).total_seconds()) + 1)


def verified(*, request, device) -> None:
    """The code was right: the session counts as verified, the account's failures are
    forgotten."""
    otp_login(request, device)
    throttle.forget_failures(request.user)


def failed(*, request) -> None:
    """A wrong code: recorded in the audit log, and counted as a failed sign-in of the account
    (``throttle``), so that guessing codes pauses the account like guessing passwords."""
    user = request.user
    record_event(action=AuditEvent.Action.TWO_FACTOR_FAILED, actor=user, target=f"user:{user.pk}")
    AxesProxyHandler.user_login_failed(
        sender=TwoFactorMiddleware, credentials=credentials(request), request=request
    )
