"""Writing the audit log: who did what, when and from where.

Every read of raw observations, every export, every change of a role and every deletion goes
through ``record_event``. Changes made in the Django admin are recorded through model signals;
``AuditContextMiddleware`` lets those signals know who made the change and from where.
"""

import json
from contextvars import ContextVar

from django.contrib.admin.models import LogEntry
from django.contrib.auth import user_logged_in, user_logged_out, user_login_failed
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from django.utils.crypto import salted_hmac

from accounts.backends import find_account, unknown_name_digest
from accounts.models import PSEUDONYM_MARK, AuditEvent, Membership, Organisation, User
from lib.ratelimit import client_ip

_PSEUDONYM_SALT = "sora.accounts.deleted-account"
_current_request: ContextVar = ContextVar("sora_audit_request", default=None)


class AuditContextMiddleware:
    """Remember the request being served, for events recorded by model signals."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)


def current_user():
    """The signed-in person of the request being served, or None."""
    request = _current_request.get()
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


# The default actor of an event: whoever is signed in on the request.
REQUEST_USER = object()


def record_event(
    *,
    action: str,
    actor=REQUEST_USER,
    request=None,
    target: str = "",
    organisation=None,
    organisation_id: int | None = None,
    **detail,
) -> None:
    """Append one audit event. ``actor`` defaults to the request's signed-in user (None says
    nobody), and the request to the one being served."""
    request = request if request is not None else _current_request.get()
    if actor is REQUEST_USER:
        actor = request.user if request is not None and _signed_in(request) else None
    AuditEvent.objects.create(
        action=action,
        actor=actor,
        actor_label=actor.get_username() if actor is not None else detail.pop("label", ""),
        target=target,
        organisation_id=organisation.pk if organisation is not None else organisation_id,
        ip=(client_ip(request) or None) if request is not None else None,
        detail=detail,
    )


def _signed_in(request) -> bool:
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated


def watch_deletions(model, *, organisation_field: str = "", named: bool = False) -> None:
    """Record every deletion of ``model``'s rows, in the admin or anywhere else. ``named``
    keeps the row's name in the event (never for rows whose name quotes free text)."""

    def deleted(sender, instance, **kwargs):
        record_event(
            action=AuditEvent.Action.DELETE,
            target=f"{model._meta.model_name}:{instance.pk}",
            organisation_id=getattr(instance, organisation_field) if organisation_field else None,
            **({"name": str(instance)[:200]} if named else {}),
        )

    post_delete.connect(deleted, sender=model, weak=False, dispatch_uid=f"audit-{model}")


@receiver(user_logged_in)
def _signed_in_event(sender, request, user, **kwargs):
    record_event(action=AuditEvent.Action.SIGN_IN, actor=user, request=request)


@receiver(user_logged_out)
def _signed_out(sender, request, user, **kwargs):
    if user is not None:
        record_event(action=AuditEvent.Action.SIGN_OUT, actor=user, request=request)


@receiver(user_login_failed)
def _sign_in_failed(sender, credentials, request=None, **kwargs):
    # Nothing typed is stored: people type a password in the name field now and then. A name
    # of an account records that account; any other name only a keyed digest of it, so that
    # repeated tries of one name can still be told apart and counted.
    if getattr(request, "sora_refused_while_paused", False):
        return  # refused before any password was checked (accounts.backends)
    identifier = str(credentials.get("username", ""))
    account = find_account(identifier)
    detail = {} if account is not None else {"unknown_name": unknown_name_digest(identifier)}
    record_event(action=AuditEvent.Action.SIGN_IN_FAILED, actor=account, request=request, **detail)


@receiver(pre_save, sender=Membership)
def _remember_membership(sender, instance, **kwargs):
    stored = Membership.objects.filter(pk=instance.pk) if instance.pk else Membership.objects.none()
    instance._audit_previous = stored.values("user_id", "organisation_id", "role").first()


