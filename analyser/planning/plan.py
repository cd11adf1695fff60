"""One organisation's extension plan: items into deployment periods, and the dated task list.

Assumptions this module makes, and says in its output:

* an extension goes live on the first day of its deployment period, unless
  a go-live date is given for it;
* the deployment test is run in production on the go-live day (DOMAIN.md:
  tests are run in production and production use starts after a
  successful one), so "deployment test" and "go-live" anchor the same day;
* a period accepts registrations until its registration deadline; a
  period without a deadline always does.
"""

from __future__ import annotations

import datetime as dt
import numbers
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Sequence

import networkx as nx

from analyser import orders
from analyser.findings import UsageError
from analyser.model import tasks_for
from analyser.planning.periods import schedule
from analyser.records import Catalogue, Period, Task
from analyser.planning.situation import Situation, resolve_item
from analyser.planning.business_days import FINLAND
from analyser.planning.due_dates import window
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
NOTES = ("go-live-first-day", "test-on-go-live", "periods-left-out", "periods-ran-out")


@dataclass(frozen=True)
class PlanPeriod:
    """A deployment period as the plan uses it; ``synthetic`` rounds have no dates."""

    name: str
    start: dt.date | None = None
    end: dt.date | None = None
    deadline: dt.date | None = None
    accepts_registration: bool = True
    synthetic: bool = False
    service_keys: tuple[str, ...] = ()

    def open_to(self, service_key: str) -> bool:
        """Whether items of a service can go live in this period (no services named: every one)."""
        return not self.service_keys or service_key in self.service_keys

    def as_dict(self) -> dict:
        return {"name": self.name, "start": _iso(self.start), "end": _iso(self.end),
                "registration_deadline": _iso(self.deadline), "accepts_registration": self.accepts_registration,
                "synthetic": self.synthetic}


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
class DatedTask:
    """A task of one extension with its due date.

    ``earliest`` and ``due`` come from the parsed timing; ``moved`` says the
    due date was brought forward so a later task that waits for this one
    can keep its own date; ``capped`` that a task applying to period
    registration was brought forward to the period's registration deadline;
    ``unparsed`` that the timing could not be read (no date is guessed);
    ``late`` that the due date is before today.
    """

    item: str
    task_id: str
    title: str
    responsible: str
    responsible_key: str
    timing_text: str
    earliest: dt.date | None
    due: dt.date | None
    period: str | None
    late: bool = False
    moved: bool = False
    capped: bool = False
    unparsed: bool = False
    after: tuple[str, ...] = ()
    duration: int | None = None
    source: str = ""

    def as_dict(self) -> dict:
        return {"id": self.item, "task": self.task_id, "title": self.title, "responsible": self.responsible,
                "responsible_key": self.responsible_key, "timing": self.timing_text,
                "earliest": _iso(self.earliest), "due": _iso(self.due), "period": self.period,
                "late": self.late, "moved": self.moved, "registration_deadline": self.capped,
                "unparsed": self.unparsed, "after": list(self.after)}


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


def plan_periods(
    periods: Sequence[Period] | None = None,
    *,
    dates: Sequence[dt.date] | None = None,
    start: dt.date | None = None,
    today: dt.date | None = None,
) -> list[PlanPeriod]:
    """The periods a plan may use: from the workbook, or from dates given on the command line.

    Periods starting before ``start`` are left out; a period accepts
    registrations when its deadline is not before ``today``.

    Examples
    --------
    >>> ps = plan_periods(dates=[dt.date(2027, 2, 1), dt.date(2027, 6, 1)], start=dt.date(2027, 3, 1))
    >>> [(p.name, p.start) for p in ps]
    [('2027-06-01', datetime.date(2027, 6, 1))]
    """
    result: list[PlanPeriod] = []
    if dates:
        ordered = sorted(set(dates))
        for k, day in enumerate(ordered):
            end = ordered[k + 1] - dt.timedelta(days=1) if k + 1 < len(ordered) else None
            result.append(PlanPeriod(day.isoformat(), day, end))
    else:
        for p in sorted(periods or (), key=lambda p: (p.start, p.name)):
            accepts = p.deadline is None or today is None or p.deadline >= today
            result.append(PlanPeriod(p.name, p.start, p.end, p.deadline, accepts, service_keys=p.service_keys))
    if start is not None:
        result = [p for p in result if p.start is None or p.start >= start]
    return result


def _schedule_tasks(tasks, order, successors, by_id, anchors, period):
    dates = {t.id: _task_dates(t, anchors) for t in tasks}
    due = {t.id: dates[t.id][1] for t in tasks}
    moved: set[str] = set()
    capped: set[str] = set()
    if period is not None and period.deadline is not None and period.start is not None:
        for t in tasks:
            if _registration_task(t) and due[t.id] is not None and period.deadline < due[t.id] < period.start:
                due[t.id] = period.deadline
                capped.add(t.id)
    for task_id in reversed(order):
        for succ in successors[task_id]:
            succ_due = due.get(succ)
            if succ_due is None:
                continue
            if by_id[task_id].timing is None:
                continue  # a timing that could not be read gets no date, not even a derived one
            latest = _roll_backward(succ_due - dt.timedelta(days=by_id[succ].duration or 0))
            if due[task_id] is None or latest < due[task_id]:
                if due[task_id] is not None:
                    moved.add(task_id)
                due[task_id] = latest
    return dates, due, moved, capped


