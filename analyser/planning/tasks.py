"""The dated tasks of extensions: every task of the task workbook that applies, with its due date.

A task applies to one item, or to the deployment period the item goes live
in: a task that applies because of period registration (Koskee
"käyttöönottojakso") or whose timing reads the period (its start, its end,
"during the period") is done once for all the items of a period. It is
listed once, naming the items it covers (:func:`shared_task`); the
workbook says which tasks these are, nothing here names them.

Dates come from each task's parsed timing against the go-live day, the
deployment test and the period's start and end (:mod:`analyser.planning.due_dates`);
a day that is not a business day moves back to the business day before.
A task that applies because of period registration and falls due before
the period starts is due by the period's registration deadline (the
business day on or before it). Then, in reverse order of the tasks' own
predecessors, a task's due date is brought forward where a task that waits
for it is due sooner than this one plus that task's duration allows.
Predecessors that do not apply are skipped. The deployment test starts on
the go-live day; once brought forward so that the tasks that follow it fit
before go-live (reporting it to Kela, for example), it is on the latest
business day that leaves them room, and the tasks timed from the test are
dated from that day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Sequence

import networkx as nx

from analyser.model import tasks_for
from analyser.planning.business_days import FINLAND
from analyser.planning.dating import PlanPeriod
from analyser.planning.due_dates import window
from analyser.planning.situation import resolve_item
from analyser.records import Catalogue, Task
from analyser.text.vocabulary import natural_key

__all__ = ["DatedTask", "TaskCalendar", "dated_tasks", "shared_task"]


@dataclass(frozen=True)
class DatedTask:
    """A task with its due date: of one item, or (``shared``) of the period, for the ``items`` it covers.

    ``earliest`` and ``due`` come from the parsed timing; ``moved`` says the
    due date was brought forward so a later task that waits for this one
    can keep its own date; ``capped`` that a task applying to period
    registration was brought forward to the period's registration deadline;
    ``unparsed`` that the timing could not be read (no date is guessed);
    ``late`` that the due date is before today. ``item`` is the item whose
    task it is (for a shared task, the first of ``items``).
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
    items: tuple[str, ...] = ()
    shared: bool = False

    def as_dict(self) -> dict:
        return {"id": self.item, "items": list(self.items or (self.item,)), "shared": self.shared,
                "task": self.task_id, "title": self.title, "responsible": self.responsible,
                "responsible_key": self.responsible_key, "timing": self.timing_text,
                "earliest": _iso(self.earliest), "due": _iso(self.due), "period": self.period,
                "late": self.late, "moved": self.moved, "registration_deadline": self.capped,
                "unparsed": self.unparsed, "after": list(self.after)}


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _registration_task(task: Task) -> bool:
    return any(a.kind == "condition" and a.value == "period" for a in task.applies_to)


def shared_task(task: Task) -> bool:
    """Whether a task is done once for the period rather than for each item: it applies because of
    period registration, or its timing is counted from the period.

    Examples
    --------
    >>> [t.id for t in c.tasks if shared_task(t)]  # registration and the trainings of the shipped workbook
    ['6', '7']
    """
    timing = task.timing
    return _registration_task(task) or (timing is not None and (
        timing.relation == "during" or timing.anchor in ("period-start", "period-end")))


def _test_day_task(task: Task) -> bool:
    return task.timing is not None and task.timing.anchor == "deployment-test" and task.timing.relation == "on"


# The same due days recur across extensions; the calendar does not change during a run.
_roll_backward = lru_cache(maxsize=1 << 14)(FINLAND.roll_backward)


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


def _node_key(node: tuple[str, str]) -> tuple:
    return natural_key(node[1]), natural_key(node[0])


@dataclass
class _Group:
    """The tasks of some items going live in one period: a node is (item, task id), or ("", task id)
    for a task of the period, with the items it covers; in the order of the tasks' predecessors."""

    order: list = field(default_factory=list)
    task: dict = field(default_factory=dict)
    covers: dict = field(default_factory=dict)
    successors: dict = field(default_factory=dict)
    after: dict = field(default_factory=dict)
    tests: dict = field(default_factory=dict)


