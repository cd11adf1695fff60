"""Read the organisations file of a batch report (FORMATS.md §3).

CSV (``,`` or ``;``, UTF-8 with or without BOM) or a workbook, one row per
organisation. Profiles and items are resolved against the catalogue; a bad
value becomes a located finding and the row is kept with what could be read,
so one bad row never stops the run. A finding names the column by the file's
own header (for example "Käytössä") and the value as written.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
from dataclasses import dataclass, field
from typing import NamedTuple

from analyser.findings import BadDate, Finding
from analyser.load.files import read_workbook
from analyser.load.grid import ErrorValue, NoteCap, Sheet
from analyser.load.table import choose_sheet, find_header, missing_columns_finding, text_of
from analyser.records import Catalogue, Place
from analyser.text.suggest import nearest, suggest
from analyser.text.vocabulary import ORGANISATION_FIELDS, normalise, parse_date, split_list

__all__ = ["OrganisationRow", "read_organisations"]


class OrganisationRow(NamedTuple):
    """One organisation as read; ids resolved, ``None`` certified meaning "not known".

    ``source`` is the file, the sheet and the organisation column;
    ``sheet_row`` the 0-based row. ``problems`` holds the findings that
    leave the row short of what it says (an unknown profile or item, a
    target date that cannot be read), for the report's column; they are
    among the reader's findings too. (A named tuple: a batch holds one per
    organisation.)
    """

    name: str
    profile: str | None
    profile_text: str
    deployed: tuple[str, ...]
    certified: tuple[str, ...] | None
    target_date: dt.date | None
    planned: tuple[str, ...]
    source: Place
    sheet_row: int
    problems: tuple[Finding, ...] = ()

    @property
    def ok(self) -> bool:
        return self.profile is not None

    @property
    def place(self) -> Place:
        """Where the organisation's name was read."""
        return Place(self.source.file, self.source.sheet, self.sheet_row, self.source.col)


@dataclass
class _Resolver:
    catalogue: Catalogue
    items: dict = field(default_factory=dict)
    profiles: dict = field(default_factory=dict)
    cells: dict = field(default_factory=dict)
    near: dict = field(default_factory=dict)

    def item(self, text: str):
        if text not in self.items:
            found = self.catalogue.find_item(text)
            self.items[text] = found.id if found else None
        return self.items[text]

    def parts(self, value: object) -> tuple[tuple[str, str | None, bool], ...]:
        """(part, item id or None, respelled) for each part of a list cell; the same cells recur, so kept."""
        key = value if isinstance(value, str) else repr(value)
        found = self.cells.get(key)
        if found is None:
            found = self.cells[key] = tuple((part, self.item(part), self._respelled(part)) for part in split_list(value))
        return found

    def _respelled(self, part: str) -> bool:
        """The part names an id only after normalising case, spaces or Unicode form."""
        found = self.item(part)
        return found is not None and normalise(part) == normalise(found) and " ".join(part.split()) != found

    def profile(self, text: str):
        if text not in self.profiles:
            found = self.catalogue.find_profile(text)
            self.profiles[text] = found.id if found else None
        return self.profiles[text]

    def unknown_item(self, text: str) -> dict:
        """What an unknown item's finding adds: the ids it may have meant, else the nearest few."""
        if ("item", text) not in self.near:
            candidates = [(i.id, i.name) for i in self.catalogue.items]
            close = suggest(text, candidates)
            self.near["item", text] = (dict(suggestions=close, n=len(close)) if close
                                       else dict(variant="nearest", nearest=nearest(text, candidates, n=3)))
        return self.near["item", text]

    def unknown_profile(self, text: str) -> dict:
        """What an unknown profile's finding adds: the profiles, and the ones it may have meant."""
        if ("profile", text) not in self.near:
            known = [p.id for p in self.catalogue.profiles]
            close = suggest(text, [(p.id, p.name) for p in self.catalogue.profiles]) if text else []
            if close:
                self.near["profile", text] = dict(variant="organisations-close", known=known, suggestions=close,
                                                  n=len(close))
            else:
                self.near["profile", text] = dict(variant="organisations" if text else "organisations-empty",
                                                  known=known)
        return self.near["profile", text]


