"""How a dependency table is laid out: :class:`Layout`, every option with a safe default."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields as dc_fields

from ._vocabulary import FORMATS, ITEM_FIELDS, LANGUAGES


@dataclass(frozen=True)
class Layout:
    """How a dependency table is laid out.  Every option has a safe default.

    Parameters
    ----------
    fmt : {"xlsx", "xlsm", "xls", "ods", "csv"} or None
        None: from the path suffix (no suffix means a CSV folder).
    language : {"fi", "sv", "en"}
        Labels and sheet names.
    headers : {"first", "random"}
        Which synonym per header: the first listed, or one picked per field
        with ``seed``.
    header_overrides : mapping
        Field -> header text, e.g. ``{"id": "Nro"}``; wins over ``headers``.
    decorate_headers : bool
        Alter header text in ways a normalising reader must see through
        (upper case, trailing ``:`` or ``*``, no-break or doubled spaces,
        padding, decomposed Unicode), picked per header with ``seed``.
    values : {"first", "random"}
        Enum values (group, yes/no, basis, marks) as the first listed synonym
        of the language, or a seeded random synonym per cell.
    seed : int
        Seed of every random choice above and of ``requires_as="mixed"``.
    title_rows : int
        Rows of title text above the header (column A).
    blank_after_title : bool
        A blank row between the title rows and the header.
    merge_title : bool
        Merge each title row across the table width.
    profile_header : {"flat", "two-row", "two-row-unmerged", "grouped", "grouped-unmerged"}
        Profile columns as plain header cells; or a super-header
        ("Tietojärjestelmäprofiilit" ...) merged over the profile columns on
        the first header row with profile labels on the second and field
        headers merged vertically over both rows; or the same without merges
        (text in the top cell only).  "grouped" is a three-row header: the
        super-header, a row naming groups of (up to two) profiles, then the
        profile labels, fields merged over all three rows.  CSV always gets
        the unmerged form.
    field_header_row : {"top", "bottom"}
        With an unmerged multi-row header: field headers in its top row, or
        in its bottom row beside the profile labels.
    profile_labels : {"ids", "names"}
        Profile column labels.
    super_header : str or None
        Text of the super-header (default: first synonym of the language).
    requires_as : {"ids", "names", "mixed"}
        How ``requires`` / ``recommends`` references are written.
    separator : str
        ``","``, ``";"``, ``"\\n"``, ``"and"`` (" ja " / " och " / " and "),
        ``"natural"`` ("A, B ja C"), or any literal string.
    matrix : {None, "only", "both"}
        Add a square "Riippuvuudet" sheet; with ``"only"`` the item sheet has
        no requires column.
    matrix_labels : {"ids", "names"}
        Labels of the matrix rows and columns.
    matrix_mark : str or None
        Mark text in the matrix (None: an ALLOWED word by ``values``).
    matrix_disagree : (str, str) or None
        ``(r, c)``: flip whether the matrix says r requires c, so the matrix
        and the requires column disagree on that one dependency (only with
        ``matrix="both"``).
    include_profile_sheet : bool
        Write the "Profiilit" sheet.
    fields : tuple of str or None
        Item fields to write, in order (None: all of :data:`ITEM_FIELDS`).
    column_seed : int or None
        Shuffle the columns (fields, the profile block as one unit, the extra
        column) with this seed.
    blank_rows_after : tuple of int
        Insert a blank row after these item indices.
    trailing_blank_rows : int
        Explicitly blank rows (empty cells across the width) after the data.
    extra_column : str or None
        Header of an unknown column with free text.
    legend : bool
        A legend block below the items after a blank row ("Merkinnät:",
        "X = sallittu" ...): a reader must end the table there.
    comments : bool
        A cell comment on the first item's name and mark cells (.xlsx notes,
        .ods annotations; .xls and CSV have none): never cell content.
    hidden_sheet_first : bool
        A hidden "Ohje" sheet before everything else.
    changelog_sheet : bool
        An unrelated visible sheet "Muutoshistoria" with a small table.
    sheet_order : tuple of str or None
        Order of the roles "items", "profiles", "matrix", "changelog".
    sheet_names : mapping
        Role -> sheet name, to replace the standard names (e.g. to test
        finding the item sheet by its headers).
    date_style : {"date", "dmy", "iso"}
        Dates as real date cells (ISO text in CSV), "d.m.yyyy" text, or ISO text.
    numbers_as_numbers : bool
        Write data cells whose text is an integer ("1", "12") as number cells.
    csv_sep : str
        CSV field separator.
    csv_bom : bool
        Start each CSV file with a UTF-8 BOM.
    """

    fmt: str | None = None
    language: str = "fi"
    headers: str = "first"
    header_overrides: Mapping[str, str] = field(default_factory=dict)
    decorate_headers: bool = False
    values: str = "first"
    seed: int = 0
    title_rows: int = 0
    blank_after_title: bool = False
    merge_title: bool = False
    profile_header: str = "flat"
    field_header_row: str = "top"
    profile_labels: str = "ids"
    super_header: str | None = None
    requires_as: str = "ids"
    separator: str = ","
    matrix: str | None = None
    matrix_labels: str = "ids"
    matrix_mark: str | None = "X"
    matrix_disagree: tuple[str, str] | None = None
    include_profile_sheet: bool = True
    fields: tuple[str, ...] | None = None
    column_seed: int | None = None
    blank_rows_after: tuple[int, ...] = ()
    trailing_blank_rows: int = 0
    extra_column: str | None = None
    legend: bool = False
    comments: bool = False
    hidden_sheet_first: bool = False
    changelog_sheet: bool = False
    sheet_order: tuple[str, ...] | None = None
    sheet_names: Mapping[str, str] = field(default_factory=dict)
    date_style: str = "date"
    numbers_as_numbers: bool = False
    csv_sep: str = ","
    csv_bom: bool = True

    def __post_init__(self) -> None:
        _check_choice("fmt", self.fmt, (None, *FORMATS))
        _check_choice("language", self.language, LANGUAGES)
        _check_choice("headers", self.headers, ("first", "random"))
        _check_choice("values", self.values, ("first", "random"))
        _check_choice("profile_header", self.profile_header,
                      ("flat", "two-row", "two-row-unmerged", "grouped", "grouped-unmerged"))
        _check_choice("field_header_row", self.field_header_row, ("top", "bottom"))
        _check_choice("profile_labels", self.profile_labels, ("ids", "names"))
        _check_choice("requires_as", self.requires_as, ("ids", "names", "mixed"))
        _check_choice("matrix", self.matrix, (None, "only", "both"))
        _check_choice("matrix_labels", self.matrix_labels, ("ids", "names"))
        _check_choice("date_style", self.date_style, ("date", "dmy", "iso"))
        if self.matrix_disagree is not None and self.matrix != "both":
            raise ValueError("matrix_disagree needs matrix='both'")
        unknown = set(self.fields or ()) - set(ITEM_FIELDS)
        if unknown:
            raise ValueError(f"unknown item fields {sorted(unknown)}")
        if self.title_rows < 0 or self.trailing_blank_rows < 0:
            raise ValueError("row counts must be >= 0")


def _check_choice(name: str, value: object, allowed: Sequence[object]) -> None:
    if value not in allowed:
        raise ValueError(f"{name}={value!r}; expected one of {list(allowed)}")


_LAYOUT_FIELDS = frozenset(f.name for f in dc_fields(Layout))
