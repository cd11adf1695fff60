"""What a diagram or an export shows of the graph: an organisation's item statuses, the edges among shown items, and their columns.

Plain Python over the graph and a :class:`~analyser.planning.situation.Situation`;
:mod:`analyser.plot` and :mod:`analyser.export` both draw on it.

Examples
--------
>>> wave_layers("AB", [("A", "B")])
{'A': 0, 'B': 1}
"""

from __future__ import annotations

from typing import Iterable

import networkx as nx

from analyser.model import requirement_graph
from analyser.planning.situation import Situation, item_ids
from analyser.text.vocabulary import natural_key

__all__ = ["STATUSES", "overlay_statuses", "view_edges", "wave_layers"]


def _edge_key(edge: tuple) -> tuple:
    return (natural_key(edge[0]), natural_key(edge[1]))


def view_edges(graph: nx.DiGraph, nodes: Iterable[str]) -> list[tuple[str, str, str]]:
    """Edges among ``nodes``: ``(prerequisite, item, kind)``, kind "requires", "indirect" or "recommends".

    An "indirect" edge joins two shown items through items left out, and is
    kept only when no other path among the shown items implies it.

    Examples
    --------
    >>> view_edges(build_graph(c), ["SOS", "SOS-V1-ARK", "SOS-LV-HAKU"])
    [('SOS', 'SOS-V1-ARK', 'requires'), ('SOS-V1-ARK', 'SOS-LV-HAKU', 'indirect')]
    """
    req = requirement_graph(graph)
    shown = sorted(set(nodes), key=natural_key)
    shown_set = set(shown)
    edges: set[tuple[str, str, str]] = set()
    for v in shown:
        for p in req.predecessors(v):
            if p in shown_set:
                edges.add((p, v, "requires"))
        found, seen = set(), set()
        stack = sorted((p for p in req.predecessors(v) if p not in shown_set), key=natural_key)
        while stack:
            h = stack.pop()
            if h in seen:
                continue
            seen.add(h)
            for p in req.predecessors(h):
                if p in shown_set:
                    found.add(p)
                elif p not in seen:
                    stack.append(p)
        edges.update((a, v, "indirect") for a in found if a != v)
    hard = nx.DiGraph()
    hard.add_nodes_from(shown)
    hard.add_edges_from((u, v) for u, v, _ in edges)
    for u, v, kind in sorted(edges, key=_edge_key):
        if kind != "indirect":
            continue
        hard.remove_edge(u, v)
        if nx.has_path(hard, u, v):
            edges.discard((u, v, kind))
        else:
            hard.add_edge(u, v)
    for u, v, data in graph.edges(data=True):
        if data.get("kind") == "recommends" and u in shown_set and v in shown_set:
            edges.add((u, v, "recommends"))
    return sorted(edges, key=lambda e: (*_edge_key(e), e[2]))


#: An organisation's item statuses, in legend order.
STATUSES = ("deployed", "available", "certification", "blocked", "excluded", "not-allowed")


def overlay_statuses(situation: Situation, certified: Iterable[str] | None = None) -> dict[str, str]:
    """Status of every item for an organisation, one of :data:`STATUSES`.

    deployed; available now; waiting for certification (its prerequisites
    are in use, but ``certified`` - default ``situation.certified`` - is
    given and does not name it); blocked (allowed, prerequisites missing);
    excluded (allowed, but a prerequisite never can be); not allowed by the
    profile.

    Examples
    --------
    >>> s = Situation(c, build_graph(c), "SOS-LV", deployed=("SOS",))
    >>> st = overlay_statuses(s, certified=["SOS-VANHAT"])
    >>> st["SOS"], st["SOS-VANHAT"], st["SOS-V1-ARK"], st["SOS-V1-HAKU"], st["PTA"]
    ('deployed', 'available', 'certification', 'blocked', 'not-allowed')
    """
    if certified is None:
        certified = situation.certified
    elif isinstance(situation, Situation):
        certified = item_ids(situation.catalogue, certified, "certified", known=situation.items)
    certified = None if certified is None else set(certified)
    ready = getattr(situation, "ready", None)  # prerequisites in use, certified or not
    if ready is None:
        ready = list(situation.available) + list(getattr(situation, "waiting_certification", []) or [])
    status = {}
    for item_id in situation.deployed:
        status[item_id] = "deployed"
    for item_id in ready:
        status[item_id] = "available" if certified is None or item_id in certified else "certification"
    for item_id, _ in situation.blocked:
        status.setdefault(item_id, "blocked")
    for exclusion in situation.excluded:
        status[exclusion.id] = "excluded"
    for item_id in situation.not_allowed:
        status[item_id] = "not-allowed"
    return dict(sorted(status.items(), key=lambda kv: natural_key(kv[0])))



def _key(node) -> tuple:
    return natural_key(node)


def wave_layers(nodes: Iterable, edges: Iterable[tuple]) -> dict:
    """Column of each node: the length of its longest chain of predecessors.

    Edges closing a cycle are ignored (found by a depth-first search in id
    order), so any graph gets layers.

    Examples
    --------
    >>> wave_layers("ABCD", [("A", "B"), ("B", "C"), ("A", "C")])
    {'A': 0, 'B': 1, 'C': 2, 'D': 0}
    """
    nodes = sorted(set(nodes), key=_key)
    succ: dict = {n: [] for n in nodes}
    for u, v in edges:
        if u in succ and v in succ and u != v and v not in succ[u]:
            succ[u].append(v)
    for n in nodes:
        succ[n].sort(key=_key)
    # drop back edges (iterative DFS, deterministic)
    state = {n: 0 for n in nodes}
    keep: dict = {n: [] for n in nodes}
    for root in nodes:
        if state[root]:
            continue
        state[root] = 1
        stack = [(root, iter(succ[root]))]
        while stack:
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                state[node] = 2
                stack.pop()
                continue
            if state[nxt] == 1:
                continue  # back edge: closes a cycle
            keep[node].append(nxt)
            if state[nxt] == 0:
                state[nxt] = 1
                stack.append((nxt, iter(succ[nxt])))
    indeg = {n: 0 for n in nodes}
    for u in nodes:
        for v in keep[u]:
            indeg[v] += 1
    layer = {n: 0 for n in nodes}
    ready = [n for n in nodes if indeg[n] == 0]
    while ready:
        u = ready.pop(0)
        for v in keep[u]:
            layer[v] = max(layer[v], layer[u] + 1)
            indeg[v] -= 1
            if indeg[v] == 0:
                ready.append(v)
    return layer

