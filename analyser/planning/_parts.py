"""What a situation comes to, worked out part by part of the catalogue.

A *part* is a set of items linked by requirements or recommendations
(a connected component of the items of the graph, with the links the items
list). Everything
:class:`~analyser.planning.standing.Standing` says splits along the parts:
an item's missing prerequisites, whether it is allowed, excluded, ready or
blocked, and the warnings about a deployed item depend only on its part's
items and on which of them are deployed; the poset of remaining items is
the disjoint union of the parts' posets. So its order count is the
multinomial coefficient of the parts' sizes times their counts (when
the budget units their counts used, together, are within the budget; else
the whole situation is counted), its minimum number of rounds the largest
of theirs, and its recommended order the merge of theirs: the greedy rule
of :func:`~analyser.orders.recommended_order` picks, of everything ready,
the item with the smallest rank (nothing recommended before it pending,
earliest available, most unlocked, id), and a part's ranks change only with
its own picks, so each step takes the part whose next pick ranks lowest.

A part is analysed by :class:`~analyser.planning.situation.Situation` and
the order engine on a catalogue of just its items, once per profile and
deployed items of the part. The analyses are kept under everything they
depend on (the part's item ids, marks for the profile, requirements as the
items list them, available-from dates, the links between them), so two
versions of a table share the parts the new version left alone.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Iterator, Sequence

import networkx as nx

from analyser import orders
from analyser.findings import Finding
from analyser.planning.situation import Situation
from analyser.records import Catalogue
from analyser.text.vocabulary import natural_key

__all__ = ["Part", "Parts", "Memo"]


@dataclass(frozen=True)
class Part:
    """What one part of the catalogue comes to for a profile and the part's deployed items.

    ``count`` is None when counting ran out of budget, ``cost`` the budget
    units the count used; ``picks`` is the recommended order of the part
    (see :func:`_picks`); ``warnings`` pairs a deployed item with its
    finding.
    """

    ready: tuple[str, ...]
    blocked: tuple[tuple[str, tuple[str, ...]], ...]
    not_allowed: tuple[str, ...]
    excluded: tuple[str, ...]
    warnings: tuple[tuple[str, Finding], ...]
    size: int
    count: int | None
    cost: int
    rounds: int
    picks: tuple[tuple[tuple, int, str], ...]


class Whole:
    """A situation's facts put together from its parts, each worked out when first asked for: in the order
    :class:`~analyser.planning.standing.Standing` lists them, or as sets.

    ``counted`` is False when the parts cannot decide the count (their
    counts together need more than the budget); ``count`` is then None.
    """

    def __init__(self, deployed: tuple[str, ...], parts: list[Part], rank: dict[str, int], budget: int):
        self.deployed = deployed
        self.parts = parts
        self._rank = rank.__getitem__
        count, seen, cost, self.rounds = 1, 0, 0, 0
        for p in parts:
            if p.count is None:
                count = None
            elif count is not None:
                seen += p.size
                count *= math.comb(seen, p.size) * p.count
            cost += p.cost
            self.rounds = max(self.rounds, p.rounds)
        self.counted = count is not None and cost <= budget
        self.count = count if self.counted else None

    @cached_property
    def ready(self) -> tuple[str, ...]:
        return _merged((p.ready for p in self.parts), self._rank)

    @cached_property
    def blocked(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        rank = self._rank
        return _merged((p.blocked for p in self.parts), lambda b: rank(b[0]))

    @cached_property
    def not_allowed(self) -> tuple[str, ...]:
        return _merged((p.not_allowed for p in self.parts), self._rank)

    @cached_property
    def excluded(self) -> tuple[str, ...]:
        return _merged((p.excluded for p in self.parts), self._rank)

    @cached_property
    def warnings(self) -> tuple[Finding, ...]:
        rank = self._rank
        return tuple(f for _, f in _merged((p.warnings for p in self.parts), lambda w: rank(w[0])))

    @cached_property
    def recommended(self) -> tuple[str, ...]:
        return tuple(pick[2] for pick in sorted(pick for p in self.parts for pick in p.picks))

    def in_order(self) -> Iterator[str]:
        """The recommended order, one item at a time (as far as it is read)."""
        return (pick[2] for pick in heapq.merge(*(p.picks for p in self.parts if p.picks)))

    @cached_property
    def ready_set(self) -> frozenset[str]:
        return frozenset().union(*(p.ready for p in self.parts))

    @cached_property
    def not_allowed_set(self) -> frozenset[str]:
        return frozenset().union(*(p.not_allowed for p in self.parts))

    @cached_property
    def blocked_map(self) -> dict[str, tuple[str, ...]]:
        """Blocked item -> its missing prerequisites, nearest first."""
        found: dict = {}
        for p in self.parts:
            found.update(p.blocked)
        return found


class Parts:
    """The parts of one catalogue and their analyses.

    ``memo`` keeps the analyses; give two instances the same :class:`Memo`
    and the second reuses what the first worked out for parts both
    catalogues have alike.

    Examples
    --------
    >>> parts = Parts(c, build_graph(c), orders.DEFAULT_BUDGET)
    >>> w = parts.whole("SOS-V1", ("SOS",))
    >>> w.ready, w.count, w.rounds, w.recommended[:2]
    (('SOS-V1-ARK', 'SOS-VANHAT'), 3, 2, ('SOS-V1-ARK', 'SOS-V1-HAKU'))
    """

    def __init__(self, catalogue: Catalogue, graph: nx.DiGraph, budget: int, memo: Memo | None = None):
        self.catalogue = catalogue
        self.graph = graph
        self.budget = budget
        self.items = {i.id: i for i in catalogue.items}
        self.rank = {i: k for k, i in enumerate(catalogue.ids)}
        self.profiles = frozenset(p.id for p in catalogue.profiles)
        links = nx.Graph()
        links.add_nodes_from(self.items)
        links.add_edges_from((u, v) for u, v in graph.edges if u in self.items and v in self.items)
        links.add_edges_from((r, i.id) for i in catalogue.items for r in i.requires if r in self.items)
        self.members = sorted((tuple(sorted(c, key=self.rank.__getitem__)) for c in nx.connected_components(links)),
                              key=lambda m: self.rank[m[0]])
        self.part_of = {i: k for k, m in enumerate(self.members) for i in m}
        self._keys: dict[str, list[int]] = {}
        self._subs: dict[int, tuple] = {}  # part -> (a catalogue of its items, the graph of them)
        self.memo = Memo() if memo is None else memo

    def applies(self, profile: str, deployed: Sequence[str]) -> bool:
        """Whether the profile is an id and every deployed item an id of the catalogue (else the situation
        goes through the resolver, which the parts do not)."""
        return profile in self.profiles and all(i in self.items for i in deployed)

    def _content(self, profile: str) -> list[int]:
        """The number :class:`Memo` gives each part's contents for a profile: everything its analysis depends on."""
        found = self._keys.get(profile)
        if found is None:
            found = self._keys[profile] = []
            for members in self.members:
                ids = set(members)
                items = tuple((i, self.items[i].mark(profile), self.items[i].requires, self.items[i].available_from)
                              for i in members)
                links = tuple(sorted((u, v, d.get("kind"), bool(d.get("recommended")))
                                     for u in members for v, d in self.graph.adj[u].items() if v in ids))
                found.append(self.memo.number((profile, self.budget, items, links)))
        return found

    def of(self, profile: str, deployed: tuple[str, ...]) -> list[Part]:
        """The analysis of every part for a profile and deployed items (ids, in natural order)."""
        split: dict[int, list[str]] = defaultdict(list)
        for i in deployed:
            split[self.part_of[i]].append(i)
        found = self.memo.parts
        result = []
        for k, content in enumerate(self._content(profile)):
            key = (content, tuple(split[k]) if k in split else ())
            part = found.get(key)
            if part is None:
                part = found[key] = self._analyse(profile, k, key[1])
            result.append(part)
        return result

    def _analyse(self, profile: str, k: int, deployed: tuple[str, ...]) -> Part:
        sub = self._subs.get(k)
        if sub is None:
            ids = self.members[k]
            sub = self._subs[k] = (replace(self.catalogue, items=tuple(self.items[i] for i in ids), dependencies=(),
                                           tasks=(), findings=()), nx.DiGraph(self.graph.subgraph(ids)))
        s = Situation(*sub, profile, deployed=deployed)
        poset = s.remaining_graph
        stats: dict = {}
        count = orders.within_budget(orders.count_orders, poset, budget=self.budget, stats=stats)
        cost = sum(stats.get(name, 0) for name in ("states", "python_states", "tree_work"))
        soft = s.soft_edges()
        recommended = orders.recommended_order(poset, soft_edges=soft, available_from=s.available_from(),
                                               key=natural_key)
        return Part(
            ready=tuple(s.ready), blocked=tuple((i, tuple(m)) for i, m in s.blocked),
            not_allowed=tuple(s.not_allowed), excluded=tuple(e.id for e in s.excluded),
            warnings=tuple((dict(f.params)["id"], f) for f in s.findings), size=len(s.remaining), count=count,
            cost=cost, rounds=orders.min_rounds(poset), picks=_picks(poset, recommended, soft, s.available_from()),
        )

    def whole(self, profile: str, deployed: tuple[str, ...]) -> Whole:
        """The situation of ``profile`` with ``deployed`` (ids, in natural order) put together from its parts."""
        return Whole(deployed, self.of(profile, deployed), self.rank, self.budget)


