"""Finnish business days: weekends and Finnish public holidays are skipped.

A *business day* is a Monday to Friday that is not a Finnish public holiday
as the `holidays <https://pypi.org/project/holidays/>`_ package reports it
(``holidays.country_holidays("FI")``, category ``"public"``), and is not
Midsummer Eve (juhannusaatto) or Christmas Eve (jouluaatto).

Midsummer Eve and Christmas Eve are not statutory public holidays
("pyhäpäivä"), but offices are closed and the Act on the Calculation of
Statutory Time Limits (150/1930, "laki säädettyjen määräaikain
laskemisesta") treats them like holidays when a time limit ends. The
``holidays`` package (checked with 0.109) already lists both in its
``"public"`` category for Finland; this module adds them explicitly as well,
so the decision does not depend on how a future release classifies them.
Other categories (``"unofficial"``: flag days; ``"workday"``: e.g. Mother's
Day) are not closing days and are not used. New Year's Eve is a business day.

The holiday sets are built once per year and cached, together with a sorted
list of the year's business days, so checks are set look-ups and moving by
``n`` business days is one binary search per year crossed. ``holidays`` is
imported on first use, not when this module is imported. The package covers the years 1853-2100 for Finland; a date outside
the range raises :class:`ValueError` instead of silently treating holidays
as business days.

Examples
--------
>>> is_business_day(date(2026, 6, 19))        # Midsummer Eve, a Friday
False
>>> add_business_days(date(2026, 6, 18), 1)   # Thursday -> Monday
datetime.date(2026, 6, 22)
>>> business_days_between(date(2026, 12, 23), date(2026, 12, 31))
4
"""

from __future__ import annotations

import threading
from bisect import bisect_left, bisect_right
from datetime import date, timedelta

__all__ = [
    "BusinessCalendar",
    "FINLAND",
    "is_business_day",
    "holidays_in",
    "add_business_days",
    "business_days_between",
    "roll_forward",
    "roll_backward",
]


def _holidays_module():
    """Import ``holidays`` on first use; it takes tens of milliseconds."""
    import holidays

    return holidays


def _eves(year: int) -> set[date]:
    """Midsummer Eve and Christmas Eve of *year* (de facto holidays)."""
    if year >= 1955:
        # Since 1955 Midsummer Day is the Saturday between 20 and 26 June,
        # so its eve is the Friday between 19 and 25 June.
        june19 = date(year, 6, 19)
        midsummer_eve = june19 + timedelta(days=(4 - june19.weekday()) % 7)
    else:
        midsummer_eve = date(year, 6, 23)
    return {midsummer_eve, date(year, 12, 24)}


