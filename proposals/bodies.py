"""Who answers for a recipient body.

A body's members read the proposals sent to it, whichever organisation wrote them, with
their evidence. So a body of one organisation takes its members only from that
organisation's decision-makers (a reader membership there), chosen by its administrators,
and a person leaves the body when they stop being one. Bodies of the whole installation (no
organisation) are left to the installation administrators in the Django admin. Every change
of a body's members is recorded in the audit log, wherever it is made.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils.translation import gettext as _

from accounts.audit import record_event
from accounts.models import AuditEvent, Membership, Role, User
from proposals.models import RecipientBody


def member_candidates(body: RecipientBody) -> QuerySet:
    """The people who may be members of a body of an organisation: its decision-makers."""
    return User.objects.filter(
        is_active=True,
        memberships__organisation_id=body.organisation_id,
        memberships__role=Role.READER,
    ).order_by("last_name", "first_name", "username")


def answering_members(body: RecipientBody) -> QuerySet:
    """The members who can answer what is sent to the body: active people who hold a
    decision-maker (reader) role in an active organisation, as the decisions page asks."""
    return body.members.filter(
        is_active=True,
        memberships__role=Role.READER,
        memberships__organisation__is_active=True,
    ).distinct()


def bodies_without_answerers() -> QuerySet:
    """Active bodies that nobody could answer for: a proposal sent there would wait forever."""
    answering = RecipientBody.objects.filter(
        members__is_active=True,
        members__memberships__role=Role.READER,
        members__memberships__organisation__is_active=True,
    )
    return RecipientBody.objects.filter(is_active=True).exclude(pk__in=answering.values("pk"))


def check_members(body: RecipientBody, users) -> None:
    """Refuse members who are not decision-makers of the body's organisation."""
    if body.organisation_id is None:
        return
    allowed = set(member_candidates(body).values_list("pk", flat=True))
    refused = [user for user in users if user.pk not in allowed]
    if refused:
        names = ", ".join(user.get_username() for user in refused)
        raise ValidationError(
            _(
                "Only decision-makers (a reader role) of the body's organisation can be "
                "members: %(names)s."
            )
            % {"names": names},
            code="not_reader",
        )


@transaction.atomic
def add_body_member(*, body: RecipientBody, user: User) -> None:
    check_members(body, [user])
    body.members.add(user)


@transaction.atomic
def remove_body_member(*, body: RecipientBody, user: User) -> None:
    body.members.remove(user)


@receiver(m2m_changed, sender=RecipientBody.members.through)
def _members_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action == "pre_clear":
        # The cleared rows are not named afterwards: record them while they are known.
        bodies_and_people = _pairs(instance, reverse, None)
        instance._audit_cleared = bodies_and_people
        return
    if action == "post_clear":
        _record(AuditEvent.Action.BODY_MEMBER_REMOVED, getattr(instance, "_audit_cleared", []))
        return
    if action in ("post_add", "post_remove") and pk_set:
        kind = (
            AuditEvent.Action.BODY_MEMBER_ADDED
            if action == "post_add"
            else AuditEvent.Action.BODY_MEMBER_REMOVED
        )
        _record(kind, _pairs(instance, reverse, pk_set))


def _pairs(instance, reverse: bool, pk_set) -> list[tuple[RecipientBody, int]]:
    """(body, person id) pairs of a change, seen from the body or from the person."""
    if not reverse:
        people = pk_set if pk_set is not None else instance.members.values_list("pk", flat=True)
        return [(instance, pk) for pk in people]
    bodies = RecipientBody.objects.filter(pk__in=pk_set) if pk_set else instance.recipient_bodies
    return [(body, instance.pk) for body in bodies.all()]


def _record(action: str, pairs) -> None:
    names = dict(User.objects.filter(pk__in={pk for _, pk in pairs}).values_list("pk", "username"))
    for body, person in pairs:
        record_event(
            action=action,
            target=f"recipientbody:{body.pk}",
            organisation_id=body.organisation_id,
            person=names.get(person, ""),
            body=body.code,
        )


@receiver(pre_save, sender=Membership)
def _remember_person(sender, instance, **kwargs):
    stored = Membership.objects.filter(pk=instance.pk) if instance.pk else Membership.objects.none()
    instance._bodies_previous_user = stored.values_list("user_id", flat=True).first()


@receiver(post_save, sender=Membership)
def _membership_saved(sender, instance, **kwargs):
    for user_id in {instance.user_id, getattr(instance, "_bodies_previous_user", None)} - {None}:
        leave_bodies_without_role(user_id)


@receiver(post_delete, sender=Membership)
def _membership_removed(sender, instance, **kwargs):
    leave_bodies_without_role(instance.user_id)


def leave_bodies_without_role(user_id: int) -> None:
    """Take the person out of every organisation's body where they are no longer a
    decision-maker (a role changed, a membership removed or moved)."""
    readers_in = Membership.objects.filter(user_id=user_id, role=Role.READER).values(
        "organisation_id"
    )
    stale = RecipientBody.objects.filter(members=user_id, organisation__isnull=False).exclude(
        organisation_id__in=readers_in
    )
    for body in stale:
        body.members.remove(user_id)
