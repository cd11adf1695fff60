"""Calendars of the dated tasks (RFC 5545, ``.ics``): what a planner imports into Outlook or the like.

One calendar per organisation (``analyser report`` writes
``kalenterit/<rivi>-<organisaatio>.ics``; ``analyser plan --format ics`` writes
the plan's). Each dated task is one all-day event on its due date: its title
is the task as the workbook writes it with the items it is for, its
description names the items, who does it, the deployment period, the timing
as written, and, for a task already late on the day of the run, that it is
late. The registration deadline of a period that an item needs registration
for is an event of its own. The dates are the plan's and the report's own
(:mod:`analyser.planning.dating`, :mod:`analyser.planning.tasks`): nothing
here dates anything.

Every event has a UID that a re-imported calendar recognises, made from the
organisation and what the event is: an item's task from the item and the
task number (so a task that moves to another period, because registration
for the first one closed, updates rather than duplicates); a task of the
period, and the registration deadline, from the period and the task. The
stamp (DTSTAMP) is the day of the run, not the clock's time, so the same
inputs give the same bytes.

Organisations that share their next extension and target date share their
events: a report renders them once and puts each organisation's UIDs in.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Sequence

from analyser.output import InChild
from analyser.planning.dating import PlanPeriod
from analyser.planning.tasks import DatedTask
from analyser.records import Catalogue
from analyser.report.batch import Batch
from analyser.report.briefing import responsible_text, task_note
from analyser.report.diagrams import AUTO_LIMIT, diagram_file_name
from analyser.text.labels import format_date, t

__all__ = ["PRODID", "CalendarEvent", "calendar_events", "event_uid", "calendar_bytes", "calendar_file_name",
           "plan_calendar", "report_calendars", "FOLDER"]

#: The product that wrote a calendar (RFC 5545 PRODID).
PRODID = "-//analyser//Kanta-palvelujen käytön laajennus//FI"

#: The folder of the report's calendars (the same name in every language, FORMATS.md §4).
FOLDER = "kalenterit"

_DOMAIN = "analyser"
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def _clean(text: str) -> str:
    """Text without the control characters RFC 5545 text may not hold (line ends and tabs stay)."""
    return _CONTROL.sub("", str(text).replace("\r\n", "\n").replace("\r", "\n"))


@dataclass(frozen=True)
class CalendarEvent:
    """One all-day event: ``key`` tells it from the organisation's other events (its UID is made from it)."""

    key: str
    day: dt.date
    summary: str
    description: str


