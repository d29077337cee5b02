"""Action proposals (toimenpide-ehdotukset), the bodies they go to, their life and the
notifications that tell reporters what became of their observations."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation, TranslatedName
from analysis.models import Indicator, Phenomenon
from privacy.enforcement import GuardedManager
from reporting.models import Municipality, Observation, TargetGroup, Theme


class RecipientBody(TranslatedName):
    """A body that receives proposals: the county board, a service area's management group,
    a municipality's welfare working group, an NGO partnership table. Its members who hold a
    reader (decision-maker) membership read the proposals addressed to it and answer them.

    A body of one organisation has that organisation's decision-makers as members, chosen by
    its administrators; a body without one (the county board) belongs to the installation and
    is managed in the Django admin."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="recipient_bodies",
        verbose_name=_("organisation"),
        help_text=_(
            "The organisation whose administrators choose the members, from its "
            "decision-makers. Empty for a body of the whole installation, whose members only "
            "installation administrators choose."
        ),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="recipient_bodies",
        verbose_name=_("members"),
        help_text=_("People who answer for the body. Only those with a reader role may answer."),
    )
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta(TranslatedName.Meta):
        verbose_name = _("recipient body")
        verbose_name_plural = _("recipient bodies")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PREPARATION = "preparation", _("In preparation")
    SUBMITTED = "submitted", _("Submitted to the recipient")
    ANSWERED = "answered", _("Answered")
    IMPLEMENTATION = "implementation", _("In implementation")
    IMPLEMENTED = "implemented", _("Implemented")
    CLOSED = "closed", _("Closed")


class Decision(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    PARTLY = "partly", _("Partly accepted")
    REJECTED = "rejected", _("Rejected")
    MORE_INFO = "more_info", _("More information needed")


EDITABLE = frozenset({Status.DRAFT, Status.PREPARATION})
# Proposals the recipient has received: decision-makers and reporters see only these.
DELIVERED = frozenset(
    {Status.SUBMITTED, Status.ANSWERED, Status.IMPLEMENTATION, Status.IMPLEMENTED, Status.CLOSED}
)


class ActionProposal(models.Model):
    """A concrete proposal prepared from phenomena, with its evidence and its life."""

    creation_key = models.UUIDField(unique=True, null=True, editable=False)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="proposals",
        verbose_name=_("organisation"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_proposals",
        verbose_name=_("owning analyst"),
    )
    title = models.CharField(_("title"), max_length=200)
    problem = models.TextField(_("the problem"), blank=True)
    proposed_action = models.TextField(_("the proposed action"), blank=True)
    rationale = models.TextField(_("rationale"), blank=True)
    expected_effect = models.TextField(_("expected effect"), blank=True)
    recipient = models.ForeignKey(
        RecipientBody,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("recipient body"),
    )
    phenomena = models.ManyToManyField(
        Phenomenon, blank=True, related_name="proposals", verbose_name=_("phenomena")
    )
    observations = models.ManyToManyField(
        Observation, blank=True, related_name="proposals", verbose_name=_("observations")
    )
    indicators = models.ManyToManyField(
        Indicator, blank=True, related_name="proposals", verbose_name=_("indicators")
    )
    target_groups = models.ManyToManyField(
        TargetGroup, blank=True, related_name="+", verbose_name=_("target groups")
    )
    municipalities = models.ManyToManyField(
        Municipality, blank=True, related_name="+", verbose_name=_("municipalities")
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="+", verbose_name=_("themes"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    answer_due_on = models.DateField(_("answer requested by"), null=True, blank=True)
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices, blank=True)
    response_text = models.TextField(_("official response"), blank=True)
    response_date = models.DateField(_("date of the response"), null=True, blank=True)
    decision_section = models.CharField(_("section of the minutes"), max_length=40, blank=True)
    minutes_url = models.URLField(_("link to the minutes"), max_length=500, blank=True)
    public_summary = models.TextField(_("public summary"), blank=True)
    signal = models.CharField(
        _("early signal"),
        max_length=120,
        blank=True,
        help_text=_("The early signal the proposal was started from, as its token."),
    )
    is_public = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    privacy_confirmations = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = GuardedManager()

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("action proposal")
        verbose_name_plural = _("action proposals")

    def __str__(self) -> str:
        return self.title

    @property
    def answer_is_overdue(self) -> bool:
        return (
            self.status == Status.SUBMITTED
            and self.answer_due_on is not None
            and self.answer_due_on < timezone.localdate()
        )

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE

    @property
    def is_delivered(self) -> bool:
        return self.status in DELIVERED

    @property
    def progress(self) -> int | None:
        """Mean progress of the milestones, in per cent; None without milestones."""
        values = [m.progress for m in self.milestones.all()]
        return round(sum(values) / len(values)) if values else None


class Transition(models.Model):
    """One step of a proposal's life: who moved it from which status to which, and when."""

    proposal = models.ForeignKey(
        ActionProposal,
        on_delete=models.CASCADE,
        related_name="transitions",
        verbose_name=_("action proposal"),
    )
    action = models.CharField(_("action"), max_length=20)
    from_status = models.CharField(_("from"), max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Status.choices)
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices, blank=True)
    recipient = models.ForeignKey(
        RecipientBody,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent to"),
        help_text=_("The body the step sent the proposal to, when it sent it somewhere."),
    )
    reason = models.TextField(_("reason"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("time"), default=timezone.now)

    objects = GuardedManager()

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.proposal_id}: {self.from_status} → {self.to_status}"


class Quote(models.Model):
    """An excerpt of an evidence observation chosen as a quote, in the observation's own
    words. It passes the strict quote check when it is added and again before the proposal
    is submitted; no name is ever confirmed in a quote."""

    proposal = models.ForeignKey(
        ActionProposal, on_delete=models.CASCADE, related_name="quotes", verbose_name=_("proposal")
    )
    observation = models.ForeignKey(
        Observation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("observation"),
    )
    text = models.TextField(_("quote"))

    objects = GuardedManager()

    class Meta:
        ordering = ["id"]
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")

    def __str__(self) -> str:
        return f"{self.proposal_id}: {self.observation_id}"


class Milestone(models.Model):
    proposal = models.ForeignKey(
        ActionProposal,
        on_delete=models.CASCADE,
        related_name="milestones",
        verbose_name=_("proposal"),
    )
    title = models.CharField(_("milestone"), max_length=200)
    due_on = models.DateField(_("due date"))
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    note = models.TextField(_("note"), blank=True)

    objects = GuardedManager()

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.title

    @property
    def is_overdue(self) -> bool:
        return self.progress < 100 and self.due_on < timezone.localdate()
