"""The dependency graph as text other tools read: DOT, GraphML, Mermaid and JSON node-link.

Every format is made from one *flat* graph (:func:`flat_graph`): item
nodes and the edges between them, every attribute a scalar, so that yEd,
Gephi and spreadsheets can use them:

* a profile's marks become one attribute per profile, ``mark_<profile>``;
* dates are ISO strings, and missing values are ``""``;
* ``wave`` is the item's column in the dependency diagram (an int);
* with a profile (or situation), ``status`` tells whether the item is
  allowed, partly allowed, out of reach (``excluded``) or not allowed; with
  a situation also deployed, available, blocked or waiting for certification.

Edges run prerequisite -> item. ``kind`` is ``requires``, ``recommends``,
or ``indirect`` when the export leaves out the items between (a profile's
export drops the items it does not allow; the item still needs them).

The text is deterministic: nodes and edges are sorted by
:func:`~analyser.text.vocabulary.natural_key`, and nothing depends on
``PYTHONHASHSEED``. Files are written with :func:`analyser.output.write_atomic`.

Examples
--------
>>> print(export_text(c, g, "mermaid", profile="ARK"))  # doctest: +ELLIPSIS
flowchart LR
%% analyser: riippuvuustaulukko.xlsx, profiili ARK
  subgraph s0["Sosiaalihuollon asiakastiedon arkisto"]
    n0["SOS<br/>Sosiaalihuollon asiakastiedon arkisto käytössä"]
    n1["SOS-VANHAT<br/>Vanhojen asiakirjojen arkistointi"]
  end
  n0 --> n1
...
"""

from analyser.export._files import EXPORT_FORMATS, EXTENSIONS, export_graph, export_text, format_for
from analyser.export._flat import flat_graph
from analyser.export.dot import to_dot
from analyser.export.graphml import to_graphml
from analyser.export.json_graph import to_json
from analyser.export.mermaid import to_mermaid

__all__ = [
    "EXPORT_FORMATS",
    "EXTENSIONS",
    "format_for",
    "flat_graph",
    "to_dot",
    "to_graphml",
    "to_mermaid",
    "to_json",
    "export_text",
    "export_graph",
]
