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

Examples
--------
>>> import networkx as nx
>>> g = nx.DiGraph([("A", "B"), ("A", "C"), ("B", "D"), ("C", "D")])
>>> lay = layout_diagram(g, {n: f"{n}\\nName of {n}" for n in g})
>>> lay.layers
(('A',), ('B', 'C'), ('D',))
>>> boxes_overlap(lay), lay.crossings
([], 0)
>>> lay.boxes["A"].right < lay.boxes["B"].left
True
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Hashable, Mapping, Sequence

from analyser.planning.views import wave_layers
from analyser.text.vocabulary import natural_key

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

# Advance widths (em) of DejaVu Sans and DejaVu Sans Bold, measured with FreeType.
# Characters not listed count as a full em, which over-estimates: boxes only grow.
_WIDTH_CHARS = ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~åäöÅÄÖéÉèüÜšžŠŽõÕøØæÆ–—‘’“”…✓·×→'
_WIDTHS_REGULAR = (
    "0.318,0.401,0.46,0.838,0.637,0.951,0.78,0.275,0.391,0.391,0.5,0.838,0.318,0.361,0.318,0.337,0.63"
    "7,0.637,0.637,0.637,0.637,0.637,0.637,0.637,0.637,0.637,0.337,0.337,0.838,0.838,0.838,0.531,1.0,"
    "0.685,0.687,0.699,0.771,0.632,0.576,0.775,0.752,0.295,0.295,0.656,0.558,0.863,0.749,0.788,0.604,"
    "0.788,0.695,0.635,0.611,0.732,0.685,0.989,0.686,0.611,0.686,0.391,0.337,0.391,0.838,0.5,0.5,0.61"
    "3,0.635,0.55,0.635,0.616,0.353,0.635,0.634,0.278,0.278,0.58,0.278,0.975,0.634,0.612,0.635,0.635,"
    "0.412,0.521,0.393,0.634,0.592,0.818,0.592,0.592,0.525,0.637,0.337,0.637,0.838,0.613,0.613,0.612,"
    "0.685,0.685,0.788,0.616,0.632,0.616,0.634,0.732,0.521,0.525,0.635,0.686,0.612,0.788,0.612,0.788,"
    "0.982,0.975,0.5,1.0,0.318,0.318,0.519,0.519,1.0,0.838,0.318,0.838,0.838"
)
_WIDTHS_BOLD = (
    "0.349,0.457,0.521,0.838,0.696,1.002,0.873,0.307,0.458,0.458,0.523,0.838,0.38,0.416,0.38,0.366,0."
    "696,0.696,0.696,0.696,0.696,0.696,0.696,0.696,0.696,0.696,0.4,0.4,0.838,0.838,0.838,0.581,1.0,0."
    "774,0.763,0.734,0.831,0.684,0.684,0.821,0.837,0.373,0.373,0.775,0.638,0.996,0.837,0.851,0.733,0."
    "851,0.771,0.721,0.683,0.813,0.774,1.104,0.771,0.725,0.726,0.458,0.366,0.458,0.838,0.5,0.5,0.675,"
    "0.716,0.593,0.716,0.679,0.436,0.716,0.712,0.343,0.343,0.666,0.343,1.042,0.712,0.688,0.716,0.716,"
    "0.494,0.596,0.479,0.712,0.652,0.924,0.646,0.652,0.583,0.712,0.366,0.712,0.838,0.675,0.675,0.688,"
    "0.774,0.774,0.851,0.679,0.684,0.679,0.712,0.813,0.596,0.583,0.721,0.726,0.688,0.851,0.688,0.851,"
    "1.048,1.085,0.5,1.0,0.38,0.38,0.658,0.658,1.0,0.838,0.38,0.838,0.838"
)

