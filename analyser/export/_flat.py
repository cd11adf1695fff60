"""The flat graph every export format is made from: item nodes, edges, scalar attributes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import networkx as nx

from analyser.model import service_node
from analyser.text.labels import group_label, t
from analyser.planning.situation import Situation, resolve_profile
from analyser.planning.views import overlay_statuses, view_edges, wave_layers
from analyser.records import Catalogue
from analyser.text.vocabulary import natural_key

__all__ = ["flat_graph"]


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
            "cell": item.place.sheet_cell,
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

