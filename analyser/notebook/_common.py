"""Small helpers shared by the notebook tables: the notebooks' words, id lists, counts, display frames."""

from __future__ import annotations

import datetime as dt
from typing import Iterable, Sequence

import networkx as nx
import pandas as pd

from analyser import orders
from analyser.records import Catalogue
from analyser.text.labels import format_date, format_number, t


def _l(key: str, lang: str = "fi", **values: object) -> str:
    """The notebooks' own words live in :mod:`analyser.text.labels` under ``nb.``."""
    return t("nb." + key, lang, **values)


def _ids(ids: Iterable[str], lang: str, empty: str = "") -> str:
    ids = list(ids)
    return ", ".join(ids) if ids else empty


def _yes_no(value: bool, lang: str) -> str:
    return _l("yes" if value else "no", lang)


def _number(n: int | None, lang: str) -> str:
    """A count as text with thousands separated (numbers of orders can be huge).

    Examples
    --------
    >>> _number(2040, "fi"), _number(2040, "en"), _number(None, "fi")
    ('2\\u202f040', '2,040', '?')
    """
    return "?" if n is None else format_number(n, lang)


def _name_of(catalogue: Catalogue, item_id: str) -> str:
    item = catalogue.find_item(item_id)
    return item.name if item is not None else item_id


def _frame(columns: Sequence[str], rows: Sequence[Sequence[object]], lang: str, *, index: str | None = None,
           start: int = 1) -> pd.DataFrame:
    """A table for display: dates as planners read them, rows numbered from ``start`` (or indexed by a column)."""
    shown = [["" if v is None else format_date(v, lang) if isinstance(v, dt.date) else v for v in row] for row in rows]
    frame = pd.DataFrame(shown, columns=list(columns), dtype=object)
    if index is not None:
        frame = frame.set_index(index)
    else:
        frame.index = pd.RangeIndex(start, start + len(frame))
    return frame


def _status_text(status: str, lang: str) -> str:
    return t(f"plot_status_{status}", lang)


def _count(graph: nx.DiGraph, budget: int) -> int | None:
    return orders.within_budget(orders.count_orders, graph, budget=budget)