def calendar_events(tasks: Sequence[DatedTask], deadlines: Sequence[tuple[PlanPeriod, Sequence[str]]] = (), *,
                    periods: Mapping[str, PlanPeriod], go_live: Mapping[str, dt.date | None],
                    names: Mapping[str, str], lang: str = "fi", today: dt.date | None = None) -> list[CalendarEvent]:
    """The events of dated tasks and registration deadlines, by day (deadlines first on their day).

    Parameters
    ----------
    tasks : sequence of DatedTask
        As the plan or the report dated them; a task without a date gets no event.
    deadlines : sequence of (PlanPeriod, item ids)
        Each period whose registration deadline is an event, with the items that need registration.
    periods : mapping
        Period name -> period, for the tasks' periods' dates.
    go_live, names : mapping
        Item id -> go-live day, and item id -> name (workbook text).
    lang : str
        "fi" or "en".
    today : date, optional
        The day of the run: a task due before it is said to be late.

    Examples
    --------
    >>> c, plan = example_plan()
    >>> events = calendar_events(plan.tasks, periods={p.name: p for p in plan.periods},
    ...                          go_live={e.item: e.go_live for e in plan.extensions},
    ...                          names={i.id: i.name for i in c.items}, lang="en", today=plan.today)
    >>> events[0].day, events[0].summary
    (datetime.date(2026, 10, 19), 'Laajennuksen suunnittelu järjestelmätoimittajan kanssa (SOS-LV-INF)')
    >>> print(events[0].description)  # doctest: +NORMALIZE_WHITESPACE
    Functionality: SOS-LV-INF – Kanta-informoinnin kirjaaminen, go-live 2027-01-11
    Responsible: sote-toimija
    Deployment period: 2027/1 (2027-01-11 to 2027-03-19)
    Timing: viimeistään 12 viikkoa ennen käyttöönottoa
    LATE: the due date 2026-10-19 is before 2026-11-25
    """
    def items_line(items: Sequence[str]) -> str:
        described = [t("cal.item", lang, id=i, name=names.get(i, i))
                     + (", " + t("cal.go_live", lang, date=format_date(go_live[i], lang)) if go_live.get(i) else "")
                     for i in items]
        return t("cal.items", lang, n=len(items), items="; ".join(described))

    def period_line(name: str | None) -> list[str]:
        period = periods.get(name) if name else None
        if period is None or period.start is None or period.end is None:
            return [t("cal.period", lang, period=name)] if name else []
        return [t("cal.period_dates", lang, period=name, start=format_date(period.start, lang),
                  end=format_date(period.end, lang))]

    def late_line(day: dt.date) -> list[str]:
        return [t("cal.late", lang, due=format_date(day, lang), today=format_date(today, lang))] \
            if today is not None and day < today else []

    dated = []
    for period, items in deadlines:
        if period.deadline is not None:
            lines = [t("cal.deadline_what", lang, period=period.name), items_line(items), *period_line(period.name),
                     *late_line(period.deadline)]
            dated.append((period.deadline, 0, CalendarEvent(f"deadline\x1f{period.name}", period.deadline,
                                                            t("cal.deadline", lang, period=period.name),
                                                            "\n".join(lines))))
    for task in tasks:
        if task.due is None:
            continue
        items = tuple(task.items or (task.item,))
        key = f"period-task\x1f{task.period}\x1f{task.task_id}" if task.shared else f"task\x1f{task.item}\x1f{task.task_id}"
        note = task_note(lang, unparsed=task.unparsed, capped=task.capped, moved=task.moved, timing=task.timing_text)
        lines = [items_line(items), t("cal.responsible", lang, who=responsible_text(task.responsible,
                                                                                    task.responsible_key, lang)),
                 *period_line(task.period), *([t("cal.timing", lang, timing=task.timing_text)] if task.timing_text else []),
                 *([t("cal.note", lang, note=note)] if note else []), *late_line(task.due)]
        dated.append((task.due, 1, CalendarEvent(key, task.due, t("cal.task", lang, title=task.title, items=", ".join(items)),
                                                 "\n".join(lines))))
    return [event for _, _, event in sorted(dated, key=lambda e: (e[0], e[1]))]


def event_uid(organisation: str, key: str) -> str:
    """The UID of an organisation's event: a hash of the two, at the tool's domain (the same in every run).

    Examples
    --------
    >>> event_uid("Esimerkkilän hyvinvointialue", "task\\x1fSOS-LV-INF\\x1f9")
    'dd4ebfdb34c7c1c39f880d2a94bb3489@analyser'
    """
    digest = hashlib.sha256(f"{organisation}\x1e{key}".encode("utf-8")).hexdigest()
    return f"{digest[:32]}@{_DOMAIN}"


def _stamp(today: dt.date) -> dt.datetime:
    return dt.datetime(today.year, today.month, today.day, tzinfo=dt.timezone.utc)


def _calendar(title: str):
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", _clean(title))
    calendar.add("x-wr-calname", _clean(title))
    return calendar


def _event(event: CalendarEvent, uid: str, today: dt.date):
    from icalendar import Event

    component = Event()
    component.add("uid", uid)
    component.add("dtstamp", _stamp(today))
    component.add("dtstart", event.day)
    component.add("dtend", event.day + dt.timedelta(days=1))
    component.add("summary", _clean(event.summary))
    component.add("description", _clean(event.description))
    component.add("transp", "TRANSPARENT")
    return component


