"""Small bar charts of a batch run, drawn from plain counts, and figures as PNG bytes for a notebook.

The notebook helpers (:mod:`analyser.notebook`) count and label; this module
only draws: each function takes labels and numbers and returns a
:class:`matplotlib.figure.Figure` (never pyplot), drawn under
:data:`analyser.plot.RC`.

Examples
--------
>>> fig = blocker_figure([("SOS-LV-INF – Informointi", 2)], title="Blockers", xlabel="organisations",
...                      none_text="Nothing to show.")
>>> is_figure(fig), png_bytes(fig)[:8]
(True, b'\\x89PNG\\r\\n\\x1a\\n')
"""

from __future__ import annotations

import io
from typing import Sequence

import matplotlib
from matplotlib.figure import Figure

from analyser.palette import OKABE_ITO
from analyser.plot import RC

__all__ = ["figure", "is_figure", "png_bytes", "standing_figure", "blocker_figure", "deadline_figure"]

#: Colour of each column kind of :func:`deadline_figure`: late tasks, then the responsible parties.
DEADLINE_COLOURS = {"late": OKABE_ITO["vermillion"], "provider": OKABE_ITO["blue"], "vendor": OKABE_ITO["orange"],
                    "kela": OKABE_ITO["green"], "thl": OKABE_ITO["purple"], "other": "#555555", "": "#999999"}


def png_bytes(fig: Figure, dpi: int = 144) -> bytes:
    """The figure as PNG bytes for display (drawn under :data:`analyser.plot.RC`).

    Examples
    --------
    >>> png_bytes(figure(1, 1))[:8]
    b'\\x89PNG\\r\\n\\x1a\\n'
    """
    buffer = io.BytesIO()
    with matplotlib.rc_context(RC):
        fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": "analyser"})
    return buffer.getvalue()


def is_figure(obj: object) -> bool:
    """Whether ``obj`` is a figure this package draws (a :class:`matplotlib.figure.Figure`).

    Examples
    --------
    >>> is_figure(figure(1, 1)), is_figure("text")
    (True, False)
    """
    return isinstance(obj, Figure)


def figure(width: float, height: float) -> Figure:
    """An empty figure of ``width`` x ``height`` inches with constrained layout.

    Examples
    --------
    >>> figure(2, 1).get_size_inches().tolist()
    [2.0, 1.0]
    """
    return Figure(figsize=(width, height), layout="constrained")


def _rc():
    return matplotlib.rc_context(RC)


def _style(ax) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(length=0)


def standing_figure(standing: Sequence[tuple[str, int]], attention: Sequence[tuple[str, int]], organisations: int,
                    *, titles: tuple[str, str], xlabel: str) -> Figure:
    """Two panels of horizontal bars: organisations per standing, and below, how many need attention.

    ``standing`` and ``attention`` are (label, count) rows from the top
    down; the bars are coloured by position (can extend now, waits for
    certification, waits for prerequisites, nothing left, bad row; and late
    tasks, order not allowed, waits for certification). ``organisations``
    scales the shared x axis.

    Examples
    --------
    >>> fig = standing_figure([("now", 3), ("later", 1)], [("late", 2)], 4, titles=("Standing", "Attention"),
    ...                       xlabel="organisations")
    >>> [ax.get_title(loc="left") for ax in fig.axes], len(fig.axes[0].patches)
    (['Standing', 'Attention'], 2)
    """
    colours = [OKABE_ITO["green"], OKABE_ITO["sky"], OKABE_ITO["orange"], "#999999", OKABE_ITO["vermillion"]]
    total = max(organisations, 1)
    with _rc():
        fig = figure(7.5, 4.2)
        top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=[len(standing), len(attention)])
        panels = ((top, standing, colours, titles[0]),
                  (bottom, attention, [OKABE_ITO["vermillion"], OKABE_ITO["purple"], OKABE_ITO["sky"]], titles[1]))
        for ax, rows, palette, title in panels:
            labels = [label for label, _ in rows][::-1]
            values = [int(v) for _, v in rows][::-1]
            ax.barh(labels, values, color=palette[: len(values)][::-1], edgecolor="#333333", linewidth=0.5)
            for y, value in enumerate(values):
                ax.text(value + 0.015 * total, y, str(value), va="center", fontsize=9, fontweight="bold")
            ax.set_title(title, loc="left", fontweight="bold", fontsize=10)
            _style(ax)
        bottom.set_xlim(0, total * 1.12)
        bottom.set_xlabel(xlabel)
        bottom.xaxis.get_major_locator().set_params(integer=True)
    return fig


