"""An oracle for the dates of plans and reports, written from FORMATS.md §5 "Dates" and the task
workbook's timings alone: it uses neither analyser.planning.business_days nor any dating code.

Business days are counted here from the ``holidays`` package and the two eves, as the rules say.
Every check returns a list of problems (empty: the dates keep the rules).
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools

import holidays

ONE = dt.timedelta(days=1)


@functools.cache
def _closed(year: int) -> frozenset:
    days = set(holidays.country_holidays("FI", years=year))
    june19 = dt.date(year, 6, 19)
    days.add(june19 + dt.timedelta(days=(4 - june19.weekday()) % 7))  # Midsummer Eve, a Friday
    days.add(dt.date(year, 12, 24))
    return frozenset(days)


def business(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in _closed(day.year)


def back(day: dt.date) -> dt.date:
    while not business(day):
        day -= ONE
    return day


def forward(day: dt.date) -> dt.date:
    while not business(day):
        day += ONE
    return day


def add_business(day: dt.date, n: int) -> dt.date:
    if n == 0:
        return forward(day)
    step = ONE if n > 0 else -ONE
    for _ in range(abs(n)):
        day += step
        while not business(day):
            day += step
    return day


def shift(day: dt.date, offset: int, unit: str) -> dt.date:
    if unit == "days":
        return day + dt.timedelta(days=offset)
    if unit == "weeks":
        return day + dt.timedelta(weeks=offset)
    if unit == "months":
        month = day.year * 12 + day.month - 1 + offset
        year, month = divmod(month, 12)
        return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))
    return add_business(day, offset)


def latest_allowed(timing, anchors: dict) -> dt.date | None:
    """The last day a timing allows (a day that is not a business day counts as the one before)."""
    if timing.relation == "during":
        end = anchors.get("period-end")
        return back(end) if end else None
    base = anchors.get(timing.anchor)
    if base is None or timing.relation == "after":
        return None
    ref = shift(base, timing.offset, timing.unit)
    return back(ref - ONE) if timing.relation == "before" else back(ref)


def first_business_in(period, earliest: dt.date | None) -> dt.date | None:
    """The first business day of a dated period on or after ``earliest``."""
    if period.start is None:
        return None
    day = forward(max(period.start, earliest) if earliest else period.start)
    return None if period.end is not None and day > period.end else day


def latest(*days):
    given = [d for d in days if d is not None]
    return max(given) if given else None


def by_registration(task) -> bool:
    return any(a.kind == "condition" and a.value == "period" for a in task.applies_to)


def of_the_period(task) -> bool:
    timing = task.timing
    return by_registration(task) or (timing is not None and (
        timing.relation == "during" or timing.anchor in ("period-start", "period-end")))


def usable(period, item) -> bool:
    """May ``item`` go live in ``period`` at all (dates aside)?"""
    if not item.period:
        return True
    return period.accepts_registration and (not period.service_keys or item.service_key in period.service_keys)


def expected_go_live(item, periods, wanted, today):
    """(period, day) by the rule: the first business day on or after the day wanted, today and the
    item's availability, in the first period that may take it and still has one."""
    earliest = latest(wanted, today, item.available_from)
    for period in periods:
        if usable(period, item):
            day = first_business_in(period, earliest)
            if day is not None:
                return period, day
    return None, None


def go_live_problems(item, period, day, *, earliest=None, today=None) -> list[str]:
    """A go-live day in a dated period: a business day, inside the period, the period one the item may
    use, not before its availability, the start or today."""
    problems = []
    if day is None:
        return problems
    if not business(day):
        problems.append(f"{item.id}: go-live {day} is not a business day")
    if period is None or period.start is None:
        problems.append(f"{item.id}: go-live {day} without a dated period")
        return problems
    if day < period.start or (period.end is not None and day > period.end):
        problems.append(f"{item.id}: go-live {day} outside {period.name} ({period.start}–{period.end})")
    if item.available_from is not None and day < item.available_from:
        problems.append(f"{item.id}: go-live {day} before it is available ({item.available_from})")
    for name, limit in (("the start", earliest), ("today", today)):
        if limit is not None and day < limit:
            problems.append(f"{item.id}: go-live {day} before {name} {limit}")
    if not usable(period, item):
        problems.append(f"{item.id}: {period.name} cannot take it (registration closed, or another service's)")
    return problems


