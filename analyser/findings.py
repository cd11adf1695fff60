"""Problems found in input, as data, and the few exceptions the library raises.

A :class:`Finding` is one located problem: a stable kebab-case ``code``, a
``severity`` ("error" or "warning"), the ``file``, ``sheet`` and A1 ``cell``
it concerns, and a human ``message``. Readers collect findings and go on;
an exception is raised only when work cannot continue.

Every exception derives from :class:`AnalyserError` and also from the builtin
that fits it, so callers may catch either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Sequence

__all__ = [
    "ERROR",
    "WARNING",
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
    "CycleError",
    "BudgetExceededError",
]

ERROR = "error"
WARNING = "warning"


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
_declare("unknown-mark", ERROR, "a profile mark outside the list of marks")
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


@dataclass(frozen=True)
class Finding:
    """One located problem in the input.

    Parameters
    ----------
    code : str
        Stable kebab-case identifier, e.g. ``"duplicate-id"``. Tests and other
        programs match on it; the message may change.
    severity : str
        ``"error"`` (the input is not valid) or ``"warning"``.
    file, sheet, cell : str
        Where: the file name, the sheet name ("" for a CSV or for the whole
        file) and the A1 cell ("" when the problem has no single cell).
    message : str
        One line for people.

    Examples
    --------
    >>> f = Finding("duplicate-id", "error", "t.xlsx", "Osatoteutukset", "A5", "id 'X' again")
    >>> f.line()
    "t.xlsx: Osatoteutukset!A5: error: id 'X' again [duplicate-id]"
    """

    code: str
    severity: str
    file: str
    sheet: str
    cell: str
    message: str

    def __post_init__(self) -> None:
        declared = CODES.get(self.code)
        if declared is None:
            raise ValueError(f"undeclared finding code {self.code!r}")
        if self.severity not in declared.severities:
            raise ValueError(f"finding code {self.code!r} is declared {'/'.join(declared.severities)}, "
                             f"not {self.severity!r}")
        from analyser.text.privacy import redact  # a file or sheet name may hold a personal identity code

        for name in ("file", "sheet", "message"):
            value = getattr(self, name)
            if value and any(ch.isdigit() for ch in value):
                masked, codes = redact(value)
                if codes:
                    object.__setattr__(self, name, masked)

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def where(self) -> str:
        """File, sheet and cell joined as people read them."""
        place = self.file or "?"
        if self.sheet and self.cell:
            place += f": {self.sheet}!{self.cell}"
        elif self.sheet:
            place += f": {self.sheet}"
        elif self.cell:
            place += f": {self.cell}"
        return place

    def line(self) -> str:
        """The one line printed for people (line breaks in quoted workbook text folded to spaces)."""
        return " ".join(f"{self.where()}: {self.severity}: {self.message} [{self.code}]".split())

    def as_dict(self) -> dict[str, str]:
        """The JSON object of the contract (FORMATS.md §5)."""
        return {
            "code": self.code,
            "severity": self.severity,
            "file": self.file,
            "sheet": self.sheet,
            "cell": self.cell,
            "message": self.message,
        }

    def sort_key(self) -> tuple:
        try:
            row, col = parse_a1(self.cell)
        except ValueError:
            row, col = -1, -1
        return (self.file, self.sheet, row, col, self.code, self.message)


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Sort findings by file, sheet, row, column, then code; drop exact repeats.

    Examples
    --------
    >>> a = Finding("duplicate-id", "error", "f", "S", "B2", "m")
    >>> b = Finding("hidden-row", "warning", "f", "S", "A10", "m")
    >>> [f.cell for f in sort_findings([b, a, a])]
    ['B2', 'A10']
    """
    return sorted(set(findings), key=Finding.sort_key)


class AnalyserError(Exception):
    """Base class of every exception the library raises on purpose."""


class InputError(AnalyserError, ValueError):
    """An input file could not be read at all (exit code 2).

    ``findings`` holds one or more findings saying what is wrong.
    """

    def __init__(self, findings: Sequence[Finding] | Finding):
        if isinstance(findings, Finding):
            findings = [findings]
        self.findings = list(findings)
        super().__init__("; ".join(f.line() for f in self.findings))


class OutputError(AnalyserError, OSError):
    """An output could not be written, or would overwrite an input (exit code 2)."""


class BadDate(AnalyserError, ValueError):
    """A value that was meant to be a date but is not one."""


class EncodingProblem(AnalyserError, ValueError):
    """The bytes are no text this reader can decode without guessing (mojibake)."""


def refuse(path: object, message: str, code: str = "corrupt-file") -> InputError:
    """The error for a file that cannot be read at all: one finding naming the file.

    Examples
    --------
    >>> refuse("t.xlsx", "the file is empty", "empty-file").findings[0].line()
    't.xlsx: error: the file is empty [empty-file]'
    """
    return InputError(Finding(code, ERROR, str(path), "", "", message))


class UsageError(AnalyserError, ValueError):
    """The arguments are wrong: an unknown profile or item, a bad option (exit code 2)."""


class CycleError(AnalyserError, ValueError):
    """The requirements contain a cycle; ``cycle`` lists its members in order.

    Examples
    --------
    >>> err = CycleError(["A", "B"])
    >>> err.cycle, str(err)
    (['A', 'B'], 'dependency cycle: A -> B -> A')
    """

    def __init__(self, cycle: Sequence, message: str | None = None):
        self.cycle = list(cycle)
        if message is None:
            path = " -> ".join(str(n) for n in [*self.cycle, *self.cycle[:1]])
            message = f"dependency cycle: {path}"
        super().__init__(message)


class BudgetExceededError(AnalyserError, RuntimeError):
    """An exact answer would need more states than the budget allows.

    ``width`` is the width of the part that made it infeasible, ``bound`` an
    upper bound on the states it would need and ``budget`` the limit.
    """

    def __init__(self, width: int, bound: int, budget: int, message: str | None = None):
        self.width = width
        self.bound = bound
        self.budget = budget
        if message is None:
            message = (
                f"out of reach: a part of width {width} may have up to {bound} "
                f"downsets, more than the budget of {budget}"
            )
        super().__init__(message)
