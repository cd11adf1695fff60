"""Readers against an independent writer (tests/workbook_factory/).

The factory writes tables in every layout FORMATS.md allows (xlsx, xlsm, xls,
ods, CSV folders; title rows; merged two-row headers; matrix sheets; fi/sv/en
headers; shuffled columns; hidden sheets) from a spec; the reader must give
back exactly the spec, and every broken variant must give a finding at the
cell where the factory put the defect.
"""

from __future__ import annotations

import datetime as dt

import pytest

import workbook_factory as wf
from analyser.load.catalogue import load_catalogue
from analyser.load.dependency_table import read_dependency_table
from analyser.load.task_workbook import read_task_workbook
from analyser.text.vocabulary import normalise

FORMATS = ("xlsx", "xlsm", "xls", "ods", "csv")
SUFFIX = {"xlsx": ".xlsx", "xlsm": ".xlsm", "xls": ".xls", "ods": ".ods", "csv": ""}
MARK = {"allowed": "allowed", "partly": "partly", "not": "no"}


def write(spec, tmp_path, fmt, name="table", **options):
    return wf.write_dependency_table(spec, tmp_path / f"{name}{SUFFIX[fmt]}", fmt=fmt, **options)


def assert_same_as_spec(table, spec, layout=None):
    errors = [f.line() for f in table.findings if f.is_error]
    assert not errors, errors
    items = {i.id: i for i in table.items}
    assert sorted(items) == sorted(i.id for i in spec.items)
    expected_requires = wf.expected_requires(spec, layout)
    for row in spec.items:
        item = items[row.id]
        assert normalise(item.name) == normalise(row.name)
        assert frozenset(item.requires) == expected_requires[row.id], row.id
        assert sorted(item.recommends) == sorted(row.recommends), row.id
    marks = wf.expected_marks(spec)
    profile_ids = {normalise(p.id): p.id for p in table.profiles}
    for pid, by_item in marks.items():
        assert normalise(pid) in profile_ids, (pid, [p.id for p in table.profiles])
        for item_id, meaning in by_item.items():
            assert items[item_id].mark(profile_ids[normalise(pid)]) == MARK[meaning], (pid, item_id)


@pytest.mark.parametrize("fmt", FORMATS)
def test_small_spec_each_format(tmp_path, fmt):
    spec = wf.small_spec()
    write(spec, tmp_path, fmt)
    assert_same_as_spec(read_dependency_table(tmp_path / f"table{SUFFIX[fmt]}"), spec)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_two_row_header_with_titles_in_each_language(tmp_path, fmt, language):
    spec = wf.small_spec()
    out = write(spec, tmp_path, fmt, language=language, title_rows=2, blank_after_title=True,
                profile_header="two-row", headers="random", seed=3)
    table = read_dependency_table(out.path)
    assert_same_as_spec(table, spec)
    lv = next(i for i in table.items if i.id == "KAT-1")
    assert lv.group == "phase-2" and lv.test == "if-needed" and lv.available_from == dt.date(2023, 12, 1)


@pytest.mark.parametrize("seed", range(60))
def test_random_layouts_read_back_exactly(tmp_path, seed):
    spec = wf.random_spec(seed, n_items=4 + seed % 9, n_profiles=1 + seed % 4,
                          id_style="digits" if seed % 5 == 0 else "code")
    layout = wf.random_layout(seed, FORMATS[seed % len(FORMATS)])
    out = wf.write_dependency_table(spec, tmp_path / f"t{SUFFIX[layout.fmt]}", layout)
    assert_same_as_spec(read_dependency_table(out.path), spec, out.layout)


@pytest.mark.parametrize("fmt", ["xlsx", "ods", "csv"])
def test_matrix_only(tmp_path, fmt):
    spec = wf.small_spec()
    out = write(spec, tmp_path, fmt, matrix="only", matrix_labels="names")
    assert_same_as_spec(read_dependency_table(out.path), spec, out.layout)


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "csv"])
def test_matrix_and_column_disagree(tmp_path, fmt):
    spec = wf.small_spec()
    out = write(spec, tmp_path, fmt, matrix="both", matrix_disagree=("KAT-1", "ARK-2"))
    table = read_dependency_table(out.path)
    mismatch = [f for f in table.findings if f.code == "matrix-mismatch"]
    assert len(mismatch) == 1 and mismatch[0].severity == "warning"
    matrix_cell, requires_cell = out.disagreement
    finding = mismatch[0]
    named = {(finding.sheet, finding.cell)}
    for value in dict(finding.params).values():  # the other cell, as "Sheet!A1"
        named.add(tuple(str(value).split("!"))) if "!" in str(value) else None
    assert (matrix_cell.sheet, matrix_cell.cell) in named and (requires_cell.sheet, requires_cell.cell) in named
    assert all(f"{c.sheet}!{c.cell}" in finding.text("fi") + f"{finding.sheet}!{finding.cell}"
               for c in (matrix_cell, requires_cell))
    items = {i.id: i for i in table.items}
    assert "ARK-2" in items["KAT-1"].requires or "ARK-2" not in wf.expected_requires(spec)["KAT-1"]


def test_item_sheet_found_by_headers(tmp_path):
    spec = wf.small_spec()
    out = write(spec, tmp_path, "xlsx", sheet_names={"items": "Taulukko1"}, hidden_sheet_first=True,
                changelog_sheet=True)
    table = read_dependency_table(out.path)
    assert_same_as_spec(table, spec)