def read_organisations(path: str | os.PathLike, catalogue: Catalogue, *,
                       fast: bool = True) -> tuple[list[OrganisationRow], list[Finding]]:
    """Read organisations; return the rows and the findings.

    Rows whose cells all read cleanly are read column by column, each
    distinct cell value once; a row with anything to report is read on its
    own, so its findings name its cells. ``fast=False`` reads every row on
    its own (same result, slower: the tests compare the two).

    Raises
    ------
    InputError
        When the file cannot be read at all.

    Examples
    --------
    >>> from analyser.load.shipped import ORGANISATIONS, shipped_path
    >>> rows, findings = read_organisations(shipped_path(ORGANISATIONS), load_catalogue(with_tasks=False))
    >>> rows[0].name, rows[0].profile
    ('Esimerkkilän hyvinvointialue', 'SOS-V2')
    >>> sorted({f.code for f in findings})
    ['unknown-item', 'unknown-profile']
    """
    workbook = read_workbook(path, role="organisations")
    findings = list(workbook.findings)
    sheet = choose_sheet(workbook, "organisations", ORGANISATION_FIELDS, ["organisation", "profile"],
                         prefer_first=True)
    if sheet is None:
        target = next((s for s in workbook.sheets if s.rows), None)
        if target is None:
            findings.append(Finding.of("empty-table", workbook.path, variant="organisations"))
        else:
            findings.append(missing_columns_finding(target, ORGANISATION_FIELDS, ["organisation", "profile"]))
        return [], findings
    header = find_header(sheet, ORGANISATION_FIELDS, ["organisation", "profile"])
    if header is None:  # the sheet was found by its name, but its header lacks a required column
        findings.append(missing_columns_finding(sheet, ORGANISATION_FIELDS, ["organisation", "profile"]))
        return [], findings
    findings.extend(header.findings)
    if sheet.hidden:
        findings.append(Finding.of("hidden-sheet", sheet.file, sheet.name, variant="organisations"))
    reader = _RowReader(sheet, header.columns, header.labels, _Resolver(catalogue), findings)
    data_rows = header.data_rows()
    if fast:
        rows = _read_clean_rows(reader, data_rows)
    else:
        rows = [reader.row(row) for row in data_rows]
    rows = [r for r in rows if r is not None]
    findings.extend(reader.cap.overflow())
    if not rows:
        findings.append(Finding.of("empty-table", sheet.file, sheet.name, variant="organisations"))
    return rows, findings


class _RowReader:
    """Reads one row at a time, every problem noted at its cell: the reference the column path agrees with.

    It holds what a reading shares: the sheet and its columns, the resolver
    of profiles and items, the dates already read, and the findings (within
    the cap).
    """

    def __init__(self, sheet: Sheet, cols: dict[str, int], labels: dict[int, str], resolve: _Resolver,
                 findings: list[Finding]):
        self.sheet, self.cols, self.labels, self.resolve, self.findings = sheet, cols, labels, resolve, findings
        self.source = Place(sheet.file, sheet.name, -1, cols["organisation"])
        self.dates: dict = {}
        self.cap = NoteCap()

    def note(self, row: int, col: int, code: str, *, variant: str = "", severity: str | None = None,
             **params: object) -> Finding:
        """Note a finding at a cell (within the cap); return it (its long values cut, as noted)."""
        sheet = self.sheet
        finding = Finding.of(code, sheet.file, sheet.name, sheet.cell_name(row, col), variant=variant,
                             severity=severity, **params)
        admitted = self.cap.admit(finding)
        if admitted is None:
            return finding
        self.findings.append(admitted)
        return admitted

    def value(self, row: int, name: str) -> object:
        col = self.cols.get(name)
        if col is None:
            return None
        raw = self.sheet.get(row, col)
        if isinstance(raw, ErrorValue):
            self.note(row, col, "cell-error", error=raw.code)
            return None
        return raw

    def items(self, row: int, name: str, organisation: str, problems: list[Finding]) -> list[str]:
        cols = self.cols
        ids = []
        column = self.labels.get(cols.get(name, -1), "")
        noted: set[str] = set()
        for part, found, respelled in self.resolve.parts(self.value(row, name)):
            if part in noted:  # a repeat says nothing new: no second finding (a planned order keeps it)
                if found is not None and name == "planned":
                    ids.append(found)
                continue
            noted.add(part)
            if respelled:
                self.note(row, cols[name], "id-spelling", variant="organisations", organisation=organisation,
                          column=column, written=part, id=found)
            if found is None:
                problems.append(self.note(row, cols[name], "unknown-item", organisation=organisation, column=column,
                                          value=part, **self.resolve.unknown_item(part)))
            elif found not in ids or name == "planned":
                ids.append(found)
        return ids

    def row(self, row: int) -> OrganisationRow | None:
        """One row, every problem noted at its cell."""
        sheet, cols, labels, resolve = self.sheet, self.cols, self.labels, self.resolve
        name = text_of(self.value(row, "organisation"))
        if not name:
            if any(text_of(v) for v in sheet.row(row).values()):
                self.note(row, cols["organisation"], "missing-value", variant="organisations",
                          column=labels.get(cols["organisation"], ""))
            return None
        problems: list[Finding] = []
        profile_text = text_of(self.value(row, "profile"))
        profile = resolve.profile(profile_text) if profile_text else None
        if profile is None:
            problems.append(self.note(row, cols["profile"], "unknown-profile", organisation=name,
                                      column=labels.get(cols["profile"], ""), value=profile_text,
                                      **resolve.unknown_profile(profile_text)))
        deployed = self.items(row, "deployed", name, problems)
        certified = None
        if "certified" in cols and text_of(self.value(row, "certified")):
            certified = tuple(self.items(row, "certified", name, problems))
        planned = self.items(row, "planned", name, problems)
        target = None
        raw_target = self.value(row, "target_date")
        key = (raw_target.__class__, raw_target)  # True and 1 are one key to a dict
        dates = self.dates
        try:
            target = dates[key] if key in dates else dates.setdefault(key, parse_date(raw_target))
        except BadDate:
            problems.append(self.note(row, cols["target_date"], "bad-date", variant="organisations",
                                      organisation=name, column=labels.get(cols["target_date"], ""),
                                      value=text_of(raw_target)))
        if row in sheet.hidden_rows:
            self.note(row, cols["organisation"], "hidden-row", variant="organisations", organisation=name)
        return OrganisationRow(name, profile, profile_text, tuple(deployed), certified, target, tuple(planned),
                               self.source, row, tuple(problems))