def calendar_bytes(events: Sequence[CalendarEvent], *, title: str, organisation: str, today: dt.date) -> bytes:
    """The calendar of ``events`` (UIDs from ``organisation``), written by :mod:`icalendar`.

    Examples
    --------
    >>> event = CalendarEvent("task\\x1fA\\x1f1", dt.date(2027, 1, 11), "Koe (A)", "Vastuu: Kela")
    >>> text = calendar_bytes([event], title="Oy: tehtävät", organisation="Oy", today=dt.date(2026, 11, 25))
    >>> print(text.decode().replace("\\r\\n", "\\n"))  # doctest: +ELLIPSIS
    BEGIN:VCALENDAR
    VERSION:2.0
    PRODID:-//analyser//Kanta-palvelujen käytön laajennus//FI
    CALSCALE:GREGORIAN
    METHOD:PUBLISH
    NAME:Oy: tehtävät
    X-WR-CALNAME:Oy: tehtävät
    BEGIN:VEVENT
    SUMMARY:Koe (A)
    DTSTART;VALUE=DATE:20270111
    DTEND;VALUE=DATE:20270112
    DTSTAMP:20261125T000000Z
    UID:...@analyser
    DESCRIPTION:Vastuu: Kela
    TRANSP:TRANSPARENT
    END:VEVENT
    END:VCALENDAR
    """
    calendar = _calendar(title)
    for event in events:
        calendar.add_component(_event(event, event_uid(organisation, event.key), today))
    return calendar.to_ical()


def plan_calendar(plan, catalogue: Catalogue, lang: str = "fi") -> bytes:
    """The calendar of a plan (:class:`~analyser.planning.plan.Plan`): its dated tasks and the registration
    deadlines of the periods it uses. A plan names no organisation: its UIDs are made from what the events are.

    Examples
    --------
    >>> c, plan = example_plan()
    >>> from icalendar import Calendar
    >>> events = Calendar.from_ical(plan_calendar(plan, c, "en")).events
    >>> len(events), str(events[0]["SUMMARY"])
    (45, 'Laajennuksen suunnittelu järjestelmätoimittajan kanssa (SOS-LV-INF)')
    """
    registering: dict[str, list[str]] = {}
    for extension in plan.extensions:
        if extension.needs_registration:
            registering.setdefault(extension.period, []).append(extension.item)
    periods = {p.name: p for p in plan.periods}
    events = calendar_events(plan.tasks, [(periods[name], items) for name, items in registering.items()],
                             periods=periods, go_live={e.item: e.go_live for e in plan.extensions},
                             names={i.id: i.name for i in catalogue.items}, lang=lang, today=plan.today)
    return calendar_bytes(events, title=t("cal.plan_name", lang, profile=plan.profile), organisation="",
                          today=plan.today or dt.date.today())


def calendar_file_name(row_number: int, name: str) -> str:
    """A safe, unique file name for an organisation's calendar: its diagram's name, as ``.ics``.

    Examples
    --------
    >>> calendar_file_name(3, "../Esimerkkilän hyvinvointialue / Itä")
    'rivi-0003-esimerkkilan-hyvinvointialue-ita.ics'
    """
    return diagram_file_name(row_number, name, ".ics")


_PLACEHOLDER = "UID-PAIKKA-7D1E"


def _organisation_events(result, catalogue: Catalogue, lang: str, today: dt.date) -> list[CalendarEvent]:
    period = result.dating.period if result.dating else None
    item = result.next_item
    deadlines = [(period, (item,))] if period is not None and catalogue.item(item).period else []
    return calendar_events(result.tasks, deadlines, periods={period.name: period} if period else {},
                           go_live={item: result.go_live}, names={i.id: i.name for i in catalogue.items},
                           lang=lang, today=today)


