"""The analysis ``diff`` and the batch report share, reused, against the same analysis worked out afresh.

:class:`~analyser.planning.standing.Analyst` works a situation out part by
part of the catalogue (items linked by requirements or recommendations) and
keeps each part's analysis under everything it depends on, so organisations,
and two versions of a table (``impact``), share them. Every answer must equal
what :class:`~analyser.planning.situation.Situation` and the order engine give
for the whole situation, worked out on its own: on random tables with
cycles, recommendations and dates and small budgets (where the parts cannot
decide the count), on random edit scripts of written workbooks, and on the
shipped table beside :func:`~analyser.examples.example_new_version`.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_changes_property import _spec, edit_scripts
from test_impact import TODAY, _answers
from workbook_factory import write_dependency_table
from workbook_factory._edits import apply_edits

from analyser import orders
from analyser.examples import example_new_version
from analyser.load.catalogue import load_catalogue
from analyser.load.organisations import read_organisations
from analyser.load.shipped import ORGANISATIONS, shipped_path
from analyser.model import build_graph
from analyser.planning.answers import check_violations
from analyser.planning.impact import impact
from analyser.planning.situation import Situation
from analyser.planning.standing import Analyst, Memo
from analyser.records import Catalogue, Dependency, Item, Place, Profile
from analyser.text.vocabulary import ALLOWED, NOT_ALLOWED, PARTLY, natural_key



def _fresh(catalogue: Catalogue, profile: str, deployed, certified, budget: int) -> dict:
    """The standing of one situation from the whole situation alone."""
    s = Situation(catalogue, build_graph(catalogue), profile, deployed=deployed, certified=certified)
    poset = s.remaining_graph
    return {
        "deployed": s.deployed, "available": tuple(s.available), "waiting": tuple(s.waiting_certification),
        "blocked": tuple((i, tuple(m)) for i, m in s.blocked), "not_allowed": tuple(s.not_allowed),
        "excluded": tuple(e.id for e in s.excluded),
        "count": orders.within_budget(orders.count_orders, poset, budget=budget),
        "rounds": orders.min_rounds(poset), "warnings": tuple(s.findings),
        "recommended": tuple(orders.recommended_order(poset, soft_edges=s.soft_edges(),
                                                      available_from=s.available_from(), key=natural_key)),
    }


def _reused(analyst: Analyst, profile: str, deployed, certified) -> dict:
    s = analyst.standing(profile, tuple(sorted(set(deployed), key=natural_key)),
                         None if certified is None else tuple(certified))
    return {"deployed": s.deployed, "available": s.available, "waiting": s.waiting_certification,
            "blocked": s.blocked, "not_allowed": s.not_allowed, "excluded": s.excluded, "count": s.count,
            "rounds": s.min_rounds, "warnings": s.warnings, "recommended": s.recommended}


def _agree(analyst: Analyst, profile: str, deployed, certified, planned) -> None:
    catalogue = analyst.catalogue
    assert _reused(analyst, profile, deployed, certified) == _fresh(catalogue, profile, deployed, certified,
                                                                    analyst.budget)
    if planned:
        violations = check_violations(Situation(catalogue, build_graph(catalogue), profile, deployed=deployed),
                                      planned)
        ordered = tuple(sorted(set(deployed), key=natural_key))
        assert analyst.check(profile, ordered, tuple(planned)) == (not violations, tuple(violations))


MARKS = [ALLOWED, ALLOWED, PARTLY, NOT_ALLOWED]
DATES = [None, None, dt.date(2026, 1, 1), dt.date(2027, 5, 1), dt.date(2027, 2, 1)]


def _table(items: dict, deps: set) -> Catalogue:
    """items: id -> (mark of P, mark of Q, available from); deps: (prerequisite, item, kind)."""
    return Catalogue(
        items=tuple(Item(i, f"Name {i}", requires=tuple(sorted(a for a, b, k in deps if b == i and k == "requires")),
                         recommends=tuple(sorted(a for a, b, k in deps if b == i and k == "recommends")),
                         marks=(("P", p), ("Q", q)), available_from=day, place=Place("t.xlsx", "S", n + 2, 0))
                    for n, (i, (p, q, day)) in enumerate(items.items())),
        profiles=(Profile("P", "Profile P"), Profile("Q", "Profile Q")),
        dependencies=tuple(Dependency(a, b, kind=k) for a, b, k in sorted(deps)))


@st.composite
def versions(draw):
    """Two versions of a table of several parts (requirements, sometimes a cycle, recommendations, marks of
    two profiles, available-from dates); the second changes a few marks, dates and links of the first."""
    n = draw(st.integers(1, 10))
    ids = [f"T{k}" for k in range(n)]
    kinds = st.sampled_from(["requires", "requires", "recommends", None, None, None, None, None])
    deps = {(a, b, kind) for a, b in itertools.combinations(ids, 2) if (kind := draw(kinds))}
    if n > 1 and draw(st.integers(0, 4)) == 0:
        a, b = draw(st.permutations(ids))[:2]
        deps |= {(a, b, "requires"), (b, a, "requires")}
    items = {i: (draw(st.sampled_from(MARKS)), draw(st.sampled_from(MARKS)), draw(st.sampled_from(DATES)))
             for i in ids}
    new_items, new_deps = dict(items), set(deps)
    for i in ids:
        p, q, day = items[i]
        if draw(st.integers(0, 5)) == 0:
            p = draw(st.sampled_from(MARKS))
        if draw(st.integers(0, 5)) == 0:
            day = draw(st.sampled_from(DATES))
        new_items[i] = (p, q, day)
    for a, b in itertools.combinations(ids, 2):
        if draw(st.integers(0, 9)) == 0:
            new_deps = {d for d in new_deps if d[:2] != (a, b)} | {(a, b, draw(st.sampled_from(["requires",
                                                                                                "recommends"])))}
        elif draw(st.integers(0, 9)) == 0:
            new_deps = {d for d in new_deps if d[:2] != (a, b)}
    return _table(items, deps), _table(new_items, new_deps)


@settings(max_examples=300)
@given(data=st.data())
def test_the_parts_put_together_are_the_whole_situation_on_either_version(data):
    """The same situations on two versions of a table, the second analyst reusing the first one's parts."""
    old, new = data.draw(versions())
    ids = [i.id for i in old.items]
    budget = data.draw(st.one_of(st.just(orders.DEFAULT_BUDGET), st.integers(1, 40)))
    memo = Memo()
    analysts = [Analyst(table, build_graph(table), (), TODAY, budget, memo) for table in (old, new)]
    for _ in range(data.draw(st.integers(1, 4))):
        profile = data.draw(st.sampled_from(["P", "Q"]))
        deployed = data.draw(st.lists(st.sampled_from(ids), unique=True))
        certified = data.draw(st.one_of(st.none(), st.lists(st.sampled_from(ids), unique=True)))
        planned = data.draw(st.permutations(ids))[:data.draw(st.integers(0, len(ids)))]
        for analyst in analysts:
            _agree(analyst, profile, deployed, certified, planned)


