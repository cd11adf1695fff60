"""Layout of the dependency diagrams, computed in plain Python without drawing anything.

The diagram is a layered drawing (Sugiyama style) read left to right:

* **columns** are layers, by default the *waves* of the requirement graph
  (an item's column is the length of its longest chain of prerequisites);
* **lanes** are horizontal bands, one per service, so the items of a service
  stay together;
* inside each lane and column the items are ordered to reduce edge crossings
  (barycentre sweeps, then adjacent swaps), and placed vertically close to
  the items they connect to (a least-squares placement solved exactly by
  pool-adjacent-violators);
* an edge that spans several columns passes through reserved slots in the
  columns between, so no arrow is drawn across a box.

Box sizes come from the wrapped text, measured with the advance widths of
DejaVu Sans (the font :mod:`analyser.plot` draws with) times a safety factor,
so boxes never overlap and their text fits at the chosen font size.

Coordinates are points (1/72 inch) with the origin at the top left and y
growing downwards. Everything is deterministic: ties are broken by
:func:`analyser.text.vocabulary.natural_key` of the node ids.

The work is split by phase: :mod:`._layers` (columns, lanes, dummy nodes),
:mod:`._crossings` (the order inside the columns), :mod:`._placement` (box
sizes and coordinates), :mod:`._routing` (edges); :mod:`._driver` runs them.

Examples
--------
>>> g = nx.DiGraph([("A", "B"), ("A", "C"), ("B", "D"), ("C", "D")])
>>> lay = layout_diagram(g, {n: f"{n}\\nName of {n}" for n in g})
>>> lay.layers
(('A',), ('B', 'C'), ('D',))
>>> boxes_overlap(lay), lay.crossings
([], 0)
>>> lay.boxes["A"].right < lay.boxes["B"].left
True
"""

from analyser.plot.layout._driver import boxes_overlap, layout_diagram
from analyser.plot.layout._routing import edge_path
from analyser.plot.layout._shapes import Box, Column, EdgeRoute, Lane, Layout, LayoutStyle, Line
from analyser.plot.layout._text import text_width, wrap_text

__all__ = [
    "LayoutStyle",
    "Line",
    "Box",
    "EdgeRoute",
    "Lane",
    "Column",
    "Layout",
    "layout_diagram",
    "boxes_overlap",
    "edge_path",
    "text_width",
    "wrap_text",
]
