"""Figures: the dependency diagram, an organisation's status, the profile matrix and a plan's Gantt chart.

This is the only module that imports matplotlib; the CLI imports it lazily.
Figures are made with :class:`matplotlib.figure.Figure` directly (never
pyplot), so nothing depends on a GUI backend or global state.

Every figure is drawn as one "page" in points (1/72 inch): title and
subtitle, the drawing, a legend and footnotes. The page decides the figure
size, so text keeps its size and the boxes of :mod:`analyser.plot.layout`
always fit their text. Given an ``ax``, the same page is drawn into it,
scaled to fit.

The tool's own words come from :mod:`analyser.text.labels` (``lang="fi"`` or
``"en"``); workbook text (item names, service names, profile names) is shown
as written. Colours are the Okabe–Ito palette, which colour-blind readers
tell apart, and every status is also told by outline style and fill pattern,
so the figures read in grey-scale print.

Saving (:func:`save_figure`) is deterministic: SVG keeps text as text and
has a fixed hash salt and no date, so the same input gives byte-identical
SVG; PNG is 200 dpi; PDF carries no creation date.

Examples
--------
>>> import datetime as dt
>>> from analyser.load.catalogue import load_catalogue
>>> from analyser.model import build_graph
>>> c = load_catalogue(with_tasks=False)
>>> fig = dependency_diagram(c, build_graph(c), "SOS-LV", date=dt.date(2027, 1, 4))
>>> bool(fig.get_figwidth() > fig.get_figheight())
True
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Mapping, Sequence

import matplotlib
import networkx as nx
from matplotlib.figure import Figure
from matplotlib.patches import ArrowStyle, FancyArrowPatch, FancyBboxPatch, PathPatch, Rectangle
from matplotlib.path import Path as MPath

from analyser import orders
from analyser.palette import GROUP_COLOURS, OKABE_ITO, group_colours
from analyser.palette import group_order as _group_order
from analyser.palette import tint as _tint
from analyser.planning.views import STATUSES, overlay_statuses, view_edges, wave_layers
from analyser.text.labels import t
from analyser.model import group_label, requirement_graph, service_node
from analyser.findings import OutputError
from analyser.output import guard_inputs, write_atomic
from analyser.plot.layout import (
    Layout,
    LayoutStyle,
    edge_path,
    layout_diagram,
    text_width,
    wrap_text,
)
from analyser.records import Catalogue
from analyser.planning.situation import Situation
from analyser.text.vocabulary import NOT_ALLOWED, PARTLY, natural_key

__all__ = [
    "RC",
    "FORMATS",
    "dependency_diagram",
    "organisation_overlay",
    "profile_matrix",
    "plan_gantt",
    "diagram_layout",
    "save_figure",
    "figure_bytes",
    "write_plot",
    "PLOT_KINDS",
]

#: matplotlib settings every figure is drawn and saved with.
RC = {
    "font.family": "DejaVu Sans",
    "font.size": 9.0,
    "svg.fonttype": "none",
    "svg.hashsalt": "analyser",
    "pdf.fonttype": 42,
    "ps.fonttype": 42,
    "hatch.linewidth": 0.8,
    "axes.unicode_minus": False,
    "lines.scale_dashes": True,
}

FORMATS = ("svg", "png", "pdf")

_INK = "#222222"
_GREY = "#666666"
_LIGHT = "#8C8C8C"


# ---------------------------------------------------------------------------
# small helpers
# ---------------------------------------------------------------------------
def _with_rc(func):
    """Run a figure function under :data:`RC` (fonts are fixed when the artists are made)."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with matplotlib.rc_context(RC):
            return func(*args, **kwargs)

    return wrapper


def _date_text(day: dt.date | None, lang: str) -> str:
    if day is None:
        return ""
    return f"{day.day}.{day.month}.{day.year}" if lang != "en" else day.isoformat()


def _file_name(path: str) -> str:
    from analyser.text.privacy import redact

    return redact(Path(path).name)[0] if path else ""


def _ids_text(ids: Sequence[str]) -> str:
    return ", ".join(ids)


# ---------------------------------------------------------------------------
# drawing in page points
# ---------------------------------------------------------------------------
class _Canvas:
    """Draws on an axes whose data coordinates are page points (y downwards).

    ``s`` scales font sizes and line widths when the page is shown smaller
    or larger than its natural size (a caller's ``ax``).
    """

    def __init__(self, ax, s: float = 1.0, ox: float = 0.0, oy: float = 0.0):
        self.ax = ax
        self.s = s
        self.ox = ox
        self.oy = oy

    def at(self, dx: float, dy: float) -> "_Canvas":
        return _Canvas(self.ax, self.s, self.ox + dx, self.oy + dy)

    def _xy(self, x: float, y: float) -> tuple[float, float]:
        return (self.ox + x, self.oy + y)

    def text(self, x, y, s, size, *, weight="normal", style="normal", color=_INK, ha="left", va="center",
             zorder=6.0, rotation=0.0, backdrop=None):
        px, py = self._xy(x, y)
        bbox = None
        if backdrop:
            bbox = dict(boxstyle="square,pad=0.15", facecolor=backdrop, edgecolor="none", alpha=0.85)
        return self.ax.text(px, py, s, fontsize=size * self.s, fontweight=weight, fontstyle=style, color=color,
                            ha=ha, va=va, zorder=zorder, rotation=rotation, clip_on=False, bbox=bbox)

    def rect(self, x, y, w, h, *, face="none", edge="none", lw=0.0, ls="solid", hatch=None, hatchcolor=None,
             rounding=0.0, zorder=1.0, alpha=None, clip=None):
        px, py = self._xy(x, y)
        kwargs = dict(facecolor=face, edgecolor=edge, linewidth=lw * self.s, linestyle=ls, zorder=zorder,
                      alpha=alpha)
        if hatch:
            kwargs["hatch"] = hatch
            if hatchcolor:
                kwargs["hatchcolor"] = hatchcolor
        if rounding:
            patch = FancyBboxPatch((px, py), w, h, boxstyle=f"round,pad=0,rounding_size={rounding}",
                                   mutation_aspect=1, **kwargs)
        else:
            patch = Rectangle((px, py), w, h, **kwargs)
        self.ax.add_patch(patch)
        if clip is not None:
            patch.set_clip_path(clip)
        return patch

    def line(self, points, *, color=_INK, lw=1.0, ls="solid", zorder=2.0, alpha=None):
        xs = [self.ox + x for x, _ in points]
        ys = [self.oy + y for _, y in points]
        (artist,) = self.ax.plot(xs, ys, color=color, linewidth=lw * self.s, linestyle=ls, zorder=zorder,
                                 alpha=alpha, solid_capstyle="butt", dash_capstyle="butt")
        return artist

    def marker(self, x, y, marker, size, *, color=_INK, edge=None, fillstyle="full", mew=1.0, zorder=5.0,
               face=None):
        px, py = self._xy(x, y)
        (artist,) = self.ax.plot([px], [py], linestyle="none", marker=marker, markersize=size * self.s,
                                 color=color, markeredgecolor=edge or color, fillstyle=fillstyle,
                                 markerfacecolor=face or color, markerfacecoloralt="white",
                                 markeredgewidth=mew * self.s, zorder=zorder)
        return artist

    def arrow(self, commands, *, color=_INK, lw=1.0, ls="solid", zorder=2.0, head=True):
        verts, codes = [], []
        for command in commands:
            op, *pts = command
            pts = [self._xy(*p) for p in pts]
            if op == "M":
                codes.append(MPath.MOVETO)
            elif op == "L":
                codes.append(MPath.LINETO)
            else:
                codes += [MPath.CURVE4] * 3
            verts += pts
        path = MPath(verts, codes)
        if not head:
            patch = PathPatch(path, facecolor="none", edgecolor=color, linewidth=lw * self.s, linestyle=ls,
                              zorder=zorder)
            self.ax.add_patch(patch)
            return patch
        style = ArrowStyle("-|>", head_length=5.5 * self.s, head_width=2.6 * self.s)
        patch = FancyArrowPatch(path=path, arrowstyle=style, color=color, linewidth=lw * self.s, linestyle=ls,
                                zorder=zorder, mutation_scale=1, joinstyle="miter", capstyle="butt")
        self.ax.add_patch(patch)
        return patch


