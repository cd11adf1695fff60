"""One organisation's extension plan: items into deployment periods, and the dated task list.

The items are placed into periods by :func:`analyser.planning.periods.schedule`,
each only into a period it may go live in (:mod:`analyser.planning.dating`:
its service's period when it needs registration, one that still accepts
registrations, one with a business day on or after the start, today and the
day it becomes available). Its go-live day is the first such business day of
its period, after its prerequisites'. The tasks are dated per period
(:mod:`analyser.planning.tasks`): the period's own tasks once for all its
items.

The assumptions a plan says it rests on (:data:`NOTES`, each kept by the
computation and tested so):

* ``go-live-earliest``: an extension goes live on the first business day of
  its period that is on or after the start, today and its ``available from``
  date (and after the day its prerequisites go live);
* ``test-before-go-live``: the deployment test is on the latest business day
  that leaves room before go-live for the tasks that must follow it (DOMAIN.md:
  the test is run in production, reported to Kela, and only then does
  production use start);
* ``periods-left-out``: a period not open to an item's service was not used
  for it; ``periods-ran-out``: the known periods ran out, and later rounds
  have no dates.

A period accepts registrations until its registration deadline; a period
without a deadline always does.
"""

from __future__ import annotations

import datetime as dt
import numbers
from dataclasses import dataclass, field
from typing import Sequence

import networkx as nx

from analyser import orders
from analyser.findings import UsageError
from analyser.planning.dating import PlanPeriod, allowed_periods, go_live, latest_of, plan_periods
from analyser.planning.periods import schedule
from analyser.planning.situation import Situation, resolve_item
from analyser.planning.tasks import DatedTask, TaskCalendar, dated_tasks
from analyser.text.vocabulary import natural_key

__all__ = [
    "PlanPeriod",
    "PlannedExtension",
    "DatedTask",
    "Plan",
    "plan_periods",
    "dated_tasks",
    "TaskCalendar",
    "make_plan",
    "NOTES",
]

#: The assumptions a plan may rest on, by code (said in words as ``note.<code>``).
NOTES = ("go-live-earliest", "test-before-go-live", "periods-left-out", "periods-ran-out")


@dataclass(frozen=True)
class PlannedExtension:
    """One item placed in a period."""

    item: str
    name: str
    period: str
    period_index: int
    go_live: dt.date | None
    needs_registration: bool
    needs_test: bool
    waiting_certification: bool = False
    partly: bool = False

    def as_dict(self) -> dict:
        return {"id": self.item, "name": self.name, "period": self.period, "go_live": _iso(self.go_live),
                "needs_registration": self.needs_registration, "needs_test": self.needs_test,
                "waiting_certification": self.waiting_certification, "partly": self.partly}


