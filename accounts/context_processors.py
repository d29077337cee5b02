from accounts.access import memberships_of


def membership(request):
    """The signed-in person's organisations and roles, for navigation."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"memberships": []}
    return {"memberships": memberships_of(user)}