def blocker_figure(rows: Sequence[tuple[str, int]], *, title: str, xlabel: str, none_text: str) -> Figure:
    """Horizontal bars, largest on top: (label, organisations) rows; ``none_text`` when there are none.

    Examples
    --------
    >>> ax = blocker_figure([("A", 2), ("B", 1)], title="Blockers", xlabel="organisations", none_text="-").axes[0]
    >>> ax.get_title(loc="left"), [t.get_text() for t in ax.get_yticklabels()]
    ('Blockers', ['B', 'A'])
    >>> blocker_figure([], title="Blockers", xlabel="", none_text="Nothing.").axes[0].texts[0].get_text()
    'Nothing.'
    """
    with _rc():
        fig = figure(7.5, 0.9 + 0.32 * max(len(rows), 2))
        ax = fig.add_subplot()
        _style(ax)
        ax.set_title(title, loc="left", fontweight="bold")
        if not rows:
            ax.text(0.5, 0.5, none_text, ha="center", va="center", transform=ax.transAxes)
            ax.set_axis_off()
            return fig
        labels = [label for label, _ in rows][::-1]
        values = [int(v) for _, v in rows][::-1]
        ax.barh(labels, values, color=OKABE_ITO["orange"], edgecolor="#333333", linewidth=0.5)
        for y, value in enumerate(values):
            ax.text(value + 0.05, y, str(value), va="center", fontsize=9, fontweight="bold")
        ax.set_xlim(0, max(values) * 1.15 + 0.2)
        ax.set_xlabel(xlabel)
        ax.xaxis.get_major_locator().set_params(integer=True)
    return fig


def deadline_figure(months: Sequence[str], series: Sequence[tuple[str, str, Sequence[int]]], *, title: str,
                    ylabel: str, none_text: str, today_text: str = "",
                    today: tuple[int, int] | None = None) -> Figure:
    """Stacked bars per month, one layer per (label, kind, counts) series; late tasks hatched.

    ``kind`` picks the colour (``"late"`` or a responsible party of
    :data:`DEADLINE_COLOURS`; others are grey). ``today`` is (position of
    this month in ``months``, day of the month): a dashed line marks it.

    Examples
    --------
    >>> fig = deadline_figure(["Nov 2026", "Dec 2026"], [("Late", "late", [2, 0]), ("Kela", "kela", [1, 3])],
    ...                       title="Due dates", ylabel="tasks", none_text="-", today_text="today", today=(0, 25))
    >>> ax = fig.axes[0]
    >>> len(ax.patches), [t.get_text() for t in ax.get_legend().get_texts()], ax.texts[-1].get_text()
    (4, ['Late', 'Kela'], 'today')
    """
    with _rc():
        fig = figure(max(6.0, 0.55 * len(months) + 2.5), 3.6)
        ax = fig.add_subplot()
        _style(ax)
        ax.set_title(title, loc="left", fontweight="bold")
        if not months or not series:
            ax.text(0.5, 0.5, none_text, ha="center", va="center", transform=ax.transAxes)
            ax.set_axis_off()
            return fig
        x = list(range(len(months)))
        bottom = [0] * len(months)
        for label, kind, counts in series:
            values = [int(v) for v in counts]
            ax.bar(x, values, bottom=bottom, label=label, color=DEADLINE_COLOURS.get(kind, "#777777"),
                   edgecolor="white", linewidth=0.6, hatch="xx" if kind == "late" else None)
            bottom = [b + v for b, v in zip(bottom, values)]
        for xi, total in zip(x, bottom):
            if total:
                ax.text(xi, total + 0.1, str(total), ha="center", va="bottom", fontsize=8)
        ax.set_xticks(x, list(months), rotation=45, ha="right")
        ax.set_ylabel(ylabel)
        ax.set_ylim(0, max(bottom) * 1.15 + 0.5)
        ax.yaxis.get_major_locator().set_params(integer=True)
        if today is not None:
            k, day = today
            ax.axvline(k - 0.5 + (day - 1) / 31, color=OKABE_ITO["vermillion"], lw=1.2, ls=(0, (4, 2)))
            ax.text(k - 0.45 + (day - 1) / 31, max(bottom) * 1.1 + 0.3, today_text,
                    color=OKABE_ITO["vermillion"], fontsize=8, fontweight="bold", va="top")
        ax.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return fig
