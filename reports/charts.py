"""Horizontal bar charts of a table's counts, as SVG for the page and the PDF.

Only shown counts are drawn; a hidden count gets its marker ("<5", "x") and no bar, so a
chart never tells more than its table. Colours and the axis scale come from the analysis
charts, so every chart in Sora looks alike.
"""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from analysis.charts import RECENT_FILL, TEXT_FILL, nice_ceiling
from reports.content import Table

# Narrow enough that the labels stay legible when a phone scales the chart to its width.
WIDTH = 480
ROW = 24
LABEL_WIDTH = 200
VALUE_WIDTH = 50
FONT_SIZE = 13
MAX_BARS = 15


def bar_chart(table: Table, element_id: str) -> SafeString:
    """The chart of ``table.chart_column`` as an inline ``<svg role="img">``; empty if none."""
    if table.chart_column < 0 or not table.rows:
        return SafeString("")
    bars = table.bars()[:MAX_BARS]
    top = nice_ceiling(max([cell.value or 0 for _label, cell in bars] + [1]))
    height = ROW * len(bars) + 8
    plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    rows = []
    for index, (label, cell) in enumerate(bars):
        y = 4 + index * ROW
        length = round(plot * (cell.value or 0) / top, 1)
        rows.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" fill="{}">{}</text>'
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>'
                '<text x="{}" y="{}" fill="{}">{}</text>',
                LABEL_WIDTH - 6,
                y + 15,
                TEXT_FILL,
                _clip(label),
                LABEL_WIDTH,
                y + 3,
                length,
                ROW - 6,
                RECENT_FILL,
                LABEL_WIDTH + length + 4,
                y + 15,
                TEXT_FILL,
                cell.text,
            )
        )
    description = _("The same figures are in the table “%(caption)s”.") % {"caption": table.caption}
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="report-chart" role="img" '
        'viewBox="0 0 {} {}" aria-labelledby="{}-title {}-desc" id="{}" font-size="{}" '
        'font-family="DejaVu Sans, sans-serif">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}</svg>',
        WIDTH,
        height,
        element_id,
        element_id,
        element_id,
        FONT_SIZE,
        element_id,
        table.chart_title,
        element_id,
        description,
        format_html_join("", "{}", ((row,) for row in rows)),
    )


def _clip(label: str, limit: int = 24) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"
