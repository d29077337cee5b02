"""Horizontal bar charts of a table's counts: SVG for the page and the PDF, PNG for the DOCX.

Only shown counts are drawn; a hidden count gets its marker ("<5", "x") and no bar, so a
chart never tells more than its table. A total row ("All observations") is left out: its
bar would dwarf the categories it sums. Labels are wrapped, never cut. Both pictures are
drawn from one layout, so the SVG and the PNG show the same bars. Colours and the axis
scale come from the analysis charts, so every chart in Sora looks alike.
"""

from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass
from pathlib import Path

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from analysis.charts import RECENT_FILL, TEXT_FILL, nice_ceiling
from reports.content import Cell, Table

# Narrow enough that the labels stay legible when a phone scales the chart to its width.
WIDTH = 480
LINE = 16
BAR = 18
GAP = 8
LABEL_WIDTH = 200
VALUE_WIDTH = 50
FONT_SIZE = 13
LABEL_CHARS = 26  # about what fits in LABEL_WIDTH at FONT_SIZE in DejaVu Sans
MAX_BARS = 15
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


@dataclass(frozen=True)
class Bar:
    lines: list[str]
    cell: Cell
    top: float  # y of the row's first line
    length: float  # the bar's length in the plot

    @property
    def middle(self) -> float:
        return self.top + max(len(self.lines) * LINE, BAR) / 2


@dataclass(frozen=True)
class Layout:
    bars: list[Bar]
    height: int


def layout(table: Table) -> Layout | None:
    """Where each bar and label goes; None when the table has no chart."""
    if table.chart_column < 0 or not table.rows:
        return None
    shown = table.bars()[:MAX_BARS]
    top = nice_ceiling(max([cell.value or 0 for _label, cell in shown] + [1]))
    plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    bars, y = [], 4.0
    for label, cell in shown:
        lines = textwrap.wrap(label, LABEL_CHARS, break_long_words=False) or [""]
        bars.append(Bar(lines, cell, y, round(plot * (cell.value or 0) / top, 1)))
        y += max(len(lines) * LINE, BAR) + GAP
    return Layout(bars, round(y))


def bar_chart(table: Table, element_id: str) -> SafeString:
    """The chart of ``table.chart_column`` as an inline ``<svg role="img">``; empty if none."""
    drawn = layout(table)
    if drawn is None:
        return SafeString("")
    rows = [_svg_bar(bar) for bar in drawn.bars]
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="report-chart" role="img" '
        'viewBox="0 0 {} {}" aria-labelledby="{}-title {}-desc" id="{}" font-size="{}" '
        'font-family="DejaVu Sans, sans-serif">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}</svg>',
        WIDTH,
        drawn.height,
        element_id,
        element_id,
        element_id,
        FONT_SIZE,
        element_id,
        table.chart_title,
        element_id,
        description(table),
        format_html_join("", "{}", ((row,) for row in rows)),
    )


def description(table: Table) -> str:
    return _("The same figures are in the table “%(caption)s”.") % {"caption": table.caption}


def _svg_bar(bar: Bar) -> SafeString:
    first = bar.middle - (len(bar.lines) - 1) * LINE / 2 + 5
    label = format_html_join(
        "",
        '<tspan x="{}" y="{}">{}</tspan>',
        ((LABEL_WIDTH - 6, round(first + i * LINE, 1), line) for i, line in enumerate(bar.lines)),
    )
    return format_html(
        '<text text-anchor="end" fill="{}">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>'
        '<text x="{}" y="{}" fill="{}">{}</text>',
        TEXT_FILL,
        label,
        LABEL_WIDTH,
        round(bar.middle - BAR / 2, 1),
        bar.length,
        BAR,
        RECENT_FILL,
        LABEL_WIDTH + bar.length + 4,
        round(bar.middle + 5, 1),
        TEXT_FILL,
        bar.cell.text,
    )


def png_chart(table: Table, scale: int = 3) -> bytes | None:
    """The same chart as a PNG (for the DOCX, which cannot hold SVG everywhere); ``scale``
    pixels per SVG unit keep it sharp in print. None when the table has no chart."""
    from PIL import Image, ImageDraw, ImageFont

    drawn = layout(table)
    if drawn is None:
        return None
    image = Image.new("RGB", (WIDTH * scale, drawn.height * scale), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT), FONT_SIZE * scale)
    for bar in drawn.bars:
        first = bar.middle - (len(bar.lines) - 1) * LINE / 2
        for index, line in enumerate(bar.lines):
            at = ((LABEL_WIDTH - 6) * scale, (first + index * LINE) * scale)
            draw.text(at, line, fill=TEXT_FILL, font=font, anchor="rm")
        top = (bar.middle - BAR / 2) * scale
        if bar.length:
            box = (LABEL_WIDTH * scale, top, (LABEL_WIDTH + bar.length) * scale, top + BAR * scale)
            draw.rectangle(box, fill=RECENT_FILL)
        at = ((LABEL_WIDTH + bar.length + 4) * scale, bar.middle * scale)
        draw.text(at, bar.cell.text, fill=TEXT_FILL, font=font, anchor="lm")
    buffer = io.BytesIO()
    image.save(buffer, "PNG", dpi=(96 * scale, 96 * scale))
    return buffer.getvalue()
