from django.db import models
from django.utils.translation import gettext_lazy as _

from lib.i18n import FALLBACK_ORDER, current_language, translated
from privacy.enforcement import GuardedManager


class InfoPage(models.Model):
    """A public page of the installation (accessibility statement, privacy notice, help),
    in Finnish, Swedish and English, written by the installation's administrators."""

    class Slug(models.TextChoices):
        ACCESSIBILITY = "accessibility", _("Accessibility statement")
        PRIVACY = "privacy", _("Privacy notice")
        HELP = "help", _("Help")

    slug = models.SlugField(_("page"), max_length=40, unique=True, choices=Slug.choices)
    title_fi = models.CharField(_("title in Finnish"), max_length=200)
    title_sv = models.CharField(_("title in Swedish"), max_length=200, blank=True)
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    body_fi = models.TextField(
        _("text in Finnish"),
        help_text=_(
            "Paragraphs are separated by an empty line. A line starting with “## ” is a "
            "heading; lines starting with “- ” form a list. Web and e-mail addresses "
            "become links."
        ),
    )
    body_sv = models.TextField(_("text in Swedish"), blank=True)
    body_en = models.TextField(_("text in English"), blank=True)
    contact = models.CharField(
        _("contact"),
        max_length=500,
        blank=True,
        help_text=_(
            "The county's contact for this page: an e-mail address, a phone number or a web "
            "address of the service, never a person's own. Shown at the end of the page."
        ),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = GuardedManager()

    class Meta:
        verbose_name = _("information page")
        verbose_name_plural = _("information pages")
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.get_slug_display()

    @property
    def title(self) -> str:
        return translated(self, "title")

    @property
    def body(self) -> str:
        return translated(self, "body")

    @property
    def language(self) -> str:
        """The language the text is shown in: the page's own, or the first one written."""
        for code in (current_language(), *FALLBACK_ORDER):
            if getattr(self, f"body_{code}", ""):
                return code
        return current_language()
