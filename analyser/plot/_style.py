"""Internal: the matplotlib settings, the inks, and small text helpers every figure uses.

Figures are drawn and saved under :data:`RC`; :func:`_with_rc` applies it
while a figure function runs, because fonts are fixed when the artists are
made.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Iterable, Sequence

import matplotlib

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


def _with_rc(func):
    """Run a figure function under :data:`RC` (fonts are fixed when the artists are made)."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with matplotlib.rc_context(RC):
            return func(*args, **kwargs)

    return wrapper


def _file_name(path: str) -> str:
    from analyser.text.privacy import redact

    return redact(Path(path).name)[0] if path else ""


def _ids_text(ids: Sequence[str]) -> str:
    return ", ".join(ids)


def _subtitle(parts: Iterable[str]) -> str:
    return " · ".join(p for p in parts if p)
