"""Checks across the whole table: dependency cycles, cycles between document groups,
recommendations that contradict requirements. Each problem is a located finding.
"""

from __future__ import annotations

from typing import Iterable, Sequence

import networkx as nx

from analyser.findings import Finding
from analyser.records import Dependency, Item, Profile
from analyser.text.vocabulary import natural_key

__all__ = ["check_dependencies", "check_groups", "check_profiles", "group_graph"]


def _requires_graph(deps: Iterable[Dependency]) -> nx.DiGraph:
    graph = nx.DiGraph()
    for dep in deps:
        if dep.kind == "requires" and not graph.has_edge(dep.prerequisite, dep.item):
            graph.add_edge(dep.prerequisite, dep.item, dep=dep)
    return graph


def _cycle_in(graph: nx.DiGraph, members: set) -> list[tuple]:
    sub = graph.subgraph(members)
    start = min(members, key=natural_key)
    return [(u, v) for u, v, *_ in nx.find_cycle(sub, source=start)]


def check_dependencies(items: Sequence[Item], deps: Sequence[Dependency]) -> list[Finding]:
    """Findings for cycles of requirements and for recommendations that contradict them.

    Every edge of one cycle in each strongly connected part gets a finding at
    the cell that declared it; the message names every member of the part.

    Examples
    --------
    >>> from analyser.records import Place
    >>> deps = [Dependency("A", "B", place=Place("t.xlsx", "S", 1, 4)),
    ...         Dependency("B", "A", place=Place("t.xlsx", "S", 2, 4))]
    >>> sorted((f.code, f.cell) for f in check_dependencies([], deps))
    [('dependency-cycle', 'E2'), ('dependency-cycle', 'E3')]
    """
    findings: list[Finding] = []
    graph = _requires_graph(deps)
    for component in sorted(nx.strongly_connected_components(graph), key=lambda c: min(map(natural_key, c))):
        if len(component) < 2:
            continue
        members = sorted(component, key=natural_key)
        cycle = _cycle_in(graph, component)
        path = " -> ".join([u for u, _ in cycle] + [cycle[0][0]])
        cells = [graph.edges[u, v]["dep"].place for u, v in cycle]
        where = [f"{p.sheet}!{p.cell}" if p.sheet else p.cell for p in cells]
        for place in cells:
            findings.append(place.finding("dependency-cycle", path=path, members=members, cells=where))
    acyclic = graph.copy()
    for component in nx.strongly_connected_components(graph):
        if len(component) > 1:
            acyclic.remove_nodes_from(component)
    for dep in deps:
        if dep.kind != "recommends":
            continue
        if dep.item in acyclic and dep.prerequisite in acyclic and nx.has_path(acyclic, dep.item, dep.prerequisite):
            findings.append(dep.place.finding("recommendation-conflict", prerequisite=dep.prerequisite, item=dep.item))
    return findings


def group_graph(items: Sequence[Item]) -> nx.DiGraph:
    """The document-group level: an edge g -> h when an item of h requires an item of g.

    Items without a group are left out. Each edge remembers one item pair
    that makes it (attribute ``because``).

    Examples
    --------
    >>> g = group_graph([Item("A", "a", group="old"), Item("B", "b", group="phase-1", requires=("A",))])
    >>> list(g.edges(data="because"))
    [('old', 'phase-1', ('A', 'B'))]
    """
    graph = nx.DiGraph()
    group_of = {i.id: i.group for i in items if i.group}
    for group in sorted(set(group_of.values())):
        graph.add_node(group)
    for item in sorted(items, key=lambda i: natural_key(i.id)):
        if not item.group:
            continue
        for pre in sorted(item.requires, key=natural_key):
            g = group_of.get(pre)
            if g and g != item.group and not graph.has_edge(g, item.group):
                graph.add_edge(g, item.group, because=(pre, item.id))
    return graph


def check_groups(items: Sequence[Item]) -> list[Finding]:
    """A finding for every cycle between document groups.

    The groups are named as the workbook writes them (an item's group cell),
    each step of the cycle as ``prerequisite (its group) -> item (its group)``.

    Examples
    --------
    >>> from analyser.records import Place
    >>> items = [Item("A", "a", group="old", place=Place("t.xlsx", "S", 4, 0)),
    ...          Item("B", "b", group="phase-1", requires=("A",), place=Place("t.xlsx", "S", 5, 0)),
    ...          Item("C", "c", group="old", requires=("B",), place=Place("t.xlsx", "S", 6, 0))]
    >>> [(f.code, f.severity, f.cell) for f in check_groups(items)]
    [('group-cycle', 'warning', 'A6')]
    >>> check_groups(items)[0].text("en")
    'the document groups old, phase-1 require each other (A (old) -> B (phase-1), B (phase-1) -> C (old)); no order of whole groups exists'
    >>> check_groups(items[:2])
    []
    """
    findings = []
    graph = group_graph(items)
    by_id = {i.id: i for i in items}
    for component in sorted(nx.strongly_connected_components(graph), key=lambda c: sorted(c)):
        if len(component) < 2:
            continue
        cycle = _cycle_in(graph, component)
        written = {}  # a group as the workbook writes it; the component may hold groups off the cycle walked
        for u, v in cycle:
            pre, item = graph.edges[u, v]["because"]
            written.setdefault(u, by_id[pre].group_text or u)
            written.setdefault(v, by_id[item].group_text or v)
        for member in sorted(items, key=lambda i: natural_key(i.id)):
            if member.group in component:
                written.setdefault(member.group, member.group_text or member.group)
        reasons = []
        for u, v in cycle:
            pre, item = graph.edges[u, v]["because"]
            reasons.append(f"{pre} ({written[u]}) -> {item} ({written[v]})")
        place = by_id[graph.edges[cycle[0]]["because"][1]].place
        findings.append(place.finding("group-cycle", groups=[written[g] for g in sorted(component)],
                                      reasons=reasons))
    return findings


def check_profiles(profiles: Sequence[Profile]) -> list[Finding]:
    """Findings for profiles whose validity ends before it starts.

    Examples
    --------
    >>> from analyser.records import Place
    >>> ok = Profile("A", "a", valid_from=dt.date(2026, 1, 1), valid_until=dt.date(2027, 1, 1))
    >>> bad = Profile("B", "b", valid_from=dt.date(2027, 1, 1), valid_until=dt.date(2026, 1, 1),
    ...               place=Place("t.xlsx", "Profiilit", 3, 2))
    >>> [(f.code, f.cell, f.text("en")) for f in check_profiles([ok, bad])]
    [('bad-date', 'C4', "the profile 'B' is valid until before it is valid from")]
    """
    findings = []
    for p in profiles:
        if p.valid_from and p.valid_until and p.valid_until < p.valid_from:
            findings.append(p.place.finding("bad-date", variant="profile-validity", profile=p.id))
    return findings
