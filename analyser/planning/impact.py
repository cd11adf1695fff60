"""What a new version of the tables means for each organisation: records, not text (``analyser diff``).

Each organisation is analysed twice, on the old and on the new catalogue,
by the same functions the batch report uses (:class:`~analyser.planning.standing.Analyst`:
the situation, what can be taken into use, the plan check, the order count
within budget, the next extension, its go-live day by the one dating rule
and its dated tasks), and the two answers are compared. Organisations in
the same situation share the work; the two versions share the analyses of
the parts of the table the new version left alone, and the facts are
compared as sets, not put in the order a report lists them.

The organisations are read against the old catalogue. Their ids are
followed into the new one (a renamed item keeps its place); an item the new
version removed drops out of what is deployed or certified, and a planned
order that names one is no longer allowed. Lists compare items by their
new ids; an item that was removed keeps its old id. An item the new version
adds may be newly available or blocked, but is never "newly not allowed": a
profile cannot stop allowing what it never had. "Available" is what
``next`` lists as available: ready, certified when that is known, and
available from ``today`` on (when ``today`` is given).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, replace
from typing import Iterable, NamedTuple

from analyser import orders
from analyser.model import build_graph
from analyser.planning.changes import TableDiff, diff_catalogues
from analyser.planning.standing import Analyst, Memo, next_item
from analyser.records import Catalogue
from analyser.text.vocabulary import natural_key

__all__ = ["OrganisationImpact", "impact", "impact_summary"]


@dataclass(frozen=True)
class OrganisationImpact:
    """What changes for one organisation (FORMATS.md §5 ``organisations``, and more).

    The ``*_old`` values are worked out on the old catalogue, the ``*_new``
    ones on the new; ``plan_*_allowed`` is None without a planned order,
    ``count_*`` None when counting the allowed orders ran out of budget (or
    the organisation could not be analysed on that side), ``next_*`` the next
    extension, ``go_live_*`` its go-live day. ``moved_tasks`` holds (task id,
    item id, old due date, new due date) of the next extension's tasks whose
    due date moved; ``new_blockers`` the items that stand in the way of what
    became blocked.
    """

    organisation: str
    profile: str
    newly_available: tuple[str, ...] = ()
    no_longer_available: tuple[str, ...] = ()
    newly_blocked: tuple[str, ...] = ()
    newly_not_allowed: tuple[str, ...] = ()
    plan_was_allowed: bool | None = None
    plan_is_allowed: bool | None = None
    count_old: int | None = None
    count_new: int | None = None
    next_old: str | None = None
    next_new: str | None = None
    go_live_old: dt.date | None = None
    go_live_new: dt.date | None = None
    moved_tasks: tuple[tuple[str, str, dt.date | None, dt.date | None], ...] = ()
    new_blockers: tuple[str, ...] = ()
    next_changed: bool = False

    @property
    def affected(self) -> bool:
        """Whether anything above differs between the versions (a rename alone does not count)."""
        return bool(self.newly_available or self.no_longer_available or self.newly_blocked
                    or self.newly_not_allowed or self.moved_tasks or self.next_changed
                    or self.plan_was_allowed != self.plan_is_allowed or self.count_old != self.count_new
                    or self.go_live_old != self.go_live_new)

    def as_dict(self) -> dict:
        """The JSON object of FORMATS.md §5, with ``profile``, ``affected``, ``next_old``, ``next_new``,
        ``go_live_old``, ``go_live_new`` (ISO dates), ``moved_tasks`` ({``task``, ``item``, ``old_due``,
        ``new_due``}) and ``new_blockers``.

        Examples
        --------
        >>> sorted(OrganisationImpact("Org", "ARK").as_dict())[:4]
        ['affected', 'count_new', 'count_old', 'go_live_new']
        """
        return {
            "organisation": self.organisation, "profile": self.profile, "affected": self.affected,
            "newly_available": list(self.newly_available), "no_longer_available": list(self.no_longer_available),
            "newly_blocked": list(self.newly_blocked), "newly_not_allowed": list(self.newly_not_allowed),
            "plan_was_allowed": self.plan_was_allowed, "plan_is_allowed": self.plan_is_allowed,
            "count_old": self.count_old, "count_new": self.count_new,
            "next_old": self.next_old, "next_new": self.next_new,
            "go_live_old": _iso(self.go_live_old), "go_live_new": _iso(self.go_live_new),
            "moved_tasks": [{"task": task, "item": item, "old_due": _iso(old), "new_due": _iso(new)}
                            for task, item, old, new in self.moved_tasks],
            "new_blockers": list(self.new_blockers),
        }


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _sorted(ids: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(ids), key=natural_key))


@dataclass(frozen=True)
class _Side:
    """One organisation's answers on one catalogue."""

    available: frozenset[str] = frozenset()
    blocked: dict | None = None
    not_allowed: frozenset[str] = frozenset()
    plan_allowed: bool | None = None
    count: int | None = None
    next: str | None = None
    go_live: dt.date | None = None
    tasks: dict | None = None


