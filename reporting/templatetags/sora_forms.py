"""Small template helpers for the observation form."""

from django import template
from django.template.loader import render_to_string

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
