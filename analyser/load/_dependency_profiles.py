"""The profiles of the dependency table: the profile sheet and the profile columns.

The optional profile sheet names the profiles; the item sheet's profile
columns are found flat or under a merged super-header, matched to the
profile sheet's ids or names, or (without a profile sheet) taken as new
profiles when they look like marks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from analyser.load.grid import ErrorValue, Sheet
from analyser.load.table import Header, find_header, missing_columns_finding, text_of
from analyser.records import Place, Profile
from analyser.text.vocabulary import ALLOWED, PARTLY, PROFILE_FIELDS, normalise, parse_mark

if TYPE_CHECKING:
    from analyser.load.dependency_table import _TableReader


def read_profile_sheet(reader: _TableReader, sheet: Sheet) -> None:
    """Read the profile sheet into ``reader.out.profiles``."""
    header = find_header(sheet, PROFILE_FIELDS, ["id"])
    if header is None:
        reader.out.findings.append(missing_columns_finding(sheet, PROFILE_FIELDS, ["id"]))
        return
    reader.out.findings.extend(header.findings)
    cols = header.columns
    seen: dict[str, str] = {}
    for row in header.data_rows():
        pid = text_of(reader.value(sheet, row, cols["id"]))
        name = text_of(reader.value(sheet, row, cols.get("name")))
        if not pid:
            if name:
                reader.note(sheet, row, cols["id"], "missing-id", variant="profile", name=name)
            continue
        key = normalise(pid)
        if key in seen:
            reader.note(sheet, row, cols["id"], "duplicate-profile", id=pid, first=seen[key])
            continue
        seen[key] = sheet.cell_name(row, cols["id"])
        place = Place(sheet.file, sheet.name, row, cols["id"])
        reader.out.profiles.append(Profile(
            id=pid,
            name=name or pid,
            description=text_of(reader.value(sheet, row, cols.get("description"))),
            valid_from=reader.date(sheet, row, cols.get("valid_from")),
            valid_until=reader.date(sheet, row, cols.get("valid_until")),
            basis=text_of(reader.value(sheet, row, cols.get("basis"))),
            place=place,
            columns=tuple(sorted(cols.items())),
        ))


def profile_columns(reader: _TableReader, header: Header, *, has_sheet: bool) -> list[tuple[int, str]]:
    """(column, profile id) for every profile column of the item sheet."""
    sheet = header.sheet
    known = {}
    for p in reader.out.profiles:
        known.setdefault(normalise(p.id), p.id)
    for p in reader.out.profiles:
        known.setdefault(normalise(p.name), p.id)
    result: list[tuple[int, str]] = []
    if header.super_header:
        candidates = [(c, label, c not in header.extended) for c, label in header.profile_columns]
    else:
        candidates = [(c, label, False) for c, label in header.other_columns()]
    for col, label, certain in candidates:
        if not label:
            if certain and any(sheet.get(r, col) is not None for r in header.data_rows()):
                reader.note(sheet, header.label_row(col), col, "missing-column", variant="profile-name")
            continue
        key = normalise(label)
        if key in known:
            result.append((col, known[key]))
            continue
        if not certain and not _looks_like_marks(header, col, blank=col in header.extended):
            reader.note(sheet, header.label_row(col), col, "unknown-column", column=label)
            continue
        if has_sheet:
            reader.note(sheet, header.label_row(col), col, "unknown-profile", variant="column", column=label)
            continue
        known[key] = label
        reader.out.profiles.append(Profile(id=label, name=label,
                                           place=Place(sheet.file, sheet.name, header.label_row(col), col)))
        result.append((col, label))
    seen_ids = {pid for _, pid in result}
    for p in reader.out.profiles:
        if p.id not in seen_ids:
            reader.out.findings.append(p.place.finding("profile-without-column", profile=p.id))
    dup: dict[str, int] = {}
    unique: list[tuple[int, str]] = []
    for col, pid in result:
        if pid in dup:
            reader.note(sheet, header.label_row(col), col, "duplicate-column", variant="profile", profile=pid,
                        first=sheet.cell_name(header.label_row(dup[pid]), dup[pid]))
            continue
        dup[pid] = col
        unique.append((col, pid))
    return unique


def _looks_like_marks(header: Header, col: int, *, blank: bool = False) -> bool:
    """Whether a column's cells read as profile marks (``blank``: what to say of a column without any)."""
    values = [header.sheet.get(r, col) for r in header.data_rows()]
    values = [v for v in values if v is not None and not isinstance(v, ErrorValue)]
    if not values:
        return blank
    marks = [parse_mark(v) for v in values]
    good = sum(m is not None for m in marks)
    return good * 5 >= len(values) * 3 and any(m in (ALLOWED, PARTLY) for m in marks)
