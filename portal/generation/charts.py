"""Horizontal bar charts computed at build time and drawn as inline SVG (no
script, no library); each comes with its data as a table for screen readers."""

from __future__ import annotations

from dataclasses import dataclass

WIDTH = 480
LABEL_WIDTH = 150
VALUE_WIDTH = 90
BAR_HEIGHT = 22
GAP = 8


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    shown: str  # the value as the reader's language writes it
    y: int
    length: float


@dataclass(frozen=True)
class BarChart:
    title: str
    bars: list[Bar]
    width: int = WIDTH
    label_width: int = LABEL_WIDTH

    @property
    def height(self) -> int:
        return max(1, len(self.bars)) * (BAR_HEIGHT + GAP)

    @property
    def bar_height(self) -> int:
        return BAR_HEIGHT


def bar_chart(title: str, rows: list[tuple[str, float, str]]) -> BarChart:
    """``rows`` are (label, value, formatted value), drawn in the given order."""
    largest = max((value for _label, value, _shown in rows), default=0) or 1
    span = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    bars = [
        Bar(label=label, value=value, shown=shown, y=index * (BAR_HEIGHT + GAP), length=round(span * value / largest, 1))
        for index, (label, value, shown) in enumerate(rows)
    ]
    return BarChart(title=title, bars=bars)