class BusinessCalendar:
    """A cached Finnish business-day calendar.

    Parameters
    ----------
    eves_closed : bool, default True
        Treat Midsummer Eve and Christmas Eve as non-business days. With
        ``False`` they are business days when they fall on a weekday, even
        if the ``holidays`` package lists them.

    Notes
    -----
    Per year the calendar keeps a frozen set of closed weekdays and a sorted
    tuple of business-day ordinals; each is built on first use. The object
    is safe to share between threads.

    Examples
    --------
    >>> cal = BusinessCalendar()
    >>> cal.is_business_day(date(2026, 12, 24))
    False
    >>> BusinessCalendar(eves_closed=False).is_business_day(date(2026, 12, 24))
    True
    >>> cal.add_business_days(date(2026, 4, 2), 1)    # over Easter
    datetime.date(2026, 4, 7)
    """

    def __init__(self, *, eves_closed: bool = True) -> None:
        self.eves_closed = eves_closed
        self._range: tuple[int, int] | None = None
        self._holidays: dict[int, frozenset[date]] = {}
        self._days: dict[int, tuple[int, ...]] = {}
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"BusinessCalendar(eves_closed={self.eves_closed})"

    # -- per-year tables ---------------------------------------------------

    @property
    def years(self) -> tuple[int, int]:
        """First and last year the calendar covers (those of ``holidays.Finland``).

        Examples
        --------
        >>> FINLAND.years[0] <= 2026 <= FINLAND.years[1]
        True
        """
        if self._range is None:
            finland = _holidays_module().Finland
            self._range = (int(getattr(finland, "start_year", 1853)), int(getattr(finland, "end_year", 2100)))
        return self._range

    def _check_year(self, year: int) -> None:
        first, last = self.years
        if not first <= year <= last:
            raise ValueError(f"year {year} is outside the Finnish holiday calendar ({first}-{last})")

    def holidays_in(self, year: int) -> frozenset[date]:
        """Return the closing days (holidays and, by default, eves) of *year*.

        Weekend days that are also holidays are included; the set is cached.

        Parameters
        ----------
        year : int
            A year the ``holidays`` package covers (1853-2100).

        Returns
        -------
        frozenset of datetime.date

        Raises
        ------
        ValueError
            If *year* is outside the covered range.

        Examples
        --------
        >>> date(2026, 12, 6) in FINLAND.holidays_in(2026)    # Independence Day
        True
        """
        found = self._holidays.get(year)
        if found is None:
            self._check_year(year)
            with self._lock:
                found = self._holidays.get(year)
                if found is None:
                    days = set(_holidays_module().country_holidays("FI", years=year))
                    eves = _eves(year)
                    if self.eves_closed:
                        days |= eves
                    else:
                        days -= eves
                    found = frozenset(days)
                    self._holidays[year] = found
        return found

    def _year_days(self, year: int) -> tuple[int, ...]:
        """Sorted ordinals of the business days of *year* (cached)."""
        found = self._days.get(year)
        if found is None:
            closed = self.holidays_in(year)
            start = date(year, 1, 1).toordinal()
            end = date(year, 12, 31).toordinal()
            found = tuple(
                o
                for o in range(start, end + 1)
                if o % 7 not in (6, 0)  # ordinal 1 (1.1.0001) is a Monday
                and date.fromordinal(o) not in closed
            )
            self._days[year] = found
        return found

    # -- queries -----------------------------------------------------------

    def is_business_day(self, d: date) -> bool:
        """Return True when *d* is a weekday that is not a closing day.

        Parameters
        ----------
        d : datetime.date
            The day; a ``datetime`` is taken as its date.

        Returns
        -------
        bool

        Examples
        --------
        >>> FINLAND.is_business_day(date(2026, 5, 14))   # Ascension Day
        False
        >>> FINLAND.is_business_day(date(2026, 5, 15))
        True
        """
        d = _as_date(d)
        return d.weekday() < 5 and d not in self.holidays_in(d.year)

    def roll_forward(self, d: date) -> date:
        """Return *d* if it is a business day, else the next business day.

        Examples
        --------
        >>> FINLAND.roll_forward(date(2026, 12, 24))
        datetime.date(2026, 12, 28)
        """
        return self.add_business_days(d, 0)

    def roll_backward(self, d: date) -> date:
        """Return *d* if it is a business day, else the previous business day.

        Examples
        --------
        >>> FINLAND.roll_backward(date(2026, 12, 27))
        datetime.date(2026, 12, 23)
        """
        d = _as_date(d)
        if self.is_business_day(d):
            return d
        return self.add_business_days(d, -1)

    def add_business_days(self, d: date, n: int) -> date:
        """Move *n* business days from *d*.

        Parameters
        ----------
        d : datetime.date
            The start day; it need not be a business day.
        n : int
            ``n > 0``: the n-th business day strictly after *d*.
            ``n < 0``: the |n|-th business day strictly before *d*.
            ``n == 0``: *d* itself when it is a business day, otherwise the
            next business day (roll forward).

        Returns
        -------
        datetime.date
            Always a business day.

        Raises
        ------
        ValueError
            If the walk leaves the years the holiday calendar covers.

        Examples
        --------
        >>> FINLAND.add_business_days(date(2026, 12, 31), 1)   # over New Year
        datetime.date(2027, 1, 4)
        >>> FINLAND.add_business_days(date(2027, 1, 4), -1)
        datetime.date(2026, 12, 31)
        >>> FINLAND.add_business_days(date(2026, 6, 20), 0)    # Saturday
        datetime.date(2026, 6, 22)
        """
        d = _as_date(d)
        n = int(n)
        year = d.year
        days = self._year_days(year)
        o = d.toordinal()
        if n >= 0:
            # index of the business day we want within this year's list
            i = (bisect_right(days, o) + n - 1) if n > 0 else bisect_left(days, o)
            while i >= len(days):
                i -= len(days)
                year += 1
                days = self._year_days(year)
            return date.fromordinal(days[i])
        i = bisect_left(days, o) + n
        while i < 0:
            year -= 1
            days = self._year_days(year)
            i += len(days)
        return date.fromordinal(days[i])

    def _rank(self, d: date, base_year: int) -> int:
        """Number of business days from 1 Jan of *base_year* up to and including *d*."""
        total = sum(len(self._year_days(y)) for y in range(base_year, d.year))
        return total + bisect_right(self._year_days(d.year), d.toordinal())

    def business_days_between(self, a: date, b: date) -> int:
        """Count business days from *a* to *b*, signed.

        For ``a <= b`` the result counts the business days ``x`` with
        ``a < x <= b`` (the start day is not counted, the end day is); for
        ``a > b`` it is ``-business_days_between(b, a)``.

        With this definition ``business_days_between(d, add_business_days(d, n)) == n``
        for every ``n > 0``, and for every ``n`` when *d* is a business day.

        Examples
        --------
        >>> FINLAND.business_days_between(date(2026, 4, 2), date(2026, 4, 7))
        1
        >>> FINLAND.business_days_between(date(2026, 4, 7), date(2026, 4, 2))
        -1
        """
        a, b = _as_date(a), _as_date(b)
        if a > b:
            return -self.business_days_between(b, a)
        return self._rank(b, a.year) - self._rank(a, a.year)


