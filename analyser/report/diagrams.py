"""The diagrams of a batch report: one status diagram per organisation, and the profile matrix.

Organisations in the same situation share one drawing: it is rendered once
as SVG with a placeholder where the organisation's name goes, and the name
is put into each copy. So the cost grows with the number of distinct
situations, not of organisations. The drawings are made in the background
(:mod:`analyser.report.drawing`) while the report's other files are written.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from pathlib import Path
from typing import Callable, Iterable
from xml.sax.saxutils import escape

import networkx as nx

from analyser.planning.situation import Situation
from analyser.records import Catalogue
from analyser.report.batch import Batch
from analyser.report.drawing import Drawing, Drawn
from analyser.text.labels import t

__all__ = ["AUTO_LIMIT", "MATRIX_NAME", "diagram_file_name", "report_diagrams"]

#: ``--diagrams auto`` draws per-organisation diagrams up to this many organisations.
AUTO_LIMIT = 200
#: The profile matrix's file (file names are the same in every language, FORMATS.md §4).
MATRIX_NAME = "profiilimatriisi.svg"

_PLACEHOLDER = "ORGANISAATIO-9F3A7C"
_MATRIX = ("matrix",)


def diagram_file_name(row_number: int, name: str, suffix: str = ".svg") -> str:
    """A safe, unique file name for an organisation's diagram or other file of its own (row number first).

    Examples
    --------
    >>> diagram_file_name(3, "Esimerkkilän hyvinvointialue / Itä"), diagram_file_name(3, "Itä", ".ics")
    ('rivi-0003-esimerkkilan-hyvinvointialue-ita.svg', 'rivi-0003-ita.ics')
    """
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:60] or "organisaatio"
    return f"rivi-{row_number:04d}-{slug}{suffix}"


def report_diagrams(batch: Batch, catalogue: Catalogue, graph: nx.DiGraph, out_dir: Path, *,
                    mode: str = "auto", lang: str = "fi", today: dt.date | None = None,
                    progress: Callable[[Iterable], Iterable] | None = None,
                    drawing: Drawing | None = None) -> tuple[dict, str | None]:
    """Files to write (path -> a writer taking a binary file handle) and a note when the
    per-organisation diagrams were skipped.

    ``mode`` is "auto" (per-organisation diagrams for at most
    :data:`AUTO_LIMIT` organisations), "all" or "none"; the profile matrix
    is always drawn. Each distinct situation is drawn once, on every core,
    in the background of ``drawing`` (a :class:`~analyser.report.drawing.Drawing`
    started first thing, so it loads the drawing code while the input is
    read; by default one started now); each organisation's file is made from its
    situation's drawing only when it is written, so a big batch never holds
    them all. ``progress`` wraps the wait for the drawings (a progress bar).

    Examples
    --------
    >>> from pathlib import Path
    >>> from analyser.report.batch import run_batch
    >>> from analyser.load.organisations import read_organisations
    >>> from analyser.load.shipped import ORGANISATIONS, shipped_path
    >>> rows, found = read_organisations(shipped_path(ORGANISATIONS), c)
    >>> batch = run_batch(c, g, rows, findings=found, today=dt.date(2026, 11, 25))
    >>> files, note = report_diagrams(batch, c, g, Path("out"), mode="none")
    >>> [str(p) for p in files], note
    (['out/profiilimatriisi.svg'], None)
    """
    analysed = [r for r in batch.results if r.standing is not None]
    note = None
    keys = [(r.standing.profile, r.standing.deployed, r.standing.certified) for r in analysed]
    if mode == "none" or (mode == "auto" and len(analysed) > AUTO_LIMIT):
        if mode == "auto":
            note = t("run.diagrams_skipped", lang, n=len(analysed), limit=AUTO_LIMIT)
        keys = []
    situations = list(dict.fromkeys(keys))
    drawing = drawing or Drawing()
    drawn = drawing.draw(_draw, (catalogue, graph, lang, today), [_MATRIX, *situations], progress=progress)
    files: dict[Path, Callable] = {out_dir / MATRIX_NAME: functools.partial(_write_diagram, drawn, 0, None)}
    task = {key: k + 1 for k, key in enumerate(situations)}
    folder = out_dir / "kaaviot"
    for result, key in zip(analysed, keys):
        name = escape(result.row.name, {'"': "&quot;"}).encode("utf-8")
        files[folder / diagram_file_name(result.row.place.row + 1, result.row.name)] = functools.partial(
            _write_diagram, drawn, task[key], name)
    return files, note


def _write_diagram(drawn: Drawn, index: int, name: bytes | None, handle) -> None:
    data = drawn.get(index)
    handle.write(data if name is None else data.replace(_PLACEHOLDER.encode("ascii"), name))


def _draw(common: tuple, task: tuple) -> bytes:
    """One drawing of a report as SVG: the profile matrix, or the status diagram of a situation
    (profile, deployed, certified) with a placeholder for the organisation's name."""
    from analyser.plot import figure_bytes, organisation_overlay, profile_matrix

    catalogue, graph, lang, today = common
    if task == _MATRIX:
        return figure_bytes(profile_matrix(catalogue, graph, lang=lang, date=today), "svg")
    profile, deployed, certified = task
    situation = Situation(catalogue, graph, profile, deployed=deployed, certified=certified)
    figure = organisation_overlay(catalogue, graph, situation, organisation=_PLACEHOLDER, certified=certified,
                                  lang=lang, date=today)
    return figure_bytes(figure, "svg")
