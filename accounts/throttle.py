"""Limits on guessing passwords: sign-in lockouts (django-axes) and password-reset requests.

Failed sign-ins are counted by django-axes in three tiers, each against its own limit:

- one account from one address: the person at the keyboard, or someone guessing there;
- one account from any address: guessing spread over many machines;
- one address for any account: one machine trying many accounts.

When a tier is full, sign-in is paused for what that tier covers until enough of its failures
are older than the cool-off. A paused account does not stop the other accounts at the same
address, so a hospital or a ward behind one shared address is paused as a whole only after
many failures across many accounts. A username and its e-mail address are one account:
every typed name is turned into the account it names before it is counted (``account_key``),
and a name that names no account into a keyed digest, so that nothing typed is stored.

Axes compares one failure count with one limit (``AXES_FAILURE_LIMIT``); ``TieredHandler``
reports to it how many tiers are full instead, and the limit is 1: any full tier pauses.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.http import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import ngettext

from accounts.backends import find_account, unknown_name_digest
from accounts.models import User
from lib import ratelimit

# Each tier: the request's parts it counts by, and the setting that holds its limit.
TIERS = (
    (("username", "ip_address"), "SIGNIN_FAILURES_PER_ACCOUNT_AND_ADDRESS"),
    (("username",), "SIGNIN_FAILURES_PER_ACCOUNT"),
    (("ip_address",), "SIGNIN_FAILURES_PER_ADDRESS"),
)
UNKNOWN_PREFIX = "unknown:"
RESET_WINDOW_SECONDS = 3600


@dataclass(frozen=True)
class Pause:
    """A full tier: whether it pauses an account (or else an address), and until when."""

    account: bool
    until: dt.datetime


def lockout_parameters(request_or_attempt, credentials=None) -> list[list[str]]:
    """AXES_LOCKOUT_PARAMETERS: the tiers, in the order of their limits."""
    return [list(fields) for fields, _setting in TIERS]


def cool_off(request=None) -> dt.timedelta:
    """AXES_COOLOFF_TIME: how long a failure counts."""
    return dt.timedelta(minutes=settings.SIGNIN_COOLOFF_MINUTES)


def account_key(request, credentials=None) -> str | None:
    """AXES_USERNAME_CALLABLE: the account a sign-in names, whether by username or by e-mail
    address, so that both share one count; a name of no account gives ``unknown:<digest>``
    (no username can contain a colon)."""
    if credentials:
        typed = credentials.get("username")
    else:
        typed = request.POST.get("username") if request is not None else None
    if not typed:
        return None
    # Axes asks several times for each sign-in; the database is asked once.
    keys = getattr(request, "_sora_account_keys", None)
    if keys is None:
        keys = {}
        if request is not None:
            request._sora_account_keys = keys
    if typed not in keys:
        account = find_account(typed)
        keys[typed] = (
            account.get_username()
            if account is not None
            else UNKNOWN_PREFIX + unknown_name_digest(typed)
        )
    return keys[typed]


def pauses(request, credentials=None) -> list[Pause]:
    """The full tiers of this sign-in, each with the time it frees up."""
    AxesProxyHandler.update_request(request)
    handler = AxesProxyHandler.get_implementation()
    found = []
    for (fields, setting), attempts in zip(
        TIERS, handler.get_user_attempts(request, credentials), strict=True
    ):
        limit = getattr(settings, setting)
        rows = sorted(attempts.values_list("attempt_time", "failures_since_start"))
        left = sum(failures for _time, failures in rows)
        # The oldest failures stop counting first; the tier frees up when fewer than its
        # limit are left.
        for attempt_time, failures in rows:
            if left < limit:
                break
            left -= failures
            if left < limit:
                found.append(Pause("username" in fields, attempt_time + cool_off(request)))
    return found


class TieredHandler(AxesDatabaseHandler):
    """Axes's database handler, with a limit of its own for each tier (see above)."""

    def get_failures(self, request, credentials=None) -> int:
        """How many tiers are full; with AXES_FAILURE_LIMIT = 1 any of them pauses."""
        return len(pauses(request, credentials))

    def user_logged_in(self, sender, request, user, **kwargs):
        super().user_logged_in(sender, request, user, **kwargs)
        # Once the person is in, their own earlier failures no longer count; other accounts'
        # failures at the same address still do (axes's own reset would forget those too).
        forget_failures(user)


def forget_failures(user) -> None:
    """Forget an account's failed sign-ins: after it signs in, resets its password or is
    deleted."""
    AccessAttempt.objects.filter(username=user.get_username()).delete()


@receiver(post_delete, sender=User)
def _account_deleted(sender, instance, **kwargs):
    # A deleted account's name is kept nowhere, not even among its failed sign-ins.
    forget_failures(instance)


def explanation(request, credentials=None) -> str:
    """What the paused person reads: what is paused and when to try again."""
    found = pauses(request, credentials or getattr(request, "axes_credentials", None))
    until = max((pause.until for pause in found), default=timezone.now() + cool_off(request))
    minutes = max(1, math.ceil((until - timezone.now()).total_seconds() / 60))
    values = {"time": time_format(timezone.localtime(until), "H:i"), "minutes": minutes}
    if any(pause.account for pause in found) or not found:
        return (
            ngettext(
                "This account has had too many failed sign-ins, so signing in to it is paused. "
                "Try again at %(time)s (in %(minutes)s minute), or reset your password.",
                "This account has had too many failed sign-ins, so signing in to it is paused. "
                "Try again at %(time)s (in %(minutes)s minutes), or reset your password.",
                minutes,
            )
            % values
        )
    return (
        ngettext(
            "Too many failed sign-ins have come from your network address, so signing in from it "
            "is paused. Try again at %(time)s (in %(minutes)s minute).",
            "Too many failed sign-ins have come from your network address, so signing in from it "
            "is paused. Try again at %(time)s (in %(minutes)s minutes).",
            minutes,
        )
        % values
    )


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: Sora's sign-in forms (``PausedSignInExplained``) already show
    the sign-in page with the explanation, keeping the typed name; it only needs the status
    429. Any other way of signing in gets a page of its own."""
    if isinstance(original_response, HttpResponseBase) and getattr(
        request, "sora_pause_explained", False
    ):
        original_response.status_code = 429
        return original_response
    context = {"message": explanation(request, credentials)}
    return render(request, "errors/429.html", context, status=429)


def reset_wait_seconds(*, email: str, ip: str) -> int:
    """Count one password-reset request; 0 if it may go ahead, else the seconds to wait.

    Limited per address and per account. An address of no account is counted just like an
    account's (by a keyed digest), so the answer never tells whether an account exists."""
    account = find_account(email) if "@" in email else None
    who = f"pk:{account.pk}" if account is not None else unknown_name_digest(email)
    by_address = ratelimit.allow(
        f"reset:ip:{ip}", limit=settings.PASSWORD_RESET_MAX_PER_ADDRESS, window=RESET_WINDOW_SECONDS
    )
    by_account = ratelimit.allow(
        f"reset:account:{who}",
        limit=settings.PASSWORD_RESET_MAX_PER_ACCOUNT,
        window=RESET_WINDOW_SECONDS,
    )
    return 0 if by_address and by_account else ratelimit.seconds_left(RESET_WINDOW_SECONDS)