@dataclass
class _LegendEntry:
    kind: str  # "patch", "line", "marker", "tab"
    label: str
    style: dict = field(default_factory=dict)


@dataclass
class _Legend:
    title: str
    entries: list[_LegendEntry]


_LEGEND_SIZE = 8.5
_LEGEND_ROW = 17.0
_SWATCH_W = 24.0
_SWATCH_H = 11.0


def _legend_rows(legends: Sequence[_Legend], width: float) -> list[list[tuple[float, object]]]:
    """Flow the legend entries into rows no wider than ``width``: [(x, entry-or-title)]."""
    rows: list[list[tuple[float, object]]] = []
    for legend in legends:
        if not legend.entries:
            continue
        row: list[tuple[float, object]] = []
        x = 0.0
        if legend.title:
            row.append((0.0, legend.title))
            x = text_width(legend.title, _LEGEND_SIZE, True) * 1.08 + 10
        indent = x
        for entry in legend.entries:
            w = _SWATCH_W + 5 + text_width(entry.label, _LEGEND_SIZE) * 1.08 + 14
            if row and x + w > width and x > indent:
                rows.append(row)
                row, x = [], indent
            row.append((x, entry))
            x += w
        rows.append(row)
    return rows


def _draw_legend(canvas: _Canvas, rows, y0: float) -> None:
    for r, row in enumerate(rows):
        y = y0 + r * _LEGEND_ROW + _LEGEND_ROW / 2
        for x, entry in row:
            if isinstance(entry, str):
                canvas.text(x, y, entry, _LEGEND_SIZE, weight="bold", color=_INK)
                continue
            st = entry.style
            sx, sy = x, y - _SWATCH_H / 2
            if entry.kind == "patch":
                canvas.rect(sx, sy, _SWATCH_W, _SWATCH_H, face=st.get("face", "white"), edge=st.get("edge", _INK),
                            lw=st.get("lw", 1.0), ls=st.get("ls", "solid"), hatch=st.get("hatch"),
                            hatchcolor=st.get("hatchcolor"), rounding=2.5, zorder=6)
                if st.get("tab"):
                    canvas.rect(sx + 0.5, sy + 0.5, 5, _SWATCH_H - 1, face=st["tab"], zorder=6.1)
            elif entry.kind == "line":
                commands = [("M", (sx, y)), ("L", (sx + _SWATCH_W, y))]
                canvas.arrow(commands, color=st.get("color", _INK), lw=st.get("lw", 1.0), ls=st.get("ls", "solid"),
                             zorder=6, head=st.get("head", True))
            elif entry.kind == "marker":
                canvas.marker(sx + _SWATCH_W / 2, y, st.get("marker", "o"), st.get("size", 8),
                              color=st.get("color", _INK), edge=st.get("edge"), fillstyle=st.get("fillstyle", "full"),
                              mew=st.get("mew", 1.0), zorder=6, face=st.get("face"))
            elif entry.kind == "band":
                canvas.rect(sx, sy - 1, _SWATCH_W, _SWATCH_H + 2, face=st.get("face", "#EEE"), zorder=6)
            canvas.text(sx + _SWATCH_W + 5, y, entry.label, _LEGEND_SIZE, color=_INK)


@dataclass
class _Page:
    """A figure page: title, subtitle, a body drawn by a callback, legends and footnotes."""

    title: str
    subtitle: str
    body_w: float
    body_h: float
    draw_body: Callable[[_Canvas], None]
    legends: list[_Legend] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)
    margin: float = 16.0
    min_width: float = 500.0

    def render(self, ax=None) -> Figure:
        m = self.margin
        width = max(self.body_w + 2 * m, self.min_width)
        inner = width - 2 * m
        title_lines = wrap_text(self.title, inner / 1.08, 14, bold=True)
        sub_lines = wrap_text(self.subtitle, inner / 1.08, 9.5)
        legend_rows = _legend_rows(self.legends, inner)
        foot_lines = [ln for note in self.footnotes for ln in wrap_text(note, inner / 1.08, 8)]
        y = m
        layout_plan = []
        for line in title_lines:
            layout_plan.append(("title", line, y + 9))
            y += 19
        for line in sub_lines:
            layout_plan.append(("sub", line, y + 7))
            y += 13.5
        y += 10
        body_y = y
        y += self.body_h
        legend_y = None
        if legend_rows:
            y += 8
            legend_y = y
            y += len(legend_rows) * _LEGEND_ROW
        if foot_lines:
            y += 8
            for line in foot_lines:
                layout_plan.append(("foot", line, y + 5.5))
                y += 11.5
        height = y + m * 0.75

        if ax is None:
            fig = Figure(figsize=(width / 72, height / 72), dpi=100, facecolor="white")
            ax = fig.add_axes((0, 0, 1, 1))
            s = 1.0
        else:
            fig = ax.figure
            box = ax.get_position()
            fw, fh = fig.get_size_inches()
            s = min(box.width * fw * 72 / width, box.height * fh * 72 / height)
        ax.set_xlim(0, width)
        ax.set_ylim(height, 0)
        ax.set_aspect("equal", adjustable="box")
        ax.set_axis_off()
        canvas = _Canvas(ax, s)
        for kind, line, ly in layout_plan:
            if kind == "title":
                canvas.text(m, ly, line, 14, weight="bold", color=_INK)
            elif kind == "sub":
                canvas.text(m, ly, line, 9.5, color=_GREY)
            else:
                canvas.text(m, ly, line, 8, color=_GREY)
        self.draw_body(canvas.at(m, body_y))
        if legend_y is not None:
            _draw_legend(canvas.at(m, 0), legend_rows, legend_y)
        return fig


# ---------------------------------------------------------------------------
# what the dependency diagrams show
# ---------------------------------------------------------------------------
@dataclass
class _View:
    nodes: list[str]
    edges: list[tuple[str, str, str]]   # (prerequisite, item, "requires" | "indirect" | "recommends")
    status: dict[str, str]
    notes: dict[str, str]
    layers: dict[str, int] | None = None
    column_labels: list[str] | None = None


def _exclusion_note(exclusion, lang: str) -> str:
    items = _ids_text(exclusion.blockers)
    if exclusion.reason == "cycle":
        return t("plot_note_cycle", lang, items=items)
    return t("plot_note_excluded", lang, items=items)


def _dependency_view(catalogue: Catalogue, graph: nx.DiGraph, situation: Situation | None,
                     show_not_allowed: bool, lang: str) -> _View:
    items = {i.id: i for i in catalogue.items}
    if situation is None:
        nodes = sorted(items, key=natural_key)
        return _View(nodes, view_edges(graph, nodes), {n: "allowed" for n in nodes}, {})
    excluded = {e.id: e for e in situation.excluded}
    not_allowed = set(situation.not_allowed)
    status, notes = {}, {}
    for item_id in sorted(items, key=natural_key):
        if item_id in not_allowed:
            if not show_not_allowed:
                continue
            status[item_id] = "not-allowed"
            notes[item_id] = t("plot_note_not_allowed", lang)
        elif item_id in excluded:
            status[item_id] = "excluded"
            notes[item_id] = _exclusion_note(excluded[item_id], lang)
        elif situation.partly(item_id):
            status[item_id] = "partly"
            notes[item_id] = t("plot_note_partly", lang)
        else:
            status[item_id] = "allowed"
    nodes = list(status)
    return _View(nodes, view_edges(graph, nodes), status, notes)



