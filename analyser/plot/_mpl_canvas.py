"""Internal: the page drawn with matplotlib, for PNG, PDF and figures shown or composed in notebooks.

:class:`MplCanvas` draws on an axes whose data coordinates are page points
(y downwards); :func:`page_figure` makes the figure (or fits the page into a
caller's axes) under :data:`~analyser.plot.RC`. The SVG canvas
(:mod:`analyser.plot._svg_canvas`) draws the same primitives with no
matplotlib.
"""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import ArrowStyle, FancyArrowPatch, FancyBboxPatch, PathPatch, Rectangle
from matplotlib.path import Path as MPath
from matplotlib.text import Text

from analyser.plot._style import _INK

__all__ = ["MplCanvas", "page_figure"]


class MplCanvas:
    """Draws on an axes whose data coordinates are page points (y downwards).

    ``s`` scales font sizes and line widths when the page is shown smaller
    or larger than its natural size (a caller's ``ax``).
    """

    def __init__(self, ax, s: float = 1.0, ox: float = 0.0, oy: float = 0.0):
        self.ax = ax
        self.s = s
        self.ox = ox
        self.oy = oy

    def at(self, dx: float, dy: float) -> "MplCanvas":
        return MplCanvas(self.ax, self.s, self.ox + dx, self.oy + dy)

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
             rounding=0.0, corners="all", zorder=1.0, alpha=None, gid=None):
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
        patch.set_gid(gid)
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

    def arrow(self, commands, *, color=_INK, lw=1.0, ls="solid", zorder=2.0, head=True, gid=None):
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
        else:
            style = ArrowStyle("-|>", head_length=5.5 * self.s, head_width=2.6 * self.s)
            patch = FancyArrowPatch(path=path, arrowstyle=style, color=color, linewidth=lw * self.s, linestyle=ls,
                                    zorder=zorder, mutation_scale=1, joinstyle="miter", capstyle="butt")
        patch.set_gid(gid)
        return self._add(patch)


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


def page_figure(width: float, height: float, ax=None) -> tuple[MplCanvas, Figure]:
    """A canvas for a page of ``width`` x ``height`` points and its figure: a new one the page's size, or
    ``ax``'s, the page scaled to fit the axes. Call it (and draw) under :data:`~analyser.plot.RC`.

    Examples
    --------
    >>> import matplotlib
    >>> from analyser.plot import RC
    >>> with matplotlib.rc_context(RC):
    ...     canvas, fig = page_figure(144, 72)
    ...     _ = canvas.text(10, 10, "SOS", 9)
    >>> fig.get_size_inches().tolist(), fig.axes[0].texts[0].get_text()
    ([2.0, 1.0], 'SOS')
    """
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
    return MplCanvas(ax, s), fig
