"""The dependency table: :func:`write_dependency_table` and the builder that lays a
:class:`TableSpec` out as its item, profile, matrix and change-log sheets."""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from ._cells import CellRef, SheetModel, Value, mark_field
from ._layout import _LAYOUT_FIELDS, Layout
from ._rendering import _Headers, _join, _resolve_fmt, _rng, _simple_table, _splits, _title_rows, _Values
from ._specs import Defect, ItemRow, TableSpec
from ._vocabulary import (_CHANGELOG, _COMMENT_TEXT, _EXTRA_COLUMN_VALUES, _HELP_TEXT, _LEGEND_TEXT,
                          _PROFILE_GROUPS, _TITLE_TEXT, ITEM_FIELDS, ITEM_HEADERS, MARK_WORDS,
                          PROFILE_FIELDS, PROFILE_HEADERS, PROFILE_SUPER_HEADERS, SHEET_NAMES, Mark)
from ._writers import _render
from ._written import LocatedDefect, WrittenTable


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
    if fmt == "csv" and layout.profile_header in ("two-row", "grouped"):
        layout = replace(layout, profile_header=layout.profile_header + "-unmerged")
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
        depth = 1 if lay.profile_header == "flat" or not profiles else (
            3 if lay.profile_header.startswith("grouped") else 2)
        two_row = depth > 1
        merged = lay.profile_header in ("two-row", "grouped")
        out.header_rows = tuple(range(row, row + depth))
        field_row = row + depth - 1 if two_row and not merged and lay.field_header_row == "bottom" else row
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
                if depth == 3:
                    groups = _PROFILE_GROUPS[self.lang]
                    for g in range(0, len(profiles), 2):
                        sheet.put(row + 1, col + g, groups[(g // 2) % len(groups)])
                        if merged:
                            sheet.merge(row + 1, col + g, row + 1, min(col + g + 1, col + len(profiles) - 1))
                for p in profiles:
                    key = mark_field(p.id)
                    out.headers[key] = sheet.put(row + depth - 1, col, label_of[p.id])
                    out.header_texts[key] = label_of[p.id]
                    plan.append((key, col))
                    col += 1
                continue
            key = fld if kind == "field" else "extra"
            text = hdr(fld) if kind == "field" else lay.extra_column
            out.headers[key] = sheet.put(field_row, col, text)
            out.header_texts[key] = text
            if two_row and merged:
                sheet.merge(row, col, row + depth - 1, col)
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
        if lay.legend:
            row += 1  # the blank row above the legend
            out.legend = sheet.put(row, 1, _LEGEND_TEXT[self.lang][0])
            for line in _LEGEND_TEXT[self.lang][1:]:
                row += 1
                sheet.put(row, 1, line)
        if lay.comments and out.row_cells:
            for key in ("name", *(mark_field(p.id) for p in profiles[:1])):
                ref = out.row_cells[0].get(key)
                if ref is not None:
                    sheet.comments[(ref.row, ref.col)] = _COMMENT_TEXT
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
