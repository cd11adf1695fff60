"""The one way the tool says anything: :func:`t` renders a word or sentence in Finnish or English.

Every word the tool itself writes is a key of :data:`LABELS`, a pair
``(fi, en)`` kept in the ``words_*`` modules beside this one by where it is
said (answers, findings, errors, the command line, diagrams, the report, the
notebooks). Workbook text is never translated: it is passed in as a value.

A sentence whose form depends on a count gives each language a pair
``(one, other)``, chosen by the value ``n``: ``("{n} rikkomus", "{n}
rikkomusta")``. Lists given as values are joined with commas.

Examples
--------
>>> t("order_bad", "fi", n=1), t("order_bad", "en", n=2)
('Järjestys ei ole sallittu (1 rikkomus):', 'The order is not allowed (2 violations):')
"""

from __future__ import annotations

from typing import NamedTuple

from analyser.text import (words_answers, words_calendar, words_cli, words_diff, words_errors, words_findings,
                           words_html, words_notebook, words_orders, words_output, words_planning, words_plot,
                           words_report, words_start)

__all__ = ["LANGS", "t", "LABELS", "format_date", "format_number", "format_decimal", "group_label", "month_name",
           "check_lang", "Words", "os_reason"]

LANGS = ("fi", "en")


def _merge(*modules) -> dict[str, tuple]:
    merged: dict[str, tuple] = {}
    for module in modules:
        prefix = getattr(module, "PREFIX", "")
        for key, pair in module.WORDS.items():
            if prefix + key in merged:
                raise ValueError(f"the words key {prefix + key!r} is given twice")
            merged[prefix + key] = pair
    return merged


#: Every word the tool says: key -> (Finnish, English). A module's keys carry their prefix
#: (``finding.``, ``err.``, ``cli.``), except the notebooks', which get ``nb.``.
LABELS: dict[str, tuple] = _merge(words_answers, words_planning, words_findings, words_errors, words_orders, words_cli,
                                  words_plot, words_output, words_report, words_notebook, words_diff, words_html,
                                  words_calendar, words_start)


def check_lang(lang: str) -> str:
    """``lang`` when the tool speaks it; otherwise a ValueError naming the languages.

    Examples
    --------
    >>> check_lang("en")
    'en'
    """
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
    return lang


class Words(NamedTuple):
    """Words as a value inside other words, rendered in the same language (a reason inside an error line).

    Examples
    --------
    >>> t("err.os_file", "en", file="a.csv", reason=Words("err.os.EACCES"))
    'cannot use a.csv: permission denied'
    """

    key: str
    params: tuple = ()

    def render(self, lang: str) -> str:
        return t(self.key, lang, **dict(self.params))


def os_reason(exc: OSError) -> "Words | str":
    """Why the operating system refused, as words where the tool has them, else the system's own text.

    Examples
    --------
    >>> import errno
    >>> os_reason(OSError(errno.ENOSPC, "No space left on device")).render("fi")
    'levy on täynnä'
    """
    import errno

    key = f"err.os.{errno.errorcode.get(exc.errno or 0, '')}"
    return Words(key) if key in LABELS else (exc.strerror or str(exc))


def _value_text(value: object, lang: str) -> object:
    if isinstance(value, Words):
        return value.render(lang)
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value) if isinstance(value, (set, frozenset)) else value
        return ", ".join(str(v) for v in items)
    return value


def t(key: str, lang: str = "fi", **values: object) -> str:
    """The words ``key`` in ``lang`` ("fi" or "en"), with ``values`` filled in.

    Examples
    --------
    >>> t("wave", "fi", n=2), t("wave", "en", n=2)
    ('Aalto 2', 'Wave 2')
    >>> t("needs_first", "en", items=["A", "B"])
    'first: A, B'
    """
    fi, en = LABELS[key]
    text = en if lang == "en" else fi
    if isinstance(text, tuple):
        text = text[0] if values.get("n") == 1 else text[1]
    if not values:
        return text
    return text.format(**{name: _value_text(value, lang) for name, value in values.items()})


def format_date(d, lang: str = "fi") -> str:
    """A date as planners read it: 5.3.2027 in Finnish, 2027-03-05 in English.

    ``d`` may be a date, ISO text or None (which gives "").

    Examples
    --------
    >>> format_date(dt.date(2027, 3, 5)), format_date(dt.date(2027, 3, 5), "en"), format_date("2027-11-30"), format_date(None)
    ('5.3.2027', '2027-03-05', '30.11.2027', '')
    """
    if d is None:
        return ""
    if isinstance(d, str):
        import datetime as _dt

        d = _dt.date.fromisoformat(d)
    return d.isoformat() if lang == "en" else f"{d.day}.{d.month}.{d.year}"


def format_number(n: int, lang: str = "fi") -> str:
    """A whole number with its thousands separated: a narrow no-break space in Finnish, a comma in English.

    Examples
    --------
    >>> format_number(1234567, "fi"), format_number(1234567, "en"), format_number(12, "fi")
    ('1\u202f234\u202f567', '1,234,567', '12')
    """
    text = f"{n:,}"
    return text if lang == "en" else text.replace(",", "\u202f")


def format_decimal(x: float, lang: str = "fi", digits: int = 1) -> str:
    """A decimal number with a decimal comma in Finnish and a point in English.

    Examples
    --------
    >>> format_decimal(2.25, "fi", 2), format_decimal(0.5, "en")
    ('2,25', '0.5')
    """
    text = f"{x:.{digits}f}"
    return text if lang == "en" else text.replace(".", ",")


def group_label(key: str, lang: str = "fi") -> str:
    """Readable name of a document group key; an unknown key is shown as it is.

    Examples
    --------
    >>> group_label("phase-2"), group_label("old", "en"), group_label("phase-3")
    ('2. vaiheen asiakirjat', 'Old documents', 'phase-3')
    """
    return t(f"group.{key}", lang) if f"group.{key}" in LABELS else key


_MONTHS = {
    "fi": ("tammi", "helmi", "maalis", "huhti", "touko", "kesä", "heinä", "elo", "syys", "loka", "marras", "joulu"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}


def month_name(month: int, lang: str = "fi") -> str:
    """The short name of a month (1–12), as charts label their axes.

    Examples
    --------
    >>> month_name(3), month_name(12, "en")
    ('maalis', 'Dec')
    """
    return _MONTHS["en" if lang == "en" else "fi"][month - 1]
