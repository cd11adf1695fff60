"""Write Kanta-style workbooks in every layout FORMATS.md allows.

This module is a test library, an *oracle* independent of the readers in
``analyser/load``.  It turns a plain in-memory description of a dependency
table (:class:`TableSpec`), a task workbook (:class:`TaskSpec`) or an
organisations file (a list of :class:`OrgRow`) into real files -- ``.xlsx``,
``.xlsm``, ``.xls``, ``.ods`` or CSV -- laid out in any of the ways
``/work/shared/FORMATS.md`` permits: Finnish, Swedish or English labels,
alternative header synonyms, title rows above the header, one- or two-row
profile headers with merged cells, a dependency matrix sheet, blank rows,
shuffled columns, a hidden sheet first, and so on.

Every writer returns a record of *where* each value went (sheet name and A1
cell), so reader tests can assert positions of findings, e.g. the cell of a
bad ``requires`` entry.

Writing happens in two stages: the spec is first laid out as logical grids
(:class:`SheetModel`: cells, merged ranges, hidden flag), then one backend per
format renders the grids.  All formats therefore share the same positions;
only CSV drops merges (the value stays in the top-left cell, as a spreadsheet
program exports it).

Examples
--------
>>> import tempfile, pathlib
>>> spec = small_spec()
>>> with tempfile.TemporaryDirectory() as tmp:
...     out = write_dependency_table(spec, pathlib.Path(tmp) / "t.xlsx",
...                                  language="sv", title_rows=2,
...                                  profile_header="two-row")
...     out.cell("ARK-1", "name")
CellRef(sheet='Delimplementeringar', cell='B5')

Limitations
-----------
* CSV has no merged cells, no hidden sheets and no cell types: merges are
  dropped (value kept in the top-left cell), a "hidden" sheet is written as an
  ordinary ``.csv`` file, real dates are written as ISO text and numbers as
  their digits.
* xlwt writes BIFF8 (``.xls``, Excel 97-2003): at most 65 536 rows and 256
  columns; sheet names at most 31 characters.
* ``tarvittaessa`` ("if needed") and the basis words ``dokumentoitu`` /
  ``oletus`` have no Swedish or English synonyms in FORMATS.md, so they are
  written in Finnish in every language.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import enum
import random
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields as dc_fields, replace
from pathlib import Path
from typing import Any, NamedTuple

__all__ = [
    # vocabulary
    "LANGUAGES", "ITEM_FIELDS", "PROFILE_FIELDS", "TASK_FIELDS", "PERIOD_FIELDS",
    "ORG_FIELDS", "ITEM_HEADERS", "PROFILE_HEADERS", "TASK_HEADERS",
    "PERIOD_HEADERS", "ORG_HEADERS", "SHEET_NAMES", "PROFILE_SUPER_HEADERS",
    "GROUP_WORDS", "YES_NO_WORDS", "MARK_WORDS", "BASIS_WORDS", "AND_WORDS",
    "Group", "YesNo", "Mark", "Basis",
    # specs
    "ItemRow", "ProfileRow", "TableSpec", "TaskRow", "PeriodRow", "TaskSpec",
    "OrgRow", "Defect",
    # results
    "CellRef", "SheetModel", "LocatedDefect", "WrittenTable", "WrittenTasks",
    "WrittenOrganisations", "Layout",
    # writers
    "write_dependency_table", "write_task_workbook", "write_organisations",
    # ready-made specs and variants
    "small_spec", "random_spec", "random_layout", "layouts", "small_task_spec",
    "small_organisations", "with_cycle", "with_unknown_reference",
    "with_self_dependency", "with_duplicate_id", "with_unknown_mark",
    "with_bad_date", "with_bad_group", "without_column", "with_bad_timing",
    # oracles
    "expected_requires", "expected_marks", "classify_mark", "mark_field",
    "a1", "parse_a1", "FORMATS",
]

# ---------------------------------------------------------------------------
# Vocabulary (transcribed from FORMATS.md; first synonym = default)
# ---------------------------------------------------------------------------

LANGUAGES = ("fi", "sv", "en")
FORMATS = ("xlsx", "xlsm", "xls", "ods", "csv")

ITEM_FIELDS = ("id", "name", "service", "group", "requires", "recommends", "test",
               "period", "available_from", "source", "basis", "note")

ITEM_HEADERS: dict[str, dict[str, tuple[str, ...]]] = {
    "id": {"fi": ("Tunnus", "Nro", "ID"), "sv": ("Kod", "Nr"), "en": ("Code", "ID")},
    "name": {"fi": ("Osatoteutus", "Toiminnallisuus", "Nimi"),
             "sv": ("Delimplementering", "Funktionalitet", "Namn"),
             "en": ("Functionality", "Name")},
    "service": {"fi": ("Palvelu", "Kanta-palvelu"), "sv": ("Tjänst",), "en": ("Service",)},
    "group": {"fi": ("Asiakirjaryhmä", "Vaihe"), "sv": ("Dokumentgrupp", "Skede"),
              "en": ("Document group", "Phase")},
    "requires": {"fi": ("Edellyttää", "Riippuvuudet", "Riippuu"),
                 "sv": ("Förutsätter", "Beroenden"), "en": ("Requires", "Depends on")},
    "recommends": {"fi": ("Suositellaan ensin",), "sv": ("Rekommenderas först",),
                   "en": ("Recommended first",)},
    "test": {"fi": ("Käyttöönottokoe",), "sv": ("Ibruktagningstest",),
             "en": ("Deployment test",)},
    "period": {"fi": ("Käyttöönottojakso",), "sv": ("Ibruktagningsperiod",),
               "en": ("Deployment period",)},
    "available_from": {"fi": ("Saatavilla alkaen", "Julkaisu"), "sv": ("Tillgänglig från",),
                       "en": ("Available from",)},
    "source": {"fi": ("Lähde",), "sv": ("Källa",), "en": ("Source",)},
    "basis": {"fi": ("Peruste",), "sv": ("Grund",), "en": ("Basis",)},
    "note": {"fi": ("Huom", "Lisätiedot"), "sv": ("Anmärkning",), "en": ("Note",)},
}

PROFILE_FIELDS = ("id", "name", "description", "valid_from", "valid_until")
PROFILE_HEADERS: dict[str, dict[str, tuple[str, ...]]] = {
    "id": {"fi": ("Tunnus",), "sv": ("Kod",), "en": ("ID",)},
    "name": {"fi": ("Nimi",), "sv": ("Namn",), "en": ("Name",)},
    "description": {"fi": ("Kuvaus",), "sv": ("Beskrivning",), "en": ("Description",)},
    "valid_from": {"fi": ("Voimassa alkaen",), "sv": ("Giltig från",), "en": ("Valid from",)},
    "valid_until": {"fi": ("Voimassa asti",), "sv": ("Giltig till",), "en": ("Valid until",)},
}

TASK_FIELDS = ("id", "task", "description", "responsible", "timing", "duration", "after",
               "applies_to", "source")
TASK_HEADERS: dict[str, dict[str, tuple[str, ...]]] = {
    "id": {"fi": ("Nro", "Tunnus"), "sv": ("Nr",), "en": ("ID",)},
    "task": {"fi": ("Tehtävä",), "sv": ("Uppgift",), "en": ("Task",)},
    "description": {"fi": ("Kuvaus",), "sv": ("Beskrivning",), "en": ("Description",)},
    "responsible": {"fi": ("Vastuutaho", "Vastuu"), "sv": ("Ansvarig",), "en": ("Responsible",)},
    "timing": {"fi": ("Ajoitus", "Ajankohta"), "sv": ("Tidpunkt",), "en": ("Timing",)},
    "duration": {"fi": ("Kesto",), "sv": ("Längd",), "en": ("Duration",)},
    "after": {"fi": ("Edeltävät tehtävät",), "sv": ("Föregående",), "en": ("Predecessors",)},
    "applies_to": {"fi": ("Koskee",), "sv": ("Gäller",), "en": ("Applies to",)},
    "source": {"fi": ("Lähde",), "sv": ("Källa",), "en": ("Source",)},
}

PERIOD_FIELDS = ("name", "start", "end", "registration_deadline")
PERIOD_HEADERS: dict[str, dict[str, tuple[str, ...]]] = {
    "name": {"fi": ("Jakso",), "sv": ("Period",), "en": ("Period",)},
    "start": {"fi": ("Alkaa",), "sv": ("Börjar",), "en": ("Start",)},
    "end": {"fi": ("Päättyy",), "sv": ("Slutar",), "en": ("End",)},
    "registration_deadline": {"fi": ("Ilmoittautuminen viimeistään",),
                              "sv": ("Anmälan senast",), "en": ("Registration deadline",)},
}

ORG_FIELDS = ("organisation", "profile", "deployed", "certified", "target_date", "planned")
ORG_HEADERS: dict[str, dict[str, tuple[str, ...]]] = {
    "organisation": {"fi": ("Organisaatio", "Palvelunantaja"), "sv": ("Organisation",),
                     "en": ("Organisation",)},
    "profile": {"fi": ("Tietojärjestelmäprofiili", "Profiili"), "sv": ("Profil",),
                "en": ("Profile",)},
    "deployed": {"fi": ("Käytössä",), "sv": ("I bruk",), "en": ("Deployed",)},
    "certified": {"fi": ("Sertifioitu", "Yhteistestattu"), "sv": ("Certifierad",),
                  "en": ("Certified",)},
    "target_date": {"fi": ("Tavoitepäivä",), "sv": ("Måldatum",), "en": ("Target date",)},
    "planned": {"fi": ("Suunniteltu järjestys",), "sv": ("Planerad ordning",),
                "en": ("Planned order",)},
}

#: Sheet names per role and language.  ``items``, ``profiles``, ``matrix``,
#: ``tasks`` and ``periods`` come from FORMATS.md; ``help``, ``changelog`` and
#: ``organisations`` are the factory's own choice (FORMATS.md names none).
SHEET_NAMES: dict[str, dict[str, str]] = {
    "items": {"fi": "Osatoteutukset", "sv": "Delimplementeringar", "en": "Functionalities"},
    "profiles": {"fi": "Profiilit", "sv": "Profiler", "en": "Profiles"},
    "matrix": {"fi": "Riippuvuudet", "sv": "Beroenden", "en": "Dependencies"},
    "help": {"fi": "Ohje", "sv": "Anvisningar", "en": "Instructions"},
    "changelog": {"fi": "Muutoshistoria", "sv": "Ändringshistorik", "en": "Change log"},
    "tasks": {"fi": "Käytön laajennus", "sv": "Utvidgning av användningen",
              "en": "Extension of use"},
    "periods": {"fi": "Käyttöönottojaksot", "sv": "Ibruktagningsperioder",
                "en": "Deployment periods"},
    "organisations": {"fi": "Organisaatiot", "sv": "Organisationer", "en": "Organisations"},
}

PROFILE_SUPER_HEADERS: dict[str, tuple[str, ...]] = {
    "fi": ("Tietojärjestelmäprofiilit", "Profiilit"), "sv": ("Profiler",), "en": ("Profiles",),
}


class Group(enum.Enum):
    """Canonical document groups; rendered through :data:`GROUP_WORDS`."""

    OLD = "old"
    PHASE1 = "phase1"
    PHASE2 = "phase2"
    JOINING = "joining"


class YesNo(enum.Enum):
    """Canonical yes / no / if-needed; rendered through :data:`YES_NO_WORDS`."""

    YES = "yes"
    NO = "no"
    IF_NEEDED = "if_needed"


class Mark(enum.Enum):
    """Canonical profile marks; rendered through :data:`MARK_WORDS`."""

    ALLOWED = "allowed"
    PARTLY = "partly"
    NOT = "not"


class Basis(enum.Enum):
    """Canonical basis values; rendered through :data:`BASIS_WORDS`."""

    DOCUMENTED = "documented"
    ASSUMED = "assumed"


def _same(*words: str) -> dict[str, tuple[str, ...]]:
    return {lang: tuple(words) for lang in LANGUAGES}


GROUP_WORDS: dict[Group, dict[str, tuple[str, ...]]] = {
    Group.OLD: {"fi": ("vanhat asiakirjat", "vanhat"), "sv": ("gamla handlingar",),
                "en": ("old documents",)},
    Group.PHASE1: {"fi": ("1. vaihe", "1. vaiheen asiakirjat", "I vaihe"),
                   "sv": ("skede 1", "fas 1"), "en": ("phase 1",)},
    Group.PHASE2: {"fi": ("2. vaihe", "2. vaiheen asiakirjat", "II vaihe"),
                   "sv": ("skede 2", "fas 2"), "en": ("phase 2",)},
    Group.JOINING: {"fi": ("liittymisvelvoite",), "sv": ("anslutningsskyldighet",),
                    "en": ("joining obligation",)},
}

YES_NO_WORDS: dict[YesNo, dict[str, tuple[str, ...]]] = {
    YesNo.YES: {"fi": ("kyllä", "k", "x", "1"), "sv": ("ja", "x", "1"),
                "en": ("yes", "y", "x", "1")},
    YesNo.NO: {"fi": ("ei", "e", "0", ""), "sv": ("nej", "0", ""), "en": ("no", "n", "0", "")},
    YesNo.IF_NEEDED: _same("tarvittaessa"),
}

MARK_WORDS: dict[Mark, dict[str, tuple[str, ...]]] = {
    Mark.ALLOWED: {"fi": ("X", "x", "✓", "✔", "•", "K", "kyllä", "1"),
                   "sv": ("X", "x", "✓", "✔", "•", "ja", "1"),
                   "en": ("X", "x", "✓", "✔", "•", "yes", "y", "1")},
    Mark.PARTLY: {"fi": ("osittain", "(X)"), "sv": ("delvis", "(X)"), "en": ("partly", "(X)")},
    Mark.NOT: {"fi": ("", "ei", "-", "0"), "sv": ("", "nej", "-", "0"),
               "en": ("", "no", "n", "-", "0")},
}

BASIS_WORDS: dict[Basis, dict[str, tuple[str, ...]]] = {
    Basis.DOCUMENTED: _same("dokumentoitu"),
    Basis.ASSUMED: _same("oletus"),
}

AND_WORDS = {"fi": "ja", "sv": "och", "en": "and"}

_WORDS_BY_ENUM: dict[type, Mapping[Any, Mapping[str, tuple[str, ...]]]] = {
    Group: GROUP_WORDS, YesNo: YES_NO_WORDS, Mark: MARK_WORDS, Basis: BASIS_WORDS,
}

_HELP_TEXT = {
    "fi": ("Ohje", "Tämä työkirja kuvaa osatoteutusten riippuvuudet.",
           "Merkintä X tarkoittaa, että profiili sallii osatoteutuksen."),
    "sv": ("Anvisningar", "Denna arbetsbok beskriver beroenden mellan delimplementeringar.",
           "Markeringen X betyder att profilen tillåter delimplementeringen."),
    "en": ("Instructions", "This workbook describes dependencies between functionalities.",
           "A mark X means the profile allows the functionality."),
}
_TITLE_TEXT = {
    "fi": ("Kanta-palvelujen riippuvuustaulukko", "Versio 1.0, päivitetty 1.2.2024",
           "Huom: taulukko on työversio"),
    "sv": ("Beroendetabell för Kanta-tjänsterna", "Version 1.0, uppdaterad 1.2.2024",
           "Obs: tabellen är ett utkast"),
    "en": ("Kanta services dependency table", "Version 1.0, updated 1.2.2024",
           "Note: the table is a draft"),
}
_CHANGELOG = {
    "fi": (("Versio", "Päivämäärä", "Muutos"), ("1.0", "1.2.2024", "Ensimmäinen versio")),
    "sv": (("Version", "Datum", "Ändring"), ("1.0", "1.2.2024", "Första versionen")),
    "en": (("Version", "Date", "Change"), ("1.0", "1.2.2024", "First version")),
}
_EXTRA_COLUMN_VALUES = ("tarkistettava", "", "katso liite 2", "")

_FIXED_TIME = dt.datetime(2024, 1, 1, 0, 0, 0)

# ---------------------------------------------------------------------------
# Cell positions
# ---------------------------------------------------------------------------


def a1(row: int, col: int) -> str:
    """Return the A1 name of a 1-based (row, column).

    >>> a1(1, 1), a1(12, 28)
    ('A1', 'AB12')
    """
    if row < 1 or col < 1:
        raise ValueError(f"row and column are 1-based: {(row, col)}")
    letters = ""
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(ord("A") + rem) + letters
    return f"{letters}{row}"


def parse_a1(cell: str) -> tuple[int, int]:
    """Return the 1-based (row, column) of an A1 name.

    >>> parse_a1("AB12")
    (12, 28)
    """
    m = re.fullmatch(r"([A-Z]+)([1-9][0-9]*)", cell)
    if not m:
        raise ValueError(f"not an A1 cell name: {cell!r}")
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - ord("A") + 1
    return int(m.group(2)), col


class CellRef(NamedTuple):
    """A cell position: sheet name (for CSV: the file stem) and A1 name.

    A named tuple, so ``ref == ("Osatoteutukset", "B3")`` holds.
    """

    sheet: str
    cell: str

    @property
    def row(self) -> int:
        """1-based row number."""
        return parse_a1(self.cell)[0]

    @property
    def col(self) -> int:
        """1-based column number."""
        return parse_a1(self.cell)[1]


def mark_field(profile_id: str) -> str:
    """Return the position-map field name of the mark of ``profile_id``.

    >>> mark_field("A")
    'mark:A'
    """
    return f"mark:{profile_id}"


# ---------------------------------------------------------------------------
# Logical sheets
# ---------------------------------------------------------------------------

Value = str | int | float | dt.date | None


@dataclass
class SheetModel:
    """A logical sheet: cell values by 1-based (row, col), merges, visibility.

    Values are ``str`` (text, may contain newlines; ``""`` is an explicitly
    written blank cell), ``int`` (number cell), ``datetime.date`` (date cell)
    or absent.  Merges are ``(r1, c1, r2, c2)``, inclusive; only the top-left
    cell of a merge holds a value.
    """

    name: str
    cells: dict[tuple[int, int], Value] = field(default_factory=dict)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    hidden: bool = False

    def put(self, row: int, col: int, value: Value) -> CellRef:
        """Set a cell (``None`` leaves it absent) and return its position."""
        for r1, c1, r2, c2 in self.merges:
            if r1 <= row <= r2 and c1 <= col <= c2 and (row, col) != (r1, c1):
                raise ValueError(f"{self.name}!{a1(row, col)} is covered by a merge")
        if value is not None:
            self.cells[(row, col)] = value
        return CellRef(self.name, a1(row, col))

    def merge(self, r1: int, c1: int, r2: int, c2: int) -> None:
        """Merge an inclusive range (no-op for a single cell)."""
        if (r1, c1) == (r2, c2):
            return
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                if (r, c) != (r1, c1) and (r, c) in self.cells:
                    raise ValueError(f"merge over a written cell {a1(r, c)}")
        self.merges.append((r1, c1, r2, c2))

    def get(self, ref: CellRef | str) -> Value:
        """Return the value at an A1 name or :class:`CellRef` (``None`` if absent)."""
        cell = ref.cell if isinstance(ref, CellRef) else ref
        return self.cells.get(parse_a1(cell))

    @property
    def max_row(self) -> int:
        """Last used row (cells or merges), 0 if empty."""
        rows = [r for r, _ in self.cells] + [m[2] for m in self.merges]
        return max(rows, default=0)

    @property
    def max_col(self) -> int:
        """Last used column (cells or merges), 0 if empty."""
        cols = [c for _, c in self.cells] + [m[3] for m in self.merges]
        return max(cols, default=0)

    def merged_ranges(self) -> list[str]:
        """Merged ranges as sorted ``"A1:B2"`` strings."""
        return sorted(f"{a1(r1, c1)}:{a1(r2, c2)}" for r1, c1, r2, c2 in self.merges)


# ---------------------------------------------------------------------------
# Specs
# ---------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------
# Layout
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Layout:
    """How a dependency table is laid out.  Every option has a safe default.

    Parameters
    ----------
    fmt : {"xlsx", "xlsm", "xls", "ods", "csv"} or None
        None: from the path suffix (no suffix means a CSV folder).
    language : {"fi", "sv", "en"}
        Labels and sheet names.
    headers : {"first", "random"}
        Which synonym per header: the first listed, or one picked per field
        with ``seed``.
    header_overrides : mapping
        Field -> header text, e.g. ``{"id": "Nro"}``; wins over ``headers``.
    decorate_headers : bool
        Alter header text in ways a normalising reader must see through
        (upper case, trailing ``:`` or ``*``, no-break or doubled spaces,
        padding, decomposed Unicode), picked per header with ``seed``.
    values : {"first", "random"}
        Enum values (group, yes/no, basis, marks) as the first listed synonym
        of the language, or a seeded random synonym per cell.
    seed : int
        Seed of every random choice above and of ``requires_as="mixed"``.
    title_rows : int
        Rows of title text above the header (column A).
    blank_after_title : bool
        A blank row between the title rows and the header.
    merge_title : bool
        Merge each title row across the table width.
    profile_header : {"flat", "two-row", "two-row-unmerged"}
        Profile columns as plain header cells; or a super-header
        ("Tietojärjestelmäprofiilit" ...) merged over the profile columns on
        the first header row with profile labels on the second and field
        headers merged vertically over both rows; or the same without merges
        (text in the top cell only).  CSV always gets the unmerged form.
    profile_labels : {"ids", "names"}
        Profile column labels.
    super_header : str or None
        Text of the super-header (default: first synonym of the language).
    requires_as : {"ids", "names", "mixed"}
        How ``requires`` / ``recommends`` references are written.
    separator : str
        ``","``, ``";"``, ``"\\n"``, ``"and"`` (" ja " / " och " / " and "),
        ``"natural"`` ("A, B ja C"), or any literal string.
    matrix : {None, "only", "both"}
        Add a square "Riippuvuudet" sheet; with ``"only"`` the item sheet has
        no requires column.
    matrix_labels : {"ids", "names"}
        Labels of the matrix rows and columns.
    matrix_mark : str or None
        Mark text in the matrix (None: an ALLOWED word by ``values``).
    matrix_disagree : (str, str) or None
        ``(r, c)``: flip whether the matrix says r requires c, so the matrix
        and the requires column disagree on that one dependency (only with
        ``matrix="both"``).
    include_profile_sheet : bool
        Write the "Profiilit" sheet.
    fields : tuple of str or None
        Item fields to write, in order (None: all of :data:`ITEM_FIELDS`).
    column_seed : int or None
        Shuffle the columns (fields, the profile block as one unit, the extra
        column) with this seed.
    blank_rows_after : tuple of int
        Insert a blank row after these item indices.
    trailing_blank_rows : int
        Explicitly blank rows (empty cells across the width) after the data.
    extra_column : str or None
        Header of an unknown column with free text.
    hidden_sheet_first : bool
        A hidden "Ohje" sheet before everything else.
    changelog_sheet : bool
        An unrelated visible sheet "Muutoshistoria" with a small table.
    sheet_order : tuple of str or None
        Order of the roles "items", "profiles", "matrix", "changelog".
    sheet_names : mapping
        Role -> sheet name, to replace the standard names (e.g. to test
        finding the item sheet by its headers).
    date_style : {"date", "dmy", "iso"}
        Dates as real date cells (ISO text in CSV), "d.m.yyyy" text, or ISO text.
    numbers_as_numbers : bool
        Write data cells whose text is an integer ("1", "12") as number cells.
    csv_sep : str
        CSV field separator.
    csv_bom : bool
        Start each CSV file with a UTF-8 BOM.
    """

    fmt: str | None = None
    language: str = "fi"
    headers: str = "first"
    header_overrides: Mapping[str, str] = field(default_factory=dict)
    decorate_headers: bool = False
    values: str = "first"
    seed: int = 0
    title_rows: int = 0
    blank_after_title: bool = False
    merge_title: bool = False
    profile_header: str = "flat"
    profile_labels: str = "ids"
    super_header: str | None = None
    requires_as: str = "ids"
    separator: str = ","
    matrix: str | None = None
    matrix_labels: str = "ids"
    matrix_mark: str | None = "X"
    matrix_disagree: tuple[str, str] | None = None
    include_profile_sheet: bool = True
    fields: tuple[str, ...] | None = None
    column_seed: int | None = None
    blank_rows_after: tuple[int, ...] = ()
    trailing_blank_rows: int = 0
    extra_column: str | None = None
    hidden_sheet_first: bool = False
    changelog_sheet: bool = False
    sheet_order: tuple[str, ...] | None = None
    sheet_names: Mapping[str, str] = field(default_factory=dict)
    date_style: str = "date"
    numbers_as_numbers: bool = False
    csv_sep: str = ","
    csv_bom: bool = True

    def __post_init__(self) -> None:
        _check_choice("fmt", self.fmt, (None, *FORMATS))
        _check_choice("language", self.language, LANGUAGES)
        _check_choice("headers", self.headers, ("first", "random"))
        _check_choice("values", self.values, ("first", "random"))
        _check_choice("profile_header", self.profile_header,
                      ("flat", "two-row", "two-row-unmerged"))
        _check_choice("profile_labels", self.profile_labels, ("ids", "names"))
        _check_choice("requires_as", self.requires_as, ("ids", "names", "mixed"))
        _check_choice("matrix", self.matrix, (None, "only", "both"))
        _check_choice("matrix_labels", self.matrix_labels, ("ids", "names"))
        _check_choice("date_style", self.date_style, ("date", "dmy", "iso"))
        if self.matrix_disagree is not None and self.matrix != "both":
            raise ValueError("matrix_disagree needs matrix='both'")
        unknown = set(self.fields or ()) - set(ITEM_FIELDS)
        if unknown:
            raise ValueError(f"unknown item fields {sorted(unknown)}")
        if self.title_rows < 0 or self.trailing_blank_rows < 0:
            raise ValueError("row counts must be >= 0")


def _check_choice(name: str, value: object, allowed: Sequence[object]) -> None:
    if value not in allowed:
        raise ValueError(f"{name}={value!r}; expected one of {list(allowed)}")


_LAYOUT_FIELDS = frozenset(f.name for f in dc_fields(Layout))

# ---------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------


@dataclass
class LocatedDefect:
    """A :class:`Defect` and where it ended up.

    ``cells`` are the cells holding the bad value (for a requires defect: the
    requires cell and, with a matrix, the matrix cell); ``related`` are other
    cells a reader may reasonably name (e.g. the requires cells of every item
    on a cycle, the first occurrence of a duplicate id); ``sheet`` is the
    sheet concerned (for ``"missing-column"`` the only position there is).
    """

    defect: Defect
    sheet: str
    cells: tuple[CellRef, ...] = ()
    related: tuple[CellRef, ...] = ()


@dataclass
class _Written:
    path: Path
    fmt: str
    sheets: list[SheetModel]
    roles: dict[str, str]
    csv_sep: str = ","
    csv_bom: bool = True

    def sheet(self, name_or_role: str) -> SheetModel:
        """Return a logical sheet by name or role ("items", "matrix", ...)."""
        name = self.roles.get(name_or_role, name_or_role)
        for sm in self.sheets:
            if sm.name == name:
                return sm
        raise KeyError(name_or_role)

    def value(self, ref: CellRef) -> Value:
        """Return the value written at ``ref`` (``None`` if nothing)."""
        return self.sheet(ref.sheet).get(ref)

    @property
    def sheet_names(self) -> list[str]:
        """Sheet names in workbook order."""
        return [sm.name for sm in self.sheets]


@dataclass
class WrittenTable(_Written):
    """What :func:`write_dependency_table` wrote and where.

    Attributes
    ----------
    path, fmt : Path, str
        The file (or CSV folder) and its format.
    layout : Layout
        The layout actually used (``fmt`` resolved; ``profile_header`` is
        ``"two-row-unmerged"`` for CSV when two-row was asked).
    sheets : list of SheetModel
        The logical sheets in workbook order (values exactly as written).
    roles : dict
        Role ("items", "profiles", "matrix", "help", "changelog") -> sheet name.
    header_rows : tuple of int
        1-based rows of the item sheet header (one or two).
    headers : dict
        Field -> header cell on the item sheet; ``mark:<pid>`` -> profile
        label cell; ``"profiles"`` -> super-header cell; ``"extra"`` -> extra
        column header.
    header_texts : dict
        Field -> header text written.
    cells : dict
        ``(item_id, field) -> CellRef`` for the first row with that id;
        fields are :data:`ITEM_FIELDS`, ``mark:<pid>`` and ``"extra"``.
        Blank values have positions too.
    row_cells : list of dict
        Per ``spec.items`` index: field -> CellRef (duplicates included).
    profile_headers, profile_cells : dict
        Profile sheet: field -> header cell, ``(profile_id, field)`` -> cell.
    matrix_cells : dict
        ``(row_id, col_id) -> CellRef`` for every matrix cell (marked or not).
    matrix_labels : dict
        ``("row", id)`` / ``("col", id)`` -> label cell.
    disagreement : tuple of CellRef or None
        ``(matrix cell, requires cell)`` of ``layout.matrix_disagree``.
    defects : list of LocatedDefect
        The spec's defects, located.
    """

    layout: Layout = field(default_factory=Layout)
    header_rows: tuple[int, ...] = ()
    headers: dict[str, CellRef] = field(default_factory=dict)
    header_texts: dict[str, str] = field(default_factory=dict)
    cells: dict[tuple[str, str], CellRef] = field(default_factory=dict)
    row_cells: list[dict[str, CellRef]] = field(default_factory=list)
    profile_headers: dict[str, CellRef] = field(default_factory=dict)
    profile_cells: dict[tuple[str, str], CellRef] = field(default_factory=dict)
    matrix_cells: dict[tuple[str, str], CellRef] = field(default_factory=dict)
    matrix_labels: dict[tuple[str, str], CellRef] = field(default_factory=dict)
    disagreement: tuple[CellRef, CellRef] | None = None
    defects: list[LocatedDefect] = field(default_factory=list)

    def cell(self, item_id: str, field_name: str) -> CellRef:
        """Return the cell of ``field_name`` in the first row of ``item_id``."""
        return self.cells[(item_id, field_name)]

    def mark_cell(self, item_id: str, profile_id: str) -> CellRef:
        """Return the cell of ``profile_id``'s mark for ``item_id``."""
        return self.cells[(item_id, mark_field(profile_id))]

    def defect(self, kind: str) -> LocatedDefect:
        """Return the first located defect of ``kind``."""
        for d in self.defects:
            if d.defect.kind == kind:
                return d
        raise KeyError(kind)


