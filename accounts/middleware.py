"""Sessions that end after a quiet spell rather than at a fixed time."""

import time

from django.conf import settings
from django.contrib.auth import user_logged_in
from django.dispatch import receiver

# Storing the session costs a database write; once a minute is enough to slide its end.
REFRESH_SECONDS = 60
KEY = "_sora_refreshed"


class IdleSessionMiddleware:
    """Start a signed-in session's time (SESSION_COOKIE_AGE) again on each request.

    The session is written anew only when a minute has passed since the last time, so the end
    may come up to a minute earlier than a page counted from its loading; the warning comes
    SESSION_WARNING_SECONDS (two minutes) before, so it is always in time.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and response.status_code < 500:
            every = min(REFRESH_SECONDS, settings.SESSION_COOKIE_AGE // 10)
            if time.time() - request.session.get(KEY, 0) >= every:
                refresh(request.session)
        return response


def refresh(session) -> None:
    """Store the session anew, so that its time starts again."""
    session[KEY] = int(time.time())


@receiver(user_logged_in)
def _started(sender, request, user, **kwargs):
    # Signing in stores a new session: its time starts there.
    if request is not None and hasattr(request, "session"):
        refresh(request.session)
