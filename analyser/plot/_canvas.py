"""Internal: drawing in page points: the canvas, the legends, and the page every figure is.

Every figure is drawn as one "page" in points (1/72 inch): title and
subtitle, the drawing, a legend and footnotes. The page decides the figure
size, so text keeps its size and the boxes of :mod:`analyser.plot.layout`
always fit their text. Given an ``ax``, the same page is drawn into it,
scaled to fit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Sequence

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import ArrowStyle, FancyArrowPatch, FancyBboxPatch, PathPatch, Rectangle
from matplotlib.path import Path as MPath
from matplotlib.text import Text

from analyser.plot._style import _GREY, _INK
from analyser.plot.layout import text_width, wrap_text


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
        return self._add(Text(px, py, s, fontsize=size * self.s, fontweight=weight, fontstyle=style, color=color,
                              ha=ha, va=va, zorder=zorder, rotation=rotation, bbox=bbox))

    def rect(self, x, y, w, h, *, face="none", edge="none", lw=0.0, ls="solid", hatch=None, hatchcolor=None,
             rounding=0.0, corners="all", zorder=1.0, alpha=None):
        """A rectangle; ``rounding`` rounds its corners, all of them or only those on the ``corners`` side
        ("left" or "right": the part of a rounded box that a tab or a strip at its edge covers)."""
        px, py = self._xy(x, y)
        kwargs = dict(facecolor=face, edgecolor=edge, linewidth=lw * self.s, linestyle=ls, zorder=zorder,
                      alpha=alpha)
        if hatch:
            kwargs["hatch"] = hatch
            if hatchcolor:
                kwargs["hatchcolor"] = hatchcolor
        if rounding and corners != "all":
            patch = PathPatch(_rounded_side(px, py, w, h, min(rounding, w, h / 2), corners), **kwargs)
        elif rounding:
            patch = FancyBboxPatch((px, py), w, h, boxstyle=f"round,pad=0,rounding_size={rounding}",
                                   mutation_aspect=1, **kwargs)
        else:
            patch = Rectangle((px, py), w, h, **kwargs)
        return self._add(patch)

    def _add(self, artist):
        """Add an artist as it is: the page sets the axes limits, and everything drawn lies inside them."""
        artist.set_clip_on(False)
        return self.ax.add_artist(artist)

    def line(self, points, *, color=_INK, lw=1.0, ls="solid", zorder=2.0, alpha=None):
        xs = [self.ox + x for x, _ in points]
        ys = [self.oy + y for _, y in points]
        return self._add(Line2D(xs, ys, color=color, linewidth=lw * self.s, linestyle=ls, zorder=zorder,
                                alpha=alpha, solid_capstyle="butt", dash_capstyle="butt"))

    def marker(self, x, y, marker, size, *, color=_INK, edge=None, fillstyle="full", mew=1.0, zorder=5.0,
               face=None):
        px, py = self._xy(x, y)
        return self._add(Line2D([px], [py], linestyle="none", marker=marker, markersize=size * self.s,
                                color=color, markeredgecolor=edge or color, fillstyle=fillstyle,
                                markerfacecolor=face or color, markerfacecoloralt="white",
                                markeredgewidth=mew * self.s, zorder=zorder))

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
            return self._add(PathPatch(path, facecolor="none", edgecolor=color, linewidth=lw * self.s, linestyle=ls,
                                       zorder=zorder))
        style = ArrowStyle("-|>", head_length=5.5 * self.s, head_width=2.6 * self.s)
        return self._add(FancyArrowPatch(path=path, arrowstyle=style, color=color, linewidth=lw * self.s,
                                         linestyle=ls, zorder=zorder, mutation_scale=1, joinstyle="miter",
                                         capstyle="butt"))


def _rounded_side(x: float, y: float, w: float, h: float, r: float, side: str) -> MPath:
    """A rectangle whose two corners on ``side`` are rounded as matplotlib's "round" box style rounds
    corners (quadratic curves), so it covers exactly that edge of a rounded box of the same height."""
    x1, y1 = x + w, y + h
    if side == "left":
        verts = [(x1, y), (x + r, y), (x, y), (x, y + r), (x, y1 - r), (x, y1), (x + r, y1), (x1, y1), (x1, y)]
    else:
        verts = [(x, y), (x1 - r, y), (x1, y), (x1, y + r), (x1, y1 - r), (x1, y1), (x1 - r, y1), (x, y1), (x, y)]
    curve, line = MPath.CURVE3, MPath.LINETO
    return MPath(verts, [MPath.MOVETO, line, curve, curve, line, curve, curve, line, MPath.CLOSEPOLY])


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
