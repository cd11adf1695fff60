"""analyser.load.numfmt reads number formats and date serials exactly as openpyxl does (openpyxl is the oracle)."""

from __future__ import annotations

import datetime as dt
import math

from hypothesis import given
from hypothesis import strategies as st
from openpyxl.styles import numbers as oxl_numbers
from openpyxl.utils import datetime as oxl_datetime

from analyser.load import numfmt

# Pieces of real number formats: date and time letters, escapes, quoted text, colours, locales, elapsed time.
PIECES = ["d", "dd", "m", "mm", "mmm", "yy", "yyyy", "h", "hh", "s", "ss", "AM/PM", "0", "0.00", "#,##0", "%",
          "@", "E+00", ";", "-", "/", ":", ".", " ", "\\d", "_m", '"days"', '"y"', "[Red]", "[$-40B]", "[h]",
          "[hh]", "[mm]", "[ss]", "[s]", "[m]", ".0", ".000", "?", "*", "General", "D", "M", "Y", "H", "S", "x"]


def test_builtin_formats_are_openpyxls():
    assert numfmt.BUILTIN_FORMATS == oxl_numbers.BUILTIN_FORMATS
    assert numfmt.WINDOWS_EPOCH == oxl_datetime.WINDOWS_EPOCH
    assert numfmt.CALENDAR_MAC_1904 == oxl_datetime.CALENDAR_MAC_1904


def test_every_builtin_format_is_read_alike():
    for fmt in [None, *numfmt.BUILTIN_FORMATS.values()]:
        assert numfmt.is_date_format(fmt) == oxl_numbers.is_date_format(fmt), fmt
        assert numfmt.is_timedelta_format(fmt) == oxl_numbers.is_timedelta_format(fmt), fmt


@given(st.lists(st.sampled_from(PIECES), max_size=8).map("".join) | st.text(max_size=20))
def test_any_format_is_read_alike(fmt):
    assert numfmt.is_date_format(fmt) == oxl_numbers.is_date_format(fmt)
    assert numfmt.is_timedelta_format(fmt) == oxl_numbers.is_timedelta_format(fmt)


serials = (st.integers(min_value=-500, max_value=2_958_465)
           | st.floats(min_value=-500, max_value=2_958_465, allow_nan=False)
           | st.sampled_from([0, 0.5, 0.999999999, 1, 59, 59.5, 60, 60.25, 61, 1462, 45292.75]))


@given(serials, st.sampled_from([numfmt.WINDOWS_EPOCH, numfmt.CALENDAR_MAC_1904]), st.booleans())
def test_serials_become_the_same_values(value, epoch, timedelta):
    def outcome(convert):
        try:
            return convert(value, epoch, timedelta=timedelta)
        except (OverflowError, ValueError) as exc:  # the reader turns these into #VALUE!
            return type(exc)

    mine, theirs = outcome(numfmt.from_excel), outcome(oxl_datetime.from_excel)
    assert type(mine) is type(theirs) and mine == theirs


def test_a_few_serials_by_hand():
    """Independent of openpyxl: 1 January 2024 is serial 45292; Excel's phantom 29 February 1900 shifts
    serials below 60; noon is half a day."""
    assert numfmt.from_excel(45292) == dt.datetime(2024, 1, 1)
    assert numfmt.from_excel(1) == dt.datetime(1900, 1, 1) and numfmt.from_excel(61) == dt.datetime(1900, 3, 1)
    assert numfmt.from_excel(0.5) == dt.time(12) and numfmt.from_excel(None) is None
    assert numfmt.from_excel(0, numfmt.CALENDAR_MAC_1904) == dt.time(0)
    assert numfmt.from_excel(1, numfmt.CALENDAR_MAC_1904) == dt.datetime(1904, 1, 2)
    assert math.isclose(numfmt.from_excel(1.25, timedelta=True).total_seconds(), 1.25 * 86400)