_W_REGULAR = dict(zip(_WIDTH_CHARS, map(float, _WIDTHS_REGULAR.split(","))))
_W_BOLD = dict(zip(_WIDTH_CHARS, map(float, _WIDTHS_BOLD.split(","))))


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Estimated width in points of one line of ``text`` at ``size`` points.

    Examples
    --------
    >>> round(text_width("SOS", 10), 1), text_width("SOS", 10, bold=True) > text_width("SOS", 10)
    (20.6, True)
    """
    table = _W_BOLD if bold else _W_REGULAR
    return size * sum(table.get(ch, 1.0) for ch in unicodedata.normalize("NFC", text))


#: Longest label text a picture shows; longer workbook text is cut with "…".
MAX_LABEL = 400


def wrap_text(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` points (a longer word keeps a line of its own).

    Explicit line breaks are kept. Words are never split, but a word or a
    text too long for any picture is cut with "…" (:data:`MAX_LABEL` characters).

    Examples
    --------
    >>> wrap_text("Rakenteinen kirjaaminen (asiakaskertomusmerkintä)", 120, 9)
    ['Rakenteinen kirjaaminen', '(asiakaskertomusmerkintä)']
    >>> wrap_text("x" * 900, 120, 9)[0][-1]
    '…'
    """
    text = str(text)
    if len(text) > MAX_LABEL:
        text = text[: MAX_LABEL - 1] + "…"
    lines: list[str] = []
    for paragraph in text.split("\n"):
        words = [w if len(w) <= 60 else w[:59] + "…" for w in paragraph.split()]
        if not words:
            continue
        current = words[0]
        for word in words[1:]:
            candidate = f"{current} {word}"
            if text_width(candidate, size, bold) <= width:
                current = candidate
            else:
                lines.append(current)
                current = word
        lines.append(current)
    return lines


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

    def contains(self, point: tuple[float, float], tol: float = 1e-6) -> bool:
        """Whether a point lies on or inside the box."""
        px, py = point
        return self.left - tol <= px <= self.right + tol and self.top - tol <= py <= self.bottom + tol


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


@dataclass(frozen=True, order=True)
class _Dummy:
    """Where a long edge passes through a column."""

    edge: int
    layer: int






# ---------------------------------------------------------------------------
# boxes
# ---------------------------------------------------------------------------
def _box_text(label: str, note: str, style: LayoutStyle) -> tuple[list[tuple[str, float, str]], float]:
    """Lines (text, size, role) before the note is wrapped, and their widest width."""
    title, _, body = str(label).partition("\n")
    lines: list[tuple[str, float, str]] = []
    for text in wrap_text(title, style.text_width, style.title_size, bold=True):
        lines.append((text, style.title_size, "title"))
    for text in wrap_text(body, style.text_width, style.font_size):
        lines.append((text, style.font_size, "body"))
    widest = max((text_width(t, s, r == "title") for t, s, r in lines), default=0.0)
    return lines, widest


def _read_graph(graph) -> tuple[list, list[tuple]]:
    if hasattr(graph, "nodes") and hasattr(graph, "edges"):
        nodes = list(graph.nodes)
        edges = [(u, v, (d or {}).get("kind", "requires")) for u, v, d in graph.edges(data=True)]
    else:
        nodes, raw = graph
        nodes = list(nodes)
        edges = [(e[0], e[1], e[2] if len(e) > 2 else "requires") for e in raw]
    nodes = sorted(set(nodes), key=natural_key)
    known = set(nodes)
    seen = {}
    for u, v, kind in edges:
        if u in known and v in known and u != v:
            seen.setdefault((u, v), kind)
    edges = sorted(((u, v, k) for (u, v), k in seen.items()), key=lambda e: (natural_key(e[0]), natural_key(e[1])))
    return nodes, edges


