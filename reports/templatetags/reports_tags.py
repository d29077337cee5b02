"""Template helpers for report content."""

from django import template

from reports import charts

register = template.Library()


@register.simple_tag
def report_chart(table, prefix=""):
    return charts.bar_chart(table, f"{prefix}chart-{table.id}")