def _as_date(d: date) -> date:
    if not isinstance(d, date):
        raise TypeError(f"expected a date, got {type(d).__name__}")
    # datetime is a subclass of date; use the calendar day only
    return date(d.year, d.month, d.day) if type(d) is not date else d


#: The shared default calendar (eves closed). Module functions use it.
FINLAND = BusinessCalendar()


def is_business_day(d: date) -> bool:
    """Return True when *d* is a Finnish business day (see the module notes).

    Examples
    --------
    >>> is_business_day(date(2026, 1, 6)), is_business_day(date(2026, 1, 7))
    (False, True)
    """
    return FINLAND.is_business_day(d)


def holidays_in(year: int) -> frozenset[date]:
    """Return the closing days of *year* in the default calendar.

    Examples
    --------
    >>> sorted(d for d in holidays_in(2026) if d.month == 4)
    [datetime.date(2026, 4, 3), datetime.date(2026, 4, 5), datetime.date(2026, 4, 6)]
    """
    return FINLAND.holidays_in(year)


def add_business_days(d: date, n: int) -> date:
    """Move *n* business days from *d*; see :meth:`BusinessCalendar.add_business_days`.

    ``n > 0`` gives the n-th business day after *d*, ``n < 0`` the |n|-th
    before it, and ``n == 0`` rolls a non-business day forward.

    Examples
    --------
    >>> add_business_days(date(2026, 4, 30), 1)    # May Day is a Friday
    datetime.date(2026, 5, 4)
    >>> add_business_days(date(2026, 4, 7), -2)    # back over Easter
    datetime.date(2026, 4, 1)
    """
    return FINLAND.add_business_days(d, n)


def business_days_between(a: date, b: date) -> int:
    """Signed count of business days in ``(a, b]``; see :meth:`BusinessCalendar.business_days_between`.

    Examples
    --------
    >>> business_days_between(date(2026, 6, 18), date(2026, 6, 22))
    1
    """
    return FINLAND.business_days_between(a, b)


def roll_forward(d: date) -> date:
    """Return *d*, or the next business day when *d* is not one.

    Examples
    --------
    >>> roll_forward(date(2026, 5, 1))
    datetime.date(2026, 5, 4)
    """
    return FINLAND.roll_forward(d)


def roll_backward(d: date) -> date:
    """Return *d*, or the previous business day when *d* is not one.

    Examples
    --------
    >>> roll_backward(date(2026, 5, 1))
    datetime.date(2026, 4, 30)
    """
    return FINLAND.roll_backward(d)