# The same due days recur across extensions; the calendar does not change during a run.
_roll_backward = lru_cache(maxsize=1 << 14)(FINLAND.roll_backward)


def _registration_task(task: Task) -> bool:
    return any(a.kind == "condition" and a.value == "period" for a in task.applies_to)


def _task_dates(task: Task, anchors: dict) -> tuple[dt.date | None, dt.date | None]:
    timing = task.timing
    if timing is None:
        return None, None
    # a timing reads only its own anchor (a "during" timing the period's ends): the key holds no more
    if timing.relation == "during":
        return _window(timing, (("period-start", anchors.get("period-start")),
                                ("period-end", anchors.get("period-end"))))
    return _window(timing, ((timing.anchor, anchors.get(timing.anchor)),))


@lru_cache(maxsize=1 << 16)
def _window(timing, anchors: tuple) -> tuple[dt.date | None, dt.date | None]:
    """Dates of one timing; many extensions share their anchor days, so the answers are kept."""
    return window(timing, dict(anchors), roll=True)


class TaskCalendar:
    """Dates the tasks of extensions of one catalogue; the per-item structure
    (which tasks apply, their own order) is worked out once per item.

    Examples
    --------
    >>> cal = TaskCalendar(load_catalogue())
    >>> [t.task_id for t in cal.dated("SOS-VANHAT", dt.date(2027, 4, 12))][-1]
    '7'
    """

    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue
        self._items: dict[str, tuple] = {}
        self._schedules: dict[tuple, list[tuple]] = {}

    def _structure(self, item_id: str) -> tuple:
        found = self._items.get(item_id)
        if found is not None:
            return found
        item = self.catalogue.item(item_id)
        tasks = tasks_for(self.catalogue, item)
        ids = {t.id for t in tasks}
        by_id = {t.id: t for t in tasks}
        graph = nx.DiGraph()
        graph.add_nodes_from(sorted(ids, key=natural_key))
        for t in tasks:
            for pre in t.after:
                if pre in ids:
                    graph.add_edge(pre, t.id)
        try:
            order = list(nx.lexicographical_topological_sort(graph, key=natural_key))
        except nx.NetworkXUnfeasible:
            order = sorted(ids, key=natural_key)
        successors = {t: tuple(graph.successors(t)) for t in order}
        test_tasks = [t.id for t in tasks if t.timing is not None and t.timing.anchor == "deployment-test"
                      and t.timing.relation == "on"]
        found = self._items[item_id] = (item, tasks, order, successors, by_id, test_tasks, ids)
        return found

    def dated(self, item_id: str, go_live: dt.date | None, *, period: PlanPeriod | None = None,
              today: dt.date | None = None) -> list[DatedTask]:
        """See :func:`dated_tasks`. Items whose tasks are the same share the scheduling."""
        structure = self._structure(item_id)
        key = (tuple(structure[2]), go_live, period, today)
        schedule = self._schedules.get(key)
        if schedule is None:
            schedule = self._schedules[key] = self._schedule(structure, go_live, period)
        by_id, ids = structure[4], structure[6]
        period_name = period.name if period else None
        result = []
        for task_id, earliest, due, moved, capped in schedule:
            t = by_id[task_id]
            result.append(DatedTask(
                item=item_id, task_id=t.id, title=t.task, responsible=t.responsible,
                responsible_key=t.responsible_key, timing_text=t.timing_text,
                earliest=earliest, due=due, period=period_name, late=bool(due and today and due < today),
                moved=moved, capped=capped, unparsed=bool(t.timing_text) and t.timing is None,
                after=tuple(p for p in t.after if p in ids), duration=t.duration, source=t.source,
            ))
        return result

    def _schedule(self, structure: tuple, go_live, period) -> list[tuple]:
        """(task id, earliest, due, moved, capped) of each task, by due date then task number."""
        item, tasks, order, successors, by_id, test_tasks, ids = structure
        anchors = {"go-live": go_live, "deployment-test": go_live}
        if period is not None:
            anchors["period-start"] = period.start
            anchors["period-end"] = period.end
        for _ in range(3):  # the test's own date, once moved, anchors the tasks timed from it
            dates, due, moved, capped = _schedule_tasks(tasks, order, successors, by_id, anchors, period)
            test_day = min((due[i] for i in test_tasks if due[i] is not None), default=None)
            if test_day is None or test_day == anchors["deployment-test"]:
                break
            anchors["deployment-test"] = test_day
        keys = {task_id: natural_key(task_id) for task_id in order}
        return sorted(((task_id, dates[task_id][0], due[task_id], task_id in moved, task_id in capped)
                       for task_id in order), key=lambda e: (e[2] or dt.date.max, keys[e[0]]))


