"""Rendering helpers: header texts, cell values, reference lists, title rows and
simple tables, shared by the writers of every kind of file."""

from __future__ import annotations

import datetime as dt
import enum
import random
import re
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path

from ._cells import CellRef, SheetModel, Value
from ._vocabulary import AND_WORDS, FORMATS, _WORDS_BY_ENUM, _norm


def _rng(seed: int, purpose: str) -> random.Random:
    """A random source independent of PYTHONHASHSEED, one per purpose."""
    return random.Random(f"{seed}:{purpose}")


def _decorate(text: str, rng: random.Random) -> str:
    choice = rng.randrange(9)
    if choice == 0:
        return text.upper()
    if choice == 1:
        return text + ":"
    if choice == 2:
        return text + " *"
    if choice == 3:
        return text.replace(" ", "\u00a0") if " " in text else "\u00a0" + text
    if choice == 4:
        return text.replace(" ", "  ") if " " in text else text + "  "
    if choice == 5:
        return f"  {text} "
    if choice == 6:
        return unicodedata.normalize("NFD", text)
    if choice == 7:
        return f"({text})"
    return text.lower()


class _Headers:
    """Picks header texts for one table kind."""

    def __init__(self, table: Mapping[str, Mapping[str, tuple[str, ...]]], language: str,
                 style: str, overrides: Mapping[str, str], decorate: bool, seed: int,
                 purpose: str):
        self.table, self.language, self.style = table, language, style
        self.overrides, self.decorate = dict(overrides), decorate
        self.rng = _rng(seed, f"headers:{purpose}")
        self.deco_rng = _rng(seed, f"decorate:{purpose}")

    def __call__(self, fld: str) -> str:
        if fld in self.overrides:
            return self.overrides[fld]
        words = self.table[fld][self.language]
        text = words[0] if self.style == "first" else self.rng.choice(words)
        return _decorate(text, self.deco_rng) if self.decorate else text


class _Values:
    """Renders cell values of one workbook."""

    def __init__(self, language: str, style: str, seed: int, date_style: str,
                 numbers_as_numbers: bool):
        self.language, self.style = language, style
        self.rng = _rng(seed, "values")
        self.date_style, self.numbers = date_style, numbers_as_numbers

    def word(self, value: object) -> Value:
        if isinstance(value, enum.Enum):
            words = _WORDS_BY_ENUM[type(value)][value][self.language]
            text = words[0] if self.style == "first" else self.rng.choice(words)
            return self.number(text)
        if value is None:
            return None
        if isinstance(value, (dt.date, int, float)):
            return self.date(value) if isinstance(value, dt.date) else value
        return self.number(str(value))

    def date(self, value: dt.date | str | None) -> Value:
        if value is None or value == "":
            return None
        if isinstance(value, str):
            return value
        if isinstance(value, dt.datetime):
            value = value.date()
        if self.date_style == "date":
            return value
        if self.date_style == "iso":
            return value.isoformat()
        return f"{value.day}.{value.month}.{value.year}"

    def number(self, text: str) -> Value:
        if self.numbers and re.fullmatch(r"0|[1-9][0-9]{0,14}", text):
            return int(text)
        return text if text != "" else None


def _join(parts: Sequence[str], separator: str, language: str) -> str:
    parts = list(parts)
    if separator == ",":
        return ", ".join(parts)
    if separator == ";":
        return "; ".join(parts)
    if separator == "and":
        return f" {AND_WORDS[language]} ".join(parts)
    if separator == "natural":
        if len(parts) <= 1:
            return "".join(parts)
        return ", ".join(parts[:-1]) + f" {AND_WORDS[language]} " + parts[-1]
    return separator.join(parts)


def _splits(text: str) -> bool:
    """Whether a reader splitting references (FORMATS.md) would split ``text``."""
    words = set(_norm(text).split())
    return bool(set(",;\n") & set(text)) or bool(words & set(AND_WORDS.values()))


def _resolve_fmt(path: Path, fmt: str | None) -> str:
    if fmt is not None:
        return fmt
    suffix = path.suffix.lower().lstrip(".")
    if suffix in FORMATS:
        return suffix
    if suffix == "":
        return "csv"
    raise ValueError(f"cannot tell the format of {path}; pass fmt=")


def _simple_table(sheet: SheetModel, row: int, columns: Sequence[tuple[str, str]],
                  records: Sequence[Mapping[str, Value]], col0: int = 1,
                  ) -> tuple[dict[str, CellRef], list[dict[str, CellRef]]]:
    """Write a header row and records; return header and per-record positions."""
    headers = {}
    for j, (key, text) in enumerate(columns):
        headers[key] = sheet.put(row, col0 + j, text)
    rows = []
    for i, rec in enumerate(records):
        pos = {}
        for j, (key, _) in enumerate(columns):
            pos[key] = sheet.put(row + 1 + i, col0 + j, rec.get(key))
        rows.append(pos)
    return headers, rows


def _title_rows(sheet: SheetModel, lines: Sequence[str], n: int, blank_after: bool,
                merge_width: int | None) -> int:
    """Write ``n`` title rows; return the next free row."""
    for i in range(n):
        sheet.put(i + 1, 1, lines[i % len(lines)] if i < len(lines)
                  else f"{lines[-1]} ({i + 1})")
        if merge_width and merge_width > 1:
            sheet.merge(i + 1, 1, i + 1, merge_width)
    return n + 1 + (1 if blank_after and n else 0)
