"""Notices: what Sora tells a person about work that waits for them, in Sora and by e-mail."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    PROPOSAL_ARRIVED = "proposal_arrived", _("A proposal arrives for your body")
    ANSWER_DUE = "answer_due", _("An answer of your body is due")
    APPROVAL_REQUESTED = "approval_requested", _("A report is sent for your approval")
    APPROVAL_OUTCOME = "approval_outcome", _("Your report was approved or returned")
    ASSIGNED = "assigned", _("An observation was assigned to you")
    PROPOSAL_NEWS = "proposal_news", _("A proposal based on your observations moves forward")
    NEW_SIGNAL = "new_signal", _("A new signal appears in what you follow")
    CAMPAIGN_INVITED = "campaign_invited", _("A campaign invites you to report")
    CAMPAIGN_CLOSING = "campaign_closing", _("A campaign you are invited to is closing")


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("By e-mail at once")
    DAILY = "daily", _("In a daily e-mail")
    WEEKLY = "weekly", _("In a weekly e-mail")
    OFF = "off", _("Only in Sora, no e-mail")


class NoticePreference(models.Model):
    """How one person wants to hear of one kind of notice; no row means at once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notice_preferences",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    frequency = models.CharField(
        _("how to tell me"), max_length=20, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notice_preference_unique")
        ]
        verbose_name = _("notice preference")
        verbose_name_plural = _("notice preferences")

    def __str__(self) -> str:
        return f"{self.user}: {self.kind} {self.frequency}"


class Notice(models.Model):
    """One event told to one person: listed in Sora, and the e-mail outbox.

    ``key`` names the event and the person, so an event recorded twice (a retried request or
    task) is told once. The notice holds no text: it names its kind, the object (a proposal,
    a report or an observation) and the event, and is written out in the reader's language
    when it is shown or sent."""

    key = models.CharField(max_length=150, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notices",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    event = models.CharField(max_length=40, blank=True)
    email = models.CharField(max_length=20, choices=Frequency.choices)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True, db_index=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"], name="notice_user_unread")]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")

    def __str__(self) -> str:
        return self.key
