"""Sessions that end after a quiet spell rather than at a fixed time."""

import time

from django.conf import settings
from django.contrib.auth import user_logged_in
from django.dispatch import receiver

from lib.progress import HEADER as PROGRESS_HEADER

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
        if _counts_as_activity(request, user, response):
            every = min(REFRESH_SECONDS, settings.SESSION_COOKIE_AGE // 10)
            if time.time() - request.session.get(KEY, 0) >= every:
                refresh(request.session)
        return response


def _counts_as_activity(request, user, response) -> bool:
    # A page following a background run asks for its progress by itself: that is not the
    # person doing something, and must not keep a forgotten session open.
    polled = request.headers.get(PROGRESS_HEADER) == "1"
    signed_in = user is not None and user.is_authenticated
    return signed_in and not polled and response.status_code < 500


def refresh(session) -> None:
    """Store the session anew, so that its time starts again."""
    session[KEY] = int(time.time())


@receiver(user_logged_in)
def _started(sender, request, user, **kwargs):
    # Signing in stores a new session: its time starts there.
    if request is not None and hasattr(request, "session"):
        refresh(request.session)