def test_profiles_from_columns_without_profile_sheet(tmp_path):
    spec = wf.small_spec()
    out = write(spec, tmp_path, "xlsx", include_profile_sheet=False)
    table = read_dependency_table(out.path)
    assert sorted(p.id for p in table.profiles) == ["A", "B", "C"]
    assert_same_as_spec(table, spec)


DEFECTS = {
    "unknown-reference": (lambda s: wf.with_unknown_reference(s, 2, "EI-OLE"), "unknown-reference"),
    "self-dependency": (lambda s: wf.with_self_dependency(s, 3), "self-dependency"),
    "duplicate-id": (lambda s: wf.with_duplicate_id(s, 1), "duplicate-id"),
    "unknown-mark": (lambda s: wf.with_unknown_mark(s, 2, "A", "ehkä"), "unknown-mark"),
    "bad-date": (lambda s: wf.with_bad_date(s, 4, "ensi vuonna"), "bad-date"),
    "bad-group": (lambda s: wf.with_bad_group(s, 0, "kolmas kerros"), "unknown-group"),
}


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods", "csv"])
@pytest.mark.parametrize("defect", sorted(DEFECTS))
def test_defects_are_found_at_their_cell(tmp_path, fmt, defect):
    make, code = DEFECTS[defect]
    spec = make(wf.small_spec())
    out = write(spec, tmp_path, fmt, title_rows=1, profile_header="two-row")
    table = read_dependency_table(out.path)
    located = out.defects[0]
    hits = [f for f in table.findings if f.code == code]
    assert hits, [f.line() for f in table.findings]
    expected = {(c.sheet, c.cell) for c in located.cells}
    assert {(f.sheet, f.cell) for f in hits} & expected, (hits, expected)
    assert all(f.severity == ("warning" if code == "unknown-mark" else "error") for f in hits)  # FORMATS.md §4


@pytest.mark.parametrize("fmt", ["xlsx", "ods", "csv"])
def test_cycle_names_every_member_and_cell(tmp_path, fmt):
    spec = wf.with_cycle(wf.small_spec())
    out = write(spec, tmp_path, fmt)
    catalogue = load_catalogue(out.path, with_tasks=False)
    cycle = [f for f in catalogue.findings if f.code == "dependency-cycle"]
    located = out.defects[0]
    members = located.defect.cycle
    assert cycle
    for f in cycle:
        assert set(dict(f.params)["members"]) == set(members)
        assert all(m in f.text("fi") and m in f.text("en") for m in members)
    cells = {(c.sheet, c.cell) for c in (*located.cells, *located.related)}
    assert {(f.sheet, f.cell) for f in cycle} <= cells


@pytest.mark.parametrize("field", ["id", "name"])
def test_missing_required_column_lists_columns_found(tmp_path, field):
    spec = wf.without_column(wf.small_spec(), field)
    out = write(spec, tmp_path, "xlsx")
    table = read_dependency_table(out.path)
    missing = [f for f in table.findings if f.code == "missing-column"]
    assert missing and missing[0].severity == "error"
    found = dict(missing[0].params)["found"]
    assert found and all(label in missing[0].text("fi") for label in found)
    assert missing[0].variant == f"items-{field}"


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods", "csv"])
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_task_workbook_round_trip(tmp_path, fmt, language):
    spec = wf.small_task_spec()
    out = wf.write_task_workbook(spec, tmp_path / f"tasks{SUFFIX[fmt]}", fmt=fmt, language=language,
                                 title_rows=1)
    data = read_task_workbook(out.path)
    assert not [f.line() for f in data.findings if f.is_error]
    assert [t.id for t in data.tasks] == [t.id for t in spec.tasks]
    for row, task in zip(spec.tasks, data.tasks):
        assert task.timing is not None, row.timing
        assert list(task.after) == row.after
    assert [p.name for p in data.periods] == [p.name for p in spec.periods]
    assert data.periods[0].start == dt.date(2025, 3, 3) and data.periods[0].deadline == dt.date(2025, 1, 31)
    extra = read_task_workbook(out.path, sheet=list(spec.extra_sheets)[0]) if fmt != "csv" else None
    if extra is not None:
        assert [t.id for t in extra.tasks] == ["E1"]


def test_unparsable_timing_is_kept_and_located(tmp_path):
    spec = wf.with_bad_timing(wf.small_task_spec(), 1, "hyvissä ajoin")
    out = wf.write_task_workbook(spec, tmp_path / "t.xlsx", fmt="xlsx")
    data = read_task_workbook(out.path)
    located = out.defects[0]
    hits = [f for f in data.findings if f.code == "unparsable-timing"]
    assert [(f.sheet, f.cell) for f in hits] == [(c.sheet, c.cell) for c in located.cells]
    task = data.tasks[1]
    assert task.timing is None and task.timing_text == "hyvissä ajoin"


def test_shipped_workbooks_are_read_whole():
    catalogue = load_catalogue()
    assert not catalogue.findings
    assert len(catalogue.items) == 20 and len(catalogue.profiles) == 5
    assert all(t.timing is not None for t in catalogue.tasks)
    assert len(catalogue.periods) >= 3
    res_puol = catalogue.item("RES-PUOL")
    assert set(res_puol.requires) == {"RES", "PTA-PUOL"}  # written partly by name
