"""Internal: saving figures, and drawing one figure straight to a file.

Saving (:func:`save_figure`) is deterministic: SVG keeps text as text and
has a fixed hash salt and no date, so the same input gives byte-identical
SVG; PNG is 200 dpi; PDF carries no creation date.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path
from typing import Iterable

import matplotlib
import networkx as nx
from matplotlib.figure import Figure

from analyser.findings import OutputError, UsageError
from analyser.output import guard_inputs, write_atomic
from analyser.planning.situation import Situation
from analyser.plot._diagram import dependency_diagram, organisation_overlay
from analyser.plot._gantt import plan_gantt
from analyser.plot._matrix import profile_matrix
from analyser.plot._style import RC
from analyser.records import Catalogue

__all__ = ["FORMATS", "figure_bytes", "save_figure", "write_plot", "PLOT_KINDS"]

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
    with matplotlib.rc_context(RC):
        if kind == "dependencies":
            fig = dependency_diagram(catalogue, graph, profile, situation=situation, lang=lang, date=date,
                                     show_not_allowed=show_not_allowed)
        elif kind == "overlay":
            if situation is None:
                raise UsageError("plot_needs_situation")
            fig = organisation_overlay(catalogue, graph, situation, organisation=organisation, certified=certified,
                                       lang=lang, date=date)
        elif kind == "matrix":
            fig = profile_matrix(catalogue, graph, lang=lang, date=date)
        elif kind == "gantt":
            if plan is None:
                raise UsageError("plot_needs_plan")
            fig = plan_gantt(plan, catalogue=catalogue, today=date, lang=lang, organisation=organisation)
        else:
            raise UsageError("unknown_plot", kind=kind, kinds=PLOT_KINDS)
    return write_atomic(path, figure_bytes(fig, fmt), inputs=inputs)
