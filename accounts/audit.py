"""Writing the audit log: who did what, when and from where.

Every read of raw observations, every export, every change of a role and every deletion goes
through ``record_event``. Changes made in the Django admin are recorded through model signals;
``AuditContextMiddleware`` lets those signals know who made the change and from where.
"""

import hashlib
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
from accounts.models import (
    PSEUDONYM_MARK,
    AuditEvent,
    Membership,
    Organisation,
    Profession,
    Team,
    User,
)
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


def file_target(path: str) -> str:
    """A file as the audit log names it: by its content, never by its name, which may be a
    client's (a case system's export named after the person), since Sora stores no client
    data."""
    with open(path, "rb") as handle:
        return "sha256:" + hashlib.file_digest(handle, "sha256").hexdigest()


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


# What a membership's audit events compare before and after a save.
MEMBERSHIP_FIELDS = ("user_id", "organisation_id", "role", "profession_id", "team_id")
# An account's rights over the whole installation (the Django admin opens to superusers).
RIGHTS = ("is_active", "is_staff", "is_superuser")


@receiver(pre_save, sender=Membership)
def _remember_membership(sender, instance, **kwargs):
    stored = Membership.objects.filter(pk=instance.pk) if instance.pk else Membership.objects.none()
    instance._audit_previous = stored.values(*MEMBERSHIP_FIELDS).first()


@receiver(post_save, sender=Membership)
def _membership_saved(sender, instance, created, **kwargs):
    """A membership given, moved to another organisation or person, or changed in role,
    profession or team: each is its own event, whoever made it and wherever."""
    previous = getattr(instance, "_audit_previous", None)
    if created or previous is None:
        _record_membership(AuditEvent.Action.MEMBERSHIP_ADDED, instance, previous_role="")
        return
    if (previous["organisation_id"], previous["user_id"]) != (
        instance.organisation_id,
        instance.user_id,
    ):
        _record_move(instance, previous)
        return
    if previous["role"] != instance.role:
        _record_membership(AuditEvent.Action.ROLE_CHANGED, instance, previous_role=previous["role"])
    if (previous["profession_id"], previous["team_id"]) != (
        instance.profession_id,
        instance.team_id,
    ):
        record_event(
            action=AuditEvent.Action.MEMBERSHIP_CHANGED,
            target=f"user:{instance.user_id}",
            organisation_id=instance.organisation_id,
            person=instance.user.get_username(),
            profession=instance.profession.code,
            previous_profession=_profession_code(previous["profession_id"]),
            team=instance.team_id,
            previous_team=previous["team_id"],
        )


def _record_membership(action: str, instance: Membership, *, previous_role: str) -> None:
    record_event(
        action=action,
        target=f"user:{instance.user_id}",
        organisation=instance.organisation,
        person=instance.user.get_username(),
        role=instance.role,
        previous_role=previous_role,
        membership=instance.pk,
    )


def _record_move(instance: Membership, previous: dict) -> None:
    """A membership that now belongs to another organisation or person is recorded for both
    organisations, so that the administrators of each see it."""
    organisations = dict(
        Organisation.objects.filter(
            pk__in=[previous["organisation_id"], instance.organisation_id]
        ).values_list("pk", "code")
    )
    for organisation_id in dict.fromkeys([previous["organisation_id"], instance.organisation_id]):
        record_event(
            action=AuditEvent.Action.MEMBERSHIP_MOVED,
            target=f"user:{instance.user_id}",
            organisation_id=organisation_id,
            person=instance.user.get_username(),
            previous_person=_username(previous["user_id"]),
            organisation_code=organisations.get(instance.organisation_id, ""),
            previous_organisation_code=organisations.get(previous["organisation_id"], ""),
            role=instance.role,
            previous_role=previous["role"],
            membership=instance.pk,
        )


def _username(user_id: int) -> str:
    return User.objects.filter(pk=user_id).values_list("username", flat=True).first() or ""


def _profession_code(profession_id: int) -> str:
    return Profession.objects.filter(pk=profession_id).values_list("code", flat=True).first() or ""


@receiver(pre_save, sender=User)
def _remember_rights(sender, instance, update_fields=None, **kwargs):
    touches_rights = update_fields is None or bool(set(update_fields) & set(RIGHTS))
    stored = User.objects.filter(pk=instance.pk) if instance.pk and touches_rights else None
    instance._audit_previous_rights = stored.values(*RIGHTS).first() if stored is not None else None


@receiver(post_save, sender=User)
def _rights_saved(sender, instance, created, **kwargs):
    """Superuser status opens the Django admin over every organisation: record who gave or
    took it (and staff status or the account's use) from whom."""
    previous = getattr(instance, "_audit_previous_rights", None)
    if not created and previous is None:
        return
    before = previous or {"is_active": True, "is_staff": False, "is_superuser": False}
    changed = {
        field: getattr(instance, field)
        for field in RIGHTS
        if before[field] != getattr(instance, field)
    }
    if changed:
        record_event(
            action=AuditEvent.Action.RIGHTS_CHANGED,
            target=f"user:{instance.pk}",
            person=instance.get_username(),
            **changed,
        )


@receiver(post_delete, sender=Membership)
def _membership_removed(sender, instance, **kwargs):
    record_event(
        action=AuditEvent.Action.MEMBERSHIP_REMOVED,
        target=f"user:{instance.user_id}",
        organisation_id=instance.organisation_id,
        person=_username(instance.user_id),
        previous_role=instance.role,
        membership=instance.pk,
    )


def pseudonym_for(user_id: int) -> str:
    """The stable pseudonym of a deleted account: the same for all its events, so they stay
    linked, and keyed with the secret key, so that the id cannot be guessed back from it."""
    digest = salted_hmac(_PSEUDONYM_SALT, str(user_id), algorithm="sha256").hexdigest()[:12]
    return f"{PSEUDONYM_MARK}{digest}"


@receiver(pre_delete, sender=User)
def _account_deleting(sender, instance, **kwargs):
    # Before the deletion empties the actor column, while it still says whose events they are.
    AuditEvent.objects.pseudonymise(
        user_id=instance.pk, pseudonym=pseudonym_for(instance.pk), username=instance.username
    )


@receiver(post_delete, sender=User)
def _account_deleted(sender, instance, **kwargs):
    pseudonym = pseudonym_for(instance.pk)
    record_event(action=AuditEvent.Action.DELETE, target=f"user:{instance.pk}", name=pseudonym)
    # The memberships removed with the account were recorded meanwhile, by name.
    AuditEvent.objects.pseudonymise(
        user_id=instance.pk, pseudonym=pseudonym, username=instance.username
    )
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
watch_deletions(Team, organisation_field="organisation_id")