class _Version:
    """The analysis of one catalogue, shared by every organisation."""

    def __init__(self, catalogue: Catalogue, today: dt.date | None, budget: int, memo: Memo):
        self.catalogue = catalogue
        self.today = today
        self.analyst = Analyst(catalogue, build_graph(catalogue), catalogue.periods, today, budget, memo)
        self._due: dict = {}

    def side(self, profile: str | None, deployed: tuple, certified, planned: tuple | None, target) -> _Side:
        if profile is None:
            return _Side()
        whole = self.analyst.whole(profile, deployed)  # as sets: the lists of a Standing are not needed here
        available = whole.ready_set if certified is None else whole.ready_set & frozenset(certified)
        allowed = self.analyst.check(profile, deployed, planned)[0] if planned else None
        following = next_item(_Outlook(available, whole.in_order()), planned or (), allowed)
        day, tasks = None, {}
        if following is not None:
            day, tasks = self._dues(following, target)
        items = self.analyst.parts.items
        if self.today is not None:
            available = frozenset(i for i in available
                                  if not (items[i].available_from and items[i].available_from > self.today))
        return _Side(available, whole.blocked_map, whole.not_allowed_set, allowed, whole.count, following, day, tasks)

    def _dues(self, item: str, target) -> tuple[dt.date | None, dict]:
        """The go-live day of the next extension and the due dates of its tasks, by (task id, item)."""
        dating, dated, _ = self.analyst.tasks(item, target)
        key = (item, dating.day, dating.period)
        found = self._due.get(key)
        if found is None:
            found = self._due[key] = {(task.task_id, task.item): task.due for task in dated}
        return dating.day, found


class _Outlook(NamedTuple):
    """What :func:`next_item` reads of a standing: what is available, and the recommended order."""

    available: frozenset[str]
    recommended: Iterable[str]


def impact(old: Catalogue, new: Catalogue, organisations: Iterable, *, today: dt.date | None = None,
           diff: TableDiff | None = None, budget: int = orders.DEFAULT_BUDGET) -> tuple[OrganisationImpact, ...]:
    """What changes for each organisation, in the order given.

    ``organisations`` are rows as :func:`analyser.load.organisations.read_organisations`
    reads them against ``old`` (name, profile, deployed, certified,
    target_date, planned); a row whose profile could not be read is kept,
    with nothing worked out. ``diff`` is :func:`diff_catalogues` of the two,
    when already at hand.

    Examples
    --------
    >>> from dataclasses import replace
    >>> from analyser.load.organisations import read_organisations
    >>> from analyser.load.shipped import ORGANISATIONS, shipped_path
    >>> rows, _ = read_organisations(shipped_path(ORGANISATIONS), c)
    >>> [i.affected for i in impact(c, c, rows, today=date(2026, 11, 25))].count(True)
    0
    >>> from analyser.records import Dependency
    >>> v1 = c.item("SOS-V1-ARK")
    >>> new = replace(c, items=tuple(replace(i, requires=(*i.requires, "SOS-VANHAT")) if i is v1 else i
    ...                              for i in c.items),
    ...               dependencies=(*c.dependencies, Dependency("SOS-VANHAT", "SOS-V1-ARK")))
    >>> hit = [i for i in impact(c, new, rows, today=date(2026, 11, 25)) if i.affected]
    >>> len(hit), hit[-1].organisation, hit[-1].no_longer_available, hit[-1].new_blockers
    (3, 'Mallivaaran sosiaalipalvelut Oy', ('SOS-V1-ARK',), ('SOS-VANHAT',))
    >>> hit[-1].next_old, hit[-1].next_new, hit[-1].count_old, hit[-1].count_new
    ('SOS-V1-ARK', 'SOS-VANHAT', 840, 120)
    """
    diff = diff or diff_catalogues(old, new)
    memo = Memo()  # the analyses of the parts of the tables, shared by the versions
    before, after = _Version(old, today, budget, memo), _Version(new, today, budget, memo)
    to_new, profiles = diff.matched, diff.matched_profiles
    kept = frozenset(to_new.values())  # the new ids of the old items the new version keeps
    renamed = frozenset(i for i, j in to_new.items() if i != j)
    done: dict[tuple, OrganisationImpact] = {}
    result = []
    for row in organisations:
        key = (row.profile, row.deployed, row.certified, row.planned, row.target_date)
        found = done.get(key)
        if found is None:
            found = done[key] = _compare(row, before, after, to_new, profiles, kept, renamed)
        result.append(found if found.organisation == row.name else replace(found, organisation=row.name))
    return tuple(result)


