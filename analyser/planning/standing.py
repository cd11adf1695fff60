"""What one organisation's situation comes to, shared by every organisation in the same situation.

Organisations that share a profile, deployed items and certification share
one :class:`Standing`; those that also share the next extension and target
date share its go-live day and dated tasks. :class:`Analyst` works each of
them out once per distinct key, so many organisations cost about as much
analysis as their distinct situations (the batch report and ``diff`` both
ask it). A situation is put together from the parts of the catalogue
(:mod:`analyser.planning._parts`), each analysed once per profile and
deployed items of the part, so organisations in different situations share
most of the work too, and so do two versions of a table. The go-live day
follows the one dating rule, :func:`analyser.planning.dating.go_live`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Sequence

import networkx as nx

from analyser import orders
from analyser.findings import Finding
from analyser.planning._parts import Memo, Parts, Whole
from analyser.planning.answers import check_violations
from analyser.planning.dating import GoLive, go_live, plan_periods
from analyser.planning.situation import Situation
from analyser.planning.tasks import DatedTask, TaskCalendar
from analyser.records import Catalogue, Period
from analyser.text.vocabulary import natural_key

__all__ = ["Standing", "Analyst", "next_item"]


@dataclass(frozen=True)
class Standing:
    """The analysis shared by organisations with the same profile, deployed items and certification.

    ``warnings`` holds the situation's findings (an item in use that the
    profile does not allow, or whose prerequisite is not in use), said in
    the report's language when it is written.
    """

    profile: str
    deployed: tuple[str, ...]
    certified: tuple[str, ...] | None
    available: tuple[str, ...]
    blocked: tuple[tuple[str, tuple[str, ...]], ...]
    not_allowed: tuple[str, ...]
    excluded: tuple[str, ...]
    waiting_certification: tuple[str, ...]
    count: int | None
    min_rounds: int
    recommended: tuple[str, ...]
    warnings: tuple[Finding, ...]

    @property
    def blockers(self) -> set[str]:
        """Items that stand in the way of at least one blocked item."""
        return {m for _, missing in self.blocked for m in missing}


class Analyst:
    """The analysis of many situations on one catalogue, each step worked out once per distinct key that
    decides it: a part of the catalogue per profile and its deployed items (``memo``, a
    :class:`~analyser.planning._parts.Memo`, may hold those of another version of the table), the
    situation's facts per (profile, deployed), the standing per (profile, deployed, certified), the plan
    check per planned order, the dated tasks per next item and target date.

    Examples
    --------
    >>> a = Analyst(c, build_graph(c), c.periods, date(2026, 11, 25))
    >>> s = a.standing("SOS-V1", ("SOS",), None)
    >>> s.available, s.count, a.check("SOS-V1", ("SOS",), ("SOS-V1-HAKU",))[0]
    (('SOS-V1-ARK', 'SOS-VANHAT'), 3, False)
    >>> dating, tasks, late = a.tasks(next_item(s, (), None), date(2027, 2, 1))
    >>> dating.day, dating.period.name, late
    (datetime.date(2027, 2, 1), '2027/1', 1)
    """

    def __init__(self, catalogue: Catalogue, graph: nx.DiGraph, periods: Sequence[Period], today: dt.date | None,
                 budget: int = orders.DEFAULT_BUDGET, memo: Memo | None = None):
        self.catalogue = catalogue
        self.graph = graph
        self.periods = plan_periods(periods, today=today)
        self.today = today
        self.budget = budget
        self.calendar = TaskCalendar(catalogue)
        self.parts = Parts(catalogue, graph, budget, memo)
        self._standings: dict = {}
        self._wholes: dict = {}
        self._bases: dict = {}
        self._views: dict = {}
        self._situations: dict = {}
        self._order_facts: dict = {}
        self._checks: dict = {}
        self._tasks: dict = {}
        self._dated: dict = {}

    def situation(self, profile: str, deployed: tuple) -> Situation:
        key = (profile, deployed)
        found = self._situations.get(key)
        if found is None:
            found = self._situations[key] = Situation(self.catalogue, self.graph, profile, deployed=deployed)
        return found

    def order_facts(self, s: Situation) -> tuple:
        """Count, minimum rounds and recommended order: they depend only on what remains."""
        key = (s.profile, tuple(s.remaining))
        found = self._order_facts.get(key)
        if found is None:
            poset = s.remaining_graph
            count = orders.within_budget(orders.count_orders, poset, budget=self.budget)
            recommended = orders.recommended_order(poset, soft_edges=s.soft_edges(),
                                                   available_from=s.available_from(), key=natural_key)
            found = self._order_facts[key] = (count, orders.min_rounds(poset), tuple(recommended))
        return found

    def whole(self, profile: str, deployed: tuple) -> Whole:
        """The facts of a situation put together from the parts of the catalogue (profile and deployed items
        resolved as :class:`Situation` resolves them when they are not ids; the count from the whole
        situation when the parts cannot decide it)."""
        key = (profile, deployed)
        found = self._wholes.get(key)
        if found is None:
            if self.parts.applies(profile, deployed):
                found = self.parts.whole(profile, tuple(sorted(set(deployed), key=self.parts.rank.__getitem__)))
            else:
                s = self.situation(profile, deployed)
                found = self.parts.whole(s.profile, s.deployed)
            if not found.counted:
                found.count = self.order_facts(self.situation(profile, deployed))[0]
            self._wholes[key] = found
        return found

    def standing(self, profile: str, deployed: tuple, certified) -> Standing:
        key = (profile, deployed, certified)
        cached = self._standings.get(key)
        if cached is not None:
            return cached
        w = self.whole(profile, deployed)
        ready = w.ready
        if certified is None:
            available, waiting = ready, ()
        else:
            allowed = set(certified)
            available = tuple(i for i in ready if i in allowed)
            waiting = tuple(i for i in ready if i not in allowed)
        standing = Standing(
            profile=profile, deployed=w.deployed,
            certified=None if certified is None else tuple(sorted(set(certified), key=natural_key)),
            available=available, blocked=w.blocked, not_allowed=w.not_allowed, excluded=w.excluded,
            waiting_certification=waiting, count=w.count, min_rounds=w.rounds, recommended=w.recommended,
            warnings=w.warnings,
        )
        self._standings[key] = standing
        return standing

    def check(self, profile: str, deployed: tuple, planned: tuple) -> tuple[bool | None, tuple]:
        if not planned:
            return None, ()
        key = (profile, deployed, planned)
        if key not in self._checks:
            if self.parts.applies(profile, deployed):
                where = self._views.get((profile, deployed))
                if where is None:
                    base = self._bases.get(profile)
                    if base is None:
                        base = self._bases[profile] = Situation(self.catalogue, self.graph, profile)
                    where = self._views[profile, deployed] = _Deployed(base, deployed)
            else:
                where = self.situation(profile, deployed)
            violations = check_violations(where, planned)
            self._checks[key] = (not violations, tuple(violations))
        return self._checks[key]

    def tasks(self, item: str, target: dt.date | None) -> tuple[GoLive, tuple[DatedTask, ...], int]:
        """When the item goes live for this target date, its dated tasks and how many of them are late."""
        key = (item, target)
        if key not in self._tasks:
            dating = go_live(self.catalogue.item(item), self.periods, wanted=target, today=self.today)
            day = (item, dating.day, dating.period)  # many target dates come to the same go-live day
            if day not in self._dated:
                tasks = tuple(self.calendar.dated(item, dating.day, period=dating.period, today=self.today))
                self._dated[day] = (tasks, sum(1 for t in tasks if t.late))
            self._tasks[key] = (dating, *self._dated[day])
        return self._tasks[key]


class _Deployed:
    """What :func:`~analyser.planning.answers.check_violations` reads of a situation, taken from the
    situation of the same profile with nothing deployed: the missing prerequisites of an item are its
    prerequisites not deployed."""

    def __init__(self, base: Situation, deployed: tuple):
        self.catalogue, self.items, self.profile = base.catalogue, base.items, base.profile
        self.deployed = tuple(sorted(set(deployed), key=natural_key))
        self.allowed = base.allowed
        self._base, self._in_use, self._missing = base, frozenset(deployed), {}

    def missing(self, item_id: str) -> list[str]:
        if item_id in self._in_use:
            return []
        found = self._missing.get(item_id)
        if found is None:
            found = self._missing[item_id] = [a for a in self._base.missing(item_id) if a not in self._in_use]
        return list(found)


def next_item(standing: Standing, planned: tuple, plan_allowed: bool | None) -> str | None:
    """The next extension: the first item of an allowed planned order that can be taken into use now,
    else the first such item of the recommended order (None when nothing can).

    Examples
    --------
    >>> s = Analyst(c, build_graph(c), c.periods, None).standing("SOS-V1", ("SOS",), None)
    >>> next_item(s, (), None), next_item(s, ("SOS-VANHAT", "SOS-V1-ARK"), True)
    ('SOS-V1-ARK', 'SOS-VANHAT')
    """
    available = set(standing.available)
    if planned and plan_allowed:
        for item in planned:
            if item in available:
                return item
    for item in standing.recommended:
        if item in available:
            return item
    return None
