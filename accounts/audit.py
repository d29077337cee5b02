"""Writing the audit log. Every read of raw observations and every export goes through here."""

from django.contrib.auth import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from accounts.models import AuditEvent
from lib.ratelimit import client_ip


def record_event(*, action: str, actor=None, request=None, target: str = "", **detail) -> None:
    """Append one audit event. ``actor`` defaults to the request's signed-in user."""
    if actor is None and request is not None and request.user.is_authenticated:
        actor = request.user
    AuditEvent.objects.create(
        action=action,
        actor=actor,
        actor_label=actor.get_username() if actor is not None else detail.pop("label", ""),
        target=target,
        ip=(client_ip(request) or None) if request is not None else None,
        detail=detail,
    )


@receiver(user_logged_in)
def _signed_in(sender, request, user, **kwargs):
    record_event(action=AuditEvent.Action.SIGN_IN, actor=user, request=request)


@receiver(user_logged_out)
def _signed_out(sender, request, user, **kwargs):
    if user is not None:
        record_event(action=AuditEvent.Action.SIGN_OUT, actor=user, request=request)


@receiver(user_login_failed)
def _sign_in_failed(sender, credentials, request=None, **kwargs):
    # The typed username is kept (never the password) so that attacks can be traced.
    record_event(
        action=AuditEvent.Action.SIGN_IN_FAILED,
        request=request,
        label=str(credentials.get("username", ""))[:200],
    )
