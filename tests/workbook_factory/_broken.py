"""Broken variants: copies of a spec with one deliberate defect, recorded as a :class:`Defect`."""

from __future__ import annotations

import copy

from ._cells import mark_field
from ._specs import Defect, ItemRow, TableSpec, TaskSpec
from ._vocabulary import ITEM_FIELDS


def _copy(spec):
    return copy.deepcopy(spec)


def _pick(spec: TableSpec, index: int | None) -> int:
    if not spec.items:
        raise ValueError("spec has no items")
    return len(spec.items) // 2 if index is None else index


def with_cycle(spec: TableSpec) -> TableSpec:
    """Close a requirement cycle; the new entry goes to the last item on it.

    Follows the first requirement chain from the first item that has one
    (a -> b -> ... -> z) and adds ``a`` to z's requires; without any
    requirement, makes the first two items require each other.  The defect's
    cells are z's requires cell (and matrix cell); ``related`` holds the
    requires cells of the other members.
    """
    spec = _copy(spec)
    index_of = {}
    for i, it in enumerate(spec.items):
        index_of.setdefault(it.id, i)
    start = next((i for i, it in enumerate(spec.items)
                  if any(r in index_of for r in it.requires)), None)
    if start is None:
        if len(spec.items) < 2:
            raise ValueError("need two items for a cycle")
        a, b = spec.items[0], spec.items[1]
        a.requires.append(b.id)
        b.requires.append(a.id)
        spec.defects.append(Defect("cycle", 1, "requires", a.id, a.id, (a.id, b.id)))
        return spec
    chain = [spec.items[start].id]
    while True:
        nxt = next((r for r in spec.items[index_of[chain[-1]]].requires
                    if r in index_of and r not in chain), None)
        if nxt is None:
            break
        chain.append(nxt)
    last = index_of[chain[-1]]
    spec.items[last].requires.append(chain[0])
    spec.defects.append(Defect("cycle", last, "requires", chain[0], chain[0], tuple(chain)))
    return spec


def with_unknown_reference(spec: TableSpec, index: int | None = None,
                           target: str = "EI-OLE-99") -> TableSpec:
    """Make item ``index`` (default: the middle one) require a nonexistent id."""
    spec = _copy(spec)
    i = _pick(spec, index)
    spec.items[i].requires.append(target)
    spec.defects.append(Defect("unknown-reference", i, "requires", target, target))
    return spec


def with_self_dependency(spec: TableSpec, index: int | None = None) -> TableSpec:
    """Make item ``index`` (default: the middle one) require itself."""
    spec = _copy(spec)
    i = _pick(spec, index)
    item = spec.items[i]
    item.requires.append(item.id)
    spec.defects.append(Defect("self-dependency", i, "requires", item.id, item.id))
    return spec


def with_duplicate_id(spec: TableSpec, index: int | None = None) -> TableSpec:
    """Append a new item carrying the id of item ``index`` (default: the first).

    The copy has a distinct name, no requirements and no marks; the defect's
    cell is its id cell, ``related`` the first occurrence's id cell.
    """
    spec = _copy(spec)
    i = 0 if index is None else index
    src = spec.items[i]
    spec.items.append(ItemRow(src.id, f"{src.name} (kopio)"))
    spec.defects.append(Defect("duplicate-id", len(spec.items) - 1, "id", src.id, src.id))
    return spec


def with_unknown_mark(spec: TableSpec, index: int | None = None, profile: str | None = None,
                      text: str = "ehkä") -> TableSpec:
    """Give item ``index`` a mark outside the vocabulary for ``profile``."""
    spec = _copy(spec)
    i = _pick(spec, index)
    if not spec.profiles:
        raise ValueError("spec has no profiles")
    pid = profile or spec.profiles[-1].id
    spec.items[i].marks[pid] = text
    spec.defects.append(Defect("unknown-mark", i, mark_field(pid), pid, text))
    return spec


def with_bad_date(spec: TableSpec, index: int | None = None,
                  text: str = "31.2.2024") -> TableSpec:
    """Put an impossible date text in item ``index``'s "available from"."""
    spec = _copy(spec)
    i = _pick(spec, index)
    spec.items[i].available_from = text
    spec.defects.append(Defect("bad-date", i, "available_from", None, text))
    return spec


def with_bad_group(spec: TableSpec, index: int | None = None,
                   text: str = "3. vaihe") -> TableSpec:
    """Put a group value outside the vocabulary in item ``index``."""
    spec = _copy(spec)
    i = _pick(spec, index)
    spec.items[i].group = text
    spec.defects.append(Defect("bad-group", i, "group", None, text))
    return spec


def without_column(spec: TableSpec, field_name: str) -> TableSpec:
    """Leave out the column of ``field_name`` (e.g. "id", the required one)."""
    if field_name not in ITEM_FIELDS:
        raise ValueError(f"unknown item field {field_name!r}")
    spec = _copy(spec)
    spec.omitted_fields = frozenset(spec.omitted_fields | {field_name})
    spec.defects.append(Defect("missing-column", None, field_name))
    return spec


def with_bad_timing(spec: TaskSpec, index: int = 0,
                    text: str = "sopivana ajankohtana") -> TaskSpec:
    """Give task ``index`` a timing phrase no parser understands."""
    spec = _copy(spec)
    spec.tasks[index].timing = text
    spec.defects.append(Defect("bad-timing", index, "timing", None, text))
    return spec
