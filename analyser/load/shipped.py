"""Where the shipped workbooks are: inside the installed package, or in the checkout's ``data/``.

A wheel carries copies of ``data/`` under ``analyser/shipped/``; a source
checkout or an editable install reads ``data/`` itself, which stays the place
people edit.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["TABLE", "TASKS", "ORGANISATIONS", "shipped_path"]

TABLE = "riippuvuustaulukko.xlsx"
TASKS = "kayttoonottotehtavat.xlsx"
ORGANISATIONS = "esimerkkiorganisaatiot.csv"

_PACKAGE = Path(__file__).resolve().parent.parent


def shipped_path(name: str) -> Path:
    """Path of a shipped data file, preferring the checkout's ``data/`` folder.

    Examples
    --------
    >>> shipped_path(TABLE).name
    'riippuvuustaulukko.xlsx'
    """
    checkout = _PACKAGE.parent / "data" / name
    if checkout.is_file():
        return checkout
    return _PACKAGE / "shipped" / name
