from django.conf import settings

from accounts.access import ANALYSIS_ROLES, memberships_of
from accounts.models import Role


def session_timeout(request):
    """What the session-timeout warning needs to know (see static/js/session-timeout.js)."""
    warning = settings.SESSION_WARNING_SECONDS
    return {
        "session_seconds": settings.SESSION_COOKIE_AGE,
        "session_warning_seconds": warning,
        "session_warning_minutes": max(1, round(warning / 60)),
    }


def membership(request):
    """The signed-in person's organisations and roles, for navigation."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"memberships": [], "is_analyst": False, "is_admin": False}
    memberships = memberships_of(user)
    return {
        "memberships": memberships,
        "is_analyst": any(m.role in ANALYSIS_ROLES for m in memberships),
        "is_admin": any(m.role == Role.ADMIN for m in memberships),
    }