def _build_group(catalogue: Catalogue, items: tuple[str, ...], applying) -> _Group:
    group = _Group()
    edges: set = set()
    for item in items:
        tasks, ids = applying(item)
        node_of = {t.id: ("", t.id) if shared_task(t) else (item, t.id) for t in tasks}
        for t in tasks:
            node = node_of[t.id]
            group.task[node] = t
            group.covers.setdefault(node, []).append(item)
            group.after.setdefault(node, set()).update(p for p in t.after if p in ids)
            edges.update((node_of[p], node) for p in t.after if p in ids and node_of[p] != node)
    graph = nx.DiGraph()
    graph.add_nodes_from(sorted(group.task, key=_node_key))
    graph.add_edges_from(sorted(edges, key=lambda e: (_node_key(e[0]), _node_key(e[1]))))
    try:
        group.order = list(nx.lexicographical_topological_sort(graph, key=_node_key))
    except nx.NetworkXUnfeasible:
        group.order = sorted(group.task, key=_node_key)
    group.successors = {n: tuple(graph.successors(n)) for n in group.order}
    group.covers = {n: tuple(c) for n, c in group.covers.items()}
    group.after = {n: tuple(p for p in group.task[n].after if p in group.after[n]) for n in group.order}
    group.tests = {item: tuple(n for n in group.order if item in group.covers[n] and _test_day_task(group.task[n]))
                   for item in items}
    return group


def _dates(group: _Group, anchors: dict) -> dict:
    """(earliest, latest) of each node: for a task of several items, the window all of them leave."""
    dates = {}
    for node in group.order:
        task = group.task[node]
        windows = [_task_dates(task, anchors[item]) for item in group.covers[node]]
        if len(windows) == 1:
            dates[node] = windows[0]
        else:
            firsts = [w[0] for w in windows if w[0] is not None]
            lasts = [w[1] for w in windows if w[1] is not None]
            dates[node] = (max(firsts) if firsts else None, min(lasts) if lasts else None)
    return dates


def _due_dates(group: _Group, anchors: dict, period: PlanPeriod | None):
    dates = _dates(group, anchors)
    due = {n: dates[n][1] for n in group.order}
    moved: set = set()
    capped: set = set()
    if period is not None and period.deadline is not None and period.start is not None:
        deadline = _roll_backward(period.deadline)
        for n in group.order:
            if _registration_task(group.task[n]) and due[n] is not None and period.deadline < due[n] < period.start:
                due[n] = deadline
                capped.add(n)
    for node in reversed(group.order):
        if group.task[node].timing is None:
            continue  # a timing that could not be read gets no date, not even a derived one
        for succ in group.successors[node]:
            succ_due = due.get(succ)
            if succ_due is None:
                continue
            latest = _roll_backward(succ_due - dt.timedelta(days=group.task[succ].duration or 0))
            if due[node] is None or latest < due[node]:
                if due[node] is not None:
                    moved.add(node)
                due[node] = latest
    return dates, due, moved, capped


def _schedule(group: _Group, go_lives: dict, period: PlanPeriod | None) -> list[tuple]:
    """(node, earliest, due, moved, capped) of each task, by due date, then task number, then item."""
    anchors = {}
    for item, go_live in go_lives.items():
        anchors[item] = {"go-live": go_live, "deployment-test": go_live}
        if period is not None:
            anchors[item]["period-start"] = period.start
            anchors[item]["period-end"] = period.end
    for _ in range(3):  # the test's own date, once moved, anchors the tasks timed from it
        dates, due, moved, capped = _due_dates(group, anchors, period)
        changed = False
        for item, nodes in group.tests.items():
            test_day = min((due[n] for n in nodes if due[n] is not None), default=None)
            if test_day is not None and test_day != anchors[item]["deployment-test"]:
                anchors[item]["deployment-test"] = test_day
                changed = True
        if not changed:
            break
    keys = {n: _node_key(n) for n in group.order}
    return sorted(((n, dates[n][0], due[n], n in moved, n in capped) for n in group.order),
                  key=lambda e: (e[2] or dt.date.max, keys[e[0]]))


