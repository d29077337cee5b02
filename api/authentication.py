"""The API's one way in: ``Authorization: Bearer <key>`` of a usable token of an active
person. Anything else is 401 with a message that says what is wrong."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from api import tokens

# How often the last use of a token is written: a busy integration need not write every time.
TOUCH_EVERY = datetime.timedelta(minutes=5)


class TokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1")
        if not header:
            return None
        keyword, _sep, key = header.partition(" ")
        if keyword != self.keyword or not key.strip():
            raise exceptions.AuthenticationFailed(_("Send the key as “Authorization: Bearer …”."))
        token = tokens.find(key.strip())
        if token is None:
            raise exceptions.AuthenticationFailed(_("The key is not valid."))
        now = timezone.now()
        if token.revoked_at is not None:
            raise exceptions.AuthenticationFailed(_("The key has been revoked."))
        if not token.is_usable(now):
            raise exceptions.AuthenticationFailed(_("The key has expired."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("The key's account is not in use."))
        if token.last_used_at is None or now - token.last_used_at > TOUCH_EVERY:
            token.last_used_at = now
            token.save(update_fields=["last_used_at"])
        return token.user, token

    def authenticate_header(self, request):
        return f'{self.keyword} realm="sora"'


class TokenScheme(OpenApiAuthenticationExtension):
    """Tells the OpenAPI schema how the API is signed in to."""

    target_class = "api.authentication.TokenAuthentication"
    name = "token"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "bearerFormat": "sora_<prefix>_<secret>"}
