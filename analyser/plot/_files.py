"""Internal: saving figures, and drawing one figure straight to a file.

A figure written to a file (:func:`write_plot`, :func:`write_page`) is
drawn from its page: SVG straight from the page, with no matplotlib
(:mod:`analyser.plot._svg_canvas`); PNG and PDF with matplotlib. A
matplotlib figure in hand (a notebook's, perhaps with more drawn on it) is
saved as matplotlib draws it (:func:`figure_bytes`, :func:`save_figure`).
Either way the bytes are deterministic: SVG keeps text as text, with no
date and numbered ids, so the same input gives byte-identical SVG; PNG is
200 dpi; PDF carries no creation date.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import os
import re
from pathlib import Path
from typing import Iterable

from typing import TYPE_CHECKING

import networkx as nx

from analyser.findings import OutputError, UsageError
from analyser.output import guard_inputs, write_atomic
from analyser.planning.situation import Situation
from analyser.plot._canvas import _Page
from analyser.plot._diagram import dependency_diagram, organisation_overlay
from analyser.plot._gantt import plan_gantt
from analyser.plot._matrix import profile_matrix
from analyser.plot._style import RC
from analyser.records import Catalogue

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from matplotlib.path import Path as MPath

__all__ = ["FORMATS", "figure_bytes", "page_bytes", "save_figure", "write_page", "write_plot", "PLOT_KINDS"]

FORMATS = ("svg", "png", "pdf")


def _format_of(path: str | os.PathLike, fmt: str | None) -> str:
    fmt = (fmt or Path(path).suffix.lstrip(".")).lower()
    if not fmt:
        raise OutputError("figure_no_extension", formats=FORMATS)
    if fmt not in FORMATS:
        raise OutputError("figure_format", fmt=fmt, formats=FORMATS)
    return fmt


def figure_bytes(fig: Figure, fmt: str = "svg") -> bytes:
    """The figure as SVG, PNG (200 dpi) or PDF bytes, with no timestamps (byte-identical across runs).

    Examples
    --------
    >>> fig = dependency_diagram(c, build_graph(c), "ARK", date=dt.date(2027, 1, 4))
    >>> svg = figure_bytes(fig)
    >>> svg.splitlines()[0], svg == figure_bytes(fig)
    (b'<?xml version="1.0" encoding="utf-8" standalone="no"?>', True)
    >>> b"<text" in svg, b"DejaVu Sans', Arial" in svg  # text stays text, with fallback fonts
    (True, True)
    >>> figure_bytes(fig, "png")[:8]
    b'\\x89PNG\\r\\n\\x1a\\n'
    """
    import matplotlib

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
        data = _small_hatch_tiles(data, {p.get_hatch() for ax in fig.axes for p in ax.patches if p.get_hatch()})
    return data


_HATCH_TILE = re.compile(rb'<pattern id="(?P<id>[^"]+)" patternUnits="userSpaceOnUse" x="0" y="0" '
                         rb'width="72" height="72">(?P<gap>\s*)<rect x="0" y="0" width="73" height="73" '
                         rb'fill="(?P<fill>[^"]*)"/>(?P<gap2>\s*)<path d="(?P<d>[^"]*)"')


def _small_hatch_tiles(svg: bytes, hatches: Iterable[str]) -> bytes:
    """``svg`` with each hatch pattern drawn on a tile of 12 or 24 points instead of matplotlib's 72.

    matplotlib repeats a hatch six times per 72-point tile (its density 6),
    which makes a dotted pattern some 150 KB of path data. The same hatch at
    density 1 (or 2, when a count is odd, so dots and lines stay in phase
    across tiles) on a tile 1/6 (or 1/3) as big draws the same picture. Each
    tile is told by its path's commands, which differ between the hatches of
    a figure; a tile not told apart, or not recognised, stays as it is.
    """
    shapes: dict[tuple, set[str]] = {}
    for hatch in hatches:
        shapes.setdefault(_commands(hatch), set()).add(hatch)

    def small(match: re.Match) -> bytes:
        d = match["d"]
        found = shapes.get(tuple(d.count(c) for c in b"MLQCz"), set())
        if len(found) != 1:
            return match[0]
        size, path = _small_tile(*found)
        return (b'<pattern id="%s" patternUnits="userSpaceOnUse" x="0" y="0" width="%d" height="%d">%s'
                b'<rect x="0" y="0" width="%d" height="%d" fill="%s"/>%s<path d="%s"'
                % (match["id"], size, size, match["gap"], size + 1, size + 1, match["fill"], match["gap2"], path))

    return _HATCH_TILE.sub(small, svg)


@functools.lru_cache(maxsize=None)
def _small_tile(hatch: str) -> tuple[int, bytes]:
    """The side (points) and SVG path data of the smallest tile that repeats ``hatch`` as matplotlib draws it."""
    from matplotlib.path import Path as MPath

    density = 1 if all(hatch.count(ch) % 2 == 0 for ch in hatch) else 2
    size = 72 * density // 6
    return size, _svg_path(MPath.hatch(hatch, density), size)


@functools.lru_cache(maxsize=None)
def _commands(hatch: str) -> tuple[int, ...]:
    """How many of each SVG path command (M, L, Q, C, z) matplotlib writes for a ``hatch`` tile."""
    from matplotlib.path import Path as MPath

    codes = list(MPath.hatch(hatch, 6).codes)
    return (codes.count(MPath.MOVETO), codes.count(MPath.LINETO), codes.count(MPath.CURVE3) // 2,
            codes.count(MPath.CURVE4) // 3, codes.count(MPath.CLOSEPOLY))


def _svg_path(path: MPath, size: int) -> bytes:
    """SVG path data of a unit-square ``path`` scaled to ``size`` points, y downwards (as matplotlib writes tiles)."""
    from matplotlib.path import Path as MPath

    letters = {MPath.MOVETO: "M", MPath.LINETO: "L", MPath.CURVE3: "Q", MPath.CURVE4: "C", MPath.CLOSEPOLY: "z"}
    steps = {MPath.CURVE3: 2, MPath.CURVE4: 3}
    parts, i = [], 0
    vertices, codes = path.vertices, path.codes
    while i < len(codes):
        code = int(codes[i])
        n = steps.get(code, 1)
        if code == MPath.CLOSEPOLY:
            parts.append("z")
        else:
            points = (f"{_num(x * size)} {_num(size - y * size)}" for x, y in vertices[i:i + n])
            parts.append(f"{letters[code]} {' '.join(points)}")
        i += n
    return " ".join(parts).encode("ascii")


def _num(value: float) -> str:
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def save_figure(fig: Figure, path: str | os.PathLike, inputs: Iterable = (), *, fmt: str | None = None) -> Path:
    """Write a figure atomically (format from the file extension: .svg, .png or .pdf); never over an input.

    Returns
    -------
    pathlib.Path
        The file written.

    Examples
    --------
    >>> import datetime as dt, tempfile
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
    >>> out = write_plot("dependencies", c, build_graph(c), Path(tempfile.mkdtemp()) / "ark.svg", profile="ARK",
    ...                  date=dt.date(2027, 1, 4))
    >>> svg = out.read_bytes()
    >>> out.name, svg[:5], b">SOS-VANHAT</text>" in svg
    ('ark.svg', b'<?xml', True)
    """
    fmt = _format_of(path, None)
    guard_inputs(path, inputs)
    if kind == "dependencies":
        page = dependency_diagram.page(catalogue, graph, profile, situation=situation, lang=lang, date=date,
                                       show_not_allowed=show_not_allowed)
    elif kind == "overlay":
        if situation is None:
            raise UsageError("plot_needs_situation")
        page = organisation_overlay.page(catalogue, graph, situation, organisation=organisation,
                                         certified=certified, lang=lang, date=date)
    elif kind == "matrix":
        page = profile_matrix.page(catalogue, graph, lang=lang, date=date)
    elif kind == "gantt":
        if plan is None:
            raise UsageError("plot_needs_plan")
        page = plan_gantt.page(plan, catalogue=catalogue, today=date, lang=lang, organisation=organisation)
    else:
        raise UsageError("unknown_plot", kind=kind, kinds=PLOT_KINDS)
    return write_atomic(path, page_bytes(page, fmt), inputs=inputs)


def page_bytes(page: _Page, fmt: str = "svg") -> bytes:
    """A figure's page as SVG (drawn straight, no matplotlib), PNG or PDF (drawn with matplotlib) bytes.

    ``page`` comes from a figure function's ``.page(...)`` (the same
    arguments as the figure function).

    Examples
    --------
    >>> page = dependency_diagram.page(c, build_graph(c), "ARK", date=dt.date(2027, 1, 4))
    >>> svg = page_bytes(page)
    >>> svg[:5], b">SOS-VANHAT</text>" in svg, svg == page_bytes(page)
    (b'<?xml', True, True)
    >>> page_bytes(page, "pdf")[:5]
    b'%PDF-'
    """
    fmt = _format_of(f"x.{fmt}", fmt)
    return page.svg() if fmt == "svg" else figure_bytes(page.render(), fmt)


def write_page(page: _Page, path: str | os.PathLike, inputs: Iterable = (), *, fmt: str | None = None) -> Path:
    """Write a figure's page atomically (format from ``fmt`` or the file extension), never over an input.

    Examples
    --------
    >>> import tempfile
    >>> page = profile_matrix.page(c, build_graph(c), date=dt.date(2027, 1, 4))
    >>> write_page(page, Path(tempfile.mkdtemp()) / "matriisi.svg").read_bytes()[:5]
    b'<?xml'
    """
    fmt = _format_of(path, fmt)
    guard_inputs(path, inputs)
    return write_atomic(path, page_bytes(page, fmt), inputs=inputs)
