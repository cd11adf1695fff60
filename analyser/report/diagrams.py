"""The diagrams of a batch report: one status diagram per organisation, and the profile matrix.

Organisations in the same situation share one drawing: it is rendered once
as SVG with a placeholder where the organisation's name goes, and the name
is put into each copy. So the cost grows with the number of distinct
situations, not of organisations.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import unicodedata
from pathlib import Path
from typing import Callable, Iterable, Iterator
from xml.sax.saxutils import escape

import networkx as nx

from analyser.report.batch import Batch
from analyser.output import InChild
from analyser.records import Catalogue
from analyser.text.labels import t
from analyser.planning.situation import Situation

__all__ = ["AUTO_LIMIT", "diagram_file_name", "report_diagrams"]

#: ``--diagrams auto`` draws per-organisation diagrams up to this many organisations.
AUTO_LIMIT = 200

_PLACEHOLDER = "ORGANISAATIO-9F3A7C"


def diagram_file_name(row_number: int, name: str) -> str:
    """A safe, unique file name for an organisation's diagram (row number first).

    Examples
    --------
    >>> diagram_file_name(3, "Esimerkkilän hyvinvointialue / Itä")
    'rivi-0003-esimerkkilan-hyvinvointialue-ita.svg'
    """
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:60] or "organisaatio"
    return f"rivi-{row_number:04d}-{slug}.svg"


def report_diagrams(batch: Batch, catalogue: Catalogue, graph: nx.DiGraph, out_dir: Path, *,
                    mode: str = "auto", lang: str = "fi", today: dt.date | None = None,
                    progress: Callable[[Iterable], Iterable] | None = None) -> tuple[dict, str | None]:
    """Files to write (path -> a writer taking a binary file handle) and a note when the
    per-organisation diagrams were skipped.

    ``mode`` is "auto" (per-organisation diagrams for at most
    :data:`AUTO_LIMIT` organisations), "all" or "none"; the profile matrix
    is always drawn, in a second process while the other files are written.
    Each distinct situation is drawn once (on every core when there are
    many); each organisation's file is made from its situation's drawing
    only when it is written, so a big batch never holds them all.
    ``progress`` wraps the drawing of the situations (a progress bar).

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
    files: dict[Path, object] = {}
    matrix_name = "profiilimatriisi.svg"  # file names are the same in every language (FORMATS.md §4)

    def draw_matrix(handle) -> None:
        from analyser.plot import figure_bytes, profile_matrix

        handle.write(figure_bytes(profile_matrix(catalogue, graph, lang=lang, date=today), "svg"))

    # drawn while the other files are written (matplotlib alone takes a good part of a second to load)
    files[out_dir / matrix_name] = InChild(draw_matrix)
    analysed = [r for r in batch.results if r.standing is not None]
    note = None
    if mode == "none" or (mode == "auto" and len(analysed) > AUTO_LIMIT):
        if mode == "auto":
            note = t("run.diagrams_skipped", lang, n=len(analysed), limit=AUTO_LIMIT)
        return files, note
    folder = out_dir / "kaaviot"
    keys = [(r.standing.profile, r.standing.deployed, r.standing.certified) for r in analysed]
    situations = list(dict.fromkeys(keys))
    drawn = _Drawings(situations, (catalogue, graph, lang, today))
    templates = dict(zip(situations, progress(drawn) if progress else drawn))
    for result, key in zip(analysed, keys):
        name = escape(result.row.name, {'"': "&quot;"}).encode("utf-8")
        files[folder / diagram_file_name(result.row.place.row + 1, result.row.name)] = functools.partial(
            _write_diagram, templates[key], name)
    return files, note


def _write_diagram(template: bytes, name: bytes, handle) -> None:
    handle.write(template.replace(_PLACEHOLDER.encode("ascii"), name))


# What the drawing processes draw with: set before they are forked, so they inherit it.
_JOB: tuple | None = None

#: Below this many distinct situations the drawings are made in this process.
PARALLEL_FROM = 4


def _draw(key: tuple) -> bytes:
    from analyser.plot import figure_bytes, organisation_overlay

    catalogue, graph, lang, today = _JOB
    profile, deployed, certified = key
    situation = Situation(catalogue, graph, profile, deployed=deployed, certified=certified)
    figure = organisation_overlay(catalogue, graph, situation, organisation=_PLACEHOLDER, certified=certified,
                                  lang=lang, date=today)
    return figure_bytes(figure, "svg")


def _ignore_interrupts() -> None:
    """In a drawing process: leave Ctrl-C to the report, which stops the drawing processes quietly
    (they would each print a traceback)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


class _Drawings:
    """The drawing of each situation in order, made on every core when there are many (a sized
    iterable, so a progress bar knows its length)."""

    def __init__(self, situations: list[tuple], job: tuple):
        self.situations = situations
        self.job = job

    def __len__(self) -> int:
        return len(self.situations)

    def __iter__(self) -> Iterator[bytes]:
        global _JOB
        import multiprocessing

        _JOB = self.job
        try:
            cores = min(os.cpu_count() or 1, 4)
            if (len(self.situations) < PARALLEL_FROM or cores < 2
                    or "fork" not in multiprocessing.get_all_start_methods()):
                yield from map(_draw, self.situations)
                return
            with multiprocessing.get_context("fork").Pool(cores, initializer=_ignore_interrupts) as pool:
                yield from pool.imap(_draw, self.situations)
        finally:
            _JOB = None
