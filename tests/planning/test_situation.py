"""The planner's answers (orders, next, check) against brute force on small random tables.

The oracle reads FORMATS.md §5 literally: an order of the items still to
deploy is allowed when every item comes after all items it requires,
directly or through others, that are not yet deployed, and every item is
allowed by the profile.
"""

from __future__ import annotations

import itertools

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analyser.planning.answers import check_answer, next_answer, orders_answer
from analyser.findings import UsageError
from analyser.model import build_graph
from analyser.records import Catalogue, Dependency, Item, Profile
from analyser.planning.situation import Situation, resolve_items, resolve_profile
from analyser.text.vocabulary import ALLOWED, NOT_ALLOWED, PARTLY


@st.composite
def tables(draw, max_items=7):
    n = draw(st.integers(1, max_items))
    ids = [f"I{k}" for k in range(n)]
    perm = draw(st.permutations(ids))
    deps = []
    for a, b in itertools.combinations(range(n), 2):
        if draw(st.integers(0, 3)) == 0:
            deps.append((perm[a], perm[b]))
    marks = {i: draw(st.sampled_from([ALLOWED, ALLOWED, ALLOWED, PARTLY, NOT_ALLOWED])) for i in ids}
    deployed = [i for i in ids if draw(st.integers(0, 4)) == 0]
    requires = {i: tuple(a for a, b in deps if b == i) for i in ids}
    items = tuple(Item(i, f"Name {i}", requires=requires[i], marks=(("P", marks[i]),)) for i in ids)
    catalogue = Catalogue(items=items, profiles=(Profile("P", "Profile"),),
                          dependencies=tuple(Dependency(a, b) for a, b in deps))
    return catalogue, deployed


def _oracle(catalogue: Catalogue, deployed):
    graph = nx.DiGraph()
    graph.add_nodes_from(i.id for i in catalogue.items)
    graph.add_edges_from((d.prerequisite, d.item) for d in catalogue.dependencies)
    allowed = {i.id for i in catalogue.items if i.allowed_by("P")}
    deployed = set(deployed)
    missing = {i: nx.ancestors(graph, i) - deployed for i in graph}
    remaining = sorted(i for i in graph if i not in deployed and i in allowed and missing[i] <= allowed)
    excluded = sorted(i for i in graph if i not in deployed and i in allowed and not missing[i] <= allowed)

    def valid(order):
        seen = set()
        for item in order:
            if item not in allowed or item in deployed or not missing[item] <= seen:
                return False
            seen.add(item)
        return True

    orders = [list(p) for p in itertools.permutations(remaining) if valid(p)]
    return remaining, excluded, orders, missing, allowed, valid


@settings(max_examples=150, deadline=None)
@given(tables())
def test_orders_equal_brute_force(case):
    catalogue, deployed = case
    situation = Situation(catalogue, build_graph(catalogue), "P", deployed=tuple(deployed))
    remaining, excluded, orders, missing, allowed, valid = _oracle(catalogue, deployed)
    answer = orders_answer(situation, list_n=len(orders) + 3, sample_n=5, seed=1)
    assert answer["items"] == remaining
    assert [e["id"] for e in answer["excluded"]] == excluded
    assert answer["count"] == len(orders)
    assert answer["orders"] == sorted(orders)
    assert valid(answer["recommended"]) and sorted(answer["recommended"]) == remaining
    for sample in answer["samples"]:
        assert valid(sample) and len(sample) == len(remaining)
    flat = [i for wave in answer["waves"] for i in wave]
    assert sorted(flat) == remaining and valid(flat)
    position = {i: k for k, wave in enumerate(answer["waves"]) for i in wave}
    for i in remaining:
        assert all(position[m] < position[i] for m in missing[i])
        assert position[i] == 0 or any(position[m] == position[i] - 1 for m in missing[i])
    not_allowed = sorted(i for i in missing if i not in deployed and i not in allowed)
    assert answer["not_allowed"] == not_allowed


@settings(max_examples=150, deadline=None)
@given(tables(), st.data())
def test_check_agrees_with_oracle(case, data):
    catalogue, deployed = case
    situation = Situation(catalogue, build_graph(catalogue), "P", deployed=tuple(deployed))
    *_, valid = _oracle(catalogue, deployed)
    ids = [i.id for i in catalogue.items]
    order = data.draw(st.lists(st.sampled_from(ids), min_size=1, max_size=len(ids) + 1))
    answer = check_answer(situation, order)
    assert answer["allowed"] == (valid(order) and len(set(order)) == len(order))
    if not answer["allowed"]:
        assert answer["violations"] and all(v["position"] >= 1 for v in answer["violations"])


@settings(max_examples=100, deadline=None)
@given(tables())
def test_next_matches_oracle(case):
    catalogue, deployed = case
    situation = Situation(catalogue, build_graph(catalogue), "P", deployed=tuple(deployed))
    remaining, excluded, orders, missing, allowed, valid = _oracle(catalogue, deployed)
    answer = next_answer(situation)
    assert answer["available"] == [i for i in remaining if not missing[i]]
    blocked = {b["id"]: b["missing"] for b in answer["blocked"]}
    assert sorted(blocked) == [i for i in remaining if missing[i]]
    for item, listed in blocked.items():
        assert sorted(listed) == sorted(missing[item])
    # every available item starts at least one allowed order, and only those do
    assert sorted({o[0] for o in orders if o}) == answer["available"]


def test_missing_is_nearest_first():
    items = (Item("A", "a"), Item("B", "b", requires=("A",)), Item("C", "c", requires=("B",)))
    from dataclasses import replace

    c = Catalogue(items=tuple(replace(i, marks=(("P", ALLOWED),)) for i in items),
                  profiles=(Profile("P", "P"),),
                  dependencies=(Dependency("A", "B"), Dependency("B", "C")))
    s = Situation(c, build_graph(c), "P")
    assert s.missing("C") == ["B", "A"]


def test_requirement_through_a_deployed_item_still_binds():
    marks = (("P", ALLOWED),)
    c = Catalogue(items=(Item("Y", "y", marks=marks), Item("D", "d", requires=("Y",), marks=marks),
                         Item("X", "x", requires=("D",), marks=marks)),
                  profiles=(Profile("P", "P"),), dependencies=(Dependency("Y", "D"), Dependency("D", "X")))
    s = Situation(c, build_graph(c), "P", deployed=("D",))
    assert s.missing("X") == ["Y"]
    assert [f.code for f in s.findings] == ["deployed-prerequisite-missing"]
    assert orders_answer(s)["count"] == 1


def test_unknown_profile_and_item_are_usage_errors():
    c = Catalogue(items=(Item("A", "Alpha"),), profiles=(Profile("P", "Perus"),))
    assert resolve_profile(c, "PERUS") == "P"
    with pytest.raises(UsageError):
        resolve_profile(c, "X")
    with pytest.raises(UsageError):
        resolve_items(c, "A, Zeta")
