"""Read a workbook the factory wrote back with the plain libraries, and decode its logical grid.

The raw readers (openpyxl, xlrd, odfpy, csv) give ``{sheet: RawSheet}`` in
workbook order; ``assert_roundtrip`` compares a file cell by cell, merge by
merge and sheet by sheet with the logical grids the factory says it wrote;
``check_decodes`` reads the logical grid back into the spec (an oracle for the
oracle). Used by ``test_workbook_factory.py`` and ``test_workbook_factory_specs.py``.
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import io
import re
from pathlib import Path

import workbook_factory as wf
from workbook_factory import Mark, a1, classify_mark


class RawSheet:
    def __init__(self, cells, merges, hidden):
        self.cells = cells      # {(row, col): value}, 1-based; None/"" for blanks dropped
        self.merges = merges    # set of "A1:B2"
        self.hidden = hidden


def read_xlsx(path: Path) -> dict[str, RawSheet]:
    import openpyxl

    wb = openpyxl.load_workbook(path)
    out = {}
    for ws in wb.worksheets:
        cells = {}
        for row in ws.iter_rows():
            for c in row:
                v = c.value
                if v is None or v == "":
                    continue
                if isinstance(v, dt.datetime):
                    assert v.time() == dt.time(0), v
                    v = v.date()
                cells[(c.row, c.column)] = v
        merges = {str(r) for r in ws.merged_cells.ranges}
        out[ws.title] = RawSheet(cells, merges, ws.sheet_state != "visible")
    return out


def read_xls(path: Path) -> dict[str, RawSheet]:
    import xlrd

    book = xlrd.open_workbook(str(path), formatting_info=True)
    out = {}
    for sh in book.sheets():
        cells = {}
        for r in range(sh.nrows):
            for c in range(sh.ncols):
                cell = sh.cell(r, c)
                if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                    continue
                v = cell.value
                if cell.ctype == xlrd.XL_CELL_DATE:
                    v = xlrd.xldate_as_datetime(v, book.datemode).date()
                elif cell.ctype == xlrd.XL_CELL_NUMBER:
                    assert v == int(v)
                    v = int(v)
                if v == "":
                    continue
                cells[(r + 1, c + 1)] = v
        merges = {f"{a1(rlo + 1, clo + 1)}:{a1(rhi, chi)}"
                  for rlo, rhi, clo, chi in sh.merged_cells}
        out[sh.name] = RawSheet(cells, merges, sh.visibility != 0)
    return out


def read_ods(path: Path) -> dict[str, RawSheet]:
    from odf import teletype
    from odf.opendocument import load
    from odf.namespaces import STYLENS, TABLENS
    from odf.style import Style, TableProperties
    from odf.table import Table, TableRow
    from odf.text import P

    doc = load(str(path))
    hidden_styles = set()
    for style in doc.automaticstyles.getElementsByType(Style):
        for props in style.getElementsByType(TableProperties):
            if props.getAttrNS(TABLENS, "display") == "false":
                hidden_styles.add(style.getAttrNS(STYLENS, "name"))
    out = {}
    for table in doc.spreadsheet.getElementsByType(Table):
        cells, merges = {}, set()
        r = 0
        for tr in table.getElementsByType(TableRow):
            for _ in range(int(tr.getAttrNS(TABLENS, "number-rows-repeated") or 1)):
                r += 1
                c = 0
                for cell in tr.childNodes:
                    if cell.qname[1] not in ("table-cell", "covered-table-cell"):
                        continue
                    for _ in range(int(cell.getAttrNS(TABLENS, "number-columns-repeated") or 1)):
                        c += 1
                        if cell.qname[1] == "covered-table-cell":
                            continue
                        rs = int(cell.getAttrNS(TABLENS, "number-rows-spanned") or 1)
                        cs = int(cell.getAttrNS(TABLENS, "number-columns-spanned") or 1)
                        if rs > 1 or cs > 1:
                            merges.add(f"{a1(r, c)}:{a1(r + rs - 1, c + cs - 1)}")
                        vt = cell.getAttrNS("urn:oasis:names:tc:opendocument:xmlns:office:1.0",
                                            "value-type")
                        office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
                        if vt == "date":
                            v = dt.date.fromisoformat(cell.getAttrNS(office, "date-value")[:10])
                        elif vt == "float":
                            v = int(float(cell.getAttrNS(office, "value")))
                        elif vt == "string":
                            v = "\n".join(teletype.extractText(p)
                                          for p in cell.getElementsByType(P))
                        else:
                            assert not cell.getElementsByType(P)
                            continue
                        cells[(r, c)] = v
        name = table.getAttrNS(TABLENS, "name")
        out[name] = RawSheet(cells, merges,
                             table.getAttrNS(TABLENS, "style-name") in hidden_styles)
    return out


def read_csv_folder(path: Path, sep: str = ",", bom: bool = True) -> dict[str, RawSheet]:
    out = {}
    for f in sorted(path.glob("*.csv")):
        out[f.stem] = read_csv_file(f, sep, bom)
    return out


def read_csv_file(f: Path, sep: str = ",", bom: bool = True) -> RawSheet:
    raw = f.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") == bom
    text = raw.decode("utf-8-sig")
    cells = {}
    for r, row in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=sep), start=1):
        for c, v in enumerate(row, start=1):
            if v != "":
                cells[(r, c)] = v
    return RawSheet(cells, set(), False)


READERS = {"xlsx": read_xlsx, "xlsm": read_xlsx, "xls": read_xls, "ods": read_ods}


def read_back(out) -> dict[str, RawSheet]:
    if out.fmt == "csv":
        return read_csv_folder(out.path, out.csv_sep, out.csv_bom)
    return READERS[out.fmt](out.path)


def assert_roundtrip(out) -> dict[str, RawSheet]:
    """The file holds exactly the factory's logical sheets."""
    raw = read_back(out)
    if out.fmt == "csv":
        assert sorted(raw) == sorted(out.sheet_names)
    else:
        assert list(raw) == out.sheet_names
    for sm in out.sheets:
        got = raw[sm.name]
        want = {}
        for pos, v in sm.cells.items():
            if v is None or v == "":
                continue
            if out.fmt == "csv":
                v = v.isoformat() if isinstance(v, dt.date) else str(v)
            want[pos] = v
        assert got.cells == want, sm.name
        if out.fmt != "csv":
            assert got.merges == set(sm.merged_ranges()), sm.name
            assert got.hidden == sm.hidden, sm.name
    if out.fmt == "csv":  # every row padded to the full width
        for sm in out.sheets:
            text = (out.path / f"{sm.name}.csv").read_text(encoding="utf-8-sig")
            rows = list(csv.reader(io.StringIO(text, newline=""),
                                   delimiter=out.csv_sep))
            assert len(rows) == sm.max_row
            assert all(len(r) == sm.max_col for r in rows)
    return raw


