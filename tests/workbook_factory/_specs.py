"""Specs: plain in-memory descriptions of a dependency table, a task workbook and
an organisations file, with the deliberate defects put into them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ._vocabulary import Basis, Group, Mark, YesNo


@dataclass
class ItemRow:
    """One row of the item sheet ("Osatoteutukset").

    Enum values (:class:`Group`, :class:`YesNo`, :class:`Basis`,
    :class:`Mark`) are rendered through the vocabulary of the chosen language
    and value style; a plain ``str`` is written exactly as given (that is how
    broken values get in).  ``requires`` and ``recommends`` hold item ids;
    the writer turns them into ids or names.  ``marks`` maps profile id to a
    mark; a missing profile means "not allowed" (blank cell).
    """

    id: str
    name: str
    service: str = ""
    group: Group | str = ""
    requires: list[str] = field(default_factory=list)
    recommends: list[str] = field(default_factory=list)
    test: YesNo | str = ""
    period: YesNo | str = ""
    available_from: dt.date | str | None = None
    source: str = ""
    basis: Basis | str = ""
    note: str = ""
    marks: dict[str, Mark | str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.requires = list(self.requires)
        self.recommends = list(self.recommends)
        self.marks = dict(self.marks)


@dataclass
class ProfileRow:
    """One row of the optional profile sheet ("Profiilit")."""

    id: str
    name: str
    description: str = ""
    valid_from: dt.date | str | None = None
    valid_until: dt.date | str | None = None


@dataclass
class Defect:
    """A deliberate defect put into a spec by a ``with_*`` function.

    Parameters
    ----------
    kind : str
        ``"cycle"``, ``"unknown-reference"``, ``"self-dependency"``,
        ``"duplicate-id"``, ``"unknown-mark"``, ``"bad-date"``, ``"bad-group"``,
        ``"missing-column"`` or ``"bad-timing"``.
    item_index : int or None
        Index in ``spec.items`` (or ``spec.tasks``) of the row holding it.
    field : str or None
        Position-map field of the bad cell (``"requires"``, ``"mark:A"``, ...).
    target : str or None
        The referenced id (reference defects) or profile id (mark defects).
    text : str or None
        The bad text as written, where there is one.
    cycle : tuple of str
        For ``"cycle"``: the ids on the cycle, each requiring the next, the
        last requiring the first.
    """

    kind: str
    item_index: int | None = None
    field: str | None = None
    target: str | None = None
    text: str | None = None
    cycle: tuple[str, ...] = ()


@dataclass
class TableSpec:
    """A dependency table: items, profiles, and deliberate defects.

    ``omitted_fields`` lists item fields whose column is left out (see
    :func:`without_column`); ``defects`` is filled by the ``with_*``
    functions and located by :func:`write_dependency_table`.
    """

    items: list[ItemRow]
    profiles: list[ProfileRow] = field(default_factory=list)
    omitted_fields: frozenset[str] = frozenset()
    defects: list[Defect] = field(default_factory=list)

    def item(self, item_id: str) -> ItemRow:
        """Return the first item with ``item_id``."""
        for it in self.items:
            if it.id == item_id:
                return it
        raise KeyError(item_id)


@dataclass
class TaskRow:
    """One row of a task sheet (FORMATS.md section 2).

    ``applies_to`` is free text ("kaikki", a service, ...) or a list of item
    ids; ``after`` holds task ids; ``duration`` is days (an ``int`` is
    written as a number cell).
    """

    id: str
    task: str
    description: str = ""
    responsible: str = ""
    timing: str = ""
    duration: int | str | None = None
    after: list[str] = field(default_factory=list)
    applies_to: str | list[str] = ""
    source: str = ""

    def __post_init__(self) -> None:
        self.after = list(self.after)


@dataclass
class PeriodRow:
    """One deployment period (sheet "Käyttöönottojaksot")."""

    name: str
    start: dt.date | str | None = None
    end: dt.date | str | None = None
    registration_deadline: dt.date | str | None = None


@dataclass
class TaskSpec:
    """A task workbook: the extension tasks, periods and further task sheets."""

    tasks: list[TaskRow]
    periods: list[PeriodRow] = field(default_factory=list)
    extra_sheets: dict[str, list[TaskRow]] = field(default_factory=dict)
    defects: list[Defect] = field(default_factory=list)


@dataclass
class OrgRow:
    """One organisation of the batch input (FORMATS.md section 3).

    ``certified=None`` (or empty) is written blank, meaning "not known".
    """

    organisation: str
    profile: str
    deployed: list[str] = field(default_factory=list)
    certified: list[str] | None = None
    target_date: dt.date | str | None = None
    planned: list[str] = field(default_factory=list)
