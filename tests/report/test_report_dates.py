"""The report's dates keep FORMATS.md §5 "Dates", checked by the oracle of tests/planning/date_oracle.py.

For every organisation of the shipped example (on several days) and of a generated batch of 10,000
(random profiles, deployed sets, certification, target dates, availability and today): the next
extension goes live on the day the rule gives, inside its period, on a business day, not before its
availability or today; its prerequisites are live; every task is due on a business day within its
timing and after its predecessors. ``plan`` dates the same situation the same way. The report says why a
go-live is not the target date, in its columns and as a finding.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import pytest

from analyser.load.catalogue import load_catalogue
from analyser.load.organisations import OrganisationRow, read_organisations
from analyser.load.shipped import ORGANISATIONS, shipped_path
from analyser.model import build_graph
from analyser.planning.plan import make_plan, plan_periods
from analyser.planning.situation import Situation
from analyser.records import Place
from analyser.report.batch import run_batch
from analyser.report.rows import ORGANISATION_COLUMNS, organisation_rows

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "planning"))
import date_oracle as oracle  # noqa: E402

SHIPPED = load_catalogue()
GRAPH = build_graph(SHIPPED)


def oracle_periods(catalogue, today):
    """The catalogue's periods as the rules read them, in time order (not through plan_periods)."""
    return [SimpleNamespace(name=p.name, start=p.start, end=p.end, deadline=p.deadline, service_keys=p.service_keys,
                            accepts_registration=p.deadline is None or today is None or p.deadline >= today)
            for p in sorted(catalogue.periods, key=lambda p: (p.start, p.name))]


def result_problems(catalogue, batch, today) -> list[str]:
    periods = oracle_periods(catalogue, today)
    by_name = {p.name: p for p in periods}
    moved = {dict(f.params)["organisation"] for f in batch.findings if f.code == "go-live-moved"}
    problems = []
    for r in batch.results:
        name = r.row.name
        if r.standing is None or r.next_item is None:
            if r.tasks or r.go_live is not None:
                problems.append(f"{name}: dates without a next extension")
            continue
        item = catalogue.item(r.next_item)
        wanted = r.row.target_date
        period, day = oracle.expected_go_live(item, periods, wanted, today)
        if (r.period, r.go_live) != (period.name if period else None, day):
            problems.append(f"{name}: {item.id} goes live {r.go_live} in {r.period}; the rule gives {day} in "
                            f"{period.name if period else None} (target {wanted}, today {today})")
            continue
        problems += [f"{name}: {p}" for p in oracle.go_live_problems(item, period, day, earliest=wanted, today=today)]
        missing = [p for p in item.requires if p not in r.standing.deployed]
        if missing:
            problems.append(f"{name}: {item.id} goes live before its prerequisites {missing}")
        problems += [f"{name}: {p}" for p in
                     oracle.task_problems(catalogue, r.tasks, {item.id: day}, by_name.get(r.period), today)]
        dating = r.dating
        if (dating.reason == "target") != (day is not None and day == wanted):
            problems.append(f"{name}: reason {dating.reason} for go-live {day} and target {wanted}")
        if dating.reason == "registration-closed" and (dating.next_open != r.period or not dating.closed
                                                       or dating.closed.accepts_registration):
            problems.append(f"{name}: registration closed, but next open {dating.next_open}, closed {dating.closed}")
        if dating.moved != (name in moved):
            problems.append(f"{name}: moved is {dating.moved} but the finding says otherwise")
    return problems


@pytest.mark.parametrize("today", [dt.date(2026, 11, 25), dt.date(2026, 12, 2), dt.date(2027, 3, 2),
                                   dt.date(2027, 8, 10), dt.date(2028, 12, 1)])
def test_every_shipped_organisation_keeps_the_dates(today):
    rows, findings = read_organisations(shipped_path(ORGANISATIONS), SHIPPED)
    batch = run_batch(SHIPPED, GRAPH, rows, findings=findings, today=today)
    assert result_problems(SHIPPED, batch, today) == []


