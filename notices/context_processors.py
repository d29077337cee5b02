from django.utils.functional import SimpleLazyObject

from notices.services import unread_count


def unread_notices(request):
    """How many notices the signed-in person has not read, counted only when a page shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notices": 0}
    return {"unread_notices": SimpleLazyObject(lambda: unread_count(user))}
