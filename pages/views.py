"""The public information pages: anyone may read them, signed in or not."""

from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pages import markup
from pages.models import InfoPage


def info_page(request, slug):
    page = get_object_or_404(InfoPage, slug=slug)
    context = {"page": page, "body": markup.render(page.body)}
    if slug == InfoPage.Slug.PRIVACY:
        context["retention"] = retention_rows()
    return render(request, "pages/page.html", context)


def retention_rows() -> list[tuple[str, str]]:
    """How long this installation keeps each kind of data, read from its settings, so the
    privacy notice never disagrees with what Sora does."""
    rows = [
        (_("The free text of observations"), settings.RETENTION_TEXT_DAYS),
        (_("Unfinished drafts"), settings.RETENTION_DRAFT_DAYS),
        (_("Analysts' memos"), settings.RETENTION_MEMO_DAYS),
        (_("The audit log"), settings.RETENTION_AUDIT_DAYS),
    ]
    return [(what, _age(days)) for what, days in rows]


def _age(days: int) -> str:
    if days <= 0:
        return _("kept until an administrator removes it")
    return ngettext("%(days)s day", "%(days)s days", days) % {"days": days}
