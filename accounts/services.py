"""An organisation administrator's work on the organisation's people and teams."""

import secrets

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template import loader
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from accounts import tasks
from accounts.audit import record_event
from accounts.models import AuditEvent, Membership, Organisation, Profession, Team, User

# An organisation's people ------------------------------------------------------------------
#
# The organisation is always the one the administrator's page was fetched for (through
# ``access.get_organisation_for_admin``), never a value sent by the browser, so a role can be
# given only there. The audit events of every membership change come from the model signals
# in ``audit.py``.


def _check_team(organisation: Organisation, team: Team | None) -> None:
    if team is not None and team.organisation_id != organisation.pk:
        raise ValidationError(_("Choose a team of this organisation."), code="team")


@transaction.atomic
def add_member(
    *,
    organisation: Organisation,
    user: User,
    role: str,
    profession: Profession,
    team: Team | None = None,
) -> Membership:
    """Give an existing account a role in the organisation."""
    _check_team(organisation, team)
    if Membership.objects.filter(organisation=organisation, user=user).exists():
        raise ValidationError(
            _("%(name)s is already a member of this organisation.") % {"name": user.get_username()},
            code="member",
        )
    return Membership.objects.create(
        organisation=organisation, user=user, role=role, profession=profession, team=team
    )


@transaction.atomic
def create_member_account(
    *,
    organisation: Organisation,
    username: str,
    email: str,
    first_name: str,
    last_name: str,
    role: str,
    profession: Profession,
    team: Team | None = None,
    language: str = settings.LANGUAGE_CODE,
) -> Membership:
    """Create an account with a role in the organisation and e-mail its owner, in their
    language, a link for choosing a password (Django's password reset link). Nobody, the
    administrator included, ever knows the account's first password: it is random and never
    shown."""
    user = User(
        username=username,
        email=email,
        first_name=first_name,
        last_name=last_name,
        language=language,
    )
    user.set_password(secrets.token_urlsafe(32))
    user.save()
    record_event(
        action=AuditEvent.Action.ACCOUNT_CREATED,
        target=f"user:{user.pk}",
        organisation=organisation,
        person=user.get_username(),
    )
    membership = add_member(
        organisation=organisation, user=user, role=role, profession=profession, team=team
    )
    _send_set_password_email(user, organisation)
    return membership


def _send_set_password_email(user: User, organisation: Organisation) -> None:
    context = {
        "user": user,
        "organisation": organisation,
        "link": settings.SITE_URL
        + reverse(
            "accounts:password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        ),
        "reset_url": settings.SITE_URL + reverse("accounts:password_reset"),
        "days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
    }
    with translation.override(user.language or settings.LANGUAGE_CODE):
        subject = loader.render_to_string("accounts/email/account_created_subject.txt", context)
        body = loader.render_to_string("accounts/email/account_created.txt", context)
    tasks.send_email.enqueue(subject=" ".join(subject.split()), body=body, to=[user.email])


@transaction.atomic
def change_member(
    *,
    membership: Membership,
    by: User,
    role: str,
    profession: Profession,
    team: Team | None = None,
) -> Membership:
    """Change a member's role, profession or team. An administrator's own role stays as it
    is, so that an organisation never loses its last administrator by a slip."""
    _check_team(membership.organisation, team)
    if membership.user_id == by.pk and role != membership.role:
        raise ValidationError(
            _("You cannot change your own role. Ask another administrator."), code="own"
        )
    membership.role, membership.profession, membership.team = role, profession, team
    membership.save(update_fields=["role", "profession", "team"])
    return membership


@transaction.atomic
def remove_member(*, membership: Membership, by: User) -> None:
    """Take away a person's role in the organisation; their account stays, with its roles
    elsewhere."""
    if membership.user_id == by.pk:
        raise ValidationError(
            _("You cannot remove your own membership. Ask another administrator."), code="own"
        )
    membership.delete()


# An organisation's teams -------------------------------------------------------------------


@transaction.atomic
def create_team(*, organisation: Organisation, name: str) -> Team:
    return Team.objects.create(organisation=organisation, name=name)


@transaction.atomic
def rename_team(*, team: Team, name: str) -> Team:
    team.name = name
    team.save(update_fields=["name"])
    return team


@transaction.atomic
def delete_team(*, team: Team) -> None:
    """Delete a team; its members stay in the organisation without a team."""
    team.delete()
