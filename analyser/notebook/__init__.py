"""Helpers for the planners' notebooks: answers as tables, small charts, the plan as a workbook.

The notebooks in ``notebooks/`` only call the library. This module turns its
answers into what a notebook shows:

* :class:`pandas.DataFrame` tables with Finnish (``lang="fi"``) or English
  column names; dates are shown as planners read them (5.3.2027 in Finnish);
* simple bar charts of a batch run (:class:`matplotlib.figure.Figure`, never
  pyplot), and :func:`show`, which displays any figure as a picture whatever
  matplotlib backend the kernel runs with;
* the staged plan written to an .xlsx workbook with real dates
  (:func:`write_plan_xlsx`).

matplotlib and IPython are imported only inside the functions that draw or
display, so importing this module stays light.

Examples
--------
>>> from analyser.load.catalogue import load_catalogue
>>> from analyser.model import build_graph
>>> c = load_catalogue(with_tasks=False)
>>> s = make_situation(c, build_graph(c), "SOS-LV", ["SOS", "1. vaiheen asiakirjojen arkistointi"])
>>> s.deployed
('SOS', 'SOS-V1-ARK')
>>> status_table(s).loc["SOS-LV-INF", "Tila"]
'Voidaan ottaa käyttöön nyt'
"""

from __future__ import annotations

import datetime as dt
import io
import os
from collections import Counter
from pathlib import Path
from typing import Iterable, Sequence

import networkx as nx
import pandas as pd

from analyser import orders
from analyser.report.batch import Batch, profile_summary
from analyser.report.briefing import fmt_date, responsible_text, task_note
from analyser.planning.views import STATUSES, overlay_statuses
from analyser.findings import Finding, UsageError
from analyser.text.labels import t
from analyser.output import write_atomic
from analyser.planning.plan import Plan
from analyser.records import Catalogue
from analyser.planning.situation import Situation, resolve_items, resolve_profile
from analyser.findings import BadDate
from analyser.text.vocabulary import natural_key, parse_date
from analyser.report.xlsx_writer import SheetData, xlsx_bytes

__all__ = [
    "parse_day",
    "make_situation",
    "item_id",
    "profile_title",
    "report_sources",
    "item_names",
    "show",
    "links",
    "findings_table",
    "status_table",
    "order_facts",
    "order_table",
    "plan_facts",
    "plan_table",
    "task_table",
    "plan_sheets",
    "write_plan_xlsx",
    "profile_table",
    "profile_comparison",
    "status_changes",
    "batch_summary_table",
    "organisation_table",
    "batch_task_table",
    "standing_counts",
    "attention_counts",
    "blocker_counts",
    "deadlines_by_month",
    "standing_chart",
    "blocker_chart",
    "deadline_chart",
]

#: Column and row labels of the tables: key -> (Finnish, English).

