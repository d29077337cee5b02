"""What analysts make of observations: phenomena, links and memos."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from lib.i18n import translated
from notices.models import Frequency
from privacy.enforcement import GuardedManager, GuardedQuerySet
from reporting.models import Observation


class PhenomenonQuerySet(GuardedQuerySet):
    def active(self) -> "PhenomenonQuerySet":
        return self.filter(status=Phenomenon.Status.ACTIVE)


class Phenomenon(models.Model):
    """A named group of observations that describe the same thing (ilmiö)."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        MERGED = "merged", _("Merged into another")
        ARCHIVED = "archived", _("Archived")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="phenomena",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE, db_index=True
    )
    # The key of the form that created it: the same form sent twice creates one phenomenon.
    creation_key = models.UUIDField(_("creation key"), unique=True, null=True, editable=False)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_from",
        verbose_name=_("merged into"),
    )
    observations = models.ManyToManyField(
        Observation,
        through="PhenomenonLink",
        related_name="phenomena",
        verbose_name=_("observations"),
    )
    privacy_confirmations = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PhenomenonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("phenomenon")
        verbose_name_plural = _("phenomena")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"],
                condition=models.Q(status="active"),
                name="phenomenon_unique_active_name",
            )
        ]

    def __str__(self) -> str:
        return self.name


class PhenomenonLink(models.Model):
    class How(models.TextChoices):
        MANUAL = "manual", _("Linked by an analyst")
        SUGGESTION = "suggestion", _("Accepted suggestion")
        IMPORT = "import", _("Imported")
        SIGNAL = "signal", _("From an early signal")

    phenomenon = models.ForeignKey(
        Phenomenon, on_delete=models.CASCADE, related_name="links", verbose_name=_("phenomenon")
    )
    observation = models.ForeignKey(
        Observation,
        on_delete=models.CASCADE,
        related_name="phenomenon_links",
        verbose_name=_("observation"),
    )
    how = models.CharField(_("how"), max_length=20, choices=How.choices, default=How.MANUAL)
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("linked by"),
    )
    linked_at = models.DateTimeField(_("linked"), auto_now_add=True)

    class Meta:
        verbose_name = _("phenomenon link")
        verbose_name_plural = _("phenomenon links")
        constraints = [
            models.UniqueConstraint(fields=["phenomenon", "observation"], name="link_unique")
        ]

    def __str__(self) -> str:
        return f"{self.phenomenon} ← {self.observation_id}"


