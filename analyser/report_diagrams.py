"""The diagrams of a batch report: one status diagram per organisation, and the profile matrix.

Organisations in the same situation share one drawing: it is rendered once
as SVG with a placeholder where the organisation's name goes, and the name
is put into each copy. So the cost grows with the number of distinct
situations, not of organisations.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path
from xml.sax.saxutils import escape

import networkx as nx

from analyser.batch import Batch
from analyser.output import InChild
from analyser.records import Catalogue
from analyser.situation import Situation

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
                    mode: str = "auto", lang: str = "fi", today: dt.date | None = None) -> tuple[dict, str | None]:
    """Files to write (path -> bytes, or an :class:`~analyser.output.InChild` writer) and a note when the per-organisation diagrams were skipped.

    ``mode`` is "auto" (per-organisation diagrams for at most
    :data:`AUTO_LIMIT` organisations), "all" or "none"; the profile matrix
    is always drawn.
    """
    files: dict[Path, object] = {}
    matrix_name = "profiilimatriisi.svg" if lang != "en" else "profile-matrix.svg"

    def draw_matrix(handle) -> None:
        from analyser.plot import figure_bytes, profile_matrix

        handle.write(figure_bytes(profile_matrix(catalogue, graph, lang=lang, date=today), "svg"))

    # drawn while the other files are written (matplotlib alone takes a good part of a second to load)
    files[out_dir / matrix_name] = InChild(draw_matrix)
    analysed = [r for r in batch.results if r.standing is not None]
    note = None
    if mode == "none" or (mode == "auto" and len(analysed) > AUTO_LIMIT):
        if mode == "auto":
            note = (f"{len(analysed)} organisaatiota: organisaatiokohtaiset kaaviot jätettiin piirtämättä "
                    f"(yli {AUTO_LIMIT}); --diagrams all piirtää ne" if lang != "en" else
                    f"{len(analysed)} organisations: per-organisation diagrams were skipped "
                    f"(more than {AUTO_LIMIT}); --diagrams all draws them")
        return files, note
    from analyser.plot import figure_bytes, organisation_overlay

    folder = out_dir / ("kaaviot" if lang != "en" else "diagrams")
    templates: dict[tuple, bytes] = {}
    for result in analysed:
        s = result.standing
        key = (s.profile, s.deployed, s.certified)
        template = templates.get(key)
        if template is None:
            situation = Situation(catalogue, graph, s.profile, deployed=s.deployed, certified=s.certified)
            figure = organisation_overlay(catalogue, graph, situation, organisation=_PLACEHOLDER,
                                          certified=s.certified, lang=lang, date=today)
            template = templates[key] = figure_bytes(figure, "svg")
        name = escape(result.row.name, {'"': "&quot;"}).encode("utf-8")
        files[folder / diagram_file_name(result.row.place.row + 1, result.row.name)] = template.replace(
            _PLACEHOLDER.encode("ascii"), name)
    return files, note