@dataclass
class WrittenTasks(_Written):
    """What :func:`write_task_workbook` wrote and where.

    ``cells`` maps ``(task_id, field)`` on the first sheet, ``period_cells``
    ``(period_name, field)``, ``extra_cells`` ``(sheet, task_id, field)``;
    ``headers`` / ``period_headers`` map field -> header cell.
    """

    headers: dict[str, CellRef] = field(default_factory=dict)
    header_texts: dict[str, str] = field(default_factory=dict)
    cells: dict[tuple[str, str], CellRef] = field(default_factory=dict)
    row_cells: list[dict[str, CellRef]] = field(default_factory=list)
    period_headers: dict[str, CellRef] = field(default_factory=dict)
    period_cells: dict[tuple[str, str], CellRef] = field(default_factory=dict)
    extra_cells: dict[tuple[str, str, str], CellRef] = field(default_factory=dict)
    defects: list[LocatedDefect] = field(default_factory=list)


@dataclass
class WrittenOrganisations(_Written):
    """What :func:`write_organisations` wrote and where.

    ``cells`` maps ``(organisation, field)`` (first row of that name),
    ``row_cells`` is per input row; ``headers`` maps field -> header cell.
    For CSV the sheet name in positions is the file stem.
    """

    headers: dict[str, CellRef] = field(default_factory=dict)
    header_texts: dict[str, str] = field(default_factory=dict)
    cells: dict[tuple[str, str], CellRef] = field(default_factory=dict)
    row_cells: list[dict[str, CellRef]] = field(default_factory=list)


