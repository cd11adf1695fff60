"""Layers: reading the graph, its columns and lanes, and dummy nodes where long edges pass.

An item's column is its wave (the length of its longest chain of
prerequisites) unless the caller gives columns; lanes come in the order of
their smallest id. An edge spanning several columns gets a :class:`_Dummy`
in every column between, so the later phases see only edges between
neighbouring columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from analyser.planning.views import wave_layers
from analyser.text.vocabulary import natural_key


@dataclass(frozen=True, order=True)
class _Dummy:
    """Where a long edge passes through a column."""

    edge: int
    layer: int


@dataclass
class Layered:
    """The graph cut into columns and lanes, which every later phase reads.

    ``layer``, ``lane_of``, ``group_rank``, ``preds`` and ``succs`` hold the
    dummies too; ``forward`` are the edges going right, ``chains[i]`` the path
    of ``forward[i]`` through its dummies, ``segments[i]`` the steps between
    column ``i`` and ``i + 1``.
    """

    nodes: list
    edges: list[tuple]
    layer: dict
    ncols: int
    lane_of: dict
    lane_order: list
    lane_rank: dict
    group_rank: dict
    forward: list[tuple]
    chains: list[list]
    segments: list[list[tuple]]
    preds: dict
    succs: dict


def _read_graph(graph) -> tuple[list, list[tuple]]:
    if hasattr(graph, "nodes") and hasattr(graph, "edges"):
        nodes = list(graph.nodes)
        edges = [(u, v, (d or {}).get("kind", "requires")) for u, v, d in graph.edges(data=True)]
    else:
        nodes, raw = graph
        nodes = list(nodes)
        edges = [(e[0], e[1], e[2] if len(e) > 2 else "requires") for e in raw]
    nodes = sorted(set(nodes), key=natural_key)
    known = set(nodes)
    seen = {}
    for u, v, kind in edges:
        if u in known and v in known and u != v:
            seen.setdefault((u, v), kind)
    edges = sorted(((u, v, k) for (u, v), k in seen.items()), key=lambda e: (natural_key(e[0]), natural_key(e[1])))
    return nodes, edges


def assign_layers(graph, groups: Mapping, services: Mapping, layers: Mapping | None) -> Layered:
    """Columns, lanes and group ranks of the nodes, with the dummies of the long edges."""
    nodes, edges = _read_graph(graph)
    hard = [(u, v) for u, v, k in edges if k != "recommends"]
    layer = wave_layers(nodes, hard)
    if layers:
        layer.update({n: int(layers[n]) for n in nodes if n in layers})
    ncols = max(layer.values(), default=-1) + 1

    # lanes, in the order of their smallest id
    lane_of = {n: services.get(n, "") for n in nodes}
    lane_first: dict = {}
    for n in nodes:
        lane_first.setdefault(lane_of[n], n)
    lane_order = sorted(lane_first, key=lambda k: natural_key(lane_first[k]))
    lane_rank = {k: i for i, k in enumerate(lane_order)}
    group_first: dict = {}
    for n in nodes:
        group_first.setdefault(groups.get(n, ""), len(group_first))
    group_rank = {n: group_first[groups.get(n, "")] for n in nodes}

    # long edges get a dummy node in every column they pass
    forward = [(u, v, k) for u, v, k in edges if layer[u] < layer[v]]
    chains: list[list] = []
    for index, (u, v, kind) in enumerate(forward):
        chain = [u]
        for lv in range(layer[u] + 1, layer[v]):
            d = _Dummy(index, lv)
            layer[d] = lv
            lane_of[d] = lane_of[v]
            group_rank[d] = group_rank[v]
            chain.append(d)
        chain.append(v)
        chains.append(chain)
    segments: list[list[tuple]] = [[] for _ in range(max(ncols - 1, 0))]
    preds: dict = {n: [] for n in layer}
    succs: dict = {n: [] for n in layer}
    for chain in chains:
        for a, b in zip(chain, chain[1:]):
            segments[layer[a]].append((a, b))
            preds[b].append(a)
            succs[a].append(b)
    return Layered(nodes, edges, layer, ncols, lane_of, lane_order, lane_rank, group_rank,
                   forward, chains, segments, preds, succs)


def base_key(g: Layered, n):
    """The order before crossing reduction: lane, group, items before dummies, then ids."""
    if isinstance(n, _Dummy):
        u, v, _ = g.forward[n.edge]
        return (g.lane_rank[g.lane_of[n]], g.group_rank[n], 1, natural_key(u), natural_key(v))
    return (g.lane_rank[g.lane_of[n]], g.group_rank[n], 0, natural_key(n), ())
