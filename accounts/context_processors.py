from accounts.access import ANALYSIS_ROLES, memberships_of
from accounts.models import Role


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