# ---------------------------------------------------------------------------
# Rendering helpers
# ---------------------------------------------------------------------------


def _rng(seed: int, purpose: str) -> random.Random:
    """A random source independent of PYTHONHASHSEED, one per purpose."""
    return random.Random(f"{seed}:{purpose}")


def _decorate(text: str, rng: random.Random) -> str:
    choice = rng.randrange(9)
    if choice == 0:
        return text.upper()
    if choice == 1:
        return text + ":"
    if choice == 2:
        return text + " *"
    if choice == 3:
        return text.replace(" ", "\u00a0") if " " in text else "\u00a0" + text
    if choice == 4:
        return text.replace(" ", "  ") if " " in text else text + "  "
    if choice == 5:
        return f"  {text} "
    if choice == 6:
        return unicodedata.normalize("NFD", text)
    if choice == 7:
        return f"({text})"
    return text.lower()


class _Headers:
    """Picks header texts for one table kind."""

    def __init__(self, table: Mapping[str, Mapping[str, tuple[str, ...]]], language: str,
                 style: str, overrides: Mapping[str, str], decorate: bool, seed: int,
                 purpose: str):
        self.table, self.language, self.style = table, language, style
        self.overrides, self.decorate = dict(overrides), decorate
        self.rng = _rng(seed, f"headers:{purpose}")
        self.deco_rng = _rng(seed, f"decorate:{purpose}")

    def __call__(self, fld: str) -> str:
        if fld in self.overrides:
            return self.overrides[fld]
        words = self.table[fld][self.language]
        text = words[0] if self.style == "first" else self.rng.choice(words)
        return _decorate(text, self.deco_rng) if self.decorate else text


