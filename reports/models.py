"""Periodic social reports: what a report covers, its narrative, its approval and
publication, and the generated versions with their files."""

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from analysis.models import Phenomenon
from privacy.enforcement import GuardedManager
from reporting.models import Municipality, Observation, TargetGroup
from reports import periods


class Report(models.Model):
    """A report definition with the analysts' narrative. Any change to either makes a new
    revision, which needs generating and approving again before it can be published."""

    class PeriodKind(models.TextChoices):
        MONTH = "month", _("Month")
        QUARTER = "quarter", _("Quarter")
        HALF_YEAR = "half_year", _("Half-year")
        YEAR = "year", _("Year")
        CUSTOM = "custom", _("Custom dates")

    class Scope(models.TextChoices):
        COUNTY = "county", _("The whole county")
        MUNICIPALITIES = "municipalities", _("Chosen municipalities")
        ORGANISATIONS = "organisations", _("Chosen organisations")

    class Audience(models.TextChoices):
        INTERNAL = "internal", _("Internal: members of the organisations in scope")
        PUBLIC = "public", _("Public: anyone, without signing in")

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")
        PUBLISHED = "published", _("Published")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="reports",
        verbose_name=_("organisation"),
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    period_kind = models.CharField(
        _("period"), max_length=20, choices=PeriodKind.choices, default=PeriodKind.QUARTER
    )
    first_day = models.DateField(_("first day"))
    last_day = models.DateField(_("last day"))
    scope = models.CharField(_("scope"), max_length=20, choices=Scope.choices, default=Scope.COUNTY)
    municipalities = models.ManyToManyField(
        Municipality, blank=True, related_name="+", verbose_name=_("municipalities")
    )
    organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="+", verbose_name=_("organisations")
    )
    target_group = models.ForeignKey(
        TargetGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("target group"),
    )
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.INTERNAL
    )
    language = models.CharField(
        _("language of the report"), max_length=5, choices=settings.LANGUAGES, default="fi"
    )
    summary = models.TextField(_("summary"), blank=True)
    conclusions = models.TextField(_("conclusions"), blank=True)
    recommendations = models.TextField(_("recommendations"), blank=True)
    privacy_confirmations = models.JSONField(default=list, blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.DRAFT, db_index=True
    )
    revision = models.PositiveIntegerField(_("revision"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    approval_requested_from = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approval asked of"),
    )
    approval_requested_at = models.DateTimeField(_("approval asked"), null=True, blank=True)
    return_note = models.TextField(_("why it was returned"), blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_run = models.ForeignKey(
        "ReportRun",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved version"),
    )
    published_run = models.ForeignKey(
        "ReportRun",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published version"),
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = GuardedManager()

    class Meta:
        ordering = ["-first_day", "-created_at"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self) -> str:
        return self.title or self.period_title()

    def period_title(self) -> str:
        """The name the report goes by when it has no title of its own, in its own language
        (the same as its generated files' heading)."""
        period = periods.Period(self.period_kind, self.first_day, self.last_day)
        with translation.override(self.language):
            return periods.report_title(period)

    def file_stem(self) -> str:
        """The name of its files: an ASCII slug of its title."""
        return periods.file_stem(str(self)) or "sora-report"

    def file_name(self, file_format: str) -> str:
        """The same name as the reader sees it, accented letters kept, for the
        ``filename*`` of a download."""
        stem = periods.file_stem(str(self), ascii_only=False) or self.file_stem()
        return f"{stem}.{file_format}"

    @property
    def is_public(self) -> bool:
        return self.state == self.State.PUBLISHED and self.audience == self.Audience.PUBLIC

    def withdraw_approval(self) -> None:
        """Back to a draft that needs approving again (not saved here). A published version
        stays published until another one is approved and published."""
        self.state = self.State.DRAFT
        self.approved_by = None
        self.approved_at = None
        self.approved_run = None


class ReportQuote(models.Model):
    """An excerpt of an observation that an analyst chose to quote under a phenomenon of the
    report. Only chosen quotes are ever shown, and each is checked again when the report is
    generated."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="quotes", verbose_name=_("report")
    )
    phenomenon = models.ForeignKey(
        Phenomenon, on_delete=models.CASCADE, related_name="+", verbose_name=_("phenomenon")
    )
    observation = models.ForeignKey(
        Observation,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("observation"),
    )
    text = models.TextField(_("quote"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("chosen by"),
    )
    chosen_at = models.DateTimeField(_("chosen"), auto_now_add=True)

    objects = GuardedManager()

    class Meta:
        ordering = ["phenomenon_id", "position", "id"]
        verbose_name = _("report quote")
        verbose_name_plural = _("report quotes")

    def __str__(self) -> str:
        return f"{self.report_id}: {self.observation_id}"


class ReportRun(models.Model):
    """One generation of a report revision in the background, with its progress and, when
    done, the content every output was made from."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Being generated")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="runs", verbose_name=_("report")
    )
    revision = models.PositiveIntegerField(_("revision"))
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    error = models.TextField(_("error"), blank=True)
    content = models.JSONField(null=True, blank=True)
    # What the version covers and every count behind its content, hidden ones included,
    # with how it was shown: public reports are protected against each other with these
    # (reports.publication). Never shown to anyone.
    figures = models.JSONField(null=True, blank=True)
    public_since = models.DateTimeField(
        _("published to everyone"),
        null=True,
        blank=True,
        help_text=_("When this version was first published to everyone; it stays set."),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    seen = models.BooleanField(_("seen by the requester"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("report generation")
        verbose_name_plural = _("report generations")
        constraints = [
            models.UniqueConstraint(
                fields=["report"],
                condition=models.Q(state__in=["queued", "running"]),
                name="report_run_one_pending",
            )
        ]

    def __str__(self) -> str:
        return f"{self.report} r{self.revision} {self.state}"

    @property
    def is_pending(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.RUNNING)


class ReportFile(models.Model):
    """A generated document: the same content in one format."""

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "DOCX"
        XLSX = "xlsx", "XLSX"
        CSV = "csv", "CSV"
        HTML = "html", "HTML"
        JSON = "json", "JSON"

    run = models.ForeignKey(
        ReportRun, on_delete=models.CASCADE, related_name="files", verbose_name=_("generation")
    )
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    data = models.BinaryField(_("file"))

    class Meta:
        verbose_name = _("report file")
        verbose_name_plural = _("report files")
        constraints = [
            models.UniqueConstraint(fields=["run", "format"], name="report_file_unique_format")
        ]

    def __str__(self) -> str:
        return f"{self.run} {self.format}"


class PublicDownloadCount(models.Model):
    """How many times a public report's file was downloaded without signing in, on one day.

    Anyone may download a public report as often as they like; recording each of those
    downloads in the audit log would let a flood of requests fill it. They are counted here
    instead, one row per report, format and day; signed-in downloads stay in the audit log."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="+", verbose_name=_("report")
    )
    format = models.CharField(_("format"), max_length=10, choices=ReportFile.Format.choices)
    day = models.DateField(_("day"))
    count = models.PositiveIntegerField(_("downloads"), default=0)

    class Meta:
        ordering = ["-day", "report", "format"]
        verbose_name = _("public download count")
        verbose_name_plural = _("public download counts")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "format", "day"], name="public_download_count_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.report_id} {self.format} {self.day}: {self.count}"