_STATUS_STYLE = {
    # area: fill behind the text; strip: the pattern at the right edge; outline: colour, width, style
    "deployed": dict(area=_tint(OKABE_ITO["blue"], 0.82), strip=OKABE_ITO["blue"], hatch=None,
                     hatchcolor=None, edge="#005A8C", lw=1.6, ls="solid", text=_INK),
    "available": dict(area="#FFFFFF", strip="#FFFFFF", hatch="oo", hatchcolor="#007A5A",
                      edge="#007A5A", lw=2.8, ls="solid", text=_INK),
    "certification": dict(area=_tint(OKABE_ITO["purple"], 0.85), strip="#FFFFFF", hatch="...",
                          hatchcolor="#A0457A", edge="#A0457A", lw=1.6, ls=(0, (5, 1.5, 1, 1.5)), text=_INK),
    "blocked": dict(area=_tint(OKABE_ITO["orange"], 0.82), strip="#FFFFFF", hatch="////",
                    hatchcolor="#B07800", edge="#B07800", lw=1.4, ls=(0, (4, 2)), text=_INK),
    "excluded": dict(area="#F2F2F2", strip="#FFFFFF", hatch="xxx", hatchcolor="#808080",
                     edge="#808080", lw=1.1, ls=(0, (7, 2.5)), text="#555555"),
    "not-allowed": dict(area="#FFFFFF", strip="#FFFFFF", hatch="---", hatchcolor="#A6A6A6",
                        edge="#A6A6A6", lw=1.1, ls=(0, (1, 1.6)), text="#6E6E6E"),
}


def _overlay_view(catalogue: Catalogue, graph: nx.DiGraph, situation: Situation, certified, not_allowed: str,
                  lang: str) -> _View:
    status = overlay_statuses(situation, certified)
    items = {i.id: i for i in catalogue.items}
    if not_allowed == "service":
        services = {items[i].service_key for i, s in status.items() if s != "not-allowed"}
        keep = {i for i, s in status.items() if s != "not-allowed" or items[i].service_key in services}
    elif not_allowed == "all":
        keep = set(status)
    else:
        keep = {i for i, s in status.items() if s != "not-allowed"}
    nodes = sorted(keep, key=natural_key)
    status = {n: status[n] for n in nodes}
    excluded = {e.id: e for e in situation.excluded}
    blocked = dict(situation.blocked)
    notes = {}
    for n in nodes:
        s = status[n]
        if s == "deployed":
            notes[n] = "✓ " + t("plot_status_deployed", lang).lower()
        elif s == "available":
            notes[n] = "→ " + t("plot_note_available", lang)
        elif s == "certification":
            notes[n] = t("plot_note_certification", lang)
        elif s == "blocked":
            notes[n] = t("plot_note_waits", lang, items=_ids_text(blocked.get(n, [])))
        elif s == "excluded":
            notes[n] = _exclusion_note(excluded[n], lang)
        else:
            notes[n] = t("plot_note_not_allowed", lang)
        if s not in ("not-allowed", "excluded") and situation.partly(n):
            notes[n] += "; " + t("plot_note_partly", lang)
    # columns: what is in use, then waves of what is not yet; links among items in use are history
    deployed = [n for n in nodes if status[n] == "deployed"]
    in_use = set(deployed)
    edges = [e for e in view_edges(graph, nodes) if not (e[0] in in_use and e[1] in in_use)]
    rest = [n for n in nodes if status[n] != "deployed"]
    waves = wave_layers(rest, [(u, v) for u, v, k in edges if k != "recommends"])
    shift = 1 if deployed else 0
    layers = {n: 0 for n in deployed}
    layers.update({n: w + shift for n, w in waves.items()})
    ncols = max(layers.values(), default=-1) + 1
    labels = []
    for col in range(ncols):
        if deployed and col == 0:
            labels.append(t("plot_column_deployed", lang))
        else:
            labels.append(t("wave", lang, n=col + 1 - shift))
    return _View(nodes, edges, status, notes, layers, labels)


def _lane_labels(graph: nx.DiGraph, catalogue: Catalogue) -> dict[str, str]:
    labels = {}
    for item in catalogue.items:
        key = item.service_key
        node = service_node(key)
        if key and key not in labels:
            labels[key] = graph.nodes[node].get("name", item.service) if node in graph else item.service
    return labels


def diagram_layout(catalogue: Catalogue, view: _View, graph: nx.DiGraph, *, lang: str = "fi",
                   style: LayoutStyle | None = None) -> Layout:
    """The :class:`~analyser.plot.layout.Layout` of a diagram view (used by the figures and the tests).

    Boxes show each item's id and name, lanes are services, and columns are
    the view's own (the overlay's) or else the waves.

    Examples
    --------
    >>> from analyser.load.catalogue import load_catalogue
    >>> from analyser.model import build_graph
    >>> c = load_catalogue(with_tasks=False)
    >>> view = _View(["SOS", "SOS-VANHAT"], [("SOS", "SOS-VANHAT", "requires")],
    ...              {"SOS": "allowed", "SOS-VANHAT": "allowed"}, {})
    >>> lay = diagram_layout(c, view, build_graph(c), lang="en")
    >>> lay.layers, [col.label for col in lay.columns], [lane.label for lane in lay.lanes]
    ((('SOS',), ('SOS-VANHAT',)), ['Wave 1', 'Wave 2'], ['Sosiaalihuollon asiakastiedon arkisto'])
    >>> [line.text for line in lay.boxes["SOS-VANHAT"].lines]
    ['SOS-VANHAT', 'Vanhojen asiakirjojen', 'arkistointi']
    """
    items = {i.id: i for i in catalogue.items}
    labels = {n: f"{n}\n{items[n].name}" for n in view.nodes}
    groups = {n: items[n].group for n in view.nodes}
    services = {n: items[n].service_key for n in view.nodes}
    layers = view.layers
    if view.column_labels is not None:
        columns = view.column_labels
    else:
        hard = [(u, v) for u, v, k in view.edges if k != "recommends"]
        ncols = max(wave_layers(view.nodes, hard).values(), default=-1) + 1
        columns = [t("wave", lang, n=i + 1) for i in range(ncols)]
    return layout_diagram((view.nodes, view.edges), labels, groups, services, notes=view.notes,
                          lane_labels=_lane_labels(graph, catalogue), layers=layers, column_labels=columns,
                          style=style)


_EDGE_STYLE = {
    "requires": dict(color="#4A4A4A", lw=1.1, ls="solid"),
    "indirect": dict(color="#8C8C8C", lw=1.1, ls=(0, (1.2, 1.8))),
    "recommends": dict(color=OKABE_ITO["blue"], lw=1.1, ls=(0, (4, 2.5))),
}


def _box_style(status: str, group_colour: str, overlay: bool) -> dict:
    if overlay:
        st = dict(_STATUS_STYLE[status])
        st["tab"] = group_colour if status not in ("not-allowed", "excluded") else _tint(group_colour, 0.45)
        return st
    if status == "excluded":
        return dict(area="#F7F7F7", edge="#9A9A9A", lw=1.0, ls=(0, (4, 2)), tab=_tint(group_colour, 0.55),
                    text="#5E5E5E", strip=None)
    if status == "not-allowed":
        return dict(area="#FFFFFF", edge="#B0B0B0", lw=1.0, ls=(0, (1, 1.6)), tab="#D9D9D9", text="#6E6E6E",
                    strip=None)
    return dict(area=_tint(group_colour, 0.80), edge="#3C3C3C", lw=0.9, ls="solid", tab=group_colour, text=_INK,
                strip=None)


_STRIP = 11.0


