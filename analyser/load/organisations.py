"""Read the organisations file of a batch report (FORMATS.md §3).

CSV (``,`` or ``;``, UTF-8 with or without BOM) or a workbook, one row per
organisation. Profiles and items are resolved against the catalogue; a bad
value becomes a located finding and the row is kept with what could be read,
so one bad row never stops the run.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field

from analyser.findings import ERROR, WARNING, Finding
from analyser.load.files import read_workbook
from analyser.load.grid import CellError, NoteCap
from analyser.load.table import choose_sheet, find_header, missing_columns_finding, text_of
from analyser.records import Catalogue, Place
from analyser.vocabulary import ORGANISATION_FIELDS, BadDate, normalise, parse_date, split_list

__all__ = ["OrganisationRow", "read_organisations"]


@dataclass(frozen=True)
class OrganisationRow:
    """One organisation as read; ids resolved, ``None`` certified meaning "not known"."""

    name: str
    profile: str | None
    profile_text: str
    deployed: tuple[str, ...]
    certified: tuple[str, ...] | None
    target_date: dt.date | None
    planned: tuple[str, ...]
    place: Place
    problems: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.profile is not None


@dataclass
class _Resolver:
    catalogue: Catalogue
    items: dict = field(default_factory=dict)
    profiles: dict = field(default_factory=dict)
    cells: dict = field(default_factory=dict)

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


def read_organisations(path: str | os.PathLike, catalogue: Catalogue) -> tuple[list[OrganisationRow], list[Finding]]:
    """Read organisations; return the rows and the findings.

    Raises
    ------
    InputError
        When the file cannot be read at all.

    Examples
    --------
    >>> from analyser.catalogue import load_catalogue
    >>> from analyser.shipped import ORGANISATIONS, shipped_path
    >>> rows, findings = read_organisations(shipped_path(ORGANISATIONS), load_catalogue(with_tasks=False))
    >>> rows[0].name, rows[0].profile
    ('Esimerkkilän hyvinvointialue', 'SOS-V2')
    >>> sorted({f.code for f in findings})
    ['unknown-item', 'unknown-profile']
    """
    workbook = read_workbook(path)
    findings = list(workbook.findings)
    sheet = choose_sheet(workbook, "organisations", ORGANISATION_FIELDS, ["organisation", "profile"],
                         prefer_first=True)
    if sheet is None:
        target = next((s for s in workbook.sheets if s.rows), None)
        if target is None:
            findings.append(Finding("empty-table", ERROR, workbook.path, "", "", "the file holds no organisations"))
        else:
            findings.append(missing_columns_finding(target, ORGANISATION_FIELDS, ["organisation", "profile"],
                                                    "organisations file"))
        return [], findings
    header = find_header(sheet, ORGANISATION_FIELDS, ["organisation", "profile"])
    if header is None:  # the sheet was found by its name, but its header lacks a required column
        findings.append(missing_columns_finding(sheet, ORGANISATION_FIELDS, ["organisation", "profile"],
                                                "organisations file"))
        return [], findings
    findings.extend(header.findings)
    cols = header.columns
    if sheet.hidden:
        findings.append(Finding("hidden-sheet", WARNING, sheet.file, sheet.name, "",
                                "the organisations sheet is hidden; it was read"))
    resolve = _Resolver(catalogue)
    rows: list[OrganisationRow] = []
    dates: dict = {}

    cap = NoteCap()

    def note(row: int, col: int, code: str, severity: str, message: str) -> None:
        message = " ".join(message.split())  # names quoted as written may hold line breaks: one line
        finding = cap.admit(Finding(code, severity, sheet.file, sheet.name, sheet.cell_name(row, col), message))
        if finding is not None:
            findings.append(finding)

    def value(row: int, name: str) -> object:
        col = cols.get(name)
        if col is None:
            return None
        raw = sheet.get(row, col)
        if isinstance(raw, CellError):
            note(row, col, "cell-error", ERROR, f"the cell holds the spreadsheet error {raw.code}")
            return None
        return raw

    def items(row: int, name: str, what: str, problems: list[str]) -> list[str]:
        ids = []
        noted: set[str] = set()
        for part, found, respelled in resolve.parts(value(row, name)):
            if part in noted:  # a repeat says nothing new: no second finding (a planned order keeps it)
                if found is not None and name == "planned":
                    ids.append(found)
                continue
            noted.add(part)
            if respelled:
                note(row, cols[name], "id-spelling", WARNING,
                     f"{what}: {part!r} was read as the id {found!r} (differs only in case, spaces or Unicode form)")
            if found is None:
                note(row, cols[name], "unknown-item", ERROR, f"{what} names {part!r}, which is no item's id or name")
                problems.append(f"unknown item {part!r}")
            elif found not in ids or name == "planned":
                ids.append(found)
        return ids

    for row in header.data_rows():
        name = text_of(value(row, "organisation"))
        if not name:
            if any(text_of(v) for v in sheet.row(row).values()):
                note(row, cols["organisation"], "missing-value", ERROR, "the row has no organisation name; skipped")
            continue
        problems: list[str] = []
        profile_text = text_of(value(row, "profile"))
        profile = resolve.profile(profile_text) if profile_text else None
        if profile is None:
            known = ", ".join(p.id for p in catalogue.profiles)
            note(row, cols["profile"], "unknown-profile", ERROR,
                 f"{name}: {profile_text!r} is not a profile of the table ({known})" if profile_text
                 else f"{name}: no profile given")
            problems.append(f"unknown profile {profile_text!r}")
        deployed = items(row, "deployed", f"{name}: 'deployed'", problems)
        certified = None
        if "certified" in cols and text_of(value(row, "certified")):
            certified = tuple(items(row, "certified", f"{name}: 'certified'", problems))
        planned = items(row, "planned", f"{name}: 'planned order'", problems)
        target = None
        raw_target = value(row, "target_date")
        try:
            target = dates[raw_target] if raw_target in dates else dates.setdefault(raw_target, parse_date(raw_target))
        except BadDate:
            note(row, cols["target_date"], "bad-date", ERROR,
                 f"{name}: {text_of(raw_target)!r} is not a date (use d.m.yyyy or an Excel date)")
            problems.append("bad target date")
        if row in sheet.hidden_rows:
            note(row, cols["organisation"], "hidden-row", WARNING, f"the row of {name} is hidden; it was read")
        rows.append(OrganisationRow(
            name=name, profile=profile, profile_text=profile_text, deployed=tuple(deployed), certified=certified,
            target_date=target, planned=tuple(planned), place=Place(sheet.file, sheet.name, row, cols["organisation"]),
            problems=tuple(problems)))
    findings.extend(cap.overflow())
    if not rows:
        findings.append(Finding("empty-table", ERROR, sheet.file, sheet.name, "", "the file holds no organisations"))
    return rows, findings
