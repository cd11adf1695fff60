"""Where one organisation stands: what its profile allows, what is deployed, what remains.

The poset of :func:`Situation.remaining_graph` is what the order engine
works on: the items still to deploy that the profile allows and nothing
blocks, with an edge a -> b whenever b requires a directly or through other
items (deployed ones included) and a is not yet deployed (FORMATS.md §5).
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from functools import cached_property
from typing import Mapping

import networkx as nx

from analyser.findings import CycleError, Finding, UsageError
from analyser.model import requirement_graph
from analyser.planning._resolve import Resolved, _profile, item_ids, resolve_item, resolve_items, resolve_profile
from analyser.records import Catalogue, Item
from analyser.text.vocabulary import PARTLY, natural_key

__all__ = ["Situation", "resolve_items", "resolve_item", "resolve_profile", "item_ids", "Resolved", "Exclusion"]


@dataclass(frozen=True)
class Exclusion:
    """Why an item the profile allows can never be reached."""

    id: str
    reason: str
    blockers: tuple[str, ...]

    def as_dict(self) -> dict:
        return {"id": self.id, "reason": self.reason, "blockers": list(self.blockers)}


@dataclass(repr=False)
class Situation:
    """An organisation's standing under a profile with some items deployed.

    ``profile`` is a profile's id or name, ``deployed`` and ``certified``
    sequences of item ids or names (``certified`` None: not known). They
    go through the resolver of the command line, which never guesses: a
    reference that names nothing, or several things, raises
    :class:`~analyser.findings.UnknownReference` with the closest matches;
    one taken by its name or another spelling is kept in ``notes``.

    Examples
    --------
    >>> s = Situation(c, build_graph(c), "SOS-V1", deployed=("SOS",))
    >>> s.available
    ['SOS-V1-ARK', 'SOS-VANHAT']
    >>> s
    Situation(profile='SOS-V1', deployed=('SOS',), certified=None, findings=0)
    >>> s = Situation(c, build_graph(c), "1. vaiheen asiakastietojärjestelmä", deployed=("sos",))
    >>> s.profile, s.deployed, [n.how for n in s.notes]
    ('SOS-V1', ('SOS',), ['name'])
    >>> Situation(c, build_graph(c), "SOS-V1", deployed=("SOS-VANHA",))
    Traceback (most recent call last):
    ...
    analyser.findings.UnknownReference: deployed: tuntematon osatoteutus 'SOS-VANHA'. Tarkoititko SOS-VANHAT?
    """

    catalogue: Catalogue
    graph: nx.DiGraph
    profile: str
    deployed: tuple[str, ...] = ()
    certified: tuple[str, ...] | None = None
    findings: list[Finding] = field(default_factory=list)
    notes: list[Resolved] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.profile = _profile(self.catalogue, self.profile, self.notes, prefix=False)
        known = self.items
        deployed = item_ids(self.catalogue, self.deployed, "deployed", notes=self.notes, known=known)
        self.deployed = tuple(sorted(set(deployed), key=natural_key))
        if self.certified is not None:
            certified = item_ids(self.catalogue, self.certified, "certified", notes=self.notes, known=known)
            self.certified = tuple(sorted(set(certified), key=natural_key))
        self._check_deployed()

    def __repr__(self) -> str:
        return (f"Situation(profile={self.profile!r}, deployed={_short(self.deployed)}, "
                f"certified={_short(self.certified)}, findings={len(self.findings)})")

    def _item(self, ref: str, what: str = "id") -> Item:
        """The item of an id; another reference goes through the resolver (UnknownReference)."""
        try:
            return self.items[ref]
        except (KeyError, TypeError):
            return self.items[resolve_item(self.catalogue, ref, what)]

    # -- basic facts -------------------------------------------------------------
    @cached_property
    def _index(self) -> "_GraphIndex":
        return _graph_index(self.graph)

    @property
    def requirements(self) -> nx.DiGraph:
        return self._index.requirements

    @property
    def items(self) -> dict[str, Item]:
        return self._index.items(self.catalogue)

    def allowed(self, item_id: str) -> bool:
        return self._item(item_id).allowed_by(self.profile)

    def partly(self, item_id: str) -> bool:
        return self._item(item_id).mark(self.profile) == PARTLY

    @property
    def cyclic(self) -> frozenset[str]:
        return self._index.cyclic

    @cached_property
    def _missing(self) -> dict[str, list[str]]:
        """For every item not deployed: its undeployed prerequisites, nearest first."""
        deployed = set(self.deployed)
        ancestors = self._index.ancestors
        return {item_id: [a for a in ancestors[item_id] if a not in deployed]
                for item_id in self.items if item_id not in deployed}

    def missing(self, item_id: str) -> list[str]:
        """Items still to deploy before ``item_id``, nearest first."""
        found = self._missing.get(item_id)
        if found is None:
            found = self._missing.get(self._item(item_id).id, [])
        return list(found)

    # -- classification ----------------------------------------------------------
    @cached_property
    def not_allowed(self) -> list[str]:
        """Items not deployed that the profile does not allow at all."""
        return sorted((i for i in self._missing if not self.allowed(i)), key=natural_key)

    @cached_property
    def excluded(self) -> list[Exclusion]:
        """Items the profile allows that can never be reached, with the reason."""
        result = []
        for item_id in sorted(self._missing, key=natural_key):
            if not self.allowed(item_id):
                continue
            missing = self._missing[item_id]
            in_cycle = [n for n in [item_id, *missing] if n in self.cyclic]
            if in_cycle:
                result.append(Exclusion(item_id, "cycle", tuple(sorted(set(in_cycle), key=natural_key))))
                continue
            forbidden = [n for n in missing if not self.allowed(n)]
            if forbidden:
                result.append(Exclusion(item_id, "not-allowed-prerequisite", tuple(forbidden)))
        return result

    @cached_property
    def remaining(self) -> list[str]:
        """Ids still to deploy that the profile allows and nothing blocks."""
        excluded = {e.id for e in self.excluded}
        return [i for i in sorted(self._missing, key=natural_key) if self.allowed(i) and i not in excluded]

    @cached_property
    def ready(self) -> list[str]:
        """Items whose prerequisites are all in use (certification aside)."""
        return [i for i in self.remaining if not self._missing[i]]

    @cached_property
    def available(self) -> list[str]:
        """Items that can be taken into use now: ready, and certified when that is known."""
        if self.certified is None:
            return list(self.ready)
        certified = set(self.certified)
        return [i for i in self.ready if i in certified]

    @cached_property
    def waiting_certification(self) -> list[str]:
        """Ready items the organisation's system is not certified for (the vendor's part)."""
        if self.certified is None:
            return []
        certified = set(self.certified)
        return [i for i in self.ready if i not in certified]

    def path_to(self, target: str) -> list[str]:
        """The smallest set of items to take into use for ``target``: its missing
        prerequisites and itself (UsageError when it cannot be reached).

        Examples
        --------
        >>> s = Situation(c, build_graph(c), "SOS-V2", deployed=("SOS",))
        >>> s.path_to("sos-v1-haku")
        ['SOS-V1-ARK', 'SOS-V1-HAKU']
        >>> s.path_to("SOS-LV-INF")
        Traceback (most recent call last):
        ...
        analyser.findings.UsageError: profiili SOS-V2 ei salli osatoteutusta SOS-LV-INF; sen sallii profiili SOS-LV.
        >>> print(s.path_to("SOS-LV-HAKU"))  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        analyser.findings.UsageError: SOS-LV-HAKU ei ole saavutettavissa profiililla SOS-V2: se edellyttää osatoteutuksia SOS-LV-KIE, ..., joita profiili ei salli.
        """
        target = self._item(target, "target").id
        if target in self.deployed:
            raise UsageError("already_deployed", id=target)
        if not self.allowed(target):
            others = self.allowed_by(target)
            if not others:
                raise UsageError("target_not_allowed_any", id=target, profile=self.profile)
            raise UsageError("target_not_allowed", id=target, profile=self.profile, others=others, n=len(others))
        excluded = {e.id: e for e in self.excluded}
        if target in excluded:
            e = excluded[target]
            key = "target_cycle" if e.reason == "cycle" else "target_excluded"
            raise UsageError(key, id=target, profile=self.profile, items=list(e.blockers), n=len(e.blockers))
        return sorted([*self._missing[target], target], key=natural_key)

    @cached_property
    def blocked(self) -> list[tuple[str, list[str]]]:
        """(item, missing prerequisites nearest first) for allowed items that must wait."""
        return [(i, self._missing[i]) for i in self.remaining if self._missing[i]]

    @cached_property
    def partly_items(self) -> list[str]:
        """Items (deployed or not) the profile allows only partly."""
        return sorted((i for i in self.items if self.partly(i)), key=natural_key)

    def allowed_by(self, item_id: str) -> list[str]:
        """Profiles that allow an item."""
        item = self._item(item_id)
        return [p.id for p in self.catalogue.profiles if item.allowed_by(p.id)]

    # -- the poset of remaining items ------------------------------------------
    @cached_property
    def remaining_graph(self) -> nx.DiGraph:
        """Transitively reduced poset of :attr:`remaining` (edge a -> b: a before b)."""
        graph = nx.DiGraph()
        graph.add_nodes_from(self.remaining)
        below = self._index.ancestor_sets
        for item_id in self.remaining:
            missing = self._missing[item_id]
            covered = set()
            for pre in missing:
                covered |= below[pre]
            graph.add_edges_from((pre, item_id) for pre in missing if pre not in covered)
        return graph

    def soft_edges(self) -> list[tuple[str, str]]:
        """Recommended-first links between remaining items."""
        remaining = set(self.remaining)
        return sorted(
            ((u, v) for u, v, d in self.graph.edges(data=True)
             if (d.get("kind") == "recommends" or d.get("recommended")) and u in remaining and v in remaining),
            key=lambda e: (natural_key(e[0]), natural_key(e[1])),
        )

    def available_from(self) -> Mapping[str, object]:
        return {i: self.items[i].available_from for i in self.remaining}

    # -- groups ------------------------------------------------------------------
    def group_graph(self) -> nx.DiGraph:
        """Document groups of the remaining items; g -> h when an item of h waits for one of g.

        Raises
        ------
        CycleError
            When the groups wait for each other.
        """
        graph = nx.DiGraph()
        group = {i: self.items[i].group for i in self.remaining if self.items[i].group}
        graph.add_nodes_from(sorted(set(group.values())))
        for item_id, g in group.items():
            for pre in self._missing[item_id]:
                h = group.get(pre)
                if h and h != g:
                    graph.add_edge(h, g)
        try:
            cycle = nx.find_cycle(graph)
        except nx.NetworkXNoCycle:
            return graph
        raise CycleError([u for u, *_ in cycle], "group_cycle")

    # -- consistency of what is deployed -----------------------------------------
    def _check_deployed(self) -> None:
        items = self.items
        deployed = set(self.deployed)
        for item_id in self.deployed:
            item = items[item_id]
            if not item.allowed_by(self.profile):
                self.findings.append(Finding.of("deployed-not-allowed", id=item_id, profile=self.profile))
            missing = sorted((p for p in item.requires if p not in deployed), key=natural_key)
            if missing:
                self.findings.append(Finding.of("deployed-prerequisite-missing", id=item_id, missing=missing,
                                                n=len(missing)))


def _short(ids: tuple | None) -> str:
    return repr(ids) if ids is None or len(ids) <= 6 else f"<{len(ids)} items>"


class _GraphIndex:
    """What every situation on one graph shares: ancestors nearest first, cycle members."""

    def __init__(self, graph: nx.DiGraph):
        self.requirements = requirement_graph(graph)
        reverse = self.requirements.reverse(copy=False)
        self.ancestors: dict[str, list[str]] = {}
        for node in sorted(self.requirements, key=natural_key):
            distances = nx.single_source_shortest_path_length(reverse, node)
            found = [n for n in distances if n != node]
            found.sort(key=lambda n: (distances[n], natural_key(n)))
            self.ancestors[node] = found
        self.ancestor_sets = {n: frozenset(a) for n, a in self.ancestors.items()}
        members: set[str] = set()
        for component in nx.strongly_connected_components(self.requirements):
            if len(component) > 1:
                members |= component
        members |= {u for u, v in nx.selfloop_edges(self.requirements)}
        self.cyclic = frozenset(members)
        self._items: tuple | None = None

    def items(self, catalogue: Catalogue) -> dict[str, Item]:
        if self._items is None or self._items[0] is not catalogue:
            self._items = (catalogue, {i.id: i for i in catalogue.items})
        return self._items[1]


_INDEXES: "weakref.WeakKeyDictionary[nx.DiGraph, _GraphIndex]" = weakref.WeakKeyDictionary()


def _graph_index(graph: nx.DiGraph) -> _GraphIndex:
    """The shared index of a graph, built on first use (the graph itself is never changed)."""
    index = _INDEXES.get(graph)
    if index is None:
        index = _INDEXES[graph] = _GraphIndex(graph)
    return index
