"""Tests of the workbook factory itself (not of the analyser's readers).

Every file the factory writes is read back with the plain libraries --
openpyxl, xlrd, odfpy, csv -- and compared cell by cell, merge by merge and
sheet by sheet with the logical grids the factory says it wrote.  Separate
tests check that the logical grids say what the spec says, in every layout.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import workbook_factory as wf
from workbook_factory import (
    FORMATS, ITEM_FIELDS, ITEM_HEADERS, Layout, Mark, SHEET_NAMES, a1, classify_mark,
    expected_marks, expected_requires, parse_a1, random_layout, random_spec, small_spec,
    write_dependency_table,
)

# ---------------------------------------------------------------------------
# Raw readers: {sheet: RawSheet}, in workbook order
# ---------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------
# Decoding the logical grid back into the spec (an oracle for the oracle)
# ---------------------------------------------------------------------------

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
            if isinstance(want, wf.enum.Enum):
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


# ---------------------------------------------------------------------------
# Basics
# ---------------------------------------------------------------------------


@given(st.integers(1, 70000), st.integers(1, 20000))
@settings(max_examples=50)
def test_a1_roundtrip(row, col):
    assert parse_a1(a1(row, col)) == (row, col)


def test_a1_examples():
    assert [a1(1, c) for c in (1, 26, 27, 52, 53, 702, 703)] == [
        "A1", "Z1", "AA1", "AZ1", "BA1", "ZZ1", "AAA1"]


def test_cellref_is_a_tuple():
    ref = wf.CellRef("Osatoteutukset", "C7")
    assert ref == ("Osatoteutukset", "C7") and (ref.row, ref.col) == (7, 3)


def test_classify_mark_covers_vocabulary():
    for mark, by_lang in wf.MARK_WORDS.items():
        for words in by_lang.values():
            for w in words:
                assert classify_mark(w) == mark.value
    assert classify_mark(" OSITTAIN ") == "partly"
    assert classify_mark("ehkä") == "invalid"


# ---------------------------------------------------------------------------
# Round trips, every format
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_default_layout_roundtrip(tmp_path, fmt):
    spec = small_spec()
    out = write_dependency_table(spec, target(tmp_path, fmt))
    assert out.fmt == fmt
    assert out.sheet_names == ["Osatoteutukset", "Profiilit"]
    assert_roundtrip(out)
    check_decodes(spec, out)
    # default: header on row 1, first item on row 2, id in A, name in B
    assert out.header_rows == (1,)
    assert out.cell("ARK-1", "id") == ("Osatoteutukset", "A2")
    assert out.cell("ARK-1", "name") == ("Osatoteutukset", "B2")
    assert out.headers["id"] == ("Osatoteutukset", "A1")
    assert out.value(out.headers["id"]) == "Tunnus"
    assert out.value(out.mark_cell("KAT-1", "B")) == "osittain"
    assert out.value(out.mark_cell("VAN-1", "B")) is None


KITCHEN_SINK = dict(
    title_rows=2, merge_title=True, blank_after_title=True, profile_header="two-row",
    matrix="both", matrix_disagree=("LIITE", "VAN-1"), hidden_sheet_first=True,
    requires_as="mixed", separator="natural", trailing_blank_rows=2, blank_rows_after=(1,),
    extra_column="Kommentti", values="random", headers="random", decorate_headers=True,
    numbers_as_numbers=True, changelog_sheet=True, column_seed=5, seed=3,
)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("language", wf.LANGUAGES)
def test_kitchen_sink_roundtrip(tmp_path, fmt, language):
    spec = small_spec()
    out = write_dependency_table(spec, target(tmp_path, fmt), language=language,
                                 csv_sep=";" if language == "sv" else ",", **KITCHEN_SINK)
    assert_roundtrip(out)
    check_decodes(spec, out)
    names = SHEET_NAMES
    assert out.sheet_names == [names[r][language]
                               for r in ("help", "items", "profiles", "matrix", "changelog")]
    assert out.sheet("help").hidden
    assert out.layout.profile_header == ("two-row-unmerged" if fmt == "csv" else "two-row")


def test_xlsm_is_macro_enabled_and_loads(tmp_path):
    import openpyxl

    out = write_dependency_table(small_spec(), tmp_path / "t.xlsm")
    with zipfile.ZipFile(out.path) as z:
        types = z.read("[Content_Types].xml")
    assert b"application/vnd.ms-excel.sheet.macroEnabled.main+xml" in types
    wb = openpyxl.load_workbook(out.path)
    assert wb.sheetnames == ["Osatoteutukset", "Profiilit"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_is_deterministic(tmp_path, fmt):
    spec = random_spec(4, 10, 3)
    lay = random_layout(7, fmt)

    def blobs(p: Path):
        if p.is_dir():
            return {f.name: f.read_bytes() for f in sorted(p.iterdir())}
        return p.read_bytes()

    a = write_dependency_table(spec, target(tmp_path / "a", fmt), lay)
    b = write_dependency_table(spec, target(tmp_path / "b", fmt), lay)
    assert blobs(a.path) == blobs(b.path)


def test_fixed_workbook_properties(tmp_path):
    import openpyxl

    out = write_dependency_table(small_spec(), tmp_path / "t.xlsx")
    props = openpyxl.load_workbook(out.path).properties
    assert props.created == props.modified == dt.datetime(2024, 1, 1)
    with zipfile.ZipFile(out.path) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}


# ---------------------------------------------------------------------------
# Layout options
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods"])
def test_two_row_header_merges(tmp_path, fmt):
    spec = small_spec()
    out = write_dependency_table(spec, target(tmp_path, fmt), profile_header="two-row",
                                 title_rows=1, language="en")
    raw = assert_roundtrip(out)["Functionalities"]
    assert out.header_rows == (2, 3)
    sup = out.headers["profiles"]
    assert out.value(sup) == "Profiles" and sup.row == 2
    first, last = out.headers["mark:A"], out.headers["mark:C"]
    assert first.row == last.row == 3 and first.col == sup.col and last.col == sup.col + 2
    assert f"{sup.cell}:{a1(2, last.col)}" in raw.merges
    for fld in ITEM_FIELDS:
        h = out.headers[fld]
        assert f"{h.cell}:{a1(3, h.col)}" in raw.merges
    assert len(raw.merges) == len(ITEM_FIELDS) + 1
    assert out.cell(spec.items[0].id, "id").row == 4


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_two_row_unmerged(tmp_path, fmt):
    out = write_dependency_table(small_spec(), target(tmp_path, fmt),
                                 profile_header="two-row-unmerged", profile_labels="names",
                                 super_header="Profiilit")
    assert_roundtrip(out)
    sheet = out.sheet("items")
    assert sheet.merges == []
    assert out.value(out.headers["profiles"]) == "Profiilit"
    assert out.value(out.headers["mark:A"]) == "Laaja asiakastietojärjestelmä"
    # only the super-header cell is filled on row 1 over the profile block
    row1 = {c for (r, c) in sheet.cells if r == 1}
    assert out.headers["mark:B"].col not in row1
    # row 2 holds only the profile labels
    assert {c for (r, c) in sheet.cells if r == 2} == {
        out.headers[wf.mark_field(p)].col for p in "ABC"}


@pytest.mark.parametrize("language", wf.LANGUAGES)
def test_first_synonyms_per_language(tmp_path, language):
    out = write_dependency_table(small_spec(), tmp_path / "t.xlsx", language=language,
                                 matrix="both")
    assert out.sheet_names == [SHEET_NAMES[r][language] for r in ("items", "profiles", "matrix")]
    for fld in ITEM_FIELDS:
        assert out.value(out.headers[fld]) == ITEM_HEADERS[fld][language][0]
    for fld in wf.PROFILE_FIELDS:
        assert out.value(out.profile_headers[fld]) == wf.PROFILE_HEADERS[fld][language][0]


def test_random_headers_vary_and_stay_in_vocabulary(tmp_path):
    seen = {f: set() for f in ITEM_FIELDS}
    for seed in range(12):
        out = write_dependency_table(small_spec(), tmp_path / f"t{seed}", fmt="csv",
                                     headers="random", seed=seed)
        for f in ITEM_FIELDS:
            seen[f].add(out.value(out.headers[f]))
    for f in ITEM_FIELDS:
        assert seen[f] == set(ITEM_HEADERS[f]["fi"]), f


def test_header_overrides_and_decoration(tmp_path):
    out = write_dependency_table(small_spec(), tmp_path / "t.xlsx",
                                 header_overrides={"id": "Nro", "name": "Toiminnallisuus"},
                                 decorate_headers=True, seed=1)
    assert out.value(out.headers["id"]) == "Nro"
    assert out.value(out.headers["name"]) == "Toiminnallisuus"
    for fld in ITEM_FIELDS[2:]:
        text = out.value(out.headers[fld])
        norm = wf._norm(text).strip(":*() ")
        assert norm in {wf._norm(s) for s in ITEM_HEADERS[fld]["fi"]}, text


@pytest.mark.parametrize("separator", [",", ";", "\n", "and", "natural", " / "])
@pytest.mark.parametrize("requires_as", ["ids", "names", "mixed"])
def test_requires_rendering(tmp_path, separator, requires_as):
    spec = small_spec()
    out = write_dependency_table(spec, tmp_path / "t", fmt="csv", separator=separator,
                                 requires_as=requires_as, language="sv")
    v = out.value(out.cell("KAT-1", "requires"))
    parts = v.split(" / ") if separator == " / " else split_refs(v)
    names = {it.name: it.id for it in spec.items}
    assert [names.get(p, p) for p in parts] == ["ARK-2", "LUO-1"]
    if requires_as == "ids":
        assert parts == ["ARK-2", "LUO-1"]
    if requires_as == "names":
        assert parts == ["Asiakirjojen haku arkistosta", "Luovutusilmoitukset"]
    if separator == "and":
        assert v == "ARK-2 och LUO-1" if requires_as == "ids" else " och " in v
    assert_roundtrip(out)


def test_mixed_references_use_both_forms():
    spec = random_spec(1, 30, 2, edge_probability=0.5)
    lay = Layout(fmt="csv", requires_as="mixed")
    out = wf._TableBuilder(spec, lay).build()
    parts = [p for i in range(len(spec.items))
             for p in split_refs(out.sheet("items").get(out.row_cells[i]["requires"]))]
    ids = {it.id for it in spec.items}
    assert any(p in ids for p in parts) and any(p not in ids for p in parts)


def test_names_with_separators_are_refused(tmp_path):
    spec = small_spec()
    spec.items[0].name = "Arkistointi ja haku"
    with pytest.raises(ValueError, match="separator"):
        write_dependency_table(spec, tmp_path / "t.xlsx", requires_as="names")
    write_dependency_table(spec, tmp_path / "t.xlsx", requires_as="ids")  # fine with ids


@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_matrix_only(tmp_path, fmt):
    spec = small_spec()
    out = write_dependency_table(spec, target(tmp_path, fmt), matrix="only",
                                 matrix_labels="names", include_profile_sheet=False)
    assert_roundtrip(out)
    assert out.sheet_names == ["Osatoteutukset", "Riippuvuudet"]
    assert "requires" not in out.headers
    ids = [it.id for it in spec.items]
    for i, r in enumerate(ids):
        row_label = out.matrix_labels[("row", r)]
        col_label = out.matrix_labels[("col", r)]
        assert row_label == ("Riippuvuudet", a1(i + 2, 1))
        assert col_label == ("Riippuvuudet", a1(1, i + 2))
        assert out.value(row_label) == out.value(col_label) == spec.item(r).name
        for c in ids:
            v = out.value(out.matrix_cells[(r, c)])
            assert (v == "X") == (c in spec.item(r).requires), (r, c)
            assert v in ("X", None)
    assert expected_requires(spec) == {it.id: frozenset(it.requires) for it in spec.items}


def test_matrix_random_marks_and_title(tmp_path):
    out = write_dependency_table(small_spec(), tmp_path / "t.xls", matrix="both",
                                 matrix_mark=None, values="random", seed=2, title_rows=2,
                                 merge_title=True)
    assert_roundtrip(out)
    marks = {out.value(ref) for ref in out.matrix_cells.values()} - {None}
    assert len(marks) > 1 and all(classify_mark(str(m)) == "allowed" for m in marks)
    assert out.matrix_labels[("row", "ARK-1")].row == 4


@pytest.mark.parametrize("pair,present_in_column", [(("LIITE", "VAN-1"), False),
                                                    (("KAT-1", "LUO-1"), True)])
def test_matrix_disagreement(tmp_path, pair, present_in_column):
    spec = small_spec()
    out = write_dependency_table(spec, tmp_path / "t.xlsx", matrix="both",
                                 matrix_disagree=pair)
    r, c = pair
    mcell, rcell = out.disagreement
    assert mcell == out.matrix_cells[pair] and rcell == out.cell(r, "requires")
    assert (out.value(mcell) is None) == present_in_column
    assert (c in split_refs(out.value(rcell))) == present_in_column
    assert c in expected_requires(spec, out.layout)[r]


def test_layout_validation(tmp_path):
    with pytest.raises(ValueError):
        write_dependency_table(small_spec(), tmp_path / "t.xlsx", no_such_option=1)
    with pytest.raises(ValueError):
        Layout(matrix_disagree=("A", "B"))
    with pytest.raises(ValueError):
        Layout(profile_header="three-row")
    with pytest.raises(ValueError):
        write_dependency_table(small_spec(), tmp_path / "t.txt")


def test_column_shuffle_keeps_profile_block(tmp_path):
    spec = small_spec()
    orders = set()
    for seed in range(8):
        out = write_dependency_table(spec, tmp_path / f"t{seed}.xlsx", column_seed=seed,
                                     extra_column="Kommentti")
        cols = sorted((ref.col, f) for f, ref in out.headers.items())
        orders.add(tuple(f for _, f in cols))
        pcols = [out.headers[wf.mark_field(p.id)].col for p in spec.profiles]
        assert pcols == list(range(pcols[0], pcols[0] + len(pcols)))
        assert [c for c, _ in cols] == list(range(1, len(cols) + 1))
        check_decodes(spec, out)
    assert len(orders) > 4


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods", "csv"])
def test_blank_rows(tmp_path, fmt):
    spec = small_spec()
    out = write_dependency_table(spec, target(tmp_path, fmt), blank_rows_after=(1, 3),
                                 trailing_blank_rows=2)
    assert_roundtrip(out)
    rows = [out.row_cells[i]["id"].row for i in range(len(spec.items))]
    assert rows == [2, 3, 5, 6, 8, 9]
    sheet = out.sheet("items")
    width = sheet.max_col
    for r in (4, 7, 10, 11):
        assert [sheet.cells.get((r, c)) for c in range(1, width + 1)] == [""] * width
    assert sheet.max_row == 11


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods", "csv"])
def test_numbers_and_dates(tmp_path, fmt):
    spec = random_spec(3, 6, 2, id_style="digits")
    spec.items[0].available_from = dt.date(2024, 3, 5)
    for style, want in (("date", dt.date(2024, 3, 5)), ("dmy", "5.3.2024"),
                        ("iso", "2024-03-05")):
        out = write_dependency_table(spec, target(tmp_path / style, fmt),
                                     numbers_as_numbers=True, date_style=style)
        raw = assert_roundtrip(out)["Osatoteutukset"]
        ref = out.cell(spec.items[0].id, "available_from")
        got = raw.cells[(ref.row, ref.col)]
        if fmt == "csv":
            want = want.isoformat() if isinstance(want, dt.date) else want
        assert got == want
        idref = out.cell(spec.items[0].id, "id")
        assert raw.cells[(idref.row, idref.col)] == (
            spec.items[0].id if fmt == "csv" else int(spec.items[0].id))


def test_sheet_order_and_names(tmp_path):
    out = write_dependency_table(small_spec(), tmp_path / "t.ods", matrix="both",
                                 sheet_order=("matrix", "profiles", "items"),
                                 sheet_names={"items": "Taulukko1"}, hidden_sheet_first=True)
    assert out.sheet_names == ["Ohje", "Riippuvuudet", "Profiilit", "Taulukko1"]
    assert out.cell("ARK-1", "id").sheet == "Taulukko1"
    assert list(assert_roundtrip(out)) == out.sheet_names


def test_fields_subset_and_order(tmp_path):
    out = write_dependency_table(small_spec(), tmp_path / "t.xlsx",
                                 fields=("name", "requires", "id"))
    assert [out.headers[f].col for f in ("name", "requires", "id")] == [1, 2, 3]
    assert ("ARK-1", "service") not in out.cells


def test_profile_sheet(tmp_path):
    spec = small_spec()
    out = write_dependency_table(spec, tmp_path / "t.xls", date_style="dmy", title_rows=1)
    assert_roundtrip(out)
    assert out.profile_cells[("B", "valid_until")] == ("Profiilit", "E4")
    assert out.value(out.profile_cells[("B", "valid_until")]) == "31.12.2030"
    assert out.value(out.profile_cells[("C", "name")]) == "Arkistointipalvelu"
    assert out.value(out.profile_cells[("A", "valid_until")]) is None


# ---------------------------------------------------------------------------
# Specs and broken variants
# ---------------------------------------------------------------------------


def _has_cycle(requires: dict[str, frozenset[str]]) -> bool:
    state: dict[str, int] = {}

    def visit(n):
        state[n] = 1
        for m in requires.get(n, ()):
            if state.get(m) == 1 or (m not in state and m in requires and visit(m)):
                return True
        state[n] = 2
        return False

    return any(n not in state and visit(n) for n in requires)


def test_small_spec_facts():
    spec = small_spec()
    assert len(spec.items) == 6 and len(spec.profiles) == 3
    marks = expected_marks(spec)
    assert marks["B"]["KAT-1"] == "partly"
    # excluded case: C allows KAT-1 but not its prerequisite LUO-1
    assert marks["C"]["KAT-1"] == "allowed" and marks["C"]["LUO-1"] == "not"
    assert "LUO-1" in spec.item("KAT-1").requires
    assert not _has_cycle(expected_requires(spec))


@given(st.integers(0, 10_000), st.integers(1, 25), st.integers(0, 5),
       st.sampled_from(["code", "digits"]))
@settings(max_examples=60, deadline=None)
def test_random_spec_valid(seed, n, k, id_style):
    spec = random_spec(seed, n, k, id_style=id_style)
    ids = [it.id for it in spec.items]
    assert len(set(ids)) == n == len({it.name for it in spec.items})
    req = expected_requires(spec)
    assert not _has_cycle(req)
    assert all(r in req for rs in req.values() for r in rs)
    assert all(not wf._splits(it.name) for it in spec.items)
    assert random_spec(seed, n, k, id_style=id_style) == spec


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("matrix", [None, "both", "only"])
def test_with_cycle(tmp_path, fmt, matrix):
    broken = wf.with_cycle(small_spec())
    assert _has_cycle(expected_requires(broken))
    out = write_dependency_table(broken, target(tmp_path, fmt), matrix=matrix)
    loc = out.defect("cycle")
    d = loc.defect
    assert d.cycle[0] == d.target and len(d.cycle) >= 2
    z = broken.items[d.item_index]
    assert z.id == d.cycle[-1] and d.target in z.requires
    want = []
    if matrix != "only":
        want.append(out.cell(z.id, "requires"))
        assert d.target in split_refs(out.value(want[0]))
    if matrix:
        want.append(out.matrix_cells[(z.id, d.target)])
        assert out.value(want[-1]) == "X"
    assert list(loc.cells) == want
    assert len(loc.related) == (len(d.cycle) - 1) * (2 if matrix == "both" else 1)
    assert_roundtrip(out)


def test_with_cycle_without_edges():
    spec = small_spec()
    for it in spec.items:
        it.requires = []
    broken = wf.with_cycle(spec)
    assert _has_cycle(expected_requires(broken))
    assert spec.items[0].requires == []  # input untouched


@pytest.mark.parametrize("matrix", [None, "both", "only"])
def test_with_unknown_reference(tmp_path, matrix):
    broken = wf.with_unknown_reference(small_spec(), index=2)
    out = write_dependency_table(broken, tmp_path / "t.xlsx", matrix=matrix,
                                 requires_as="names")
    loc = out.defect("unknown-reference")
    assert loc.defect.target == "EI-OLE-99"
    for ref in loc.cells:
        if ref.sheet == "Osatoteutukset":
            assert ref == out.cell("LUO-1", "requires")
            assert split_refs(out.value(ref)) == ["Asiakirjojen arkistointi", "EI-OLE-99"]
        else:
            assert out.value(ref) == "X"
            assert out.value(out.matrix_labels[("col", "EI-OLE-99")]) == "EI-OLE-99"
    assert len(loc.cells) == {None: 1, "both": 2, "only": 1}[matrix]


def test_with_self_dependency(tmp_path):
    broken = wf.with_self_dependency(small_spec(), index=0)
    out = write_dependency_table(broken, tmp_path / "t.ods", matrix="both")
    loc = out.defect("self-dependency")
    assert loc.cells == (out.cell("ARK-1", "requires"), out.matrix_cells[("ARK-1", "ARK-1")])
    assert out.value(loc.cells[0]) == "ARK-1"


def test_with_duplicate_id(tmp_path):
    broken = wf.with_duplicate_id(small_spec(), index=1)
    out = write_dependency_table(broken, tmp_path / "t.xls")
    loc = out.defect("duplicate-id")
    assert loc.cells == (("Osatoteutukset", "A8"),)
    assert loc.related == (("Osatoteutukset", "A3"),)
    assert out.value(loc.cells[0]) == out.value(loc.related[0]) == "ARK-2"
    assert out.cell("ARK-2", "name") == ("Osatoteutukset", "B3")  # first occurrence
    assert_roundtrip(out)


@pytest.mark.parametrize("fmt", FORMATS)
def test_value_defects_located(tmp_path, fmt):
    spec = wf.with_bad_group(wf.with_bad_date(wf.with_unknown_mark(small_spec(), index=4),
                                              index=0), index=5)
    out = write_dependency_table(spec, target(tmp_path, fmt), profile_header="two-row",
                                 title_rows=3, column_seed=11)
    raw = assert_roundtrip(out)
    kinds = [d.defect.kind for d in out.defects]
    assert kinds == ["unknown-mark", "bad-date", "bad-group"]
    for d in out.defects:
        (ref,) = d.cells
        assert raw[ref.sheet].cells[(ref.row, ref.col)] == d.defect.text
    assert out.defect("unknown-mark").cells == (out.mark_cell("KAT-1", "C"),)
    assert classify_mark(out.value(out.mark_cell("KAT-1", "C"))) == "invalid"


def test_without_column(tmp_path):
    broken = wf.without_column(small_spec(), "id")
    out = write_dependency_table(broken, tmp_path / "t.xlsx")
    assert "id" not in out.headers and ("ARK-1", "id") not in out.cells
    loc = out.defect("missing-column")
    assert (loc.sheet, loc.cells, loc.defect.field) == ("Osatoteutukset", (), "id")
    with pytest.raises(ValueError):
        wf.without_column(small_spec(), "nope")


def test_broken_variants_do_not_mutate():
    spec = small_spec()
    before = repr(spec)
    for make in (wf.with_cycle, wf.with_unknown_reference, wf.with_self_dependency,
                 wf.with_duplicate_id, wf.with_unknown_mark, wf.with_bad_date,
                 wf.with_bad_group, lambda s: wf.without_column(s, "name")):
        assert make(spec).defects
    assert repr(spec) == before


# ---------------------------------------------------------------------------
# Property: any random layout of any random spec round-trips and decodes
# ---------------------------------------------------------------------------


@given(spec_seed=st.integers(0, 10_000), layout=wf.layouts(),
       id_style=st.sampled_from(["code", "digits"]))
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_random_layouts_roundtrip(tmp_path_factory, spec_seed, layout, id_style):
    spec = random_spec(spec_seed, 7, 3, id_style=id_style)
    tmp = tmp_path_factory.mktemp("prop")
    out = write_dependency_table(spec, target(tmp, layout.fmt), layout)
    assert_roundtrip(out)
    check_decodes(spec, out)
    if layout.matrix:
        for it in spec.items:
            for c in (x.id for x in spec.items):
                v = out.value(out.matrix_cells[(it.id, c)])
                assert (v is not None) == (c in it.requires)


# ---------------------------------------------------------------------------
# Task workbook and organisations
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("language", wf.LANGUAGES)
def test_task_workbook(tmp_path, fmt, language):
    spec = wf.with_bad_timing(wf.small_task_spec(), index=1)
    out = wf.write_task_workbook(spec, target(tmp_path, fmt, "tasks"), language=language,
                                 title_rows=1, blank_after_title=True)
    raw = assert_roundtrip(out)
    tasks, periods = SHEET_NAMES["tasks"][language], SHEET_NAMES["periods"][language]
    assert out.sheet_names == [tasks, periods, "Ensimmäinen käyttöönotto"]
    assert list(raw) == out.sheet_names or fmt == "csv"
    assert out.headers["id"] == (tasks, "A3")
    for f in wf.TASK_FIELDS:
        assert out.value(out.headers[f]) == wf.TASK_HEADERS[f][language][0]
    for f in wf.PERIOD_FIELDS:
        assert out.value(out.period_headers[f]) == wf.PERIOD_HEADERS[f][language][0]
    assert out.cells[("5", "after")] == (tasks, "G8")
    assert out.value(out.cells[("5", "after")]) == "2, 4"
    assert out.value(out.cells[("3", "duration")]) == 2
    assert out.value(out.period_cells[("2025/2", "start")]) == dt.date(2025, 9, 1)
    assert out.extra_cells[("Ensimmäinen käyttöönotto", "E1", "task")].cell == "B4"
    (loc,) = out.defects
    assert out.value(loc.cells[0]) == "sopivana ajankohtana"
    assert loc.cells[0] == out.cells[("2", "timing")]


def test_task_workbook_hidden_first(tmp_path):
    out = wf.write_task_workbook(wf.small_task_spec(), tmp_path / "t.xlsx",
                                 hidden_sheet_first=True, include_periods=False)
    raw = assert_roundtrip(out)
    assert list(raw) == ["Ohje", "Käytön laajennus", "Ensimmäinen käyttöönotto"]
    assert raw["Ohje"].hidden


@pytest.mark.parametrize("sep,bom", [(",", True), (";", False)])
def test_organisations_csv(tmp_path, sep, bom):
    rows = wf.small_organisations()
    out = wf.write_organisations(rows, tmp_path / "orgs.csv", sep=sep, bom=bom)
    raw = read_csv_file(out.path, sep, bom)
    assert out.sheet_names == ["orgs"]
    assert raw.cells[(1, 1)] == "Organisaatio" and raw.cells[(1, 6)] == "Suunniteltu järjestys"
    ref = out.cells[("Pohjolan hyvinvointialue", "planned")]
    assert ref == ("orgs", "F2") and raw.cells[(2, 6)] == "ARK-2, LUO-1, KAT-1"
    assert raw.cells[(2, 5)] == "2025-05-01"
    assert (2, 4) not in raw.cells  # certified unknown -> blank
    assert raw.cells[(3, 5)] == "1.9.2025"


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods"])
@pytest.mark.parametrize("language", wf.LANGUAGES)
def test_organisations_workbook(tmp_path, fmt, language):
    out = wf.write_organisations(wf.small_organisations(), tmp_path / f"o.{fmt}",
                                 language=language, date_style="date", title_rows=2,
                                 list_sep=";")
    raw = assert_roundtrip(out)
    sheet = SHEET_NAMES["organisations"][language]
    assert list(raw) == [sheet]
    for f in wf.ORG_FIELDS:
        assert out.value(out.headers[f]) == wf.ORG_HEADERS[f][language][0]
        assert out.headers[f].row == 3
    assert out.value(out.cells[("Pohjolan hyvinvointialue", "target_date")]) == dt.date(2025, 5, 1)
    assert out.value(out.cells[("Sosiaalipalvelu Oy", "certified")]) == "ARK-1; ARK-2"


def test_module_doctests():
    import doctest

    result = doctest.testmod(wf)
    assert result.failed == 0 and result.attempted > 5


@given(wf.layouts())
@settings(max_examples=200)
def test_random_layouts_are_unambiguous(layout):
    if layout.profile_labels == "names":
        assert layout.include_profile_sheet
    if layout.extra_column and layout.profile_header == "flat":
        assert layout.include_profile_sheet
    assert layout.matrix_disagree is None
