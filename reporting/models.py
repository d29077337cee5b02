"""Observations and the vocabulary and collections they are reported through."""

import datetime
import secrets
from collections.abc import Hashable, Mapping

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation, Profession, TranslatedName
from lib.i18n import translated
from privacy.enforcement import GuardedManager

RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def ancestry_cycle(parents: Mapping[Hashable, Hashable | None], start: Hashable) -> list:
    """The cycle ``start`` would be part of under ``parents`` (child -> parent), as the path
    from ``start`` back to itself; empty when its ancestors end at a root. A cycle further up
    that does not return to ``start`` is left for its own members to report."""
    path = [start]
    seen = {start}
    node = parents.get(start)
    while node is not None:
        path.append(node)
        if node == start:
            return path
        if node in seen:
            return []
        seen.add(node)
        node = parents.get(node)
    return []


def new_receipt_code() -> str:
    """Sixteen characters from a 32-letter alphabet: 80 bits, unguessable, easy to read aloud."""
    return "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(16))


def new_link_token() -> str:
    return secrets.token_urlsafe(24)


class Municipality(TranslatedName):
    """A municipality of the county, keyed by Statistics Finland's three-digit code."""

    class Meta(TranslatedName.Meta):
        ordering = ["name_fi"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")


class TargetGroup(TranslatedName):
    class Meta(TranslatedName.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


def cycle_message(codes: list[str]) -> str:
    return _("A theme cannot be its own ancestor: %(path)s.") % {"path": " → ".join(codes)}


class Theme(TranslatedName):
    """A code in the shared codebook; themes nest under a parent theme."""

    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent theme"),
    )
    description_fi = models.TextField(_("description in Finnish"), blank=True)
    description_sv = models.TextField(_("description in Swedish"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta(TranslatedName.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    @property
    def description(self) -> str:
        return translated(self, "description")

    def ancestors(self) -> list["Theme"]:
        """The parent, its parent and so on up to a root (stopping at a cycle stored earlier)."""
        found: list[Theme] = []
        seen = {self.pk}
        theme = self.parent
        while theme is not None and theme.pk not in seen:
            found.append(theme)
            seen.add(theme.pk)
            theme = theme.parent
        return found

    def clean(self):
        """A theme cannot become its own ancestor (a new theme has no descendants yet)."""
        super().clean()
        if self.pk is None or self.parent_id is None:
            return
        parents = dict(Theme.objects.values_list("pk", "parent_id"))
        parents[self.pk] = self.parent_id
        cycle = ancestry_cycle(parents, self.pk)
        if cycle:
            codes = dict(Theme.objects.values_list("pk", "code"))
            codes[self.pk] = self.code
            raise ValidationError({"parent": cycle_message([codes[pk] for pk in cycle])})


class Campaign(models.Model):
    """A collection of observations: an open link, a targeted collection or a forum."""

    class Kind(models.TextChoices):
        OPEN = "open", _("Open collection")
        TARGETED = "targeted", _("Targeted collection")
        FORUM = "forum", _("Forum")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OPEN)
    title_fi = models.CharField(_("title in Finnish"), max_length=200)
    title_sv = models.CharField(_("title in Swedish"), max_length=200, blank=True)
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    description_fi = models.TextField(_("description in Finnish"), blank=True)
    description_sv = models.TextField(_("description in Swedish"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    owner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="owned_campaigns",
        verbose_name=_("owner organisation"),
    )
    audience = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="campaigns",
        verbose_name=_("audience organisations"),
        help_text=_("Leave empty to invite every organisation."),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    open_link_enabled = models.BooleanField(_("open link in use"), default=False)
    link_token = models.CharField(
        _("open link token"), max_length=64, unique=True, default=new_link_token, editable=False
    )
    link_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation fixed by the link"),
        help_text=_("Leave empty to let the reporter choose from the audience organisations."),
    )
    default_target_groups = models.ManyToManyField(
        "TargetGroup",
        blank=True,
        related_name="+",
        verbose_name=_("target groups chosen in advance"),
        help_text=_(
            "The form starts with these target groups ticked; the reporter may change them."
        ),
    )
    default_themes = models.ManyToManyField(
        "Theme",
        blank=True,
        related_name="+",
        verbose_name=_("themes chosen in advance"),
        help_text=_("The form starts with these themes ticked; the reporter may change them."),
    )
    questions_first = models.BooleanField(
        _("the campaign's own questions first"),
        default=False,
        help_text=_("Show the campaign's own questions before the observation form's questions."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = GuardedManager()

    class Meta:
        ordering = ["-starts_on", "title_fi"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return translated(self, "title")

    @property
    def description(self) -> str:
        return translated(self, "description")

    def is_open_on(self, day) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)

    def is_open_now(self) -> bool:
        return self.is_open_on(timezone.localdate())


class CampaignQuestion(models.Model):
    """An extra question asked with every observation of a campaign."""

    class Kind(models.TextChoices):
        SHORT_TEXT = "short_text", _("Short text")
        LONG_TEXT = "long_text", _("Long text")
        SINGLE_CHOICE = "single_choice", _("Single choice")
        MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
        SCALE = "scale", _("Scale 1–5")

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="questions", verbose_name=_("campaign")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    text_fi = models.CharField(_("question in Finnish"), max_length=500)
    text_sv = models.CharField(_("question in Swedish"), max_length=500, blank=True)
    text_en = models.CharField(_("question in English"), max_length=500, blank=True)
    choices_fi = models.TextField(_("choices in Finnish, one per line"), blank=True)
    choices_sv = models.TextField(_("choices in Swedish, one per line"), blank=True)
    choices_en = models.TextField(_("choices in English, one per line"), blank=True)
    required = models.BooleanField(_("required"), default=False)

    objects = GuardedManager()

    class Meta:
        ordering = ["campaign", "order", "id"]
        verbose_name = _("campaign question")
        verbose_name_plural = _("campaign questions")

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return translated(self, "text")

    @property
    def is_text(self) -> bool:
        return self.kind in {self.Kind.SHORT_TEXT, self.Kind.LONG_TEXT}

    def choice_list(self) -> list[tuple[str, str]]:
        """Choices as (stable value, label); the value is the line number so answers survive
        translation edits."""
        labels = translated(self, "choices").splitlines()
        return [(str(i), label.strip()) for i, label in enumerate(labels, 1) if label.strip()]


class ForumGroup(models.Model):
    """A dialogue group of a forum campaign, with the question it discusses."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="groups", verbose_name=_("forum")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name_fi = models.CharField(_("name in Finnish"), max_length=200)
    name_sv = models.CharField(_("name in Swedish"), max_length=200, blank=True)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    question_fi = models.TextField(_("question in Finnish"))
    question_sv = models.TextField(_("question in Swedish"), blank=True)
    question_en = models.TextField(_("question in English"), blank=True)

    objects = GuardedManager()

    class Meta:
        ordering = ["campaign", "order", "id"]
        verbose_name = _("dialogue group")
        verbose_name_plural = _("dialogue groups")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return translated(self, "name")

    @property
    def question(self) -> str:
        return translated(self, "question")


class ForumSession(models.Model):
    """A scribe recording one dialogue group's findings at a forum, one after another.

    What stays the same between findings (the group, the organisations, the team, the
    municipalities) is chosen once here. The scribe's page is reached only with ``token``,
    drawn with the secrets module; ``receipt_code`` is the one receipt for every finding of
    the session and shows no text, so it may be shared without letting anyone write."""

    # A club meeting lasts an evening: after this the page takes no more findings.
    OPEN_HOURS = 12

    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="forum_sessions", verbose_name=_("forum")
    )
    token = models.CharField(
        _("recording link token"),
        max_length=64,
        unique=True,
        default=new_link_token,
        editable=False,
    )
    receipt_code = models.CharField(
        _("receipt code"), max_length=16, unique=True, default=new_receipt_code, editable=False
    )
    scribe = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("scribe"),
    )
    forum_group = models.ForeignKey(
        ForumGroup,
        on_delete=models.PROTECT,
        related_name="sessions",
        verbose_name=_("dialogue group"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("main organisation"),
    )
    participating_organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="+", verbose_name=_("other organisations")
    )
    team_size = models.PositiveSmallIntegerField(_("team size"))
    team_professions = models.ManyToManyField(
        Profession, blank=True, related_name="+", verbose_name=_("professions in the team")
    )
    municipalities = models.ManyToManyField(
        Municipality, blank=True, related_name="+", verbose_name=_("municipalities")
    )
    whole_county = models.BooleanField(_("the whole county"), default=False)
    created_at = models.DateTimeField(_("started"), default=timezone.now)

    objects = GuardedManager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("forum recording session")
        verbose_name_plural = _("forum recording sessions")

    def __str__(self) -> str:
        return self.receipt_display

    @property
    def receipt_display(self) -> str:
        code = self.receipt_code
        return "-".join(code[i : i + 4] for i in range(0, len(code), 4))

    def takes_findings(self) -> bool:
        """Whether the scribe may still add findings: the forum is open and the session is
        from today's meeting."""
        fresh = timezone.now() - self.created_at < datetime.timedelta(hours=self.OPEN_HOURS)
        return fresh and self.campaign.is_open_now()


class Signal(models.TextChoices):
    CONCERN = "concern", _("Concern")
    POSITIVE = "positive", _("Positive development")


class Novelty(models.TextChoices):
    NEW = "new", _("New")
    RECURRING = "recurring", _("Recurring")
    GROWING = "growing", _("Growing")
    DECREASING = "decreasing", _("Decreasing")


class Reach(models.TextChoices):
    ONE = "1", _("One client")
    FEW = "2_5", _("2–5 clients")
    SEVERAL = "6_20", _("6–20 clients")
    MANY = "21_50", _("21–50 clients")
    VERY_MANY = "over_50", _("More than 50 clients")
    UNKNOWN = "unknown", _("Cannot say")


class Duration(models.TextChoices):
    UNDER_MONTH = "under_1m", _("Less than a month")
    MONTHS = "1_6m", _("1–6 months")
    HALF_YEAR = "6_12m", _("6–12 months")
    OVER_YEAR = "over_1y", _("More than a year")


class Channel(models.TextChoices):
    FORM = "form", _("Signed-in form")
    OPEN_LINK = "open_link", _("Open link")
    FORUM = "forum", _("Forum")
    IMPORT = "import", _("Import")


class AnsweredAs(models.TextChoices):
    ALONE = "alone", _("Alone")
    TEAM = "team", _("As a team")


class Status(models.TextChoices):
    NEW = "new", _("New")
    REVIEWED = "reviewed", _("Reviewed")
    IN_PHENOMENON = "in_phenomenon", _("In a phenomenon")
    ARCHIVED = "archived", _("Archived")


class Observation(models.Model):
    """What a professional saw in client work. Holds no client data: every free-text field
    has passed the personal-data guard before the row is written."""

    receipt_code = models.CharField(
        _("receipt code"), max_length=16, unique=True, default=new_receipt_code, editable=False
    )
    submission_key = models.UUIDField(_("submission key"), unique=True, null=True, editable=False)
    # Who sent the key and what they sent with it, as a keyed digest: a key sent again counts
    # as the same submission only from the same person (or open link) with the same content.
    submission_digest = models.CharField(
        _("submission digest"), max_length=64, blank=True, editable=False
    )
    # NULL, not "", for observations that were not imported: unique among the imported ones.
    external_id = models.CharField(  # noqa: DJ001
        _("external id"), max_length=100, unique=True, null=True
    )
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="observations",
        verbose_name=_("organisation"),
    )
    profession = models.ForeignKey(
        Profession,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("profession"),
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="observations",
        verbose_name=_("reporter"),
    )
    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="observations",
        verbose_name=_("campaign"),
    )
    forum_group = models.ForeignKey(
        ForumGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="observations",
        verbose_name=_("dialogue group"),
    )
    forum_session = models.ForeignKey(
        ForumSession,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="observations",
        verbose_name=_("forum recording session"),
    )
    # A team report may come from several organisations; ``organisation`` stays the one it
    # is reported for, counted and filtered by, and the only one whose people may read it.
    participating_organisations = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="+",
        verbose_name=_("other organisations in the team"),
    )
    text = models.TextField(_("what was observed"))
    suggestion = models.TextField(_("suggested solution"), blank=True)
    signal = models.CharField(_("signal"), max_length=20, choices=Signal.choices)
    # Blank only for imported observations whose source did not record it.
    novelty = models.CharField(_("novelty"), max_length=20, choices=Novelty.choices, blank=True)
    target_groups = models.ManyToManyField(
        TargetGroup, blank=True, related_name="observations", verbose_name=_("target groups")
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="observations", verbose_name=_("themes")
    )
    municipalities = models.ManyToManyField(
        Municipality, blank=True, related_name="observations", verbose_name=_("municipalities")
    )
    whole_county = models.BooleanField(_("the whole county"), default=False)
    reach = models.CharField(
        _("clients affected"), max_length=20, choices=Reach.choices, default=Reach.UNKNOWN
    )
    duration = models.CharField(
        _("observed for"), max_length=20, choices=Duration.choices, blank=True
    )
    answered_as = models.CharField(
        _("answered"), max_length=10, choices=AnsweredAs.choices, default=AnsweredAs.ALONE
    )
    team_size = models.PositiveSmallIntegerField(_("team size"), null=True, blank=True)
    team_professions = models.ManyToManyField(
        Profession, blank=True, related_name="+", verbose_name=_("professions in the team")
    )
    consent_to_contact = models.BooleanField(_("may be contacted"), default=False)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    privacy_confirmations = models.JSONField(
        _("words confirmed not to be personal data"), default=list, blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW, db_index=True
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now, db_index=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    text_erased_at = models.DateTimeField(
        _("free text erased"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When the retention rule erased the free text; codes and links stay."),
    )
    # The reporter may take a sent observation back: it still counts in figures and signals,
    # but its words are no longer offered as quotes or examples.
    withdrawn_at = models.DateTimeField(
        _("withdrawn by the reporter"), null=True, blank=True, editable=False
    )
    withdrawal_reason = models.TextField(_("reason for withdrawing"), blank=True, editable=False)
    # When the reporter last opened the observation: what happened after it is news to them.
    reporter_seen_at = models.DateTimeField(
        _("last read by the reporter"), null=True, blank=True, editable=False
    )

    objects = GuardedManager()

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("observation")
        verbose_name_plural = _("observations")

    def __str__(self) -> str:
        # Never the text: the admin's change log keeps what this returns.
        return self.receipt_display

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def receipt_display(self) -> str:
        code = self.receipt_code
        return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


class Supplement(models.Model):
    """A dated addition the reporter wrote to an observation they had sent. Its text has
    passed the personal-data guard like the observation's."""

    observation = models.ForeignKey(
        Observation,
        on_delete=models.CASCADE,
        related_name="supplements",
        verbose_name=_("observation"),
    )
    text = models.TextField(_("supplement"))
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    privacy_confirmations = models.JSONField(
        _("words confirmed not to be personal data"), default=list, blank=True
    )
    # The key of the form it was written in: the form sent twice adds it once.
    creation_key = models.UUIDField(_("creation key"), unique=True, editable=False)
    created_at = models.DateTimeField(_("added"), default=timezone.now, db_index=True)

    objects = GuardedManager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("supplement")
        verbose_name_plural = _("supplements")

    def __str__(self) -> str:
        return f"{self.observation_id}: {self.created_at:%Y-%m-%d %H:%M}"


class CampaignAnswer(models.Model):
    observation = models.ForeignKey(
        Observation, on_delete=models.CASCADE, related_name="answers", verbose_name=_("observation")
    )
    question = models.ForeignKey(
        CampaignQuestion,
        on_delete=models.PROTECT,
        related_name="answers",
        verbose_name=_("question"),
    )
    value = models.JSONField(_("answer"))
    privacy_confirmations = models.JSONField(
        _("words confirmed not to be personal data"), default=list, blank=True
    )

    objects = GuardedManager()

    class Meta:
        verbose_name = _("campaign answer")
        verbose_name_plural = _("campaign answers")
        constraints = [
            models.UniqueConstraint(fields=["observation", "question"], name="answer_unique")
        ]

    def __str__(self) -> str:
        return f"{self.observation_id}: {self.question_id}"

    def display(self) -> str:
        """The answer as its reader reads it, in the active language: a text as written,
        chosen options by their labels, a scale as "4 / 5"; never the stored code."""
        return answer_label(self.question, self.value)


SCALE_TOP = 5


def answer_label(question: CampaignQuestion, value) -> str:
    """A stored answer to ``question`` as words: one function for every page and file that
    shows answers. An option no longer on the list shows its stored number."""
    if value in (None, "", []):
        return ""
    if question.is_text:
        return str(value)
    if question.kind == CampaignQuestion.Kind.SCALE:
        return f"{value} / {SCALE_TOP}"
    labels = dict(question.choice_list())
    values = value if isinstance(value, list) else [value]
    return ", ".join(labels.get(str(chosen), str(chosen)) for chosen in values)


class Draft(models.Model):
    """A half-written observation a signed-in reporter saved on the server to finish later.

    Its free text has passed the personal-data guard like a submission's; only its writer
    sees it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="drafts"
    )
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, null=True, blank=True)
    data = models.JSONField(default=dict)
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, default="fi"
    )
    privacy_confirmations = models.JSONField(
        _("words confirmed not to be personal data"), default=list, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = GuardedManager()

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("draft")
        verbose_name_plural = _("drafts")

    def __str__(self) -> str:
        return f"{self.user} {self.updated_at:%Y-%m-%d %H:%M}"

    @property
    def excerpt(self) -> str:
        return (self.data.get("text") or [""])[0][:80]
