"""Tests of the workbook factory itself: its specs and broken variants, random layouts, task
workbooks and organisations files, and its docstring examples.

Files are read back with the plain libraries (``workbook_readback``); the
dependency-table layouts are tested in ``test_workbook_factory.py``.
"""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import workbook_factory as wf
from workbook_factory import FORMATS, SHEET_NAMES, classify_mark, expected_marks, expected_requires, random_spec, \
    small_spec, write_dependency_table
from workbook_factory._rendering import _splits
from workbook_readback import assert_roundtrip, check_decodes, read_csv_file, split_refs, target

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
    assert all(not _splits(it.name) for it in spec.items)
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

    failed = attempted = 0
    for info in pkgutil.iter_modules(wf.__path__, wf.__name__ + "."):  # examples see the package's names
        result = doctest.testmod(importlib.import_module(info.name), extraglobs=vars(wf))
        failed, attempted = failed + result.failed, attempted + result.attempted
    result = doctest.testmod(wf)
    assert failed + result.failed == 0 and attempted + result.attempted > 5


@given(wf.layouts())
@settings(max_examples=200, deadline=None)
def test_random_layouts_are_unambiguous(layout):
    if layout.profile_labels == "names":
        assert layout.include_profile_sheet
    if layout.extra_column and layout.profile_header == "flat":
        assert layout.include_profile_sheet
    assert layout.matrix_disagree is None