@pytest.mark.parametrize("budget", [9, 40, orders.DEFAULT_BUDGET])
def test_a_count_the_parts_cannot_decide_comes_from_the_whole_situation(budget):
    """Two parts each counted within a budget of 9 whose union is not (B2 is in the second part by a
    recommendation only): the count is the whole situation's."""
    links = {("A0", "A2"), ("A0", "A3"), ("A1", "A2"), ("B0", "B3"), ("B0", "B4"), ("B1", "B4")}
    ids = sorted({i for link in links for i in link} | {"B2"})
    catalogue = _table({i: (ALLOWED, ALLOWED, None) for i in ids},
                       {(a, b, "requires") for a, b in links} | {("B2", "B3", "recommends")})
    analyst = Analyst(catalogue, build_graph(catalogue), (), TODAY, budget)
    assert [part.count for part in analyst.parts.of("P", ())] == [5, 25]
    expected = None if budget == 9 else 5 * 25 * math.comb(9, 4)
    assert analyst.standing("P", (), None).count == expected == _fresh(catalogue, "P", (), None, budget)["count"]


def _written(spec, folder: Path, name: str) -> Catalogue:
    catalogue = load_catalogue(write_dependency_table(spec, folder / f"{name}.xlsx").path, with_tasks=False)
    assert not catalogue.errors
    return catalogue


