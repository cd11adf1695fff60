"""Oracles: what a correct reader should make of a spec (marks, merged requirements)."""

from __future__ import annotations

from ._layout import Layout
from ._specs import ItemRow, TableSpec
from ._vocabulary import MARK_WORDS, Mark, _norm

_MARK_MEANING = {}
for _mark, _by_lang in MARK_WORDS.items():
    for _words in _by_lang.values():
        for _w in _words:
            _MARK_MEANING[_norm(_w)] = _mark.value


def classify_mark(value: Mark | str | None) -> str:
    """Meaning of a mark: "allowed", "partly", "not" or "invalid".

    >>> classify_mark("✔"), classify_mark("Osittain"), classify_mark(""), classify_mark("ehkä")
    ('allowed', 'partly', 'not', 'invalid')
    """
    if value is None:
        return "not"
    if isinstance(value, Mark):
        return value.value
    return _MARK_MEANING.get(_norm(str(value)), "invalid")


def expected_marks(spec: TableSpec) -> dict[str, dict[str, str]]:
    """``{profile_id: {item_id: meaning}}`` for the first row of each id."""
    seen: dict[str, ItemRow] = {}
    for it in spec.items:
        seen.setdefault(it.id, it)
    return {p.id: {i: classify_mark(it.marks.get(p.id)) for i, it in seen.items()}
            for p in spec.profiles}


def expected_requires(spec: TableSpec, layout: Layout | None = None,
                      ) -> dict[str, frozenset[str]]:
    """``{item_id: ids it requires}`` as a reader should merge them.

    With ``layout.matrix_disagree=(r, c)`` the dependency is present in one
    of matrix and column, so the merged result includes it.
    """
    out: dict[str, set[str]] = {}
    for it in spec.items:
        out.setdefault(it.id, set())
        if "requires" not in spec.omitted_fields or (layout and layout.matrix):
            out[it.id].update(it.requires)
    if layout is not None and layout.matrix_disagree is not None:
        r, c = layout.matrix_disagree
        out[r].add(c)
    return {k: frozenset(v) for k, v in out.items()}