_MONTHS = {
    "fi": ("tammi", "helmi", "maalis", "huhti", "touko", "kesä", "heinä", "elo", "syys", "loka", "marras", "joulu"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}

_PARTIES = ("provider", "vendor", "kela", "thl", "other", "")


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
    ('2\\xa0040', '2,040', '?')
    """
    if n is None:
        return "?"
    text = f"{n:,}"
    return text.replace(",", "\u00a0") if lang != "en" else text


def _name_of(catalogue: Catalogue, item_id: str) -> str:
    item = catalogue.find_item(item_id)
    return item.name if item is not None else item_id


def _frame(columns: Sequence[str], rows: Sequence[Sequence[object]], lang: str, *, index: str | None = None,
           start: int = 1) -> pd.DataFrame:
    """A table for display: dates as planners read them, rows numbered from ``start`` (or indexed by a column)."""
    shown = [["" if v is None else fmt_date(v, lang) if isinstance(v, dt.date) else v for v in row] for row in rows]
    frame = pd.DataFrame(shown, columns=list(columns), dtype=object)
    if index is not None:
        frame = frame.set_index(index)
    else:
        frame.index = pd.RangeIndex(start, start + len(frame))
    return frame


# ---------------------------------------------------------------------------
# parameters
# ---------------------------------------------------------------------------
def parse_day(value: object, default: dt.date | None = None) -> dt.date | None:
    """A date parameter: ``"2027-01-01"``, ``"1.1.2027"``, a date, or None/"" for ``default``.

    Examples
    --------
    >>> parse_day("1.3.2027"), parse_day(None, dt.date(2027, 1, 1))
    (datetime.date(2027, 3, 1), datetime.date(2027, 1, 1))
    """
    try:
        day = parse_date(value)
    except BadDate:
        raise UsageError(f"{value!r} is not a date; write it as 2027-01-31 or 31.1.2027") from None
    return day if day is not None else default


def make_situation(
    catalogue: Catalogue,
    graph: nx.DiGraph,
    profile: str,
    deployed: str | Iterable[str] | None = (),
    certified: str | Iterable[str] | None = None,
) -> Situation:
    """The organisation's :class:`Situation`, profile and items named by id or name.

    ``deployed`` and ``certified`` are lists (or comma-separated text);
    ``certified=None`` means certification is not known (not a limit).
    Unknown names raise :class:`UsageError` naming them.

    Examples
    --------
    >>> from analyser.load.catalogue import load_catalogue
    >>> from analyser.model import build_graph
    >>> c = load_catalogue(with_tasks=False)
    >>> g = build_graph(c)
    >>> s = make_situation(c, g, "Liittymisvelvoitteen asiakastietojärjestelmä", "SOS, SOS-VANHAT", certified=[])
    >>> s.profile, s.deployed, s.waiting_certification
    ('SOS-LV', ('SOS', 'SOS-VANHAT'), ['SOS-V1-ARK'])
    >>> make_situation(c, g, "SOS-LV", ["SOS", "SOS-X"])
    Traceback (most recent call last):
    ...
    analyser.findings.UsageError: unknown item in KAYTOSSA (deployed): 'SOS-X'
    """
    profile_id = resolve_profile(catalogue, profile)
    deployed_ids = resolve_items(catalogue, deployed or (), "KAYTOSSA (deployed)")
    certified_ids = None
    if certified is not None:
        certified_ids = tuple(resolve_items(catalogue, certified, "SERTIFIOITU (certified)"))
    return Situation(catalogue, graph, profile_id, deployed=tuple(deployed_ids), certified=certified_ids)


def profile_title(situation: Situation | None, lang: str = "fi", profile: str | None = None) -> str:
    """A figure title naming the situation's profile (its name is in the figure's subtitle).

    Examples
    --------
    >>> from analyser.load.catalogue import load_catalogue
    >>> from analyser.model import build_graph
    >>> c = load_catalogue(with_tasks=False)
    >>> profile_title(make_situation(c, build_graph(c), "SOS-V1")), profile_title(None, "en", "POT")
    ('Tilanne profiililla SOS-V1', 'Standing under profile POT')
    """
    return _l("title_profile", lang, profile=profile or situation.profile)


def item_id(catalogue: Catalogue, ref: str | None) -> str | None:
    """The id of the item named by id or name (None stays None); UsageError when there is none.

    Examples
    --------
    >>> from analyser.load.catalogue import load_catalogue
    >>> item_id(load_catalogue(with_tasks=False), "luovutuslupa"), item_id(None, None)
    ('SOS-LV-LUP', None)
    """
    if ref is None or not str(ref).strip():
        return None
    return resolve_items(catalogue, [ref], "TAVOITE (target)")[0]


def item_names(catalogue: Catalogue) -> dict[str, str]:
    """Item id -> name, as :func:`analyser.report.files.write_report` wants it for the task list.

    Examples
    --------
    >>> from analyser.load.catalogue import load_catalogue
    >>> names = item_names(load_catalogue(with_tasks=False))
    >>> len(names), names["SOS-LV-LUP"]
    (20, 'Luovutuslupa')
    """
    return {i.id: i.name for i in catalogue.items}


def report_sources(catalogue: Catalogue, organisations: str | os.PathLike, today: dt.date,
                   lang: str = "fi") -> dict[str, str]:
    """The input lines of the report's summary sheet (as ``analyser report`` writes them).

    Examples
    --------
    >>> from analyser.load.catalogue import load_catalogue
    >>> sources = report_sources(load_catalogue(), "organisaatiot.csv", dt.date(2026, 11, 25))
    >>> list(sources)
    ['Riippuvuustaulukko', 'Tehtävätaulukko', 'Organisaatiot', 'Päivä']
    >>> Path(sources["Riippuvuustaulukko"]).name, sources["Organisaatiot"], sources["Päivä"]
    ('riippuvuustaulukko.xlsx', 'organisaatiot.csv', '2026-11-25')
    """
    fi = lang != "en"
    return {("Riippuvuustaulukko" if fi else "Dependency table"): catalogue.table_path,
            ("Tehtävätaulukko" if fi else "Task workbook"): catalogue.tasks_path,
            ("Organisaatiot" if fi else "Organisations"): str(organisations),
            ("Päivä" if fi else "Date"): today.isoformat()}


# ---------------------------------------------------------------------------
# display
# ---------------------------------------------------------------------------
def _png(fig, dpi: int = 144) -> bytes:
    import matplotlib

    from analyser.plot import RC

    buffer = io.BytesIO()
    with matplotlib.rc_context(RC):
        fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": "analyser"})
    return buffer.getvalue()


def show(obj: object, *, empty: str | None = None, lang: str = "fi") -> None:
    """Display a figure, a table or text in the notebook.

    A matplotlib Figure is shown as a PNG picture at its natural size, so it
    appears whatever backend the kernel uses (also ``MPLBACKEND=Agg``). An
    empty table is replaced by the note ``empty`` (default "(ei rivejä)").
    Anything else goes to :func:`IPython.display.display`, which outside
    IPython only prints what it is given (as in the examples).

    Examples
    --------
    >>> show(pd.DataFrame({"Tunnus": ["SOS"]}))
      Tunnus
    0    SOS
    >>> show(findings_table([]), empty="Ei havaintoja.")
    <IPython.core.display.Markdown object>
    >>> from matplotlib.figure import Figure
    >>> show(Figure(figsize=(1, 1)))
    <IPython.core.display.Image object>
    """
    from IPython.display import Image, Markdown, display

    from matplotlib.figure import Figure

    if isinstance(obj, Figure):
        display(Image(data=_png(obj), format="png", retina=True))
    elif isinstance(obj, pd.DataFrame) and obj.empty:
        display(Markdown(f"*{empty or _l('empty', lang)}*"))
    elif isinstance(obj, str):
        display(Markdown(obj))
    else:
        display(obj)


def links(paths: Iterable[str | os.PathLike], *, base: str | os.PathLike | None = None, lang: str = "fi"):
    """Markdown links to written files, relative to ``base`` (default: the notebook's folder).

    Files outside ``base`` are listed by their full path (a link would not open).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "oma suunnitelma.xlsx").write_bytes(b"x" * 2048)
    >>> print(links([folder / "oma suunnitelma.xlsx"], base=folder).data)
    * [oma suunnitelma.xlsx](oma%20suunnitelma.xlsx) (2,0 kB)
    >>> links([], lang="en").data
    '*(no rows)*'
    """
    from IPython.display import Markdown

    base_path = Path(base or os.getcwd()).resolve()
    lines = []
    for path in paths:
        path = Path(path).resolve()
        size = path.stat().st_size if path.exists() else 0
        size_text = f"{max(size / 1024, 0.1):.1f} kB".replace(".", "," if lang != "en" else ".")
        try:
            rel = path.relative_to(base_path).as_posix()
        except ValueError:
            lines.append(f"* `{path}` ({size_text})")
        else:
            lines.append(f"* [{path.name}]({rel.replace(' ', '%20')}) ({size_text})")
    return Markdown("\n".join(lines) or f"*{_l('empty', lang)}*")


# ---------------------------------------------------------------------------
# one organisation
# ---------------------------------------------------------------------------
def findings_table(findings: Iterable[Finding], lang: str = "fi") -> pd.DataFrame:
    """Problems found in the input, one row each, with the file name, sheet and cell.

    Examples
    --------
    >>> f = Finding("duplicate-id", "error", "/x/t.xlsx", "Osatoteutukset", "A5", "id 'X' again")
    >>> findings_table([f]).iloc[0].tolist()
    ['virhe', 'duplicate-id', 't.xlsx', 'Osatoteutukset', 'A5', "id 'X' again"]
    """
    columns = [_l(k, lang) for k in ("severity", "code", "file", "sheet", "cell", "message")]
    rows = [[_l("error" if f.is_error else "warning", lang), f.code, Path(f.file).name if f.file else "",
             f.sheet, f.cell, f.message] for f in findings]
    return _frame(columns, rows, lang)


def _status_text(status: str, lang: str) -> str:
    return t(f"plot_status_{status}", lang)


def status_table(situation: Situation, lang: str = "fi") -> pd.DataFrame:
    """Every item with its status for the organisation, as the overlay diagram colours it.

    In order: in use, can be taken into use now, waiting for certification,
    waiting for prerequisites (and which ones, nearest first), allowed but
    out of reach, not allowed by the profile (and which profiles would).

    Examples
    --------
    >>> from analyser.load.catalogue import load_catalogue
    >>> from analyser.model import build_graph
    >>> c = load_catalogue(with_tasks=False)
    >>> s = make_situation(c, build_graph(c), "SOS-LV", ["SOS", "SOS-VANHAT", "SOS-V1-ARK"])
    >>> table = status_table(s, "en")
    >>> table.shape, list(table.columns)
    ((20, 4), ['Name', 'Status', 'Waits for', 'Note'])
    >>> table.loc["SOS-LV-HAKU", ["Status", "Waits for"]].tolist()
    ['Waiting for prerequisites', 'SOS-LV-KIE, SOS-LV-LUP, SOS-LV-INF']
    >>> table.loc["PTA", "Note"]
    'allowed by profiles: POT'
    """
    statuses = overlay_statuses(situation)
    excluded = {e.id: e for e in situation.excluded}
    rank = {s: k for k, s in enumerate(STATUSES)}
    rows = []
    for item_id, status in sorted(statuses.items(), key=lambda kv: (rank[kv[1]], natural_key(kv[0]))):
        waits = ""
        note = ""
        if status in ("blocked", "excluded"):
            waits = _ids(situation.missing(item_id), lang)
        if status == "excluded":
            e = excluded[item_id]
            note = (t("plot_note_cycle", lang, items=", ".join(e.blockers)) if e.reason == "cycle"
                    else t("plot_note_excluded", lang, items=", ".join(e.blockers)))
        elif status == "not-allowed":
            others = situation.allowed_by(item_id)
            note = t("allowed_by", lang, profiles=", ".join(others)) if others else t("allowed_by_none", lang)
        elif status != "deployed" and situation.partly(item_id):
            note = t("plot_note_partly", lang)
        rows.append([item_id, situation.items[item_id].name, _status_text(status, lang), waits, note])
    columns = [_l(k, lang) for k in ("id", "name", "status", "waits_for", "note")]
    return _frame(columns, rows, lang, index=columns[0])


def _count(graph: nx.DiGraph, budget: int) -> int | None:
    try:
        return orders.count_orders(graph, budget=budget)
    except orders.BudgetExceededError:
        return None


def order_facts(situation: Situation, target: str | None = None, lang: str = "fi", *,
                budget: int = orders.DEFAULT_BUDGET) -> pd.DataFrame:
    """Key figures of the allowed orders: how many items remain, in how many orders, in how many rounds.

    With ``target`` (id or name) also the items the target needs and the
    number of orders of just those.

    Examples
    --------
    >>> from analyser.load.catalogue import load_catalogue
    >>> from analyser.model import build_graph
    >>> c = load_catalogue(with_tasks=False)
    >>> s = make_situation(c, build_graph(c), "SOS-LV", ["SOS", "SOS-VANHAT", "SOS-V1-ARK"])
    >>> facts = order_facts(s, target="SOS-LV-HAKU", lang="en")["Value"]
    >>> facts["Allowed orders of them all"], facts["Minimum deployment rounds"], facts["Allowed orders to the target"]
    ('10', '3', '2')
    """
    graph = situation.remaining_graph
    rows = [
        [_l("f_remaining", lang), _ids(situation.remaining, lang, _l("f_none", lang))],
        [_l("f_count", lang), _number(_count(graph, budget), lang)],
        [_l("f_rounds", lang), str(orders.min_rounds(graph))],
    ]
    if target:
        target_id = item_id(situation.catalogue, target)
        path = situation.path_to(target_id)
        rows.append([_l("f_target", lang), f"{target_id} – {situation.items[target_id].name}"])
        rows.append([_l("f_path", lang), _ids(path, lang)])
        rows.append([_l("f_path_count", lang), _number(_count(graph.subgraph(path), budget), lang)])
    return _frame([_l("fact", lang), _l("value", lang)], rows, lang, index=_l("fact", lang))


def order_table(situation: Situation, lang: str = "fi", *, budget: int = orders.DEFAULT_BUDGET) -> pd.DataFrame:
    """The recommended order of the items still to deploy, and how free each item is.

    Columns: the item, its wave (the earliest round it can go live), the
    earliest and latest position it takes in any allowed order, the slack
    between them (0: its place is fixed), how many allowed orders start with
    it, and why the recommended order puts it where it is.

    Examples
    --------
    >>> from analyser.load.catalogue import load_catalogue
    >>> from analyser.model import build_graph
    >>> c = load_catalogue(with_tasks=False)
    >>> s = make_situation(c, build_graph(c), "SOS-LV", ["SOS", "SOS-VANHAT", "SOS-V1-ARK"])
    >>> table = order_table(s, "en")
    >>> table["ID"].tolist()
    ['SOS-V1-HAKU', 'SOS-LV-INF', 'SOS-LV-KIE', 'SOS-LV-LUP', 'SOS-LV-HAKU']
    >>> table.loc[1, ["Wave", "Earliest position", "Latest position", "Slack"]].tolist()
    [1, 1, 5, 4]
    """
    graph = situation.remaining_graph
    explained = orders.explain_recommended(graph, soft_edges=situation.soft_edges(),
                                           available_from=situation.available_from(), key=natural_key)
    wave_of = {i: n for n, wave in enumerate(orders.waves(graph, key=natural_key), start=1) for i in wave}
    try:
        free = orders.freedom(graph, key=natural_key, budget=budget)
    except orders.BudgetExceededError:
        free = None
    rows = []
    for item_id, reason in explained:
        first = ""
        if free is not None and item_id in free.first_counts and free.total:
            n = free.first_counts[item_id]
            share = f"{100 * n / free.total:.0f} %"
            first = f"{_number(n, lang)} ({share})"
        rows.append([
            item_id, situation.items[item_id].name, wave_of[item_id],
            free.earliest[item_id] if free else "", free.latest[item_id] if free else "",
            free.slack(item_id) if free else "", first, t(f"reason_{reason}", lang),
        ])
    columns = [_l(k, lang) for k in ("id", "name", "wave", "earliest_pos", "latest_pos", "slack", "first", "reason")]
    frame = _frame(columns, rows, lang)
    frame.index.name = _l("position", lang)
    return frame


# ---------------------------------------------------------------------------
# the plan
# ---------------------------------------------------------------------------
def _note(key: str, lang: str) -> str:
    try:
        return t("note_" + key, lang)
    except KeyError:
        return key


def _plan_fact_rows(plan: Plan, catalogue: Catalogue, lang: str, sheet: bool = False) -> list[list[object]]:
    """The facts of a plan; for a sheet, counts stay numbers (the table shows them with separators)."""
    from analyser.report.briefing import bound_text

    answer = plan.as_dict()
    none = _l("f_none", lang)
    rows: list[list[object]] = [
        [_l("f_profile", lang), plan.profile],
        [_l("f_deployed", lang), _ids(plan.deployed, lang, none)],
    ]
    if plan.target:
        rows.append([_l("f_target", lang), f"{plan.target} – {_name_of(catalogue, plan.target)}"])
    rows += [
        [_l("f_items", lang), _ids(plan.items, lang, none)],
        [_l("f_count", lang) if not plan.target else _l("f_path_count", lang),
         plan.order_count if sheet else _number(plan.order_count, lang)],
        [_l("f_periods", lang), plan.periods_used],
        [_l("f_period_list", lang), ", ".join(
            p.name + ("" if p.accepts_registration else f" ({_l('flag_closed', lang)})")
            for p in plan.periods[: max(plan.periods_used, 0)])],
        [_l("f_bound", lang), f"{plan.lower_bound} ({bound_text(answer, lang)})" if plan.bound_reasons
         else plan.lower_bound],
        [_l("f_optimal", lang), _yes_no(plan.optimal, lang)],
        [_l("f_late", lang), len(plan.late_tasks)],
    ]
    if plan.unplaced:
        rows.append([_l("f_unplaced", lang), _ids(plan.unplaced, lang)])
    if plan.waiting_certification:
        rows.append([_l("f_waiting", lang), _ids(plan.waiting_certification, lang)])
    rows += [
        [_l("f_start", lang), plan.start],
        [_l("f_today", lang), plan.today],
        [_l("f_notes", lang), "; ".join(_note(n, lang) for n in plan.notes)],
        [_l("f_table", lang), Path(catalogue.table_path).name],
        [_l("f_tasks", lang), Path(catalogue.tasks_path).name if catalogue.tasks_path else ""],
    ]
    return rows


def plan_facts(plan: Plan, catalogue: Catalogue, lang: str = "fi") -> pd.DataFrame:
    """What the plan rests on and how good it is: periods used against the lower bound, assumptions.

    Examples
    --------
    >>> from analyser.load.catalogue import load_catalogue
    >>> from analyser.model import build_graph
    >>> from analyser.planning.plan import make_plan, plan_periods
    >>> c = load_catalogue()
    >>> s = make_situation(c, build_graph(c), "SOS-LV", ["SOS", "SOS-VANHAT", "SOS-V1-ARK"])
    >>> day, start = dt.date(2026, 11, 25), dt.date(2027, 1, 1)
    >>> periods = plan_periods(c.periods, start=start, today=day)
    >>> plan = make_plan(s, target="SOS-LV-HAKU", periods=periods, start=start, today=day)
    >>> facts = plan_facts(plan, c, "en")["Value"]
    >>> facts["Deployment periods"], facts["Fewest periods proven"], facts["Late tasks"]
    (3, 'yes', 2)
    """
    return _frame([_l("fact", lang), _l("value", lang)], _plan_fact_rows(plan, catalogue, lang), lang,
                  index=_l("fact", lang))


def _period_dates(period, lang: str) -> str:
    if period is None or period.synthetic or period.start is None:
        return _l("flag_synthetic", lang)
    end = fmt_date(period.end, lang) if period.end else ""
    return f"{fmt_date(period.start, lang)}–{end}"


def _plan_rows(plan: Plan, lang: str) -> tuple[list[str], list[list[object]]]:
    periods = {p.name: p for p in plan.periods}
    rows = []
    for e in plan.extensions:
        period = periods.get(e.period)
        flags = []
        if e.needs_registration:
            flags.append(_l("flag_registration", lang))
            if period is not None and not period.accepts_registration:
                flags.append(_l("flag_closed", lang))
        if e.needs_test:
            flags.append(_l("flag_test", lang))
        if e.waiting_certification:
            flags.append(_l("flag_certification", lang))
        if e.partly:
            flags.append(_l("flag_partly", lang))
        rows.append([e.period, _period_dates(period, lang), period.deadline if period else None, e.item, e.name,
                     e.go_live, ", ".join(flags)])
    columns = [_l(k, lang) for k in ("period", "period_dates", "deadline", "id", "name", "go_live", "flags")]
    return columns, rows


def plan_table(plan: Plan, lang: str = "fi") -> pd.DataFrame:
    """The staged plan: each extension with its deployment period, go-live day and what it needs.

    Examples
    --------
    >>> from analyser.examples import example_plan
    >>> c, plan = example_plan()
    >>> print(plan_table(plan, "en")[["Deployment period", "ID", "Go-live"]].to_string())
      Deployment period           ID     Go-live
    1            2027/1   SOS-LV-INF  2027-01-11
    2            2027/2   SOS-LV-KIE  2027-04-12
    3            2027/2   SOS-LV-LUP  2027-04-12
    4            2027/3  SOS-LV-HAKU  2027-09-20
    """
    columns, rows = _plan_rows(plan, lang)
    return _frame(columns, rows, lang)


def _task_rows(plan: Plan, lang: str) -> tuple[list[str], list[list[object]]]:
    position = {e.item: k for k, e in enumerate(plan.extensions)}
    tasks = sorted(plan.tasks, key=lambda k: (k.due or dt.date.max, position.get(k.item, len(position)),
                                              natural_key(k.task_id)))
    rows = [[k.due, k.item, k.task_id, k.title, responsible_text(k.responsible, k.responsible_key, lang),
             k.timing_text, _l("late_mark", lang) if k.late else "",
             task_note(lang, unparsed=k.unparsed, capped=k.capped, moved=k.moved, timing=k.timing_text)]
            for k in tasks]
    columns = [_l(k, lang) for k in ("due", "item", "task_no", "task", "responsible", "timing", "late", "note")]
    return columns, rows


def task_table(plan: Plan, lang: str = "fi") -> pd.DataFrame:
    """The dated task list of the plan, in order of due date (late ones marked).

    Examples
    --------
    >>> from analyser.examples import example_plan
    >>> c, plan = example_plan()
    >>> tasks = task_table(plan, "en")
    >>> len(tasks), list(tasks.columns)
    (44, ['Due', 'Functionality', 'No', 'Task', 'Responsible', 'Timing in the task workbook', 'Late', 'Note'])
    >>> tasks.loc[1, ["Due", "Functionality", "Late"]].tolist()
    ['2026-10-19', 'SOS-LV-INF', 'LATE']
    """
    columns, rows = _task_rows(plan, lang)
    return _frame(columns, rows, lang)


def plan_sheets(plan: Plan, catalogue: Catalogue, lang: str = "fi") -> list[SheetData]:
    """The plan as workbook sheets (summary, extensions, tasks) with real dates.

    Examples
    --------
    >>> from analyser.examples import example_plan
    >>> c, plan = example_plan()
    >>> [(sheet.name, len(sheet.rows)) for sheet in plan_sheets(plan, c)]
    [('Yhteenveto', 15), ('Suunnitelma', 4), ('Tehtävät', 44)]
    """
    fi = lang != "en"
    facts = _plan_fact_rows(plan, catalogue, lang, sheet=True)
    plan_columns, plan_rows = _plan_rows(plan, lang)
    task_columns, task_rows = _task_rows(plan, lang)
    return [
        SheetData("Yhteenveto" if fi else "Summary", [_l("fact", lang), _l("value", lang)], facts,
                  widths=[38, 90], wrap=(1,)),
        SheetData("Suunnitelma" if fi else "Plan", plan_columns, plan_rows,
                  widths=[18, 24, 16, 14, 44, 14, 60], wrap=(4, 6)),
        SheetData("Tehtävät" if fi else "Tasks", task_columns, task_rows,
                  widths=[12, 14, 6, 52, 24, 44, 11, 40], wrap=(3, 5, 7)),
    ]


def write_plan_xlsx(plan: Plan, catalogue: Catalogue, path: str | os.PathLike, *, lang: str = "fi",
                    inputs: Iterable[str | os.PathLike] = ()) -> Path:
    """Write the plan to an .xlsx workbook (atomically; never over the input workbooks); return its path.

    Examples
    --------
    >>> from analyser.examples import example_plan
    >>> c, plan = example_plan()
    >>> import tempfile
    >>> from analyser.load.files import read_workbook
    >>> path = write_plan_xlsx(plan, c, Path(tempfile.mkdtemp()) / "suunnitelma.xlsx", lang="en")
    >>> path.name, read_workbook(path).sheet_names()
    ('suunnitelma.xlsx', ['Summary', 'Plan', 'Tasks'])
    """
    inputs = [p for p in (catalogue.table_path, catalogue.tasks_path, *inputs) if p]
    title = t("plan_title", lang)
    return write_atomic(path, xlsx_bytes(plan_sheets(plan, catalogue, lang), title=title), inputs=inputs)


# ---------------------------------------------------------------------------
# profiles
# ---------------------------------------------------------------------------
def profile_table(catalogue: Catalogue, graph: nx.DiGraph, lang: str = "fi", *,
                  budget: int = orders.DEFAULT_BUDGET) -> pd.DataFrame:
    """One row per profile for an organisation with nothing in use yet: what it can reach, in how many orders.

    Examples
    --------
    >>> from analyser.load.catalogue import load_catalogue
    >>> from analyser.model import build_graph
    >>> c = load_catalogue(with_tasks=False)
    >>> table = profile_table(c, build_graph(c), "en")
    >>> table["Allowed orders"].to_dict()
    {'ARK': '1', 'SOS-V1': '3', 'SOS-V2': '840', 'SOS-LV': '70', 'POT': '2,040'}
    >>> table.loc["POT", ["Functionalities", "Minimum rounds", "Available first"]].tolist()
    [8, 3, 'PTA, RES']
    """
    rows = []
    for r in profile_summary(catalogue, graph, budget=budget):
        rows.append([r["profile"], r["name"], len(r["items"]), _number(r["count"], lang), r["min_rounds"],
                     " | ".join(", ".join(w) for w in r["waves"]), _ids(r["available"], lang),
                     _ids(r["excluded"], lang)])
    columns = [_l(k, lang) for k in ("profile", "name", "items", "count", "rounds", "waves", "first_items",
                                     "out_of_reach")]
    return _frame(columns, rows, lang, index=columns[0])


def profile_comparison(situation: Situation, lang: str = "fi", *,
                       budget: int = orders.DEFAULT_BUDGET) -> pd.DataFrame:
    """Every profile for this organisation (its items in use and certification kept).

    For each: what could be taken into use now, how many items remain
    reachable and in how many orders, what it gains and loses compared with
    the current profile, and which items in use it would not allow.

    Examples
    --------
    >>> from analyser.load.catalogue import load_catalogue
    >>> from analyser.model import build_graph
    >>> c = load_catalogue(with_tasks=False)
    >>> s = make_situation(c, build_graph(c), "SOS-LV", ["SOS", "SOS-VANHAT", "SOS-V1-ARK"])
    >>> table = profile_comparison(s, "en")
    >>> table["Allowed orders"].to_dict()
    {'ARK': '–', 'SOS-V1': '1', 'SOS-V2': '120', 'SOS-LV': '10', 'POT': '2,040'}
    >>> table.loc["SOS-LV", "Current"], table.loc["POT", "In use but not allowed"]
    ('✓', 'SOS, SOS-V1-ARK, SOS-VANHAT')
    """
    here = set(situation.remaining)
    rows = []
    for profile in situation.catalogue.profiles:
        other = situation if profile.id == situation.profile else Situation(
            situation.catalogue, situation.graph, profile.id, deployed=situation.deployed,
            certified=situation.certified)
        there = set(other.remaining)
        graph = other.remaining_graph
        rows.append([
            profile.id, profile.name, "✓" if profile.id == situation.profile else "",
            _ids(other.available, lang), len(there), _number(_count(graph, budget), lang) if there else "–",
            orders.min_rounds(graph),
            _ids(sorted(there - here, key=natural_key), lang), _ids(sorted(here - there, key=natural_key), lang),
            _ids([i for i in situation.deployed if not situation.items[i].allowed_by(profile.id)], lang),
        ])
    columns = [_l(k, lang) for k in ("profile", "name", "current", "available", "reachable", "count", "rounds",
                                     "gains", "losses", "deployed_not_allowed")]
    return _frame(columns, rows, lang, index=columns[0])


def status_changes(situation: Situation, other_profile: str, lang: str = "fi") -> pd.DataFrame:
    """The items whose status would change if the organisation moved to ``other_profile``.

    Examples
    --------
    >>> from analyser.load.catalogue import load_catalogue
    >>> from analyser.model import build_graph
    >>> c = load_catalogue(with_tasks=False)
    >>> s = make_situation(c, build_graph(c), "SOS-LV", ["SOS", "SOS-VANHAT", "SOS-V1-ARK"])
    >>> changes = status_changes(s, "SOS-V2", "en")
    >>> list(changes.columns)
    ['Name', 'Status now (SOS-LV)', 'Status under SOS-V2']
    >>> changes.loc["SOS-LV-INF"].tolist()
    ['Kanta-informoinnin kirjaaminen', 'Can be taken into use now', 'Not allowed by the profile']
    """
    other_id = resolve_profile(situation.catalogue, other_profile)
    other = Situation(situation.catalogue, situation.graph, other_id, deployed=situation.deployed,
                      certified=situation.certified)
    now, then = overlay_statuses(situation), overlay_statuses(other)
    rows = [[i, situation.items[i].name, _status_text(now[i], lang), _status_text(then[i], lang)]
            for i in sorted(set(now) | set(then), key=natural_key) if now.get(i) != then.get(i)]
    columns = [_l("id", lang), _l("name", lang), _l("status_now", lang, profile=situation.profile),
               _l("status_other", lang, profile=other_id)]
    return _frame(columns, rows, lang, index=columns[0])


# ---------------------------------------------------------------------------
# a batch of organisations
# ---------------------------------------------------------------------------
def batch_summary_table(batch: Batch, lang: str = "fi", sources: dict | None = None) -> pd.DataFrame:
    """The summary sheet of the report as a table.

    Examples
    --------
    >>> from analyser.examples import example_batch
    >>> c, batch = example_batch()
    >>> summary = batch_summary_table(batch, "en")["Value"]
    >>> summary["Organisations"], summary["Can extend now"], summary["Late tasks"], summary["Most common blocker 1"]
    (10, 9, 4, 'PTA-PUOL (2)')
    """
    from analyser.report.files import summary_rows

    return _frame([_l("fact", lang), _l("value", lang)], summary_rows(batch, lang, sources or {}), lang,
                  index=_l("fact", lang))


#: The columns of :func:`organisation_table` shown by default (keys of ``report.ORGANISATION_COLUMNS``).
ORGANISATION_VIEW = ("organisation", "profile", "available", "blocked", "waiting_certification", "next", "target",
                     "period", "first_due", "late", "plan_allowed", "violations", "problems")


def organisation_table(batch: Batch, lang: str = "fi", columns: Sequence[str] | None = ORGANISATION_VIEW
                       ) -> pd.DataFrame:
    """One row per organisation of the report; ``columns`` picks keys of ``ORGANISATION_COLUMNS`` (None: all).

    Examples
    --------
    >>> from analyser.examples import example_batch
    >>> c, batch = example_batch()
    >>> organisation_table(batch).shape
    (10, 13)
    >>> print(organisation_table(batch, "en", ["organisation", "profile", "next"]).head(3).to_string())
                         Organisation Profile Next extension
    1    Esimerkkilän hyvinvointialue  SOS-V2     SOS-V2-ALL
    2  Testikylän sosiaalipalvelut Oy  SOS-LV    SOS-V1-HAKU
    3       Kuvitelmalan hoivakoti Oy     ARK     SOS-VANHAT
    """
    from analyser.report.files import ORGANISATION_COLUMNS, organisation_rows

    keys = [key for key, _, _ in ORGANISATION_COLUMNS]
    chosen = list(columns) if columns is not None else keys
    unknown = [c for c in chosen if c not in keys]
    if unknown:
        raise ValueError(f"unknown columns {unknown}; choose from {keys}")
    picks = [keys.index(c) for c in chosen]
    headers = [ORGANISATION_COLUMNS[k][2 if lang == "en" else 1] for k in picks]
    rows = [[row[k] for k in picks] for row in organisation_rows(batch, lang)]
    return _frame(headers, rows, lang)


#: The columns of :func:`batch_task_table` shown by default (keys of ``report.TASK_COLUMNS``).
TASK_VIEW = ("due", "organisation", "item", "task", "title", "responsible", "late", "note")


def batch_task_table(batch: Batch, catalogue: Catalogue, lang: str = "fi", *, today: dt.date | None = None,
                     days: int | None = None, late_only: bool = False,
                     columns: Sequence[str] | None = TASK_VIEW) -> pd.DataFrame:
    """The tasks of each organisation's next extension, by due date.

    ``days``: only tasks due within that many days from ``today`` (late ones
    included); ``late_only``: only late tasks; ``columns`` picks keys of
    ``report.TASK_COLUMNS`` (None: all, in the report's order).

    Examples
    --------
    >>> from analyser.examples import example_batch
    >>> c, batch = example_batch()
    >>> len(batch_task_table(batch, c, today=dt.date(2026, 11, 25), days=60))
    19
    >>> late = batch_task_table(batch, c, "en", late_only=True, columns=["due", "organisation", "item", "task"])
    >>> print(late.to_string())
              Due                     Organisation Functionality No
    1  2026-08-07  Mallivaaran sosiaalipalvelut Oy    SOS-V1-ARK  1
    2  2026-08-10  Mallivaaran sosiaalipalvelut Oy    SOS-V1-ARK  6
    3  2026-11-13  Mallivaaran sosiaalipalvelut Oy    SOS-V1-ARK  2
    4  2026-11-23        Kuvitelmalan hoivakoti Oy    SOS-VANHAT  1
    """
    from analyser.report.files import TASK_COLUMNS, task_rows

    keys = [k for k, _, _ in TASK_COLUMNS]
    chosen = list(columns) if columns is not None else keys
    unknown = [c for c in chosen if c not in keys]
    if unknown:
        raise ValueError(f"unknown columns {unknown}; choose from {keys}")
    names = {i.id: i.name for i in catalogue.items}
    due_col, late_col = keys.index("due"), keys.index("late")
    rows = task_rows(batch, names, lang)
    if late_only:
        rows = [r for r in rows if r[late_col]]
    if days is not None:
        limit = (today or dt.date.today()) + dt.timedelta(days=days)
        rows = [r for r in rows if r[due_col] is not None and (r[due_col] <= limit or r[late_col])]
    rows.sort(key=lambda r: r[due_col] or dt.date.max)
    picks = [keys.index(c) for c in chosen]
    headers = [TASK_COLUMNS[k][2 if lang == "en" else 1] for k in picks]
    return _frame(headers, [[r[k] for k in picks] for r in rows], lang)


def _standing_key(result) -> str:
    s = result.standing
    if s is None:
        return "st_bad_row"
    if s.available:
        return "st_available"
    if s.waiting_certification:
        return "st_certification"
    if s.blocked:
        return "st_blocked"
    return "st_nothing"


def standing_counts(batch: Batch, lang: str = "fi") -> pd.DataFrame:
    """How many organisations can extend now, wait only for certification, wait for prerequisites,
    have nothing left, or could not be analysed (each organisation counted once).

    Examples
    --------
    >>> from analyser.examples import example_batch
    >>> c, batch = example_batch()
    >>> counts = standing_counts(batch, "en")["Organisations"]
    >>> counts["Can extend now"], counts["Not analysed (bad row)"], counts.sum()
    (9, 1, 10)
    """
    counts = Counter(_standing_key(r) for r in batch.results)
    keys = ("st_available", "st_certification", "st_blocked", "st_nothing", "st_bad_row")
    return _frame([_l("situation", lang), _l("organisations", lang)],
                  [[_l(k, lang), counts.get(k, 0)] for k in keys], lang, index=_l("situation", lang))


def attention_counts(batch: Batch, lang: str = "fi") -> pd.DataFrame:
    """Organisations that need attention (one may be in several rows): late tasks in the next
    extension, a planned order that is not allowed, an item ready but waiting for certification.

    Examples
    --------
    >>> from analyser.examples import example_batch
    >>> c, batch = example_batch()
    >>> attention_counts(batch, "en")["Organisations"].to_dict()
    {'Late tasks': 2, 'Planned order not allowed': 1, 'Something waits for certification': 2}
    """
    analysed = [r for r in batch.results if r.standing is not None]
    rows = [
        [_l("att_late", lang), sum(1 for r in analysed if r.late)],
        [_l("att_plan", lang), sum(1 for r in analysed if r.plan_allowed is False)],
        [_l("att_certification", lang), sum(1 for r in analysed if r.standing.waiting_certification)],
    ]
    return _frame([_l("situation", lang), _l("organisations", lang)], rows, lang, index=_l("situation", lang))


def blocker_counts(batch: Batch, catalogue: Catalogue, lang: str = "fi") -> pd.DataFrame:
    """Items that hold back other items, by the number of organisations where they do.

    An item counts for an organisation when at least one item the
    organisation's profile allows waits for it.

    Examples
    --------
    >>> from analyser.examples import example_batch
    >>> c, batch = example_batch()
    >>> table = blocker_counts(batch, c, "en")
    >>> table["Organisations"].head(3).to_dict()
    {'PTA-PUOL': 2, 'SOS-LV-KIE': 2, 'SOS-LV-LUP': 2}
    >>> table.loc["SOS-LV-INF", "Blocks"]
    'SOS-LV-HAKU, SOS-LV-KIE, SOS-LV-LUP'
    """
    organisations: Counter = Counter()
    blocks: dict[str, set] = {}
    for r in batch.results:
        if r.standing is None:
            continue
        for item_id, missing in r.standing.blocked:
            for m in missing:
                blocks.setdefault(m, set()).add(item_id)
        organisations.update(r.standing.blockers)
    rows = [[i, _name_of(catalogue, i), n, _ids(sorted(blocks.get(i, ()), key=natural_key), lang)]
            for i, n in sorted(organisations.items(), key=lambda kv: (-kv[1], natural_key(kv[0])))]
    columns = [_l(k, lang) for k in ("id", "name", "organisations", "blocks")]
    return _frame(columns, rows, lang, index=columns[0])


def _month_label(month: dt.date, lang: str) -> str:
    return f"{_MONTHS['en' if lang == 'en' else 'fi'][month.month - 1]} {month.year}"


def _party_label(key: str, lang: str) -> str:
    return t(f"plot_party_{key or 'none'}", lang)


def deadlines_by_month(batch: Batch, lang: str = "fi") -> pd.DataFrame:
    """Tasks of each organisation's next extension due per month: late ones, and the rest by responsible party.

    Rows are months (from the earliest to the latest due date, none
    skipped); a task without a date is not counted.

    Examples
    --------
    >>> from analyser.examples import example_batch
    >>> c, batch = example_batch()
    >>> table = deadlines_by_month(batch, "en")
    >>> table.shape, list(table.columns)
    ((17, 4), ['Late', 'care provider', 'system vendor', 'Kela'])
    >>> table.index[0], table.index[-1]
    ('Aug 2026', 'Dec 2027')
    >>> table.loc["Nov 2026"].to_dict()
    {'Late': 2, 'care provider': 3, 'system vendor': 0, 'Kela': 0}
    """
    tasks = [task for r in batch.results for task in r.tasks if task.due is not None]
    late_label = _l("late", lang)
    present = [k for k in _PARTIES if any((task.responsible_key or "") == k and not task.late for task in tasks)]
    columns = [late_label] + [_party_label(k, lang) for k in present]
    if not tasks:
        frame = pd.DataFrame(columns=columns, dtype=int)
        frame.index.name = _l("month", lang)
        return frame
    first = min(task.due for task in tasks).replace(day=1)
    last = max(task.due for task in tasks).replace(day=1)
    months = []
    month = first
    while month <= last:
        months.append(month)
        month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    counts = {m: Counter() for m in months}
    for task in tasks:
        key = late_label if task.late else _party_label(task.responsible_key or "", lang)
        counts[task.due.replace(day=1)][key] += 1
    rows = [[counts[m].get(c, 0) for c in columns] for m in months]
    frame = pd.DataFrame(rows, columns=columns, index=[_month_label(m, lang) for m in months])
    frame.index.name = _l("month", lang)
    return frame


# ---------------------------------------------------------------------------
# charts
# ---------------------------------------------------------------------------
def _figure(width: float, height: float):
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def _rc():
    import matplotlib

    from analyser.plot import RC

    return matplotlib.rc_context(RC)


def _style(ax) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(length=0)


def standing_chart(batch: Batch, lang: str = "fi"):
    """Horizontal bars: how many organisations are in each standing (see :func:`standing_counts`),
    and below, how many need attention (see :func:`attention_counts`).

    Examples
    --------
    >>> from analyser.examples import example_batch
    >>> c, batch = example_batch()
    >>> fig = standing_chart(batch, "en")
    >>> [ax.get_title(loc="left") for ax in fig.axes]
    ['Where the organisations stand (10)', 'Needs attention (an organisation may be in several)']
    """
    from analyser.palette import OKABE_ITO

    counts = standing_counts(batch, lang)
    attention = attention_counts(batch, lang)
    colours = [OKABE_ITO["green"], OKABE_ITO["sky"], OKABE_ITO["orange"], "#999999", OKABE_ITO["vermillion"]]
    total = max(len(batch.results), 1)
    with _rc():
        fig = _figure(7.5, 4.2)
        top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=[len(counts), len(attention)])
        panels = ((top, counts, colours, _l("chart_standing", lang) + f" ({len(batch.results)})"),
                  (bottom, attention, [OKABE_ITO["vermillion"], OKABE_ITO["purple"], OKABE_ITO["sky"]],
                   _l("chart_attention", lang)))
        for ax, table, palette, title in panels:
            labels = list(table.index)[::-1]
            values = [int(v) for v in table.iloc[:, 0]][::-1]
            ax.barh(labels, values, color=palette[: len(values)][::-1], edgecolor="#333333", linewidth=0.5)
            for y, value in enumerate(values):
                ax.text(value + 0.015 * total, y, str(value), va="center", fontsize=9, fontweight="bold")
            ax.set_title(title, loc="left", fontweight="bold", fontsize=10)
            _style(ax)
        bottom.set_xlim(0, total * 1.12)
        bottom.set_xlabel(_l("chart_standing_x", lang))
        bottom.xaxis.get_major_locator().set_params(integer=True)
    return fig


def blocker_chart(batch: Batch, catalogue: Catalogue, lang: str = "fi", *, top: int = 10):
    """Horizontal bars: the items that hold back the most organisations (see :func:`blocker_counts`).

    Examples
    --------
    >>> from analyser.examples import example_batch
    >>> c, batch = example_batch()
    >>> ax = blocker_chart(batch, c, "en", top=3).axes[0]
    >>> ax.get_title(loc="left"), len(ax.patches), ax.get_yticklabels()[-1].get_text()
    ('Most common blockers', 3, 'PTA-PUOL – Puolesta-asiointi')
    """
    from analyser.palette import OKABE_ITO

    counts = blocker_counts(batch, catalogue, lang).head(top)
    with _rc():
        fig = _figure(7.5, 0.9 + 0.32 * max(len(counts), 2))
        ax = fig.add_subplot()
        _style(ax)
        ax.set_title(_l("chart_blockers", lang), loc="left", fontweight="bold")
        if counts.empty:
            ax.text(0.5, 0.5, _l("chart_none", lang), ha="center", va="center", transform=ax.transAxes)
            ax.set_axis_off()
            return fig
        name_col = _l("name", lang)
        labels = [f"{i} – {counts.loc[i, name_col]}" for i in counts.index][::-1]
        values = [int(v) for v in counts[_l("organisations", lang)]][::-1]
        ax.barh(labels, values, color=OKABE_ITO["orange"], edgecolor="#333333", linewidth=0.5)
        for y, value in enumerate(values):
            ax.text(value + 0.05, y, str(value), va="center", fontsize=9, fontweight="bold")
        ax.set_xlim(0, max(values) * 1.15 + 0.2)
        ax.set_xlabel(_l("chart_blockers_x", lang))
        ax.xaxis.get_major_locator().set_params(integer=True)
    return fig


def deadline_chart(batch: Batch, lang: str = "fi", *, today: dt.date | None = None):
    """Stacked bars per month: tasks of each organisation's next extension, late ones in red.

    Examples
    --------
    >>> from analyser.examples import example_batch
    >>> c, batch = example_batch()
    >>> fig = deadline_chart(batch, "en", today=dt.date(2026, 11, 25))
    >>> fig.axes[0].get_title(loc="left"), len(fig.axes[0].get_xticks())
    ('Due dates of the next extension per month', 17)
    >>> [text.get_text() for text in fig.axes[0].get_legend().get_texts()]
    ['Late', 'care provider', 'system vendor', 'Kela']
    """
    from analyser.palette import OKABE_ITO

    table = deadlines_by_month(batch, lang)
    colour = {_l("late", lang): OKABE_ITO["vermillion"], _party_label("provider", lang): OKABE_ITO["blue"],
              _party_label("vendor", lang): OKABE_ITO["orange"], _party_label("kela", lang): OKABE_ITO["green"],
              _party_label("thl", lang): OKABE_ITO["purple"], _party_label("other", lang): "#555555",
              _party_label("", lang): "#999999"}
    with _rc():
        fig = _figure(max(6.0, 0.55 * len(table) + 2.5), 3.6)
        ax = fig.add_subplot()
        _style(ax)
        ax.set_title(_l("chart_deadlines", lang), loc="left", fontweight="bold")
        if table.empty:
            ax.text(0.5, 0.5, _l("chart_none", lang), ha="center", va="center", transform=ax.transAxes)
            ax.set_axis_off()
            return fig
        x = list(range(len(table)))
        bottom = [0] * len(table)
        for column in table.columns:
            values = [int(v) for v in table[column]]
            ax.bar(x, values, bottom=bottom, label=column, color=colour.get(column, "#777777"),
                   edgecolor="white", linewidth=0.6, hatch="xx" if column == _l("late", lang) else None)
            bottom = [b + v for b, v in zip(bottom, values)]
        for xi, total in zip(x, bottom):
            if total:
                ax.text(xi, total + 0.1, str(total), ha="center", va="bottom", fontsize=8)
        ax.set_xticks(x, list(table.index), rotation=45, ha="right")
        ax.set_ylabel(_l("chart_deadlines_y", lang))
        ax.set_ylim(0, max(bottom) * 1.15 + 0.5)
        ax.yaxis.get_major_locator().set_params(integer=True)
        if today is not None:
            label = _month_label(today.replace(day=1), lang)
            if label in list(table.index):
                k = list(table.index).index(label)
                ax.axvline(k - 0.5 + (today.day - 1) / 31, color=OKABE_ITO["vermillion"], lw=1.2, ls=(0, (4, 2)))
                ax.text(k - 0.45 + (today.day - 1) / 31, max(bottom) * 1.1 + 0.3, _l("chart_today", lang),
                        color=OKABE_ITO["vermillion"], fontsize=8, fontweight="bold", va="top")
        ax.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return fig