class Memo(models.Model):
    """An analyst's note on an observation, written for the analyst's organisation. Free
    text: it passes the personal-data guard."""

    observation = models.ForeignKey(
        Observation, on_delete=models.CASCADE, related_name="memos", verbose_name=_("observation")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    # The organisation the author wrote for: its analysts see the author's name, the partners
    # it shares with see the author's role, nobody else sees the memo. Empty for memos written
    # before it was kept whose author's organisation could not be told.
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    text = models.TextField(_("memo"))
    privacy_confirmations = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = GuardedManager()

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("memo")
        verbose_name_plural = _("memos")

    def __str__(self) -> str:
        return f"{self.observation_id} {self.created_at:%Y-%m-%d %H:%M}"


class Indicator(models.Model):
    """An official statistic imported from a Sotkanet export, shown beside related themes."""

    code = models.CharField(_("code"), max_length=100, unique=True)
    name_fi = models.CharField(_("name in Finnish"), max_length=300)
    name_sv = models.CharField(_("name in Swedish"), max_length=300, blank=True)
    name_en = models.CharField(_("name in English"), max_length=300, blank=True)
    themes = models.ManyToManyField(
        "reporting.Theme", blank=True, related_name="indicators", verbose_name=_("themes")
    )

    objects = GuardedManager()

    class Meta:
        ordering = ["name_fi"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return translated(self, "name")


class IndicatorValue(models.Model):
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="values", verbose_name=_("indicator")
    )
    region = models.CharField(_("region"), max_length=200)
    municipality = models.ForeignKey(
        "reporting.Municipality",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.FloatField(_("value"))

    objects = GuardedManager()

    class Meta:
        ordering = ["indicator", "region", "-year"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "region", "year"], name="indicator_value_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.region} {self.year}: {self.value}"


class TextVector(models.Model):
    """What the text analysis needs of one observation, computed once when it is saved:
    its multilingual embedding, its content terms and its language."""

    observation = models.OneToOneField(
        Observation, on_delete=models.CASCADE, related_name="text_vector"
    )
    model = models.CharField(max_length=100)
    embedding = models.BinaryField()
    terms = models.JSONField(default=list)
    language = models.CharField(max_length=5)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("text vector")
        verbose_name_plural = _("text vectors")

    def __str__(self) -> str:
        return f"{self.observation_id} ({self.model})"


class SuggestionRun(models.Model):
    """One background computation of phenomenon suggestions for an analyst's scope."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Running")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    scope = models.JSONField(default=list)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    state = models.CharField(max_length=20, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("suggestion run")
        verbose_name_plural = _("suggestion runs")

    def __str__(self) -> str:
        return f"{self.organisation} {self.created_at:%Y-%m-%d %H:%M} {self.state}"


class AssignmentSuggestion(models.Model):
    run = models.ForeignKey(SuggestionRun, on_delete=models.CASCADE, related_name="assignments")
    observation = models.ForeignKey(Observation, on_delete=models.CASCADE, related_name="+")
    phenomenon = models.ForeignKey(Phenomenon, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField()
    # how well the observation fits the phenomenon, 0..1 (analysis.text.assign): shown as %
    score = models.FloatField(default=0.0)

    class Meta:
        ordering = ["observation_id", "rank"]

    def __str__(self) -> str:
        return f"{self.observation_id} → {self.phenomenon_id} ({self.rank})"

    @property
    def percent(self) -> int:
        return round(100 * self.score)


class DiscoveredGroup(models.Model):
    run = models.ForeignKey(SuggestionRun, on_delete=models.CASCADE, related_name="groups")
    label = models.CharField(max_length=200)
    observations = models.ManyToManyField(Observation, related_name="+")
    examples = models.JSONField(default=list)
    accepted = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.label


class SignalRun(models.Model):
    """One background computation of the early signals for a scope, as of one day.

    ``scope`` lists the organisations whose observations are counted, ``phenomenon_scope``
    those whose phenomena are, and ``scope_key`` both as text to look runs up by. ``stamp``
    fingerprints the data the run saw, so the periodic refresh computes again only what
    changed. ``findings`` holds the listed signals as ``Finding.as_record`` made them.
    """

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Running")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    scope = models.JSONField(default=list)
    phenomenon_scope = models.JSONField(default=list)
    scope_key = models.CharField(max_length=500, db_index=True)
    as_of = models.DateField()
    state = models.CharField(max_length=20, choices=State.choices, default=State.QUEUED)
    stamp = models.CharField(max_length=200, blank=True)
    findings = models.JSONField(default=list)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Its findings were compared with the scope's earlier ones and the new ones told
    # (``signal_notices.record_run``).
    compared = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["as_of", "state"], name="analysis_signalrun_day")]
        verbose_name = _("signal run")
        verbose_name_plural = _("signal runs")

    def __str__(self) -> str:
        return f"{self.as_of} {self.scope} {self.state}"


class SignalSubscription(models.Model):
    """An analyst's wish to hear of new signals of a theme, an area and a target group; an
    empty choice means any. A theme covers its sub-themes; a subscription without a theme
    covers the phenomena of the analyst's own organisations too."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="signal_subscriptions",
        verbose_name=_("user"),
    )
    theme = models.ForeignKey(
        "reporting.Theme",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("theme"),
    )
    whole_county = models.BooleanField(_("whole county only"), default=False)
    municipality = models.ForeignKey(
        "reporting.Municipality",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    target_group = models.ForeignKey(
        "reporting.TargetGroup",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("target group"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("signal subscription")
        verbose_name_plural = _("signal subscriptions")

    def __str__(self) -> str:
        return f"{self.user}: {self.theme_id} {self.municipality_id} {self.target_group_id}"


class SignalPreference(models.Model):
    """When an analyst last looked at the signals dashboard. (How they hear of new signals is
    their notice choice for ``notices.models.Kind.NEW_SIGNAL``.)

    ``previous_visit_at`` is the end of the visit before the current one: the dashboard marks
    what was first seen after it, and keeps the marks while the person stays on the page."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="signal_preference",
        verbose_name=_("user"),
    )
    visited_at = models.DateTimeField(_("last seen on the dashboard"), null=True, blank=True)
    previous_visit_at = models.DateTimeField(_("previous visit"), null=True, blank=True)

    class Meta:
        verbose_name = _("signal preference")
        verbose_name_plural = _("signal preferences")

    def __str__(self) -> str:
        return f"{self.user}: {self.visited_at}"


class SignalSighting(models.Model):
    """A signal (its cell and direction) as one scope has seen it: when it was first seen in
    its current spell and on which day it was last listed. ``first_seen_at`` is empty for the
    signals a scope already had when Sora began to follow it."""

    scope_key = models.CharField(max_length=500)
    cell = models.CharField(max_length=120)
    first_seen_on = models.DateField()
    first_seen_at = models.DateTimeField(null=True, blank=True)
    last_seen_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope_key", "cell"], name="signal_sighting_unique")
        ]
        verbose_name = _("signal sighting")
        verbose_name_plural = _("signal sightings")

    def __str__(self) -> str:
        return f"{self.cell} {self.first_seen_on}–{self.last_seen_on}"


class SignalNotice(models.Model):
    """One new signal told to one analyst: shown in Sora, and the e-mail outbox.

    The key names the signal's spell and the person, so a run computed or recorded twice
    never tells anyone the same news twice. ``finding`` keeps the signal as the run found it.
    """

    key = models.CharField(max_length=100, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="signal_notices",
        verbose_name=_("user"),
    )
    sighting = models.ForeignKey(SignalSighting, on_delete=models.CASCADE, related_name="+")
    scope_key = models.CharField(max_length=500)
    as_of = models.DateField(_("signals up to"))
    finding = models.JSONField(default=dict)
    delivery = models.CharField(max_length=20, choices=Frequency.choices)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True, db_index=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("signal notice")
        verbose_name_plural = _("signal notices")

    def __str__(self) -> str:
        return self.key


class Assignment(models.Model):
    """Who of the analysts takes an observation forward: one assignee per observation."""

    observation = models.OneToOneField(
        Observation,
        on_delete=models.CASCADE,
        related_name="assignment",
        verbose_name=_("observation"),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="assignments",
        verbose_name=_("assignee"),
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned by"),
    )
    assigned_at = models.DateTimeField(_("assigned"))

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")

    def __str__(self) -> str:
        return f"{self.observation_id} → {self.assignee_id}"


class InboxPreference(models.Model):
    """The inbox filters an analyst used last, so that the inbox opens on them again. Holds
    only the filter form's validated values (ids, codes, dates, the order) and the person's
    own search words, which nobody else sees."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="inbox_preference",
        verbose_name=_("user"),
    )
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("inbox preference")
        verbose_name_plural = _("inbox preferences")

    def __str__(self) -> str:
        return f"{self.user}"