class TaskCalendar:
    """Dates the tasks of extensions of one catalogue; which tasks apply to an item, and the order of
    the tasks of a set of items, are worked out once.

    Examples
    --------
    >>> cal = TaskCalendar(load_catalogue())
    >>> [t.task_id for t in cal.dated("SOS-VANHAT", dt.date(2027, 4, 12))][-1]
    '7'
    >>> period = PlanPeriod("2027/2", dt.date(2027, 4, 12), dt.date(2027, 6, 11), dt.date(2027, 3, 1))
    >>> tasks = cal.period_tasks([("SOS-LV-KIE", dt.date(2027, 4, 12)), ("SOS-LV-LUP", dt.date(2027, 4, 12))],
    ...                          period=period)
    >>> [(t.task_id, t.items) for t in tasks if t.shared]
    [('6', ('SOS-LV-KIE', 'SOS-LV-LUP')), ('7', ('SOS-LV-KIE', 'SOS-LV-LUP'))]
    """

    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue
        self._items: dict[str, tuple] = {}
        self._groups: dict[tuple, _Group] = {}
        self._schedules: dict[tuple, list[tuple]] = {}

    def _applying(self, item_id: str) -> tuple[list[Task], frozenset[str]]:
        found = self._items.get(item_id)
        if found is None:
            tasks = tasks_for(self.catalogue, self.catalogue.item(item_id))
            found = self._items[item_id] = (tasks, frozenset(t.id for t in tasks))
        return found

    def dated(self, item_id: str, go_live: dt.date | None, *, period: PlanPeriod | None = None,
              today: dt.date | None = None) -> list[DatedTask]:
        """See :func:`dated_tasks`: the tasks of one item going live on ``go_live`` in ``period``."""
        return self.period_tasks([(item_id, go_live)], period=period, today=today)

    def period_tasks(self, extensions: Sequence[tuple[str, dt.date | None]], *, period: PlanPeriod | None = None,
                     today: dt.date | None = None) -> list[DatedTask]:
        """The tasks of the items ``extensions`` (item id, go-live day) take into use in one period: the
        period's tasks once, naming the items they cover, each item's own tasks once per item."""
        ordered = sorted(extensions, key=lambda e: natural_key(e[0]))
        items = tuple(item for item, _ in ordered)
        group = self._groups.get(items)
        if group is None:
            group = self._groups[items] = _build_group(self.catalogue, items, self._applying)
        key = (items, tuple(day for _, day in ordered), period)
        schedule = self._schedules.get(key)
        if schedule is None:
            schedule = self._schedules[key] = _schedule(group, dict(ordered), period)
        period_name = period.name if period else None
        result = []
        for node, earliest, due, moved, capped in schedule:
            t = group.task[node]
            covers = group.covers[node]
            result.append(DatedTask(
                item=node[0] or covers[0], task_id=t.id, title=t.task, responsible=t.responsible,
                responsible_key=t.responsible_key, timing_text=t.timing_text,
                earliest=earliest, due=due, period=period_name, late=bool(due and today and due < today),
                moved=moved, capped=capped, unparsed=bool(t.timing_text) and t.timing is None,
                after=group.after[node], duration=t.duration, source=t.source, items=covers, shared=not node[0],
            ))
        return result


def dated_tasks(
    catalogue: Catalogue,
    item_id: str,
    go_live: dt.date | None,
    *,
    period: PlanPeriod | None = None,
    today: dt.date | None = None,
) -> list[DatedTask]:
    """The tasks that apply to taking ``item_id`` into use, each with its due date (the module notes
    give the rules).

    Examples
    --------
    >>> ts = dated_tasks(c, "sos-lv-inf", dt.date(2027, 4, 12))
    >>> [(t.task_id, t.due.isoformat()) for t in ts if t.task_id in ("4", "9", "10", "11")]
    [('4', '2027-03-22'), ('9', '2027-04-08'), ('10', '2027-04-09'), ('11', '2027-04-12')]
    """
    item_id = resolve_item(catalogue, item_id, "item_id")
    return TaskCalendar(catalogue).dated(item_id, go_live, period=period, today=today)
