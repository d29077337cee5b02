"""Tokens that let another system use Sora's API as a person, and the log of what the API
disclosed to whom."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from privacy.enforcement import GuardedManager


class Scope(models.TextChoices):
    READ_OBSERVATIONS = "observations:read", _("Read observations")
    WRITE_OBSERVATIONS = "observations:write", _("Send observations")
    READ_REFERENCE = "reference:read", _("Read the codebook and reference data")
    READ_WORK = "work:read", _("Read phenomena and action proposals")


class ApiToken(models.Model):
    """A named key with chosen scopes and an expiry, acting as its person with no more rights
    than the person has. Only a digest of the key is kept: the key is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("person"),
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("beginning of the key"), max_length=12, unique=True)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    scopes = models.JSONField(_("scopes"), default=list)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    # The creating form's key: sending the form twice makes one token.
    creation_key = models.UUIDField(unique=True, null=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    objects = GuardedManager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def is_usable(self, now=None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and now < self.expires_at

    def scope_labels(self) -> list[str]:
        return [str(Scope(s).label) for s in self.scopes if s in Scope.values]


class Disclosure(models.Model):
    """One answer of the API that gave out observation data: who, through which token, which
    observations, when. Rows are only ever added."""

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("person"),
    )
    user_label = models.CharField(_("person"), max_length=200)
    token = models.ForeignKey(
        ApiToken, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("token")
    )
    token_label = models.CharField(_("token"), max_length=120)
    path = models.CharField(_("address"), max_length=300)
    filters = models.JSONField(_("filters"), default=list)
    observations = models.JSONField(_("observations"), default=list)

    objects = GuardedManager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("disclosure")
        verbose_name_plural = _("disclosures")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_label} {self.path}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Disclosures cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Disclosures cannot be deleted.")
