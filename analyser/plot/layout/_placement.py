"""Placement: box sizes from their text, vertical positions, and the coordinates of lanes, columns and boxes.

Every box has the width of the widest text of the diagram, so columns line
up. Inside a lane, the items of a column are placed close to the items they
connect to: sweeps of a least-squares placement under minimum gaps, solved
exactly by pool-adjacent-violators (:func:`_pav`).
"""

from __future__ import annotations

from typing import Mapping, Sequence

from analyser.plot.layout._layers import Layered, _Dummy
from analyser.plot.layout._shapes import Box, Column, Lane, LayoutStyle, Line
from analyser.plot.layout._text import text_width, wrap_text


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


def box_sizes(g: Layered, labels: Mapping, notes: Mapping, style: LayoutStyle) -> tuple[float, dict, dict]:
    """The common box width, each item's text lines, and the height of every item and dummy."""
    nodes, layer = g.nodes, g.layer
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
    return box_w, content, height


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


def _sep(height: dict, style: LayoutStyle, a, b) -> float:
    gap = style.gap_y if not isinstance(a, _Dummy) and not isinstance(b, _Dummy) else style.gap_dummy
    return height[a] / 2 + gap + height[b] / 2


def place_vertically(g: Layered, order: list[list], height: dict, style: LayoutStyle) -> tuple[dict, dict]:
    """Centres below their lane's top (``rel``) and each lane's content height, lane by lane."""
    ncols, lane_of, preds, succs = g.ncols, g.lane_of, g.preds, g.succs
    rel: dict = {}
    lane_content: dict = {}
    for lane in g.lane_order:
        cols = [[n for n in order[i] if lane_of[n] == lane] for i in range(ncols)]
        up = {n: [m for m in preds[n] if lane_of[m] == lane] for col in cols for n in col}
        down = {n: [m for m in succs[n] if lane_of[m] == lane] for col in cols for n in col}
        for col in cols:
            y = 0.0
            for k, n in enumerate(col):
                y = height[n] / 2 if k == 0 else y + _sep(height, style, col[k - 1], n)
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
                placed = _pav(targets, weights, [_sep(height, style, a, b) for a, b in zip(col, col[1:])])
                for n, y in zip(col, placed):
                    rel[n] = y
        members = [n for col in cols for n in col]
        top = min((rel[n] - height[n] / 2 for n in members), default=0.0)
        for n in members:
            rel[n] -= top
        lane_content[lane] = max((rel[n] + height[n] / 2 for n in members), default=0.0)
    return rel, lane_content


def place_lanes(lane_order: list, lane_content: dict, lane_labels: Mapping,
                style: LayoutStyle) -> tuple[list[Lane], float]:
    """The lanes stacked below the column headers, and the height of the page."""
    lanes: list[Lane] = []
    y = style.margin + style.column_header
    for lane in lane_order:
        h = style.lane_header + lane_content[lane] + style.lane_pad
        label = str(lane_labels.get(lane, lane))
        lanes.append(Lane(lane, label, round(y, 2), round(h, 2)))
        y += h + style.lane_gap
    total_h = round(y - style.lane_gap + style.margin, 2) if lanes else style.margin * 2
    return lanes, total_h


def place_columns(ncols: int, box_w: float, column_labels: Mapping | Sequence | None, lanes: list[Lane],
                  style: LayoutStyle) -> tuple[tuple[Column, ...], float]:
    """The columns side by side, and the width of the page wide enough for every header."""
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
    return columns, round(total_w, 2)


def place_boxes(g: Layered, rel: dict, lanes: list[Lane], columns: tuple[Column, ...], box_w: float,
                content: dict, height: dict, groups: Mapping, style: LayoutStyle) -> tuple[dict, dict]:
    """Centres on the page (``centre``, dummies too) and the boxes of the items."""
    layer, lane_of = g.layer, g.lane_of
    lane_y = {ln.key: ln.y for ln in lanes}
    centre = {n: lane_y[lane_of[n]] + style.lane_header + rel[n] for n in layer}
    boxes = {}
    for n in g.nodes:
        col = columns[layer[n]]
        top = round(centre[n] - height[n] / 2, 2)
        boxes[n] = Box(n, col.x, top, box_w, height[n], layer[n], lane_of[n], groups.get(n, ""),
                       content[n], style.tab + style.pad_x)
    return centre, boxes
