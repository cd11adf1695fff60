"""Reports written to files: the per-profile summary.

Every file is written atomically (see :mod:`analyser.output`) and never over
an input file.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import networkx as nx

from analyser import orders
from analyser.labels import t
from analyser.output import csv_text, write_atomic
from analyser.records import Catalogue
from analyser.situation import Situation
from analyser.vocabulary import natural_key

__all__ = ["profile_summary", "write_profile_summary", "PROFILE_COLUMNS"]

PROFILE_COLUMNS = ("col_profile", "col_name", "col_items", "col_count", "col_rounds", "col_waves",
                   "col_first", "col_recommended", "col_excluded")


def profile_summary(catalogue: Catalogue, graph: nx.DiGraph, *, budget: int = orders.DEFAULT_BUDGET) -> list[dict]:
    """One row per profile, for an organisation that has nothing deployed yet.

    Examples
    --------
    >>> from analyser.catalogue import load_catalogue
    >>> from analyser.model import build_graph
    >>> c = load_catalogue(with_tasks=False)
    >>> rows = profile_summary(c, build_graph(c))
    >>> [(r["profile"], r["count"]) for r in rows][:2]
    [('ARK', 1), ('SOS-V1', 3)]
    """
    rows = []
    for profile in catalogue.profiles:
        situation = Situation(catalogue, graph, profile.id)
        poset = situation.remaining_graph
        try:
            count = orders.count_orders(poset, budget=budget)
        except orders.BudgetExceededError:
            count = None
        rows.append({
            "profile": profile.id,
            "name": profile.name,
            "items": list(situation.remaining),
            "count": count,
            "min_rounds": orders.min_rounds(poset),
            "waves": orders.waves(poset, key=natural_key),
            "available": list(situation.available),
            "recommended": orders.recommended_order(poset, soft_edges=situation.soft_edges(),
                                                    available_from=situation.available_from(), key=natural_key),
            "excluded": [e.id for e in situation.excluded],
        })
    return rows


def _csv_rows(rows: list[dict]) -> list[list]:
    out = []
    for r in rows:
        out.append([
            r["profile"], r["name"], len(r["items"]),
            str(r["count"]) if r["count"] is not None else "",
            r["min_rounds"],
            " | ".join(", ".join(w) for w in r["waves"]),
            ", ".join(r["available"]),
            ", ".join(r["recommended"]),
            ", ".join(r["excluded"]),
        ])
    return out


def write_profile_summary(rows: list[dict], out_dir: str | os.PathLike, *, lang: str = "fi",
                          dialect: str = "excel-fi", inputs=()) -> list[Path]:
    """Write ``profiilit.csv`` and ``profiilit.json`` into ``out_dir``; return the paths."""
    out_dir = Path(out_dir)
    header = [t(c, lang) for c in PROFILE_COLUMNS]
    written = [
        write_atomic(out_dir / "profiilit.csv", csv_text(header, _csv_rows(rows), dialect), inputs=inputs),
        write_atomic(out_dir / "profiilit.json",
                     json.dumps({"profiles": rows}, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
                     inputs=inputs),
    ]
    return written


def render_profile_summary(rows: list[dict], lang: str = "fi") -> str:
    """The summary as text for the terminal."""
    lines = [t("report_title", lang), ""]
    for r in rows:
        lines.append(f"{r['profile']} – {r['name']}")
        lines.append(f"  {t('col_items', lang)}: {len(r['items'])}")
        count = r["count"] if r["count"] is not None else "?"
        lines.append(f"  {t('col_count', lang)}: {count}")
        lines.append(f"  {t('col_rounds', lang)}: {r['min_rounds']}")
        for n, wave in enumerate(r["waves"], start=1):
            lines.append(f"    {t('wave', lang, n=n)}: {', '.join(wave)}")
        lines.append(f"  {t('col_first', lang)}: {', '.join(r['available']) or t('none', lang)}")
        if r["excluded"]:
            lines.append(f"  {t('col_excluded', lang)}: {', '.join(r['excluded'])}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
