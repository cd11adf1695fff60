"""Internal: the plan as a Gantt chart."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from analyser.palette import OKABE_ITO
from analyser.palette import tint as _tint
from analyser.plot._canvas import _Canvas, _Legend, _LegendEntry, _Page, figure_function
from analyser.plot._style import _GREY, _INK, _file_name, _subtitle
from analyser.plot.layout import text_width, wrap_text
from analyser.records import Catalogue
from analyser.text.labels import format_date, month_name, t
from analyser.text.vocabulary import natural_key

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["plan_gantt"]

_RESPONSIBLE = {
    # key: marker, colour
    "provider": ("o", OKABE_ITO["blue"]),
    "vendor": ("s", OKABE_ITO["orange"]),
    "kela": ("^", OKABE_ITO["green"]),
    "thl": ("v", OKABE_ITO["purple"]),
    "other": ("P", "#555555"),
    "": ("h", "#999999"),
}


def _month_starts(start: dt.date, end: dt.date) -> list[dt.date]:
    days = []
    d = dt.date(start.year, start.month, 1)
    while d <= end:
        if d >= start:
            days.append(d)
        d = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return days


@figure_function
def plan_gantt(
    plan,
    *,
    catalogue: Catalogue | None = None,
    today: dt.date | None = None,
    ax=None,
    lang: str = "fi",
    title: str | None = None,
    organisation: str | None = None,
    profile: str | None = None,
    tasks: bool = True,
) -> Figure:
    """A Gantt chart of a plan: periods shaded, each extension's go-live, its tasks by party, today.

    ``plan`` is duck-typed (:class:`analyser.planning.plan.Plan` fits); it needs:

    * ``plan.periods``: objects with ``.name``, ``.start`` (date or None) and ``.end`` (date or None);
    * ``plan.extensions``: objects with ``.item``, ``.name``, ``.period`` (a period name) and
      ``.go_live`` (date or None);
    * ``plan.tasks``: objects with ``.item``, ``.task_id``, ``.title``, ``.responsible`` (text),
      ``.responsible_key`` ("provider", "vendor", "kela", "thl", "other" or ""), ``.due``
      (date or None) and ``.late`` (bool);
    * optionally ``plan.today`` and ``plan.profile`` (used when ``today`` / ``profile`` are not given).

    Each extension gets a row with a bar from its first task's due date to
    its go-live (a diamond). With ``tasks=True`` its tasks follow, one row
    each: a marker at the due date, shaped and coloured by the responsible
    party, and the date. With ``tasks=False`` the task markers sit on the
    extension's row (a compact chart for slides). A late task is a red cross
    and its date is red. A dashed line marks today. The tasks of a whole
    period (a task with ``.shared`` true, its ``.period`` and the ``.items``
    it covers) come once, under a row of their own before the period's
    first extension.

    Examples
    --------
    >>> from types import SimpleNamespace as NS
    >>> plan = NS(periods=[NS(name="2027/1", start=dt.date(2027, 1, 11), end=dt.date(2027, 3, 19))],
    ...           extensions=[NS(item="SOS-LV-LUP", name="Luovutuslupa", period="2027/1",
    ...                          go_live=dt.date(2027, 3, 19))],
    ...           tasks=[NS(item="SOS-LV-LUP", task_id="1", title="Suunnittelu", responsible="",
    ...                     responsible_key="provider", due=dt.date(2027, 1, 29), late=False)])
    >>> fig = plan_gantt(plan, today=dt.date(2026, 12, 1), lang="en")
    >>> texts = [text.get_text() for text in fig.axes[0].texts]
    >>> texts[0], "today 2026-12-01" in texts
    ('Extension schedule', True)
    >>> i = texts.index("SOS-LV-LUP – Luovutuslupa")  # the extension's row: go-live (period), then its task
    >>> texts[i + 1:i + 4]
    ['2027-03-19  (2027/1)', '1. Suunnittelu', '2027-01-29']

    A period's own tasks come once, whatever the number of its extensions:

    >>> c, real = example_plan()
    >>> texts = [text.get_text() for text in plan_gantt(real, catalogue=c, lang="en").axes[0].texts]
    >>> texts.count("6. Ilmoittautuminen käyttöönottojaksolle"), len(real.periods[:real.periods_used])
    (3, 3)
    """
    today = today or getattr(plan, "today", None) or dt.date.today()
    profile = profile or getattr(plan, "profile", None)
    extensions = sorted(plan.extensions, key=lambda e: (e.go_live or dt.date.max, natural_key(e.item)))
    by_item: dict[str, list] = {}
    by_period: dict[str, list] = {}
    for task in plan.tasks:
        if getattr(task, "shared", False):
            by_period.setdefault(task.period or "", []).append(task)
        else:
            by_item.setdefault(task.item, []).append(task)
    for listed in (*by_item.values(), *by_period.values()):
        listed.sort(key=lambda k: (k.due or dt.date.max, natural_key(k.task_id)))
    placed = {e.item for e in extensions}
    order: list[tuple[str, str]] = []  # ("period", name) before its first extension, then ("item", id)
    for e in extensions:
        if e.period in by_period and ("period", e.period) not in order:
            order.append(("period", e.period))
        order.append(("item", e.item))
    order += [("period", p) for p in by_period if ("period", p) not in order]
    order += [("item", i) for i in sorted((i for i in by_item if i not in placed), key=natural_key)]
    ext_by_item = {e.item: e for e in extensions}

    dates = [today] + [e.go_live for e in extensions if e.go_live] + [k.due for k in plan.tasks if k.due]
    first, last = min(dates), max(dates)
    start = dt.date(first.year, first.month, 1)
    end = max(_month_starts(last + dt.timedelta(days=1), last + dt.timedelta(days=62))[0],
              start + dt.timedelta(days=92))
    span = (end - start).days
    ppd = max(min(820 / span, 6.0), 0.45)
    time_w = span * ppd

    label_max = 270.0
    rows = []  # (kind, object, lines, height)
    for kind, key in order:
        if kind == "period":
            covered = sorted({i for task in by_period[key] for i in (getattr(task, "items", ()) or (task.item,))},
                             key=natural_key)
            label = f"{t('period_line', lang, name=key)} – {t('period_tasks', lang, items=covered)}"
            lines = wrap_text(label, label_max, 9, bold=True)
            rows.append(("period", key, lines, max(20.0, 8 + 12 * len(lines))))
            own_tasks = by_period[key]
        else:
            ext = ext_by_item.get(key)
            found = catalogue.find_item(key) if catalogue is not None else None
            name = ext.name if ext else (found.name if found else "")
            lines = wrap_text(f"{key} – {name}" if name else key, label_max, 9, bold=True)
            rows.append(("ext", ext if ext else key, lines, max(20.0, 8 + 12 * len(lines))))
            own_tasks = by_item.get(key, [])
        if tasks:
            for task in own_tasks:
                tl = wrap_text(f"{task.task_id}. {task.title}", label_max - 12, 8)
                rows.append(("task", task, tl, max(15.0, 5 + 10.5 * len(tl))))
    widths = [text_width(ln, 8 if kind == "task" else 9, kind != "task") * 1.08 + (12 if kind == "task" else 0)
              for kind, _, lines, _ in rows for ln in lines]
    label_w = min(max(widths + [120.0]), label_max + 12) + 14
    top = 56.0  # years, months, today, period names
    body_h = top + sum(r[3] for r in rows) + 6
    body_w = label_w + time_w + 70

    def x_of(d: dt.date) -> float:
        return label_w + (d - start).days * ppd

    def task_mark(c: _Canvas, task, cy: float, with_date: bool) -> None:
        if not task.due:
            if with_date:
                c.text(label_w + 4, cy, t("plot_no_date", lang), 7, color=_GREY, style="italic")
            return
        x = x_of(task.due)
        if task.late:
            c.marker(x, cy, "X", 9.5, color=OKABE_ITO["vermillion"], edge="#7A2400", mew=0.6, zorder=5.5)
        else:
            marker, colour = _RESPONSIBLE.get(task.responsible_key or "", _RESPONSIBLE["other"])
            c.marker(x, cy, marker, 7, color=colour, edge="#333333", mew=0.5, zorder=5)
        if with_date:
            text = format_date(task.due, lang) + (" – " + t("plot_late", lang) if task.late else "")
            c.text(x + 7, cy, text, 7, color=OKABE_ITO["vermillion"] if task.late else _GREY, zorder=5)

    def draw(c: _Canvas) -> None:
        bottom = body_h - 4
        band_top = 40.0
        # periods
        for period in plan.periods:
            if not period.start or (period.end or period.start) < start or period.start > end:
                continue
            a, b = max(period.start, start), min(period.end or period.start, end)
            c.rect(x_of(a), band_top, max((b - a).days * ppd, 1.5), bottom - band_top,
                   face=_tint(OKABE_ITO["sky"], 0.78), zorder=0.4)
            c.text(x_of(a) + 3, band_top + 8, period.name, 7.5, color="#1F5E80", weight="bold", zorder=1)
        # months and years
        months = _month_starts(start, end)
        names = [month_name(m, lang) for m in range(1, 13)]
        widest = max(text_width(n, 7.5) for n in names) * 1.08 + 6
        step = next((s for s in (1, 2, 3, 6) if s * 28 * ppd >= widest), 12)
        for d in months:
            x = x_of(d)
            c.line([(x, 14 if d.month == 1 else 27), (x, bottom)], color="#B0B0B0" if d.month == 1 else "#E3E3E3",
                   lw=0.6, zorder=0.3)
            if (d.month - 1) % step == 0:
                c.text(x + 2, 21, names[d.month - 1], 7.5, color=_GREY)
            if d.month == 1 or d == months[0]:
                c.text(x + 2, 7, str(d.year), 8.5, weight="bold", color="#333333")
        c.line([(label_w, band_top), (body_w, band_top)], color="#B0B0B0", lw=0.6, zorder=0.3)
        # today
        if start <= today <= end:
            x = x_of(today)
            c.line([(x, 28), (x, bottom)], color=OKABE_ITO["vermillion"], lw=1.3, ls=(0, (4, 2)), zorder=4)
            c.text(x + 3, 33, t("plot_today", lang, date=format_date(today, lang)), 7.5,
                   color=OKABE_ITO["vermillion"], weight="bold", zorder=4.1)
        # rows
        y = band_top + 16
        for n, (kind, obj, lines, h) in enumerate(rows):
            cy = y + h / 2
            if kind in ("ext", "period"):
                c.line([(0, y), (body_w, y)], color="#C8C8C8", lw=0.6, zorder=0.35)
                for j, line in enumerate(lines):
                    c.text(2, cy + (j - (len(lines) - 1) / 2) * 12, line, 9, weight="bold")
                if kind == "period":
                    own = by_period[obj]
                else:
                    own = by_item.get(obj if isinstance(obj, str) else obj.item, [])
                if kind == "ext" and not isinstance(obj, str) and obj.go_live:
                    a = min([k.due for k in own if k.due] + [obj.go_live])
                    c.rect(x_of(a), cy - 4, max((obj.go_live - a).days * ppd, 1), 8,
                           face=_tint(OKABE_ITO["blue"], 0.55), edge=OKABE_ITO["blue"], lw=0.6, zorder=2)
                    c.marker(x_of(obj.go_live), cy, "D", 9, color=_INK, zorder=6)
                    c.text(x_of(obj.go_live) + 8, cy, f"{format_date(obj.go_live, lang)}  ({obj.period})", 8,
                           weight="bold", zorder=6, backdrop="white")
                if not tasks:
                    for task in own:
                        task_mark(c, task, cy, with_date=False)
            else:
                if n % 2 == 0:
                    c.rect(0, y, body_w, h, face="#000000", alpha=0.03, zorder=0.32)
                for j, line in enumerate(lines):
                    c.text(12, cy + (j - (len(lines) - 1) / 2) * 10.5, line, 8,
                           color=OKABE_ITO["vermillion"] if obj.late else _INK)
                task_mark(c, obj, cy, with_date=True)
            y += h

    present = {k.responsible_key or "" for k in plan.tasks}
    parties = []
    for key, (marker, colour) in _RESPONSIBLE.items():
        if key in present:
            label = t(f"plot_party_{key or 'none'}", lang)
            if key == "other":
                named = sorted({k.responsible for k in plan.tasks if k.responsible_key == "other" and k.responsible})
                label = ", ".join(named[:3]) or label
            parties.append(_LegendEntry("marker", label, dict(marker=marker, size=7, color=colour, edge="#333333",
                                                              mew=0.5)))
    marks = [_LegendEntry("marker", t("plot_go_live", lang), dict(marker="D", size=8, color=_INK)),
             _LegendEntry("patch", t("plot_preparation", lang), dict(face=_tint(OKABE_ITO["blue"], 0.55),
                                                                     edge=OKABE_ITO["blue"], lw=0.6)),
             _LegendEntry("band", t("plot_period", lang), dict(face=_tint(OKABE_ITO["sky"], 0.78))),
             _LegendEntry("line", t("plot_today_legend", lang), dict(color=OKABE_ITO["vermillion"], lw=1.3,
                                                                      ls=(0, (4, 2)), head=False))]
    if any(k.late for k in plan.tasks):
        marks.insert(0, _LegendEntry("marker", t("plot_late_legend", lang),
                                     dict(marker="X", size=9, color=OKABE_ITO["vermillion"], edge="#7A2400", mew=0.6)))
    subtitle = _subtitle([organisation or "", t("plot_profile", lang, profile=profile) if profile else "",
                          _file_name(catalogue.table_path) if catalogue is not None else "", format_date(today, lang)])
    page = _Page(title or t("plot_title_gantt", lang), subtitle, body_w, body_h, draw,
                 [_Legend(t("plot_legend_parties", lang), parties), _Legend(t("plot_legend_marks", lang), marks)],
                 [t("plot_foot_gantt", lang)])
    return page
