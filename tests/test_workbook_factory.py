"""Tests of the workbook factory itself (not of the analyser's readers): dependency tables.

Every file the factory writes is read back with the plain libraries --
openpyxl, xlrd, odfpy, csv (``workbook_readback``) -- and compared cell by
cell, merge by merge and sheet by sheet with the logical grids the factory
says it wrote, in every format and layout option. The specs, the broken
variants, task workbooks and organisations files are tested in
``test_workbook_factory_specs.py``.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import workbook_factory as wf
from workbook_factory import (
    FORMATS, ITEM_FIELDS, ITEM_HEADERS, Layout, SHEET_NAMES, a1, classify_mark, expected_requires, parse_a1,
    random_layout, random_spec, small_spec, write_dependency_table,
)
from workbook_factory._dependency_table import _TableBuilder
from workbook_factory._vocabulary import _norm
from workbook_readback import assert_roundtrip, check_decodes, split_refs, target

# ---------------------------------------------------------------------------
# Basics
# ---------------------------------------------------------------------------


@given(st.integers(1, 70000), st.integers(1, 20000))
@settings(max_examples=50, deadline=None)
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
        norm = _norm(text).strip(":*() ")
        assert norm in {_norm(s) for s in ITEM_HEADERS[fld]["fi"]}, text


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
    out = _TableBuilder(spec, lay).build()
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