_NEEDS_NOTES = object()


def _read_clean_rows(reader: _RowReader, data_rows: list[int]) -> list[OrganisationRow | None]:
    """Every row, columns read at once: each distinct value is read once, and a row with
    anything to report (an error value, an unknown or respelled id, a bad date, no name, a
    hidden row) is handed to ``reader.row``, which notes it at its cells. The other rows,
    however many rows are noted, never leave the column path."""
    sheet, cols, resolve, source = reader.sheet, reader.cols, reader.resolve, reader.source
    cells_of = [sheet.row(r) for r in data_rows]

    def column(name: str) -> list:
        col = cols.get(name)
        if col is None:
            return [None] * len(cells_of)
        return [cells.get(col) for cells in cells_of]

    def mapped(values: list, read) -> list:
        if not {v.__class__ for v in values} <= {str, type(None)}:
            # True, 1 and 1.0 are one key to a dict; read such a column with typed keys
            table = {(v.__class__, v): _NEEDS_NOTES if isinstance(v, ErrorValue) else read(v) for v in values}
            return [table[v.__class__, v] for v in values]
        table = {v: read(v) for v in set(values)}
        return [table[v] for v in values]

    def list_reader(keep_repeats: bool):
        def read(value):
            ids: list[str] = []
            for part, found, respelled in resolve.parts(value):
                if found is None or respelled:
                    return _NEEDS_NOTES
                if keep_repeats or found not in ids:
                    ids.append(found)
            return tuple(ids)
        return read

    def profile_reader(value):
        text = text_of(value)
        found = resolve.profile(text) if text else None
        return _NEEDS_NOTES if found is None else found

    def date_reader(value):
        try:
            return parse_date(value)
        except BadDate:
            return _NEEDS_NOTES

    names = [v.strip() if v.__class__ is str else text_of(v) for v in column("organisation")]
    profile_cells = column("profile")
    columns = [
        mapped(profile_cells, profile_reader),
        mapped(profile_cells, text_of),
        mapped(column("deployed"), read_deployed := list_reader(False)),
        mapped(column("certified"), lambda v: read_deployed(v) if text_of(v) else None),
        mapped(column("target_date"), date_reader),
        mapped(column("planned"), list_reader(True)),
    ]
    noted = {k for k, name in enumerate(names) if not name}  # also a name cell holding an error value
    for values in columns:
        if _NEEDS_NOTES in values:
            noted.update(k for k, v in enumerate(values) if v is _NEEDS_NOTES)
    if sheet.hidden_rows:
        noted.update(k for k, row in enumerate(data_rows) if row in sheet.hidden_rows)
    n = len(data_rows)
    rows: list[OrganisationRow | None] = list(map(tuple.__new__, itertools.repeat(OrganisationRow), zip(
        names, *columns, itertools.repeat(source, n), data_rows, itertools.repeat((), n))))
    for k in sorted(noted):  # in file order, so the findings are too
        rows[k] = reader.row(data_rows[k])
    return rows
