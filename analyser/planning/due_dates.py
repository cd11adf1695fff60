"""Dates of timed tasks: a parsed timing and the dates of its anchors give due dates.

A :class:`~analyser.load.timing.Timing` (read from the task workbook by
:mod:`analyser.load.timing`, whose notes give the meaning of each anchor,
unit and relation) says when a task is due relative to an anchor event.
:func:`window` turns it and the dates of the anchors into the earliest and
latest allowed dates, :func:`due_date` into the one date a plan shows.

The *reference date* ``R`` is the anchor date moved by the offset: calendar
days and weeks exactly, months by calendar months with :func:`add_months`
(the day clamped to the end of a shorter month), business days with
:func:`analyser.planning.business_days.add_business_days` (0 business days
rolls a weekend or holiday forward to the next business day).
:func:`due_date` returns the latest allowed date, or for ``"after"`` (which
has no deadline) the earliest date; ``None`` when a needed anchor date is
missing.

Examples
--------
>>> from analyser.load.timing import parse_timing
>>> t = parse_timing("viimeistään 3 viikkoa ennen käyttöönottoa")
>>> due_date(t, {"go-live": date(2026, 9, 1)})
datetime.date(2026, 8, 11)
"""

from __future__ import annotations

import calendar as _calendar
from datetime import date, timedelta
from typing import Mapping

from analyser.load.timing import Timing
from analyser.planning import business_days as _bd

__all__ = ["add_months", "window", "due_date"]


def add_months(d: date, months: int) -> date:
    """Move *d* by calendar months, clamping the day to the month's end.

    Examples
    --------
    >>> add_months(date(2026, 3, 31), -1)
    datetime.date(2026, 2, 28)
    >>> add_months(date(2027, 11, 30), 3)
    datetime.date(2028, 2, 29)
    """
    index = d.year * 12 + (d.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    if not 1 <= year <= 9999:
        raise OverflowError("date out of range")
    return date(year, month, min(d.day, _calendar.monthrange(year, month)[1]))


def _shift(d: date, offset: int, unit: str, cal: _bd.BusinessCalendar) -> date:
    if unit == "days":
        return d + timedelta(days=offset)
    if unit == "weeks":
        return d + timedelta(weeks=offset)
    if unit == "months":
        return add_months(d, offset)
    return cal.add_business_days(d, offset)


def _anchor_date(anchors: Mapping[str, date], name: str) -> date | None:
    value = anchors.get(name)
    if value is None:
        return None
    if not isinstance(value, date):
        raise TypeError(f"anchor {name!r} must be a date, not {type(value).__name__}")
    return date(value.year, value.month, value.day)


def window(
    timing: Timing,
    anchors: Mapping[str, date],
    *,
    roll: bool = False,
    calendar: _bd.BusinessCalendar | None = None,
) -> tuple[date | None, date | None]:
    """Return ``(earliest, latest)`` dates for a timing; None for an open end.

    Parameters
    ----------
    timing : Timing
    anchors : Mapping[str, datetime.date]
        Dates of the anchors by name (:data:`ANCHORS`); a missing or None
        anchor makes the ends that need it None.
    roll : bool, default False
        Move an earliest date that is not a business day forward, and a
        latest date backward, to a business day. An ``"on"`` day that is
        not a business day moves back to the business day before, both
        ends alike, as a deadline does (the go-live day and the test day
        of a plan are business days already).
    calendar : BusinessCalendar, optional
        Defaults to :data:`analyser.planning.business_days.FINLAND`.

    Returns
    -------
    tuple of (datetime.date or None, datetime.date or None)
        By relation, with ``R`` the anchor moved by the offset: by
        ``(None, R)``; on ``(R, R)``; before ``(None, anchor - 1 day)``;
        after ``(R, None)``; during ``(period-start, period-end)``. Both are
        None when the dates fall outside the calendar's years.

    Examples
    --------
    >>> from analyser.load.timing import parse_timing
    >>> t = parse_timing("käyttöönottojakson aikana")
    >>> window(t, {"period-start": date(2026, 9, 1), "period-end": date(2026, 10, 31)})
    (datetime.date(2026, 9, 1), datetime.date(2026, 10, 31))
    >>> window(t, {"period-start": date(2026, 9, 1), "period-end": date(2026, 10, 31)}, roll=True)
    (datetime.date(2026, 9, 1), datetime.date(2026, 10, 30))
    >>> window(parse_timing("ennen käyttöönottoa"), {"go-live": date(2026, 6, 22)}, roll=True)
    (None, datetime.date(2026, 6, 18))
    >>> window(parse_timing("käyttöönottopäivänä"), {"go-live": date(2026, 6, 20)}, roll=True)  # a Saturday
    (datetime.date(2026, 6, 18), datetime.date(2026, 6, 18))
    """
    cal = calendar or _bd.FINLAND
    rel = timing.relation
    try:
        if rel == "during":
            earliest = _anchor_date(anchors, "period-start")
            latest = _anchor_date(anchors, "period-end")
        else:
            base = _anchor_date(anchors, timing.anchor)
            if base is None:
                return None, None
            ref = _shift(base, timing.offset, timing.unit, cal)
            earliest = ref if rel in ("on", "after") else None
            latest = {"by": ref, "on": ref, "before": ref - timedelta(days=1)}.get(rel)
        if roll and rel == "on":
            earliest = latest = cal.roll_backward(ref)
        elif roll:
            earliest = None if earliest is None else cal.roll_forward(earliest)
            latest = None if latest is None else cal.roll_backward(latest)
    except (OverflowError, ValueError):
        return None, None
    return earliest, latest


def due_date(
    timing: Timing,
    anchors: Mapping[str, date],
    *,
    roll: bool = False,
    calendar: _bd.BusinessCalendar | None = None,
) -> date | None:
    """Return the date a task with this timing is due.

    The latest allowed date of :func:`window`; for ``"after"`` timings,
    which have no deadline, the earliest date. None when an anchor date it
    needs is missing (for ``"during"`` that is ``"period-end"``) or the date
    falls outside the calendar's years.

    Parameters
    ----------
    timing : Timing
    anchors : Mapping[str, datetime.date]
        E.g. ``{"go-live": date(2026, 9, 1), "deployment-test": ...}``.
    roll : bool, default False
        See :func:`window`: deadlines that fall on a weekend or holiday move
        to the business day before, earliest dates to the one after.
    calendar : BusinessCalendar, optional

    Examples
    --------
    >>> from analyser.load.timing import parse_timing
    >>> anchors = {"go-live": date(2026, 6, 4), "deployment-test": date(2026, 5, 13)}
    >>> due_date(parse_timing("viimeistään 3 viikkoa ennen käyttöönottoa"), anchors)
    datetime.date(2026, 5, 14)
    >>> due_date(parse_timing("viimeistään 3 viikkoa ennen käyttöönottoa"), anchors, roll=True)
    datetime.date(2026, 5, 13)
    >>> due_date(parse_timing("2 arkipäivän kuluessa käyttöönottokokeesta"), anchors)
    datetime.date(2026, 5, 18)
    >>> due_date(parse_timing("käyttöönottokokeen jälkeen"), anchors)
    datetime.date(2026, 5, 13)
    >>> print(due_date(parse_timing("ennen käyttöönottojakson alkua"), anchors))
    None
    """
    earliest, latest = window(timing, anchors, roll=roll, calendar=calendar)
    if timing.relation == "after":
        return earliest
    return latest