def _merged(lists, key) -> tuple:
    """The items of several lists in the order of ``key`` (stable: one item's entries keep their order)."""
    found = [x for part in lists for x in part]
    found.sort(key=key)
    return tuple(found)


def _picks(poset: nx.DiGraph, recommended: Sequence[str], soft: Sequence[tuple[str, str]], available_from) -> tuple:
    """The recommended order as (the highest rank picked so far, position, id): sorting the picks of all
    parts together merges their orders as the greedy rule does.

    An item's rank when picked: a recommended predecessor still pending, its
    available-from date (none last), minus the items it unlocks, its id.
    Taking each time the part whose next pick ranks lowest puts the picks in
    the order of the highest rank of their part picked up to them (an item
    of another part ranking below that highest rank was ready, and ranked
    below it, when it was picked).
    """
    pending = Counter(v for u, v in set(soft) if u != v)
    after = defaultdict(list)
    for u, v in set(soft):
        if u != v:
            after[u].append(v)
    result = []
    highest = None
    for position, x in enumerate(recommended):
        day = available_from.get(x)
        rank = (pending[x] > 0, (1,) if day is None else (0, day), -len(nx.descendants(poset, x)), natural_key(x))
        highest = rank if highest is None or rank > highest else highest
        result.append((highest, position, x))
        for v in after[x]:
            pending[v] -= 1
    return tuple(result)


class Memo:
    """The analyses of parts, kept under a number for everything each depends on; shared by the parts of
    several catalogues (versions of one table).

    Examples
    --------
    >>> memo = Memo()
    >>> memo.number(("P", 1)), memo.number(("Q", 1)), memo.number(("P", 1))
    (0, 1, 0)
    """

    def __init__(self):
        self._numbers: dict[tuple, int] = {}
        self.parts: dict[tuple, Part] = {}

    def number(self, content: tuple) -> int:
        return self._numbers.setdefault(content, len(self._numbers))
