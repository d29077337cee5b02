"""What a token may do: its scopes; what its person may see is decided by the same access
functions as the pages."""

from django.utils.translation import gettext as _
from rest_framework import permissions

from api.models import ApiToken


class TokenScope(permissions.BasePermission):
    """The view's ``required_scopes`` by method, e.g. ``{"GET": "observations:read"}``."""

    def has_permission(self, request, view) -> bool:
        needed = getattr(view, "required_scopes", {}).get(request.method)
        token = request.auth
        if not isinstance(token, ApiToken):
            return False
        if needed and needed not in token.scopes:
            self.message = _("The key does not have the scope “%(scope)s”.") % {"scope": needed}
            return False
        return True
