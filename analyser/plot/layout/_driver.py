"""The layout as a whole: :func:`layout_diagram` runs the phases in order, :func:`boxes_overlap` checks the result."""

from __future__ import annotations

from typing import Mapping, Sequence

from analyser.plot.layout._crossings import reduce_crossings
from analyser.plot.layout._layers import _Dummy, assign_layers
from analyser.plot.layout._placement import box_sizes, place_boxes, place_columns, place_lanes, place_vertically
from analyser.plot.layout._routing import fit_width, route_edges
from analyser.plot.layout._shapes import Layout, LayoutStyle
from analyser.text.vocabulary import natural_key


def layout_diagram(
    graph,
    labels: Mapping,
    groups: Mapping | None = None,
    services: Mapping | None = None,
    *,
    notes: Mapping | None = None,
    lane_labels: Mapping | None = None,
    layers: Mapping | None = None,
    column_labels: Mapping | Sequence | None = None,
    style: LayoutStyle | None = None,
) -> Layout:
    """Lay out a dependency graph left to right.

    Parameters
    ----------
    graph : networkx.DiGraph or (nodes, edges)
        Edge ``u -> v``: ``u`` is a prerequisite of ``v``. An edge whose
        ``kind`` is ``"recommends"`` is drawn but does not decide columns.
        ``edges`` may be pairs or ``(u, v, kind)`` triples.
    labels : mapping
        Node -> text; the first line is the title (bold), the rest the name,
        wrapped to fit.
    groups : mapping, optional
        Node -> group key; items of a group are kept next to each other when
        that costs no crossing.
    services : mapping, optional
        Node -> lane key (a horizontal band per service).
    notes : mapping, optional
        Node -> a note shown small under the name (for example why it is out of reach).
    lane_labels, column_labels : optional
        Text of the lane headers and column headers.
    layers : mapping, optional
        Node -> column, instead of the waves.
    style : LayoutStyle, optional

    Returns
    -------
    Layout

    Examples
    --------
    A recommendation does not push its item into a later column; each
    service gets its own lane.

    >>> lay = layout_diagram((["A", "B", "C"], [("A", "B"), ("A", "C", "recommends")]),
    ...                      {"A": "A\\nFirst step"}, services={"A": "s1", "B": "s1", "C": "s2"},
    ...                      lane_labels={"s1": "Service 1", "s2": "Service 2"})
    >>> lay.layers, [lane.label for lane in lay.lanes]
    ((('A', 'C'), ('B',)), ['Service 1', 'Service 2'])
    >>> [(line.text, line.role) for line in lay.boxes["A"].lines]
    [('A', 'title'), ('First step', 'body')]
    >>> [(e.source, e.target, e.kind, e.shape) for e in lay.edges]
    [('A', 'B', 'requires', 'forward'), ('A', 'C', 'recommends', 'loop')]
    """
    style = style or LayoutStyle()
    groups = groups or {}
    services = services or {}
    notes = notes or {}
    lane_labels = lane_labels or {}
    g = assign_layers(graph, groups, services, layers)
    order, crossings = reduce_crossings(g, style.sweeps)
    box_w, content, height = box_sizes(g, labels, notes, style)
    rel, lane_content = place_vertically(g, order, height, style)
    lanes, total_h = place_lanes(g.lane_order, lane_content, lane_labels, style)
    columns, total_w = place_columns(g.ncols, box_w, column_labels, lanes, style)
    centre, boxes = place_boxes(g, rel, lanes, columns, box_w, content, height, groups, style)
    routes = route_edges(g, boxes, columns, centre, style)
    return Layout(
        boxes=boxes,
        edges=tuple(routes),
        lanes=tuple(lanes),
        columns=columns,
        width=fit_width(routes, total_w, style),
        height=total_h,
        layers=tuple(tuple(n for n in col if not isinstance(n, _Dummy)) for col in order),
        crossings=crossings,
        style=style,
    )


def boxes_overlap(layout: Layout, gap: float = 0.0) -> list[tuple]:
    """Pairs of boxes that overlap (or come closer than ``gap`` points).

    Examples
    --------
    >>> lay = layout_diagram((["A", "B", "C"], [("A", "B"), ("A", "C")]), {})
    >>> boxes_overlap(lay), boxes_overlap(lay, gap=1000) != []
    ([], True)
    """
    items = sorted(layout.boxes.values(), key=lambda b: natural_key(b.node))
    found = []
    for i, a in enumerate(items):
        for b in items[i + 1:]:
            if (a.left < b.right + gap and b.left < a.right + gap
                    and a.top < b.bottom + gap and b.top < a.bottom + gap):
                found.append((a.node, b.node))
    return found

