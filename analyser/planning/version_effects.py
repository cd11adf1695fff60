"""What a new version of the table does to the dependency graph: the graph of both versions with
every item and link marked, and per profile the allowed orders, waves and reach before and after.

Both take a :class:`~analyser.planning.changes.TableDiff` (from
:func:`~analyser.planning.changes.diff_catalogues`). Items are named by their
id in the new version (a removed item by its old id); a profile by its id in
the new version, or the old one when it was removed. Nothing here is text:
the plot and the notebook say it.

Examples
--------
>>> from analyser.planning.changes import diff_catalogues
>>> effect = version_effects(diff_catalogues(c, c), "SOS-V1")[0]
>>> effect.count_old == effect.count_new == 3, effect.became_unreachable
(True, ())
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from analyser import orders
from analyser.findings import UnknownReference
from analyser.model import build_graph
from analyser.planning._resolve import resolve_profile
from analyser.planning.changes import TableDiff
from analyser.planning.situation import Situation
from analyser.records import Catalogue
from analyser.text.vocabulary import natural_key

__all__ = ["STATES", "DiffGraph", "diff_graph", "VersionEffect", "version_effects", "profile_pairs"]

#: How an item or a link of the diff graph fared, in legend order.
STATES = ("added", "removed", "changed", "same")


@dataclass(frozen=True)
class DiffGraph:
    """The graph of both versions: ``nodes`` maps each item to its state (:data:`STATES`), ``edges`` each
    requirement (prerequisite, item) to its state; ``fields`` the item fields that changed (a changed item),
    ``old_ids`` the old id of each renamed item. A link is "changed" when it is a requirement in one version
    and only recommended first in the other."""

    nodes: dict[str, str]
    edges: dict[tuple[str, str], str]
    fields: dict[str, tuple[str, ...]]
    old_ids: dict[str, str]

    def count(self, state: str, what: str = "nodes") -> int:
        """How many items (``what="nodes"``) or links (``"edges"``) are in ``state``."""
        return sum(1 for s in getattr(self, what).values() if s == state)


def profile_pairs(diff: TableDiff) -> list[tuple[str | None, str | None]]:
    """(old id, new id) of every profile of either version, in the new version's order, removed ones last.

    Examples
    --------
    >>> from analyser.planning.changes import diff_catalogues
    >>> profile_pairs(diff_catalogues(c, c))[:2]
    [('ARK', 'ARK'), ('SOS-V1', 'SOS-V1')]
    """
    old_of = {new: old for old, new in diff.matched_profiles.items()}
    pairs: list[tuple[str | None, str | None]] = [(old_of.get(p.id), p.id) for p in diff.new.profiles]
    return pairs + [(p.id, None) for p in diff.old.profiles if p.id not in diff.matched_profiles]


def _profile(diff: TableDiff, profile: str | None) -> tuple[str | None, str | None]:
    """The (old id, new id) pair of a profile named in either version (UnknownReference when in neither)."""
    if profile is None:
        return None, None
    first_error = None
    for side, catalogue in ((1, diff.new), (0, diff.old)):
        try:
            found = resolve_profile(catalogue, profile)
        except UnknownReference as error:
            first_error = first_error or error
            continue
        for pair in profile_pairs(diff):
            if pair[side] == found:
                return pair
    raise first_error or UnknownReference("unknown_profile", ref=profile)


def _allowed(catalogue: Catalogue, profile: str | None, pid: str | None, item) -> bool:
    if profile is None:
        return True
    return pid is not None and item.allowed_by(pid)


def _links(catalogue: Catalogue, rename: dict[str, str]) -> dict[tuple[str, str], str]:
    """(prerequisite, item) -> "requires" or "recommends", with ids through ``rename``."""
    links: dict[tuple[str, str], str] = {}
    for item in catalogue.items:
        v = rename.get(item.id, item.id)
        for kind, ids in (("recommends", item.recommends), ("requires", item.requires)):
            for u in ids:
                links[(rename.get(u, u), v)] = kind
    return links


def diff_graph(diff: TableDiff, profile: str | None = None) -> DiffGraph:
    """The union of both versions' dependency graphs, restricted to the items ``profile`` allows in either
    version (every item when None), each item and requirement marked added, removed, changed or same.

    An item is changed when any of its fields changed (its id included, a
    rename), its marks for other profiles aside. Links are requirements;
    a requirement that became only a recommendation, or the reverse, is a
    changed link.

    Examples
    --------
    >>> from dataclasses import replace
    >>> from analyser.planning.changes import diff_catalogues
    >>> items = [replace(i, requires=()) if i.id == "SOS-VANHAT" else i for i in c.items]
    >>> items.append(replace(c.item("SOS-VANHAT"), id="SOS-UUSI", name="Uusi"))
    >>> g = diff_graph(diff_catalogues(c, replace(c, items=tuple(items))), "ARK")
    >>> g.nodes, g.edges, g.fields
    ({'SOS': 'same', 'SOS-UUSI': 'added', 'SOS-VANHAT': 'changed'}, \
{('SOS', 'SOS-UUSI'): 'added', ('SOS', 'SOS-VANHAT'): 'removed'}, {'SOS-VANHAT': ('requires',)})
    """
    old_pid, new_pid = _profile(diff, profile)
    matched = diff.matched
    changed: dict[str, list[str]] = {}
    for ch in diff.changes:
        if ch.subject != "item" or ch.kind != "changed":
            continue
        if profile is not None and ch.field.startswith("mark:") and ch.field[5:] != new_pid:
            continue
        changed.setdefault(ch.id, []).append(ch.field)
    nodes: dict[str, str] = {}
    for item in diff.new.items:
        if _allowed(diff.new, profile, new_pid, item):
            nodes[item.id] = "changed" if item.id in changed else "same"
    new_ids = set(matched.values())
    for item in diff.new.items:
        if item.id not in new_ids and item.id in nodes:
            nodes[item.id] = "added"
    for item in diff.old.items:
        if _allowed(diff.old, profile, old_pid, item):
            new_id = matched.get(item.id)
            if new_id is None:
                nodes[item.id] = "removed"
            elif new_id not in nodes:
                nodes[new_id] = "changed" if new_id in changed else "same"
    old_links, new_links = _links(diff.old, matched), _links(diff.new, {})
    edges: dict[tuple[str, str], str] = {}
    for link in set(old_links) | set(new_links):
        if link[0] not in nodes or link[1] not in nodes or link[0] == link[1]:
            continue
        was, now = old_links.get(link), new_links.get(link)
        if "requires" not in (was, now):
            continue
        if was == now:
            edges[link] = "same"
        elif was is None or now is None:
            edges[link] = "added" if was is None else "removed"
        else:
            edges[link] = "changed"
    key = lambda pair: (natural_key(pair[0][0]), natural_key(pair[0][1]))  # noqa: E731
    return DiffGraph(
        nodes=dict(sorted(nodes.items(), key=lambda kv: natural_key(kv[0]))),
        edges=dict(sorted(edges.items(), key=key)),
        fields={n: tuple(changed[n]) for n in sorted(changed, key=natural_key) if n in nodes},
        old_ids={new: old for old, new in sorted(diff.renames.items()) if new in nodes},
    )


@dataclass(frozen=True)
class VersionEffect:
    """One profile before and after, with nothing in use yet: allowed orders (None when out of reach of
    the budget or the profile is missing from that version), waves, and the items that became unreachable
    or reachable (ids of the new version)."""

    profile: str
    old_profile: str | None
    new_profile: str | None
    count_old: int | None
    count_new: int | None
    waves_old: tuple[tuple[str, ...], ...]
    waves_new: tuple[tuple[str, ...], ...]
    became_unreachable: tuple[str, ...]
    became_reachable: tuple[str, ...]

    def as_dict(self) -> dict:
        """A JSON-ready dict (lists for tuples)."""
        return {"profile": self.profile, "old_profile": self.old_profile, "new_profile": self.new_profile,
                "count_old": self.count_old, "count_new": self.count_new,
                "waves_old": [list(w) for w in self.waves_old], "waves_new": [list(w) for w in self.waves_new],
                "became_unreachable": list(self.became_unreachable),
                "became_reachable": list(self.became_reachable)}


def _standing(catalogue: Catalogue, graph, pid: str | None, budget: int):
    if pid is None:
        return None, (), []
    situation = Situation(catalogue, graph, pid)
    poset = situation.remaining_graph
    count = orders.within_budget(orders.count_orders, poset, budget=budget)
    return count, tuple(tuple(w) for w in orders.waves(poset, key=natural_key)), situation.remaining


def version_effects(diff: TableDiff, profiles: str | Iterable[str] | None = None, *,
                    budget: int = orders.DEFAULT_BUDGET) -> list[VersionEffect]:
    """Per profile (one id or name, several, or every profile of either version): the order count and the
    waves before and after, and which items became unreachable or reachable.

    Examples
    --------
    >>> from dataclasses import replace
    >>> from analyser.planning.changes import diff_catalogues
    >>> items = [replace(i, marks=tuple((p, "no") if p == "SOS-V1" else (p, m) for p, m in i.marks))
    ...          if i.id == "SOS-V1-ARK" else i for i in c.items]
    >>> e = version_effects(diff_catalogues(c, replace(c, items=tuple(items))), "SOS-V1")[0]
    >>> e.count_old, e.count_new, e.waves_new, e.became_unreachable
    (3, 1, (('SOS',), ('SOS-VANHAT',)), ('SOS-V1-ARK', 'SOS-V1-HAKU'))
    """
    if profiles is None:
        pairs = profile_pairs(diff)
    else:
        pairs = [_profile(diff, p) for p in ([profiles] if isinstance(profiles, str) else profiles)]
    old_graph, new_graph = build_graph(diff.old), build_graph(diff.new)
    effects = []
    for old_pid, new_pid in pairs:
        count_old, waves_old, reach_old = _standing(diff.old, old_graph, old_pid, budget)
        count_new, waves_new, reach_new = _standing(diff.new, new_graph, new_pid, budget)
        before = {diff.new_id(i) for i in reach_old} - {None}
        after = set(reach_new)
        present = {i.id for i in diff.new.items}
        effects.append(VersionEffect(
            profile=new_pid or old_pid, old_profile=old_pid, new_profile=new_pid,
            count_old=count_old, count_new=count_new, waves_old=waves_old, waves_new=waves_new,
            became_unreachable=tuple(sorted((before - after) & present, key=natural_key)),
            became_reachable=tuple(sorted(after - before, key=natural_key)),
        ))
    return effects
