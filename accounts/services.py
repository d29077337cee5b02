"""Sign-in bookkeeping: throttling repeated failures."""

from django.conf import settings

from lib import ratelimit


def _keys(username: str, ip: str) -> list[str]:
    return [f"signin:user:{username.strip().casefold()}", f"signin:ip:{ip}"]


def signin_is_throttled(*, username: str, ip: str) -> bool:
    """True when the account or the address has failed too often in the current window."""
    window = settings.SIGNIN_WINDOW_SECONDS
    return any(
        ratelimit.count(key, window) >= settings.SIGNIN_MAX_FAILURES for key in _keys(username, ip)
    )


def record_failed_signin(*, username: str, ip: str) -> None:
    for key in _keys(username, ip):
        ratelimit.hit(key, settings.SIGNIN_WINDOW_SECONDS)


def clear_failed_signins(*, username: str, ip: str) -> None:
    ratelimit.reset(_keys(username, ip)[0], settings.SIGNIN_WINDOW_SECONDS)