def dated_tasks(
    catalogue: Catalogue,
    item_id: str,
    go_live: dt.date | None,
    *,
    period: PlanPeriod | None = None,
    today: dt.date | None = None,
) -> list[DatedTask]:
    """The tasks that apply to taking ``item_id`` into use, each with its due date.

    Dates come from each task's parsed timing against the go-live day, the
    deployment test (run on the go-live day) and the period's start and end.
    Deadlines are moved back to the previous business day. A task that
    applies because of period registration and falls due before the period
    starts is due by the period's registration deadline. Then, in reverse
    order of the tasks' own predecessors, a task's due date is brought
    forward where a task that waits for it is due sooner than this one plus
    that task's duration allows. Predecessors that do not apply to this
    item are skipped. The deployment test's own date, once brought forward,
    anchors the tasks timed from the test.

    Examples
    --------
    >>> ts = dated_tasks(c, "sos-lv-inf", dt.date(2027, 4, 12))
    >>> [(t.task_id, t.due.isoformat()) for t in ts if t.task_id in ("4", "11")]
    [('4', '2027-03-22'), ('11', '2027-04-12')]
    """
    item_id = resolve_item(catalogue, item_id, "item_id")
    return TaskCalendar(catalogue).dated(item_id, go_live, period=period, today=today)


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
    date their tasks.

    ``capacity`` is the most extensions a period takes (None: no limit).

    Examples
    --------
    >>> s = Situation(c, build_graph(c), "SOS-LV", deployed=("SOS", "SOS-VANHAT", "SOS-V1-ARK"))
    >>> ps = plan_periods(c.periods, start=dt.date(2027, 1, 1), today=dt.date(2026, 11, 1))
    >>> p = make_plan(s, target="SOS-LV-HAKU", periods=ps, start=dt.date(2027, 1, 1), today=dt.date(2026, 11, 1))
    >>> [(e.item, e.period) for e in p.extensions]
    [('SOS-LV-INF', '2027/1'), ('SOS-LV-KIE', '2027/2'), ('SOS-LV-LUP', '2027/2'), ('SOS-LV-HAKU', '2027/3')]
    >>> p.periods_used, p.lower_bound, p.optimal
    (3, 3, True)
    """
    catalogue = situation.catalogue
    if capacity is not None and not (isinstance(capacity, numbers.Integral) and capacity >= 1):
        raise UsageError("capacity", value=capacity)
    if target:
        target = resolve_item(catalogue, target, "target")
    items = situation.path_to(target) if target else list(situation.remaining)
    poset = situation.remaining_graph.subgraph(items).copy()
    needs_registration = {i: bool(situation.items[i].period) for i in items}
    services = {situation.items[i].service_key for i in items}
    usable = [p for p in periods if all(p.open_to(key) for key in services)]
    dropped = len(periods) - len(usable)
    periods = usable
    labels = [p.name for p in periods]
    accepts = {p.name: p.accepts_registration for p in periods}
    result = schedule(poset, labels, capacity=capacity, needs_registration=needs_registration,
                      accepts_registration=accepts, same_period=same_period, key=natural_key,
                      extra_rounds=True)
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
    extensions, tasks = [], []
    calendar = TaskCalendar(catalogue)
    for index, batch in enumerate(result.batches):
        period = all_periods[index] if index < len(all_periods) else None
        for item_id in sorted(batch, key=natural_key):
            item = situation.items[item_id]
            go_live = period.start if period else None
            extensions.append(PlannedExtension(
                item=item_id, name=item.name, period=period.name if period else "", period_index=index,
                go_live=go_live, needs_registration=bool(item.period), needs_test=item.needs_test,
                waiting_certification=item_id in waiting, partly=situation.partly(item_id)))
            tasks.extend(calendar.dated(item_id, go_live, period=period, today=today))
    count = orders.within_budget(orders.count_orders, poset)
    recommended = orders.recommended_order(poset, soft_edges=situation.soft_edges(),
                                           available_from=situation.available_from(), key=natural_key)
    notes = ["go-live-first-day", "test-on-go-live"]
    if dropped:
        notes.append("periods-left-out")
    if any(p.synthetic for p in all_periods[: result.periods_used]):
        notes.append("periods-ran-out")
    return Plan(
        profile=situation.profile, deployed=situation.deployed, target=target, items=tuple(items),
        order_count=count, recommended=tuple(recommended), periods=tuple(all_periods),
        extensions=tuple(extensions), tasks=tuple(tasks), periods_used=result.periods_used,
        lower_bound=result.lower_bound, bound_reasons=dict(result.bound_reasons), optimal=result.optimal,
        method=result.method, capacity=capacity, same_period=same_period, start=start, today=today,
        unplaced=tuple(result.unplaced), waiting_certification=tuple(sorted(waiting, key=natural_key)),
        notes=tuple(notes),
    )


def _round_label(label) -> str:
    if isinstance(label, tuple):
        return f"+{label[-1]}"
    return str(label)
