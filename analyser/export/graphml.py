"""GraphML, for yEd and Gephi."""

from __future__ import annotations

import io

import networkx as nx

__all__ = ["to_graphml"]


def to_graphml(flat: nx.DiGraph) -> str:
    """GraphML (opens in yEd and Gephi; in yEd map the ``label`` attribute to the node label with
    Edit → Properties Mapper).

    Examples
    --------
    >>> from analyser.export import flat_graph
    >>> text = to_graphml(flat_graph(c, build_graph(c), profile="SOS-V2"))
    >>> text.count("<node "), text.count("<edge ")
    (9, 9)
    >>> back = nx.parse_graphml(text)
    >>> back.nodes["SOS-V2-ROK"]["status"], back.edges["SOS-V1-ARK", "SOS-LV-HAKU"]["kind"]
    ('partly', 'indirect')
    """
    buffer = io.BytesIO()
    nx.write_graphml_xml(flat, buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue().decode("utf-8")

