"""Bar charts for the curator dashboard as plain SVG geometry: computed here, drawn by templates/admin.html.
No chart library and nothing from a CDN; the numbers are always in a table beside the chart as well."""
from __future__ import annotations

from dataclasses import dataclass

BAR_WIDTH = 160  # pixels for the largest value of a horizontal bar


@dataclass(frozen=True)
class Column:
    """One vertical bar: its label, value and place in the chart."""
    label: str
    value: int
    x: float
    y: float
    width: float
    height: float


def columns(points: list[tuple[str, int]], width: float = 720, height: float = 160) -> list[Column]:
    """Vertical bars for (label, value) points side by side, the largest value filling the height."""
    largest = max((value for _, value in points), default=0) or 1
    step = width / max(len(points), 1)
    bars = []
    for i, (label, value) in enumerate(points):
        tall = round(height * value / largest, 1)
        bars.append(Column(label, value, round(i * step, 1), round(height - tall, 1), round(step * 0.8, 1), tall))
    return bars


def bar_length(value: float, largest: float, full: float = BAR_WIDTH) -> float:
    """The length of a horizontal bar for `value` when `largest` fills `full` pixels."""
    return round(full * value / largest, 1) if largest else 0.0
