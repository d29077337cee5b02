"""Server-rendered SVG charts that need no JavaScript and pass the Content-Security-Policy.

The policy forbids inline styles, so colours are SVG presentation attributes (which page CSS
may still override through the classes); every chart is an image with a title and a
description for assistive technology, and the page shows the same numbers in a table beside
it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

WIDTH = 480
HEIGHT = 240
_LEFT, _RIGHT, _TOP, _BOTTOM = 40, 8, 30, 26
_FONT_SIZE = 13

# Contrast against white: recent bars 8.9:1, baseline bars 3.6:1, reference line 6.9:1.
RECENT_FILL = "#0b4f6c"
BASELINE_FILL = "#6f8a99"
REFERENCE_STROKE = "#b00020"
AXIS_STROKE = "#4a545e"
GRID_STROKE = "#c9d1d8"
TEXT_FILL = "#1b1f23"


@dataclass(frozen=True)
class WeeklyChart:
    """Weekly counts with the last ``recent_weeks`` set apart and the baseline rate drawn in.

    ``x_labels`` names the first and the last week; ``legend`` names the recent bars and the
    reference line, in the reader's language.
    """

    counts: Sequence[int]
    recent_weeks: int
    title: str
    description: str
    element_id: str
    x_labels: tuple[str, str] = ("", "")
    reference: float | None = None
    legend: tuple[str, str] = ("", "")


def weekly_bar_chart(chart: WeeklyChart) -> SafeString:
    """The chart as an inline ``<svg role="img">`` fragment, safe to insert into a page."""
    top = nice_ceiling(max([*chart.counts, chart.reference or 0, 1]))
    parts = [
        *_grid(top),
        *_bars(chart, top),
        *_reference(chart, top),
        *_x_axis(chart),
        *_legend(chart),
    ]
    body = format_html_join("", "{}", ((part,) for part in parts))
    return format_html("{}{}</svg>", _open(chart), body)


def nice_ceiling(value: float) -> int:
    """The smallest 1, 2 or 5 × 10^k at or above ``value``: round numbers for the axis."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if step * power >= value:
            return int(step * power)
    return int(10 * power)


def _plot_width() -> float:
    return WIDTH - _LEFT - _RIGHT


def _plot_height() -> float:
    return HEIGHT - _TOP - _BOTTOM


def _y(value: float, top: int) -> float:
    return _TOP + _plot_height() * (1 - value / top)


def _open(chart: WeeklyChart) -> SafeString:
    title_id = f"{chart.element_id}-title"
    desc_id = f"{chart.element_id}-desc"
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        'viewBox="0 0 {} {}" aria-labelledby="{} {}" id="{}" font-size="{}">'
        '<title id="{}">{}</title><desc id="{}">{}</desc>',
        WIDTH,
        HEIGHT,
        title_id,
        desc_id,
        chart.element_id,
        _FONT_SIZE,
        title_id,
        chart.title,
        desc_id,
        chart.description,
    )


def _grid(top: int) -> list[SafeString]:
    """Horizontal lines at zero, half and the top of the scale, each with its value."""
    lines = []
    for value in [0, top // 2, top] if top % 2 == 0 else [0, top]:
        y = round(_y(value, top), 1)
        stroke = AXIS_STROKE if value == 0 else GRID_STROKE
        lines.append(
            format_html(
                '<line class="chart-grid" x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}"/>'
                '<text class="chart-label" x="{}" y="{}" text-anchor="end" fill="{}">{}</text>',
                _LEFT,
                WIDTH - _RIGHT,
                y,
                y,
                stroke,
                _LEFT - 6,
                round(y + _FONT_SIZE / 3, 1),
                TEXT_FILL,
                value,
            )
        )
    return lines


def _bars(chart: WeeklyChart, top: int) -> list[SafeString]:
    count = len(chart.counts)
    slot = _plot_width() / max(count, 1)
    gap = min(2.0, slot * 0.2)
    first_recent = count - chart.recent_weeks
    bars = []
    for index, value in enumerate(chart.counts):
        if value <= 0:
            continue
        recent = index >= first_recent
        y = _y(value, top)
        bars.append(
            format_html(
                '<rect class="chart-bar{}" x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
                " chart-bar--recent" if recent else "",
                round(_LEFT + index * slot + gap / 2, 2),
                round(y, 2),
                round(slot - gap, 2),
                round(_TOP + _plot_height() - y, 2),
                RECENT_FILL if recent else BASELINE_FILL,
            )
        )
    if 0 < chart.recent_weeks < count:
        x = round(_LEFT + first_recent * slot, 2)
        bars.append(
            format_html(
                '<line class="chart-divider" x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" '
                'stroke-dasharray="2 2"/>',
                x,
                x,
                _TOP,
                _TOP + _plot_height(),
                AXIS_STROKE,
            )
        )
    return bars


def _reference(chart: WeeklyChart, top: int) -> list[SafeString]:
    """The baseline's mean per week, so a reader sees how far the recent bars stray from it."""
    if chart.reference is None:
        return []
    y = round(_y(chart.reference, top), 2)
    return [
        format_html(
            '<line class="chart-reference" x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" '
            'stroke-width="2" stroke-dasharray="6 4"/>',
            _LEFT,
            WIDTH - _RIGHT,
            y,
            y,
            REFERENCE_STROKE,
        )
    ]


def _x_axis(chart: WeeklyChart) -> list[SafeString]:
    first, last = chart.x_labels
    y = HEIGHT - 8
    return [
        format_html(
            '<text class="chart-label" x="{}" y="{}" fill="{}">{}</text>'
            '<text class="chart-label" x="{}" y="{}" text-anchor="end" fill="{}">{}</text>',
            _LEFT,
            y,
            TEXT_FILL,
            first,
            WIDTH - _RIGHT,
            y,
            TEXT_FILL,
            last,
        )
    ]


def _legend(chart: WeeklyChart) -> list[SafeString]:
    recent_label, reference_label = chart.legend
    parts = []
    if recent_label:
        parts.append(
            format_html(
                '<rect class="chart-bar chart-bar--recent" x="{}" y="8" width="12" height="12" '
                'fill="{}"/><text class="chart-label" x="{}" y="18" fill="{}">{}</text>',
                _LEFT,
                RECENT_FILL,
                _LEFT + 16,
                TEXT_FILL,
                recent_label,
            )
        )
    if reference_label and chart.reference is not None:
        x = _LEFT + _plot_width() / 2
        parts.append(
            format_html(
                '<line class="chart-reference" x1="{}" x2="{}" y1="14" y2="14" stroke="{}" '
                'stroke-width="2" stroke-dasharray="6 4"/>'
                '<text class="chart-label" x="{}" y="18" fill="{}">{}</text>',
                x,
                x + 20,
                REFERENCE_STROKE,
                x + 26,
                TEXT_FILL,
                reference_label,
            )
        )
    return parts