def target(tmp_path: Path, fmt: str, stem: str = "table") -> Path:
    return tmp_path / (stem if fmt == "csv" else f"{stem}.{fmt}")


_SPLIT = re.compile(r"\s*(?:[,;\n]|\s(?:ja|och|and)\s)\s*")


def split_refs(value) -> list[str]:
    if value is None:
        return []
    return [p for p in _SPLIT.split(str(value)) if p]


def enum_meaning(table, value, language):
    """Which enum member the written word stands for (None for blank)."""
    text = "" if value is None else str(value)
    hits = {m for m, by_lang in table.items() if text in by_lang[language]}
    assert len(hits) <= 1 or text in ("", "x", "1", "0"), (text, hits)
    return hits


def check_decodes(spec, out) -> None:
    """Every item's cells, read from the logical grid, give back the spec."""
    lay = out.layout
    lang = lay.language
    ids = {it.id for it in spec.items}
    name_to_id = {}
    for it in spec.items:
        name_to_id.setdefault(it.name, it.id)
    items_sheet = out.sheet("items")
    for idx, item in enumerate(spec.items):
        pos = out.row_cells[idx]
        get = lambda f: items_sheet.get(pos[f])  # noqa: E731
        assert str(get("id")) == item.id
        assert get("name") == item.name
        if "requires" in pos:
            refs = [r if r in ids and r not in name_to_id else name_to_id.get(r, r)
                    for r in (str(x) for x in split_refs(get("requires")))]
            assert refs == list(item.requires)
        if "recommends" in pos:
            refs = [name_to_id.get(r, r) for r in split_refs(get("recommends"))]
            assert refs == list(item.recommends)
        for fld, table in (("group", wf.GROUP_WORDS), ("test", wf.YES_NO_WORDS),
                           ("basis", wf.BASIS_WORDS)):
            if fld not in pos:
                continue
            want = getattr(item, fld)
            if isinstance(want, enum.Enum):
                assert want in enum_meaning(table, get(fld), lang)
            else:
                assert (get(fld) or "") == want
        if "available_from" in pos:
            v, want = get("available_from"), item.available_from
            if isinstance(want, dt.date):
                if lay.date_style == "date":
                    assert v == want
                elif lay.date_style == "iso":
                    assert v == want.isoformat()
                else:
                    d, m, y = map(int, v.split("."))
                    assert dt.date(y, m, d) == want
            else:
                assert v == want
        for p in spec.profiles:
            v = get(wf.mark_field(p.id))
            assert classify_mark("" if v is None else str(v)) == classify_mark(
                item.marks.get(p.id, Mark.NOT))
