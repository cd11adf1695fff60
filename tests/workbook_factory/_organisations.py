"""The organisations file (FORMATS.md section 3): :func:`write_organisations`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from ._cells import SheetModel
from ._layout import _check_choice
from ._rendering import _Headers, _join, _resolve_fmt, _simple_table, _title_rows, _Values
from ._specs import OrgRow
from ._vocabulary import _TITLE_TEXT, LANGUAGES, ORG_FIELDS, ORG_HEADERS, SHEET_NAMES
from ._writers import _render, _write_csv_sheet
from ._written import WrittenOrganisations


def write_organisations(rows: Sequence[OrgRow], path: str | Path, *, fmt: str | None = None,
                        sep: str = ",", bom: bool = True, language: str = "fi",
                        headers: str = "first", header_overrides: Mapping[str, str] | None = None,
                        decorate_headers: bool = False, seed: int = 0,
                        list_sep: str = ",", date_style: str = "iso",
                        title_rows: int = 0) -> WrittenOrganisations:
    """Write an organisations file (FORMATS.md section 3).

    Parameters
    ----------
    rows : sequence of OrgRow
    path : str or Path
        For CSV a single file (not a folder); its stem is the "sheet" name in
        positions.
    fmt : {"csv", "xlsx", "xlsm", "xls", "ods"} or None
        None: from the suffix.
    sep, bom : str, bool
        CSV separator and UTF-8 BOM.
    language, headers, header_overrides, decorate_headers, seed, date_style
        As in :class:`Layout`.
    list_sep : str
        Separator of the id lists (as ``Layout.separator``).
    title_rows : int
        Title rows above the header (workbooks only; ignored for CSV).

    Returns
    -------
    WrittenOrganisations
    """
    path = Path(path)
    _check_choice("language", language, LANGUAGES)
    fmt = _resolve_fmt(path, fmt)
    vals = _Values(language, "first", seed, date_style, False)
    hdr = _Headers(ORG_HEADERS, language, headers, header_overrides or {}, decorate_headers,
                   seed, "organisations")
    cols = [(f, hdr(f)) for f in ORG_FIELDS]
    name = path.stem if fmt == "csv" else SHEET_NAMES["organisations"][language]
    sheet = SheetModel(name)
    row = 1 if fmt == "csv" else _title_rows(sheet, _TITLE_TEXT[language][:1], title_rows,
                                             False, None)
    recs = [{"organisation": o.organisation, "profile": o.profile,
             "deployed": _join(o.deployed, list_sep, language) or None,
             "certified": _join(o.certified or (), list_sep, language) or None,
             "target_date": vals.date(o.target_date),
             "planned": _join(o.planned, list_sep, language) or None} for o in rows]
    heads, pos_rows = _simple_table(sheet, row, cols, recs)
    out = WrittenOrganisations(path=path, fmt=fmt, sheets=[sheet], roles={"organisations": name},
                               csv_sep=sep, csv_bom=bom,
                               headers=heads, header_texts=dict(cols), row_cells=pos_rows)
    for o, pos in zip(rows, pos_rows):
        for f, ref in pos.items():
            out.cells.setdefault((o.organisation, f), ref)
    if fmt == "csv":
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_csv_sheet(sheet, path, sep, bom)
    else:
        _render([sheet], path, fmt)
    return out
