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
import tempfile
from pathlib import Path

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

BUDGETS = [orders.DEFAULT_BUDGET, orders.DEFAULT_BUDGET, 1, 3, 8, 20, 60]


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
    s = analyst.standing(profile, tuple(sorted(set(deployed), key=natural_key)), certified)
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


@st.composite
def tables(draw):
    """A table of several parts: requirements (sometimes a cycle), recommendations, marks of two profiles,
    available-from dates."""
    n = draw(st.integers(1, 9))
    ids = [f"T{k}" for k in range(n)]
    links = [(a, b, draw(st.sampled_from(["requires", "requires", "recommends", None, None, None, None])))
             for a, b in itertools.combinations(ids, 2)]
    deps = {(a, b, kind) for a, b, kind in links if kind}
    if n > 1 and draw(st.integers(0, 4)) == 0:
        a, b = draw(st.permutations(ids))[:2]
        deps.add((a, b, "requires"))
        deps.add((b, a, "requires"))
    items = tuple(Item(i, f"Name {i}", requires=tuple(sorted(a for a, b, k in deps if b == i and k == "requires")),
                       recommends=tuple(sorted(a for a, b, k in deps if b == i and k == "recommends")),
                       marks=(("P", draw(st.sampled_from(MARKS))), ("Q", draw(st.sampled_from(MARKS)))),
                       available_from=draw(st.sampled_from(DATES)), place=Place("t.xlsx", "S", k + 2, 0))
                  for k, i in enumerate(ids))
    return Catalogue(items=items, profiles=(Profile("P", "Profile P"), Profile("Q", "Profile Q")),
                     dependencies=tuple(Dependency(a, b, kind=k) for a, b, k in sorted(deps)))


@settings(max_examples=200)
@given(data=st.data())
def test_the_parts_put_together_are_the_whole_situation(data):
    catalogue = data.draw(tables())
    ids = [i.id for i in catalogue.items]
    analyst = Analyst(catalogue, build_graph(catalogue), (), TODAY, data.draw(st.sampled_from(BUDGETS)))
    for _ in range(data.draw(st.integers(1, 4))):
        deployed = data.draw(st.lists(st.sampled_from(ids), unique=True))
        certified = data.draw(st.one_of(st.none(), st.lists(st.sampled_from(ids), unique=True).map(tuple)))
        planned = data.draw(st.permutations(ids))[:data.draw(st.integers(0, len(ids)))]
        _agree(analyst, data.draw(st.sampled_from(["P", "Q"])), deployed, certified, planned)


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
    budget = data.draw(st.sampled_from(BUDGETS))
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


def test_the_shipped_table_and_its_new_version_share_parts_and_answer_as_each_alone():
    """Every organisation of the shipped file, and every profile with each prerequisite-closed beginning of its
    items in use, on the shipped table and on its example new version: the answers of each version alone, and
    fewer parts worked out than by two analysts on their own; ``impact`` agrees with the answer functions."""
    old = load_catalogue()
    with tempfile.TemporaryDirectory() as tmp:
        new = load_catalogue(example_new_version(tmp), old.tasks_path or None)
    rows, _ = read_organisations(shipped_path(ORGANISATIONS), old)
    to_new = {"PTA-VANHA": "PTA-VANHAT"}  # the one rename of the example

    def here(found, ids):
        return None if found is None else [to_new.get(i, i) for i in found if to_new.get(i, i) in ids]

    shared, alone = Memo(), []
    for version in (old, new):
        ids = {i.id for i in version.items}
        analyst = Analyst(version, build_graph(version), version.periods, TODAY, orders.DEFAULT_BUDGET, shared)
        alone.append(Memo())
        single = Analyst(version, build_graph(version), version.periods, TODAY, orders.DEFAULT_BUDGET, alone[-1])
        situations = [(r.profile, r.deployed, r.certified, r.planned) for r in rows if r.profile]
        for profile in version.profiles:
            allowed = sorted((i for i in version.items if i.allowed_by(profile.id)), key=lambda i: natural_key(i.id))
            for k in range(len(allowed) + 1):
                deployed = [i.id for i in allowed[:k]]
                closed = [i for i in deployed if all(r in deployed for r in version.item(i).requires)]
                situations.append((profile.id, closed, None, ()))
        for profile, deployed, certified, planned in situations:
            _agree(analyst, profile, here(deployed, ids), here(certified, ids), here(planned, ids))
            single.standing(profile, tuple(sorted(set(here(deployed, ids)), key=natural_key)), None)
    assert len(shared.parts) < len(alone[0].parts) + len(alone[1].parts)

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
