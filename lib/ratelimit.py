"""Fixed-window counters kept in the shared cache."""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache


def _bucket(key: str, window: int) -> str:
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return f"rl:{digest}:{int(time.time() // window)}"


def count(key: str, window: int) -> int:
    return cache.get(_bucket(key, window), 0)


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


def reset(key: str, window: int) -> None:
    cache.delete(_bucket(key, window))


def client_ip(request) -> str:
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")
