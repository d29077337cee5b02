from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from django.contrib.auth.backends import ModelBackend
from django.utils.crypto import salted_hmac

from accounts.models import User

_UNKNOWN_NAME_SALT = "sora.accounts.unknown-sign-in-name"


def find_account(identifier: str) -> User | None:
    """The account a typed username or e-mail address names, whatever its case; None if
    it names none. Sign-in, its lockout and its audit all ask this one question."""
    identifier = (identifier or "").strip()
    if not identifier:
        return None
    field = "email__iexact" if "@" in identifier else "username__iexact"
    return User.objects.filter(**{field: identifier}).first()


def unknown_name_digest(identifier: str) -> str:
    """A keyed digest of a typed name that names no account: repeated tries of one name can
    be counted and locked out, yet what was typed (sometimes a password) is never stored."""
    normalised = (identifier or "").strip().casefold()
    return salted_hmac(_UNKNOWN_NAME_SALT, normalised, algorithm="sha256").hexdigest()[:20]


class UsernameOrEmailBackend(ModelBackend):
    """Lets people sign in with either their username or their e-mail address."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or not password:
            return None
        user = find_account(username)
        if user is None:
            # Spend the same time as a real check so response times do not reveal accounts.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


class PausedSignInBackend(AxesStandaloneBackend):
    """django-axes's check, first of the backends: a paused sign-in (``throttle``) is refused
    before any password is checked. The request remembers the refusal, so that the audit log
    can leave such tries out: they test no password, and a flood of them would fill it."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        try:
            return super().authenticate(request, username=username, password=password, **kwargs)
        except AxesBackendPermissionDenied:
            request.sora_refused_while_paused = True
            raise
