"""Choosing the format and writing the export file."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

import networkx as nx

from analyser.findings import OutputError
from analyser.output import guard_inputs, write_atomic
from analyser.planning.situation import Situation
from analyser.records import Catalogue
from analyser.export._flat import flat_graph
from analyser.export.dot import to_dot
from analyser.export.graphml import to_graphml
from analyser.export.json_graph import to_json
from analyser.export.mermaid import to_mermaid

__all__ = ["EXPORT_FORMATS", "EXTENSIONS", "format_for", "export_text", "export_graph"]


#: The formats, and the file extensions that choose them.
EXPORT_FORMATS = ("dot", "graphml", "mermaid", "json")


EXTENSIONS = {".dot": "dot", ".gv": "dot", ".graphml": "graphml", ".mmd": "mermaid", ".mermaid": "mermaid",
              ".json": "json"}


def format_for(path: str | os.PathLike, fmt: str | None = None) -> str:
    """The export format: ``fmt`` when given, otherwise from the file extension.

    Examples
    --------
    >>> format_for("out/graph.gv"), format_for("x.txt", "mermaid")
    ('dot', 'mermaid')
    """
    if fmt:
        fmt = fmt.lower()
        if fmt not in EXPORT_FORMATS:
            raise OutputError("export_format", fmt=fmt, formats=EXPORT_FORMATS)
        return fmt
    suffix = Path(path).suffix.lower()
    if suffix not in EXTENSIONS:
        raise OutputError("export_extension", name=Path(path).name, extensions=sorted(EXTENSIONS))
    return EXTENSIONS[suffix]


def export_text(
    catalogue: Catalogue,
    graph: nx.DiGraph,
    fmt: str,
    *,
    profile: str | None = None,
    situation: Situation | None = None,
    include_all: bool = False,
    lang: str = "fi",
) -> str:
    """The graph in ``fmt`` ("dot", "graphml", "mermaid" or "json") as text.

    The arguments after ``fmt`` are those of :func:`flat_graph`; ``lang``
    also sets the language of the caption.

    Examples
    --------
    >>> export_text(c, g, "dot", profile="ARK", lang="en").splitlines()[0]
    '// riippuvuustaulukko.xlsx, profile ARK'
    >>> export_text(c, g, "DOT") == export_text(c, g, "dot")
    True
    """
    fmt = format_for("", fmt)
    flat = flat_graph(catalogue, graph, profile=profile, situation=situation, include_all=include_all, lang=lang)
    if fmt == "dot":
        return to_dot(flat, lang=lang)
    if fmt == "mermaid":
        return to_mermaid(flat, lang=lang)
    if fmt == "graphml":
        return to_graphml(flat)
    return to_json(flat)


def export_graph(
    catalogue: Catalogue,
    graph: nx.DiGraph,
    fmt: str | None,
    path: str | os.PathLike,
    *,
    profile: str | None = None,
    situation: Situation | None = None,
    include_all: bool = False,
    lang: str = "fi",
    inputs: Iterable = (),
) -> Path:
    """Write the graph to ``path`` (format ``fmt``, or from the extension when ``fmt`` is None):
    what ``analyser export ...`` does. Atomic; never over an input file.

    Returns
    -------
    pathlib.Path
        The file written.

    Examples
    --------
    >>> import tempfile
    >>> out = export_graph(c, build_graph(c), None, Path(tempfile.mkdtemp()) / "ark.mmd", profile="ARK")
    >>> out.name, out.read_text(encoding="utf-8").splitlines()[0]
    ('ark.mmd', 'flowchart LR')
    """
    fmt = format_for(path, fmt)
    guard_inputs(path, inputs)
    text = export_text(catalogue, graph, fmt, profile=profile, situation=situation, include_all=include_all,
                       lang=lang)
    return write_atomic(path, text, inputs=inputs)

