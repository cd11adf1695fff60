"""Graphviz DOT."""

from __future__ import annotations

import networkx as nx

from analyser.palette import group_colours, tint
from analyser.text.labels import t
from analyser.export._flat import _caption, _lanes, _ordered_edges

__all__ = ["to_dot"]


def _dot_quote(text: object) -> str:
    """A DOT double-quoted string.

    Examples
    --------
    >>> print(_dot_quote('Sanoi "hei"\\\\n\\nuusi'))
    "Sanoi \\"hei\\"\\\\n\\nuusi"
    """
    s = str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\r", "").replace("\n", "\\n")
    return f'"{s}"'


_FADED = {"excluded", "not-allowed"}


def to_dot(flat: nx.DiGraph, *, lang: str = "fi") -> str:
    """Graphviz DOT: left to right, a cluster per service, nodes filled by document group.

    Indirect edges are dotted, recommendations dashed and blue; items the
    profile does not allow or cannot reach are drawn dashed and grey.

    Examples
    --------
    >>> from analyser.export import flat_graph
    >>> dot = to_dot(flat_graph(c, build_graph(c), profile="SOS-V2"))
    >>> print(dot.splitlines()[0])
    // riippuvuustaulukko.xlsx, profiili SOS-V2
    >>> [line.strip() for line in dot.splitlines() if "style=dotted" in line]  # an indirect edge
    ['"SOS-V1-ARK" -> "SOS-LV-HAKU" [style=dotted, color="#8C8C8C"];']
    """
    colours = group_colours([d.get("group", "") for _, d in flat.nodes(data=True)] + [""])
    out = [f"// {_caption(flat, lang)}", f"// {t('export_generated', lang)}", "digraph \"analyser\" {",
           "  graph [rankdir=LR, fontname=\"DejaVu Sans\", fontsize=11, nodesep=0.25, ranksep=0.7, "
           "labeljust=l, labelloc=t, label=" + _dot_quote(_caption(flat, lang)) + "];",
           "  node [shape=box, style=\"rounded,filled\", fontname=\"DejaVu Sans\", fontsize=10, "
           "color=\"#3C3C3C\", penwidth=0.9];",
           "  edge [color=\"#4A4A4A\", arrowsize=0.7];"]
    for k, (_, name, nodes) in enumerate(_lanes(flat)):
        out.append(f"  subgraph \"cluster_{k}\" {{")
        out.append(f"    label={_dot_quote(name)}; style=\"rounded,filled\"; color=\"#D9D9D9\"; "
                   "fillcolor=\"#F2F3F5\"; fontname=\"DejaVu Sans Bold\";")
        for n in nodes:
            data = flat.nodes[n]
            group = data.get("group", "")
            attrs = [f"label={_dot_quote(data.get('label', n))}",
                     f"fillcolor=\"{tint(colours[group], 0.78)}\""]
            if data.get("status") in _FADED:
                attrs += ["style=\"rounded,dashed\"", "fontcolor=\"#6E6E6E\"", "color=\"#9A9A9A\""]
            out.append(f"    {_dot_quote(n)} [{', '.join(attrs)}];")
        out.append("  }")
    for u, v, data in _ordered_edges(flat):
        kind = data.get("kind", "requires")
        attrs = ""
        if kind == "recommends":
            attrs = " [style=dashed, color=\"#0072B2\", constraint=false]"
        elif kind == "indirect":
            attrs = " [style=dotted, color=\"#8C8C8C\"]"
        out.append(f"  {_dot_quote(u)} -> {_dot_quote(v)}{attrs};")
    out.append("}")
    return "\n".join(out) + "\n"