def _draw_diagram(canvas: _Canvas, layout: Layout, styles: Mapping[str, dict], edge_styles=_EDGE_STYLE) -> None:
    st = layout.style
    # lanes
    for k, lane in enumerate(layout.lanes):
        canvas.rect(0, lane.y, layout.width, lane.h, face="#F2F3F5" if k % 2 == 0 else "#F8F8FA", rounding=3,
                    zorder=0.5)
        canvas.text(st.margin + 6, lane.y + st.lane_header / 2 + 1, lane.label, st.lane_label_size,
                    weight="bold", color="#4D4D4D", zorder=1)
    # column headers
    for col in layout.columns:
        canvas.text(col.x + col.w / 2, st.margin + st.column_header / 2 - 1, col.label, st.column_label_size,
                    weight="bold", color="#333333", ha="center")
    # edges
    for route in layout.edges:
        es = edge_styles.get(route.kind, edge_styles["requires"])
        canvas.arrow(edge_path(route, st.gap_x), color=es["color"], lw=es["lw"], ls=es["ls"], zorder=2)
    # boxes
    for node in sorted(layout.boxes, key=natural_key):
        box = layout.boxes[node]
        bs = styles[node]
        frame = canvas.rect(box.x, box.y, box.w, box.h, face=bs["area"], edge="none", rounding=4, zorder=3)
        canvas.rect(box.x, box.y, st.tab, box.h, face=bs["tab"], zorder=3.1, clip=frame)
        if bs.get("strip"):
            canvas.rect(box.right - _STRIP, box.y, _STRIP, box.h, face=bs["strip"], hatch=bs.get("hatch"),
                        hatchcolor=bs.get("hatchcolor"), zorder=3.1, clip=frame)
            canvas.line([(box.right - _STRIP, box.y), (box.right - _STRIP, box.bottom)],
                        color=bs["edge"], lw=0.6, zorder=3.15)
        canvas.rect(box.x, box.y, box.w, box.h, face="none", edge=bs["edge"], lw=bs["lw"], ls=bs["ls"],
                    rounding=4, zorder=3.2)
        for line in box.lines:
            colour = bs["text"] if line.role != "note" else (bs["text"] if bs["text"] != _INK else "#333333")
            canvas.text(box.x + box.text_x, box.y + line.dy, line.text, line.size,
                        weight="bold" if line.bold else "normal", style="italic" if line.italic else "normal",
                        color=colour, zorder=4)


def _group_legend(view: _View, catalogue: Catalogue, colours: Mapping[str, str], lang: str, overlay: bool) -> _Legend:
    items = {i.id: i for i in catalogue.items}
    keys = sorted({items[n].group for n in view.nodes}, key=_group_order)
    entries = []
    for key in keys:
        label = group_label(key, lang) if key else t("plot_no_group", lang)
        colour = colours[key]
        if overlay:
            entries.append(_LegendEntry("patch", label, dict(face="white", edge="#9A9A9A", lw=0.6, tab=colour)))
        else:
            entries.append(_LegendEntry("patch", label, dict(face=_tint(colour, 0.80), edge="#3C3C3C", lw=0.9,
                                                             tab=colour)))
    return _Legend(t("plot_legend_groups", lang), entries)


def _edge_legend(view: _View, lang: str) -> _Legend:
    kinds = {k for _, _, k in view.edges}
    entries = []
    for kind in ("requires", "indirect", "recommends"):
        if kind in kinds:
            es = _EDGE_STYLE[kind]
            entries.append(_LegendEntry("line", t(f"plot_edge_{kind}", lang), dict(es)))
    return _Legend(t("plot_legend_edges", lang), entries)


def _subtitle(parts: Iterable[str]) -> str:
    return " · ".join(p for p in parts if p)


def _profile_text(catalogue: Catalogue, profile: str | None, lang: str) -> str:
    if not profile:
        return t("plot_all_items", lang)
    found = catalogue.find_profile(profile)
    name = f" – {found.name}" if found and found.name and found.name != profile else ""
    return t("plot_profile", lang, profile=profile) + name


def _situation_for(catalogue: Catalogue, graph: nx.DiGraph, profile: str | None,
                   situation: Situation | None) -> Situation | None:
    if situation is not None:
        return situation
    if profile is None:
        return None
    from analyser.planning.situation import resolve_profile

    return Situation(catalogue, graph, resolve_profile(catalogue, profile))


@_with_rc
def dependency_diagram(
    catalogue: Catalogue,
    graph: nx.DiGraph,
    profile: str | None = None,
    *,
    situation: Situation | None = None,
    ax=None,
    lang: str = "fi",
    title: str | None = None,
    date: dt.date | None = None,
    show_not_allowed: bool = False,
    style: LayoutStyle | None = None,
) -> Figure:
    """The dependency diagram: items as boxes in waves, left to right, arrows from prerequisite to item.

    Parameters
    ----------
    catalogue, graph
        From :func:`~analyser.load.catalogue.load_catalogue` and :func:`~analyser.model.build_graph`.
    profile : str, optional
        Show the items this profile allows (id or name); items it allows but
        can never reach are faded, with the reason. ``None`` shows every item.
    situation : Situation, optional
        Use this situation's profile (instead of ``profile``).
    ax : matplotlib Axes, optional
        Draw into it (scaled to fit) instead of a new figure.
    lang : "fi" or "en"
        Language of the tool's own words.
    title : str, optional
        Replaces the default title.
    date : datetime.date, optional
        Date shown in the subtitle (default: today).
    show_not_allowed : bool
        Also show, greyed, the items the profile does not allow.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import datetime as dt
    >>> from analyser.load.catalogue import load_catalogue
    >>> from analyser.model import build_graph
    >>> c = load_catalogue(with_tasks=False)
    >>> g = build_graph(c)
    >>> fig = dependency_diagram(c, g, "ARK", lang="en", date=dt.date(2027, 1, 4))
    >>> texts = [text.get_text() for text in fig.axes[0].texts]
    >>> texts[0]
    'Dependencies between functionalities'
    >>> [x for x in texts if x.startswith(("SOS", "Wave"))]
    ['Wave 1', 'Wave 2', 'SOS', 'SOS-VANHAT']
    """
    date = date or dt.date.today()
    situation = _situation_for(catalogue, graph, profile, situation)
    profile_id = situation.profile if situation is not None else None
    view = _dependency_view(catalogue, graph, situation, show_not_allowed, lang)
    layout = diagram_layout(catalogue, view, graph, lang=lang, style=style)
    items = {i.id: i for i in catalogue.items}
    colours = group_colours([items[n].group for n in view.nodes] + list(GROUP_COLOURS))
    styles = {n: _box_style(view.status[n], colours[items[n].group], overlay=False) for n in view.nodes}

    legends = [_group_legend(view, catalogue, colours, lang, overlay=False), _edge_legend(view, lang)]
    extra = []
    present = set(view.status.values())
    for status in ("excluded", "not-allowed"):
        if status in present:
            st = _box_style(status, GROUP_COLOURS[""], False)
            extra.append(_LegendEntry("patch", t(f"plot_status_{status}", lang),
                                      dict(face=st["area"], edge=st["edge"], lw=st["lw"], ls=st["ls"])))
    if extra:
        legends.append(_Legend(t("plot_legend_marks", lang), extra))
    subtitle = _subtitle([_file_name(catalogue.table_path), _profile_text(catalogue, profile_id, lang),
                          _date_text(date, lang)])
    footnotes = [t("plot_foot_dependencies", lang)]
    if not view.nodes:
        footnotes.insert(0, t("plot_empty", lang))
    page = _Page(title or t("plot_title_dependencies", lang), subtitle, layout.width, layout.height,
                 lambda c: _draw_diagram(c, layout, styles), legends, footnotes)
    return page.render(ax)


