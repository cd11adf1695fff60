"""The shipped example organisations, analysed: a batch to try things on, and the setup of docstring examples."""

from __future__ import annotations

import datetime as dt
import io
import os
import tempfile
from pathlib import Path

from analyser.report.batch import Batch, run_batch
from analyser.load.catalogue import load_catalogue
from analyser.load.organisations import read_organisations
from analyser.model import build_graph
from analyser.planning.plan import Plan, make_plan, plan_periods
from analyser.records import Catalogue
from analyser.load.shipped import ORGANISATIONS, TABLE, shipped_path
from analyser.output import write_atomic
from analyser.planning.situation import Situation

__all__ = ["EXAMPLE_DAY", "example_batch", "example_plan", "example_new_version", "NEW_VERSION_EDITS"]

#: The day the examples are run on, so that what is late does not depend on when they run.
EXAMPLE_DAY = dt.date(2026, 11, 25)


def example_batch(today: dt.date = EXAMPLE_DAY) -> tuple[Catalogue, Batch]:
    """The shipped catalogue, and the shipped example organisations analysed on ``today``.

    Examples
    --------
    >>> c, batch = example_batch()
    >>> len(batch.results), batch.summary["analysed"], batch.summary["errors"]
    (10, 9, 2)
    """
    catalogue = load_catalogue()
    rows, findings = read_organisations(shipped_path(ORGANISATIONS), catalogue)
    return catalogue, run_batch(catalogue, build_graph(catalogue), rows, findings=findings, today=today)


def example_plan(today: dt.date = EXAMPLE_DAY) -> tuple[Catalogue, Plan]:
    """The shipped catalogue, and a plan: an organisation of profile SOS-LV with SOS, SOS-VANHAT and
    SOS-V1-ARK in use extends to SOS-LV-HAKU from 1.1.2027, on ``today``.

    Examples
    --------
    >>> c, plan = example_plan()
    >>> plan.profile, plan.target, list(plan.deployed)
    ('SOS-LV', 'SOS-LV-HAKU', ['SOS', 'SOS-V1-ARK', 'SOS-VANHAT'])
    """
    catalogue = load_catalogue()
    situation = Situation(catalogue, build_graph(catalogue), "SOS-LV", deployed=["SOS", "SOS-VANHAT", "SOS-V1-ARK"])
    start = dt.date(2027, 1, 1)
    periods = plan_periods(catalogue.periods, start=start, today=today)
    return catalogue, make_plan(situation, target="SOS-LV-HAKU", periods=periods, start=start, today=today)


#: What :func:`example_new_version` changes in the shipped table: (item, column header, new cell value).
#: A rename (same name, new id), a new requirement (Kiellot after Luovutuslupa), a flipped mark (SOS-V2
#: no longer allows Rekisterinkäyttöoikeus), and a later release of Sähköinen allekirjoitus.
NEW_VERSION_EDITS = (
    ("PTA-VANHA", "Tunnus", "PTA-VANHAT"),
    ("SOS-LV-KIE", "Edellyttää", "SOS-LV-INF, SOS-LV-LUP"),
    ("SOS-V2-ROK", "SOS-V2", None),
    ("SOS-V2-ALL", "Saatavilla alkaen", dt.date(2027, 6, 1)),
)


def example_new_version(folder: str | os.PathLike | None = None) -> Path:
    """Write a plausible new version of the shipped dependency table, for trying ``analyser diff`` on:
    the shipped workbook with the edits of :data:`NEW_VERSION_EDITS`, as ``riippuvuustaulukko_uusi.xlsx``
    in ``folder`` (a new temporary folder by default). Returns its path.

    Examples
    --------
    >>> from analyser.planning.changes import diff_catalogues
    >>> new = load_catalogue(example_new_version(), None, with_tasks=False)
    >>> for ch in diff_catalogues(load_catalogue(with_tasks=False), new).changes:
    ...     print(ch.kind, ch.id, ch.field, repr(ch.old), repr(ch.new))
    changed PTA-VANHAT id 'PTA-VANHA' 'PTA-VANHAT'
    changed SOS-LV-KIE requires 'SOS-LV-INF' 'SOS-LV-INF, SOS-LV-LUP'
    changed SOS-V2-ALL available_from '2020-01-01' '2027-06-01'
    changed SOS-V2-ROK mark:SOS-V2 'osittain' ''
    """
    import openpyxl

    book = openpyxl.load_workbook(shipped_path(TABLE))
    sheet = book["Osatoteutukset"]
    header = next(row for row in sheet.iter_rows() if row[0].value == "Tunnus")
    columns = {cell.value: cell.column for cell in header if cell.value}
    columns.update({cell.value: cell.column for cell in sheet[header[0].row + 1] if cell.value})
    rows = {row[0].value: row[0].row for row in sheet.iter_rows(min_row=header[0].row + 1) if row[0].value}
    for item, column, value in NEW_VERSION_EDITS:
        sheet.cell(rows[item], columns[column]).value = value
    data = io.BytesIO()
    book.save(data)
    folder = Path(folder) if folder is not None else Path(tempfile.mkdtemp(prefix="analyser-"))
    return write_atomic(folder / "riippuvuustaulukko_uusi.xlsx", data.getvalue())
