"""One organisation's plan: periods, capacity, registration deadlines and the dated task list.

Every plan is checked by a validator written here from the rules alone;
the number of periods is compared with brute force on small cases.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analyser.planning.business_days import is_business_day
from analyser.load.catalogue import load_catalogue
from analyser.findings import UsageError
from analyser.model import build_graph
from analyser.planning.plan import PlanPeriod, dated_tasks, make_plan, plan_periods
from analyser.planning.situation import Situation
from test_situation import tables

SHIPPED = load_catalogue()
SHIPPED_GRAPH = build_graph(SHIPPED)


def _periods(n: int, closed: set[int]) -> list[PlanPeriod]:
    start = dt.date(2027, 1, 11)
    return [PlanPeriod(f"J{k}", start + dt.timedelta(weeks=17 * k), start + dt.timedelta(weeks=17 * k + 8),
                       start + dt.timedelta(weeks=17 * k - 6), accepts_registration=k not in closed)
            for k in range(n)]


def violations(situation: Situation, plan, capacity, same_period) -> list[str]:
    """The rules, read from the issue: after all prerequisites' periods (or the same one with the
    flag), at most K per period, registration items only where the period accepts them."""
    problems = []
    index = {e.item: e.period_index for e in plan.extensions}
    periods = list(plan.periods)
    for e in plan.extensions:
        for pre in situation.missing(e.item):
            if pre not in index:
                problems.append(f"{e.item}: prerequisite {pre} not planned")
            elif index[pre] > index[e.item] or (index[pre] == index[e.item] and not same_period):
                problems.append(f"{e.item} in {index[e.item]} but {pre} in {index[pre]}")
        period = periods[e.period_index]
        if e.needs_registration and not period.accepts_registration:
            problems.append(f"{e.item} needs registration but {period.name} is closed")
    if capacity is not None:
        load = {}
        for e in plan.extensions:
            load[e.period_index] = load.get(e.period_index, 0) + 1
        problems += [f"period {k} holds {n} > {capacity}" for k, n in load.items() if n > capacity]
    if sorted(index) != sorted(plan.items):
        problems.append("not every item is planned exactly once")
    return problems


def brute_force_periods(situation: Situation, items, periods, capacity, same_period) -> int:
    accepts = [p.accepts_registration for p in periods]
    horizon = len(items) + len(periods) + 1
    best = None
    for assignment in itertools.product(range(horizon), repeat=len(items)):
        where = dict(zip(items, assignment))
        ok = True
        for item in items:
            k = where[item]
            if situation.items[item].period and k < len(accepts) and not accepts[k]:
                ok = False
                break
            for pre in situation.missing(item):
                if where[pre] > k or (where[pre] == k and not same_period):
                    ok = False
                    break
            if not ok:
                break
        if ok and capacity is not None:
            ok = all(list(assignment).count(k) <= capacity for k in set(assignment))
        if ok:
            used = max(assignment) + 1 if assignment else 0
            best = used if best is None else min(best, used)
    return best or 0


@settings(max_examples=60, deadline=None)
@given(tables(max_items=5), st.integers(1, 4), st.sets(st.integers(0, 3)), st.one_of(st.none(), st.integers(1, 3)),
       st.booleans(), st.data())
def test_plans_are_valid_and_optimal_on_small_cases(case, n_periods, closed, capacity, same_period, data):
    catalogue, deployed = case
    flags = {i.id: data.draw(st.booleans()) for i in catalogue.items}
    from dataclasses import replace

    catalogue = replace(catalogue, items=tuple(replace(i, period=flags[i.id]) for i in catalogue.items))
    situation = Situation(catalogue, build_graph(catalogue), "P", deployed=tuple(deployed))
    periods = _periods(n_periods, closed)
    plan = make_plan(situation, periods=periods, capacity=capacity, same_period=same_period)
    assert violations(situation, plan, capacity, same_period) == []
    assert plan.lower_bound <= plan.periods_used
    optimum = brute_force_periods(situation, list(plan.items), periods, capacity, same_period)
    assert plan.periods_used == optimum
    if plan.optimal:
        assert plan.periods_used == optimum


def test_readme_example_joining_obligation_to_disclosure_search():
    situation = Situation(SHIPPED, SHIPPED_GRAPH, "SOS-LV", deployed=("SOS", "SOS-VANHAT", "SOS-V1-ARK"))
    today = dt.date(2026, 11, 25)
    periods = plan_periods(SHIPPED.periods, start=dt.date(2027, 1, 1), today=today)
    plan = make_plan(situation, target="SOS-LV-HAKU", periods=periods, start=dt.date(2027, 1, 1), today=today)
    assert violations(situation, plan, None, False) == []
    assert set(plan.items) == {"SOS-LV-INF", "SOS-LV-LUP", "SOS-LV-KIE", "SOS-LV-HAKU"}
    assert plan.periods_used == plan.lower_bound == 3 and plan.optimal
    assert plan.order_count == 2
    assert all(e.go_live and e.go_live >= dt.date(2027, 1, 1) for e in plan.extensions)
    assert {t.item for t in plan.tasks} == set(plan.items)


def test_target_path_is_the_smallest_set():
    situation = Situation(SHIPPED, SHIPPED_GRAPH, "SOS-LV", deployed=("SOS",))
    assert situation.path_to("SOS-LV-LUP") == ["SOS-LV-INF", "SOS-LV-LUP", "SOS-V1-ARK"]
    with pytest.raises(UsageError):
        situation.path_to("SOS-V2-ALL")  # not allowed by the profile
    with pytest.raises(UsageError):
        situation.path_to("SOS")  # already in use
    v2 = Situation(SHIPPED, SHIPPED_GRAPH, "SOS-V2")
    with pytest.raises(UsageError):
        v2.path_to("SOS-LV-HAKU")  # excluded: needs items SOS-V2 does not allow


@pytest.mark.parametrize("item", [i.id for i in SHIPPED.items])
@pytest.mark.parametrize("go_live", [dt.date(2027, 1, 11), dt.date(2027, 6, 21), dt.date(2026, 12, 28)])
def test_dated_tasks_respect_predecessors_and_business_days(item, go_live):
    periods = plan_periods(SHIPPED.periods)
    period = next((p for p in periods if p.start and p.start <= go_live and (p.end is None or go_live <= p.end)),
                  None)
    today = dt.date(2026, 11, 25)
    tasks = dated_tasks(SHIPPED, item, go_live, period=period, today=today)
    by_id = {t.task_id: t for t in tasks}
    for t in tasks:
        assert t.late == bool(t.due and t.due < today)
        for pre in t.after:
            if by_id[pre].due and t.due:
                assert by_id[pre].due <= t.due, (pre, t.task_id)
        if t.due and (t.moved or t.timing_text.startswith("viimeistään")):
            assert is_business_day(t.due), (t.task_id, t.due)
    production = [t for t in tasks if t.timing_text == "käyttöönottopäivänä"]
    assert production and production[0].due == go_live


def test_registration_task_is_due_by_the_period_deadline():
    period = next(p for p in plan_periods(SHIPPED.periods) if p.name == "2027/2")
    tasks = dated_tasks(SHIPPED, "SOS-LV-INF", period.start, period=period)
    registration = [t for t in tasks if t.title.startswith("Ilmoittautuminen")]
    assert registration and registration[0].due == period.deadline


def test_unparsable_timing_gets_no_date(tmp_path):
    import workbook_factory as wf

    spec = wf.with_bad_timing(wf.small_task_spec(), 0, "hyvissä ajoin")
    out = wf.write_task_workbook(spec, tmp_path / "t.xlsx", fmt="xlsx")
    table = wf.write_dependency_table(wf.small_spec(), tmp_path / "d.xlsx", fmt="xlsx")
    catalogue = load_catalogue(table.path, out.path)
    item = next(i for i in catalogue.items if i.needs_test)
    tasks = dated_tasks(catalogue, item.id, dt.date(2027, 3, 1))
    bad = [t for t in tasks if t.timing_text == "hyvissä ajoin"]
    assert bad and bad[0].due is None and bad[0].unparsed


def test_plan_runs_past_the_known_periods():
    situation = Situation(SHIPPED, SHIPPED_GRAPH, "POT")
    periods = plan_periods(SHIPPED.periods, start=dt.date(2028, 9, 1), today=dt.date(2028, 8, 1))
    plan = make_plan(situation, periods=periods, capacity=2)
    assert violations(situation, plan, 2, False) == []
    assert plan.periods_used >= 4 and any(p.synthetic for p in plan.periods[: plan.periods_used])
    assert plan.lower_bound >= 4  # eight items, two per period


def test_periods_of_another_service_are_not_used(tmp_path):
    from dataclasses import replace

    periods = tuple(replace(p, service_keys=("potilastietovaranto",)) if p.name == "2027/1" else p
                    for p in SHIPPED.periods)
    catalogue = replace(SHIPPED, periods=periods)
    situation = Situation(catalogue, build_graph(catalogue), "SOS-LV", deployed=("SOS", "SOS-V1-ARK"))
    plan = make_plan(situation, target="SOS-LV-INF",
                     periods=plan_periods(catalogue.periods, start=dt.date(2027, 1, 1), today=dt.date(2026, 11, 1)))
    assert [e.period for e in plan.extensions] == ["2027/2"]
    assert "periods-left-out" in plan.notes