def _pav(targets: Sequence[float], weights: Sequence[float], seps: Sequence[float]) -> list[float]:
    """Minimise sum w*(y - t)^2 subject to y[k+1] - y[k] >= seps[k] (exact, pool adjacent violators)."""
    offsets = [0.0]
    for s in seps:
        offsets.append(offsets[-1] + s)
    blocks: list[list[float]] = []  # [weighted sum, weight, count]
    for t, w, o in zip(targets, weights, offsets):
        blocks.append([(t - o) * w, w, 1])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            s, w2, c = blocks.pop()
            blocks[-1][0] += s
            blocks[-1][1] += w2
            blocks[-1][2] += c
    z: list[float] = []
    for s, w, c in blocks:
        z.extend([s / w] * int(c))
    return [a + o for a, o in zip(z, offsets)]


# ---------------------------------------------------------------------------
# the layout
# ---------------------------------------------------------------------------
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
    nodes, edges = _read_graph(graph)
    hard = [(u, v) for u, v, k in edges if k != "recommends"]
    layer = wave_layers(nodes, hard)
    if layers:
        layer.update({n: int(layers[n]) for n in nodes if n in layers})
    ncols = max(layer.values(), default=-1) + 1

    # lanes, in the order of their smallest id
    lane_of = {n: services.get(n, "") for n in nodes}
    lane_first: dict = {}
    for n in nodes:
        lane_first.setdefault(lane_of[n], n)
    lane_order = sorted(lane_first, key=lambda k: natural_key(lane_first[k]))
    lane_rank = {k: i for i, k in enumerate(lane_order)}
    group_first: dict = {}
    for n in nodes:
        group_first.setdefault(groups.get(n, ""), len(group_first))
    group_rank = {n: group_first[groups.get(n, "")] for n in nodes}

    # long edges get a dummy node in every column they pass
    forward = [(u, v, k) for u, v, k in edges if layer[u] < layer[v]]
    chains: list[list] = []
    for index, (u, v, kind) in enumerate(forward):
        chain = [u]
        for lv in range(layer[u] + 1, layer[v]):
            d = _Dummy(index, lv)
            layer[d] = lv
            lane_of[d] = lane_of[v]
            group_rank[d] = group_rank[v]
            chain.append(d)
        chain.append(v)
        chains.append(chain)
    segments: list[list[tuple]] = [[] for _ in range(max(ncols - 1, 0))]
    preds: dict = {n: [] for n in layer}
    succs: dict = {n: [] for n in layer}
    for chain in chains:
        for a, b in zip(chain, chain[1:]):
            segments[layer[a]].append((a, b))
            preds[b].append(a)
            succs[a].append(b)

    def base_key(n):
        if isinstance(n, _Dummy):
            u, v, _ = forward[n.edge]
            return (lane_rank[lane_of[n]], group_rank[n], 1, natural_key(u), natural_key(v))
        return (lane_rank[lane_of[n]], group_rank[n], 0, natural_key(n), ())

    order: list[list] = [[] for _ in range(ncols)]
    for n in sorted(layer, key=base_key):
        order[layer[n]].append(n)

    def pair_crossings(i: int) -> int:
        if i < 0 or i >= ncols - 1:
            return 0
        pa = {n: k for k, n in enumerate(order[i])}
        pb = {n: k for k, n in enumerate(order[i + 1])}
        segs = sorted((pa[a], pb[b]) for a, b in segments[i])
        # inversions of the lower ends (a Fenwick tree): pairs that cross strictly
        size = len(order[i + 1])
        tree = [0] * (size + 1)
        count = 0
        for seen, (_, b) in enumerate(segs):
            k, not_above = b + 1, 0
            while k > 0:
                not_above += tree[k]
                k -= k & -k
            count += seen - not_above
            k = b + 1
            while k <= size:
                tree[k] += 1
                k += k & -k
        return count

    def total_crossings() -> int:
        return sum(pair_crossings(i) for i in range(ncols - 1))

    def sort_layer(i: int, ref: int, nbrs: dict) -> None:
        pos_ref = {n: k for k, n in enumerate(order[ref])}
        new: list = []
        for lane in lane_order:
            block = [n for n in order[i] if lane_of[n] == lane]
            movable, fixed = [], {}
            for k, n in enumerate(block):
                near = [pos_ref[m] for m in nbrs[n] if m in pos_ref]
                if near:
                    movable.append((sum(near) / len(near), group_rank[n], k, n))
                else:
                    fixed[k] = n
            movable.sort(key=lambda t: t[:3])
            rest = iter(movable)
            new.extend(fixed[k] if k in fixed else next(rest)[3] for k in range(len(block)))
        order[i] = new

    pos: list[dict] = []

    def between(a, b, i: int) -> int:
        """Crossings among the edges of ``a`` and ``b`` (``a`` above ``b`` in column ``i``)."""
        count = 0
        for nbrs, ref in ((preds, i - 1), (succs, i + 1)):
            if 0 <= ref < ncols:
                here = pos[ref]
                upper = [here[m] for m in nbrs[a]]
                for m in nbrs[b]:
                    y = here[m]
                    count += sum(1 for x in upper if x > y)
        return count

    def transpose() -> None:
        """Swap neighbours (same lane) while a swap removes crossings."""
        pos[:] = [{n: k for k, n in enumerate(col)} for col in order]
        improved, rounds = True, 0
        while improved and rounds < 50:
            improved = False
            rounds += 1
            for i in range(ncols):
                col = order[i]
                for k in range(len(col) - 1):
                    a, b = col[k], col[k + 1]
                    if lane_of[a] == lane_of[b] and between(b, a, i) < between(a, b, i):
                        col[k], col[k + 1] = b, a
                        pos[i][a], pos[i][b] = k + 1, k
                        improved = True

    # one downward barycentre sweep from the id order, then alternate sweeps, each followed by
    # adjacent swaps; keep the best order seen
    for i in range(1, ncols):
        sort_layer(i, i - 1, preds)
    transpose()
    best = [list(o) for o in order]
    best_count = total_crossings()
    for sweep in range(style.sweeps):
        if best_count == 0:
            break
        if sweep % 2 == 0:
            for i in range(ncols - 2, -1, -1):
                sort_layer(i, i + 1, succs)
        else:
            for i in range(1, ncols):
                sort_layer(i, i - 1, preds)
        transpose()
        count = total_crossings()
        if count < best_count:
            best, best_count = [list(o) for o in order], count
    order[:] = best
    # a soft edge inside a column: put its ends next to each other when that costs no crossing
    for u, v, kind in edges:
        if layer[u] != layer[v] or lane_of[u] != lane_of[v]:
            continue
        i = layer[u]
        before, current = total_crossings(), list(order[i])
        rest = [n for n in current if n != v]
        at = rest.index(u)
        for slot in (at + 1, at):
            order[i] = rest[:slot] + [v] + rest[slot:]
            if total_crossings() <= before:
                break
        else:
            order[i] = current
    crossings = total_crossings()

    # box sizes
    raw = {n: _box_text(labels.get(n, str(n)), notes.get(n, ""), style) for n in nodes}
    inner = max([style.min_inner] + [w * style.width_factor for _, w in raw.values()])
    note_lines = {}
    for n in nodes:
        note_lines[n] = wrap_text(notes.get(n, ""), inner / style.width_factor, style.note_size)
        for text in note_lines[n]:
            inner = max(inner, text_width(text, style.note_size) * style.width_factor)
    box_w = round(style.tab + 2 * style.pad_x + inner + style.strip, 2)
    content: dict = {}
    height: dict = {}
    for n in nodes:
        lines = [(t, s, r) for t, s, r in raw[n][0]] + [(t, style.note_size, "note") for t in note_lines[n]]
        y = style.pad_y
        placed = []
        for k, (text, size, role) in enumerate(lines):
            if role == "note" and k and lines[k - 1][2] != "note":
                y += style.note_gap
            lh = style.line_height(size)
            placed.append(Line(text, size, role, round(y + lh / 2, 2)))
            y += lh
        content[n] = tuple(placed)
        height[n] = round(y + style.pad_y, 2)
    for d in layer:
        if isinstance(d, _Dummy):
            height[d] = style.dummy_h

    def sep(a, b) -> float:
        gap = style.gap_y if not isinstance(a, _Dummy) and not isinstance(b, _Dummy) else style.gap_dummy
        return height[a] / 2 + gap + height[b] / 2

    # vertical placement, lane by lane
    rel: dict = {}
    lane_content: dict = {}
    for lane in lane_order:
        cols = [[n for n in order[i] if lane_of[n] == lane] for i in range(ncols)]
        up = {n: [m for m in preds[n] if lane_of[m] == lane] for col in cols for n in col}
        down = {n: [m for m in succs[n] if lane_of[m] == lane] for col in cols for n in col}
        for col in cols:
            y = 0.0
            for k, n in enumerate(col):
                y = height[n] / 2 if k == 0 else y + sep(col[k - 1], n)
                rel[n] = y
        passes = []
        for sweep in range(style.placement_sweeps):
            if sweep % 2 == 0:
                passes.append((range(ncols), up))
            else:
                passes.append((range(ncols - 1, -1, -1), down))
        both = {n: up[n] + down[n] for n in up}
        passes.append((range(ncols), both))
        for columns, nbrs in passes:
            for i in columns:
                col = cols[i]
                if not col:
                    continue
                targets, weights = [], []
                for n in col:
                    near = nbrs[n]
                    if near:
                        targets.append(sum(rel[m] for m in near) / len(near))
                        weights.append(1.0 if not isinstance(n, _Dummy) else 2.0)
                    else:
                        targets.append(rel[n])
                        weights.append(0.25)
                placed = _pav(targets, weights, [sep(a, b) for a, b in zip(col, col[1:])])
                for n, y in zip(col, placed):
                    rel[n] = y
        members = [n for col in cols for n in col]
        top = min((rel[n] - height[n] / 2 for n in members), default=0.0)
        for n in members:
            rel[n] -= top
        lane_content[lane] = max((rel[n] + height[n] / 2 for n in members), default=0.0)

    # lanes and columns
    lanes: list[Lane] = []
    y = style.margin + style.column_header
    for lane in lane_order:
        h = style.lane_header + lane_content[lane] + style.lane_pad
        label = str(lane_labels.get(lane, lane))
        lanes.append(Lane(lane, label, round(y, 2), round(h, 2)))
        y += h + style.lane_gap
    total_h = round(y - style.lane_gap + style.margin, 2) if lanes else style.margin * 2
    lane_y = {ln.key: ln.y for ln in lanes}

    if isinstance(column_labels, Mapping):
        col_text = {i: str(column_labels.get(i, "")) for i in range(ncols)}
    elif column_labels is not None:
        seq = list(column_labels)
        col_text = {i: str(seq[i]) if i < len(seq) else "" for i in range(ncols)}
    else:
        col_text = {i: "" for i in range(ncols)}
    columns = tuple(Column(i, round(style.margin + i * (box_w + style.gap_x), 2), box_w, col_text[i])
                    for i in range(ncols))
    total_w = style.margin * 2 + ncols * box_w + max(ncols - 1, 0) * style.gap_x
    for ln in lanes:
        total_w = max(total_w, style.margin * 2 + 8 + text_width(ln.label, style.lane_label_size, True) * 1.1)
    for c in columns:
        total_w = max(total_w, c.x + text_width(c.label, style.column_label_size, True) * 1.1 + style.margin)
    total_w = round(total_w, 2)

    centre = {n: lane_y[lane_of[n]] + style.lane_header + rel[n] for n in layer}
    boxes = {}
    for n in nodes:
        col = columns[layer[n]]
        top = round(centre[n] - height[n] / 2, 2)
        boxes[n] = Box(n, col.x, top, box_w, height[n], layer[n], lane_of[n], groups.get(n, ""),
                       content[n], style.tab + style.pad_x)

    # edges
    def ports(node, others: list, side: str) -> dict:
        box = boxes[node]
        ranked = sorted(others, key=lambda t: (t[0], t[1]))
        k = len(ranked)
        usable = max(box.h - 2 * style.pad_y, 0.0)
        step = min(style.port_spacing, usable / (k - 1)) if k > 1 else 0.0
        return {t[2]: round(box.cy + (j - (k - 1) / 2) * step, 2) for j, t in enumerate(ranked)}

    out_ports: dict = {}
    in_ports: dict = {}
    outgoing: dict = {n: [] for n in nodes}
    incoming: dict = {n: [] for n in nodes}
    for index, chain in enumerate(chains):
        u, v = chain[0], chain[-1]
        outgoing[u].append((centre[chain[1]], base_key(chain[-1]), index))
        incoming[v].append((centre[chain[-2]], base_key(chain[0]), index))
    for n in nodes:
        out_ports.update({(n, i): y for i, y in ports(n, outgoing[n], "out").items()})
        in_ports.update({(n, i): y for i, y in ports(n, incoming[n], "in").items()})

    routes: list[EdgeRoute] = []
    for index, chain in enumerate(chains):
        u, v, kind = forward[index]
        points = [(boxes[u].right, out_ports[(u, index)])]
        for d in chain[1:-1]:
            col = columns[layer[d]]
            yd = round(centre[d], 2)
            points += [(col.x, yd), (round(col.x + col.w, 2), yd)]
        points.append((boxes[v].left, in_ports[(v, index)]))
        routes.append(EdgeRoute(u, v, kind, tuple(points), "forward"))
    for u, v, kind in edges:
        if layer[u] < layer[v]:
            continue
        a, b = boxes[u], boxes[v]
        if layer[u] == layer[v]:
            down = b.cy >= a.cy
            p = (a.right, round(a.y + a.h * (0.7 if down else 0.3), 2))
            q = (b.right, round(b.y + b.h * (0.3 if down else 0.7), 2))
            routes.append(EdgeRoute(u, v, kind, (p, q), "loop"))
        else:
            routes.append(EdgeRoute(u, v, kind, ((a.left, a.cy), (b.right, b.cy)), "backward"))
    routes.sort(key=lambda r: (natural_key(r.source), natural_key(r.target)))
    for route in routes:  # a loop at the last column bulges to the right: keep it on the page
        for command in edge_path(route, style.gap_x):
            for x, _ in command[1:]:
                total_w = max(total_w, round(x + style.margin + 2, 2))

    return Layout(
        boxes=boxes,
        edges=tuple(routes),
        lanes=tuple(lanes),
        columns=columns,
        width=total_w,
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


def edge_path(route: EdgeRoute, gap_x: float = 58.0) -> list[tuple]:
    """The drawing commands of a routed edge: ``("M", p)``, ``("L", p)`` and ``("C", c1, c2, p)``.

    A forward edge runs as horizontal-tangent cubic curves between columns
    and as straight lines through the columns it passes, so its curves stay
    in the gaps between columns and never cross a box.

    Examples
    --------
    >>> edge_path(EdgeRoute("a", "b", "requires", ((0, 0), (10, 5))))
    [('M', (0, 0)), ('C', (5.0, 0), (5.0, 5), (10, 5))]
    """
    pts = route.points
    commands: list[tuple] = [("M", pts[0])]
    if route.shape == "forward":
        for k, (p, q) in enumerate(zip(pts, pts[1:])):
            if k % 2 == 1:
                commands.append(("L", q))
            else:
                half = (q[0] - p[0]) / 2
                commands.append(("C", (p[0] + half, p[1]), (q[0] - half, q[1]), q))
        return commands
    p, q = pts[0], pts[-1]
    bulge = min(gap_x * 0.45, 12 + abs(q[1] - p[1]) * 0.25)
    if route.shape == "loop":
        commands.append(("C", (p[0] + bulge, p[1]), (q[0] + bulge, q[1]), q))
    else:
        commands.append(("C", (p[0] - bulge * 2, p[1]), (q[0] + bulge * 2, q[1]), q))
    return commands
