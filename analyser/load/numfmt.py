"""Which Excel number formats show dates and durations, and Excel's date serials as Python values.

The same rules as ``openpyxl.styles.numbers`` and ``openpyxl.utils.datetime``
(tests check them against openpyxl), here so that reading a workbook never
imports openpyxl: importing any part of it loads its writer, charts and
numpy, which cost more than reading the shipped workbooks.
"""

from __future__ import annotations

import datetime
import re

__all__ = ["BUILTIN_FORMATS", "is_date_format", "is_timedelta_format", "from_excel",
           "WINDOWS_EPOCH", "CALENDAR_MAC_1904"]

#: The number formats Excel knows by id (ECMA-376 18.8.30), as openpyxl lists them.
BUILTIN_FORMATS = {
    0: 'General', 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00',
    5: '"$"#,##0_);("$"#,##0)', 6: '"$"#,##0_);[Red]("$"#,##0)',
    7: '"$"#,##0.00_);("$"#,##0.00)', 8: '"$"#,##0.00_);[Red]("$"#,##0.00)',
    9: '0%', 10: '0.00%', 11: '0.00E+00', 12: '# ?/?', 13: '# ??/??',
    14: 'mm-dd-yy', 15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 18: 'h:mm AM/PM', 19: 'h:mm:ss AM/PM',
    20: 'h:mm', 21: 'h:mm:ss', 22: 'm/d/yy h:mm',
    37: '#,##0_);(#,##0)', 38: '#,##0_);[Red](#,##0)', 39: '#,##0.00_);(#,##0.00)', 40: '#,##0.00_);[Red](#,##0.00)',
    41: r'_(* #,##0_);_(* \(#,##0\);_(* "-"_);_(@_)',
    42: r'_("$"* #,##0_);_("$"* \(#,##0\);_("$"* "-"_);_(@_)',
    43: r'_(* #,##0.00_);_(* \(#,##0.00\);_(* "-"??_);_(@_)',
    44: r'_("$"* #,##0.00_)_("$"* \(#,##0.00\)_("$"* "-"??_)_(@_)',
    45: 'mm:ss', 46: '[h]:mm:ss', 47: 'mmss.0', 48: '##0.0E+0', 49: '@',
}

WINDOWS_EPOCH = datetime.datetime(1899, 12, 30)
CALENDAR_MAC_1904 = datetime.datetime(1904, 1, 1)

# Text in quotes and anything in square brackets except [h], [mm], [ss] shows no date.
_STRIP = re.compile(r'".*?"|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]')
_DATE_LETTER = re.compile(r"(?<![_\\])[dmhysDMHYS]")
_TIMEDELTA = re.compile(r'\[hh?\](:mm(:ss(\.0*)?)?)?|\[mm?\](:ss(\.0*)?)?|\[ss?\](\.0*)?', re.I)


def is_date_format(fmt: str | None) -> bool:
    """Whether the first section of a number format shows a date or a time.

    Examples
    --------
    >>> is_date_format("d.m.yyyy"), is_date_format('0.00" days"'), is_date_format("[Red]0"), is_date_format(None)
    (True, False, False, False)
    """
    if fmt is None:
        return False
    return _DATE_LETTER.search(_STRIP.sub("", fmt.split(";")[0])) is not None


def is_timedelta_format(fmt: str | None) -> bool:
    """Whether the first section of a number format shows elapsed time (``[h]:mm``).

    Examples
    --------
    >>> is_timedelta_format("[h]:mm:ss"), is_timedelta_format("h:mm")
    (True, False)
    """
    if fmt is None:
        return False
    return _TIMEDELTA.search(fmt.split(";")[0]) is not None


def from_excel(value: float | None, epoch: datetime.datetime = WINDOWS_EPOCH, timedelta: bool = False):
    """The date, time, date and time, or duration an Excel serial number stands for.

    Excel's 1900 calendar counts a 29 February 1900 that never was: serials
    below 60 are one day off, as Excel itself shows them.

    Examples
    --------
    >>> from_excel(45292), from_excel(0.5), from_excel(1.5, timedelta=True)
    (datetime.datetime(2024, 1, 1, 0, 0), datetime.time(12, 0), datetime.timedelta(days=1, seconds=43200))
    """
    if value is None:
        return None
    if timedelta:
        td = datetime.timedelta(days=value)
        if td.microseconds:  # to the millisecond
            td = datetime.timedelta(seconds=td.total_seconds() // 1, microseconds=round(td.microseconds, -3))
        return td
    day, fraction = divmod(value, 1)
    diff = datetime.timedelta(milliseconds=round(fraction * 86400 * 1000))
    if 0 <= value < 1 and diff.days == 0:
        minutes, seconds = divmod(diff.seconds, 60)
        hours, minutes = divmod(minutes, 60)
        return datetime.time(hours, minutes, seconds, diff.microseconds)
    if 0 < value < 60 and epoch == WINDOWS_EPOCH:
        day += 1
    return epoch + datetime.timedelta(days=day) + diff
