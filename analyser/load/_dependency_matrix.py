"""The dependencies of the dependency table: the requires column and the matrix sheet.

The item sheet's requires/recommends cells name prerequisites by id or name;
the optional matrix sheet (items down, prerequisites across) adds them, or,
beside a requires column, cross-checks it cell by cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from analyser.findings import WARNING, Finding
from analyser.load.grid import ErrorValue, Sheet, Workbook
from analyser.load.references import ReferenceIndex, Resolution
from analyser.load.table import Header, ignored_block, legend_block, text_of
from analyser.records import Dependency, Item, Place
from analyser.text.vocabulary import NOT_ALLOWED, SHEET_NAMES, normalise, parse_mark

if TYPE_CHECKING:
    from analyser.load.dependency_table import _TableReader


@dataclass
class _Matrix:
    """What the matrix sheet says.

    ``found`` maps (item, prerequisite) to the marked cell; ``rows`` and
    ``cols`` give each item's first row and each prerequisite's column.
    """

    found: dict[tuple[str, str], Place] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    cols: dict[str, int] = field(default_factory=dict)


def _refs(reader: _TableReader, sheet: Sheet, row: int, col: int, column: str, item_id: str,
          resolution: Resolution) -> list[str]:
    """The ids a cell of the column headed ``column`` names, each problem noted at the cell."""
    for text in resolution.unknown:
        reader.note(sheet, row, col, "unknown-reference", item=item_id, column=column, ref=text)
    for text, ids in resolution.ambiguous:
        reader.note(sheet, row, col, "ambiguous-reference", item=item_id, column=column, ref=text, ids=ids)
    for text, real in resolution.respelled:
        reader.note(sheet, row, col, "id-spelling", written=text, id=real)
    ids = []
    for ref in resolution.ids:
        if ref == item_id:
            reader.note(sheet, row, col, "self-dependency", item=item_id)
            continue
        ids.append(ref)
    return ids


def _column_dependencies(reader: _TableReader, header: Header, items: list[Item],
                         index: ReferenceIndex) -> list[Dependency]:
    sheet, cols = header.sheet, header.columns
    deps: list[Dependency] = []
    for item in items:
        row = item.place.row
        for kind in ("requires", "recommends"):
            if kind not in cols:
                continue
            raw = reader.value(sheet, row, cols[kind])
            column = header.labels.get(cols[kind], "")
            for ref in _refs(reader, sheet, row, cols[kind], column, item.id, index.resolve(raw)):
                deps.append(Dependency(ref, item.id, kind, Place(sheet.file, sheet.name, row, cols[kind])))
    return deps


def find_matrix_sheet(workbook: Workbook, items_sheet: Sheet, profiles_sheet: Sheet | None) -> Sheet | None:
    """The dependency matrix sheet, found by name, or ``None``."""
    for sheet in workbook.sheets:
        if sheet is items_sheet or sheet is profiles_sheet:
            continue
        if normalise(sheet.name) in SHEET_NAMES["matrix"]:
            return sheet
    return None


def _read_matrix(reader: _TableReader, sheet: Sheet, index: ReferenceIndex, items: list[Item]) -> _Matrix:
    """(item, prerequisite) -> cell, from a square matrix sheet."""
    known = {i.id for i in items}
    best_row, best_hits = -1, 0
    for row in sheet.row_indices()[:40]:
        hits = sum(1 for c, v in sheet.row(row).items() if c > 0 and len(index.lookup(text_of(v))) == 1)
        if hits > best_hits:
            best_row, best_hits = row, hits
    if best_row < 0:
        reader.out.findings.append(Finding.of("missing-column", sheet.file, sheet.name, variant="matrix"))
        return _Matrix()
    header_cols: dict[int, str] = {}
    for col, value in sorted(sheet.row(best_row).items()):
        label = text_of(value)
        hit = index.lookup(label)
        if len(hit) == 1 and hit[0] in known:
            header_cols[col] = hit[0]
        elif label and col > min(header_cols, default=col + 1):
            reader.note(sheet, best_row, col, "unknown-reference", variant="matrix-column", label=label)
    if not header_cols:
        return _Matrix()
    label_col = min(header_cols) - 1
    cols = {pre: col for col, pre in header_cols.items()}
    rows: dict[str, int] = {}
    found: dict[tuple[str, str], Place] = {}
    block = legend_block(sheet, best_row + 1)
    if block is not None:
        reader.out.findings.append(ignored_block(sheet, block))
    for row in sheet.row_indices():
        if row <= best_row:
            continue
        if block is not None and row >= block[0]:
            break
        label = text_of(sheet.get(row, label_col))
        if not label:
            continue
        hit = index.lookup(label)
        if len(hit) != 1:
            reader.note(sheet, row, label_col, "unknown-reference", variant="matrix-row", label=label)
            continue
        item_id = hit[0]
        rows.setdefault(item_id, row)
        for col, pre in header_cols.items():
            raw = sheet.get(row, col)
            if isinstance(raw, ErrorValue):
                reader.note(sheet, row, col, "cell-error", error=raw.code)
                continue
            mark = parse_mark(raw)
            if mark is None:
                reader.note(sheet, row, col, "unknown-mark", variant="matrix", mark=text_of(raw))
                continue
            if mark == NOT_ALLOWED:
                continue
            if pre == item_id:
                reader.note(sheet, row, col, "self-dependency", item=item_id)
                continue
            found[(item_id, pre)] = Place(sheet.file, sheet.name, row, col)
    return _Matrix(found, rows, cols)


def merge_matrix(reader: _TableReader, header: Header, items: list[Item], index: ReferenceIndex,
                 matrix_sheet: Sheet | None) -> list[Dependency]:
    """The dependencies of the requires/recommends columns merged with the matrix sheet's."""
    deps = _column_dependencies(reader, header, items, index)
    if matrix_sheet is None:
        if "requires" not in header.columns:
            reader.note(header.sheet, header.row, 0, "missing-column", variant="requires", severity=WARNING)
        return deps
    if matrix_sheet.hidden:
        reader.note(matrix_sheet, -1, 0, "hidden-sheet", variant="matrix")
    matrix = _read_matrix(reader, matrix_sheet, index, items)
    if "requires" not in header.columns:
        return deps + [Dependency(pre, item, "requires", place) for (item, pre), place in matrix.found.items()]
    merged: list[Dependency] = []
    column_pairs = set()
    for dep in deps:
        if dep.kind != "requires":
            merged.append(dep)
            continue
        column_pairs.add((dep.item, dep.prerequisite))
        place = matrix.found.get((dep.item, dep.prerequisite))
        if place is None:
            row, col = matrix.rows.get(dep.item), matrix.cols.get(dep.prerequisite)
            if None in (row, col):
                reader.out.findings.append(dep.place.finding("matrix-mismatch", variant="no-cell", item=dep.item,
                                                             prerequisite=dep.prerequisite))
            else:
                reader.out.findings.append(dep.place.finding(
                    "matrix-mismatch", item=dep.item, prerequisite=dep.prerequisite,
                    matrix_cell=f"{matrix_sheet.name}!{matrix_sheet.cell_name(row, col)}"))
        merged.append(Dependency(dep.prerequisite, dep.item, "requires", dep.place, place))
    item_rows = {i.id: i.place.row for i in items}
    for (item, pre), place in matrix.found.items():
        if (item, pre) in column_pairs:
            continue
        req_col = header.columns["requires"]
        req_cell = header.sheet.cell_name(item_rows[item], req_col)
        reader.out.findings.append(place.finding(
            "matrix-mismatch", variant="matrix", item=item, prerequisite=pre,
            column=header.labels.get(req_col, ""), cell=f"{header.sheet.name}!{req_cell}"))
        merged.append(Dependency(pre, item, "requires", place))
    return merged
