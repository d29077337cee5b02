"""People, the organisations they work in, and the role each membership gives."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from lib.i18n import translated
from privacy.enforcement import GuardedManager


class TranslatedName(models.Model):
    """Reference data named in Finnish, Swedish and English, keyed by a stable code."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_fi = models.CharField(_("name in Finnish"), max_length=200)
    name_sv = models.CharField(_("name in Swedish"), max_length=200, blank=True)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = GuardedManager()

    class Meta:
        abstract = True
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return translated(self, "name")


class OrganisationType(TranslatedName):
    class Meta(TranslatedName.Meta):
        verbose_name = _("organisation type")
        verbose_name_plural = _("organisation types")


class Profession(TranslatedName):
    class Meta(TranslatedName.Meta):
        verbose_name = _("profession")
        verbose_name_plural = _("professions")


class User(AbstractUser):
    """A person who signs in. Personal details stay minimal: name, e-mail, preferences."""

    email = models.EmailField(_("e-mail address"), blank=True)
    language = models.CharField(
        _("language"),
        help_text=_("The language of the pages after signing in and of the e-mails."),
        max_length=5,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(
                models.functions.Lower("email"),
                condition=~models.Q(email=""),
                name="user_email_unique_ci",
            )
        ]


class Organisation(models.Model):
    code = models.SlugField(
        _("code"),
        max_length=60,
        unique=True,
        help_text=_("A short stable identifier used in imports and exports."),
    )
    name_fi = models.CharField(_("name in Finnish"), max_length=200)
    name_sv = models.CharField(_("name in Swedish"), max_length=200, blank=True)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    type = models.ForeignKey(
        OrganisationType, on_delete=models.PROTECT, verbose_name=_("organisation type")
    )
    is_active = models.BooleanField(_("active"), default=True)
    shares_with = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="shared_from",
        verbose_name=_("shares its observations with"),
        help_text=_("Analysts of these organisations may read this organisation's observations."),
    )

    objects = GuardedManager()

    class Meta:
        ordering = ["name_fi"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return translated(self, "name")


class Team(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="teams", verbose_name=_("organisation")
    )
    name = models.CharField(_("name"), max_length=200)

    objects = GuardedManager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="team_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    REPORTER = "reporter", _("Reporter")
    ANALYST = "analyst", _("Analyst")
    READER = "reader", _("Reader (decision-maker)")
    ADMIN = "admin", _("Administrator")


class MembershipQuerySet(models.QuerySet):
    """Memberships are written one at a time: every change reaches the audit log through the
    model's signals, which bulk writes would skip."""

    def update(self, **kwargs):
        raise ValueError("Change memberships one at a time, so that each change is audited.")

    def bulk_create(self, *args, **kwargs):
        raise ValueError("Create memberships one at a time, so that each one is audited.")

    def bulk_update(self, *args, **kwargs):
        raise ValueError("Change memberships one at a time, so that each change is audited.")


class Membership(models.Model):
    """A person's place in one organisation: the role decides what they may do there."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.REPORTER)
    profession = models.ForeignKey(
        Profession, on_delete=models.PROTECT, verbose_name=_("profession")
    )
    team = models.ForeignKey(
        Team, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("team")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name_fi"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"


# A deleted account is named in the audit log by a pseudonym that starts with this mark, which
# no username can contain.
PSEUDONYM_MARK = "#"


def shown_name(label: str) -> str:
    """An account's name as the audit log shows it; a deleted account's pseudonym says so."""
    if label.startswith(PSEUDONYM_MARK):
        return _("deleted account %(pseudonym)s") % {"pseudonym": label}
    return label


class AuditEventQuerySet(models.QuerySet):
    def delete(self):
        raise ValueError("Audit events cannot be deleted; they expire by the retention rule.")

    def update(self, **kwargs):
        raise ValueError("Audit events cannot be changed.")

    def expire(self, *, before) -> int:
        """Remove the events recorded before ``before``: only the retention rule calls this."""
        return self.filter(at__lt=before)._raw_delete(self.db)

    def pseudonymise(self, *, user_id: int, pseudonym: str, username: str = "") -> int:
        """Put ``pseudonym`` in place of a deleted account in the events it made (as their
        actor) and in the events about it (as the person named). Only the account's deletion
        calls this; the events stay, and stay linked to each other through the pseudonym."""
        changed = models.QuerySet.update(
            self.filter(actor_id=user_id), actor=None, actor_label=pseudonym
        )
        about = self.filter(target=f"user:{user_id}").values_list("pk", "detail")
        for pk, detail in about:
            named = {key: pseudonym for key in ("person", "name") if key in detail}
            if named:
                changed += models.QuerySet.update(self.filter(pk=pk), detail=detail | named)
        if username:  # a membership moved away from the account names it as its former owner
            moved = self.filter(detail__previous_person=username).values_list("pk", "detail")
            for pk, detail in moved:
                renamed = detail | {"previous_person": pseudonym}
                changed += models.QuerySet.update(self.filter(pk=pk), detail=renamed)
        return changed


class AuditEvent(models.Model):
    """One entry of the append-only record of who read, exported or changed what, when and
    from which address.

    Rows are only ever added: saving an existing row or deleting one raises an error. Events
    older than ``AUDIT_RETENTION_DAYS`` are removed by ``manage.py apply_retention``.
    """

    class Action(models.TextChoices):
        SIGN_IN = "sign_in", _("Signed in")
        SIGN_OUT = "sign_out", _("Signed out")
        SIGN_IN_FAILED = "sign_in_failed", _("Failed sign-in")
        VIEW_OBSERVATION = "view_observation", _("Viewed an observation")
        EXPORT = "export", _("Exported data")
        IMPORT = "import", _("Imported data")
        MEMBERSHIP_ADDED = "membership_added", _("Gave a role")
        ROLE_CHANGED = "role_changed", _("Changed a role")
        MEMBERSHIP_MOVED = "membership_moved", _("Moved a membership")
        MEMBERSHIP_CHANGED = "membership_changed", _("Changed a profession or team")
        MEMBERSHIP_REMOVED = "membership_removed", _("Removed a role")
        RIGHTS_CHANGED = "rights_changed", _("Changed an account's installation rights")
        ACCOUNT_CREATED = "account_created", _("Created an account")
        BODY_MEMBER_ADDED = "body_member_added", _("Added a member to a recipient body")
        BODY_MEMBER_REMOVED = "body_member_removed", _("Removed a member from a recipient body")
        DELETE = "delete", _("Deleted")
        ACCOUNT_DELETED = "account_deleted", _("Deleted own account")
        RETENTION = "retention", _("Erased data past its retention age")
        REDACT = "redact", _("Redacted a text")
        API_TOKEN_CREATED = "api_token_created", _("Created an API key")
        API_TOKEN_REVOKED = "api_token_revoked", _("Revoked an API key")
        BULK_TRIAGE = "bulk_triage", _("Changed many observations at once")
        TWO_FACTOR_ENABLED = "two_factor_enabled", _("Set up two-factor sign-in")
        TWO_FACTOR_REMOVED = "two_factor_removed", _("Removed two-factor sign-in")
        TWO_FACTOR_CODES = "two_factor_codes", _("Made new recovery codes")
        TWO_FACTOR_FAILED = "two_factor_failed", _("Gave a wrong two-factor code")

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("actor")
    )
    actor_label = models.CharField(_("actor"), max_length=200, blank=True)
    action = models.CharField(_("action"), max_length=40, choices=Action.choices, db_index=True)
    target = models.CharField(_("target"), max_length=200, blank=True)
    # No database constraint: an event keeps naming the organisation after it is deleted.
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    ip = models.GenericIPAddressField(_("address"), null=True, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.target}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit events cannot be deleted.")

    @property
    def actor_shown(self) -> str:
        return shown_name(self.actor_label)

    @property
    def person_shown(self) -> str:
        return shown_name(self.detail.get("person", ""))

    @property
    def previous_person_shown(self) -> str:
        return shown_name(self.detail.get("previous_person", ""))
