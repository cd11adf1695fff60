"""Every date a plan gives keeps FORMATS.md §5 "Dates", checked by an oracle of its own (date_oracle).

Plans over every shipped profile, from several situations, start days, todays, capacities and
availability dates: go-live inside its period, on a business day, not before availability, the start
or today, after its prerequisites; each task on a business day within its timing and after its
predecessors; the period's tasks once per period. The assumptions a plan prints are checked to hold.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace

import pytest

from analyser.load.catalogue import load_catalogue
from analyser.model import build_graph
from analyser.planning.plan import NOTES, make_plan, plan_periods
from analyser.planning.situation import Situation
from analyser.report.briefing import render_plan
from analyser.text.labels import t
import date_oracle as oracle

SHIPPED = load_catalogue()
GRAPH = build_graph(SHIPPED)


def plan_problems(situation: Situation, plan) -> list[str]:
    """Every rule of the dates that ``plan`` breaks, by the oracle."""
    problems = []
    items = situation.items
    periods = {p.name: p for p in plan.periods}
    day = {e.item: e.go_live for e in plan.extensions}
    earliest = oracle.latest(plan.start, plan.today)
    for e in plan.extensions:
        period = periods[e.period]
        item = items[e.item]
        if period.synthetic:
            if e.go_live is not None:
                problems.append(f"{e.item}: a go-live in a round without dates")
            continue
        problems += oracle.go_live_problems(item, period, e.go_live, earliest=plan.start, today=plan.today)
        before = [day[p] for p in situation.missing(e.item) if day.get(p)]
        allowed_from = oracle.latest(earliest, item.available_from)
        expected = oracle.first_business_in(period, oracle.latest(allowed_from, *(d + oracle.ONE for d in before)))
        if expected is None and before and plan.same_period:
            expected = max(before)  # a period shared with its prerequisites has no later day left
        if e.go_live != expected:
            problems.append(f"{e.item}: go-live {e.go_live}, the first day the rule allows in {e.period} is {expected}")
        if oracle.first_business_in(period, allowed_from) is None:
            problems.append(f"{e.item}: {e.period} has no business day it may use")
        for pre in situation.missing(e.item):
            if pre in day and day[pre] and e.go_live:
                if day[pre] > e.go_live or (day[pre] == e.go_live and not plan.same_period):
                    problems.append(f"{e.item} goes live {e.go_live}, its prerequisite {pre} {day[pre]}")
            elif pre in day and e.go_live and not day[pre]:
                problems.append(f"{e.item} goes live {e.go_live}, its prerequisite {pre} has no day")
    for name in {e.period for e in plan.extensions}:
        period = periods[name]
        group = {e.item: e.go_live for e in plan.extensions if e.period == name}
        tasks = [k for k in plan.tasks if k.period == name]
        problems += oracle.task_problems(situation.catalogue, tasks, group, period, plan.today)
        covered = {i for k in tasks for i in k.items}
        if not covered <= set(group):
            problems.append(f"{name}: tasks cover items not in the period: {sorted(covered - set(group))}")
    return problems


def notes_problems(plan) -> list[str]:
    """The assumptions the plan prints hold for it."""
    problems = [n for n in plan.notes if n not in NOTES]
    dated = [e for e in plan.extensions if e.go_live]
    if dated and "go-live-earliest" not in plan.notes:
        problems.append("go-live-earliest not said")
    tests = [k for k in plan.tasks if k.title == "Käyttöönottokoe" and k.due]
    if tests and "test-before-go-live" not in plan.notes:
        problems.append("test-before-go-live not said")
    go_live = {e.item: e.go_live for e in plan.extensions}
    for k in tests:
        if go_live[k.item] and k.due >= go_live[k.item]:
            problems.append(f"{k.item}: test {k.due} not before go-live {go_live[k.item]}")
    if any(plan.periods[i].synthetic for i in range(plan.periods_used)) != ("periods-ran-out" in plan.notes):
        problems.append("periods-ran-out said wrongly")
    return problems


def downsets(situation_items, profile, rng, n):
    """``n`` random sets of deployed items, each closed under prerequisites (allowed or not)."""
    ids = sorted(situation_items)
    found = [()]
    for _ in range(n):
        deployed = []
        for item in ids:
            if all(r in deployed for r in situation_items[item].requires) and rng.random() < 0.45:
                deployed.append(item)
        found.append(tuple(deployed))
    return found


DAYS = [(dt.date(2026, 11, 25), dt.date(2026, 11, 25)), (dt.date(2027, 1, 1), dt.date(2026, 11, 25)),
        (dt.date(2027, 2, 20), dt.date(2026, 12, 2)), (dt.date(2027, 6, 19), dt.date(2027, 3, 2)),
        (dt.date(2028, 9, 1), dt.date(2028, 8, 1))]


@pytest.mark.parametrize("profile", [p.id for p in SHIPPED.profiles])
def test_every_plan_over_every_shipped_profile_keeps_the_dates(profile):
    rng = random.Random(profile)
    items = {i.id: i for i in SHIPPED.items}
    for deployed in downsets(items, profile, rng, 6):
        situation = Situation(SHIPPED, GRAPH, profile, deployed=deployed)
        for start, today in DAYS:
            for capacity, same_period in ((None, False), (1, False), (2, True)):
                periods = plan_periods(SHIPPED.periods, start=start, today=today)
                plan = make_plan(situation, periods=periods, capacity=capacity, same_period=same_period,
                                 start=start, today=today)
                assert plan_problems(situation, plan) == [], (deployed, start, today, capacity)
                assert notes_problems(plan) == []
                for target in plan.items[:2]:
                    one = make_plan(situation, target=target, periods=periods, start=start, today=today)
                    assert plan_problems(situation, one) == [], (deployed, target, start, today)


def _with_availability(catalogue, rng):
    """The shipped catalogue with random ``available from`` dates (some in the future)."""
    days = [None, dt.date(2026, 3, 1), dt.date(2027, 3, 1), dt.date(2027, 5, 15), dt.date(2027, 10, 2),
            dt.date(2028, 6, 30)]
    return replace(catalogue, items=tuple(replace(i, available_from=rng.choice(days)) for i in catalogue.items))


@pytest.mark.parametrize("seed", range(12))
def test_plans_never_go_live_before_availability(seed):
    rng = random.Random(seed)
    catalogue = _with_availability(SHIPPED, rng)
    graph = build_graph(catalogue)
    items = {i.id: i for i in catalogue.items}
    for profile in [p.id for p in catalogue.profiles]:
        for deployed in downsets(items, profile, rng, 2):
            situation = Situation(catalogue, graph, profile, deployed=deployed)
            start, today = rng.choice(DAYS)
            periods = plan_periods(catalogue.periods, start=start, today=today)
            plan = make_plan(situation, periods=periods, capacity=rng.choice([None, 1, 2]), start=start, today=today)
            assert plan_problems(situation, plan) == [], (profile, deployed, start, today)


def test_the_issue_item_available_from_march_2027_does_not_go_live_in_january():
    catalogue = replace(SHIPPED, items=tuple(replace(i, available_from=dt.date(2027, 3, 1)) if i.id == "SOS-LV-INF"
                                             else i for i in SHIPPED.items))
    situation = Situation(catalogue, build_graph(catalogue), "SOS-LV", deployed=("SOS", "SOS-V1-ARK"))
    today = dt.date(2026, 1, 5)
    plan = make_plan(situation, target="SOS-LV-INF", periods=plan_periods(catalogue.periods, start=today, today=today),
                     start=today, today=today)
    (extension,) = plan.extensions
    assert extension.period == "2027/1" and extension.go_live == dt.date(2027, 3, 1)  # a Monday
    assert plan_problems(situation, plan) == []


def test_the_readme_plan_keeps_what_it_says():
    situation = Situation(SHIPPED, GRAPH, "SOS-LV", deployed=("SOS", "SOS-VANHAT", "SOS-V1-ARK"))
    start, today = dt.date(2027, 1, 1), dt.date(2026, 11, 25)
    plan = make_plan(situation, target="SOS-LV-HAKU", periods=plan_periods(SHIPPED.periods, start=start, today=today),
                     start=start, today=today)
    assert plan_problems(situation, plan) == [] and notes_problems(plan) == []
    text = render_plan(plan.as_dict(), SHIPPED, "fi")
    assert t("note.test-before-go-live", "fi") in text and "käyttöönottokoe käyttöönottopäivänä" not in text
    # the test is before go-live, reported to Kela in between: what the printed assumption says
    inf = {k.task_id: k.due for k in plan.tasks if k.item == "SOS-LV-INF" and not k.shared}
    assert inf["9"] < inf["10"] < inf["11"] == dt.date(2027, 1, 11)
    # registration and trainings once per period, naming the items they cover
    shared = [(k.period, k.task_id, k.items) for k in plan.tasks if k.shared]
    assert ("2027/2", "6", ("SOS-LV-KIE", "SOS-LV-LUP")) in shared
    assert len(shared) == len(set((p, k) for p, k, _ in shared)) == 6
    assert text.count("Ilmoittautuminen käyttöönottojaksolle") == 3


def test_a_go_live_on_a_weekend_is_never_given():
    situation = Situation(SHIPPED, GRAPH, "SOS-V2", deployed=("SOS",))
    for start in (dt.date(2027, 1, 9), dt.date(2027, 1, 10), dt.date(2027, 4, 2), dt.date(2027, 12, 24)):
        plan = make_plan(situation, periods=plan_periods(SHIPPED.periods, start=start, today=start), start=start,
                         today=start)
        assert all(oracle.business(e.go_live) for e in plan.extensions if e.go_live)
        assert plan_problems(situation, plan) == []


def test_period_dates_from_the_command_line_keep_the_rules():
    situation = Situation(SHIPPED, GRAPH, "POT")
    dates = [dt.date(2027, 1, 2), dt.date(2027, 3, 6), dt.date(2027, 6, 19), dt.date(2027, 12, 24)]
    plan = make_plan(situation, periods=plan_periods(dates=dates, start=dt.date(2027, 1, 1)), start=dt.date(2027, 1, 1),
                     today=dt.date(2026, 12, 1))
    assert plan_problems(situation, plan) == []
    assert [e.go_live for e in plan.extensions if e.item == "PTA"] == [dt.date(2027, 1, 4)]


def test_next_lists_an_item_not_yet_available_apart():
    from analyser.planning.answers import next_answer

    catalogue = replace(SHIPPED, items=tuple(replace(i, available_from=dt.date(2027, 3, 1)) if i.id == "SOS-LV-INF"
                                             else i for i in SHIPPED.items))
    situation = Situation(catalogue, build_graph(catalogue), "SOS-LV", deployed=("SOS", "SOS-V1-ARK"))
    before = next_answer(situation, today=dt.date(2027, 2, 28))
    assert "SOS-LV-INF" not in before["available"]
    assert before["not_yet_available"] == [{"id": "SOS-LV-INF", "available_from": "2027-03-01"}]
    on_the_day = next_answer(situation, today=dt.date(2027, 3, 1))
    assert "SOS-LV-INF" in on_the_day["available"] and on_the_day["not_yet_available"] == []
    assert next_answer(situation)["not_yet_available"] == []  # without a day, nothing waits


def test_what_the_workbook_says_belongs_to_the_period_comes_once_per_period():
    """Planning with the vendor is the item's own task in the shipped workbook; a workbook that times it
    from the period makes it the period's: read from the workbook, not named in the code."""
    from analyser.load.timing import parse_timing

    tasks = tuple(replace(k, timing=parse_timing("viimeistään 4 viikkoa ennen käyttöönottojakson alkua"),
                          timing_text="viimeistään 4 viikkoa ennen käyttöönottojakson alkua") if k.id == "1" else k
                  for k in SHIPPED.tasks)
    catalogue = replace(SHIPPED, tasks=tasks)
    situation = Situation(catalogue, build_graph(catalogue), "SOS-LV", deployed=("SOS", "SOS-VANHAT", "SOS-V1-ARK"))
    start, today = dt.date(2027, 1, 1), dt.date(2026, 11, 25)
    plan = make_plan(situation, target="SOS-LV-HAKU", periods=plan_periods(catalogue.periods, start=start, today=today),
                     start=start, today=today)
    planning = [(k.period, k.items) for k in plan.tasks if k.task_id == "1"]
    assert planning == [("2027/1", ("SOS-LV-INF",)), ("2027/2", ("SOS-LV-KIE", "SOS-LV-LUP")),
                        ("2027/3", ("SOS-LV-HAKU",))]
    assert all(k.shared for k in plan.tasks if k.task_id == "1")
    assert plan_problems(situation, plan) == []