@_with_rc
def organisation_overlay(
    catalogue: Catalogue,
    graph: nx.DiGraph,
    situation: Situation,
    *,
    organisation: str | None = None,
    certified: Iterable[str] | None = None,
    ax=None,
    lang: str = "fi",
    title: str | None = None,
    date: dt.date | None = None,
    not_allowed: str = "service",
    style: LayoutStyle | None = None,
) -> Figure:
    """The dependency diagram of one organisation, every item marked with its status.

    The first column holds what is in use; then the waves of what is not.
    Statuses (see :func:`overlay_statuses`) differ by fill colour, outline
    style and the pattern of the strip at each box's right edge, and each box
    says its status in words; the coloured tab at the left is the document
    group.

    Parameters
    ----------
    situation : Situation
        The organisation's profile and deployed items.
    organisation : str, optional
        Name shown in the title.
    certified : iterable of str, optional
        Items the organisation's system is certified for; available items
        not in it are "waiting for certification". Default: ``situation.certified``.
    not_allowed : "service", "all" or "none"
        Which items the profile does not allow to show: those of the services
        the diagram shows anyway (default), all, or none.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import datetime as dt
    >>> from analyser.load.catalogue import load_catalogue
    >>> from analyser.model import build_graph
    >>> c = load_catalogue(with_tasks=False)
    >>> g = build_graph(c)
    >>> s = Situation(c, g, "SOS-LV", deployed=("SOS",))
    >>> fig = organisation_overlay(c, g, s, organisation="Testikylä", lang="en", date=dt.date(2027, 1, 4))
    >>> texts = [text.get_text() for text in fig.axes[0].texts]
    >>> texts[0]
    'Extension status: Testikylä'
    >>> texts[4:7]
    ['In use', 'Wave 1', 'Wave 2']
    >>> texts[texts.index("Status:") + 1:texts.index("Document group:")]
    ['In use', 'Can be taken into use now', 'Waiting for prerequisites', 'Not allowed by the profile']
    """
    date = date or dt.date.today()
    if not_allowed not in ("service", "all", "none"):
        raise ValueError("not_allowed must be 'service', 'all' or 'none'")
    view = _overlay_view(catalogue, graph, situation, certified, not_allowed, lang)
    layout = diagram_layout(catalogue, view, graph, lang=lang,
                            style=style or LayoutStyle(strip=_STRIP + 1.0))
    items = {i.id: i for i in catalogue.items}
    colours = group_colours([items[n].group for n in view.nodes] + list(GROUP_COLOURS))
    styles = {n: _box_style(view.status[n], colours[items[n].group], overlay=True) for n in view.nodes}
    present = set(view.status.values())
    status_entries = []
    for s in STATUSES:
        if s in present:
            st = _STATUS_STYLE[s]
            status_entries.append(_LegendEntry("patch", t(f"plot_status_{s}", lang), dict(
                face=st["area"] if s != "deployed" else st["strip"], edge=st["edge"], lw=st["lw"], ls=st["ls"],
                hatch=st["hatch"], hatchcolor=st["hatchcolor"])))
    legends = [_Legend(t("plot_legend_status", lang), status_entries),
               _group_legend(view, catalogue, colours, lang, overlay=True), _edge_legend(view, lang)]
    deployed_text = t("plot_deployed_list", lang, items=_ids_text(situation.deployed) or t("none", lang))
    subtitle = _subtitle([_file_name(catalogue.table_path), _profile_text(catalogue, situation.profile, lang),
                          deployed_text, _date_text(date, lang)])
    main = t("plot_title_overlay", lang)
    if organisation:
        main = f"{main}: {organisation}"
    footnotes = [t("plot_foot_overlay", lang)]
    if certified is not None or situation.certified is not None:
        footnotes.append(t("plot_foot_certified", lang))
    page = _Page(title or main, subtitle, layout.width, layout.height,
                 lambda c: _draw_diagram(c, layout, styles), legends, footnotes)
    return page.render(ax)


# ---------------------------------------------------------------------------
# the profile matrix
# ---------------------------------------------------------------------------
_MARKS = {
    # status: marker, size, colour, fill style
    "allowed": dict(marker="o", size=9.0, color=OKABE_ITO["blue"], fillstyle="full", edge=OKABE_ITO["blue"]),
    "partly": dict(marker="o", size=9.0, color=OKABE_ITO["orange"], fillstyle="left", edge="#9A6A00"),
    "excluded": dict(marker="X", size=9.5, color=OKABE_ITO["vermillion"], fillstyle="full", edge="#8A3A00",
                     mew=0.6),
    "not-allowed": dict(marker="_", size=8.0, color="#A6A6A6", fillstyle="full", edge="#A6A6A6", mew=1.4),
}
MATRIX_MARKS = tuple(_MARKS)


def matrix_statuses(catalogue: Catalogue, graph: nx.DiGraph) -> dict[str, dict[str, str]]:
    """``{profile: {item: status}}`` for an organisation with nothing deployed.

    Status: "allowed", "partly", "not-allowed", or "excluded" (the profile
    allows the item, but not all of its prerequisites).

    Examples
    --------
    >>> from analyser.load.catalogue import load_catalogue
    >>> from analyser.model import build_graph
    >>> c = load_catalogue(with_tasks=False)
    >>> m = matrix_statuses(c, build_graph(c))
    >>> m["SOS-V2"]["SOS-V2-ROK"], m["SOS-V2"]["SOS-LV-HAKU"], m["SOS-LV"]["SOS-LV-HAKU"], m["POT"]["SOS"]
    ('partly', 'excluded', 'allowed', 'not-allowed')
    """
    result = {}
    for profile in catalogue.profiles:
        situation = Situation(catalogue, graph, profile.id)
        excluded = {e.id for e in situation.excluded}
        row = {}
        for item in sorted(catalogue.items, key=lambda i: natural_key(i.id)):
            mark = item.mark(profile.id)
            if mark == NOT_ALLOWED:
                row[item.id] = "not-allowed"
            elif item.id in excluded:
                row[item.id] = "excluded"
            elif mark == PARTLY:
                row[item.id] = "partly"
            else:
                row[item.id] = "allowed"
        result[profile.id] = row
    return result


_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def _count_text(n: int | None, lang: str) -> str:
    """The number of orders as the matrix shows it: thin-space thousands, huge ones as a power of ten.

    Examples
    --------
    >>> _count_text(2040, "fi"), _count_text(2040, "en"), _count_text(12 * 10 ** 17, "fi")
    ('2\u202f040', '2,040', '≈ 1,2·10¹⁸')
    """
    if n is None:
        return t("plot_orders_unknown", lang)
    if n >= 10 ** 9:
        exponent = len(str(n)) - 1
        mantissa = n / 10 ** exponent
        text = f"{mantissa:.1f}".replace(".", "," if lang != "en" else ".")
        number = f"≈ {text}·10{str(exponent).translate(_SUPERSCRIPT)}"
    else:
        number = f"{n:,}".replace(",", "\u202f" if lang != "en" else ",")
    return number


def _item_rows(catalogue: Catalogue, graph: nx.DiGraph) -> list[tuple[str, list[str]]]:
    """Items by service (lanes in id order), each in wave order of the whole table."""
    items = sorted(catalogue.items, key=lambda i: natural_key(i.id))
    req = requirement_graph(graph)
    waves = wave_layers([i.id for i in items], list(req.edges()))
    lanes: dict[str, list[str]] = {}
    for item in items:
        lanes.setdefault(item.service_key, []).append(item.id)
    by_id = {i.id: i for i in items}
    rows = []
    for key, ids in lanes.items():
        ids.sort(key=lambda i: (waves[i], _group_order(by_id[i].group), natural_key(i)))
        rows.append((key, ids))
    return rows


