"""Fixed-window counters kept in the shared cache."""

import hashlib
import ipaddress
import math
import time

from django.conf import settings
from django.core.cache import cache


def _bucket(key: str, window: int) -> str:
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return f"rl:{digest}:{int(time.time() // window)}"


def hit(key: str, window: int) -> int:
    """Count one event for ``key`` in the current window and return the new count."""
    bucket = _bucket(key, window)
    cache.add(bucket, 0, window)
    try:
        return cache.incr(bucket)
    except ValueError:  # expired between add and incr
        cache.set(bucket, 1, window)
        return 1


def allow(key: str, *, limit: int, window: int) -> bool:
    """Count one event and say whether it stays within ``limit`` per ``window`` seconds."""
    return hit(key, window) <= limit


def seconds_left(window: int) -> int:
    """Seconds until the current window ends and every count starts again."""
    return max(1, math.ceil(window - time.time() % window))


def client_ip(request) -> str:
    """The client's address, as far as Sora can trust it: the one source for rate limits,
    sign-in lockouts and the audit log.

    With ``TRUSTED_PROXY_HOPS = 0`` it is the address that connected (REMOTE_ADDR). Behind
    n proxies of our own, each proxy appends the address it saw to X-Forwarded-For, so the
    client is the n-th entry from the right; anything to its left was sent by the client and
    may be invented. A header with fewer entries, or an entry that is no address, did not come
    through our proxies, and REMOTE_ADDR is used instead.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    hops = settings.TRUSTED_PROXY_HOPS
    if hops <= 0:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    entries = [entry.strip() for entry in forwarded.split(",") if entry.strip()]
    if len(entries) < hops:
        return remote
    candidate = entries[-hops]
    try:
        ipaddress.ip_address(candidate)
    except ValueError:
        return remote
    return candidate