class _Values:
    """Renders cell values of one workbook."""

    def __init__(self, language: str, style: str, seed: int, date_style: str,
                 numbers_as_numbers: bool):
        self.language, self.style = language, style
        self.rng = _rng(seed, "values")
        self.date_style, self.numbers = date_style, numbers_as_numbers

    def word(self, value: object) -> Value:
        if isinstance(value, enum.Enum):
            words = _WORDS_BY_ENUM[type(value)][value][self.language]
            text = words[0] if self.style == "first" else self.rng.choice(words)
            return self.number(text)
        if value is None:
            return None
        if isinstance(value, (dt.date, int, float)):
            return self.date(value) if isinstance(value, dt.date) else value
        return self.number(str(value))

    def date(self, value: dt.date | str | None) -> Value:
        if value is None or value == "":
            return None
        if isinstance(value, str):
            return value
        if isinstance(value, dt.datetime):
            value = value.date()
        if self.date_style == "date":
            return value
        if self.date_style == "iso":
            return value.isoformat()
        return f"{value.day}.{value.month}.{value.year}"

    def number(self, text: str) -> Value:
        if self.numbers and re.fullmatch(r"0|[1-9][0-9]{0,14}", text):
            return int(text)
        return text if text != "" else None


def _join(parts: Sequence[str], separator: str, language: str) -> str:
    parts = list(parts)
    if separator == ",":
        return ", ".join(parts)
    if separator == ";":
        return "; ".join(parts)
    if separator == "and":
        return f" {AND_WORDS[language]} ".join(parts)
    if separator == "natural":
        if len(parts) <= 1:
            return "".join(parts)
        return ", ".join(parts[:-1]) + f" {AND_WORDS[language]} " + parts[-1]
    return separator.join(parts)


def _separator_tokens(separator: str, language: str) -> list[str]:
    tokens = {",": [","], ";": [";"], "\n": ["\n"]}.get(separator)
    if tokens is None and separator in ("and", "natural"):
        tokens = [",", f" {AND_WORDS[language]} "]
    if tokens is None:
        tokens = [separator]
    return tokens


def _splits(text: str) -> bool:
    """Whether a reader splitting references (FORMATS.md) would split ``text``."""
    words = set(_norm(text).split())
    return bool(set(",;\n") & set(text)) or bool(words & set(AND_WORDS.values()))


def _resolve_fmt(path: Path, fmt: str | None) -> str:
    if fmt is not None:
        return fmt
    suffix = path.suffix.lower().lstrip(".")
    if suffix in FORMATS:
        return suffix
    if suffix == "":
        return "csv"
    raise ValueError(f"cannot tell the format of {path}; pass fmt=")


def _simple_table(sheet: SheetModel, row: int, columns: Sequence[tuple[str, str]],
                  records: Sequence[Mapping[str, Value]], col0: int = 1,
                  ) -> tuple[dict[str, CellRef], list[dict[str, CellRef]]]:
    """Write a header row and records; return header and per-record positions."""
    headers = {}
    for j, (key, text) in enumerate(columns):
        headers[key] = sheet.put(row, col0 + j, text)
    rows = []
    for i, rec in enumerate(records):
        pos = {}
        for j, (key, _) in enumerate(columns):
            pos[key] = sheet.put(row + 1 + i, col0 + j, rec.get(key))
        rows.append(pos)
    return headers, rows


def _title_rows(sheet: SheetModel, lines: Sequence[str], n: int, blank_after: bool,
                merge_width: int | None) -> int:
    """Write ``n`` title rows; return the next free row."""
    for i in range(n):
        sheet.put(i + 1, 1, lines[i % len(lines)] if i < len(lines)
                  else f"{lines[-1]} ({i + 1})")
        if merge_width and merge_width > 1:
            sheet.merge(i + 1, 1, i + 1, merge_width)
    return n + 1 + (1 if blank_after and n else 0)


# ---------------------------------------------------------------------------
# Dependency table
# ---------------------------------------------------------------------------


def write_dependency_table(spec: TableSpec, path: str | Path, layout: Layout | None = None,
                           **options: Any) -> WrittenTable:
    """Write ``spec`` as a dependency table file (or CSV folder).

    Parameters
    ----------
    spec : TableSpec
        What to write.
    path : str or Path
        Target file; for CSV a folder, created if missing, holding one
        ``<sheet name>.csv`` per sheet.
    layout : Layout, optional
        Layout options; ``**options`` override single fields of it (see
        :class:`Layout` for all of them, e.g. ``fmt="ods"``,
        ``language="sv"``, ``title_rows=2``, ``profile_header="two-row"``,
        ``matrix="both"``).

    Returns
    -------
    WrittenTable
        Positions of everything written; ``cells[(item_id, field)]`` is a
        :class:`CellRef` (sheet name, A1 cell).

    Raises
    ------
    ValueError
        For an unknown option, or when a name written as a reference would
        contain the chosen separator (the file would be ambiguous).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     out = write_dependency_table(small_spec(), pathlib.Path(tmp) / "t.ods",
    ...                                  matrix="only")
    ...     out.matrix_cells[("ARK-2", "ARK-1")], out.value(out.matrix_cells[("ARK-2", "ARK-1")])
    (CellRef(sheet='Riippuvuudet', cell='B3'), 'X')
    """
    unknown = set(options) - _LAYOUT_FIELDS
    if unknown:
        raise ValueError(f"unknown layout options {sorted(unknown)}")
    layout = replace(layout or Layout(), **options)
    path = Path(path)
    fmt = _resolve_fmt(path, layout.fmt)
    if fmt == "csv" and layout.profile_header == "two-row":
        layout = replace(layout, profile_header="two-row-unmerged")
    layout = replace(layout, fmt=fmt)
    builder = _TableBuilder(spec, layout)
    out = builder.build()
    out.path, out.csv_sep, out.csv_bom = path, layout.csv_sep, layout.csv_bom
    _render(out.sheets, path, fmt, csv_sep=layout.csv_sep, csv_bom=layout.csv_bom)
    return out