@_with_rc
def profile_matrix(
    catalogue: Catalogue,
    graph: nx.DiGraph,
    *,
    profiles: Sequence[str] | None = None,
    ax=None,
    lang: str = "fi",
    title: str | None = None,
    date: dt.date | None = None,
    budget: int = orders.DEFAULT_BUDGET,
) -> Figure:
    """Items × profiles: allowed, partly, not allowed, or out of reach for want of a prerequisite.

    Along the top, each profile's exact number of allowed orders for an
    organisation with nothing in use (:func:`analyser.orders.count_orders`
    on :attr:`Situation.remaining_graph`).

    Examples
    --------
    ARK allows SOS and then SOS-VANHAT: one order. SOS-V1 adds the chain
    SOS-V1-ARK, SOS-V1-HAKU after SOS, and SOS-VANHAT fits in 3 places.

    >>> import datetime as dt
    >>> from analyser.load.catalogue import load_catalogue
    >>> from analyser.model import build_graph
    >>> c = load_catalogue(with_tasks=False)
    >>> g = build_graph(c)
    >>> fig = profile_matrix(c, g, profiles=["ARK", "SOS-V1"], lang="en", date=dt.date(2027, 1, 4))
    >>> texts = [text.get_text() for text in fig.axes[0].texts]
    >>> texts[0]
    'Information-system profiles and functionalities'
    >>> texts[texts.index("Allowed orders") + 1:][:8]  # per column: id, name, number of orders
    ['ARK', 'Arkistointipalvelu', '(vanhat asiakirjat)', '1', 'SOS-V1', '1. vaiheen', 'asiakastietojärjestelmä', '3']
    """
    date = date or dt.date.today()
    statuses = matrix_statuses(catalogue, graph)
    chosen = [p for p in catalogue.profiles if profiles is None or p.id in set(profiles)]
    counts = {}
    for profile in chosen:
        poset = Situation(catalogue, graph, profile.id).remaining_graph
        try:
            counts[profile.id] = orders.count_orders(poset, budget=budget)
        except orders.BudgetExceededError:
            counts[profile.id] = None
    items = {i.id: i for i in catalogue.items}
    rows = _item_rows(catalogue, graph)
    lanes = _lane_labels(graph, catalogue)

    id_w = max([text_width(i, 9, True) for i in items] + [40]) * 1.08 + 10
    name_w = min(max([text_width(items[i].name, 8.5) for i in items] + [60]) * 1.08, 300) + 14
    longest = max([text_width(w, 7.5) for p in chosen for w in p.name.split()]
                  + [text_width(p.id, 10, True) for p in chosen]
                  + [text_width(_count_text(n, lang), 9, True) for n in counts.values()] + [60])
    col_w = max(72.0, longest * 1.08 + 12)
    head_lines = {p.id: wrap_text(p.name, col_w - 10, 7.5)[:3] for p in chosen}
    n_head = max([len(v) for v in head_lines.values()] + [1])
    head_h = 16 + n_head * 10 + 8 + 14 + 6
    row_h = 17.0
    lane_h = 20.0
    label_w = id_w + name_w
    body_w = label_w + col_w * len(chosen)
    name_lines = {i: wrap_text(items[i].name, name_w - 14, 8.5) for i in items}
    heights = {i: max(row_h, 6 + len(name_lines[i]) * 11) for i in items}
    body_h = head_h + sum(lane_h + sum(heights[i] for i in ids) + 4 for _, ids in rows)

    def draw(c: _Canvas) -> None:
        x0 = label_w
        c.text(0, head_h - 14, t("plot_matrix_count_label", lang), 8, color=_GREY, weight="bold")
        for k, profile in enumerate(chosen):
            cx = x0 + k * col_w + col_w / 2
            c.text(cx, 8, profile.id, 10, weight="bold", ha="center")
            for j, line in enumerate(head_lines[profile.id]):
                c.text(cx, 21 + j * 10, line, 7.5, color=_GREY, ha="center")
            c.text(cx, head_h - 14, _count_text(counts[profile.id], lang), 9, weight="bold", ha="center",
                   color=_INK)
            if k:
                c.line([(x0 + k * col_w, 4), (x0 + k * col_w, body_h)], color="#E2E2E2", lw=0.6, zorder=0.2)
        c.line([(0, head_h - 3), (body_w, head_h - 3)], color="#999999", lw=0.8)
        y = head_h
        for key, ids in rows:
            c.text(2, y + lane_h / 2 + 1, lanes.get(key, key), 9, weight="bold", color="#4D4D4D")
            y += lane_h
            for n, item_id in enumerate(ids):
                h = heights[item_id]
                if n % 2 == 1:
                    c.rect(0, y, body_w, h, face="#000000", alpha=0.035, zorder=0.3)
                c.text(4, y + h / 2, item_id, 9, weight="bold")
                for j, line in enumerate(name_lines[item_id]):
                    ly = y + h / 2 + (j - (len(name_lines[item_id]) - 1) / 2) * 11
                    c.text(id_w, ly, line, 8.5)
                for k, profile in enumerate(chosen):
                    st = _MARKS[statuses[profile.id][item_id]]
                    c.marker(x0 + k * col_w + col_w / 2, y + h / 2, st["marker"], st["size"], color=st["color"],
                             edge=st["edge"], fillstyle=st["fillstyle"], mew=st.get("mew", 1.0))
                y += h
            y += 4
            c.line([(0, y - 2), (body_w, y - 2)], color="#D0D0D0", lw=0.6)

    entries = [_LegendEntry("marker", t(f"plot_matrix_{s}", lang),
                            dict(marker=m["marker"], size=m["size"], color=m["color"], edge=m["edge"],
                                 fillstyle=m["fillstyle"], mew=m.get("mew", 1.0)))
               for s, m in _MARKS.items()]
    subtitle = _subtitle([_file_name(catalogue.table_path), _date_text(date, lang)])
    page = _Page(title or t("plot_title_matrix", lang), subtitle, body_w, body_h, draw,
                 [_Legend("", entries)], [t("plot_foot_matrix", lang)])
    return page.render(ax)


