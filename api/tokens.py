"""Making and checking API keys: ``sora_<prefix>_<secret>``, kept only as a SHA-256 digest.

The secret is 32 random bytes, so a plain digest cannot be reversed or guessed; the prefix
finds the row and is shown in lists so a person can tell their keys apart.
"""

import datetime
import hashlib
import hmac
import secrets

from django.utils import timezone

from api.models import ApiToken

MAX_DAYS = 366


def digest_of(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def create(*, user, name: str, scopes: list[str], days: int) -> tuple[ApiToken, str]:
    """A new token and its key, which is never shown again."""
    prefix = secrets.token_hex(5)
    key = f"sora_{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=prefix,
        digest=digest_of(key),
        scopes=sorted(set(scopes)),
        expires_at=timezone.now() + datetime.timedelta(days=min(days, MAX_DAYS)),
    )
    return token, key


def find(key: str) -> ApiToken | None:
    """The token whose key this is, usable or not; None for anything else."""
    parts = key.split("_")
    if len(parts) < 3 or parts[0] != "sora" or len(parts[1]) != 10:
        return None
    token = ApiToken.objects.select_related("user").filter(prefix=parts[1]).first()
    if token is None or not hmac.compare_digest(token.digest, digest_of(key)):
        return None
    return token


def revoke(token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
