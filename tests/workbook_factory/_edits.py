"""Edit scripts on a table spec, and the changes a correct ``diff`` must list for them.

An edit script turns one :class:`TableSpec` into the next version: items
added, removed or renamed (a new id, the same name), requirements added or
removed, profile marks flipped, dates and document groups changed. The
expectation is worked out from the script and the two specs alone (the
script knows which id became which), never from the code under test.

Examples
--------
>>> old = small_spec()
>>> new, renames = apply_edits(old, [Edit("rename", "ARK-2", "ARK-9"), Edit("flip", "LUO-1", "B")])
>>> renames, sorted(expected_changes(old, new, renames))
({'ARK-2': 'ARK-9'}, [('changed', 'ARK-9', 'id'), ('changed', 'LUO-1', 'mark:B')])
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass

from ._oracles import classify_mark
from ._specs import ItemRow, TableSpec
from ._vocabulary import Group, Mark

#: What an edit does: "add" (``item`` a fresh id, ``other`` its name, ``value`` the ids it requires),
#: "remove", "rename" (``other`` the new id), "require" / "unrequire" (``other`` the prerequisite),
#: "flip" (``other`` a profile id), "date" (``value`` a date or None), "group" (``value`` a Group or "").
OPS = ("add", "remove", "rename", "require", "unrequire", "flip", "date", "group")


@dataclass(frozen=True)
class Edit:
    op: str
    item: str
    other: str = ""
    value: object = None


def apply_edits(spec: TableSpec, edits: list[Edit]) -> tuple[TableSpec, dict[str, str]]:
    """The next version of ``spec`` and the renames (first id -> last id) the script made."""
    new = copy.deepcopy(spec)
    renames: dict[str, str] = {}
    for e in edits:
        if e.op == "add":
            marks = {p.id: Mark.ALLOWED for p in new.profiles}
            new.items.append(ItemRow(e.item, e.other, requires=list(e.value or ()), marks=marks))
        elif e.op == "remove":
            new.items = [i for i in new.items if i.id != e.item]
            renames = {k: v for k, v in renames.items() if v != e.item}
            for i in new.items:
                i.requires = [r for r in i.requires if r != e.item]
                i.recommends = [r for r in i.recommends if r != e.item]
        elif e.op == "rename":
            new.item(e.item).id = e.other
            for i in new.items:
                i.requires = [e.other if r == e.item else r for r in i.requires]
                i.recommends = [e.other if r == e.item else r for r in i.recommends]
            first = next((k for k, v in renames.items() if v == e.item), e.item)
            if any(i.id == first for i in spec.items):  # an item the script added has no old id
                renames[first] = e.other
        elif e.op == "require":
            new.item(e.item).requires.append(e.other)
        elif e.op == "unrequire":
            new.item(e.item).requires.remove(e.other)
        elif e.op == "flip":
            item = new.item(e.item)
            allowed = classify_mark(item.marks.get(e.other)) in ("allowed", "partly")
            item.marks[e.other] = Mark.NOT if allowed else Mark.ALLOWED
        elif e.op == "date":
            new.item(e.item).available_from = e.value
        elif e.op == "group":
            new.item(e.item).group = e.value
        else:
            raise ValueError(e.op)
    return new, renames


def _group(value) -> str:
    return value.value if isinstance(value, Group) else str(value or "")


def _mark(item: ItemRow, profile: str) -> str:
    return classify_mark(item.marks.get(profile))


def _date(value) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def expected_changes(old: TableSpec, new: TableSpec, renames: dict[str, str]) -> set[tuple[str, str, str]]:
    """(kind, id, field) of every change between the specs, ids followed through ``renames``."""
    moved = {i.id: renames.get(i.id, i.id) for i in old.items}
    now = {i.id: i for i in new.items}
    found: set[tuple[str, str, str]] = set()
    for a in old.items:
        b = now.get(moved[a.id])
        if b is None:
            found.add(("removed", a.id, ""))
            continue
        if a.id != b.id:
            found.add(("changed", b.id, "id"))
        for name in ("requires", "recommends"):
            if {moved.get(r, r) for r in getattr(a, name)} != set(getattr(b, name)):
                found.add(("changed", b.id, name))
        if _date(a.available_from) != _date(b.available_from):
            found.add(("changed", b.id, "available_from"))
        if _group(a.group) != _group(b.group):
            found.add(("changed", b.id, "group"))
        for p in old.profiles:
            if _mark(a, p.id) != _mark(b, p.id):
                found.add(("changed", b.id, f"mark:{p.id}"))
    kept = set(moved.values())
    found |= {("added", i.id, "") for i in new.items if i.id not in kept}
    return found
