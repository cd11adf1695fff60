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
    "a1",
    "parse_a1",
    "sort_findings",
    "has_errors",
    "AnalyserError",
    "InputError",
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
        if self.severity not in (ERROR, WARNING):
            raise ValueError(f"unknown severity {self.severity!r}")
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
    >>> a = Finding("x", "error", "f", "S", "B2", "m")
    >>> b = Finding("y", "warning", "f", "S", "A10", "m")
    >>> [f.cell for f in sort_findings([b, a, a])]
    ['B2', 'A10']
    """
    return sorted(set(findings), key=Finding.sort_key)


def has_errors(findings: Iterable[Finding]) -> bool:
    """True when any finding is an error.

    Examples
    --------
    >>> w = Finding("group-cycle", "warning", "t.xlsx", "S", "A2", "groups require each other")
    >>> e = Finding("duplicate-id", "error", "t.xlsx", "S", "A5", "id 'X' again")
    >>> has_errors([w]), has_errors([w, e]), has_errors([])
    (False, True, False)
    """
    return any(f.is_error for f in findings)


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
