"""Geometry for small server-rendered SVG charts. The template draws them (escaped, like all text)."""
from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass
class Bar:
    x: float
    y: float
    w: float
    h: float
    value: int
    label: str
    tick: str  # axis label under the bar ('' for none)
    cls: str = "bar"


@dataclass
class Chart:
    width: int
    height: int
    bars: list[Bar]
    gridlines: list[tuple[float, int]]  # (y, value)
    baseline: float
    left: float
    title: str
    summary: str


def _nice_max(value: int) -> int:
    """A round top for the axis, even so that the middle gridline is a whole number."""
    if value <= 4:
        return 4
    magnitude = 10 ** int(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        top = step * magnitude
        if top >= value:
            top = int(math.ceil(top))
            return top + (top % 2)
    return value


# Drawn in a small coordinate space, so that the 12-unit text stays about 12 pixels on a 390-pixel phone.
def column_chart(points: list[tuple[str, int, str]], *, title: str, summary: str, width: int = 340,
                 height: int = 180, series_cls: str = "bar") -> Chart:
    """Vertical bars. ``points``: (full label for screen readers, value, short axis label or '')."""
    left, right, top, bottom = 30.0, 8.0, 10.0, 26.0
    top_value = _nice_max(max((v for _, v, _ in points), default=0))
    plot_w, plot_h = width - left - right, height - top - bottom
    slot = plot_w / max(1, len(points))
    bars = []
    for i, (label, value, tick) in enumerate(points):
        h = plot_h * value / top_value
        bars.append(Bar(x=left + i * slot + slot * 0.15, y=top + plot_h - h, w=max(1.0, slot * 0.7), h=h,
                        value=value, label=label, tick=tick, cls=series_cls))
    grid = [(top + plot_h - plot_h * f, int(round(top_value * f))) for f in (0, 0.5, 1)]
    return Chart(width, height, bars, grid, top + plot_h, left, title, summary)


def paired_chart(points: list[tuple[str, int, int, str]], *, title: str, summary: str, width: int = 340,
                 height: int = 180) -> Chart:
    """Two bars per slot (e.g. hidden by the service, restored by a person)."""
    left, right, top, bottom = 30.0, 8.0, 10.0, 26.0
    top_value = _nice_max(max((max(a, b) for _, a, b, _ in points), default=0))
    plot_w, plot_h = width - left - right, height - top - bottom
    slot = plot_w / max(1, len(points))
    bars = []
    for i, (label, a, b, tick) in enumerate(points):
        for j, (value, cls, what) in enumerate(((a, "bar", "hidden by the service"), (b, "bar-alt", "restored by a person"))):
            h = plot_h * value / top_value
            bars.append(Bar(x=left + i * slot + slot * (0.1 + 0.4 * j), y=top + plot_h - h, w=max(1.0, slot * 0.38),
                            h=h, value=value, label=f"{label}: {value} {what}", tick=tick if j == 0 else "", cls=cls))
    grid = [(top + plot_h - plot_h * f, int(round(top_value * f))) for f in (0, 0.5, 1)]
    return Chart(width, height, bars, grid, top + plot_h, left, title, summary)


@dataclass
class Row:
    label: str
    value: int
    w: float
    y: float


@dataclass
class BarList:
    width: int
    height: int
    label_w: float
    rows: list[Row]
    title: str
    summary: str


def bar_list(items: list[tuple[str, int]], *, title: str, summary: str, width: int = 340) -> BarList:
    """Horizontal bars with their labels above them: readable on a phone."""
    row_h = 40
    top_value = max((v for _, v in items), default=0) or 1
    plot_w = width - 40
    rows = [Row(label, value, max(2.0, plot_w * value / top_value) if value else 0.0, i * row_h)
            for i, (label, value) in enumerate(items)]
    return BarList(width, max(row_h, row_h * len(items)), 0, rows, title, summary)