class _SharedEvents:
    """The events of organisations with the same next extension and target date (the same dating), each
    written by :mod:`icalendar` once and cut around its UID: (before, key, after). Made when the first
    file that needs them is written: the calendars are written by a second process of their own
    (:class:`~analyser.output.InChild`), which loads icalendar while this one writes the other files."""

    def __init__(self, catalogue: Catalogue, lang: str, today: dt.date):
        self.job = (catalogue, lang, today)
        self.parts: dict[int, list[tuple[bytes, str, bytes]]] = {}

    def of(self, result) -> list[tuple[bytes, str, bytes]]:
        found = self.parts.get(id(result.dating))
        if found is None:
            catalogue, lang, today = self.job
            cut = f"UID:{_PLACEHOLDER}\r\n".encode("ascii")
            found = self.parts[id(result.dating)] = []
            for event in _organisation_events(result, catalogue, lang, today):
                before, after = _event(event, _PLACEHOLDER, today).to_ical().split(cut)
                found.append((before + b"UID:", event.key, b"\r\n" + after))
        return found


def _title_line(name: str, title: str) -> bytes:
    from icalendar.parser import Contentline, Parameters
    from icalendar.prop import vText

    return Contentline.from_parts(name, Parameters(), vText(_clean(title))).to_ical() + b"\r\n"


@functools.cache
def _head() -> tuple[bytes, bytes, bytes]:
    """The calendar's opening lines as :mod:`icalendar` writes them, cut where its two title lines go."""
    lines = _calendar(_PLACEHOLDER).to_ical().split(b"\r\n")[:-2]  # without END:VCALENDAR
    name_at = lines.index(_title_line("NAME", _PLACEHOLDER)[:-2])
    calname_at = lines.index(_title_line("X-WR-CALNAME", _PLACEHOLDER)[:-2])

    def joined(part: list[bytes]) -> bytes:
        return b"".join(line + b"\r\n" for line in part)

    return joined(lines[:name_at]), joined(lines[name_at + 1:calname_at]), joined(lines[calname_at + 1:])


def _write_calendar(title: str, organisation: str, shared: _SharedEvents, result, handle) -> None:
    before, between, after = _head()
    handle.write(b"".join([before, _title_line("NAME", title), between, _title_line("X-WR-CALNAME", title), after,
                           *(b"%s%s%s" % (start, event_uid(organisation, key).encode("ascii"), end)
                             for start, key, end in shared.of(result)),
                           b"END:VCALENDAR\r\n"]))


def report_calendars(batch: Batch, catalogue: Catalogue, out_dir: Path, *, mode: str = "auto", lang: str = "fi",
                     today: dt.date | None = None) -> tuple[dict, str | None]:
    """The report's calendar files (path -> a writer taking a binary file handle), and a note when they were
    skipped.

    ``mode`` is "auto" (calendars for at most
    :data:`~analyser.report.diagrams.AUTO_LIMIT` analysed organisations, as
    for diagrams), "all" or "none". An organisation gets a calendar when its
    next extension has a dated task. Each file is the bytes
    :func:`calendar_bytes` gives for the organisation; the events of
    organisations with the same next extension and target date are written
    by :mod:`icalendar` once, when the first of their files is written.

    Examples
    --------
    >>> c, batch = example_batch()
    >>> files, note = report_calendars(batch, c, Path("out"), today=dt.date(2026, 11, 25))
    >>> len(files), sorted(str(p) for p in files)[0], note
    (9, 'out/kalenterit/rivi-0002-esimerkkilan-hyvinvointialue.ics', None)
    """
    today = today or dt.date.today()
    analysed = [r for r in batch.results if r.standing is not None]
    if mode == "none":
        return {}, None
    if mode == "auto" and len(analysed) > AUTO_LIMIT:
        return {}, t("cal.skipped", lang, n=len(analysed), limit=AUTO_LIMIT)
    folder = out_dir / FOLDER
    shared = _SharedEvents(catalogue, lang, today)
    files: dict[Path, object] = {}
    for result in analysed:
        if any(task.due for task in result.tasks):
            name = result.row.name
            files[folder / calendar_file_name(result.row.place.row + 1, name)] = InChild(functools.partial(
                _write_calendar, t("cal.name", lang, organisation=name), name, shared, result), together=FOLDER)
    return files, None