class _TableBuilder:
    """Lays a :class:`TableSpec` out as logical sheets."""

    def __init__(self, spec: TableSpec, layout: Layout):
        self.spec, self.lay = spec, layout
        lang = layout.language
        self.lang = lang
        self.vals = _Values(lang, layout.values, layout.seed, layout.date_style,
                            layout.numbers_as_numbers)
        self.ref_rng = _rng(layout.seed, "references")
        self.names = {}
        for it in spec.items:
            self.names.setdefault(it.id, it.name)
        self.roles = {role: layout.sheet_names.get(role, SHEET_NAMES[role][lang])
                      for role in ("items", "profiles", "matrix", "help", "changelog")}

    # -- references ---------------------------------------------------------
    def reference(self, ref: str) -> str:
        as_name = self.lay.requires_as == "names" or (
            self.lay.requires_as == "mixed" and self.ref_rng.random() < 0.5)
        if as_name and ref in self.names:
            text = self.names[ref]
            if _splits(text):
                raise ValueError(f"name {text!r} contains a reference separator")
            return text
        return ref

    def references(self, refs: Iterable[str]) -> Value:
        parts = [self.reference(r) for r in refs]
        if not parts:
            return None
        return self.vals.number(_join(parts, self.lay.separator, self.lang))

    # -- item sheet ---------------------------------------------------------
    def field_list(self) -> list[str]:
        wanted = self.lay.fields or ITEM_FIELDS
        out = [f for f in wanted if f not in self.spec.omitted_fields]
        if self.lay.matrix == "only":
            out = [f for f in out if f != "requires"]
        return out

    def columns(self) -> list[tuple[str, str | None]]:
        """Column units in order: ("field", f), ("profiles", None), ("extra", None)."""
        units: list[tuple[str, str | None]] = [("field", f) for f in self.field_list()]
        if self.lay.extra_column is not None:
            units.append(("extra", None))
        if self.spec.profiles:
            units.append(("profiles", None))
        if self.lay.column_seed is not None:
            random.Random(f"columns:{self.lay.column_seed}").shuffle(units)
        return units

    def build(self) -> WrittenTable:
        lay = self.lay
        out = WrittenTable(path=Path(), fmt=lay.fmt or "", sheets=[], roles={}, layout=lay)
        sheets: dict[str, SheetModel] = {}
        sheets["items"] = self.item_sheet(out)
        if lay.include_profile_sheet and self.spec.profiles:
            sheets["profiles"] = self.profile_sheet(out)
        if lay.matrix:
            sheets["matrix"] = self.matrix_sheet(out)
        if lay.changelog_sheet:
            sheets["changelog"] = self.changelog_sheet()
        order = [r for r in (lay.sheet_order or ()) if r in sheets]
        order += [r for r in ("items", "profiles", "matrix", "changelog")
                  if r in sheets and r not in order]
        if lay.hidden_sheet_first:
            help_sheet = SheetModel(self.roles["help"], hidden=True)
            for i, line in enumerate(_HELP_TEXT[self.lang]):
                help_sheet.put(i + 1, 1, line)
            sheets["help"] = help_sheet
            order.insert(0, "help")
        names = [sheets[r].name for r in order]
        if len(set(names)) != len(names):
            raise ValueError(f"duplicate sheet names {names}")
        out.sheets = [sheets[r] for r in order]
        out.roles = {r: sheets[r].name for r in order}
        if lay.matrix_disagree is not None:
            r, c = lay.matrix_disagree
            if (r, "requires") not in out.cells:
                raise ValueError("matrix_disagree needs a requires column")
            out.disagreement = (out.matrix_cells[(r, c)], out.cells[(r, "requires")])
        out.defects = [self.locate(d, out) for d in self.spec.defects]
        return out

    def item_sheet(self, out: WrittenTable) -> SheetModel:
        lay, spec = self.lay, self.spec
        sheet = SheetModel(self.roles["items"])
        units = self.columns()
        profiles = spec.profiles
        width = sum(len(profiles) if kind == "profiles" else 1 for kind, _ in units)
        row = _title_rows(sheet, _TITLE_TEXT[self.lang], lay.title_rows, lay.blank_after_title,
                          width if lay.merge_title else None)
        two_row = lay.profile_header != "flat" and bool(profiles)
        merged = lay.profile_header == "two-row"
        out.header_rows = (row, row + 1) if two_row else (row,)
        hdr = _Headers(ITEM_HEADERS, self.lang, lay.headers, lay.header_overrides,
                       lay.decorate_headers, lay.seed, "items")
        label_of = {p.id: (p.id if lay.profile_labels == "ids" else p.name) for p in profiles}

        # header
        col = 1
        plan: list[tuple[str, int]] = []  # position-map field, column
        for kind, fld in units:
            if kind == "profiles":
                if two_row:
                    text = lay.super_header or PROFILE_SUPER_HEADERS[self.lang][0]
                    out.headers["profiles"] = sheet.put(row, col, text)
                    out.header_texts["profiles"] = text
                    if merged:
                        sheet.merge(row, col, row, col + len(profiles) - 1)
                for p in profiles:
                    key = mark_field(p.id)
                    out.headers[key] = sheet.put(row + 1 if two_row else row, col, label_of[p.id])
                    out.header_texts[key] = label_of[p.id]
                    plan.append((key, col))
                    col += 1
                continue
            key = fld if kind == "field" else "extra"
            text = hdr(fld) if kind == "field" else lay.extra_column
            out.headers[key] = sheet.put(row, col, text)
            out.header_texts[key] = text
            if two_row and merged:
                sheet.merge(row, col, row + 1, col)
            plan.append((key, col))
            col += 1
        row += len(out.header_rows)

        # data
        for idx, item in enumerate(spec.items):
            pos: dict[str, CellRef] = {}
            for key, c in plan:
                pos[key] = sheet.put(row, c, self.item_value(item, key, idx))
            out.row_cells.append(pos)
            for key, ref in pos.items():
                out.cells.setdefault((item.id, key), ref)
            row += 1
            if idx in lay.blank_rows_after:
                self.blank_row(sheet, row, width)
                row += 1
        for _ in range(lay.trailing_blank_rows):
            self.blank_row(sheet, row, width)
            row += 1
        return sheet

    @staticmethod
    def blank_row(sheet: SheetModel, row: int, width: int) -> None:
        for c in range(1, width + 1):
            sheet.put(row, c, "")

    def item_value(self, item: ItemRow, key: str, idx: int) -> Value:
        v = self.vals
        if key.startswith("mark:"):
            return v.word(item.marks.get(key[5:], Mark.NOT))
        if key == "extra":
            return v.word(_EXTRA_COLUMN_VALUES[idx % len(_EXTRA_COLUMN_VALUES)])
        if key in ("requires", "recommends"):
            return self.references(getattr(item, key))
        if key == "available_from":
            return v.date(item.available_from)
        if key == "id":
            return v.number(item.id)
        return v.word(getattr(item, key))

    # -- profile sheet ------------------------------------------------------
    def profile_sheet(self, out: WrittenTable) -> SheetModel:
        lay = self.lay
        sheet = SheetModel(self.roles["profiles"])
        row = _title_rows(sheet, _TITLE_TEXT[self.lang], lay.title_rows, lay.blank_after_title,
                          len(PROFILE_FIELDS) if lay.merge_title else None)
        hdr = _Headers(PROFILE_HEADERS, self.lang, "first", {}, lay.decorate_headers,
                       lay.seed, "profiles")
        cols = [(f, hdr(f)) for f in PROFILE_FIELDS]
        recs = [{"id": self.vals.number(p.id), "name": p.name,
                 "description": p.description or None,
                 "valid_from": self.vals.date(p.valid_from),
                 "valid_until": self.vals.date(p.valid_until)} for p in self.spec.profiles]
        out.profile_headers, rows = _simple_table(sheet, row, cols, recs)
        for p, pos in zip(self.spec.profiles, rows):
            for f, ref in pos.items():
                out.profile_cells.setdefault((p.id, f), ref)
        return sheet

    # -- matrix sheet -------------------------------------------------------
    def matrix_sheet(self, out: WrittenTable) -> SheetModel:
        lay, spec = self.lay, self.spec
        sheet = SheetModel(self.roles["matrix"])
        ids: list[str] = []
        for it in spec.items:
            if it.id not in ids:
                ids.append(it.id)
        cols = list(ids)
        for it in spec.items:  # unknown references get a column of their own
            for ref in it.requires:
                if ref not in cols:
                    cols.append(ref)
        width = len(cols) + 1
        row = _title_rows(sheet, _TITLE_TEXT[self.lang], lay.title_rows, lay.blank_after_title,
                          width if lay.merge_title else None)

        def label(i: str) -> Value:
            text = self.names.get(i, i) if lay.matrix_labels == "names" else i
            return self.vals.number(text)

        for j, c in enumerate(cols):
            out.matrix_labels[("col", c)] = sheet.put(row, j + 2, label(c))
        requires = {it.id: set() for it in spec.items}
        for it in spec.items:
            requires[it.id].update(it.requires)
        if lay.matrix_disagree is not None:
            r, c = lay.matrix_disagree
            if r not in requires or c not in cols:
                raise ValueError(f"matrix_disagree {lay.matrix_disagree} names unknown items")
            requires[r] ^= {c}
        mark_rng = _rng(lay.seed, "matrix-marks")
        for i, r in enumerate(ids):
            out.matrix_labels[("row", r)] = sheet.put(row + 1 + i, 1, label(r))
            for j, c in enumerate(cols):
                value: Value = None
                if c in requires[r]:
                    if lay.matrix_mark is not None:
                        value = lay.matrix_mark
                    else:
                        words = MARK_WORDS[Mark.ALLOWED][self.lang]
                        value = self.vals.number(
                            words[0] if lay.values == "first" else mark_rng.choice(words))
                out.matrix_cells[(r, c)] = sheet.put(row + 1 + i, j + 2, value)
        return sheet

    def changelog_sheet(self) -> SheetModel:
        sheet = SheetModel(self.roles["changelog"])
        head, rec = _CHANGELOG[self.lang]
        for j, text in enumerate(head):
            sheet.put(1, j + 1, text)
            sheet.put(2, j + 1, rec[j])
        return sheet

    # -- defects ------------------------------------------------------------
    def requires_cells(self, out: WrittenTable, idx: int, target: str | None,
                       ) -> tuple[CellRef, ...]:
        item = self.spec.items[idx]
        cells = []
        if "requires" in out.row_cells[idx]:
            cells.append(out.row_cells[idx]["requires"])
        if target is not None and (item.id, target) in out.matrix_cells:
            cells.append(out.matrix_cells[(item.id, target)])
        return tuple(cells)

    def locate(self, d: Defect, out: WrittenTable) -> LocatedDefect:
        items_sheet = out.roles["items"]
        if d.kind == "missing-column":
            return LocatedDefect(d, items_sheet)
        if d.kind in ("cycle", "unknown-reference", "self-dependency"):
            cells = self.requires_cells(out, d.item_index, d.target)
            related: list[CellRef] = []
            if d.kind == "cycle":
                index_of = {}
                for i, it in enumerate(self.spec.items):
                    index_of.setdefault(it.id, i)
                for k, member in enumerate(d.cycle):
                    nxt = d.cycle[(k + 1) % len(d.cycle)]
                    for ref in self.requires_cells(out, index_of[member], nxt):
                        if ref not in cells:
                            related.append(ref)
            sheet = cells[0].sheet if cells else items_sheet
            return LocatedDefect(d, sheet, cells, tuple(related))
        if d.kind == "duplicate-id":
            first = next(i for i, it in enumerate(self.spec.items)
                         if it.id == self.spec.items[d.item_index].id)
            related = ()
            if "id" in out.row_cells[first]:
                related = (out.row_cells[first]["id"],)
            cell = out.row_cells[d.item_index].get("id")
            return LocatedDefect(d, items_sheet, (cell,) if cell else (), related)
        cell = out.row_cells[d.item_index].get(d.field)
        return LocatedDefect(d, items_sheet, (cell,) if cell else ())


