"""The dependency graph: built once from a catalogue, never changed afterwards.

Nodes are items (their workbook ids), document groups (``"group:<key>"``)
and services (``"service:<key>"``), told apart by the node attribute
``kind``. Edges run prerequisite -> item (``kind="requires"`` or
``"recommends"``, carrying the declaring cell), and item -> its group and
its service (``kind="in-group"`` / ``"in-service"``). Analysis works on
read-only views of it (:func:`requirement_graph`).
"""

from __future__ import annotations

from typing import Iterable

import networkx as nx

from analyser.records import Catalogue, Item, Task
from analyser.text.labels import group_label
from analyser.text.vocabulary import natural_key

__all__ = [
    "build_graph",
    "requirement_graph",
    "group_node",
    "service_node",
    "tasks_for",
]


def group_node(key: str) -> str:
    """The graph node of a document group.

    Examples
    --------
    >>> group_node("old")
    'group:old'
    >>> from analyser.records import Item, Catalogue
    >>> g = build_graph(Catalogue(items=(Item("A", "Alpha", group="old"), Item("B", "Beta", group="old"))))
    >>> g.nodes[group_node("old")]["name"], sorted(g.predecessors(group_node("old")))
    ('Vanhat asiakirjat', ['A', 'B'])
    """
    return f"group:{key}"


def service_node(key: str) -> str:
    """The graph node of a service (by its service key).

    Examples
    --------
    >>> service_node("resepti")
    'service:resepti'
    >>> from analyser.records import Item, Catalogue
    >>> res = Item("RES", "Resepti käytössä", service="Resepti", service_key="resepti")
    >>> g = build_graph(Catalogue(items=(res,)))
    >>> g.nodes[service_node("resepti")]["name"], list(g.predecessors(service_node("resepti")))
    ('Resepti', ['RES'])
    """
    return f"service:{key}"


def build_graph(catalogue: Catalogue) -> nx.DiGraph:
    """Build the typed dependency graph of a catalogue.

    Examples
    --------
    >>> from analyser.records import Item, Dependency, Catalogue
    >>> c = Catalogue(items=(Item("A", "Alpha", group="old"), Item("B", "Beta", requires=("A",))),
    ...               dependencies=(Dependency("A", "B"),))
    >>> g = build_graph(c)
    >>> sorted(g.edges(data="kind"))
    [('A', 'B', 'requires'), ('A', 'group:old', 'in-group')]
    """
    graph = nx.DiGraph(table=catalogue.table_path, tasks=catalogue.tasks_path,
                       profiles=tuple(p.id for p in catalogue.profiles))
    items = sorted(catalogue.items, key=lambda i: natural_key(i.id))
    for item in items:
        graph.add_node(
            item.id,
            kind="item",
            name=item.name,
            service=item.service,
            service_key=item.service_key,
            group=item.group,
            test=item.test,
            period=item.period,
            available_from=item.available_from,
            source=item.source,
            basis=item.basis,
            marks=dict(item.marks),
            cell=item.place.sheet_cell,
        )
    for item in items:
        if item.group:
            node = group_node(item.group)
            if node not in graph:
                graph.add_node(node, kind="group", name=group_label(item.group), key=item.group)
            graph.add_edge(item.id, node, kind="in-group")
        if item.service_key:
            node = service_node(item.service_key)
            if node not in graph:
                graph.add_node(node, kind="service", name=item.service, key=item.service_key)
            graph.add_edge(item.id, node, kind="in-service")
    known = {i.id for i in items}
    for dep in sorted(catalogue.dependencies, key=lambda d: (d.kind != "requires", natural_key(d.item),
                                                             natural_key(d.prerequisite))):
        if dep.prerequisite not in known or dep.item not in known:
            continue
        if graph.has_edge(dep.prerequisite, dep.item):
            if dep.kind == "recommends":
                graph.edges[dep.prerequisite, dep.item]["recommended"] = True
            continue
        graph.add_edge(dep.prerequisite, dep.item, kind=dep.kind, cell=dep.place.sheet_cell,
                       matrix_cell=dep.also.sheet_cell if dep.also else "")
    return graph


def requirement_graph(graph: nx.DiGraph, kinds: Iterable[str] = ("requires",)) -> nx.DiGraph:
    """Read-only view: item nodes only, and only edges of the given kinds.

    Examples
    --------
    >>> from analyser.records import Item, Dependency, Catalogue
    >>> c = Catalogue(items=(Item("A", "a", group="old"), Item("B", "b")), dependencies=(Dependency("A", "B"),))
    >>> sorted(requirement_graph(build_graph(c)).edges())
    [('A', 'B')]
    """
    kinds = frozenset(kinds)
    nodes = graph.nodes
    return nx.subgraph_view(
        graph,
        filter_node=lambda n: nodes[n].get("kind") == "item",
        filter_edge=lambda u, v: graph.edges[u, v].get("kind") in kinds,
    )


def _applies(task: Task, item: Item) -> bool:
    if not task.applies_to:
        return True
    for a in task.applies_to:
        if a.kind == "all":
            return True
        if a.kind == "item" and a.value == item.id:
            return True
        if a.kind == "service" and a.value == item.service_key:
            return True
        if a.kind == "group" and a.value == item.group:
            return True
        if a.kind == "condition" and a.value == "deployment-test" and item.needs_test:
            return True
        if a.kind == "condition" and a.value == "period" and item.period:
            return True
    return False


def tasks_for(catalogue: Catalogue, item: Item | str) -> list[Task]:
    """The tasks of the task workbook that apply to taking one item into use.

    A task applies when any of its "Koskee" parts does: all items; the item's
    service or document group; the item itself; or a condition the item meets
    (a deployment test, or period registration).

    Examples
    --------
    >>> len(tasks_for(c, "SOS-LV-INF")) > len(tasks_for(c, "PTA-VANHA"))  # test and period tasks too
    True
    """
    if isinstance(item, str):
        item = catalogue.item(item)
    return [t for t in catalogue.tasks if _applies(t, item)]