@dataclass(frozen=True)
class Plan:
    """A staged plan with its dated tasks, bounds and the facts it rests on.

    ``notes`` are the codes of the assumptions it rests on (:data:`NOTES`),
    said in words by ``note.<code>``.
    """

    profile: str
    deployed: tuple[str, ...]
    target: str | None
    items: tuple[str, ...]
    order_count: int | None
    recommended: tuple[str, ...]
    periods: tuple[PlanPeriod, ...]
    extensions: tuple[PlannedExtension, ...]
    tasks: tuple[DatedTask, ...]
    periods_used: int
    lower_bound: int
    bound_reasons: dict
    optimal: bool
    method: str
    capacity: int | None
    same_period: bool
    start: dt.date | None
    today: dt.date | None
    unplaced: tuple[str, ...] = ()
    waiting_certification: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def late_tasks(self) -> list[DatedTask]:
        return [t for t in self.tasks if t.late]

    def as_dict(self) -> dict:
        return {
            "profile": self.profile,
            "deployed": list(self.deployed),
            "target": self.target,
            "items": list(self.items),
            "count": self.order_count,
            "recommended": list(self.recommended),
            "periods_used": self.periods_used,
            "lower_bound": self.lower_bound,
            "bound_reasons": self.bound_reasons,
            "optimal": self.optimal,
            "method": self.method,
            "per_period": self.capacity,
            "same_period": self.same_period,
            "start": _iso(self.start),
            "today": _iso(self.today),
            "periods": [p.as_dict() for p in self.periods[: max(self.periods_used, 0)]],
            "extensions": [e.as_dict() for e in self.extensions],
            "tasks": [t.as_dict() for t in self.tasks],
            "late": [{"id": t.item, "task": t.task_id, "due": _iso(t.due)} for t in self.late_tasks],
            "unplaced": list(self.unplaced),
            "waiting_certification": list(self.waiting_certification),
            "notes": list(self.notes),
        }


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def make_plan(
    situation: Situation,
    *,
    target: str | None = None,
    periods: Sequence[PlanPeriod] = (),
    capacity: int | None = None,
    same_period: bool = False,
    start: dt.date | None = None,
    today: dt.date | None = None,
) -> Plan:
    """Place the items still to deploy (or the path to ``target``, an item's id or name) into periods and
    date their go-live days and tasks.

    ``capacity`` is the most extensions a period takes (None: no limit).
    ``start`` is the first day an extension may go live (as a report's
    target date is), ``today`` the day registrations and lateness are
    judged on; go-live is never before either.

    Examples
    --------
    >>> s = Situation(c, build_graph(c), "SOS-LV", deployed=("SOS", "SOS-VANHAT", "SOS-V1-ARK"))
    >>> ps = plan_periods(c.periods, start=dt.date(2027, 1, 1), today=dt.date(2026, 11, 1))
    >>> p = make_plan(s, target="SOS-LV-HAKU", periods=ps, start=dt.date(2027, 1, 1), today=dt.date(2026, 11, 1))
    >>> [(e.item, e.period, e.go_live.isoformat()) for e in p.extensions]  # doctest: +NORMALIZE_WHITESPACE
    [('SOS-LV-INF', '2027/1', '2027-01-11'), ('SOS-LV-KIE', '2027/2', '2027-04-12'),
     ('SOS-LV-LUP', '2027/2', '2027-04-12'), ('SOS-LV-HAKU', '2027/3', '2027-09-20')]
    >>> p.periods_used, p.lower_bound, p.optimal
    (3, 3, True)
    >>> [(t.task_id, t.items) for t in p.tasks if t.shared and t.period == "2027/2"]
    [('6', ('SOS-LV-KIE', 'SOS-LV-LUP')), ('7', ('SOS-LV-KIE', 'SOS-LV-LUP'))]
    """
    catalogue = situation.catalogue
    if capacity is not None and not (isinstance(capacity, numbers.Integral) and capacity >= 1):
        raise UsageError("capacity", value=capacity)
    if target:
        target = resolve_item(catalogue, target, "target")
    items = situation.path_to(target) if target else list(situation.remaining)
    poset = situation.remaining_graph.subgraph(items).copy()
    periods = list(periods)
    allowed = {i: [p.name for p in allowed_periods(periods, situation.items[i], start, today)] for i in items}
    result = schedule(poset, [p.name for p in periods], capacity=capacity,
                      needs_registration={i: bool(situation.items[i].period) for i in items},
                      accepts_registration={p.name: p.accepts_registration for p in periods},
                      same_period=same_period, key=natural_key, extra_rounds=True, allowed=allowed)
    all_periods = list(periods)
    known = {p.name for p in periods}
    for label in result.labels:
        name = _round_label(label)
        if name not in known:
            all_periods.append(PlanPeriod(name, synthetic=True))
            known.add(name)
    waiting = set(situation.waiting_certification)
    if situation.certified is not None:
        certified = set(situation.certified)
        waiting |= {i for i in items if i not in certified}
    go_lives = _go_lives(situation, poset, result, all_periods, start, today)
    extensions, tasks = [], []
    calendar = TaskCalendar(catalogue)
    for index, batch in enumerate(result.batches):
        period = all_periods[index]
        for item_id in sorted(batch, key=natural_key):
            item = situation.items[item_id]
            extensions.append(PlannedExtension(
                item=item_id, name=item.name, period=period.name, period_index=index,
                go_live=go_lives[item_id], needs_registration=bool(item.period), needs_test=item.needs_test,
                waiting_certification=item_id in waiting, partly=situation.partly(item_id)))
        if batch:
            tasks.extend(calendar.period_tasks([(i, go_lives[i]) for i in batch], period=period, today=today))
    count = orders.within_budget(orders.count_orders, poset)
    recommended = orders.recommended_order(poset, soft_edges=situation.soft_edges(),
                                           available_from=situation.available_from(), key=natural_key)
    return Plan(
        profile=situation.profile, deployed=situation.deployed, target=target, items=tuple(items),
        order_count=count, recommended=tuple(recommended), periods=tuple(all_periods),
        extensions=tuple(extensions), tasks=tuple(tasks), periods_used=result.periods_used,
        lower_bound=result.lower_bound, bound_reasons=dict(result.bound_reasons), optimal=result.optimal,
        method=result.method, capacity=capacity, same_period=same_period, start=start, today=today,
        unplaced=tuple(result.unplaced), waiting_certification=tuple(sorted(waiting, key=natural_key)),
        notes=_notes(situation, items, periods, extensions, tasks, all_periods[: result.periods_used]),
    )


def _go_lives(situation: Situation, poset: nx.DiGraph, result, periods: list[PlanPeriod],
              start: dt.date | None, today: dt.date | None) -> dict[str, dt.date | None]:
    """Each placed item's go-live day, by the rule a report's organisation is dated by
    (:func:`~analyser.planning.dating.go_live`) in the period it is placed in, from the start or the day
    after its prerequisites go live (on their day, when a period shared with them, with ``same_period``,
    has no later one)."""
    days: dict[str, dt.date | None] = {}
    for item_id in nx.lexicographical_topological_sort(poset, key=natural_key):
        index = result.index.get(item_id)
        if index is None:
            continue
        period = periods[index]
        before = [days[u] for u in poset.predecessors(item_id) if days.get(u) is not None]
        wanted = latest_of(start, *(d + dt.timedelta(days=1) for d in before))
        day = go_live(situation.items[item_id], [period], wanted=wanted, today=today).day
        if day is None and period.start is not None and before:
            day = max(before)
        days[item_id] = day
    return days


def _notes(situation, items, periods, extensions, tasks, used) -> tuple[str, ...]:
    notes = []
    if any(e.go_live for e in extensions):
        notes.append("go-live-earliest")
    test_tasks = {t.id for t in situation.catalogue.tasks if t.timing and t.timing.anchor == "deployment-test"}
    if any(t.task_id in test_tasks for t in tasks):
        notes.append("test-before-go-live")
    if any(situation.items[i].period and not p.open_to(situation.items[i].service_key) for i in items
           for p in periods):
        notes.append("periods-left-out")
    if any(p.synthetic for p in used):
        notes.append("periods-ran-out")
    return tuple(notes)


def _round_label(label) -> str:
    if isinstance(label, tuple):
        return f"+{label[-1]}"
    return str(label)