def task_problems(catalogue, tasks, go_live: dict, period, today) -> list[str]:
    """The dated tasks of the items ``go_live`` (item -> day) going live in ``period``: each on a business
    day, within its timing, after its predecessors by their duration; the go-live task on go-live day;
    the test on the latest business day that leaves room for the tasks after it; the period's tasks once."""
    problems = []
    source = {t.id: t for t in catalogue.tasks}
    own = {}
    shared = {}
    for task in tasks:
        workbook = source[task.task_id]
        if task.shared != of_the_period(workbook):
            problems.append(f"task {task.task_id}: shared is {task.shared}")
        if task.shared:
            if task.task_id in shared:
                problems.append(f"task {task.task_id} of the period appears twice")
            shared[task.task_id] = task
        else:
            if (task.item, task.task_id) in own:
                problems.append(f"task {task.task_id} of {task.item} appears twice")
            own[task.item, task.task_id] = task
        if task.late != bool(task.due and today and task.due < today):
            problems.append(f"task {task.task_id}: late is {task.late}")
        if task.due is not None and not business(task.due):
            problems.append(f"task {task.task_id} of {task.items}: due {task.due} is not a business day")

    def find(task_id, item):
        return own.get((item, task_id)) or shared.get(task_id)

    test_day = {}
    for item, day in go_live.items():
        tests = [t for (i, _), t in own.items() if i == item and source[t.task_id].timing is not None
                 and source[t.task_id].timing.anchor == "deployment-test" and source[t.task_id].timing.relation == "on"]
        test_day[item] = min((t.due for t in tests if t.due), default=day)
        if tests and day and test_day[item] and test_day[item] > day:
            problems.append(f"{item}: the test {test_day[item]} is after go-live {day}")
    for task in tasks:
        workbook = source[task.task_id]
        for item in task.items:
            anchors = {"go-live": go_live.get(item), "deployment-test": test_day.get(item),
                       "period-start": period.start if period else None, "period-end": period.end if period else None}
            if task.due is not None and workbook.timing is not None:
                limit = latest_allowed(workbook.timing, anchors)
                if limit is not None and task.due > limit:
                    problems.append(f"task {task.task_id} of {item}: due {task.due} after its timing's {limit}")
                if workbook.timing.anchor == "go-live" and workbook.timing.relation == "on" and \
                        workbook.timing.offset == 0 and task.due != go_live.get(item):
                    problems.append(f"task {task.task_id} of {item}: due {task.due}, not on go-live {go_live[item]}")
            for pre in task.after:
                before = find(pre, item)
                if before is None or before.due is None or task.due is None or source[pre].timing is None:
                    continue
                if before.due > task.due - dt.timedelta(days=task.duration or 0):
                    problems.append(f"{item}: task {pre} due {before.due} leaves task {task.task_id} "
                                    f"(due {task.due}, {task.duration} days) no room")
        if by_registration(workbook) and period is not None and period.deadline and task.due and \
                period.start and task.due < period.start and task.due > period.deadline:
            problems.append(f"registration task {task.task_id} due {task.due} after the deadline {period.deadline}")
    # the test is on the latest business day that leaves room for the tasks that follow it
    for item, day in test_day.items():
        tests = [t for (i, _), t in own.items() if i == item and t.due == day and source[t.task_id].timing is not None
                 and source[t.task_id].timing.anchor == "deployment-test" and source[t.task_id].timing.relation == "on"]
        if not tests or day is None or day == go_live.get(item):
            continue
        following = [t for t in tasks if item in t.items and any(p == tests[0].task_id for p in t.after) and t.due]
        nxt = add_business(day, 1)
        if following and all(nxt <= t.due - dt.timedelta(days=t.duration or 0) for t in following):
            problems.append(f"{item}: the test {day} could be on {nxt} and still leave room")
    return problems
