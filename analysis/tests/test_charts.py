"""The server-rendered SVG chart: accessible, escaped, and free of inline styles."""

import re
from xml.etree import ElementTree

from analysis.charts import WeeklyChart, nice_ceiling, weekly_bar_chart

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ElementTree.Element:
    return ElementTree.fromstring(svg)  # noqa: S314 - our own output, not untrusted input


def chart(**overrides) -> str:
    values = {
        "counts": [1, 0, 2, 1, 0, 1, 5, 6],
        "recent_weeks": 2,
        "title": "Housing, Seinäjoki",
        "description": "12 observations in 2 weeks, 0.9 expected.",
        "element_id": "signal-1",
        "x_labels": ("3.3.2025", "27.4.2025"),
        "reference": 0.8,
        "legend": ("Recent window", "Baseline average"),
    }
    return str(weekly_bar_chart(WeeklyChart(**(values | overrides))))


def test_it_is_an_image_named_by_its_title_and_description():
    root = parse(chart())
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "signal-1-title signal-1-desc"
    assert root.find(f"{SVG}title").text == "Housing, Seinäjoki"
    assert root.find(f"{SVG}title").get("id") == "signal-1-title"
    assert root.find(f"{SVG}desc").text.startswith("12 observations")


def test_it_draws_one_bar_per_nonzero_week_and_marks_the_recent_ones():
    root = parse(chart())
    bars = [r for r in root.iter(f"{SVG}rect") if "chart-bar" in r.get("class")]
    data_bars = bars[:-1]  # the last one is the legend's swatch
    assert len(data_bars) == 6
    assert [("chart-bar--recent" in b.get("class")) for b in data_bars] == [False] * 4 + [True] * 2
    heights = [float(b.get("height")) for b in data_bars]
    assert heights[-1] == max(heights)


def test_it_uses_no_inline_styles_or_scripts():
    svg = chart()
    assert "style=" not in svg
    assert "<script" not in svg
    assert re.search(r'fill="#[0-9a-f]{6}"', svg)


def test_it_escapes_text():
    svg = chart(title='<script>alert("x")</script> & co', x_labels=("<a>", "b"))
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    parse(svg)


def test_it_draws_an_empty_series():
    root = parse(chart(counts=[0] * 8, reference=None))
    assert not [r for r in root.iter(f"{SVG}rect") if "chart-bar--recent" not in r.get("class")]


def test_the_scale_ends_on_a_round_number():
    values = (0, 1, 1.2, 3, 7, 11, 49, 51, 100, 101)
    assert [nice_ceiling(v) for v in values] == [1, 1, 2, 5, 10, 20, 50, 100, 100, 200]
