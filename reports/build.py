"""Drafting a report: run every section, suppress small counts over the whole report once,
and name it, all in the report's own language."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from reports import periods, publication
from reports.content import Content, Section, protect_sections, show_sections
from reports.definition import Definition
from reports.facts import Facts
from reports.sections import SECTIONS


@dataclass
class Built:
    """The shown content, and the figures behind it as the version keeps them."""

    content: Content
    figures: dict


def build_content(
    definition: Definition, *, progress: Callable[[float], None] | None = None
) -> Content:
    """The shown content of a report; ``progress`` hears the share of sections done."""
    return build(definition, progress=progress).content


def build(definition: Definition, *, progress: Callable[[float], None] | None = None) -> Built:
    """The content and the figures of a report. A public report's counts are protected
    together with the figures public reports showed before (``publication``)."""
    with translation.override(definition.language):
        facts = Facts(definition)
        drafted = draft(facts, progress=progress)
        links = publication.links_for(definition)
        values, constraints, status = protect_sections(drafted, facts.threshold, links)
        content = Content(
            title=definition.title or periods.report_title(definition.period),
            subtitle=_subtitle(definition),
            language=definition.language,
            threshold=facts.threshold,
            generated=date_format(timezone.localdate(), "SHORT_DATE_FORMAT"),
            scope=definition.scope_label or _("The whole county"),
            sections=show_sections(drafted, facts.threshold, status),
            county=settings.SORA_COUNTY_NAME or definition.organisation_name,
        )
    return Built(content, publication.figures_of(definition, values, constraints, status))


def draft(facts: Facts, *, progress: Callable[[float], None] | None = None) -> list[Section]:
    """Every section with its counts as specified, before the suppression."""
    drafted = []
    for index, make in enumerate(SECTIONS, 1):
        section = make(facts)
        if section is not None:
            drafted.append(section)
        if progress is not None:
            progress(index / len(SECTIONS))
    return drafted


def _dates(period: periods.Period) -> str:
    return "{}–{}".format(
        date_format(period.first_day, "SHORT_DATE_FORMAT"),
        date_format(period.last_day, "SHORT_DATE_FORMAT"),
    )


def _subtitle(definition: Definition) -> str:
    return _("%(scope)s, %(dates)s") % {
        "scope": definition.scope_label or _("The whole county"),
        "dates": _dates(definition.period),
    }