# ---------------------------------------------------------------------------
# Task workbook and organisations
# ---------------------------------------------------------------------------


def write_task_workbook(spec: TaskSpec, path: str | Path, *, fmt: str | None = None,
                        language: str = "fi", title_rows: int = 0,
                        blank_after_title: bool = False, headers: str = "first",
                        header_overrides: Mapping[str, str] | None = None,
                        decorate_headers: bool = False, seed: int = 0,
                        date_style: str = "date", separator: str = ",",
                        include_periods: bool = True, hidden_sheet_first: bool = False,
                        csv_sep: str = ",", csv_bom: bool = True) -> WrittenTasks:
    """Write a task workbook (FORMATS.md section 2).

    The first sheet ("Käytön laajennus" / "Utvidgning av användningen" /
    "Extension of use") holds ``spec.tasks``; the second
    ("Käyttöönottojaksot" / ...) the periods; then one sheet per
    ``spec.extra_sheets`` entry, same columns as the first.  With
    ``hidden_sheet_first`` a hidden help sheet comes before all of them (so
    the tasks sheet is the first *visible* sheet).

    Parameters
    ----------
    spec : TaskSpec
    path : str or Path
        File, or folder for CSV.
    fmt, language, title_rows, blank_after_title, headers, header_overrides,
    decorate_headers, seed, date_style, csv_sep, csv_bom
        As in :class:`Layout`; title rows go above the task sheets' headers
        (not the periods sheet).
    separator : str
        Between ids in "Edeltävät tehtävät" and list-valued "Koskee".
    include_periods : bool
        Write the periods sheet.

    Returns
    -------
    WrittenTasks
        ``cells[(task_id, field)]`` etc.; fields are :data:`TASK_FIELDS` and
        :data:`PERIOD_FIELDS`.
    """
    path = Path(path)
    _check_choice("language", language, LANGUAGES)
    _check_choice("date_style", date_style, ("date", "dmy", "iso"))
    fmt = _resolve_fmt(path, fmt)
    vals = _Values(language, "first", seed, date_style, False)
    hdr = _Headers(TASK_HEADERS, language, headers, header_overrides or {}, decorate_headers,
                   seed, "tasks")
    cols = [(f, hdr(f)) for f in TASK_FIELDS]
    texts = dict(cols)

    def task_sheet(name: str, tasks: list[TaskRow]):
        sheet = SheetModel(name)
        row = _title_rows(sheet, _TITLE_TEXT[language], title_rows, blank_after_title, None)
        recs = []
        for t in tasks:
            applies = t.applies_to if isinstance(t.applies_to, str) else _join(
                t.applies_to, separator, language)
            dur = t.duration if isinstance(t.duration, int) else vals.word(t.duration or None)
            recs.append({"id": t.id, "task": t.task, "description": t.description or None,
                         "responsible": t.responsible or None, "timing": t.timing or None,
                         "duration": dur,
                         "after": _join(t.after, separator, language) or None,
                         "applies_to": applies or None, "source": t.source or None})
        return sheet, *_simple_table(sheet, row, cols, recs)

    task_name = SHEET_NAMES["tasks"][language]
    sheets = []
    roles = {}
    if hidden_sheet_first:
        help_sheet = SheetModel(SHEET_NAMES["help"][language], hidden=True)
        help_sheet.put(1, 1, _HELP_TEXT[language][0])
        sheets.append(help_sheet)
        roles["help"] = help_sheet.name
    first, heads, rows = task_sheet(task_name, spec.tasks)
    sheets.append(first)
    roles["tasks"] = task_name
    out = WrittenTasks(path=path, fmt=fmt, sheets=sheets, roles=roles, csv_sep=csv_sep,
                       csv_bom=csv_bom, headers=heads,
                       header_texts=texts, row_cells=rows)
    for t, pos in zip(spec.tasks, rows):
        for f, ref in pos.items():
            out.cells.setdefault((t.id, f), ref)
    if include_periods:
        sheet = SheetModel(SHEET_NAMES["periods"][language])
        phdr = _Headers(PERIOD_HEADERS, language, "first", {}, decorate_headers, seed, "periods")
        pcols = [(f, phdr(f)) for f in PERIOD_FIELDS]
        recs = [{"name": p.name, "start": vals.date(p.start), "end": vals.date(p.end),
                 "registration_deadline": vals.date(p.registration_deadline)}
                for p in spec.periods]
        out.period_headers, prow = _simple_table(sheet, 1, pcols, recs)
        for p, pos in zip(spec.periods, prow):
            for f, ref in pos.items():
                out.period_cells.setdefault((p.name, f), ref)
        sheets.append(sheet)
        roles["periods"] = sheet.name
    for name, tasks in spec.extra_sheets.items():
        sheet, _, xrows = task_sheet(name, tasks)
        for t, pos in zip(tasks, xrows):
            for f, ref in pos.items():
                out.extra_cells.setdefault((name, t.id, f), ref)
        sheets.append(sheet)
    for d in spec.defects:
        cell = out.row_cells[d.item_index].get(d.field)
        out.defects.append(LocatedDefect(d, task_name, (cell,) if cell else ()))
    _render(sheets, path, fmt, csv_sep=csv_sep, csv_bom=csv_bom)
    return out


def write_organisations(rows: Sequence[OrgRow], path: str | Path, *, fmt: str | None = None,
                        sep: str = ",", bom: bool = True, language: str = "fi",
                        headers: str = "first", header_overrides: Mapping[str, str] | None = None,
                        decorate_headers: bool = False, seed: int = 0,
                        list_sep: str = ",", date_style: str = "iso",
                        title_rows: int = 0) -> WrittenOrganisations:
    """Write an organisations file (FORMATS.md section 3).

    Parameters
    ----------
    rows : sequence of OrgRow
    path : str or Path
        For CSV a single file (not a folder); its stem is the "sheet" name in
        positions.
    fmt : {"csv", "xlsx", "xlsm", "xls", "ods"} or None
        None: from the suffix.
    sep, bom : str, bool
        CSV separator and UTF-8 BOM.
    language, headers, header_overrides, decorate_headers, seed, date_style
        As in :class:`Layout`.
    list_sep : str
        Separator of the id lists (as ``Layout.separator``).
    title_rows : int
        Title rows above the header (workbooks only; ignored for CSV).

    Returns
    -------
    WrittenOrganisations
    """
    path = Path(path)
    _check_choice("language", language, LANGUAGES)
    fmt = _resolve_fmt(path, fmt)
    vals = _Values(language, "first", seed, date_style, False)
    hdr = _Headers(ORG_HEADERS, language, headers, header_overrides or {}, decorate_headers,
                   seed, "organisations")
    cols = [(f, hdr(f)) for f in ORG_FIELDS]
    name = path.stem if fmt == "csv" else SHEET_NAMES["organisations"][language]
    sheet = SheetModel(name)
    row = 1 if fmt == "csv" else _title_rows(sheet, _TITLE_TEXT[language][:1], title_rows,
                                             False, None)
    recs = [{"organisation": o.organisation, "profile": o.profile,
             "deployed": _join(o.deployed, list_sep, language) or None,
             "certified": _join(o.certified or (), list_sep, language) or None,
             "target_date": vals.date(o.target_date),
             "planned": _join(o.planned, list_sep, language) or None} for o in rows]
    heads, pos_rows = _simple_table(sheet, row, cols, recs)
    out = WrittenOrganisations(path=path, fmt=fmt, sheets=[sheet], roles={"organisations": name},
                               csv_sep=sep, csv_bom=bom,
                               headers=heads, header_texts=dict(cols), row_cells=pos_rows)
    for o, pos in zip(rows, pos_rows):
        for f, ref in pos.items():
            out.cells.setdefault((o.organisation, f), ref)
    if fmt == "csv":
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_csv_sheet(sheet, path, sep, bom)
    else:
        _render([sheet], path, fmt)
    return out


# ---------------------------------------------------------------------------
# Backends
# ---------------------------------------------------------------------------


def _render(sheets: list[SheetModel], path: Path, fmt: str, *, csv_sep: str = ",",
            csv_bom: bool = True) -> None:
    if fmt in ("xlsx", "xlsm"):
        _write_openpyxl(sheets, path, macro=(fmt == "xlsm"))
    elif fmt == "xls":
        _write_xlwt(sheets, path)
    elif fmt == "ods":
        _write_ods(sheets, path)
    elif fmt == "csv":
        path.mkdir(parents=True, exist_ok=True)
        for sm in sheets:
            _write_csv_sheet(sm, path / f"{sm.name}.csv", csv_sep, csv_bom)
    else:
        raise ValueError(f"unknown format {fmt!r}")


