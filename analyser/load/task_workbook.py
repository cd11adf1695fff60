"""Read the task workbook ("käyttöönottotehtävät", FORMATS.md §2) and its deployment periods.

The tasks of an extension are on the sheet named "Käytön laajennus" (or a
sv/en synonym), else on the first sheet whose header fits; another sheet is
read when asked for by name. Deployment periods ("Käyttöönottojaksot") are
read from their own sheet when there is one.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from typing import Iterable

import networkx as nx

from analyser.findings import WARNING, BadDate, Finding, InputError
from analyser.load.files import read_workbook
from analyser.load.grid import ErrorValue, NoteCap, Sheet
from analyser.load.table import choose_sheet, find_header, missing_columns_finding, text_of
from analyser.records import Applicability, Item, Period, Place, Task
from analyser.text.vocabulary import (
    PERIOD_FIELDS,
    TASK_FIELDS,
    normalise,
    parse_date,
    parse_group,
    service_key,
    split_list,
)

__all__ = ["TaskWorkbook", "read_task_workbook", "responsible_key", "parse_applies_to"]

_RESPONSIBLE = (
    ("provider", ("sote-toimija", "palvelunantaja", "palveluntuottaja", "organisaatio", "rekisterinpitäjä",
                  "vårdgivare", "tjänsteproducent", "serviceproducent", "organisation", "provider",
                  "service provider", "care provider")),
    ("vendor", ("järjestelmätoimittaja", "toimittaja", "tietojärjestelmätoimittaja", "systemleverantör",
                "leverantör", "vendor", "system vendor", "supplier")),
    ("kela", ("kela", "kanta", "kanta-palvelut", "folkpensionsanstalten", "fpa")),
    ("thl", ("thl", "terveyden ja hyvinvoinnin laitos", "institutet för hälsa och välfärd")),
)

_SERVICE_WORDS = re.compile(r"tietovaranto|lager|repository|resepti|recept|prescription|palvelu|tjänst|service")
_ALL = {"kaikki", "kaikkia", "kaikille", "alla", "samtliga", "all", "every", "kaikki laajennukset"}
_TEST = {"käyttöönottokoe", "käyttöönottokokeet", "ibruktagningstest", "ibruktagningsprov", "deployment test",
         "deployment tests", "vain käyttöönottokoe"}
_PERIOD = {"käyttöönottojakso", "käyttöönottojaksot", "ibruktagningsperiod", "deployment period",
           "deployment periods"}


def responsible_key(text: str) -> str:
    """The kind of party a "Vastuutaho" cell names: provider, vendor, kela, thl or other.

    Examples
    --------
    >>> responsible_key("Sote-toimija"), responsible_key("järjestelmätoimittaja / Kela"), responsible_key("")
    ('provider', 'vendor', '')
    """
    key = normalise(text)
    if not key:
        return ""
    best = (len(key) + 1, "other")
    for kind, words in _RESPONSIBLE:
        for word in words:
            match = re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", key)
            if match and match.start() < best[0]:
                best = (match.start(), kind)
    return best[1]


def parse_applies_to(value: object, items: Iterable[Item] = ()) -> tuple[list[Applicability], list[str]]:
    """Parse a "Koskee" cell into applicabilities; also return the parts that matched nothing.

    Examples
    --------
    >>> parse_applies_to("kaikki")[0]
    [Applicability(kind='all', value='', text='kaikki')]
    >>> [a.kind + ":" + a.value for a in parse_applies_to("käyttöönottokoe; 2. vaihe")[0]]
    ['condition:deployment-test', 'group:phase-2']
    """
    items = list(items)
    services = {i.service_key: i.service for i in items if i.service_key}
    ids = {normalise(i.id): i.id for i in items}
    names = {normalise(i.name): i.id for i in items}
    result: list[Applicability] = []
    unknown: list[str] = []
    parts = split_list(value)
    if not parts:
        return [Applicability("all", "", "")], []
    for part in parts:
        key = normalise(part)
        if key in _ALL:
            result.append(Applicability("all", "", part))
        elif key in _TEST:
            result.append(Applicability("condition", "deployment-test", part))
        elif key in _PERIOD:
            result.append(Applicability("condition", "period", part))
        elif key in ids:
            result.append(Applicability("item", ids[key], part))
        elif service_key(part) in services:
            result.append(Applicability("service", service_key(part), part))
        elif key in names:
            result.append(Applicability("item", names[key], part))
        elif parse_group(part):
            result.append(Applicability("group", parse_group(part), part))
        elif _SERVICE_WORDS.search(service_key(part)):
            result.append(Applicability("service", service_key(part), part))
        else:
            unknown.append(part)
    return result, unknown


@dataclass
class TaskWorkbook:
    """Tasks and deployment periods read from a task workbook."""

    path: str
    tasks: list[Task] = field(default_factory=list)
    periods: list[Period] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    sheet: str = ""
    cap: NoteCap = field(default_factory=NoteCap, repr=False, compare=False)


def read_task_workbook(path: str | os.PathLike, items: Iterable[Item] = (), *,
                       sheet: str | None = None) -> TaskWorkbook:
    """Read the tasks (and deployment periods) of a task workbook.

    ``items`` lets "Koskee" cells name services and items of the dependency
    table; ``sheet`` picks another task sheet by name (e.g. first deployment).

    Raises
    ------
    InputError
        When the file cannot be read, or the named sheet does not exist.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "Tehtävät.csv"
    >>> _ = p.write_text("Nro;Tehtävä;Edeltävät tehtävät\\n1;Suunnittelu;\\n2;Testaus;1, 9\\n", encoding="utf-8")
    >>> tw = read_task_workbook(p)
    >>> [(t.id, t.task, t.after) for t in tw.tasks], [(f.code, f.cell) for f in tw.findings]
    ([('1', 'Suunnittelu', ()), ('2', 'Testaus', ('1',))], [('unknown-reference', 'C3')])
    >>> from analyser.load.shipped import TASKS, shipped_path
    >>> read_task_workbook(shipped_path(TASKS)).sheet
    'Käytön laajennus'
    """
    workbook = read_workbook(path, role="tasks")
    out = TaskWorkbook(workbook.path, findings=list(workbook.findings))
    items = list(items)
    if sheet is not None:
        chosen = next((s for s in workbook.sheets if normalise(s.name) == normalise(sheet)), None)
        if chosen is None:
            raise InputError(Finding.of("missing-sheet", workbook.path, sheet, sheet=sheet,
                                        sheets=workbook.sheet_names()))
    else:
        chosen = choose_sheet(workbook, "tasks", TASK_FIELDS, ["id", "task"], prefer_first=True)
    if chosen is None:
        target = workbook.sheets[0] if workbook.sheets else None
        if target is None or not target.rows:
            out.findings.append(Finding.of("empty-table", workbook.path, variant="no-tasks"))
        else:
            out.findings.append(missing_columns_finding(target, TASK_FIELDS, ["id", "task"]))
    else:
        out.sheet = chosen.name
        if chosen.hidden:
            out.findings.append(Finding.of("hidden-sheet", chosen.file, chosen.name, variant="tasks"))
        _read_tasks(chosen, items, out)
    periods_sheet = choose_sheet(workbook, "periods", PERIOD_FIELDS, ["name", "start"],
                                 exclude=[chosen.name] if chosen else [], signal=["end", "deadline"])
    if periods_sheet is not None:
        if periods_sheet.hidden:
            out.findings.append(Finding.of("hidden-sheet", periods_sheet.file, periods_sheet.name, variant="periods"))
        _read_periods(periods_sheet, out)
    out.findings.extend(out.cap.overflow())
    return out


def _note(out: TaskWorkbook, sheet: Sheet, row: int, col: int, code: str, *, variant: str = "",
          severity: str | None = None, **params: object) -> None:
    finding = out.cap.admit(Finding.of(code, sheet.file, sheet.name, sheet.cell_name(row, col), variant=variant,
                                       severity=severity, **params))
    if finding is not None:
        out.findings.append(finding)


def _value(out: TaskWorkbook, sheet: Sheet, row: int, col: int | None) -> object:
    if col is None:
        return None
    value = sheet.get(row, col)
    if isinstance(value, ErrorValue):
        _note(out, sheet, row, col, "cell-error", error=value.code)
        return None
    return value


_NUMBER = re.compile(r"^\s*(\d{1,6})(?:[.,]0+)?\s*(?:pv|päivää|päivä|d|dagar|dag|days|day|vrk)?\.?\s*$", re.I)


def _read_tasks(sheet: Sheet, items: list[Item], out: TaskWorkbook) -> None:
    from analyser.load.timing import parse_timing

    header = find_header(sheet, TASK_FIELDS, ["id", "task"])
    if header is None:
        out.findings.append(missing_columns_finding(sheet, TASK_FIELDS, ["id", "task"]))
        return
    out.findings.extend(header.findings)
    cols = header.columns
    seen: dict[str, int] = {}
    raw_after: list[tuple[Task, object]] = []
    for row in header.data_rows():
        task_id = text_of(_value(out, sheet, row, cols["id"]))
        title = text_of(_value(out, sheet, row, cols["task"]))
        if not task_id:
            if title:
                _note(out, sheet, row, cols["id"], "missing-id", variant="task", task=title)
            continue
        key = normalise(task_id)
        if key in seen:
            _note(out, sheet, row, cols["id"], "duplicate-id", variant="skipped", id=task_id,
                  first=sheet.cell_name(seen[key], cols["id"]))
            continue
        seen[key] = row
        if row in sheet.hidden_rows:
            _note(out, sheet, row, cols["id"], "hidden-row", variant="task", id=task_id)
        get = lambda f: _value(out, sheet, row, cols.get(f))  # noqa: E731
        timing_text = text_of(get("timing"))
        timing = parse_timing(timing_text) if timing_text else None
        if timing_text and timing is None:
            _note(out, sheet, row, cols["timing"], "unparsable-timing", variant="task", timing=timing_text, task=task_id)
        duration = None
        raw_duration = get("duration")
        if raw_duration is not None:
            match = _NUMBER.match(text_of(raw_duration))
            if match:
                duration = int(match.group(1))
            else:
                _note(out, sheet, row, cols["duration"], "bad-number", variant="duration", value=text_of(raw_duration))
        applies, unknown = parse_applies_to(get("applies_to"), items)
        for part in unknown:
            _note(out, sheet, row, cols["applies_to"], "unknown-applies-to", task=task_id, part=part)
        responsible = text_of(get("responsible"))
        task = Task(
            id=task_id,
            task=title,
            description=text_of(get("description")),
            responsible=responsible,
            responsible_key=responsible_key(responsible),
            timing_text=timing_text,
            timing=timing,
            duration=duration,
            applies_to=tuple(applies),
            source=text_of(get("source")),
            basis=text_of(get("basis")),
            place=Place(sheet.file, sheet.name, row, cols["id"]),
            timing_place=Place(sheet.file, sheet.name, row, cols.get("timing", cols["id"])),
            columns=tuple(sorted(cols.items())),
        )
        raw_after.append((task, get("after")))
    ids = {normalise(t.id): t.id for t, _ in raw_after}
    graph = nx.DiGraph()
    for task, raw in raw_after:
        after = []
        col = cols.get("after", cols["id"])
        seen: set[str] = set()
        for part in split_list(raw):
            if part in seen:  # a repeat adds neither a predecessor nor a finding
                continue
            seen.add(part)
            ref = ids.get(normalise(part))
            if ref is not None and " ".join(part.split()) != ref:
                _note(out, sheet, task.place.row, col, "id-spelling", variant="task", written=part, id=ref)
            if ref is None:
                _note(out, sheet, task.place.row, col, "unknown-reference", variant="task", task=task.id, ref=part)
            elif ref == task.id:
                _note(out, sheet, task.place.row, col, "self-dependency", variant="task", task=task.id)
            elif ref not in after:
                after.append(ref)
                graph.add_edge(ref, task.id)
        out.tasks.append(replace(task, after=tuple(after)))
    for component in nx.strongly_connected_components(graph):
        if len(component) > 1:
            members = sorted(component)
            first = next(t for t in out.tasks if t.id == members[0])
            _note(out, sheet, first.place.row, cols.get("after", cols["id"]), "task-cycle", tasks=members)


def _read_periods(sheet: Sheet, out: TaskWorkbook) -> None:
    header = find_header(sheet, PERIOD_FIELDS, ["name", "start"])
    if header is None:
        out.findings.append(missing_columns_finding(sheet, PERIOD_FIELDS, ["name", "start"]))
        return
    out.findings.extend(header.findings)
    cols = header.columns
    for row in header.data_rows():
        name = text_of(_value(out, sheet, row, cols["name"]))
        if not name:
            continue
        dates = {}
        for f in ("start", "end", "deadline"):
            col = cols.get(f)
            raw = _value(out, sheet, row, col)
            try:
                dates[f] = parse_date(raw)
            except BadDate:
                _note(out, sheet, row, col, "bad-date", value=text_of(raw))
                dates[f] = None
        if dates["start"] is None:
            _note(out, sheet, row, cols["start"], "missing-value", variant="period-start", period=name)
            continue
        if dates["end"] is not None and dates["end"] < dates["start"]:
            _note(out, sheet, row, cols["end"], "bad-date", variant="period-end", period=name)
        if dates["deadline"] is not None and dates["deadline"] > dates["start"]:
            _note(out, sheet, row, cols["deadline"], "bad-date", variant="deadline", severity=WARNING, period=name)
        service = text_of(_value(out, sheet, row, cols.get("service")))
        out.periods.append(Period(
            name=name, start=dates["start"], end=dates["end"], deadline=dates["deadline"],
            service=service, service_keys=tuple(dict.fromkeys(service_key(part) for part in split_list(service))),
            basis=text_of(_value(out, sheet, row, cols.get("basis"))),
            note=text_of(_value(out, sheet, row, cols.get("note"))),
            place=Place(sheet.file, sheet.name, row, cols["name"]),
            columns=tuple(sorted(cols.items())),
        ))
    out.periods.sort(key=lambda p: (p.start, p.name))
