"""Mermaid flowcharts."""

from __future__ import annotations

import networkx as nx

from analyser.palette import group_colours, group_order, tint
from analyser.text.vocabulary import natural_key
from analyser.export._flat import _caption, _lanes, _ordered_edges
from analyser.export.dot import _FADED

__all__ = ["to_mermaid"]


def _mermaid_text(text: object) -> str:
    """Text safe inside a Mermaid ``"..."`` label: entity codes for ``# " < > & ` ``; new lines as ``<br/>``.

    Examples
    --------
    >>> _mermaid_text('Sanoi "hei" #1 <b>\\nrivi')
    'Sanoi #quot;hei#quot; #35;1 #lt;b#gt;<br/>rivi'
    """
    s = str(text).replace("\r", "")
    s = s.replace("#", "#35;")
    for ch, code in (('"', "#quot;"), ("<", "#lt;"), (">", "#gt;"), ("&", "#amp;"), ("`", "#96;")):
        s = s.replace(ch, code)
    return s.replace("\n", "<br/>")


def to_mermaid(flat: nx.DiGraph, *, lang: str = "fi") -> str:
    """Mermaid ``flowchart LR``: node ids n0, n1, ... in id order; a subgraph per service; a class per group.

    Examples
    --------
    >>> from analyser.export import flat_graph
    >>> text = to_mermaid(flat_graph(c, build_graph(c), profile="ARK"), lang="en")
    >>> print("\\n".join(text.splitlines()[:5]))
    flowchart LR
    %% analyser: riippuvuustaulukko.xlsx, profile ARK
      subgraph s0["Sosiaalihuollon asiakastiedon arkisto"]
        n0["SOS<br/>Sosiaalihuollon asiakastiedon arkisto käytössä"]
        n1["SOS-VANHAT<br/>Vanhojen asiakirjojen arkistointi"]
    >>> [line.strip() for line in text.splitlines() if "-->" in line]
    ['n0 --> n1']
    """
    nodes = sorted(flat.nodes, key=natural_key)
    ids = {n: f"n{k}" for k, n in enumerate(nodes)}
    out = ["flowchart LR", f"%% analyser: {_caption(flat, lang)}"]
    for k, (_, name, members) in enumerate(_lanes(flat)):
        out.append(f"  subgraph s{k}[\"{_mermaid_text(name)}\"]")
        for n in members:
            out.append(f"    {ids[n]}[\"{_mermaid_text(flat.nodes[n].get('label', n))}\"]")
        out.append("  end")
    for u, v, data in _ordered_edges(flat):
        arrow = {"recommends": "-.->", "indirect": "-.->"}.get(data.get("kind"), "-->")
        out.append(f"  {ids[u]} {arrow} {ids[v]}")
    groups = sorted({flat.nodes[n].get("group", "") for n in nodes}, key=group_order)
    colours = group_colours(groups + [""])
    for k, group in enumerate(groups):
        members = [ids[n] for n in nodes if flat.nodes[n].get("group", "") == group
                   and flat.nodes[n].get("status") not in _FADED]
        if not members:
            continue
        out.append(f"  classDef g{k} fill:{tint(colours[group], 0.78)},stroke:{colours[group]},color:#222222")
        out.append(f"  class {','.join(members)} g{k}")
    faded = [ids[n] for n in nodes if flat.nodes[n].get("status") in _FADED]
    if faded:
        out.append("  classDef faded fill:#F7F7F7,stroke:#9A9A9A,stroke-dasharray:4 2,color:#6E6E6E")
        out.append(f"  class {','.join(faded)} faded")
    return "\n".join(out) + "\n"

