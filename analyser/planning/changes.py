"""What changed between two versions of the tables: records, not text (``analyser diff``).

Items, profiles, tasks and deployment periods are matched by id (periods
by name), compared after normalising (FORMATS.md). An item id that
disappears while a new id carries the same name is a rename: one change of
field ``id``, and the item's other fields are then compared too. Renamed
ids are followed in requirements, recommendations and a task's items, so a
rename alone does not look like a changed requirement. Values are compared
as the tool reads them (``X`` and ``x`` are the same mark, "arkisto" and
"tietovaranto" the same service); a change shows them as each workbook
wrote them, and names the cell in both versions.

Fields of a change (:attr:`Change.field`): "" for a whole thing added or
removed, "id" for a rename; items: "name", "requires", "recommends",
"mark:<profile id>", "group", "service", "test", "period",
"available_from"; profiles: "name", "valid_from", "valid_until"; tasks:
"task", "timing", "responsible", "applies_to", "after"; periods: "start",
"end", "deadline", "services".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable, Iterable, Mapping

from analyser.findings import Finding, sort_findings
from analyser.records import Catalogue, Item, Period, Profile, Task
from analyser.text.labels import t
from analyser.text.vocabulary import natural_key, normalise

__all__ = ["Change", "TableDiff", "diff_catalogues", "SUBJECTS", "ITEM_FIELDS"]

#: What a change is about, in the order changes are listed.
SUBJECTS = ("item", "profile", "task", "period")

#: The item fields compared, in the order they are listed (the profile marks come after them).
ITEM_FIELDS = ("name", "requires", "recommends", "group", "service", "test", "period", "available_from")
_PROFILE_FIELDS = ("name", "valid_from", "valid_until")
_TASK_FIELDS = ("task", "timing", "responsible", "applies_to", "after")
_PERIOD_FIELDS = ("start", "end", "deadline", "services")


@dataclass(frozen=True)
class Change:
    """One difference between the old and the new version (FORMATS.md §5 ``changes``).

    ``id`` is the id in the new version (the old one for a removal);
    ``old`` and ``new`` the value as each workbook wrote it ("" where there
    is none); ``old_cell`` and ``new_cell`` where, as ``Sheet!A1``.

    Examples
    --------
    >>> ch = Change("changed", "item", "SOS", "group", "vanhat", "2. vaihe", "Osatoteutukset!E3", "Osatoteutukset!E4")
    >>> print(ch.text("en"))
    Item SOS: document group 'vanhat' → '2. vaihe' (old Osatoteutukset!E3, new Osatoteutukset!E4)
    >>> sorted(ch.as_dict())
    ['cell', 'field', 'id', 'kind', 'message', 'new', 'new_cell', 'old', 'old_cell', 'subject']
    """

    kind: str
    subject: str
    id: str
    field: str
    old: str = ""
    new: str = ""
    old_cell: str = ""
    new_cell: str = ""

    @property
    def cell(self) -> str:
        """The cell in the new version, or in the old one when the new has none (a removal)."""
        return self.new_cell or self.old_cell

    def field_text(self, lang: str = "fi") -> str:
        """The field in words ("" for a whole thing)."""
        if self.field.startswith("mark:"):
            return t("diff.field.mark", lang, profile=self.field[5:])
        return t(f"diff.field.{self.subject}.{self.field}", lang) if self.field else ""

    def text(self, lang: str = "fi") -> str:
        """The change in one line, naming the cell in both versions."""
        cells = t("diff.cells", lang, old=self.old_cell or "–", new=self.new_cell or "–")
        if self.kind in ("added", "removed"):
            return t(f"diff.{self.kind}.{self.subject}", lang, id=self.id, value=self.new or self.old, cells=cells)
        if self.field == "id":
            return t(f"diff.renamed.{self.subject}", lang, old=self.old, new=self.new, cells=cells)
        return t("diff.changed", lang, what=t(f"diff.subject.{self.subject}", lang), id=self.id,
                 field=self.field_text(lang), old=self.old, new=self.new, cells=cells)

    def as_dict(self, lang: str = "fi") -> dict:
        """The JSON object of FORMATS.md §5 (``kind``, ``id``, ``field``, ``old``, ``new``, ``cell``), with
        ``subject``, ``old_cell``, ``new_cell`` and ``message`` (:meth:`text` in ``lang``)."""
        return {"kind": self.kind, "id": self.id, "field": self.field, "old": self.old, "new": self.new,
                "cell": self.cell, "subject": self.subject, "old_cell": self.old_cell, "new_cell": self.new_cell,
                "message": self.text(lang)}


@dataclass(frozen=True)
class TableDiff:
    """Every change from one version of the tables to another.

    ``changes`` are sorted by subject (:data:`SUBJECTS`), id, field;
    ``renames`` maps each renamed item's old id to its new id; ``findings``
    are both versions' findings (sorted, a finding both report once);
    ``matched`` and ``matched_profiles`` map every old item and profile id
    that the new version keeps (renamed or not) to its new id.
    """

    old: Catalogue
    new: Catalogue
    changes: tuple[Change, ...] = ()
    renames: Mapping[str, str] = field(default_factory=dict)
    findings: tuple[Finding, ...] = ()
    matched: Mapping[str, str] = field(default_factory=dict, repr=False)
    matched_profiles: Mapping[str, str] = field(default_factory=dict, repr=False)

    def new_id(self, old_id: str) -> str | None:
        """The id an old item has in the new version (None when it was removed).

        Examples
        --------
        >>> diff_catalogues(c, c).new_id("SOS")
        'SOS'
        """
        return self.matched.get(old_id)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def _ids(ids: Iterable[str]) -> str:
    return ", ".join(sorted(ids, key=natural_key))


def _match(old: Iterable, new: Iterable, key: Callable, name: Callable) -> tuple[list, dict]:
    """((old, new) record of every match, old id -> new id of the renames): by key, then a key that
    disappears while one new key carries the same name."""
    old_by = {key(r): r for r in old}
    new_by = {key(r): r for r in new}
    pairs = [(old_by[k], new_by[k]) for k in old_by if k in new_by]
    gone: dict[str, list] = {}
    fresh: dict[str, list] = {}
    for k, r in old_by.items():
        if k not in new_by:
            gone.setdefault(normalise(name(r)), []).append(r)
    for k, r in new_by.items():
        if k not in old_by:
            fresh.setdefault(normalise(name(r)), []).append(r)
    renames = {}
    for n, was in gone.items():
        now = fresh.get(n, [])
        if n and len(was) == 1 and len(now) == 1:
            pairs.append((was[0], now[0]))
            renames[was[0].id] = now[0].id
    return pairs, renames


class _Differ:
    """One comparison: the matches made so far and the changes found."""

    def __init__(self, old: Catalogue, new: Catalogue):
        self.old, self.new = old, new
        self.changes: list[Change] = []
        self.items, self.renames = _match(old.items, new.items, lambda i: normalise(i.id), lambda i: i.name)
        self.item_id = {a.id: b.id for a, b in self.items}
        self.profiles, _ = _match(old.profiles, new.profiles, lambda p: normalise(p.id),
                                  lambda p: p.name if normalise(p.name) != normalise(p.id) else "")
        self._deps = {}

    def whole(self, subject: str, kind: str, record, value: str) -> None:
        cell = record.cell_of("id" if subject in ("item", "profile", "task") else "name")
        old, new, old_cell, new_cell = (value, "", cell, "") if kind == "removed" else ("", value, "", cell)
        self.changes.append(Change(kind, subject, record.id if subject != "period" else record.name, "",
                                   old, new, old_cell, new_cell))

    def compare(self, subject: str, a, b, fields, same: Callable, shown: Callable, cell: Callable) -> None:
        rid = b.name if subject == "period" else b.id
        if subject in ("item", "profile") and a.id != b.id and normalise(a.id) != normalise(b.id):
            self.changes.append(Change("changed", subject, rid, "id", a.id, b.id, a.cell_of("id"), b.cell_of("id")))
        for name in fields:
            if not same(name, a, b):
                self.changes.append(Change("changed", subject, rid, name, shown(name, a, self.old),
                                           shown(name, b, self.new), cell(name, a, self.old), cell(name, b, self.new)))

    # -- items ------------------------------------------------------------------------
    def item_same(self, name: str, a: Item, b: Item) -> bool:
        if name in ("requires", "recommends"):
            return {self.item_id.get(i, i) for i in getattr(a, name)} == set(getattr(b, name))
        if name.startswith("mark:"):
            pid = name[5:]
            return a.mark(self._old_profile(pid)) == b.mark(pid)
        if name == "name":
            return normalise(a.name) == normalise(b.name)
        if name == "service":
            return a.service_key == b.service_key
        return getattr(a, name) == getattr(b, name)

    def _old_profile(self, new_pid: str) -> str:
        return next((p.id for p, q in self.profiles if q.id == new_pid), new_pid)

    def item_shown(self, name: str, item: Item, catalogue: Catalogue) -> str:
        if name in ("requires", "recommends"):
            return _ids(getattr(item, name))
        if name.startswith("mark:"):
            pid = name[5:] if catalogue is self.new else self._old_profile(name[5:])
            return dict(item.written).get(f"mark:{pid}", "")
        if name in ("test", "period"):
            return dict(item.written).get(name, "")
        if name == "group":
            return item.group_text
        if name == "available_from":
            return _iso(item.available_from)
        return getattr(item, name)

    def item_cell(self, name: str, item: Item, catalogue: Catalogue) -> str:
        if name.startswith("mark:") and catalogue is self.old:
            name = f"mark:{self._old_profile(name[5:])}"
        if name in ("requires", "recommends") and name not in dict(item.columns):
            return self._matrix_cell(name, item, catalogue)
        return item.cell_of(name)

    def _matrix_cell(self, kind: str, item: Item, catalogue: Catalogue) -> str:
        """The cell of a dependency declared only on a matrix sheet: of one that this version adds or
        drops, else of any of the item's, else the item's own cell."""
        places = self._dependency_places(catalogue).get((item.id, kind), {})
        if catalogue is self.old:
            differs = {self.item_id.get(p) for p in places} - set(getattr(self._new_of(item), kind, ()))
            differs = {p for p in places if self.item_id.get(p) in differs}
        else:
            old = self._old_of(item)
            differs = set(places) - {self.item_id.get(p, p) for p in getattr(old, kind, ())}
        chosen = sorted((places[p] for p in differs or places), key=lambda p: (p.sheet, p.row, p.col))
        return chosen[0].sheet_cell if chosen else item.cell_of("id")

    def _new_of(self, item: Item) -> Item | None:
        return next((b for a, b in self.items if a is item), None)

    def _old_of(self, item: Item) -> Item | None:
        return next((a for a, b in self.items if b is item), None)

    def _dependency_places(self, catalogue: Catalogue) -> dict:
        """(item, kind) -> {prerequisite: the cell that declares it}."""
        found = self._deps.get(id(catalogue))
        if found is None:
            found = self._deps[id(catalogue)] = {}
            for dep in catalogue.dependencies:
                found.setdefault((dep.item, dep.kind), {}).setdefault(dep.prerequisite, dep.place)
        return found

    def diff_items(self) -> None:
        marks = [f"mark:{q.id}" for _, q in self.profiles]
        marks.sort(key=lambda m: natural_key(m[5:]))
        for a, b in self.items:
            self.compare("item", a, b, ITEM_FIELDS + tuple(marks), self.item_same, self.item_shown, self.item_cell)
        self._unmatched("item", self.old.items, self.new.items, self.items, lambda i: i.name)

    # -- profiles, tasks, periods ---------------------------------------------------------
    def diff_profiles(self) -> None:
        def same(name: str, a: Profile, b: Profile) -> bool:
            return normalise(a.name) == normalise(b.name) if name == "name" else getattr(a, name) == getattr(b, name)

        def shown(name: str, p: Profile, _catalogue) -> str:
            return p.name if name == "name" else _iso(getattr(p, name))

        for a, b in self.profiles:
            self.compare("profile", a, b, _PROFILE_FIELDS, same, shown, lambda n, p, _c: p.cell_of(n))
        self._unmatched("profile", self.old.profiles, self.new.profiles, self.profiles, lambda p: p.name)

    def diff_tasks(self) -> None:
        tasks, _ = _match(self.old.tasks, self.new.tasks, lambda x: normalise(x.id), lambda x: "")

        def applies(task: Task, old: bool) -> set:
            return {(a.kind, self.item_id.get(a.value, a.value) if old and a.kind == "item" else a.value)
                    for a in task.applies_to}

        def same(name: str, a: Task, b: Task) -> bool:
            if name == "applies_to":
                return applies(a, True) == applies(b, False)
            if name == "after":
                return {normalise(x) for x in a.after} == {normalise(x) for x in b.after}
            return normalise(shown(name, a, None)) == normalise(shown(name, b, None))

        def shown(name: str, task: Task, _catalogue) -> str:
            if name == "applies_to":
                return ", ".join(a.text for a in task.applies_to)
            if name == "after":
                return _ids(task.after)
            return {"task": task.task, "timing": task.timing_text, "responsible": task.responsible}[name]

        for a, b in tasks:
            self.compare("task", a, b, _TASK_FIELDS, same, shown, lambda n, x, _c: x.cell_of(n))
        self._unmatched("task", self.old.tasks, self.new.tasks, tasks, lambda x: x.task)

    def diff_periods(self) -> None:
        periods, _ = _match(self.old.periods, self.new.periods, lambda p: normalise(p.name), lambda p: "")

        def same(name: str, a: Period, b: Period) -> bool:
            if name == "services":
                return set(a.service_keys) == set(b.service_keys)
            return getattr(a, name) == getattr(b, name)

        def shown(name: str, p: Period, _catalogue) -> str:
            return p.service if name == "services" else _iso(getattr(p, name))

        cell = lambda n, p, _c: p.cell_of("service" if n == "services" else n)  # noqa: E731
        for a, b in periods:
            self.compare("period", a, b, _PERIOD_FIELDS, same, shown, cell)
        self._unmatched("period", self.old.periods, self.new.periods, periods, lambda p: _iso(p.start))

    def _unmatched(self, subject: str, old: Iterable, new: Iterable, pairs: list, value: Callable) -> None:
        matched_old = {id(a) for a, _ in pairs}
        matched_new = {id(b) for _, b in pairs}
        for b in new:
            if id(b) not in matched_new:
                self.whole(subject, "added", b, value(b))
        for a in old:
            if id(a) not in matched_old:
                self.whole(subject, "removed", a, value(a))


def _order(change: Change) -> tuple:
    fields = {"item": ("", "id") + ITEM_FIELDS, "profile": ("", "id") + _PROFILE_FIELDS,
              "task": ("",) + _TASK_FIELDS, "period": ("",) + _PERIOD_FIELDS}[change.subject]
    rank = fields.index(change.field) if change.field in fields else len(fields)
    return (SUBJECTS.index(change.subject), natural_key(change.id), rank, natural_key(change.field),
            change.kind, change.old_cell)


def diff_catalogues(old: Catalogue, new: Catalogue) -> TableDiff:
    """Every change from ``old`` to ``new``, each naming its cell in both versions.

    Examples
    --------
    >>> from dataclasses import replace
    >>> diff_catalogues(c, c).changes
    ()
    >>> sos = c.item("SOS")
    >>> items = [replace(i, id="SOS-1") if i is sos else
    ...          replace(i, requires=tuple("SOS-1" if r == "SOS" else r for r in i.requires)) for i in c.items]
    >>> items = [replace(i, group="phase-2", group_text="2. vaihe") if i.id == "SOS-VANHAT" else i for i in items]
    >>> d = diff_catalogues(c, replace(c, items=tuple(items)))
    >>> [(ch.kind, ch.id, ch.field, ch.old, ch.new) for ch in d.changes]
    [('changed', 'SOS-1', 'id', 'SOS', 'SOS-1'), ('changed', 'SOS-VANHAT', 'group', 'vanhat asiakirjat', '2. vaihe')]
    >>> d.renames
    {'SOS': 'SOS-1'}
    """
    differ = _Differ(old, new)
    differ.diff_items()
    differ.diff_profiles()
    differ.diff_tasks()
    differ.diff_periods()
    renames = dict(sorted(differ.renames.items(), key=lambda kv: natural_key(kv[0])))
    return TableDiff(old, new, tuple(sorted(differ.changes, key=_order)), renames,
                     tuple(sort_findings([*old.findings, *new.findings])), dict(differ.item_id),
                     {a.id: b.id for a, b in differ.profiles})
