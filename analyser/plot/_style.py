"""Internal: the matplotlib settings, the inks, and small text helpers every figure uses.

Figures are drawn with matplotlib and saved under :data:`RC` (fonts are
fixed when the artists are made, so :meth:`~analyser.plot._canvas._Page.render`
draws under it too). Nothing here loads matplotlib.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Sequence

__all__ = ["RC"]

#: matplotlib settings every figure is drawn and saved with.
RC = {
    "font.family": "DejaVu Sans",
    "font.size": 9.0,
    "svg.fonttype": "none",
    "svg.hashsalt": "analyser",
    "pdf.fonttype": 42,
    "ps.fonttype": 42,
    "hatch.linewidth": 0.8,
    "axes.unicode_minus": False,
    "lines.scale_dashes": True,
}

_INK = "#222222"
_GREY = "#666666"
_LIGHT = "#8C8C8C"


def _file_name(path: str) -> str:
    from analyser.text.privacy import redact

    return redact(Path(path).name)[0] if path else ""


def _ids_text(ids: Sequence[str]) -> str:
    return ", ".join(ids)


def _subtitle(parts: Iterable[str]) -> str:
    return " · ".join(p for p in parts if p)
