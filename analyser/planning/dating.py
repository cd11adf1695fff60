"""When an extension goes live: the one dating rule of ``plan``, ``report``, the notebooks and the Gantt chart.

FORMATS.md §5 "Dates": an item goes live on a business day (weekends and
Finnish public holidays skipped, :mod:`analyser.planning.business_days`),
never before its ``available from`` date, and inside the deployment period
it is placed in.

The rule, for one item and the first day wanted (a report's target date, a
plan's start; never before today):

* an item that needs period registration may use a period that is open to
  its service and still accepts registrations on today; an item that needs
  none may use any period (the period then only places it in time);
* of those, only a period that still has a business day on or after the
  first day wanted and the item's ``available from`` date;
* the item goes live on the first such business day, in the first such
  period (a plan may place it in a later one: then on that period's first
  such day).

:func:`go_live` is the one function that decides the day, and says why it
is what it is (:data:`REASONS`): ``report`` asks it with every period and
the organisation's target date; ``plan`` asks it with the period the
scheduler placed the item in, from its start (or the day after the item's
prerequisites go live), having told the scheduler the periods the item may
use (:func:`allowed_periods`, the same rule period by period). So both give
the same day for the same situation.

Examples
--------
>>> periods = plan_periods(c.periods, today=date(2026, 12, 2))
>>> g = go_live(c.item("SOS-V1-ARK"), periods, wanted=date(2027, 1, 10), today=date(2026, 12, 2))
>>> g.day, g.period.name, g.reason, g.closed.name
(datetime.date(2027, 4, 12), '2027/2', 'registration-closed', '2027/1')
>>> print(g.text("en"))
registration for period 2027/1 closed on 2026-11-30; the next open period is 2027/2
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Sequence

from analyser.planning.business_days import FINLAND
from analyser.records import Item, Period
from analyser.text.labels import format_date, t

__all__ = ["PlanPeriod", "plan_periods", "GoLive", "REASONS", "go_live", "allowed_periods", "first_day",
           "may_use", "latest_of"]

#: Why a go-live day is what it is (said in words as ``golive.<reason>``).
REASONS = ("target", "business-day", "available-from", "past", "registration-closed", "outside-periods",
           "no-target", "no-period")


@dataclass(frozen=True)
class PlanPeriod:
    """A deployment period as the plan uses it; ``synthetic`` rounds have no dates."""

    name: str
    start: dt.date | None = None
    end: dt.date | None = None
    deadline: dt.date | None = None
    accepts_registration: bool = True
    synthetic: bool = False
    service_keys: tuple[str, ...] = ()

    def open_to(self, service_key: str) -> bool:
        """Whether items of a service can go live in this period (no services named: every one)."""
        return not self.service_keys or service_key in self.service_keys

    def as_dict(self) -> dict:
        return {"name": self.name, "start": _iso(self.start), "end": _iso(self.end),
                "registration_deadline": _iso(self.deadline), "accepts_registration": self.accepts_registration,
                "synthetic": self.synthetic}


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def plan_periods(
    periods: Sequence[Period] | None = None,
    *,
    dates: Sequence[dt.date] | None = None,
    start: dt.date | None = None,
    today: dt.date | None = None,
) -> list[PlanPeriod]:
    """The periods a plan may use: from the workbook, or from dates given on the command line.

    Periods that end before ``start`` are left out (one under way on
    ``start`` stays, and so does one without an end: an extension may go
    live in it from ``start`` on); a period accepts registrations when its
    deadline is not before ``today``.

    Examples
    --------
    >>> ps = plan_periods(dates=[dt.date(2027, 2, 1), dt.date(2027, 6, 1)], start=dt.date(2027, 3, 1))
    >>> [(p.name, p.start, p.end) for p in ps]
    [('2027-02-01', datetime.date(2027, 2, 1), datetime.date(2027, 5, 31)), ('2027-06-01', datetime.date(2027, 6, 1), None)]
    """
    result: list[PlanPeriod] = []
    if dates:
        ordered = sorted(set(dates))
        for k, day in enumerate(ordered):
            end = ordered[k + 1] - dt.timedelta(days=1) if k + 1 < len(ordered) else None
            result.append(PlanPeriod(day.isoformat(), day, end))
    else:
        for p in sorted(periods or (), key=lambda p: (p.start, p.name)):
            accepts = p.deadline is None or today is None or p.deadline >= today
            result.append(PlanPeriod(p.name, p.start, p.end, p.deadline, accepts, service_keys=p.service_keys))
    if start is not None:
        result = [p for p in result if p.start is None or p.end is None or p.end >= start]
    return result


def latest_of(*days: dt.date | None) -> dt.date | None:
    """The latest of the days given (None ones left out; None when there are none).

    Examples
    --------
    >>> latest_of(None, date(2027, 1, 4), date(2026, 12, 2))
    datetime.date(2027, 1, 4)
    """
    given = [d for d in days if d is not None]
    return max(given) if given else None


def first_day(period: PlanPeriod, earliest: dt.date | None) -> dt.date | None:
    """The first business day of ``period`` on or after ``earliest``; None when the period has none
    (a round without dates, a period that ends before, years outside the holiday calendar).

    Examples
    --------
    >>> p = PlanPeriod("2027/1", date(2027, 1, 11), date(2027, 3, 19))
    >>> first_day(p, None), first_day(p, date(2027, 3, 6)), first_day(p, date(2027, 3, 20))
    (datetime.date(2027, 1, 11), datetime.date(2027, 3, 8), None)
    """
    if period.start is None:
        return None
    try:
        day = FINLAND.roll_forward(max(period.start, earliest) if earliest else period.start)
    except ValueError:
        return None
    return None if period.end is not None and day > period.end else day


def may_use(period: PlanPeriod, item: Item) -> bool:
    """Whether ``item`` may go live in ``period`` at all, dates aside: one that needs period
    registration only in a period open to its service that still accepts registrations.

    Examples
    --------
    >>> closed = PlanPeriod("2026/3", date(2026, 9, 21), date(2026, 12, 11), accepts_registration=False)
    >>> may_use(closed, c.item("SOS-V1-ARK")), may_use(closed, c.item("RES"))
    (False, True)
    """
    if not item.period:
        return True
    return period.accepts_registration and period.open_to(item.service_key)


def allowed_periods(periods: Sequence[PlanPeriod], item: Item, wanted: dt.date | None,
                    today: dt.date | None = None) -> list[PlanPeriod]:
    """The periods ``item`` may go live in, from ``wanted`` (and ``today``) on: those it may use that still
    have a business day on or after both and its ``available from`` date.

    Examples
    --------
    >>> ps = plan_periods(c.periods, today=date(2026, 11, 25))
    >>> [p.name for p in allowed_periods(ps, c.item("SOS-LV-INF"), date(2027, 4, 1), date(2026, 11, 25))][:2]
    ['2027/2', '2027/3']
    """
    earliest = latest_of(wanted, today, item.available_from)
    return [p for p in periods if may_use(p, item) and first_day(p, earliest) is not None]


@dataclass(frozen=True)
class GoLive:
    """When one item goes live: the day, the period it falls in, and why (:data:`REASONS`).

    ``wanted`` is the day asked for (a target date; None when none was
    given), ``closed`` the period the item would have gone live in had its
    registration not closed (only with the reason ``registration-closed``:
    ``period`` is then the next period still open).
    """

    item: str
    wanted: dt.date | None
    day: dt.date | None
    period: PlanPeriod | None
    reason: str
    closed: PlanPeriod | None = None
    available_from: dt.date | None = None
    today: dt.date | None = None

    @property
    def next_open(self) -> str:
        """The next period still open, when registration for the one asked for has closed ("" otherwise)."""
        return self.period.name if self.reason == "registration-closed" and self.period else ""

    @property
    def moved(self) -> bool:
        """The day is not the one asked for, for more than a weekend or a holiday."""
        return self.reason not in ("target", "business-day", "no-target")

    def params(self, lang: str = "fi") -> dict:
        """The values its sentence names, dates as the language writes them."""
        return {"id": self.item, "target": format_date(self.wanted, lang) if self.wanted else "",
                "go_live": format_date(self.day, lang) if self.day else "",
                "period": self.period.name if self.period else "",
                "closed": self.closed.name if self.closed else "",
                "deadline": format_date(self.closed.deadline, lang) if self.closed and self.closed.deadline else "",
                "available_from": format_date(self.available_from, lang) if self.available_from else "",
                "today": format_date(self.today, lang) if self.today else ""}

    def text(self, lang: str = "fi") -> str:
        """Why the go-live day is what it is, in one phrase.

        Examples
        --------
        >>> g = go_live(c.item("PTA-PUOL"), plan_periods(c.periods), wanted=date(2027, 9, 1))
        >>> g.day, g.reason
        (datetime.date(2027, 9, 20), 'outside-periods')
        >>> print(g.text("en"))
        the target date is in no period open to it; the first business day of the next one, 2027/3
        """
        return t("golive." + self.reason, lang, **self.params(lang))


def go_live(item: Item, periods: Sequence[PlanPeriod], *, wanted: dt.date | None = None,
            today: dt.date | None = None) -> GoLive:
    """The day ``item`` goes live when ``wanted`` is asked for (None: as early as possible), by the rule of
    the module notes, with the reason.

    ``periods`` are in time order (:func:`plan_periods`). Without a period
    that can take it the item gets no day (reason ``no-period``).

    Examples
    --------
    >>> ps = plan_periods(c.periods, today=date(2026, 11, 25))
    >>> g = go_live(c.item("SOS-V1-ARK"), ps, wanted=date(2027, 1, 10), today=date(2026, 11, 25))
    >>> g.day, g.period.name, g.reason
    (datetime.date(2027, 1, 11), '2027/1', 'business-day')
    >>> go_live(c.item("SOS-V1-ARK"), ps, wanted=date(2027, 2, 3), today=date(2026, 11, 25)).reason
    'target'
    """
    available = item.available_from
    earliest = latest_of(wanted, today, available)
    period = day = None
    for p in periods:
        if may_use(p, item):
            day = first_day(p, earliest)
            if day is not None:
                period = p
                break
    closed = None
    if day is None:
        reason = "no-period"
    elif wanted is None:
        reason = "no-target"
    elif day == wanted:
        reason = "target"
    elif available is not None and available > wanted and (today is None or available > today):
        reason = "available-from"
    elif today is not None and today > wanted:
        reason = "past"
    elif day == FINLAND.roll_forward(wanted):
        reason = "business-day"
    else:
        closed = _closed_before(periods, item, earliest, period)
        reason = "registration-closed" if closed is not None else "outside-periods"
    return GoLive(item.id, wanted, day, period, reason, closed, available, today)


def _closed_before(periods: Sequence[PlanPeriod], item: Item, earliest: dt.date | None,
                   used: PlanPeriod) -> PlanPeriod | None:
    """The period before ``used`` that would have taken the item, had its registration not closed."""
    if not item.period:
        return None
    for p in periods:
        if p is used:
            return None
        if p.open_to(item.service_key) and not p.accepts_registration and first_day(p, earliest) is not None:
            return p
    return None
