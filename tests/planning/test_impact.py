"""``impact`` against an independent oracle: every organisation's ``next``, ``check`` and ``orders`` answers
on the old and the new table, each computed on its own through the public answer functions, compared by
hand (ids followed through the renames the edit made), must agree with what impact reports."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from analyser.load.catalogue import load_catalogue
from analyser.load.organisations import OrganisationRow, read_organisations
from analyser.load.shipped import ORGANISATIONS, shipped_path
from analyser.load.timing import parse_timing
from analyser.model import build_graph
from analyser.planning.answers import check_answer, next_answer, orders_answer
from analyser.planning.dating import go_live, plan_periods
from analyser.planning.impact import impact, impact_summary
from analyser.planning.situation import Situation
from analyser.planning.tasks import dated_tasks
from analyser.records import Catalogue, Dependency, Item, Period, Place, Profile
from analyser.text.vocabulary import ALLOWED, NOT_ALLOWED, PARTLY

TODAY = dt.date(2026, 11, 25)
PERIODS = (Period("2027/1", dt.date(2027, 1, 11), dt.date(2027, 3, 19), dt.date(2026, 11, 30)),
           Period("2027/2", dt.date(2027, 4, 12), dt.date(2027, 6, 11), dt.date(2027, 3, 1)))
MARKS = [ALLOWED, ALLOWED, ALLOWED, PARTLY, NOT_ALLOWED]
DATES = [None, None, dt.date(2026, 1, 1), dt.date(2027, 5, 1)]


def _catalogue(items: dict, deps: set) -> Catalogue:
    """items: id -> (name, marks of P and Q, available from); deps: (prerequisite, item)."""
    records = tuple(Item(i, name, requires=tuple(sorted(a for a, b in deps if b == i)),
                         marks=(("P", p), ("Q", q)), available_from=day, place=Place("t.xlsx", "S", k, 0))
                    for k, (i, (name, p, q, day)) in enumerate(sorted(items.items())))
    return Catalogue(items=records, profiles=(Profile("P", "Profile P"), Profile("Q", "Profile Q")),
                     dependencies=tuple(Dependency(a, b) for a, b in sorted(deps)), periods=PERIODS)


@st.composite
def versions(draw):
    """Two versions of a small table and the map of old ids to new ones (removed items left out)."""
    n = draw(st.integers(2, 6))
    ids = [f"I{k}" for k in range(n)]
    items = {i: (f"Name {i}", draw(st.sampled_from(MARKS)), draw(st.sampled_from(MARKS)), draw(st.sampled_from(DATES)))
             for i in ids}
    deps = {(a, b) for a, b in itertools.combinations(ids, 2) if draw(st.integers(0, 2)) == 0}
    new_items, new_deps = dict(items), set(deps)
    for a, b in itertools.combinations(ids, 2):  # requirements added and removed, kept acyclic (a before b)
        if draw(st.integers(0, 5)) == 0:
            new_deps ^= {(a, b)}
    for i in ids:
        name, p, q, day = new_items[i]
        if draw(st.integers(0, 4)) == 0:
            p = draw(st.sampled_from(MARKS))
        if draw(st.integers(0, 5)) == 0:
            day = draw(st.sampled_from(DATES))
        new_items[i] = (name, p, q, day)
    mapping = {i: i for i in ids}
    if draw(st.booleans()):
        gone = draw(st.sampled_from(ids))
        del new_items[gone], mapping[gone]
        new_deps = {(a, b) for a, b in new_deps if gone not in (a, b)}
    if draw(st.booleans()):
        old_id = draw(st.sampled_from(sorted(mapping)))
        mapping[old_id] = "R" + old_id
        new_items["R" + old_id] = new_items.pop(old_id)
        new_deps = {tuple(mapping.get(x, x) for x in d) for d in new_deps}
    if draw(st.booleans()):
        new_items["Z"] = ("Name Z", draw(st.sampled_from(MARKS)), ALLOWED, None)
        new_deps |= {(mapping[i], "Z") for i in mapping if draw(st.integers(0, 2)) == 0}
    return _catalogue(items, deps), _catalogue(new_items, new_deps), mapping


@st.composite
def organisations(draw, ids):
    rows = []
    for k in range(draw(st.integers(1, 5))):
        deployed = tuple(i for i in ids if draw(st.integers(0, 3)) == 0)
        certified = draw(st.one_of(st.none(), st.just(tuple(i for i in ids if draw(st.booleans())))))
        planned = tuple(draw(st.permutations(ids))[:draw(st.integers(0, len(ids)))])
        target = draw(st.sampled_from([None, dt.date(2027, 2, 1), dt.date(2027, 5, 3)]))
        rows.append(OrganisationRow(f"Org {k}", draw(st.sampled_from(["P", "Q"])), "", deployed, certified, target,
                                    planned, Place("o.csv", "o", 0, 0), k))
    return rows


def _answers(catalogue: Catalogue, profile, deployed, certified, planned, target, *, plan_gone=False):
    """The organisation's answers on one table, from the public answer functions only (``plan_gone``: the
    planned order names an item this version removed, so it is not allowed)."""
    s = Situation(catalogue, build_graph(catalogue), profile, deployed=deployed, certified=certified)
    a = next_answer(s, today=TODAY)
    o = orders_answer(s)
    ready = set(a["available"]) | {x["id"] for x in a["not_yet_available"]}
    plan = False if plan_gone else check_answer(s, planned)["allowed"] if planned else None
    following = next((i for i in (planned if plan else ()) if i in ready), None)
    following = following or next((i for i in o["recommended"] if i in ready), None)
    day = None
    if following:
        day = go_live(catalogue.item(following), plan_periods(catalogue.periods, today=TODAY), wanted=target,
                      today=TODAY).day
    return {"available": set(a["available"]), "blocked": {b["id"]: b["missing"] for b in a["blocked"]},
            "not_allowed": {x["id"] for x in a["not_allowed"]}, "plan": plan, "count": o["count"],
            "next": following, "go_live": day}


@settings(max_examples=150)
@given(data=st.data())
def test_impact_agrees_with_the_answers_on_each_version(data):
    old, new, mapping = data.draw(versions())
    rows = data.draw(organisations([i.id for i in old.items]))
    found = impact(old, new, rows, today=TODAY)
    assert [i.organisation for i in found] == [r.name for r in rows]
    for row, got in zip(rows, found):
        kept = lambda ids: tuple(mapping[i] for i in ids if i in mapping)  # noqa: E731
        was = _answers(old, row.profile, row.deployed, row.certified, row.planned, row.target_date)
        now = _answers(new, row.profile, kept(row.deployed), None if row.certified is None else kept(row.certified),
                       kept(row.planned), row.target_date, plan_gone=len(kept(row.planned)) < len(row.planned))
        moved = lambda ids: {mapping.get(i, i) for i in ids}  # noqa: E731
        assert set(got.newly_available) == now["available"] - moved(was["available"])
        assert set(got.no_longer_available) == moved(was["available"]) - now["available"]
        newly_blocked = set(now["blocked"]) - moved(was["blocked"])
        assert set(got.newly_blocked) == newly_blocked
        assert set(got.newly_not_allowed) == (now["not_allowed"] - moved(was["not_allowed"])) & set(mapping.values())
        assert set(got.new_blockers) == {m for i in newly_blocked for m in now["blocked"][i]}
        assert (got.plan_was_allowed, got.plan_is_allowed) == (was["plan"], now["plan"] if row.planned else None)
        assert (got.count_old, got.count_new) == (was["count"], now["count"])
        assert (got.next_old, got.next_new) == (was["next"], now["next"])
        assert (got.go_live_old, got.go_live_new) == (was["go_live"], now["go_live"])
        assert got.affected == (bool(got.newly_available or got.no_longer_available or got.newly_blocked
                                     or got.newly_not_allowed) or was["plan"] != (now["plan"] if row.planned else None)
                                or was["count"] != now["count"] or mapping.get(was["next"], was["next"]) != now["next"]
                                or was["go_live"] != now["go_live"] or bool(got.moved_tasks))


@settings(max_examples=40)
@given(data=st.data())
def test_the_same_table_affects_nobody(data):
    old, _, _ = data.draw(versions())
    rows = data.draw(organisations([i.id for i in old.items]))
    assert not any(i.affected for i in impact(old, old, rows, today=TODAY))


def test_moved_due_dates_follow_the_task_calendar_of_each_version():
    """A task timed three weeks earlier in the new task workbook: every organisation's next extension keeps its
    day, and each of its tasks whose due date moved is listed with the due dates ``dated_tasks`` gives."""
    c = load_catalogue()
    rows, _ = read_organisations(shipped_path(ORGANISATIONS), c)
    task = next(t for t in c.tasks if t.timing is not None and "käyttöönottoa" in t.timing_text)
    text = "viimeistään 6 viikkoa ennen käyttöönottoa"
    new = replace(c, tasks=tuple(replace(t, timing_text=text, timing=parse_timing(text)) if t is task else t
                                 for t in c.tasks))
    found = impact(c, new, rows, today=TODAY)
    periods = plan_periods(c.periods, today=TODAY)
    checked = 0
    for row, got in zip(rows, found):
        assert got.next_old == got.next_new and got.go_live_old == got.go_live_new
        if got.next_old is None:
            continue
        dating = go_live(c.item(got.next_old), periods, wanted=row.target_date, today=TODAY)
        due = [{(t.task_id, t.item): t.due for t in dated_tasks(version, got.next_old, dating.day,
                                                                period=dating.period, today=TODAY)}
               for version in (c, new)]
        expected = sorted((k[0], k[1], due[0][k], due[1][k]) for k in due[1] if k in due[0] and due[0][k] != due[1][k])
        assert sorted(got.moved_tasks) == expected
        checked += bool(expected)
    assert checked, "the changed task applies to some organisation's next extension"
    summary = impact_summary(found)
    assert summary["affected"] == sum(1 for i in found if i.moved_tasks)
