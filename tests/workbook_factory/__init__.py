"""Write Kanta-style workbooks in every layout FORMATS.md allows.

This package is a test library, an *oracle* independent of the readers in
``analyser/load``.  It turns a plain in-memory description of a dependency
table (:class:`TableSpec`), a task workbook (:class:`TaskSpec`) or an
organisations file (a list of :class:`OrgRow`) into real files -- ``.xlsx``,
``.xlsm``, ``.xls``, ``.ods`` or CSV -- laid out in any of the ways
``/work/shared/FORMATS.md`` permits: Finnish, Swedish or English labels,
alternative header synonyms, title rows above the header, profile headers of
one, two or three rows (a super-header, groups of profiles, the ids) with or
without merged cells, a dependency matrix sheet, blank rows, a legend block
below the table, cell comments, shuffled columns, a hidden sheet first, and
so on.

Every writer returns a record of *where* each value went (sheet name and A1
cell), so reader tests can assert positions of findings, e.g. the cell of a
bad ``requires`` entry.

Writing happens in two stages: the spec is first laid out as logical grids
(:class:`SheetModel`: cells, merged ranges, hidden flag), then one backend per
format renders the grids.  All formats therefore share the same positions;
only CSV drops merges (the value stays in the top-left cell, as a spreadsheet
program exports it).

Its modules follow what they build: ``_vocabulary`` (the words of FORMATS.md),
``_cells`` (positions and logical sheets), ``_specs`` and ``_layout`` (what to
write and how), ``_dependency_table``, ``_task_workbook`` and ``_organisations``
(the three kinds of file), ``_rendering`` (helpers they share), ``_writers``
(the .xlsx, .xls, .ods and CSV backends), ``_written`` (the position records
they return), ``_ready_made`` (specs and layouts to start from), ``_broken``
(variants with one defect) and ``_oracles`` (what a reader should make of a
spec).

Examples
--------
>>> import tempfile, pathlib
>>> spec = small_spec()
>>> with tempfile.TemporaryDirectory() as tmp:
...     out = write_dependency_table(spec, pathlib.Path(tmp) / "t.xlsx",
...                                  language="sv", title_rows=2,
...                                  profile_header="two-row")
...     out.cell("ARK-1", "name")
CellRef(sheet='Delimplementeringar', cell='B5')

Limitations
-----------
* CSV has no merged cells, no hidden sheets, no comments and no cell types:
  merges are dropped (value kept in the top-left cell), a "hidden" sheet is
  written as an ordinary ``.csv`` file, real dates are written as ISO text and
  numbers as their digits.
* xlwt writes no cell comments: ``comments`` reach .xlsx and .ods only.
* xlwt writes BIFF8 (``.xls``, Excel 97-2003): at most 65 536 rows and 256
  columns; sheet names at most 31 characters.
* ``tarvittaessa`` ("if needed") and the basis words ``dokumentoitu`` /
  ``oletus`` have no Swedish or English synonyms in FORMATS.md, so they are
  written in Finnish in every language.
"""

from __future__ import annotations

from ._broken import (with_bad_date, with_bad_group, with_bad_timing, with_cycle, with_duplicate_id,
                      with_self_dependency, with_unknown_mark, with_unknown_reference, without_column)
from ._cells import CellRef, SheetModel, a1, mark_field, parse_a1
from ._dependency_table import write_dependency_table
from ._layout import Layout
from ._oracles import classify_mark, expected_marks, expected_requires
from ._organisations import write_organisations
from ._ready_made import (layouts, random_layout, random_spec, small_organisations, small_spec,
                          small_task_spec)
from ._specs import Defect, ItemRow, OrgRow, PeriodRow, ProfileRow, TableSpec, TaskRow, TaskSpec
from ._task_workbook import write_task_workbook
from ._vocabulary import (AND_WORDS, BASIS_WORDS, FORMATS, GROUP_WORDS, ITEM_FIELDS, ITEM_HEADERS,
                          LANGUAGES, MARK_WORDS, ORG_FIELDS, ORG_HEADERS, PERIOD_FIELDS, PERIOD_HEADERS,
                          PROFILE_FIELDS, PROFILE_HEADERS, PROFILE_SUPER_HEADERS, SHEET_NAMES,
                          TASK_FIELDS, TASK_HEADERS, YES_NO_WORDS, Basis, Group, Mark, YesNo)
from ._written import LocatedDefect, WrittenOrganisations, WrittenTable, WrittenTasks

__all__ = [
    # vocabulary
    "LANGUAGES", "ITEM_FIELDS", "PROFILE_FIELDS", "TASK_FIELDS", "PERIOD_FIELDS",
    "ORG_FIELDS", "ITEM_HEADERS", "PROFILE_HEADERS", "TASK_HEADERS",
    "PERIOD_HEADERS", "ORG_HEADERS", "SHEET_NAMES", "PROFILE_SUPER_HEADERS",
    "GROUP_WORDS", "YES_NO_WORDS", "MARK_WORDS", "BASIS_WORDS", "AND_WORDS",
    "Group", "YesNo", "Mark", "Basis",
    # specs
    "ItemRow", "ProfileRow", "TableSpec", "TaskRow", "PeriodRow", "TaskSpec",
    "OrgRow", "Defect",
    # results
    "CellRef", "SheetModel", "LocatedDefect", "WrittenTable", "WrittenTasks",
    "WrittenOrganisations", "Layout",
    # writers
    "write_dependency_table", "write_task_workbook", "write_organisations",
    # ready-made specs and variants
    "small_spec", "random_spec", "random_layout", "layouts", "small_task_spec",
    "small_organisations", "with_cycle", "with_unknown_reference",
    "with_self_dependency", "with_duplicate_id", "with_unknown_mark",
    "with_bad_date", "with_bad_group", "without_column", "with_bad_timing",
    # oracles
    "expected_requires", "expected_marks", "classify_mark", "mark_field",
    "a1", "parse_a1", "FORMATS",
]
