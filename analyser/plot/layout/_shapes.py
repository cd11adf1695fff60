"""The records a layout is made of: its style, boxes and their text lines, routed edges, lanes, columns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Hashable


@dataclass(frozen=True)
class LayoutStyle:
    """Sizes (points) the layout uses; :mod:`analyser.plot` draws with the same numbers."""

    title_size: float = 9.5
    font_size: float = 8.5
    note_size: float = 7.5
    line_spacing: float = 1.28
    text_width: float = 114.0        # wrap the name at this width
    min_inner: float = 90.0
    width_factor: float = 1.08       # safety margin on estimated text widths
    pad_x: float = 6.0
    pad_y: float = 5.0
    tab: float = 5.0                 # coloured tab at the left edge of a box
    strip: float = 0.0               # room kept free at the right edge of a box (a status pattern)
    note_gap: float = 2.0
    gap_y: float = 14.0              # between boxes in a column
    gap_dummy: float = 7.0           # between a box and a passing edge
    dummy_h: float = 2.0
    gap_x: float = 50.0              # between columns, room for the arrows
    port_spacing: float = 6.0
    lane_header: float = 20.0
    lane_pad: float = 10.0
    lane_gap: float = 6.0
    lane_label_size: float = 9.0
    column_header: float = 22.0
    column_label_size: float = 10.0
    margin: float = 10.0
    sweeps: int = 24
    placement_sweeps: int = 12

    def line_height(self, size: float) -> float:
        return size * self.line_spacing


@dataclass(frozen=True)
class Line:
    """One line of text in a box: ``dy`` is its centre below the box top."""

    text: str
    size: float
    role: str  # "title", "body" or "note"
    dy: float

    @property
    def bold(self) -> bool:
        return self.role == "title"

    @property
    def italic(self) -> bool:
        return self.role == "note"


@dataclass(frozen=True)
class Box:
    """A node's rectangle: top-left ``(x, y)``, size ``(w, h)``, and its text lines."""

    node: Hashable
    x: float
    y: float
    w: float
    h: float
    layer: int
    lane: Hashable
    group: Hashable
    lines: tuple[Line, ...]
    text_x: float  # where the text starts, from the box's left edge

    @property
    def left(self) -> float:
        return self.x

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def top(self) -> float:
        return self.y

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2


@dataclass(frozen=True)
class EdgeRoute:
    """How an edge is drawn.

    ``shape`` is "forward" (left to right: first point on the source's right
    edge, last on the target's left edge, the pairs between are where it
    passes through columns), "loop" (both ends in one column: right edge to
    right edge) or "backward" (the target's column is left of the source's).
    """

    source: Hashable
    target: Hashable
    kind: str
    points: tuple[tuple[float, float], ...]
    shape: str = "forward"


@dataclass(frozen=True)
class Lane:
    key: Hashable
    label: str
    y: float
    h: float


@dataclass(frozen=True)
class Column:
    layer: int
    x: float
    w: float
    label: str


@dataclass(frozen=True)
class Layout:
    """The computed diagram: boxes, routed edges, lanes and columns, in points."""

    boxes: dict
    edges: tuple[EdgeRoute, ...]
    lanes: tuple[Lane, ...]
    columns: tuple[Column, ...]
    width: float
    height: float
    layers: tuple[tuple, ...]
    crossings: int
    style: LayoutStyle
