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
>>> from analyser.load.catalogue import load_catalogue
>>> from analyser.model import build_graph
>>> c = load_catalogue(with_tasks=False)
>>> g = build_graph(c)
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

from __future__ import annotations

import datetime as dt
import io
import json
import os
from pathlib import Path
from typing import Iterable

import networkx as nx

from analyser.text.labels import t
from analyser.model import group_label, service_node
from analyser.findings import OutputError
from analyser.output import guard_inputs, write_atomic
from analyser.palette import group_colours, group_order, tint
from analyser.planning.views import overlay_statuses, view_edges, wave_layers
from analyser.records import Catalogue
from analyser.planning.situation import Situation, resolve_profile
from analyser.text.vocabulary import natural_key

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
            raise OutputError(f"unknown export format {fmt!r}; use one of: {', '.join(EXPORT_FORMATS)}")
        return fmt
    suffix = Path(path).suffix.lower()
    if suffix not in EXTENSIONS:
        raise OutputError(f"cannot tell the export format from {Path(path).name!r}; use one of the extensions "
                          f"{', '.join(sorted(EXTENSIONS))} or name the format")
    return EXTENSIONS[suffix]






def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)






def _statuses(situation: Situation | None) -> dict[str, str]:
    if situation is None:
        return {}
    if situation.deployed or situation.certified is not None:
        return overlay_statuses(situation)
    status = {i: "partly" if situation.partly(i) else "allowed" for i in situation.remaining}
    for exclusion in situation.excluded:
        status[exclusion.id] = "excluded"
    for item_id in situation.not_allowed:
        status[item_id] = "not-allowed"
    return status


def flat_graph(
    catalogue: Catalogue,
    graph: nx.DiGraph,
    *,
    profile: str | None = None,
    situation: Situation | None = None,
    include_all: bool = False,
    lang: str = "fi",
) -> nx.DiGraph:
    """The exported graph: items and their edges, every attribute a scalar.

    Parameters
    ----------
    profile : str, optional
        Keep the items the profile allows (and any in use); ``include_all``
        keeps every item and tells the rest apart by ``status``.
    situation : Situation, optional
        An organisation: its profile, and statuses with what is in use.
    lang : "fi" or "en"
        Language of ``group_label``.

    Examples
    --------
    >>> from analyser.load.catalogue import load_catalogue
    >>> from analyser.model import build_graph
    >>> c = load_catalogue(with_tasks=False)
    >>> f = flat_graph(c, build_graph(c), profile="SOS-V2")
    >>> f.nodes["SOS-V2-ROK"]["status"], f.nodes["SOS-V2-ROK"]["mark_SOS-V2"], f.nodes["SOS"]["available_from"]
    ('partly', 'partly', '')
    >>> f.edges["SOS-V1-ARK", "SOS-LV-HAKU"]["kind"]
    'indirect'
    """
    if situation is None and profile is not None:
        situation = Situation(catalogue, graph, resolve_profile(catalogue, profile))
    items = {i.id: i for i in catalogue.items}
    status = _statuses(situation)
    if situation is None or include_all:
        keep = sorted(items, key=natural_key)
    else:
        keep = sorted((i for i in items if items[i].allowed_by(situation.profile) or i in situation.deployed),
                      key=natural_key)
    edges = view_edges(graph, keep)
    waves = wave_layers(keep, [(u, v) for u, v, k in edges if k != "recommends"])
    profiles = [p.id for p in catalogue.profiles]

    flat = nx.DiGraph()
    flat.graph["generator"] = "analyser"
    from analyser.text.privacy import redact

    flat.graph["table"] = redact(Path(catalogue.table_path).name)[0] if catalogue.table_path else ""
    flat.graph["profile"] = situation.profile if situation is not None else ""
    flat.graph["deployed"] = ", ".join(situation.deployed) if situation is not None else ""
    for item_id in keep:
        item = items[item_id]
        service = item.service
        node = service_node(item.service_key)
        if node in graph:
            service = graph.nodes[node].get("name", service)
        data = {
            "label": f"{item.id}\n{item.name}",
            "name": item.name,
            "service": service,
            "service_key": item.service_key,
            "group": item.group,
            "group_label": group_label(item.group, lang) if item.group else "",
            "wave": int(waves[item_id]) + 1,
            "test": _text(item.test),
            "period": _text(item.period),
            "available_from": _text(item.available_from),
            "requires": ", ".join(item.requires),
            "recommends": ", ".join(item.recommends),
            "basis": item.basis,
            "source": item.source,
            "cell": _text(_where(item.place)),
        }
        if situation is not None:
            data["status"] = status.get(item_id, "")
        for pid in profiles:
            data[f"mark_{pid}"] = item.mark(pid)
        flat.add_node(item_id, **data)
    for u, v, kind in edges:
        data = graph.edges[u, v] if graph.has_edge(u, v) else {}
        flat.add_edge(u, v, kind=kind, cell=_text(data.get("cell", "")),
                      matrix_cell=_text(data.get("matrix_cell", "")),
                      recommended="yes" if kind == "recommends" or data.get("recommended") else "no")
    return flat


