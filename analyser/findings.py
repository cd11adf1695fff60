"""Problems found in input, as data, and the few exceptions the library raises.

A :class:`Finding` is one located problem: a stable kebab-case ``code``,
declared once in :data:`CODES` with its severity ("error", "warning" or
"info"; only an error makes the input invalid), the
``file``, ``sheet`` and A1 ``cell`` it concerns, and the ``params`` its
message names. The message itself is words of :mod:`analyser.text.labels`
(``finding.<code>``), rendered in Finnish or English when shown. Readers
collect findings and go on; an exception is raised only when work cannot
continue.

Every exception derives from :class:`AnalyserError` and also from the builtin
that fits it, so callers may catch either; its line is words too
(``err.<key>``).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Iterable, Sequence

__all__ = [
    "ERROR",
    "WARNING",
    "INFO",
    "Finding",
    "Code",
    "CODES",
    "a1",
    "parse_a1",
    "sort_findings",
    "AnalyserError",
    "InputError",
    "refuse",
    "OutputError",
    "BadDate",
    "EncodingProblem",
    "UsageError",
    "UnknownReference",
    "CycleError",
    "BudgetExceededError",
]

ERROR = "error"
WARNING = "warning"
INFO = "info"


def a1(row: int, col: int) -> str:
    """Return the A1 name of a cell from 0-based row and column indices.

    Examples
    --------
    >>> a1(0, 0), a1(6, 1), a1(0, 26), a1(9, 701)
    ('A1', 'B7', 'AA1', 'ZZ10')
    """
    if row < 0 or col < 0:
        raise ValueError("row and column must be non-negative")
    letters = ""
    n = col + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(ord("A") + rem) + letters
    return f"{letters}{row + 1}"


_A1 = re.compile(r"^([A-Z]+)([0-9]+)$")


def parse_a1(name: str) -> tuple[int, int]:
    """Return 0-based (row, column) of an A1 cell name; ("", "") sorts first.

    Examples
    --------
    >>> parse_a1("B7")
    (6, 1)
    >>> parse_a1("AA1")
    (0, 26)
    """
    match = _A1.match(name or "")
    if not match:
        raise ValueError(f"not an A1 cell name: {name!r}")
    col = 0
    for ch in match.group(1):
        col = col * 26 + (ord(ch) - ord("A") + 1)
    return int(match.group(2)) - 1, col - 1


@dataclass(frozen=True)
class Code:
    """A finding code as declared in :data:`CODES`: its severity and what it means.

    ``severities`` lists the severities the code may carry, the usual one
    first; a second one is for a context that makes the same problem
    lighter or heavier (a date that cannot be read is an error in a required
    column and a warning in an optional one).
    """

    name: str
    severities: tuple[str, ...]
    about: str

    @property
    def severity(self) -> str:
        return self.severities[0]


#: Every finding code the tool reports, each declared once with its severity.
CODES: dict[str, Code] = {}


def _declare(name: str, severity: str, about: str, *, also: str | None = None) -> None:
    if name in CODES:
        raise ValueError(f"finding code {name!r} declared twice")
    CODES[name] = Code(name, (severity,) if also is None else (severity, also), about)


# files that cannot be read at all (raised as InputError, exit code 2)
_declare("file-not-found", ERROR, "no such file or folder")
_declare("unreadable-file", ERROR, "the file or a file in a folder cannot be opened")
_declare("empty-file", ERROR, "the file has no bytes")
_declare("empty-folder", ERROR, "a CSV folder holds no CSV files")
_declare("not-a-workbook", ERROR, "the content is not a workbook whatever the name says")
_declare("unsupported-file-type", ERROR, "a type the readers do not accept (.xlsb, unknown suffix)")
_declare("corrupt-file", ERROR, "a damaged or truncated file")
_declare("encrypted-file", ERROR, "a password-protected workbook")
_declare("file-too-large", ERROR, "more cells, rows or bytes than the reader's limits")
_declare("zip-bomb", ERROR, "a zip whose members would inflate past the limits")
_declare("unsafe-zip", ERROR, "a zip with members stored in a way the reader does not inflate")
_declare("unsafe-xml", ERROR, "XML with a DTD, entity declaration or external reference")
_declare("csv-encoding", ERROR, "bytes that are no text without guessing; a repaired encoding is a warning",
         also=WARNING)
_declare("missing-sheet", ERROR, "a sheet asked for by name is not there")
_declare("duplicate-sheet", ERROR, "two sheets whose names are the same after normalising; the first is read")
# cells and sheets
_declare("personal-data", ERROR, "a valid Finnish personal identity code outside the test range")
_declare("cell-error", ERROR, "a spreadsheet error value such as #REF!")
_declare("formula-without-value", ERROR, "a formula without a cached value (formulas are never evaluated)")
_declare("long-cell", WARNING, "text longer than a spreadsheet cell holds, cut")
_declare("nul-bytes", WARNING, "NUL bytes in text, removed")
_declare("hidden-sheet", WARNING, "a hidden sheet, read")
_declare("hidden-row", WARNING, "a hidden row, read")
_declare("merged-range-too-large", WARNING, "a merged range far larger than the data, not copied")
# tables
_declare("empty-table", ERROR, "the table holds no rows")
_declare("ignored-block", INFO, "a legend or notes block below the table, which ends it; not read as rows")
_declare("missing-column", ERROR, "a required column is missing; an optional one that others need is a warning",
         also=WARNING)
_declare("duplicate-column", WARNING, "two columns with the same meaning; the first is read")
_declare("unknown-column", WARNING, "a column no field matches")
_declare("missing-id", ERROR, "a row without an id")
_declare("missing-value", ERROR, "a required value is empty")
_declare("duplicate-id", ERROR, "an id given twice")
_declare("duplicate-profile", ERROR, "a profile given twice")
_declare("id-spelling", WARNING, "ids that differ only by case, spaces or Unicode form")
_declare("unknown-value", ERROR, "a value outside its column's list (yes/no, if needed)")
_declare("unknown-mark", WARNING, "a profile mark outside the list of marks (read as not allowed)")
_declare("unknown-group", ERROR, "a document group that cannot be read")
_declare("bad-date", ERROR, "a date that cannot be read; a warning in an optional column", also=WARNING)
_declare("bad-number", WARNING, "a number that cannot be read")
_declare("profile-without-column", WARNING, "a profile of the profile sheet without a column of marks")
# references and the graph
_declare("unknown-reference", ERROR, "a reference to no item's id or name")
_declare("ambiguous-reference", ERROR, "a reference that names more than one item")
_declare("self-dependency", ERROR, "an item that requires itself")
_declare("dependency-cycle", ERROR, "items that require each other")
_declare("group-cycle", WARNING, "document groups that require each other")
_declare("matrix-mismatch", WARNING, "the matrix sheet and the requires column disagree")
_declare("recommendation-conflict", WARNING, "a recommendation against a requirement")
# tasks
_declare("unparsable-timing", WARNING, "a timing phrase that cannot be read exactly; kept as text")
_declare("unknown-applies-to", WARNING, "an 'applies to' value that names nothing known")
_declare("task-cycle", ERROR, "tasks that wait for each other")
# an organisation's situation
_declare("unknown-profile", ERROR, "an organisation names no profile of the table")
_declare("unknown-item", ERROR, "an organisation names no item of the table")
_declare("deployed-not-allowed", WARNING, "an item in use that the profile does not allow (it still counts as deployed)")
_declare("deployed-prerequisite-missing", WARNING, "an item in use whose prerequisite is not in use")
_declare("organisation-warning", WARNING, "a warning about one organisation of a batch")
_declare("go-live-moved", WARNING, "an organisation's next extension cannot go live on its target date: it goes "
         "live in a later period, or in none")


def _frozen(value: object) -> object:
    """A param value as a finding keeps it: hashable, lists as tuples, text masked."""
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        return tuple(_frozen(v) for v in items)
    if isinstance(value, str) and any(ch.isdigit() for ch in value):
        return _masked(value)
    return value


@functools.lru_cache(maxsize=1 << 16)
def _masked(text: str) -> str:
    """``text`` with any personal identity code masked (a batch repeats the same values often)."""
    from analyser.text.privacy import redact

    return redact(text)[0]


def _plain(value: object) -> object:
    return [_plain(v) for v in value] if isinstance(value, tuple) else value


@dataclass(frozen=True)
class Finding:
    """One located problem in the input.

    Parameters
    ----------
    code : str
        Stable kebab-case identifier declared in :data:`CODES`, e.g.
        ``"duplicate-id"``. Tests and other programs match on it and on
        ``params``; the message may change.
    severity : str
        ``"error"`` (the input is not valid), ``"warning"`` or ``"info"`` (what the
        reader did, for the record), as declared. Only an error makes the input invalid.
    file, sheet, cell : str
        Where: the file name, the sheet name ("" for a CSV or for the whole
        file) and the A1 cell ("" when the problem has no single cell).
    params : tuple of (name, value)
        The values the message names (workbook text as written, the
        workbook's own column headers); see :meth:`of`.
    variant : str
        Which of the code's messages, where one code has several.

    The message is rendered from the code's words in either language
    (:meth:`text`); nothing about it is stored but the params.

    Examples
    --------
    >>> f = Finding.of("duplicate-id", "t.xlsx", "Osatoteutukset", "A5", id="X", first="A3")
    >>> f.line("en")
    "t.xlsx: Osatoteutukset!A5: error: the id 'X' is given again (first in A3) [duplicate-id]"
    >>> f.as_dict()["params"]
    {'first': 'A3', 'id': 'X'}
    """

    code: str
    severity: str
    file: str
    sheet: str
    cell: str
    params: tuple = ()
    variant: str = ""

    @classmethod
    def of(cls, code: str, file: str = "", sheet: str = "", cell: str = "", *, severity: str | None = None,
           variant: str = "", **params: object) -> "Finding":
        """A finding with the code's declared severity (or ``severity``, where the code allows two)."""
        declared = CODES.get(code)
        if declared is None:
            raise ValueError(f"undeclared finding code {code!r}")
        return cls(code, severity or declared.severity, file, sheet, cell,
                   tuple(sorted(params.items())), variant)

    def __post_init__(self) -> None:
        declared = CODES.get(self.code)
        if declared is None:
            raise ValueError(f"undeclared finding code {self.code!r}")
        if self.severity not in declared.severities:
            raise ValueError(f"finding code {self.code!r} is declared {'/'.join(declared.severities)}, "
                             f"not {self.severity!r}")
        from analyser.text.labels import LABELS
        from analyser.text.privacy import redact  # a file or sheet name may hold a personal identity code

        if not all(isinstance(p, tuple) and len(p) == 2 for p in self.params):
            raise TypeError("params are (name, value) pairs; make findings with Finding.of(code, ..., **params)")

        if self.key not in LABELS:
            raise ValueError(f"no words for the finding {self.key!r}")
        object.__setattr__(self, "params", tuple((name, _frozen(value)) for name, value in self.params))
        for name in ("file", "sheet"):
            value = getattr(self, name)
            if value and any(ch.isdigit() for ch in value):
                object.__setattr__(self, name, redact(value)[0])

    def relocated(self, cell: str, **params: object) -> "Finding":
        """This finding at another ``cell`` of the same file and sheet, with ``params`` given anew (values as
        :meth:`of` takes them; text is masked as there).

        Made without the checks a new finding runs: its code, severity, file and sheet are this one's,
        checked already (a batch makes one finding per shared situation and relocates it for each
        organisation).

        Examples
        --------
        >>> f = Finding.of("duplicate-id", "t.xlsx", "Osatoteutukset", "A5", id="X", first="A3")
        >>> g = f.relocated("A9", first="A4")
        >>> g.line("en"), g == Finding.of("duplicate-id", "t.xlsx", "Osatoteutukset", "A9", id="X", first="A4")
        ("t.xlsx: Osatoteutukset!A9: error: the id 'X' is given again (first in A4) [duplicate-id]", True)
        """
        if not params.keys() <= {name for name, _ in self.params}:
            raise ValueError(f"{self.code} has no params {sorted(params.keys() - {n for n, _ in self.params})}")
        copy = object.__new__(Finding)
        vars(copy).update(vars(self), cell=cell, params=tuple(
            (name, _frozen(params[name]) if name in params else value) for name, value in self.params))
        return copy

    @property
    def key(self) -> str:
        """The words key of the message: ``finding.<code>`` or ``finding.<code>/<variant>``."""
        if self.variant == "more":  # the cap's note, the same for every code
            return "finding.more"
        return f"finding.{self.code}/{self.variant}" if self.variant else f"finding.{self.code}"

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def text(self, lang: str = "fi") -> str:
        """The message in ``lang``, one line for people."""
        from analyser.text.labels import t

        return t(self.key, lang, **dict(self.params))

    def where(self) -> str:
        """File, sheet and cell joined as people read them ("" for a finding about no file, such as a
        situation given on the command line)."""
        if not (self.file or self.sheet or self.cell):
            return ""
        place = self.file or "?"
        if self.sheet and self.cell:
            place += f": {self.sheet}!{self.cell}"
        elif self.sheet:
            place += f": {self.sheet}"
        elif self.cell:
            place += f": {self.cell}"
        return place

    def line(self, lang: str = "fi") -> str:
        """The one line printed for people (line breaks in quoted workbook text folded to spaces)."""
        from analyser.text.labels import t

        severity = t(f"severity.{self.severity}", lang)
        where = self.where()
        return " ".join(f"{where + ': ' if where else ''}{severity}: {self.text(lang)} [{self.code}]".split())

    def as_dict(self, lang: str = "fi") -> dict[str, object]:
        """The JSON object of the contract (FORMATS.md §4, §5): the message in ``lang``, and its params."""
        return {
            "code": self.code,
            "severity": self.severity,
            "file": self.file,
            "sheet": self.sheet,
            "cell": self.cell,
            "message": self.text(lang),
            "params": {name: _plain(value) for name, value in self.params},
        }

    def sort_key(self) -> tuple:
        try:
            row, col = parse_a1(self.cell)
        except ValueError:
            row, col = -1, -1
        return (self.file, self.sheet, row, col, self.code, self.variant, repr(self.params))


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Sort findings by file, sheet, row, column, then code; drop exact repeats.

    Examples
    --------
    >>> a = Finding.of("duplicate-id", "f", "S", "B2", id="X", first="B1")
    >>> b = Finding.of("hidden-row", "f", "S", "A10", variant="item", id="Y")
    >>> [f.cell for f in sort_findings([b, a, a])]
    ['B2', 'A10']
    """
    return sorted(set(findings), key=Finding.sort_key)


class AnalyserError(Exception):
    """Base class of every exception the library raises on purpose.

    The message is words of the tool: ``key`` names them (``err.<key>``)
    and ``params`` fill them in, so the command line says it in the
    planner's language (:meth:`text`); ``str()`` gives the Finnish.

    Examples
    --------
    >>> err = UsageError("unknown_command", name="tilaa")
    >>> err.text("en")
    "unknown command 'tilaa'"
    """

    key = "error"

    def __init__(self, key: str | None = None, **params: object):
        self.key = key or type(self).key
        self.params = params
        super().__init__(self.key)

    def text(self, lang: str = "fi") -> str:
        """The one line for people, in ``lang``."""
        from analyser.text.labels import t

        return t(f"err.{self.key}", lang, **self.params)

    def __str__(self) -> str:
        return self.text()


class InputError(AnalyserError, ValueError):
    """An input file could not be read at all (exit code 2).

    ``findings`` holds one or more findings saying what is wrong.
    """

    def __init__(self, findings: Sequence[Finding] | Finding):
        if isinstance(findings, Finding):
            findings = [findings]
        self.findings = list(findings)
        super().__init__("input")

    def text(self, lang: str = "fi") -> str:
        return "; ".join(f.line(lang) for f in self.findings)


class OutputError(AnalyserError, OSError):
    """An output could not be written, or would overwrite an input (exit code 2)."""


class BadDate(AnalyserError, ValueError):
    """A value that was meant to be a date but is not one (``value``)."""

    def __init__(self, value: object):
        super().__init__("bad_date", value=str(value))


class EncodingProblem(AnalyserError, ValueError):
    """The bytes are no text this reader can decode without guessing (mojibake)."""


def refuse(path: object, code: str = "corrupt-file", variant: str = "", **params: object) -> InputError:
    """The error for a file that cannot be read at all: one finding naming the file.

    Examples
    --------
    >>> refuse("t.xlsx", "empty-file").findings[0].line("en")
    't.xlsx: error: the file is empty [empty-file]'
    """
    return InputError(Finding.of(code, str(path), variant=variant, **params))


class UsageError(AnalyserError, ValueError):
    """The arguments are wrong: an unknown profile or item, a bad option (exit code 2).

    ``suggestions`` lists what the user may have meant, best first.
    """

    def __init__(self, key: str | None = None, *, suggestions: Sequence[str] = (), **params: object):
        self.suggestions = list(suggestions)
        super().__init__(key, **params)

    def text(self, lang: str = "fi") -> str:
        from analyser.text.labels import t

        line = super().text(lang)
        if self.suggestions:
            line = line.rstrip() + ("" if line.rstrip().endswith((".", "?", "!")) else ".")
            line += " " + t("err.did_you_mean", lang, n=len(self.suggestions), items=self.suggestions)
        return line


class UnknownReference(UsageError, KeyError):
    """A profile or item that the table does not have; also a KeyError (``ref``, ``suggestions``)."""


class CycleError(AnalyserError, ValueError):
    """The requirements contain a cycle; ``cycle`` lists its members in order.

    Examples
    --------
    >>> err = CycleError(["A", "B"])
    >>> err.cycle, err.text("en")
    (['A', 'B'], 'dependency cycle: A -> B -> A')
    """

    def __init__(self, cycle: Sequence, key: str = "cycle"):
        self.cycle = list(cycle)
        super().__init__(key, path=" -> ".join(str(n) for n in [*self.cycle, *self.cycle[:1]]))


class BudgetExceededError(AnalyserError, RuntimeError):
    """An exact answer would need more states than the budget allows.

    ``width`` is the width of the part that made it infeasible, ``budget``
    the limit, and ``bound`` the evidence the refusal rests on: a lower
    bound on the states before any work, or the states actually reached
    when counting stopped (then ``params`` also say how far it got).
    """

    def __init__(self, width: int, bound: int, budget: int, key: str = "budget"):
        self.width = width
        self.bound = bound
        self.budget = budget
        super().__init__(key, width=width, bound=bound, budget=budget)
