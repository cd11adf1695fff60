"""The diagrams of a batch report: one status diagram per organisation, and the profile matrix.

Organisations in the same situation share one drawing: it is drawn as SVG
with a placeholder where the organisation's name goes, and the name is put
into each copy. So the cost grows with the number of distinct situations,
not of organisations. Drawings go straight to SVG with no matplotlib
(:mod:`analyser.plot._svg_canvas`), a few milliseconds each: the first
few hundred situations at once, any others when their first file is
written (:func:`report_diagrams`).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from pathlib import Path
from typing import Callable, Iterable

import networkx as nx

from analyser.planning.situation import Situation
from analyser.records import Catalogue
from analyser.report.batch import Batch
from analyser.text.labels import t

__all__ = ["AUTO_LIMIT", "MATRIX_NAME", "diagram_file_name", "report_diagrams"]

#: ``--diagrams auto`` draws per-organisation diagrams up to this many organisations.
AUTO_LIMIT = 200
#: The profile matrix's file (file names are the same in every language, FORMATS.md §4).
MATRIX_NAME = "profiilimatriisi.svg"
#: Drawings kept for organisations in the same situation written later.
KEPT_DRAWINGS = 256

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
                    progress: Callable[[Iterable], Iterable] | None = None) -> tuple[dict, str | None]:
    """Files to write (path -> a writer taking a binary file handle) and a note when the
    per-organisation diagrams were skipped.

    ``mode`` is "auto" (per-organisation diagrams for at most
    :data:`AUTO_LIMIT` organisations), "all" or "none"; the profile matrix
    is always drawn. The first :data:`KEPT_DRAWINGS` distinct situations
    are drawn now (``progress`` wraps them: a progress bar); any others when
    the first file that shows them is written. The last
    :data:`KEPT_DRAWINGS` drawings are kept for the organisations that share
    them, so a big batch never holds them all.

    Examples
    --------
    >>> import io
    >>> from pathlib import Path
    >>> from analyser.report.batch import run_batch
    >>> from analyser.load.organisations import read_organisations
    >>> from analyser.load.shipped import ORGANISATIONS, shipped_path
    >>> rows, found = read_organisations(shipped_path(ORGANISATIONS), c)
    >>> batch = run_batch(c, g, rows, findings=found, today=dt.date(2026, 11, 25))
    >>> files, note = report_diagrams(batch, c, g, Path("out"), mode="none")
    >>> [str(p) for p in files], note
    (['out/profiilimatriisi.svg'], None)
    >>> handle = io.BytesIO(); files[Path("out/profiilimatriisi.svg")](handle); handle.getvalue()[:5]
    b'<?xml'
    """
    analysed = [r for r in batch.results if r.standing is not None]
    note = None
    keys = [(r.standing.profile, r.standing.deployed, r.standing.certified) for r in analysed]
    if mode == "none" or (mode == "auto" and len(analysed) > AUTO_LIMIT):
        if mode == "auto":
            note = t("run.diagrams_skipped", lang, n=len(analysed), limit=AUTO_LIMIT)
        keys = []
    draw = functools.lru_cache(maxsize=KEPT_DRAWINGS)(functools.partial(_draw, (catalogue, graph, lang, today)))
    now = [_MATRIX, *list(dict.fromkeys(keys))[:KEPT_DRAWINGS - 1]]
    for key in progress(now) if progress else now:
        draw(key)
    files: dict[Path, Callable] = {out_dir / MATRIX_NAME: functools.partial(_write_diagram, draw, _MATRIX, None)}
    folder = out_dir / "kaaviot"
    for result, key in zip(analysed, keys):
        name = result.row.name
        files[folder / diagram_file_name(result.row.place.row + 1, name)] = functools.partial(
            _write_diagram, draw, key, (t("plot_title_overlay", lang), name))
    return files, note


def _write_diagram(draw: Callable[[tuple], tuple[bytes, float]], key: tuple, titled: tuple[str, str] | None,
                   handle) -> None:
    """Write a drawing; ``titled`` (the title's words, the organisation's name) puts the name into the shared
    drawing where the title stands on one line with either; otherwise the organisation is drawn on its own."""
    from analyser.plot import svg_text, title_fits

    data, inner_width = draw(key)
    if titled is not None:
        words, name = titled
        if title_fits(f"{words}: {name}", inner_width) and title_fits(f"{words}: {_PLACEHOLDER}", inner_width):
            data = data.replace(_PLACEHOLDER.encode("ascii"), svg_text(" ".join(name.split())).encode("utf-8"))
        else:
            data = draw((*key, name))[0]
    handle.write(data)


def _draw(common: tuple, task: tuple) -> tuple[bytes, float]:
    """One drawing of a report as SVG, and its page's inner width: the profile matrix, or the status diagram
    of a situation (profile, deployed, certified) with a placeholder for the organisation's name, or with
    the name given after them."""
    from analyser.plot import organisation_overlay, profile_matrix

    catalogue, graph, lang, today = common
    if task == _MATRIX:
        page = profile_matrix.page(catalogue, graph, lang=lang, date=today)
    else:
        profile, deployed, certified, *name = task
        situation = Situation(catalogue, graph, profile, deployed=deployed, certified=certified)
        page = organisation_overlay.page(catalogue, graph, situation, organisation=name[0] if name else _PLACEHOLDER,
                                         certified=certified, lang=lang, date=today)
    return page.svg(), page.inner_width
