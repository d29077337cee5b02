"""A person's language: chosen once, then followed on every computer they sign in on.

``User.language`` is the one place it is kept: signing in, the language switch and every
e-mail read it. The browser's language cookie only carries it between pages: signing in sets
the cookie to the person's language, so a Swedish-speaking reporter on a Finnish computer
gets Swedish at every sign-in.
"""

from django.conf import settings
from django.contrib.auth import user_logged_in
from django.dispatch import receiver

# Where a sign-in leaves the person's language for the response to carry to the browser.
SIGNED_IN = "_sora_signed_in_language"


def is_language(code: str) -> bool:
    return code in dict(settings.LANGUAGES)


def choose(request, response, language: str) -> None:
    """Keep the language a person chose: on their account when signed in, in the cookie
    always."""
    if not is_language(language):
        return
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.language != language:
        user.language = language
        user.save(update_fields=["language"])
    remember(response, language)


def remember(response, language: str) -> None:
    """Set the browser's language cookie as Django's own language switch does."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


class PersonLanguageMiddleware:
    """Hand the language of a person who has just signed in to the browser: whatever
    language the computer asks for, the pages after signing in are in the person's own.

    The browser keeps it in the language cookie (``LANGUAGE_COOKIE_AGE``, a year), which
    ``LocaleMiddleware`` reads on every page; the language switch changes the cookie and the
    account together (``accounts.views.switch_language``).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        language = getattr(request, SIGNED_IN, None)
        if language and settings.LANGUAGE_COOKIE_NAME not in response.cookies:
            remember(response, language)
        return response


@receiver(user_logged_in)
def _signed_in(sender, request, user, **kwargs):
    if request is not None and is_language(user.language):
        setattr(request, SIGNED_IN, user.language)
