"""Small template helpers for the observation form and for showing stored texts."""

import re

from django import forms, template
from django.conf import settings
from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils.functional import LazyObject
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

register = template.Library()

LANGUAGE_CODES = frozenset(code for code, _name in settings.LANGUAGES)
TEXT_ANSWERS = frozenset({"short_text", "long_text"})


@register.simple_tag
def error_forms(*forms):
    """The forms on a page that have errors, in page order, for the error summary."""
    return [form for form in forms if form is not None and form.is_bound and form.errors]


@register.simple_tag(takes_context=True)
def page_has_errors(context) -> bool:
    """Whether a form on the page came back with errors, for the "Error:" that begins the
    page's title (WCAG 3.3.1): the title is what a screen reader reads first of a new page.
    Forms are looked for among the page's values and in the lists and pairs it holds."""
    for value in context.flatten().values():
        if isinstance(value, LazyObject):  # never evaluated here: the CSRF token is one
            continue
        if any(_has_errors(item) for item in _with_members(value)):
            return True
    return False


def _with_members(value):
    if isinstance(value, list | tuple):
        for member in value:
            yield from member if isinstance(member, tuple) else (member,)
    else:
        yield value


def _has_errors(item) -> bool:
    return isinstance(item, forms.BaseForm) and item.is_bound and bool(item.errors)


@register.simple_tag
def bound_field(form, name):
    return form[name]


@register.simple_tag
def guard_panel(form, name):
    """The highlighted personal-data findings for one field, if the guard found any."""
    panel = form.guard_results.get(name)
    if panel is None:
        return ""
    _describe_by_panel(form[name])
    return render_to_string(
        "reporting/_guard_panel.html", {"panel": panel, "confirmed": form.confirmed}
    )


def _describe_by_panel(field) -> None:
    """Tie the field to the list of what was found in it (WCAG 1.3.1): its error, then the
    findings, then its help. The panel is rendered just before its field."""
    ids = [f"{field.auto_id}_error"] if field.errors else []
    ids.append(f"guard-{field.name}-found")
    if field.help_text:
        ids.append(f"{field.auto_id}_helptext")
    field.field.widget.attrs["aria-describedby"] = " ".join(ids)


@register.simple_tag
def field_group(form, name):
    """A field with its label, help and errors.

    An empty form renders the same option lists for everyone who reads it in the same
    language, so that HTML is kept per process and reused: the observation form has about
    a hundred options and rendering them was most of the page's cost.
    """
    if name not in form.fields:
        return ""  # asked elsewhere, as a forum session's kept choices are
    field = form[name]
    if field.errors:
        # A folded list with an error opens, so the error summary's link reaches its boxes.
        field.field.widget.open = True
    # A bound form shows what was typed; a continued draft brings its own values. Neither is
    # shared, and a person's text never goes into the cache.
    if form.is_bound or (name in form.initial and name != "language"):
        return field.as_field_group()
    campaign = getattr(getattr(form, "campaign", None), "pk", None)
    key = f"field:{get_language()}:{type(form).__name__}:{campaign}:{name}:{field.value()}"
    html = caches["fragments"].get(key)
    if html is None:
        html = field.as_field_group()
        caches["fragments"].set(key, html, 600)
    return html


@register.filter
def mark_confirmed(text, records):
    """The text with every word its writer confirmed as "not personal data" highlighted, so
    that analysts see what was let through and can redact it."""
    words = sorted(
        {r["text"] for r in records or () if isinstance(r, dict) and r.get("text")},
        key=len,
        reverse=True,
    )
    if not text or not words:
        return text
    note = _("confirmed by its writer as not personal data")
    parts, position = [], 0
    for match in re.finditer("|".join(re.escape(word) for word in words), text):
        parts.append(escape(text[position : match.start()]))
        parts.append(
            format_html(
                '<mark class="confirmed">{}<span class="visually-hidden"> ({})</span></mark>',
                match.group(),
                note,
            )
        )
        position = match.end()
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308  (every part is escaped above)


@register.filter
def lang_of(item):
    """`` lang="sv"`` for the element that shows a stored text, so that a Swedish observation
    in the Finnish interface is read out in Swedish (WCAG 3.1.2); nothing when the language is
    unknown. ``item`` is a language code or something with a ``language``: an observation, a
    supplement, a report. A quote or a campaign text answer is in its observation's language;
    a chosen option of a campaign answer is not the writer's text and gets nothing."""
    if isinstance(item, str):
        language = item
    elif hasattr(item, "question") and item.question.kind not in TEXT_ANSWERS:
        return ""
    else:
        language = getattr(item, "language", None)
        if language is None and getattr(item, "observation_id", None) is not None:
            language = item.observation.language
    if language not in LANGUAGE_CODES:
        return ""
    return format_html(' lang="{}"', language)