@settings(max_examples=25)
@given(seed=st.integers(0, 10_000), data=st.data())
def test_two_versions_sharing_their_parts_answer_as_each_alone(seed, data):
    """Each organisation analysed on the old version, then (its ids followed through the renames) on the new
    one with the old one's parts at hand, gets the answers of each version worked out afresh."""
    old_spec = _spec(seed, data.draw(st.integers(3, 10)), data.draw(st.integers(1, 3)))
    new_spec, renames = apply_edits(old_spec, data.draw(edit_scripts(old_spec)))
    with tempfile.TemporaryDirectory() as tmp:
        old, new = _written(old_spec, Path(tmp), "old"), _written(new_spec, Path(tmp), "new")
    budget = data.draw(st.one_of(st.just(orders.DEFAULT_BUDGET), st.integers(1, 40)))
    memo = Memo()
    analysts = [Analyst(v, build_graph(v), (), TODAY, budget, memo) for v in (old, new)]
    ids = [i.id for i in old.items]
    kept = {i.id for i in new.items}
    for _ in range(data.draw(st.integers(1, 4))):
        profile = data.draw(st.sampled_from([p.id for p in old.profiles]))
        deployed = data.draw(st.lists(st.sampled_from(ids), unique=True))
        certified = data.draw(st.one_of(st.none(), st.lists(st.sampled_from(ids), unique=True)))
        planned = data.draw(st.permutations(ids))[:data.draw(st.integers(0, len(ids)))]
        _agree(analysts[0], profile, deployed, certified, planned)

        def moved(found):
            return [renames.get(i, i) for i in found if renames.get(i, i) in kept]

        _agree(analysts[1], profile, moved(deployed), None if certified is None else moved(certified),
               moved(planned))


def _one_part_edited(old: Catalogue) -> Catalogue:
    """The shipped table with SOS-V1-ARK requiring SOS-VANHAT too: the items of the SOS services change, the
    other part (PTA and RES) does not."""
    v1 = old.item("SOS-V1-ARK")
    return replace(old, items=tuple(replace(i, requires=(*i.requires, "SOS-VANHAT")) if i is v1 else i
                                    for i in old.items),
                   dependencies=(*old.dependencies, Dependency("SOS-VANHAT", "SOS-V1-ARK")))


@pytest.mark.parametrize("version", ["example", "one part edited"])
def test_the_shipped_table_and_a_new_version_share_parts_and_answer_as_each_alone(version):
    """Every organisation of the shipped file, and every profile with each prerequisite-closed beginning of its
    items in use, on the shipped table and on a new version: the answers of each version alone. The parts
    worked out are fewer than two analysts on their own work out exactly when a part is left alone (the
    example new version edits both parts of the table, one of them by a rename). ``impact`` agrees with the
    answer functions."""
    old = load_catalogue()
    if version == "example":
        with tempfile.TemporaryDirectory() as tmp:
            new = load_catalogue(example_new_version(tmp), old.tasks_path or None)
        to_new = {"PTA-VANHA": "PTA-VANHAT"}  # the one rename of the example
    else:
        new, to_new = _one_part_edited(old), {}
    rows, _ = read_organisations(shipped_path(ORGANISATIONS), old)

    def here(found, ids):
        return None if found is None else [to_new.get(i, i) for i in found if to_new.get(i, i) in ids]

    shared, alone = Memo(), []
    for table in (old, new):
        ids = {i.id for i in table.items}
        analyst = Analyst(table, build_graph(table), table.periods, TODAY, orders.DEFAULT_BUDGET, shared)
        alone.append(Memo())
        single = Analyst(table, build_graph(table), table.periods, TODAY, orders.DEFAULT_BUDGET, alone[-1])
        situations = [(r.profile, r.deployed, r.certified, r.planned) for r in rows if r.profile]
        for profile in table.profiles:
            allowed = sorted((i for i in table.items if i.allowed_by(profile.id)), key=lambda i: natural_key(i.id))
            for k in range(len(allowed) + 1):
                deployed = [i.id for i in allowed[:k]]
                closed = [i for i in deployed if all(r in deployed for r in table.item(i).requires)]
                situations.append((profile.id, closed, None, ()))
        for profile, deployed, certified, planned in situations:
            _agree(analyst, profile, here(deployed, ids), here(certified, ids), here(planned, ids))
            single.standing(profile, tuple(sorted(set(here(deployed, ids)), key=natural_key)), None)
    assert (len(shared.parts) < len(alone[0].parts) + len(alone[1].parts)) == (version == "one part edited")

    found = impact(old, new, rows, today=TODAY)
    ids = {i.id for i in new.items}
    for row, got in zip(rows, found):
        if row.profile is None:
            continue
        was = _answers(old, row.profile, row.deployed, row.certified, row.planned, row.target_date)
        now = _answers(new, row.profile, here(row.deployed, ids), here(row.certified, ids), here(row.planned, ids),
                       row.target_date, plan_gone=len(here(row.planned, ids)) < len(row.planned))
        assert (got.count_old, got.next_old, got.go_live_old) == (was["count"], was["next"], was["go_live"])
        assert (got.count_new, got.next_new, got.go_live_new) == (now["count"], now["next"], now["go_live"])
        assert (got.plan_was_allowed, got.plan_is_allowed) == ((was["plan"], now["plan"]) if row.planned
                                                               else (None, None))
