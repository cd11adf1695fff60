"""Internal: the profile matrix, items × profiles, with each profile's number of allowed orders."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Sequence

import networkx as nx

from analyser import orders
from analyser.model import requirement_graph
from analyser.palette import OKABE_ITO
from analyser.palette import group_order as _group_order
from analyser.planning.situation import Situation
from analyser.planning.views import wave_layers
from analyser.plot._canvas import _Canvas, _Legend, _LegendEntry, _Page, figure_function
from analyser.plot._diagram import _lane_labels
from analyser.plot._style import _GREY, _INK, _file_name, _subtitle
from analyser.plot.layout import text_width, wrap_text
from analyser.records import Catalogue
from analyser.text.labels import format_date, format_decimal, format_number, t
from analyser.text.vocabulary import NOT_ALLOWED, PARTLY, natural_key

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["MATRIX_MARKS", "matrix_statuses", "profile_matrix"]

_MARKS = {
    # status: marker, size, colour, fill style
    "allowed": dict(marker="o", size=9.0, color=OKABE_ITO["blue"], fillstyle="full", edge=OKABE_ITO["blue"]),
    "partly": dict(marker="o", size=9.0, color=OKABE_ITO["orange"], fillstyle="left", edge="#9A6A00"),
    "excluded": dict(marker="X", size=9.5, color=OKABE_ITO["vermillion"], fillstyle="full", edge="#8A3A00",
                     mew=0.6),
    "not-allowed": dict(marker="_", size=8.0, color="#A6A6A6", fillstyle="full", edge="#A6A6A6", mew=1.4),
}
MATRIX_MARKS = tuple(_MARKS)


def matrix_statuses(catalogue: Catalogue, graph: nx.DiGraph) -> dict[str, dict[str, str]]:
    """``{profile: {item: status}}`` for an organisation with nothing deployed.

    Status: "allowed", "partly", "not-allowed", or "excluded" (the profile
    allows the item, but not all of its prerequisites).

    Examples
    --------
    >>> m = matrix_statuses(c, build_graph(c))
    >>> m["SOS-V2"]["SOS-V2-ROK"], m["SOS-V2"]["SOS-LV-HAKU"], m["SOS-LV"]["SOS-LV-HAKU"], m["POT"]["SOS"]
    ('partly', 'excluded', 'allowed', 'not-allowed')
    """
    result = {}
    for profile in catalogue.profiles:
        situation = Situation(catalogue, graph, profile.id)
        excluded = {e.id for e in situation.excluded}
        row = {}
        for item in sorted(catalogue.items, key=lambda i: natural_key(i.id)):
            mark = item.mark(profile.id)
            if mark == NOT_ALLOWED:
                row[item.id] = "not-allowed"
            elif item.id in excluded:
                row[item.id] = "excluded"
            elif mark == PARTLY:
                row[item.id] = "partly"
            else:
                row[item.id] = "allowed"
        result[profile.id] = row
    return result


_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def _count_text(n: int | None, lang: str) -> str:
    """The number of orders as the matrix shows it: thin-space thousands, huge ones as a power of ten.

    Examples
    --------
    >>> _count_text(2040, "fi"), _count_text(2040, "en"), _count_text(12 * 10 ** 17, "fi")
    ('2\u202f040', '2,040', '≈ 1,2·10¹⁸')
    """
    if n is None:
        return t("plot_orders_unknown", lang)
    if n >= 10 ** 9:
        exponent = len(str(n)) - 1
        mantissa = n / 10 ** exponent
        number = f"≈ {format_decimal(mantissa, lang)}·10{str(exponent).translate(_SUPERSCRIPT)}"
    else:
        number = format_number(n, lang)
    return number


def _item_rows(catalogue: Catalogue, graph: nx.DiGraph) -> list[tuple[str, list[str]]]:
    """Items by service (lanes in id order), each in wave order of the whole table."""
    items = sorted(catalogue.items, key=lambda i: natural_key(i.id))
    req = requirement_graph(graph)
    waves = wave_layers([i.id for i in items], list(req.edges()))
    lanes: dict[str, list[str]] = {}
    for item in items:
        lanes.setdefault(item.service_key, []).append(item.id)
    by_id = {i.id: i for i in items}
    rows = []
    for key, ids in lanes.items():
        ids.sort(key=lambda i: (waves[i], _group_order(by_id[i].group), natural_key(i)))
        rows.append((key, ids))
    return rows


@figure_function
def profile_matrix(
    catalogue: Catalogue,
    graph: nx.DiGraph,
    *,
    profiles: Sequence[str] | None = None,
    ax=None,
    lang: str = "fi",
    title: str | None = None,
    date: dt.date | None = None,
    budget: int = orders.DEFAULT_BUDGET,
) -> Figure:
    """Items × profiles: allowed, partly, not allowed, or out of reach for want of a prerequisite.

    Along the top, each profile's exact number of allowed orders for an
    organisation with nothing in use (:func:`analyser.orders.count_orders`
    on :attr:`Situation.remaining_graph`).

    Examples
    --------
    ARK allows SOS and then SOS-VANHAT: one order. SOS-V1 adds the chain
    SOS-V1-ARK, SOS-V1-HAKU after SOS, and SOS-VANHAT fits in 3 places.

    >>> fig = profile_matrix(c, g, profiles=["ARK", "SOS-V1"], lang="en", date=dt.date(2027, 1, 4))
    >>> texts = [text.get_text() for text in fig.axes[0].texts]
    >>> texts[0]
    'Information-system profiles and functionalities'
    >>> texts[texts.index("Allowed orders") + 1:][:8]  # per column: id, name, number of orders
    ['ARK', 'Arkistointipalvelu', '(vanhat asiakirjat)', '1', 'SOS-V1', '1. vaiheen', 'asiakastietojärjestelmä', '3']
    """
    date = date or dt.date.today()
    statuses = matrix_statuses(catalogue, graph)
    chosen = [p for p in catalogue.profiles if profiles is None or p.id in set(profiles)]
    counts = {}
    for profile in chosen:
        poset = Situation(catalogue, graph, profile.id).remaining_graph
        counts[profile.id] = orders.within_budget(orders.count_orders, poset, budget=budget)
    items = {i.id: i for i in catalogue.items}
    rows = _item_rows(catalogue, graph)
    lanes = _lane_labels(graph, catalogue)

    id_w = max([text_width(i, 9, True) for i in items] + [40]) * 1.08 + 10
    name_w = min(max([text_width(items[i].name, 8.5) for i in items] + [60]) * 1.08, 300) + 14
    longest = max([text_width(w, 7.5) for p in chosen for w in p.name.split()]
                  + [text_width(p.id, 10, True) for p in chosen]
                  + [text_width(_count_text(n, lang), 9, True) for n in counts.values()] + [60])
    col_w = max(72.0, longest * 1.08 + 12)
    head_lines = {p.id: wrap_text(p.name, col_w - 10, 7.5)[:3] for p in chosen}
    n_head = max([len(v) for v in head_lines.values()] + [1])
    head_h = 16 + n_head * 10 + 8 + 14 + 6
    row_h = 17.0
    lane_h = 20.0
    label_w = id_w + name_w
    body_w = label_w + col_w * len(chosen)
    name_lines = {i: wrap_text(items[i].name, name_w - 14, 8.5) for i in items}
    heights = {i: max(row_h, 6 + len(name_lines[i]) * 11) for i in items}
    body_h = head_h + sum(lane_h + sum(heights[i] for i in ids) + 4 for _, ids in rows)

    def draw(c: _Canvas) -> None:
        x0 = label_w
        c.text(0, head_h - 14, t("plot_matrix_count_label", lang), 8, color=_GREY, weight="bold")
        for k, profile in enumerate(chosen):
            cx = x0 + k * col_w + col_w / 2
            c.text(cx, 8, profile.id, 10, weight="bold", ha="center")
            for j, line in enumerate(head_lines[profile.id]):
                c.text(cx, 21 + j * 10, line, 7.5, color=_GREY, ha="center")
            c.text(cx, head_h - 14, _count_text(counts[profile.id], lang), 9, weight="bold", ha="center",
                   color=_INK)
            if k:
                c.line([(x0 + k * col_w, 4), (x0 + k * col_w, body_h)], color="#E2E2E2", lw=0.6, zorder=0.2)
        c.line([(0, head_h - 3), (body_w, head_h - 3)], color="#999999", lw=0.8)
        y = head_h
        for key, ids in rows:
            c.text(2, y + lane_h / 2 + 1, lanes.get(key, key), 9, weight="bold", color="#4D4D4D")
            y += lane_h
            for n, item_id in enumerate(ids):
                h = heights[item_id]
                if n % 2 == 1:
                    c.rect(0, y, body_w, h, face="#000000", alpha=0.035, zorder=0.3)
                c.text(4, y + h / 2, item_id, 9, weight="bold")
                for j, line in enumerate(name_lines[item_id]):
                    ly = y + h / 2 + (j - (len(name_lines[item_id]) - 1) / 2) * 11
                    c.text(id_w, ly, line, 8.5)
                for k, profile in enumerate(chosen):
                    st = _MARKS[statuses[profile.id][item_id]]
                    c.marker(x0 + k * col_w + col_w / 2, y + h / 2, st["marker"], st["size"], color=st["color"],
                             edge=st["edge"], fillstyle=st["fillstyle"], mew=st.get("mew", 1.0))
                y += h
            y += 4
            c.line([(0, y - 2), (body_w, y - 2)], color="#D0D0D0", lw=0.6)

    entries = [_LegendEntry("marker", t(f"plot_matrix_{s}", lang),
                            dict(marker=m["marker"], size=m["size"], color=m["color"], edge=m["edge"],
                                 fillstyle=m["fillstyle"], mew=m.get("mew", 1.0)))
               for s, m in _MARKS.items()]
    subtitle = _subtitle([_file_name(catalogue.table_path), format_date(date, lang)])
    page = _Page(title or t("plot_title_matrix", lang), subtitle, body_w, body_h, draw,
                 [_Legend("", entries)], [t("plot_foot_matrix", lang)])
    return page