def _compare(row, before: _Version, after: _Version, to_new: dict, profiles: dict, kept: frozenset,
             renamed: frozenset) -> OrganisationImpact:
    if row.profile is None:
        return OrganisationImpact(row.name, row.profile_text or "")
    deployed = _sorted(row.deployed)
    certified = None if row.certified is None else tuple(row.certified)
    planned = tuple(row.planned) or None
    was = before.side(row.profile, deployed, certified, planned, row.target_date)

    def moved(ids):
        return tuple(to_new[i] for i in ids if i in to_new)

    new_planned = None
    if planned is not None:
        new_planned = moved(planned) if all(i in to_new for i in planned) else ()
    now = after.side(profiles.get(row.profile), _sorted(moved(deployed)), None if certified is None else
                     _sorted(moved(certified)), new_planned, row.target_date)
    if planned is not None and (new_planned == () or profiles.get(row.profile) is None):
        now = replace(now, plan_allowed=False)  # it names an item, or needs a profile, the new version removed

    def mapped(ids):
        return ids if renamed.isdisjoint(ids) else {to_new.get(i, i) for i in ids}

    blocked_old = mapped((was.blocked or {}).keys())
    newly_blocked = (now.blocked or {}).keys() - blocked_old
    old_tasks = {(task, to_new.get(item, item)): due for (task, item), due in (was.tasks or {}).items()}
    moved_tasks = sorted(((task, item, old_tasks[task, item], due) for (task, item), due in (now.tasks or {}).items()
                          if (task, item) in old_tasks and old_tasks[task, item] != due),
                         key=lambda m: (natural_key(m[1]), natural_key(m[0])))
    return OrganisationImpact(
        organisation=row.name, profile=row.profile,
        newly_available=_sorted(now.available - mapped(was.available)),
        no_longer_available=_sorted(mapped(was.available) - now.available),
        newly_blocked=_sorted(newly_blocked),
        newly_not_allowed=_sorted(i for i in now.not_allowed - mapped(was.not_allowed) if i in kept),
        plan_was_allowed=was.plan_allowed if planned else None,
        plan_is_allowed=now.plan_allowed if planned else None,
        count_old=was.count, count_new=now.count, next_old=was.next, next_new=now.next,
        go_live_old=was.go_live, go_live_new=now.go_live, moved_tasks=tuple(moved_tasks),
        new_blockers=_sorted(m for i in newly_blocked for m in now.blocked[i]),
        next_changed=to_new.get(was.next, was.next) != now.next,
    )


def impact_summary(impacts: Iterable[OrganisationImpact]) -> dict:
    """The one-screen summary: how many organisations, how many affected, the most common new blockers
    (by organisations), plans no longer allowed and plans allowed now.

    Examples
    --------
    >>> impact_summary([OrganisationImpact("A", "P", newly_blocked=("X",), new_blockers=("Y",)),
    ...                 OrganisationImpact("B", "P")])["most_common_new_blockers"]
    [{'id': 'Y', 'organisations': 1}]
    """
    impacts = list(impacts)
    blockers: Counter = Counter(b for i in impacts for b in i.new_blockers)
    return {
        "organisations": len(impacts),
        "affected": sum(1 for i in impacts if i.affected),
        "plans_broken": sum(1 for i in impacts if i.plan_was_allowed and i.plan_is_allowed is False),
        "plans_fixed": sum(1 for i in impacts if i.plan_was_allowed is False and i.plan_is_allowed),
        "most_common_new_blockers": [{"id": b, "organisations": n} for b, n in
                                     sorted(blockers.items(), key=lambda kv: (-kv[1], natural_key(kv[0])))[:5]],
    }
