"""Results: what each writer wrote and where (sheet name and A1 cell of every value)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ._cells import CellRef, SheetModel, Value, mark_field
from ._layout import Layout
from ._specs import Defect


@dataclass
class LocatedDefect:
    """A :class:`Defect` and where it ended up.

    ``cells`` are the cells holding the bad value (for a requires defect: the
    requires cell and, with a matrix, the matrix cell); ``related`` are other
    cells a reader may reasonably name (e.g. the requires cells of every item
    on a cycle, the first occurrence of a duplicate id); ``sheet`` is the
    sheet concerned (for ``"missing-column"`` the only position there is).
    """

    defect: Defect
    sheet: str
    cells: tuple[CellRef, ...] = ()
    related: tuple[CellRef, ...] = ()


@dataclass
class _Written:
    path: Path
    fmt: str
    sheets: list[SheetModel]
    roles: dict[str, str]
    csv_sep: str = ","
    csv_bom: bool = True

    def sheet(self, name_or_role: str) -> SheetModel:
        """Return a logical sheet by name or role ("items", "matrix", ...)."""
        name = self.roles.get(name_or_role, name_or_role)
        for sm in self.sheets:
            if sm.name == name:
                return sm
        raise KeyError(name_or_role)

    def value(self, ref: CellRef) -> Value:
        """Return the value written at ``ref`` (``None`` if nothing)."""
        return self.sheet(ref.sheet).get(ref)

    @property
    def sheet_names(self) -> list[str]:
        """Sheet names in workbook order."""
        return [sm.name for sm in self.sheets]


@dataclass
class WrittenTable(_Written):
    """What :func:`write_dependency_table` wrote and where.

    Attributes
    ----------
    path, fmt : Path, str
        The file (or CSV folder) and its format.
    layout : Layout
        The layout actually used (``fmt`` resolved; ``profile_header`` is
        ``"two-row-unmerged"`` or ``"grouped-unmerged"`` for CSV when a merged
        header was asked).
    sheets : list of SheetModel
        The logical sheets in workbook order (values exactly as written).
    roles : dict
        Role ("items", "profiles", "matrix", "help", "changelog") -> sheet name.
    header_rows : tuple of int
        1-based rows of the item sheet header (one, two or three).
    legend : CellRef or None
        The first cell of the legend block below the items (``layout.legend``).
    headers : dict
        Field -> header cell on the item sheet; ``mark:<pid>`` -> profile
        label cell; ``"profiles"`` -> super-header cell; ``"extra"`` -> extra
        column header.
    header_texts : dict
        Field -> header text written.
    cells : dict
        ``(item_id, field) -> CellRef`` for the first row with that id;
        fields are :data:`ITEM_FIELDS`, ``mark:<pid>`` and ``"extra"``.
        Blank values have positions too.
    row_cells : list of dict
        Per ``spec.items`` index: field -> CellRef (duplicates included).
    profile_headers, profile_cells : dict
        Profile sheet: field -> header cell, ``(profile_id, field)`` -> cell.
    matrix_cells : dict
        ``(row_id, col_id) -> CellRef`` for every matrix cell (marked or not).
    matrix_labels : dict
        ``("row", id)`` / ``("col", id)`` -> label cell.
    disagreement : tuple of CellRef or None
        ``(matrix cell, requires cell)`` of ``layout.matrix_disagree``.
    defects : list of LocatedDefect
        The spec's defects, located.
    """

    layout: Layout = field(default_factory=Layout)
    header_rows: tuple[int, ...] = ()
    headers: dict[str, CellRef] = field(default_factory=dict)
    header_texts: dict[str, str] = field(default_factory=dict)
    cells: dict[tuple[str, str], CellRef] = field(default_factory=dict)
    row_cells: list[dict[str, CellRef]] = field(default_factory=list)
    profile_headers: dict[str, CellRef] = field(default_factory=dict)
    profile_cells: dict[tuple[str, str], CellRef] = field(default_factory=dict)
    matrix_cells: dict[tuple[str, str], CellRef] = field(default_factory=dict)
    matrix_labels: dict[tuple[str, str], CellRef] = field(default_factory=dict)
    disagreement: tuple[CellRef, CellRef] | None = None
    defects: list[LocatedDefect] = field(default_factory=list)
    legend: CellRef | None = None

    def cell(self, item_id: str, field_name: str) -> CellRef:
        """Return the cell of ``field_name`` in the first row of ``item_id``."""
        return self.cells[(item_id, field_name)]

    def mark_cell(self, item_id: str, profile_id: str) -> CellRef:
        """Return the cell of ``profile_id``'s mark for ``item_id``."""
        return self.cells[(item_id, mark_field(profile_id))]

    def defect(self, kind: str) -> LocatedDefect:
        """Return the first located defect of ``kind``."""
        for d in self.defects:
            if d.defect.kind == kind:
                return d
        raise KeyError(kind)


@dataclass
class WrittenTasks(_Written):
    """What :func:`write_task_workbook` wrote and where.

    ``cells`` maps ``(task_id, field)`` on the first sheet, ``period_cells``
    ``(period_name, field)``, ``extra_cells`` ``(sheet, task_id, field)``;
    ``headers`` / ``period_headers`` map field -> header cell.
    """

    headers: dict[str, CellRef] = field(default_factory=dict)
    header_texts: dict[str, str] = field(default_factory=dict)
    cells: dict[tuple[str, str], CellRef] = field(default_factory=dict)
    row_cells: list[dict[str, CellRef]] = field(default_factory=list)
    period_headers: dict[str, CellRef] = field(default_factory=dict)
    period_cells: dict[tuple[str, str], CellRef] = field(default_factory=dict)
    extra_cells: dict[tuple[str, str, str], CellRef] = field(default_factory=dict)
    defects: list[LocatedDefect] = field(default_factory=list)


@dataclass
class WrittenOrganisations(_Written):
    """What :func:`write_organisations` wrote and where.

    ``cells`` maps ``(organisation, field)`` (first row of that name),
    ``row_cells`` is per input row; ``headers`` maps field -> header cell.
    For CSV the sheet name in positions is the file stem.
    """

    headers: dict[str, CellRef] = field(default_factory=dict)
    header_texts: dict[str, str] = field(default_factory=dict)
    cells: dict[tuple[str, str], CellRef] = field(default_factory=dict)
    row_cells: list[dict[str, CellRef]] = field(default_factory=list)