def test_demovaara_and_mallivaara_as_the_issue_found_them():
    rows, findings = read_organisations(shipped_path(ORGANISATIONS), SHIPPED)
    for today, mallivaara in ((dt.date(2026, 11, 25), (dt.date(2027, 1, 11), "2027/1", "business-day", "")),
                              (dt.date(2026, 12, 2), (dt.date(2027, 4, 12), "2027/2", "registration-closed", "2027/2"))):
        batch = run_batch(SHIPPED, GRAPH, rows, findings=findings, today=today)
        results = {r.row.name.split()[0]: r for r in batch.results}
        demo, malli = results["Demovaaran"], results["Mallivaaran"]
        # target 1.9.2027 falls between 2027/2 (ends 11.6.2027) and 2027/3: go live when 2027/3 starts, its
        # trainings during it (not before go-live)
        assert (demo.go_live, demo.period, demo.dating.reason) == (dt.date(2027, 9, 20), "2027/3", "outside-periods")
        trainings = [k for k in demo.tasks if k.title == "Toimintamallikoulutukset"]
        assert trainings and all(k.due >= demo.go_live for k in trainings)
        # target 10.1.2027, a Sunday before 2027/1: never a Sunday, never the closed 2026/3
        assert (malli.go_live, malli.period, malli.dating.reason, malli.dating.next_open) == mallivaara
        row = dict(zip(ORGANISATION_COLUMNS, organisation_rows(batch, "en")[[r.row.name for r in batch.results].index(
            malli.row.name)]))
        assert (row["target"], row["go_live"], row["period"], row["next_open_period"]) == (
            dt.date(2027, 1, 10), mallivaara[0], mallivaara[1], mallivaara[3])
        assert row["go_live_reason"] == malli.dating.text("en")
        codes = [(f.code, f.variant, dict(f.params)["organisation"]) for f in batch.findings if f.code == "go-live-moved"]
        assert ("go-live-moved", "outside-periods", demo.row.name) in codes
        assert (("go-live-moved", "registration-closed", malli.row.name) in codes) == (today == dt.date(2026, 12, 2))
        assert result_problems(SHIPPED, batch, today) == []
    closed = next(f for f in batch.findings if f.code == "go-live-moved" and f.variant == "registration-closed"
                  and dict(f.params)["organisation"] == malli.row.name)
    assert dict(closed.params)["closed"] == "2027/1" and dict(closed.params)["deadline"] == "2026-11-30"
    assert dict(closed.params)["period"] == "2027/2" and dict(closed.params)["go_live"] == "2027-04-12"


def _with_availability(catalogue, rng):
    days = [None, None, dt.date(2026, 3, 1), dt.date(2027, 3, 1), dt.date(2027, 5, 15), dt.date(2027, 10, 2),
            dt.date(2028, 6, 30)]
    return replace(catalogue, items=tuple(replace(i, available_from=rng.choice(days)) for i in catalogue.items))


def random_rows(catalogue, n: int, rng: random.Random) -> list[OrganisationRow]:
    """``n`` organisations: random profile, deployed set closed under prerequisites, certification,
    target date (or none) and planned order."""
    items = {i.id: i for i in catalogue.items}
    ids = sorted(items)
    profiles = [p.id for p in catalogue.profiles]
    start = dt.date(2025, 1, 1).toordinal()
    place = Place("generated.csv", "", 0, 0)
    rows = []
    for k in range(n):
        profile = rng.choice(profiles)
        deployed = []
        for item in ids:
            chance = 0.5 if items[item].allowed_by(profile) else 0.05
            if all(r in deployed for r in items[item].requires) and rng.random() < chance:
                deployed.append(item)
        rest = [i for i in ids if i not in deployed and items[i].allowed_by(profile)]
        certified = tuple(rng.sample(rest, k=min(len(rest), rng.randint(0, 3)))) if rng.random() < 0.3 else None
        target = None if rng.random() < 0.15 else dt.date.fromordinal(start + rng.randrange(5 * 365))
        planned = tuple(rng.sample(rest, k=min(len(rest), 3))) if rest and rng.random() < 0.3 else ()
        rows.append(OrganisationRow(f"Organisaatio {k}", profile, profile, tuple(deployed), certified, target,
                                    planned, place, k + 1))
    return rows


@pytest.mark.parametrize("seed", [1, 2])
def test_a_generated_batch_of_ten_thousand_keeps_the_dates(seed):
    rng = random.Random(seed)
    catalogue = _with_availability(SHIPPED, rng) if seed == 2 else SHIPPED
    today = dt.date.fromordinal(dt.date(2025, 10, 1).toordinal() + rng.randrange(3 * 365))
    rows = random_rows(catalogue, 10_000, rng)
    batch = run_batch(catalogue, build_graph(catalogue), rows, today=today)
    assert len(batch.results) == 10_000
    assert result_problems(catalogue, batch, today) == []
    reasons = {r.dating.reason for r in batch.results if r.dating}
    assert {"target", "outside-periods", "past"} <= reasons, reasons  # the batch reaches the rule's branches


@pytest.mark.parametrize("today", [dt.date(2026, 11, 25), dt.date(2026, 12, 2), dt.date(2027, 6, 1)])
def test_plan_and_report_date_the_same_situation_the_same_way(today):
    rng = random.Random(today.toordinal())
    catalogue = _with_availability(SHIPPED, rng) if today.month == 6 else SHIPPED
    graph = build_graph(catalogue)
    shipped, findings = read_organisations(shipped_path(ORGANISATIONS), catalogue)
    rows = [*shipped, *random_rows(catalogue, 300, rng)]
    batch = run_batch(catalogue, graph, rows, today=today)
    compared = 0
    for r in batch.results:
        if r.next_item is None:
            continue
        start = r.row.target_date or today
        situation = Situation(catalogue, graph, r.row.profile, deployed=r.row.deployed, certified=r.row.certified)
        plan = make_plan(situation, target=r.next_item, periods=plan_periods(catalogue.periods, start=start, today=today),
                         start=start, today=today)
        (extension,) = [e for e in plan.extensions if e.item == r.next_item]
        period = None if plan.periods[extension.period_index].synthetic else extension.period
        assert (extension.go_live, period) == (r.go_live, r.period), r.row.name
        compared += 1
    assert compared > 200