def _first_visible(sheets: list[SheetModel]) -> int:
    return next((i for i, sm in enumerate(sheets) if not sm.hidden), 0)


def _write_openpyxl(sheets: list[SheetModel], path: Path, macro: bool) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    wb.properties.creator = "workbook_factory"
    wb.properties.created = _FIXED_TIME
    wb.properties.modified = _FIXED_TIME
    for sm in sheets:
        ws = wb.create_sheet(sm.name)
        for (r, c), v in sorted(sm.cells.items()):
            cell = ws.cell(row=r, column=c)
            cell.value = v
            if isinstance(v, str) and v.startswith("="):
                cell.data_type = "s"  # text, never a formula
            elif isinstance(v, dt.date):
                cell.number_format = "d.m.yyyy"
        for r1, c1, r2, c2 in sm.merges:
            ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
        if sm.hidden:
            ws.sheet_state = "hidden"
    wb.active = _first_visible(sheets)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    patches: dict[str, list[tuple[bytes, bytes]]] = {}
    if macro:
        patches["[Content_Types].xml"] = [(
            b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
            b"application/vnd.ms-excel.sheet.macroEnabled.main+xml")]
    _normalise_zip(path, patches)


def _normalise_zip(path: Path, patches: Mapping[str, list[tuple[bytes, bytes]]]) -> None:
    """Rewrite a zip with fixed timestamps (and fixed core-property dates)."""
    with zipfile.ZipFile(path) as z:
        entries = [(info, z.read(info)) for info in z.infolist()]
    stamp = _FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(path, "w") as z:
        for info, blob in entries:
            for old, new in patches.get(info.filename, ()):
                if old not in blob:
                    raise RuntimeError(f"{info.filename}: {old!r} not found")
                blob = blob.replace(old, new)
            if info.filename == "docProps/core.xml":
                blob = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)",
                              lambda m: m.group(1) + stamp + m.group(3), blob)
            new_info = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            new_info.compress_type = info.compress_type
            new_info.external_attr = info.external_attr
            z.writestr(new_info, blob)


def _write_xlwt(sheets: list[SheetModel], path: Path) -> None:
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    date_style = xlwt.easyxf(num_format_str="D.M.YYYY")
    plain = xlwt.easyxf("")
    for sm in sheets:
        if len(sm.name) > 31:
            raise ValueError(f"xls sheet names are at most 31 characters: {sm.name!r}")
        ws = wb.add_sheet(sm.name, cell_overwrite_ok=False)
        anchors = {(r1, c1): (r2, c2) for r1, c1, r2, c2 in sm.merges}
        for r1, c1, r2, c2 in sm.merges:
            v = sm.cells.get((r1, c1), "")
            ws.write_merge(r1 - 1, r2 - 1, c1 - 1, c2 - 1, v,
                           date_style if isinstance(v, dt.date) else plain)
        for (r, c), v in sorted(sm.cells.items()):
            if (r, c) in anchors:
                continue
            ws.write(r - 1, c - 1, v, date_style if isinstance(v, dt.date) else plain)
        if sm.hidden:
            ws.visibility = 1
    active = _first_visible(sheets)
    wb.active_sheet = active
    if sheets:
        ws = wb.get_sheet(active)
        ws.selected = True
        ws.sheet_visible = True
        if active != 0:
            wb.get_sheet(0).selected = False
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(str(path))


def _write_ods(sheets: list[SheetModel], path: Path) -> None:
    from odf import teletype
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import Style, TableProperties
    from odf.table import CoveredTableCell, Table, TableCell, TableColumn, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    hidden = Style(name="taHidden", family="table")
    hidden.addElement(TableProperties(display="false"))
    doc.automaticstyles.addElement(hidden)
    for sm in sheets:
        table = Table(name=sm.name, stylename=hidden) if sm.hidden else Table(name=sm.name)
        ncols = max(sm.max_col, 1)
        table.addElement(TableColumn(numbercolumnsrepeated=ncols))
        covered = set()
        spans = {}
        for r1, c1, r2, c2 in sm.merges:
            spans[(r1, c1)] = (r2 - r1 + 1, c2 - c1 + 1)
            covered.update((r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1))
            covered.discard((r1, c1))
        for r in range(1, sm.max_row + 1):
            tr = TableRow()
            for c in range(1, ncols + 1):
                if (r, c) in covered:
                    tr.addElement(CoveredTableCell())
                    continue
                attrs = {}
                if (r, c) in spans:
                    attrs["numberrowsspanned"] = spans[(r, c)][0]
                    attrs["numbercolumnsspanned"] = spans[(r, c)][1]
                v = sm.cells.get((r, c))
                if v is None or v == "":
                    tr.addElement(TableCell(**attrs))
                    continue
                if isinstance(v, dt.date):
                    cell = TableCell(valuetype="date", datevalue=v.isoformat(), **attrs)
                    cell.addElement(P(text=f"{v.day}.{v.month}.{v.year}"))
                elif isinstance(v, (int, float)):
                    cell = TableCell(valuetype="float", value=str(v), **attrs)
                    cell.addElement(P(text=str(v)))
                else:
                    cell = TableCell(valuetype="string", **attrs)
                    for line in v.split("\n"):
                        para = P()
                        teletype.addTextToElement(para, line)  # runs of spaces as text:s
                        cell.addElement(para)
                tr.addElement(cell)
            table.addElement(tr)
        doc.spreadsheet.addElement(table)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    _normalise_zip(path, {})


def _csv_text(v: Value) -> str:
    if v is None:
        return ""
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v)


def _write_csv_sheet(sm: SheetModel, path: Path, sep: str, bom: bool) -> None:
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter=sep, lineterminator="\r\n")
        for r in range(1, sm.max_row + 1):
            w.writerow([_csv_text(sm.cells.get((r, c))) for c in range(1, sm.max_col + 1)])


# ---------------------------------------------------------------------------
# Ready-made specs
# ---------------------------------------------------------------------------

_ARCHIVE = "Sosiaalihuollon asiakastiedon arkisto"
_REPOSITORY = "Sosiaalihuollon asiakastietovaranto"


def small_spec() -> TableSpec:
    """A six-item, three-profile table with known answers.

    Requirements (``a -> b`` means a requires b)::

        ARK-2 -> ARK-1      LUO-1 -> ARK-1      VAN-1 -> ARK-1
        KAT-1 -> ARK-2, LUO-1                   LIITE -> ARK-1 (recommends VAN-1)

    Profiles:

    * ``A`` "Laaja asiakastietojärjestelmä": allows everything.
    * ``B`` "Suppea asiakastietojärjestelmä": allows ARK-1, ARK-2, LUO-1,
      LIITE; KAT-1 **partly** ("osittain"); not VAN-1.
    * ``C`` "Arkistointipalvelu": allows ARK-1, ARK-2, KAT-1 but **not**
      LUO-1, so KAT-1 is *excluded* for C (a prerequisite is not allowed);
      VAN-1 and LIITE not allowed.

    ``service`` uses both "arkisto" and "tietovaranto" spellings of the same
    service.  No name contains a separator, so names may be written as
    references.
    """
    A, P, N = Mark.ALLOWED, Mark.PARTLY, Mark.NOT
    items = [
        ItemRow("ARK-1", "Asiakirjojen arkistointi", _ARCHIVE, Group.PHASE1, [], [],
                YesNo.YES, YesNo.YES, dt.date(2020, 1, 15), "https://www.kanta.fi/arkisto",
                Basis.DOCUMENTED, "", {"A": A, "B": A, "C": A}),
        ItemRow("ARK-2", "Asiakirjojen haku arkistosta", _REPOSITORY, Group.PHASE1,
                ["ARK-1"], [], YesNo.YES, YesNo.NO, dt.date(2020, 6, 1),
                "https://www.kanta.fi/haku", Basis.DOCUMENTED, "", {"A": A, "B": A, "C": A}),
        ItemRow("LUO-1", "Luovutusilmoitukset", _ARCHIVE, Group.PHASE1, ["ARK-1"], [],
                YesNo.NO, YesNo.NO, dt.date(2021, 3, 1), "", Basis.ASSUMED,
                "Tarkistetaan", {"A": A, "B": A, "C": N}),
        ItemRow("VAN-1", "Vanhojen asiakirjojen tallennus", _ARCHIVE, Group.OLD, ["ARK-1"],
                [], YesNo.IF_NEEDED, YesNo.YES, dt.date(2022, 9, 30), "", Basis.DOCUMENTED,
                "", {"A": A}),
        ItemRow("KAT-1", "Kansalaisen katseluyhteys", _REPOSITORY, Group.PHASE2,
                ["ARK-2", "LUO-1"], [], YesNo.IF_NEEDED, YesNo.YES, dt.date(2023, 12, 1),
                "https://www.kanta.fi/omakanta", Basis.DOCUMENTED, "",
                {"A": A, "B": P, "C": A}),
        ItemRow("LIITE", "Liittymisvelvoitteen täyttäminen", _ARCHIVE, Group.JOINING,
                ["ARK-1"], ["VAN-1"], YesNo.NO, YesNo.NO, "2024-01-01", "", Basis.ASSUMED,
                "Lakisääteinen", {"A": A, "B": A}),
    ]
    profiles = [
        ProfileRow("A", "Laaja asiakastietojärjestelmä", "Kaikki osatoteutukset",
                   dt.date(2020, 1, 1), None),
        ProfileRow("B", "Suppea asiakastietojärjestelmä", "Perustoiminnot",
                   dt.date(2020, 1, 1), dt.date(2030, 12, 31)),
        ProfileRow("C", "Arkistointipalvelu", "Vain arkistointi", dt.date(2021, 1, 1), None),
    ]
    return TableSpec(items, profiles)


_VERBS = ("Tallennus", "Haku", "Katselu", "Luovutus", "Arkistointi", "Päivitys",
          "Mitätöinti", "Välitys", "Kirjaus", "Ylläpito")
_OBJECTS = ("asiakirjojen", "päätösten", "suunnitelmien", "ilmoitusten", "lausuntojen",
            "kertomusten", "sopimusten", "hakemusten", "selvitysten", "pöytäkirjojen")


