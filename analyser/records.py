"""Frozen records parsed from the workbooks: items, profiles, dependencies, tasks, periods.

Readers in :mod:`analyser.load` produce them once; nothing downstream
changes them. Every record remembers where it was read (file, sheet and
0-based row) so later findings can point at the cell.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Mapping

from analyser.findings import Finding, a1
from analyser.text.vocabulary import ALLOWED, NOT_ALLOWED, PARTLY, natural_key, normalise

__all__ = [
    "Place",
    "Located",
    "Item",
    "Profile",
    "Dependency",
    "Applicability",
    "Task",
    "Period",
    "Catalogue",
]


@dataclass(frozen=True)
class Place:
    """Where something was read: file, sheet and 0-based row and column."""

    file: str = ""
    sheet: str = ""
    row: int = -1
    col: int = -1

    @property
    def cell(self) -> str:
        """A1 name of the cell, or "" when the place is a whole sheet or file."""
        if self.row < 0:
            return ""
        return a1(self.row, max(self.col, 0))

    @property
    def sheet_cell(self) -> str:
        """``Sheet!A1`` as spreadsheets write a reference; just the cell without a sheet, "" without a cell or sheet.

        Examples
        --------
        >>> Place("t.xlsx", "Osatoteutukset", 4, 0).sheet_cell, Place("t.csv", "", 4, 0).sheet_cell
        ('Osatoteutukset!A5', 'A5')
        """
        if not self.sheet and not self.cell:
            return ""
        return f"{self.sheet}!{self.cell}" if self.sheet else self.cell

    def at(self, col: int) -> "Place":
        """The same row, another column."""
        return Place(self.file, self.sheet, self.row, col)

    def finding(self, code: str, *, variant: str = "", severity: str | None = None, **params: object) -> Finding:
        """A finding at this place, its message worded from ``code`` (and ``variant``) with ``params``.

        Examples
        --------
        >>> Place("t.xlsx", "Osatoteutukset", 4, 0).finding("self-dependency", item="A").line("en")
        "t.xlsx: Osatoteutukset!A5: error: the item 'A' requires itself [self-dependency]"
        """
        return Finding.of(code, self.file, self.sheet, self.cell, variant=variant, severity=severity, **params)


class Located:
    """A record read from one row: ``place`` is its row (and id cell), ``columns`` pairs each field with
    the 0-based column it was read from on that row."""

    place: Place
    columns: tuple[tuple[str, int], ...]

    def cell_of(self, field: str) -> str:
        """``Sheet!A1`` of the cell ``field`` was read from; the row's own cell when the column is not known.

        Examples
        --------
        >>> item = Item("A", "Alpha", place=Place("t.xlsx", "Osatoteutukset", 4, 0), columns=(("name", 1),))
        >>> item.cell_of("name"), item.cell_of("group")
        ('Osatoteutukset!B5', 'Osatoteutukset!A5')
        """
        for name, col in self.columns:
            if name == field:
                return self.place.at(col).sheet_cell
        return self.place.sheet_cell


@dataclass(frozen=True)
class Item(Located):
    """One functionality ("osatoteutus") of the dependency table.

    ``marks`` pairs each profile id with ALLOWED, PARTLY or NOT_ALLOWED.
    ``requires`` and ``recommends`` hold resolved item ids. ``columns``
    pairs each field read (``mark:<profile id>`` for a mark) with its
    column; ``written`` pairs the parsed fields (``test``, ``period``,
    ``mark:<profile id>``) with their text as the workbook wrote it.
    """

    id: str
    name: str
    service: str = ""
    service_key: str = ""
    group: str = ""
    group_text: str = ""
    requires: tuple[str, ...] = ()
    recommends: tuple[str, ...] = ()
    test: str | None = None
    period: bool | None = None
    available_from: _dt.date | None = None
    source: str = ""
    basis: str = ""
    note: str = ""
    marks: tuple[tuple[str, str], ...] = ()
    place: Place = Place()
    columns: tuple[tuple[str, int], ...] = ()
    written: tuple[tuple[str, str], ...] = ()

    @cached_property
    def _mark_of(self) -> dict[str, str]:
        return dict(self.marks)

    def mark(self, profile_id: str) -> str:
        """ALLOWED, PARTLY or NOT_ALLOWED for a profile (unknown profiles: NOT_ALLOWED)."""
        return self._mark_of.get(profile_id, NOT_ALLOWED)

    def allowed_by(self, profile_id: str) -> bool:
        return self.mark(profile_id) in (ALLOWED, PARTLY)

    @property
    def needs_test(self) -> bool:
        return self.test in ("yes", "if-needed")


@dataclass(frozen=True)
class Profile(Located):
    """An information-system profile ("tietojärjestelmäprofiili"); ``columns`` as in :class:`Located`
    (on the profile sheet; a profile named only by its column has none)."""

    id: str
    name: str
    description: str = ""
    valid_from: _dt.date | None = None
    valid_until: _dt.date | None = None
    basis: str = ""
    place: Place = Place()
    columns: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class Dependency:
    """``prerequisite`` must be in use before ``item`` (kind "requires"), or is
    only recommended first (kind "recommends"). ``place`` is the declaring cell;
    ``also`` the matrix cell when a matrix sheet declares it too."""

    prerequisite: str
    item: str
    kind: str = "requires"
    place: Place = Place()
    also: Place | None = None


@dataclass(frozen=True)
class Applicability:
    """What a task applies to: kind is "all", "service", "group", "item" or
    "condition" (value "deployment-test" or "period"); text as written."""

    kind: str
    value: str
    text: str = ""


@dataclass(frozen=True)
class Task(Located):
    """One task of an extension from the task workbook; ``columns`` as in :class:`Located`."""

    id: str
    task: str
    description: str = ""
    responsible: str = ""
    responsible_key: str = ""
    timing_text: str = ""
    timing: Any = None
    duration: int | None = None
    after: tuple[str, ...] = ()
    applies_to: tuple[Applicability, ...] = ()
    source: str = ""
    basis: str = ""
    place: Place = Place()
    timing_place: Place = Place()
    columns: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class Period(Located):
    """A deployment period ("käyttöönottojakso"); ``service_keys`` empty means every service;
    ``columns`` as in :class:`Located`."""

    name: str
    start: _dt.date
    end: _dt.date | None = None
    deadline: _dt.date | None = None
    service_keys: tuple[str, ...] = ()
    service: str = ""
    basis: str = ""
    note: str = ""
    place: Place = Place()
    columns: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class Catalogue:
    """Everything read from the dependency table and the task workbook.

    Examples
    --------
    >>> c = Catalogue(items=(Item("A", "Alpha"), Item("B", "Beta", requires=("A",))))
    >>> c.item("b").name, c.ids
    ('Beta', ('A', 'B'))
    >>> c
    Catalogue(items=2, profiles=0, dependencies=0, tasks=0, periods=0, findings=0)
    """

    items: tuple[Item, ...] = ()
    profiles: tuple[Profile, ...] = ()
    dependencies: tuple[Dependency, ...] = ()
    tasks: tuple[Task, ...] = ()
    periods: tuple[Period, ...] = ()
    findings: tuple[Finding, ...] = ()
    table_path: str = ""
    tasks_path: str = ""

    def __repr__(self) -> str:
        """One short line: how much of each, and the names of the files it was read from."""
        from pathlib import PurePath

        parts = [f"{name}={len(getattr(self, name))}"
                 for name in ("items", "profiles", "dependencies", "tasks", "periods", "findings")]
        parts += [f"{name}={PurePath(getattr(self, name)).name!r}"
                  for name in ("table_path", "tasks_path") if getattr(self, name)]
        return f"Catalogue({', '.join(parts)})"

    @cached_property
    def ids(self) -> tuple[str, ...]:
        return tuple(sorted((i.id for i in self.items), key=natural_key))

    @cached_property
    def _by_key(self) -> Mapping[str, Item]:
        index: dict[str, Item] = {}
        for item in self.items:
            index.setdefault(normalise(item.id), item)
        for item in self.items:
            index.setdefault(normalise(item.name), item)
        return index

    def item(self, ref: str) -> Item:
        """The item an id or name refers to (compared after normalising); KeyError if none."""
        return self._by_key[normalise(ref)]

    def find_item(self, ref: str) -> Item | None:
        try:
            return self.item(ref)
        except KeyError:
            return None

    @cached_property
    def _profiles_by_key(self) -> Mapping[str, Profile]:
        index: dict[str, Profile] = {}
        for profile in self.profiles:
            index.setdefault(normalise(profile.id), profile)
        for profile in self.profiles:
            index.setdefault(normalise(profile.name), profile)
        return index

    def profile(self, ref: str) -> Profile:
        """The profile an id or name refers to; KeyError if none."""
        return self._profiles_by_key[normalise(ref)]

    def find_profile(self, ref: str) -> Profile | None:
        try:
            return self.profile(ref)
        except KeyError:
            return None

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]