# ---------------------------------------------------------------------------
# the plan as a Gantt chart
# ---------------------------------------------------------------------------
_RESPONSIBLE = {
    # key: marker, colour
    "provider": ("o", OKABE_ITO["blue"]),
    "vendor": ("s", OKABE_ITO["orange"]),
    "kela": ("^", OKABE_ITO["green"]),
    "thl": ("v", OKABE_ITO["purple"]),
    "other": ("P", "#555555"),
    "": ("h", "#999999"),
}
_MONTHS = {
    "fi": ("tammi", "helmi", "maalis", "huhti", "touko", "kesä", "heinä", "elo", "syys", "loka", "marras", "joulu"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}


def _month_starts(start: dt.date, end: dt.date) -> list[dt.date]:
    days = []
    d = dt.date(start.year, start.month, 1)
    while d <= end:
        if d >= start:
            days.append(d)
        d = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return days


@_with_rc
def plan_gantt(
    plan,
    *,
    catalogue: Catalogue | None = None,
    today: dt.date | None = None,
    ax=None,
    lang: str = "fi",
    title: str | None = None,
    organisation: str | None = None,
    profile: str | None = None,
    tasks: bool = True,
) -> Figure:
    """A Gantt chart of a plan: periods shaded, each extension's go-live, its tasks by party, today.

    ``plan`` is duck-typed (:class:`analyser.planning.plan.Plan` fits); it needs:

    * ``plan.periods``: objects with ``.name``, ``.start`` (date or None) and ``.end`` (date or None);
    * ``plan.extensions``: objects with ``.item``, ``.name``, ``.period`` (a period name) and
      ``.go_live`` (date or None);
    * ``plan.tasks``: objects with ``.item``, ``.task_id``, ``.title``, ``.responsible`` (text),
      ``.responsible_key`` ("provider", "vendor", "kela", "thl", "other" or ""), ``.due``
      (date or None) and ``.late`` (bool);
    * optionally ``plan.today`` and ``plan.profile`` (used when ``today`` / ``profile`` are not given).

    Each extension gets a row with a bar from its first task's due date to
    its go-live (a diamond). With ``tasks=True`` its tasks follow, one row
    each: a marker at the due date, shaped and coloured by the responsible
    party, and the date. With ``tasks=False`` the task markers sit on the
    extension's row (a compact chart for slides). A late task is a red cross
    and its date is red. A dashed line marks today.

    Examples
    --------
    >>> import datetime as dt
    >>> from types import SimpleNamespace as NS
    >>> plan = NS(periods=[NS(name="2027/1", start=dt.date(2027, 1, 11), end=dt.date(2027, 3, 19))],
    ...           extensions=[NS(item="SOS-LV-LUP", name="Luovutuslupa", period="2027/1",
    ...                          go_live=dt.date(2027, 3, 19))],
    ...           tasks=[NS(item="SOS-LV-LUP", task_id="1", title="Suunnittelu", responsible="",
    ...                     responsible_key="provider", due=dt.date(2027, 1, 29), late=False)])
    >>> fig = plan_gantt(plan, today=dt.date(2026, 12, 1), lang="en")
    >>> texts = [text.get_text() for text in fig.axes[0].texts]
    >>> texts[0], "today 2026-12-01" in texts
    ('Extension schedule', True)
    >>> i = texts.index("SOS-LV-LUP – Luovutuslupa")  # the extension's row: go-live (period), then its task
    >>> texts[i + 1:i + 4]
    ['2027-03-19  (2027/1)', '1. Suunnittelu', '2027-01-29']
    """
    today = today or getattr(plan, "today", None) or dt.date.today()
    profile = profile or getattr(plan, "profile", None)
    extensions = sorted(plan.extensions, key=lambda e: (e.go_live or dt.date.max, natural_key(e.item)))
    by_item: dict[str, list] = {}
    for task in plan.tasks:
        by_item.setdefault(task.item, []).append(task)
    for listed in by_item.values():
        listed.sort(key=lambda k: (k.due or dt.date.max, natural_key(k.task_id)))
    placed = {e.item for e in extensions}
    order = [e.item for e in extensions] + sorted((i for i in by_item if i not in placed), key=natural_key)
    ext_by_item = {e.item: e for e in extensions}

    dates = [today] + [e.go_live for e in extensions if e.go_live] + [k.due for k in plan.tasks if k.due]
    first, last = min(dates), max(dates)
    start = dt.date(first.year, first.month, 1)
    end = max(_month_starts(last + dt.timedelta(days=1), last + dt.timedelta(days=62))[0],
              start + dt.timedelta(days=92))
    span = (end - start).days
    ppd = max(min(820 / span, 6.0), 0.45)
    time_w = span * ppd

    label_max = 270.0
    rows = []  # (kind, object, lines, height)
    for item in order:
        ext = ext_by_item.get(item)
        found = catalogue.find_item(item) if catalogue is not None else None
        name = ext.name if ext else (found.name if found else "")
        lines = wrap_text(f"{item} – {name}" if name else item, label_max, 9, bold=True)
        rows.append(("ext", ext if ext else item, lines, max(20.0, 8 + 12 * len(lines))))
        if tasks:
            for task in by_item.get(item, []):
                tl = wrap_text(f"{task.task_id}. {task.title}", label_max - 12, 8)
                rows.append(("task", task, tl, max(15.0, 5 + 10.5 * len(tl))))
    widths = [text_width(ln, 9 if kind == "ext" else 8, kind == "ext") * 1.08 + (0 if kind == "ext" else 12)
              for kind, _, lines, _ in rows for ln in lines]
    label_w = min(max(widths + [120.0]), label_max + 12) + 14
    top = 56.0  # years, months, today, period names
    body_h = top + sum(r[3] for r in rows) + 6
    body_w = label_w + time_w + 70

    def x_of(d: dt.date) -> float:
        return label_w + (d - start).days * ppd

    def task_mark(c: _Canvas, task, cy: float, with_date: bool) -> None:
        if not task.due:
            if with_date:
                c.text(label_w + 4, cy, t("plot_no_date", lang), 7, color=_GREY, style="italic")
            return
        x = x_of(task.due)
        if task.late:
            c.marker(x, cy, "X", 9.5, color=OKABE_ITO["vermillion"], edge="#7A2400", mew=0.6, zorder=5.5)
        else:
            marker, colour = _RESPONSIBLE.get(task.responsible_key or "", _RESPONSIBLE["other"])
            c.marker(x, cy, marker, 7, color=colour, edge="#333333", mew=0.5, zorder=5)
        if with_date:
            text = _date_text(task.due, lang) + (" – " + t("plot_late", lang) if task.late else "")
            c.text(x + 7, cy, text, 7, color=OKABE_ITO["vermillion"] if task.late else _GREY, zorder=5)

    def draw(c: _Canvas) -> None:
        bottom = body_h - 4
        band_top = 40.0
        # periods
        for period in plan.periods:
            if not period.start or (period.end or period.start) < start or period.start > end:
                continue
            a, b = max(period.start, start), min(period.end or period.start, end)
            c.rect(x_of(a), band_top, max((b - a).days * ppd, 1.5), bottom - band_top,
                   face=_tint(OKABE_ITO["sky"], 0.78), zorder=0.4)
            c.text(x_of(a) + 3, band_top + 8, period.name, 7.5, color="#1F5E80", weight="bold", zorder=1)
        # months and years
        months = _month_starts(start, end)
        names = _MONTHS.get(lang, _MONTHS["fi"])
        widest = max(text_width(n, 7.5) for n in names) * 1.08 + 6
        step = next((s for s in (1, 2, 3, 6) if s * 28 * ppd >= widest), 12)
        for d in months:
            x = x_of(d)
            c.line([(x, 14 if d.month == 1 else 27), (x, bottom)], color="#B0B0B0" if d.month == 1 else "#E3E3E3",
                   lw=0.6, zorder=0.3)
            if (d.month - 1) % step == 0:
                c.text(x + 2, 21, names[d.month - 1], 7.5, color=_GREY)
            if d.month == 1 or d == months[0]:
                c.text(x + 2, 7, str(d.year), 8.5, weight="bold", color="#333333")
        c.line([(label_w, band_top), (body_w, band_top)], color="#B0B0B0", lw=0.6, zorder=0.3)
        # today
        if start <= today <= end:
            x = x_of(today)
            c.line([(x, 28), (x, bottom)], color=OKABE_ITO["vermillion"], lw=1.3, ls=(0, (4, 2)), zorder=4)
            c.text(x + 3, 33, t("plot_today", lang, date=_date_text(today, lang)), 7.5,
                   color=OKABE_ITO["vermillion"], weight="bold", zorder=4.1)
        # rows
        y = band_top + 16
        for n, (kind, obj, lines, h) in enumerate(rows):
            cy = y + h / 2
            if kind == "ext":
                c.line([(0, y), (body_w, y)], color="#C8C8C8", lw=0.6, zorder=0.35)
                for j, line in enumerate(lines):
                    c.text(2, cy + (j - (len(lines) - 1) / 2) * 12, line, 9, weight="bold")
                item = obj if isinstance(obj, str) else obj.item
                own = by_item.get(item, [])
                if not isinstance(obj, str) and obj.go_live:
                    a = min([k.due for k in own if k.due] + [obj.go_live])
                    c.rect(x_of(a), cy - 4, max((obj.go_live - a).days * ppd, 1), 8,
                           face=_tint(OKABE_ITO["blue"], 0.55), edge=OKABE_ITO["blue"], lw=0.6, zorder=2)
                    c.marker(x_of(obj.go_live), cy, "D", 9, color=_INK, zorder=6)
                    c.text(x_of(obj.go_live) + 8, cy, f"{_date_text(obj.go_live, lang)}  ({obj.period})", 8,
                           weight="bold", zorder=6, backdrop="white")
                if not tasks:
                    for task in own:
                        task_mark(c, task, cy, with_date=False)
            else:
                if n % 2 == 0:
                    c.rect(0, y, body_w, h, face="#000000", alpha=0.03, zorder=0.32)
                for j, line in enumerate(lines):
                    c.text(12, cy + (j - (len(lines) - 1) / 2) * 10.5, line, 8,
                           color=OKABE_ITO["vermillion"] if obj.late else _INK)
                task_mark(c, obj, cy, with_date=True)
            y += h

    present = {k.responsible_key or "" for k in plan.tasks}
    parties = []
    for key, (marker, colour) in _RESPONSIBLE.items():
        if key in present:
            label = t(f"plot_party_{key or 'none'}", lang)
            if key == "other":
                named = sorted({k.responsible for k in plan.tasks if k.responsible_key == "other" and k.responsible})
                label = ", ".join(named[:3]) or label
            parties.append(_LegendEntry("marker", label, dict(marker=marker, size=7, color=colour, edge="#333333",
                                                              mew=0.5)))
    marks = [_LegendEntry("marker", t("plot_go_live", lang), dict(marker="D", size=8, color=_INK)),
             _LegendEntry("patch", t("plot_preparation", lang), dict(face=_tint(OKABE_ITO["blue"], 0.55),
                                                                     edge=OKABE_ITO["blue"], lw=0.6)),
             _LegendEntry("band", t("plot_period", lang), dict(face=_tint(OKABE_ITO["sky"], 0.78))),
             _LegendEntry("line", t("plot_today_legend", lang), dict(color=OKABE_ITO["vermillion"], lw=1.3,
                                                                      ls=(0, (4, 2)), head=False))]
    if any(k.late for k in plan.tasks):
        marks.insert(0, _LegendEntry("marker", t("plot_late_legend", lang),
                                     dict(marker="X", size=9, color=OKABE_ITO["vermillion"], edge="#7A2400", mew=0.6)))
    subtitle = _subtitle([organisation or "", t("plot_profile", lang, profile=profile) if profile else "",
                          _file_name(catalogue.table_path) if catalogue is not None else "", _date_text(today, lang)])
    page = _Page(title or t("plot_title_gantt", lang), subtitle, body_w, body_h, draw,
                 [_Legend(t("plot_legend_parties", lang), parties), _Legend(t("plot_legend_marks", lang), marks)],
                 [t("plot_foot_gantt", lang)])
    return page.render(ax)


# ---------------------------------------------------------------------------
# saving
# ---------------------------------------------------------------------------
def _format_of(path: str | os.PathLike, fmt: str | None) -> str:
    fmt = (fmt or Path(path).suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise OutputError(f"cannot write a figure as {fmt or 'a file without an extension'!r}; "
                          f"use one of: {', '.join(FORMATS)}")
    return fmt


def figure_bytes(fig: Figure, fmt: str = "svg") -> bytes:
    """The figure as SVG, PNG (200 dpi) or PDF bytes, with no timestamps (byte-identical across runs).

    Examples
    --------
    >>> import datetime as dt
    >>> from analyser.load.catalogue import load_catalogue
    >>> from analyser.model import build_graph
    >>> c = load_catalogue(with_tasks=False)
    >>> fig = dependency_diagram(c, build_graph(c), "ARK", date=dt.date(2027, 1, 4))
    >>> svg = figure_bytes(fig)
    >>> svg.splitlines()[0], svg == figure_bytes(fig)
    (b'<?xml version="1.0" encoding="utf-8" standalone="no"?>', True)
    >>> b"<text" in svg, b"DejaVu Sans', Arial" in svg  # text stays text, with fallback fonts
    (True, True)
    >>> figure_bytes(fig, "png")[:8]
    b'\\x89PNG\\r\\n\\x1a\\n'
    """
    fmt = _format_of(f"x.{fmt}", fmt)
    buffer = io.BytesIO()
    with matplotlib.rc_context(RC):
        if fmt == "svg":
            fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": "analyser"})
        elif fmt == "pdf":
            fig.savefig(buffer, format="pdf", metadata={"CreationDate": None, "ModDate": None,
                                                        "Creator": "analyser", "Producer": "analyser"})
        else:
            fig.savefig(buffer, format="png", dpi=200, metadata={"Software": "analyser"})
    data = buffer.getvalue()
    if fmt == "svg":  # viewers without DejaVu Sans fall back to narrower fonts, so text still fits
        data = data.replace(b"font-family: 'DejaVu Sans'", b"font-family: 'DejaVu Sans', Arial, Helvetica, sans-serif")
    return data


def save_figure(fig: Figure, path: str | os.PathLike, inputs: Iterable = (), *, fmt: str | None = None) -> Path:
    """Write a figure atomically (format from the file extension: .svg, .png or .pdf); never over an input.

    Returns
    -------
    pathlib.Path
        The file written.

    Examples
    --------
    >>> import datetime as dt, tempfile
    >>> from analyser.load.catalogue import load_catalogue
    >>> from analyser.model import build_graph
    >>> c = load_catalogue(with_tasks=False)
    >>> fig = dependency_diagram(c, build_graph(c), "ARK", date=dt.date(2027, 1, 4))
    >>> out = save_figure(fig, Path(tempfile.mkdtemp()) / "ark.pdf")
    >>> out.name, out.read_bytes()[:5]
    ('ark.pdf', b'%PDF-')
    """
    fmt = _format_of(path, fmt)
    guard_inputs(path, inputs)
    return write_atomic(path, figure_bytes(fig, fmt), inputs=inputs)


PLOT_KINDS = ("dependencies", "overlay", "matrix", "gantt")


def write_plot(
    kind: str,
    catalogue: Catalogue,
    graph: nx.DiGraph,
    path: str | os.PathLike,
    *,
    profile: str | None = None,
    situation: Situation | None = None,
    organisation: str | None = None,
    certified: Iterable[str] | None = None,
    plan=None,
    lang: str = "fi",
    date: dt.date | None = None,
    show_not_allowed: bool = False,
    inputs: Iterable = (),
) -> Path:
    """Draw one figure and write it: what ``analyser plot KIND ...`` does.

    ``kind`` is one of :data:`PLOT_KINDS`: "dependencies" (``profile`` or
    ``situation`` optional), "overlay" (needs ``situation``), "matrix", or
    "gantt" (needs ``plan``). ``date`` is the date shown (default today; for
    the Gantt chart, "today"). The format comes from the file extension.

    Returns
    -------
    pathlib.Path
        The file written.

    Examples
    --------
    >>> import datetime as dt, tempfile
    >>> from analyser.load.catalogue import load_catalogue
    >>> from analyser.model import build_graph
    >>> c = load_catalogue(with_tasks=False)
    >>> out = write_plot("dependencies", c, build_graph(c), Path(tempfile.mkdtemp()) / "ark.svg", profile="ARK",
    ...                  date=dt.date(2027, 1, 4))
    >>> svg = out.read_bytes()
    >>> out.name, svg[:5], b">SOS-VANHAT</text>" in svg
    ('ark.svg', b'<?xml', True)
    """
    fmt = _format_of(path, None)
    guard_inputs(path, inputs)
    with matplotlib.rc_context(RC):
        if kind == "dependencies":
            fig = dependency_diagram(catalogue, graph, profile, situation=situation, lang=lang, date=date,
                                     show_not_allowed=show_not_allowed)
        elif kind == "overlay":
            if situation is None:
                raise ValueError("the overlay needs a situation (profile and deployed items)")
            fig = organisation_overlay(catalogue, graph, situation, organisation=organisation, certified=certified,
                                       lang=lang, date=date)
        elif kind == "matrix":
            fig = profile_matrix(catalogue, graph, lang=lang, date=date)
        elif kind == "gantt":
            if plan is None:
                raise ValueError("the Gantt chart needs a plan")
            fig = plan_gantt(plan, catalogue=catalogue, today=date, lang=lang, organisation=organisation)
        else:
            raise ValueError(f"unknown plot {kind!r}; use one of: {', '.join(PLOT_KINDS)}")
    return write_atomic(path, figure_bytes(fig, fmt), inputs=inputs)