def random_spec(seed: int, n_items: int = 8, n_profiles: int = 3, *,
                edge_probability: float = 0.3, max_requires: int = 3,
                id_style: str = "code", allowed_probability: float = 0.65,
                partly_probability: float = 0.1) -> TableSpec:
    """A random valid table: acyclic requirements by id, random marks.

    Parameters
    ----------
    seed : int
    n_items, n_profiles : int
    edge_probability : float
        Chance that an item requires each earlier item of a hidden
        topological order (capped at ``max_requires``).
    id_style : {"code", "digits"}
        Ids like ``"OT-07"`` or ``"7"``.
    allowed_probability, partly_probability : float
        Mark probabilities (the rest is not allowed).

    Returns
    -------
    TableSpec
        Rows are in random order (not topological); every ``requires`` /
        ``recommends`` entry is an existing id; names are unique and contain
        no separator, so any ``requires_as`` works.
    """
    _check_choice("id_style", id_style, ("code", "digits"))
    rng = random.Random(f"spec:{seed}")
    ids = [f"OT-{i + 1:02d}" if id_style == "code" else str(i + 1) for i in range(n_items)]
    rng.shuffle(ids)  # ids[k] is the k-th in the hidden topological order
    names: list[str] = []
    while len(names) < n_items:
        name = f"{rng.choice(_OBJECTS).capitalize()} {rng.choice(_VERBS).lower()}"
        if name in names:
            name = f"{name} {len(names) + 1}"
        names.append(name)
    profiles = [ProfileRow(f"P{j + 1}", f"Profiili {chr(ord('A') + j % 26)}{j // 26 or ''}",
                           rng.choice(("", "Laaja", "Suppea")),
                           rng.choice((None, dt.date(2020, 1, 1), dt.date(2022, 6, 1))),
                           rng.choice((None, dt.date(2030, 12, 31))))
                for j in range(n_profiles)]
    items = []
    for k, item_id in enumerate(ids):
        earlier = ids[:k]
        req = [e for e in earlier if rng.random() < edge_probability][:max_requires]
        rest = [e for e in earlier if e not in req]
        rec = [e for e in rest if rng.random() < 0.1][:1]
        marks = {}
        for p in profiles:
            x = rng.random()
            marks[p.id] = (Mark.ALLOWED if x < allowed_probability else
                           Mark.PARTLY if x < allowed_probability + partly_probability
                           else Mark.NOT)
        items.append(ItemRow(
            id=item_id, name=names[k], service=rng.choice((_ARCHIVE, _REPOSITORY, "")),
            group=rng.choice(("",) + tuple(Group)), requires=req, recommends=rec,
            test=rng.choice(("",) + tuple(YesNo)), period=rng.choice(("", YesNo.YES, YesNo.NO)),
            available_from=rng.choice((None, dt.date(2019 + rng.randrange(8),
                                                     1 + rng.randrange(12),
                                                     1 + rng.randrange(28)))),
            source=rng.choice(("", "https://www.kanta.fi/")),
            basis=rng.choice(("", Basis.DOCUMENTED, Basis.ASSUMED)),
            note=rng.choice(("", "", "Huomioi siirtymäaika")), marks=marks))
    rng.shuffle(items)
    return TableSpec(items, profiles)


def random_layout(seed: int, fmt: str | None = None, **fixed: Any) -> Layout:
    """A random *unambiguous* layout: a correct reader must read it exactly.

    Avoids the combinations FORMATS.md leaves undecidable: profile labels as
    names without a profile sheet, and an unknown extra column beside flat
    profile columns without a profile sheet.  Never sets
    ``matrix_disagree``.  ``fixed`` overrides any drawn option.
    """
    rng = random.Random(f"layout:{seed}")
    opts: dict[str, Any] = dict(
        fmt=fmt or rng.choice(FORMATS),
        language=rng.choice(LANGUAGES),
        headers=rng.choice(("first", "random")),
        decorate_headers=rng.random() < 0.3,
        values=rng.choice(("first", "random")),
        seed=rng.randrange(1 << 30),
        title_rows=rng.choice((0, 0, 1, 2, 3)),
        blank_after_title=rng.random() < 0.5,
        merge_title=rng.random() < 0.3,
        profile_header=rng.choice(("flat", "two-row", "two-row-unmerged")),
        profile_labels=rng.choice(("ids", "ids", "names")),
        requires_as=rng.choice(("ids", "names", "mixed")),
        separator=rng.choice((",", ";", "\n", "and", "natural")),
        matrix=rng.choice((None, None, "only", "both")),
        matrix_labels=rng.choice(("ids", "names")),
        include_profile_sheet=rng.random() < 0.7,
        column_seed=rng.choice((None, rng.randrange(1000))),
        blank_rows_after=tuple(sorted(rng.sample(range(6), rng.randrange(3)))),
        trailing_blank_rows=rng.choice((0, 0, 1, 3)),
        extra_column=rng.choice((None, "Kommentti")),
        hidden_sheet_first=rng.random() < 0.3,
        changelog_sheet=rng.random() < 0.2,
        sheet_order=tuple(rng.sample(("items", "profiles", "matrix", "changelog"), 4)),
        date_style=rng.choice(("date", "dmy", "iso")),
        numbers_as_numbers=rng.random() < 0.3,
        csv_sep=rng.choice((",", ";")),
        csv_bom=True,
    )
    opts.update(fixed)
    if opts["profile_labels"] == "names":
        opts["include_profile_sheet"] = True
    if (opts["extra_column"] and opts["profile_header"] == "flat"
            and not opts["include_profile_sheet"]):
        opts["include_profile_sheet"] = True
    return Layout(**opts)


def layouts(fmt: str | None = None, **fixed: Any):
    """A hypothesis strategy of :func:`random_layout` results."""
    from hypothesis import strategies as st

    return st.builds(lambda s: random_layout(s, fmt, **fixed), st.integers(0, 2**31 - 1))


def small_task_spec() -> TaskSpec:
    """Five extension tasks using each timing phrase of FORMATS.md, two periods."""
    tasks = [
        TaskRow("1", "Tilaa käyttöönottokoe", "Tilaus Kelalta", "sote-toimija",
                "viimeistään 3 viikkoa ennen käyttöönottoa", 1, [], "käyttöönottokoe",
                "Kanta-ohje"),
        TaskRow("2", "Ilmoittaudu käyttöönottojaksolle", "", "palvelunantaja",
                "ennen käyttöönottojakson alkua", 1, [], "käyttöönottojakso", ""),
        TaskRow("3", "Suorita käyttöönottokoe", "", "järjestelmätoimittaja",
                "viimeistään 1 viikko ennen käyttöönottoa", 2, ["1"], "käyttöönottokoe", ""),
        TaskRow("4", "Ilmoita koetulokset", "", "Kela",
                "2 arkipäivän kuluessa käyttöönottokokeesta", 1, ["3"], "käyttöönottokoe", ""),
        TaskRow("5", "Tuotantokäyttö alkaa", "", "organisaatio", "käyttöönottopäivänä", 1,
                ["2", "4"], "kaikki", ""),
    ]
    periods = [
        PeriodRow("2025/1", dt.date(2025, 3, 3), dt.date(2025, 3, 28), dt.date(2025, 1, 31)),
        PeriodRow("2025/2", dt.date(2025, 9, 1), dt.date(2025, 9, 26), dt.date(2025, 6, 30)),
    ]
    first = [TaskRow("E1", "Liittymissopimus", "", "THL", "viimeistään 8 viikkoa ennen "
                     "käyttöönottoa", 5, [], "kaikki", "")]
    return TaskSpec(tasks, periods, {"Ensimmäinen käyttöönotto": first})


def small_organisations() -> list[OrgRow]:
    """Three organisations matching :func:`small_spec` profiles."""
    return [
        OrgRow("Pohjolan hyvinvointialue", "A", ["ARK-1"], None, dt.date(2025, 5, 1),
               ["ARK-2", "LUO-1", "KAT-1"]),
        OrgRow("Sosiaalipalvelu Oy", "Suppea asiakastietojärjestelmä", [], ["ARK-1", "ARK-2"],
               "1.9.2025", []),
        OrgRow("Arkistopalvelut Ab", "C", ["ARK-1", "ARK-2"], [], None, []),
    ]


# ---------------------------------------------------------------------------
# Broken variants
# ---------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------
# Oracles
# ---------------------------------------------------------------------------


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip().casefold()


_MARK_MEANING = {}
for _mark, _by_lang in MARK_WORDS.items():
    for _words in _by_lang.values():
        for _w in _words:
            _MARK_MEANING[_norm(_w)] = _mark.value


def classify_mark(value: Mark | str | None) -> str:
    """Meaning of a mark: "allowed", "partly", "not" or "invalid".

    >>> classify_mark("✔"), classify_mark("Osittain"), classify_mark(""), classify_mark("ehkä")
    ('allowed', 'partly', 'not', 'invalid')
    """
    if value is None:
        return "not"
    if isinstance(value, Mark):
        return value.value
    return _MARK_MEANING.get(_norm(str(value)), "invalid")


def expected_marks(spec: TableSpec) -> dict[str, dict[str, str]]:
    """``{profile_id: {item_id: meaning}}`` for the first row of each id."""
    seen: dict[str, ItemRow] = {}
    for it in spec.items:
        seen.setdefault(it.id, it)
    return {p.id: {i: classify_mark(it.marks.get(p.id)) for i, it in seen.items()}
            for p in spec.profiles}


def expected_requires(spec: TableSpec, layout: Layout | None = None,
                      ) -> dict[str, frozenset[str]]:
    """``{item_id: ids it requires}`` as a reader should merge them.

    With ``layout.matrix_disagree=(r, c)`` the dependency is present in one
    of matrix and column, so the merged result includes it.
    """
    out: dict[str, set[str]] = {}
    for it in spec.items:
        out.setdefault(it.id, set())
        if "requires" not in spec.omitted_fields or (layout and layout.matrix):
            out[it.id].update(it.requires)
    if layout is not None and layout.matrix_disagree is not None:
        r, c = layout.matrix_disagree
        out[r].add(c)
    return {k: frozenset(v) for k, v in out.items()}
