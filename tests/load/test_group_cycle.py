"""A cycle between document groups: one warning naming every group of the tangle as the workbook writes it."""

from __future__ import annotations

import itertools

import networkx as nx

from analyser.load.validate import check_groups, group_graph
from analyser.records import Item


def items_for(edges: list[tuple[str, str]]) -> list[Item]:
    """Two items per group edge g -> h: one in g, one in h requiring it."""
    items = []
    for n, (g, h) in enumerate(edges):
        items.append(Item(f"P{n}", f"p{n}", group=g, group_text=g.upper()))
        items.append(Item(f"Q{n}", f"q{n}", group=h, group_text=h.upper(), requires=(f"P{n}",)))
    return items


def test_a_tangle_larger_than_one_cycle_names_all_its_groups():
    # a <-> b <-> c: the component {a, b, c} holds two cycles; any one walked misses a group
    items = items_for([("a", "b"), ("b", "a"), ("b", "c"), ("c", "b")])
    findings = check_groups(items)
    assert [f.code for f in findings] == ["group-cycle"]
    assert list(dict(findings[0].params)["groups"]) == ["A", "B", "C"]


def test_every_strongly_connected_set_of_groups_is_one_finding():
    groups = "abcd"
    for edges in itertools.combinations(list(itertools.permutations(groups, 2)), 4):
        items = items_for(list(edges))
        expected = sorted(sorted(c) for c in nx.strongly_connected_components(nx.DiGraph(list(edges))) if len(c) > 1)
        found = sorted(sorted(g.lower() for g in dict(f.params)["groups"]) for f in check_groups(items))
        assert found == expected, edges
        assert len(group_graph(items)) == len({g for e in edges for g in e})