def _where(place) -> str:
    if place is None or (not place.sheet and not place.cell):
        return ""
    return f"{place.sheet}!{place.cell}" if place.sheet else place.cell


# ---------------------------------------------------------------------------
# the formats
# ---------------------------------------------------------------------------
def _lanes(flat: nx.DiGraph) -> list[tuple[str, str, list[str]]]:
    """(service key, service name, nodes) in the order of each service's smallest id."""
    lanes: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for n in sorted(flat.nodes, key=natural_key):
        key = flat.nodes[n].get("service_key", "")
        lanes.setdefault(key, []).append(n)
        names.setdefault(key, flat.nodes[n].get("service", "") or key)
    return [(k, names[k], lanes[k]) for k in lanes]


def _ordered_edges(flat: nx.DiGraph) -> list[tuple]:
    return sorted(flat.edges(data=True), key=lambda e: (natural_key(e[0]), natural_key(e[1])))


def _caption(flat: nx.DiGraph, lang: str) -> str:
    parts = [flat.graph.get("table", "")]
    profile = flat.graph.get("profile", "")
    parts.append(t("plot_profile", lang, profile=profile) if profile else t("plot_all_items", lang))
    if flat.graph.get("deployed"):
        parts.append(t("plot_deployed_list", lang, items=flat.graph["deployed"]))
    return ", ".join(p for p in parts if p)


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
    >>> from analyser.load.catalogue import load_catalogue
    >>> from analyser.model import build_graph
    >>> c = load_catalogue(with_tasks=False)
    >>> dot = to_dot(flat_graph(c, build_graph(c), profile="SOS-V2"))
    >>> print(dot.splitlines()[0])
    // riippuvuustaulukko.xlsx, profiili SOS-V2
    >>> [line.strip() for line in dot.splitlines() if "style=dotted" in line]  # an indirect edge
    ['"SOS-V1-ARK" -> "SOS-LV-HAKU" [style=dotted, color="#8C8C8C"];']
    """
    colours = group_colours([d.get("group", "") for _, d in flat.nodes(data=True)] + [""])
    out = [f"// {_caption(flat, lang)}", "// generated by analyser", "digraph \"analyser\" {",
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
    >>> from analyser.load.catalogue import load_catalogue
    >>> from analyser.model import build_graph
    >>> c = load_catalogue(with_tasks=False)
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


def to_graphml(flat: nx.DiGraph) -> str:
    """GraphML (opens in yEd and Gephi; in yEd map the ``label`` attribute to the node label with
    Edit → Properties Mapper).

    Examples
    --------
    >>> from analyser.load.catalogue import load_catalogue
    >>> from analyser.model import build_graph
    >>> c = load_catalogue(with_tasks=False)
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


def to_json(flat: nx.DiGraph) -> str:
    """JSON node-link (``networkx.node_link_graph(data, edges="edges")`` reads it back).

    Examples
    --------
    >>> from analyser.load.catalogue import load_catalogue
    >>> from analyser.model import build_graph
    >>> c = load_catalogue(with_tasks=False)
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
    >>> from analyser.load.catalogue import load_catalogue
    >>> from analyser.model import build_graph
    >>> c = load_catalogue(with_tasks=False)
    >>> g = build_graph(c)
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
    >>> from analyser.load.catalogue import load_catalogue
    >>> from analyser.model import build_graph
    >>> c = load_catalogue(with_tasks=False)
    >>> out = export_graph(c, build_graph(c), None, Path(tempfile.mkdtemp()) / "ark.mmd", profile="ARK")
    >>> out.name, out.read_text(encoding="utf-8").splitlines()[0]
    ('ark.mmd', 'flowchart LR')
    """
    fmt = format_for(path, fmt)
    guard_inputs(path, inputs)
    text = export_text(catalogue, graph, fmt, profile=profile, situation=situation, include_all=include_all,
                       lang=lang)
    return write_atomic(path, text, inputs=inputs)
