"""JSON node-link data."""

from __future__ import annotations

import json

import networkx as nx

from analyser.text.vocabulary import natural_key
from analyser.export._flat import _ordered_edges

__all__ = ["to_json"]


def to_json(flat: nx.DiGraph) -> str:
    """JSON node-link (``networkx.node_link_graph(data, edges="edges")`` reads it back).

    Examples
    --------
    >>> from analyser.export import flat_graph
    >>> data = json.loads(to_json(flat_graph(c, build_graph(c), profile="ARK")))
    >>> data["graph"]["profile"], [n["id"] for n in data["nodes"]]
    ('ARK', ['SOS', 'SOS-VANHAT'])
    >>> [(e["source"], e["target"], e["kind"]) for e in data["edges"]]
    [('SOS', 'SOS-VANHAT', 'requires')]
    >>> sorted(nx.node_link_graph(data, edges="edges").edges)
    [('SOS', 'SOS-VANHAT')]
    """
    data = {
        "directed": True,
        "multigraph": False,
        "graph": dict(flat.graph),
        "nodes": [{"id": n, **flat.nodes[n]} for n in sorted(flat.nodes, key=natural_key)],
        "edges": [{"source": u, "target": v, **d} for u, v, d in _ordered_edges(flat)],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

