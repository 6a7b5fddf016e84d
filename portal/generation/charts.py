"""Horizontal bar charts computed at build time, as a table of real text
whose bars are small inline SVGs (no script, no library, no inline style,
which the Content Security Policy forbids): the labels and values keep the
page's text size on any screen, and screen readers read a plain table."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    shown: str  # the value as the reader's language writes it
    length: float  # percent of the longest bar


@dataclass(frozen=True)
class BarChart:
    title: str
    bars: list[Bar]


def bar_chart(title: str, rows: list[tuple[str, float, str]]) -> BarChart:
    """``rows`` are (label, value, formatted value), drawn in the given order."""
    largest = max((value for _label, value, _shown in rows), default=0) or 1
    bars = [Bar(label=label, value=value, shown=shown, length=round(100 * value / largest, 1)) for label, value, shown in rows]
    return BarChart(title=title, bars=bars)
