"""Charts of a batch run: the counts of :mod:`analyser.notebook._batch`, drawn by :mod:`analyser.plot.charts`."""

from __future__ import annotations

import datetime as dt

from analyser.report.batch import Batch
from analyser.records import Catalogue
from analyser.notebook._common import _l
from analyser.notebook._batch import (_PARTIES, _month_label, _party_label, attention_counts, blocker_counts,
                                      deadlines_by_month, standing_counts)

__all__ = ["standing_chart", "blocker_chart", "deadline_chart"]


def standing_chart(batch: Batch, lang: str = "fi"):
    """Horizontal bars: how many organisations are in each standing (see :func:`standing_counts`),
    and below, how many need attention (see :func:`attention_counts`).

    Examples
    --------
    >>> c, batch = example_batch()
    >>> fig = standing_chart(batch, "en")
    >>> [ax.get_title(loc="left") for ax in fig.axes]
    ['Where the organisations stand (10)', 'Needs attention (an organisation may be in several)']
    """
    from analyser.plot.charts import standing_figure

    counts = standing_counts(batch, lang)
    attention = attention_counts(batch, lang)
    return standing_figure(list(zip(counts.index, counts.iloc[:, 0])), list(zip(attention.index, attention.iloc[:, 0])),
                           len(batch.results),
                           titles=(_l("chart_standing", lang) + f" ({len(batch.results)})", _l("chart_attention", lang)),
                           xlabel=_l("chart_standing_x", lang))


def blocker_chart(batch: Batch, catalogue: Catalogue, lang: str = "fi", *, top: int = 10):
    """Horizontal bars: the items that hold back the most organisations (see :func:`blocker_counts`).

    Examples
    --------
    >>> c, batch = example_batch()
    >>> ax = blocker_chart(batch, c, "en", top=3).axes[0]
    >>> ax.get_title(loc="left"), len(ax.patches), ax.get_yticklabels()[-1].get_text()
    ('Most common blockers', 3, 'PTA-PUOL – Puolesta-asiointi')
    """
    from analyser.plot.charts import blocker_figure

    counts = blocker_counts(batch, catalogue, lang).head(top)
    name_col = _l("name", lang)
    rows = [(f"{i} – {counts.loc[i, name_col]}", n) for i, n in zip(counts.index, counts[_l("organisations", lang)])]
    return blocker_figure(rows, title=_l("chart_blockers", lang), xlabel=_l("chart_blockers_x", lang),
                          none_text=_l("chart_none", lang))


def deadline_chart(batch: Batch, lang: str = "fi", *, today: dt.date | None = None):
    """Stacked bars per month: tasks of each organisation's next extension, late ones in red.

    Examples
    --------
    >>> c, batch = example_batch()
    >>> fig = deadline_chart(batch, "en", today=dt.date(2026, 11, 25))
    >>> fig.axes[0].get_title(loc="left"), len(fig.axes[0].get_xticks())
    ('Due dates of the next extension per month', 15)
    >>> [text.get_text() for text in fig.axes[0].get_legend().get_texts()]
    ['Late', 'care provider', 'system vendor', 'Kela']
    """
    from analyser.plot.charts import deadline_figure

    table = deadlines_by_month(batch, lang)
    kind = {_l("late", lang): "late", **{_party_label(k, lang): k for k in _PARTIES}}
    months = list(table.index)
    mark = None
    if today is not None:
        label = _month_label(today.replace(day=1), lang)
        if label in months:
            mark = (months.index(label), today.day)
    series = [(column, kind.get(column), list(table[column])) for column in table.columns]
    return deadline_figure(months, series, title=_l("chart_deadlines", lang), ylabel=_l("chart_deadlines_y", lang),
                           none_text=_l("chart_none", lang), today_text=_l("chart_today", lang), today=mark)
