"""Small template helpers for the observation form and for showing stored texts."""

import re

from django import template
from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def error_forms(*forms):
    """The forms on a page that have errors, in page order, for the error summary."""
    return [form for form in forms if form is not None and form.is_bound and form.errors]


@register.simple_tag
def bound_field(form, name):
    return form[name]


@register.simple_tag
def guard_panel(form, name):
    """The highlighted personal-data findings for one field, if the guard found any."""
    panel = form.guard_results.get(name)
    if panel is None:
        return ""
    return render_to_string(
        "reporting/_guard_panel.html", {"panel": panel, "confirmed": form.confirmed}
    )


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