@receiver(post_save, sender=Membership)
def _membership_saved(sender, instance, created, **kwargs):
    now = _state(instance)
    before = getattr(instance, "_audit_previous", None)
    if created or before is None:
        _record_membership(AuditEvent.Action.MEMBERSHIP_ADDED, instance.pk, given=now)
    elif (before["user_id"], before["organisation_id"]) != (now["user_id"], now["organisation_id"]):
        # A membership moved to another organisation or person is a role taken away there
        # and given here; each organisation's administrators see their half.
        _record_membership(AuditEvent.Action.MEMBERSHIP_REMOVED, instance.pk, taken=before)
        _record_membership(AuditEvent.Action.MEMBERSHIP_ADDED, instance.pk, given=now)
    elif before["role"] != now["role"]:
        _record_membership(AuditEvent.Action.ROLE_CHANGED, instance.pk, given=now, taken=before)


@receiver(post_delete, sender=Membership)
def _membership_removed(sender, instance, **kwargs):
    _record_membership(AuditEvent.Action.MEMBERSHIP_REMOVED, instance.pk, taken=_state(instance))


def _state(membership) -> dict:
    return {
        "user_id": membership.user_id,
        "organisation_id": membership.organisation_id,
        "role": membership.role,
    }


def _record_membership(action, membership_id, *, given=None, taken=None) -> None:
    """One event about a membership: whose it is and in which organisation (where the role
    was given, or else taken away), the role given and the role taken away."""
    where = given or taken
    record_event(
        action=action,
        target=f"user:{where['user_id']}",
        organisation_id=where["organisation_id"],
        person=User.objects.filter(pk=where["user_id"]).values_list("username", flat=True).first()
        or "",
        role=given["role"] if given else "",
        previous_role=taken["role"] if taken else "",
        membership=membership_id,
    )


def pseudonym_for(user_id: int) -> str:
    """The stable pseudonym of a deleted account: the same for all its events, so they stay
    linked, and keyed with the secret key, so that the id cannot be guessed back from it."""
    digest = salted_hmac(_PSEUDONYM_SALT, str(user_id), algorithm="sha256").hexdigest()[:12]
    return f"{PSEUDONYM_MARK}{digest}"


@receiver(pre_delete, sender=User)
def _account_deleting(sender, instance, **kwargs):
    # Before the deletion empties the actor column, while it still says whose events they are.
    AuditEvent.objects.pseudonymise(user_id=instance.pk, pseudonym=pseudonym_for(instance.pk))


@receiver(post_delete, sender=User)
def _account_deleted(sender, instance, **kwargs):
    pseudonym = pseudonym_for(instance.pk)
    record_event(action=AuditEvent.Action.DELETE, target=f"user:{instance.pk}", name=pseudonym)
    # The memberships removed with the account were recorded meanwhile, by name.
    AuditEvent.objects.pseudonymise(user_id=instance.pk, pseudonym=pseudonym)
    _pseudonymise_admin_history(instance, pseudonym)


def _pseudonymise_admin_history(user, pseudonym: str) -> None:
    """The Django admin keeps a history of its own: the account's name is the title of the
    account's entries, and begins the title of each of its memberships."""
    user_type = ContentType.objects.get_for_model(User)
    membership_type = ContentType.objects.get_for_model(Membership)
    entries = LogEntry.objects.filter(
        Q(content_type=user_type, object_id=str(user.pk))
        | Q(content_type=membership_type, object_repr__startswith=f"{user.username} – ")
    )
    for entry in entries:
        title = _renamed(entry.object_repr, user.username, pseudonym)
        if entry.content_type_id == user_type.pk:
            title = pseudonym
        LogEntry.objects.filter(pk=entry.pk).update(
            object_repr=title,
            change_message=_renamed_in_message(entry.change_message, user.username, pseudonym),
        )


def _renamed_in_message(message: str, username: str, pseudonym: str) -> str:
    """The admin's change message (JSON: the inlines added, changed or deleted, by title)."""
    try:
        changes = json.loads(message)
    except ValueError:
        return message
    if not isinstance(changes, list):
        return message
    for change in changes:
        for part in change.values() if isinstance(change, dict) else []:
            if isinstance(part, dict) and isinstance(part.get("object"), str):
                part["object"] = _renamed(part["object"], username, pseudonym)
    return json.dumps(changes)


def _renamed(title: str, username: str, pseudonym: str) -> str:
    """A membership's title ("name – organisation (role)") with the pseudonym for the name."""
    if title == username or title.startswith(f"{username} – "):
        return pseudonym + title[len(username) :]
    return title


watch_deletions(Organisation, organisation_field="pk", named=True)
