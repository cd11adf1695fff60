"""Tests of the Finnish business-day calendar (analyser.planning.business_days)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import analyser.planning.business_days as bd
from analyser.planning.business_days import (
    FINLAND,
    BusinessCalendar,
    add_business_days,
    business_days_between,
    holidays_in,
    is_business_day,
    roll_backward,
    roll_forward,
)

# Independent oracle: the Finnish closing days of 2026 and 2027, written out by
# hand (Easter 2026 is 5 April, Easter 2027 is 28 March). Weekend dates are
# listed too, for completeness; the weekend rule covers them anyway.
ORACLE_CLOSED = {
    # 2026
    date(2026, 1, 1),  # uudenvuodenpäivä, Thu
    date(2026, 1, 6),  # loppiainen, Tue
    date(2026, 4, 3),  # pitkäperjantai
    date(2026, 4, 5),  # pääsiäispäivä (Sun)
    date(2026, 4, 6),  # 2. pääsiäispäivä
    date(2026, 5, 1),  # vappu, Fri
    date(2026, 5, 14),  # helatorstai
    date(2026, 5, 24),  # helluntai (Sun)
    date(2026, 6, 19),  # juhannusaatto, Fri
    date(2026, 6, 20),  # juhannuspäivä (Sat)
    date(2026, 10, 31),  # pyhäinpäivä (Sat)
    date(2026, 12, 6),  # itsenäisyyspäivä (Sun)
    date(2026, 12, 24),  # jouluaatto, Thu
    date(2026, 12, 25),  # joulupäivä, Fri
    date(2026, 12, 26),  # tapaninpäivä (Sat)
    # 2027
    date(2027, 1, 1),  # Fri
    date(2027, 1, 6),  # Wed
    date(2027, 3, 26),  # pitkäperjantai
    date(2027, 3, 28),  # pääsiäispäivä (Sun)
    date(2027, 3, 29),  # 2. pääsiäispäivä
    date(2027, 5, 1),  # vappu (Sat)
    date(2027, 5, 6),  # helatorstai
    date(2027, 5, 16),  # helluntai (Sun)
    date(2027, 6, 25),  # juhannusaatto, Fri
    date(2027, 6, 26),  # juhannuspäivä (Sat)
    date(2027, 11, 6),  # pyhäinpäivä (Sat)
    date(2027, 12, 6),  # itsenäisyyspäivä, Mon
    date(2027, 12, 24),  # jouluaatto, Fri
    date(2027, 12, 25),  # (Sat)
    date(2027, 12, 26),  # (Sun)
}
ORACLE_FIRST, ORACLE_LAST = date(2026, 1, 1), date(2027, 12, 31)


def oracle_business(d: date) -> bool:
    assert ORACLE_FIRST <= d <= ORACLE_LAST
    return d.weekday() < 5 and d not in ORACLE_CLOSED


def oracle_add(d: date, n: int) -> date:
    """Step day by day with the hand-written oracle."""
    step = 1 if n >= 0 else -1
    if n == 0:
        while not oracle_business(d):
            d += timedelta(days=1)
        return d
    left = abs(n)
    while left:
        d += timedelta(days=step)
        if oracle_business(d):
            left -= 1
    return d


def naive_between(a: date, b: date) -> int:
    sign = 1
    if a > b:
        a, b, sign = b, a, -1
    count = 0
    d = a
    while d < b:
        d += timedelta(days=1)
        count += is_business_day(d)
    return sign * count


def all_days(first: date, last: date):
    d = first
    while d <= last:
        yield d
        d += timedelta(days=1)


def test_matches_oracle_every_day_2026_2027():
    wrong = [d for d in all_days(ORACLE_FIRST, ORACLE_LAST) if is_business_day(d) != oracle_business(d)]
    assert wrong == []


def test_business_day_count_per_year():
    # 2026 and 2027 have 261 weekdays each; 9 and 8 of them are closing days
    assert business_days_between(date(2025, 12, 31), date(2026, 12, 31)) == 252
    assert business_days_between(date(2026, 12, 31), date(2027, 12, 31)) == 253
    assert sum(map(oracle_business, all_days(ORACLE_FIRST, ORACLE_LAST))) == 252 + 253


@pytest.mark.parametrize(
    "day",
    [date(2026, 6, 19), date(2027, 6, 25), date(2026, 12, 24), date(2027, 12, 24), date(2030, 6, 21)],
)
def test_eves_are_closed(day):
    assert day.weekday() < 5
    assert not is_business_day(day)
    assert day in holidays_in(day.year)


def test_eves_can_be_opened():
    cal = BusinessCalendar(eves_closed=False)
    assert cal.is_business_day(date(2026, 12, 24))
    assert cal.is_business_day(date(2026, 6, 19))
    assert not cal.is_business_day(date(2026, 12, 25))
    assert cal.add_business_days(date(2026, 12, 23), 1) == date(2026, 12, 24)


def test_new_years_eve_and_flag_days_are_business_days():
    assert is_business_day(date(2026, 12, 31))
    assert is_business_day(date(2026, 2, 5))  # Runeberg Day, a flag day only
    assert is_business_day(date(2027, 2, 5))


@pytest.mark.parametrize(
    "start, n, expected",
    [
        # Midsummer
        (date(2026, 6, 18), 1, date(2026, 6, 22)),
        (date(2026, 6, 22), -1, date(2026, 6, 18)),
        (date(2027, 6, 24), 1, date(2027, 6, 28)),
        # Christmas and year end
        (date(2026, 12, 23), 1, date(2026, 12, 28)),
        (date(2026, 12, 23), 2, date(2026, 12, 29)),
        (date(2026, 12, 28), -1, date(2026, 12, 23)),
        (date(2026, 12, 31), 1, date(2027, 1, 4)),
        (date(2027, 1, 4), -1, date(2026, 12, 31)),
        (date(2027, 12, 23), 1, date(2027, 12, 27)),
        (date(2027, 12, 31), 1, date(2028, 1, 3)),
        (date(2028, 1, 3), -1, date(2027, 12, 31)),
        (date(2026, 12, 22), 5, date(2026, 12, 31)),
        (date(2026, 12, 22), 6, date(2027, 1, 4)),
        # Epiphany
        (date(2027, 1, 5), 1, date(2027, 1, 7)),
        (date(2026, 1, 5), 1, date(2026, 1, 7)),
        # Easter: Good Friday and Easter Monday
        (date(2026, 4, 2), 1, date(2026, 4, 7)),
        (date(2026, 4, 7), -1, date(2026, 4, 2)),
        (date(2027, 3, 25), 1, date(2027, 3, 30)),
        (date(2027, 3, 30), -2, date(2027, 3, 24)),
        # Ascension and May Day
        (date(2026, 5, 13), 1, date(2026, 5, 15)),
        (date(2027, 5, 5), 1, date(2027, 5, 7)),
        (date(2026, 4, 30), 1, date(2026, 5, 4)),
        # Independence Day on a Monday
        (date(2027, 12, 3), 1, date(2027, 12, 7)),
        # Weekends, n = 0, start on a non-business day
        (date(2026, 6, 20), 0, date(2026, 6, 22)),
        (date(2026, 6, 19), 0, date(2026, 6, 22)),
        (date(2026, 6, 17), 0, date(2026, 6, 17)),
        (date(2026, 6, 20), 1, date(2026, 6, 22)),
        (date(2026, 6, 20), -1, date(2026, 6, 18)),
        (date(2026, 1, 9), 10, date(2026, 1, 23)),
    ],
)
def test_add_business_days_cases(start, n, expected):
    assert add_business_days(start, n) == expected
    if ORACLE_FIRST <= min(start, expected) and max(start, expected) <= ORACLE_LAST:
        assert oracle_add(start, n) == expected


@pytest.mark.parametrize(
    "a, b, expected",
    [
        (date(2026, 4, 2), date(2026, 4, 7), 1),
        (date(2026, 4, 7), date(2026, 4, 2), -1),
        (date(2026, 6, 17), date(2026, 6, 17), 0),
        (date(2026, 6, 19), date(2026, 6, 21), 0),
        (date(2026, 12, 23), date(2027, 1, 7), 7),
        (date(2027, 1, 7), date(2026, 12, 23), -7),
        (date(2026, 6, 20), date(2026, 6, 22), 1),
    ],
)
def test_business_days_between_cases(a, b, expected):
    assert business_days_between(a, b) == expected


def test_roll():
    assert roll_forward(date(2026, 12, 24)) == date(2026, 12, 28)
    assert roll_backward(date(2026, 12, 27)) == date(2026, 12, 23)
    assert roll_forward(date(2026, 12, 23)) == roll_backward(date(2026, 12, 23)) == date(2026, 12, 23)


def test_datetime_is_taken_as_date_and_bad_input_rejected():
    assert add_business_days(datetime(2026, 12, 31, 15, 30), 1) == date(2027, 1, 4)
    assert type(add_business_days(datetime(2026, 12, 31, 15, 30), 0)) is date
    with pytest.raises(TypeError):
        is_business_day("2026-12-24")


def test_years_outside_the_calendar_raise():
    with pytest.raises(ValueError, match="outside"):
        is_business_day(date(2101, 1, 3))
    with pytest.raises(ValueError):
        add_business_days(date(2100, 12, 30), 5)
    with pytest.raises(ValueError):
        add_business_days(date(1853, 1, 3), -5)


def test_holiday_sets_are_built_once_per_year(monkeypatch):
    import holidays

    calls = []
    real = holidays.country_holidays

    def counting(*args, **kwargs):
        calls.append(kwargs.get("years"))
        return real(*args, **kwargs)

    monkeypatch.setattr(holidays, "country_holidays", counting)
    cal = BusinessCalendar()
    d = date(2026, 1, 1)
    for i in range(2000):
        cal.is_business_day(d + timedelta(days=i % 700))
        cal.add_business_days(d, i % 300)
    assert sorted(calls) == sorted(set(calls)) == [2026, 2027]
    assert cal.holidays_in(2026) is cal.holidays_in(2026)


def test_large_offsets_are_fast_and_exact():
    far = add_business_days(date(2000, 1, 3), 20000)
    assert is_business_day(far)
    assert business_days_between(date(2000, 1, 3), far) == 20000
    assert add_business_days(far, -20000) == date(2000, 1, 3)


dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))
oracle_dates = st.dates(min_value=date(2026, 3, 1), max_value=date(2027, 10, 31))


@settings(max_examples=300, deadline=None)
@given(dates, st.integers(-800, 800))
def test_add_lands_on_business_day_and_round_trips(d, n):
    r = add_business_days(d, n)
    assert is_business_day(r)
    if n > 0:
        assert r > d
    elif n < 0:
        assert r < d
    else:
        assert r >= d and all(not is_business_day(x) for x in all_days(d, r - timedelta(days=1)))
    if n > 0 or is_business_day(d):
        assert business_days_between(d, r) == n
    if is_business_day(d):
        assert add_business_days(r, -n) == d


@settings(max_examples=200, deadline=None)
@given(dates, st.integers(-40, 40))
def test_add_matches_day_by_day_walk(d, n):
    step = 1 if n >= 0 else -1
    x, left = d, abs(n)
    if n == 0:
        while not is_business_day(x):
            x += timedelta(days=1)
    while left:
        x += timedelta(days=step)
        left -= is_business_day(x)
    assert add_business_days(d, n) == x


@settings(max_examples=200, deadline=None)
@given(oracle_dates, st.integers(-25, 25))
def test_add_matches_hand_written_oracle(d, n):
    assert add_business_days(d, n) == oracle_add(d, n)


@settings(max_examples=200, deadline=None)
@given(dates, st.integers(-400, 400))
def test_between_matches_naive_count_and_inverts_add(a, delta):
    b = a + timedelta(days=delta)
    k = business_days_between(a, b)
    assert k == naive_between(a, b) == -business_days_between(b, a)
    if is_business_day(b) and (b >= a or is_business_day(a)):
        assert add_business_days(a, k) == b


def test_default_calendar_is_shared():
    assert bd.FINLAND is FINLAND
    assert FINLAND.eves_closed
