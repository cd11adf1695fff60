"""Internal: the page every figure is, its legends, and the canvas it is drawn on.

Every figure is drawn as one "page" in points (1/72 inch): title and
subtitle, the drawing, a legend and footnotes. The page decides the figure
size, so text keeps its size and the boxes of :mod:`analyser.plot.layout`
always fit their text. A page is drawn through a canvas (:class:`_Canvas`):
straight into SVG (:meth:`_Page.svg`, no matplotlib), or with matplotlib
(:meth:`_Page.render`: a figure, or a caller's ``ax`` with the page scaled
to fit), for PNG, PDF and notebooks.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Callable, Protocol, Sequence

from analyser.plot._style import _GREY, _INK
from analyser.plot.layout import text_width, wrap_text


class _Canvas(Protocol):
    """What a figure draws with, in page points (y downwards): both canvases have these primitives."""

    def at(self, dx: float, dy: float) -> "_Canvas": ...

    def text(self, x, y, s, size, *, weight="normal", style="normal", color=_INK, ha="left", va="center",
             zorder=6.0, rotation=0.0, backdrop=None): ...

    def rect(self, x, y, w, h, *, face="none", edge="none", lw=0.0, ls="solid", hatch=None, hatchcolor=None,
             rounding=0.0, corners="all", zorder=1.0, alpha=None, gid=None): ...

    def line(self, points, *, color=_INK, lw=1.0, ls="solid", zorder=2.0, alpha=None): ...

    def marker(self, x, y, marker, size, *, color=_INK, edge=None, fillstyle="full", mew=1.0, zorder=5.0,
               face=None): ...

    def arrow(self, commands, *, color=_INK, lw=1.0, ls="solid", zorder=2.0, head=True, gid=None): ...


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


TITLE_SIZE = 14.0


def title_fits(title: str, inner_width: float) -> bool:
    """Whether ``title`` stands whole on one line on a page whose inner width (between the margins) is
    ``inner_width`` points (:attr:`_Page.inner_width`): neither wrapped nor cut (its white space
    still counts as the page shows it, one space between words).

    Examples
    --------
    >>> title_fits("Käytön laajennuksen tilanne: Testikylä", 468), title_fits("x " * 80, 468)
    (True, False)
    >>> title_fits("Testikylä " + "x" * 70, 2000)  # a word of over 60 characters is cut
    False
    """
    return _title_lines(title, inner_width) == [" ".join(title.split())]


def _title_lines(title: str, inner_width: float) -> list[str]:
    return wrap_text(title, inner_width / 1.08, TITLE_SIZE, bold=True)


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

    @property
    def inner_width(self) -> float:
        """The page's width between its margins, in points."""
        return max(self.body_w + 2 * self.margin, self.min_width) - 2 * self.margin

    def arrange(self):
        """The page's width and height (points) and where its parts go."""
        m = self.margin
        inner = self.inner_width
        width = inner + 2 * m
        title_lines = _title_lines(self.title, inner)
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
        return width, height, layout_plan, legend_rows, legend_y, body_y

    def draw(self, canvas) -> None:
        """Draw the page onto ``canvas`` (either backend), sized by :meth:`arrange`."""
        m = self.margin
        _, _, layout_plan, legend_rows, legend_y, body_y = self.arrange()
        for kind, line, ly in layout_plan:
            if kind == "title":
                canvas.text(m, ly, line, TITLE_SIZE, weight="bold", color=_INK)
            elif kind == "sub":
                canvas.text(m, ly, line, 9.5, color=_GREY)
            else:
                canvas.text(m, ly, line, 8, color=_GREY)
        self.draw_body(canvas.at(m, body_y))
        if legend_y is not None:
            _draw_legend(canvas.at(m, 0), legend_rows, legend_y)

    def render(self, ax=None):
        """The page as a matplotlib figure (or drawn into ``ax``, scaled to fit): loads matplotlib."""
        import matplotlib

        from analyser.plot._mpl_canvas import page_figure
        from analyser.plot._style import RC

        width, height = self.arrange()[:2]
        with matplotlib.rc_context(RC):
            canvas, fig = page_figure(width, height, ax)
            self.draw(canvas)
        return fig

    def svg(self) -> bytes:
        """The page as an SVG document, drawn without matplotlib (:mod:`analyser.plot._svg_canvas`)."""
        from analyser.plot._svg_canvas import SvgCanvas

        width, height = self.arrange()[:2]
        canvas = SvgCanvas(width, height)
        self.draw(canvas)
        return canvas.bytes()


def figure_function(build: Callable[..., _Page]) -> Callable:
    """Make a page-building function (its parameters including ``ax``) a figure function: calling it returns
    the page drawn with matplotlib (into ``ax`` when given); ``.page(...)``, the same call, returns the page
    itself (for :meth:`_Page.svg`, with no matplotlib).

    Examples
    --------
    >>> @figure_function
    ... def blank(title, *, ax=None):
    ...     return _Page(title, "", 100, 20, lambda canvas: None)
    >>> blank.page("Otsikko").svg()[:5], blank("Otsikko").axes[0].texts[0].get_text()
    (b'<?xml', 'Otsikko')
    """

    @functools.wraps(build)
    def figure(*args, **kwargs):
        return build(*args, **kwargs).render(kwargs.get("ax"))

    figure.page = build
    return figure
