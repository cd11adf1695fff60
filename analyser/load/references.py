"""Resolving the text of a "requires" cell to item ids.

A cell lists ids **or names** of other items, separated by ``,`` ``;``,
newlines or the words "ja" / "och" / "and". Names themselves may contain
those words ("Todistusten ja lausuntojen arkistointi"), so a segment is first
matched whole, and split on a list word only when the parts then all match.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from analyser.text.vocabulary import LIST_WORDS, normalise, service_key, split_list

__all__ = ["ReferenceIndex", "Resolution"]


@dataclass
class Resolution:
    """The outcome for one cell: resolved ids in cell order, and the texts that
    matched nothing, matched several items, or matched an id only after
    normalising case, spaces or Unicode form."""

    ids: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    ambiguous: list[tuple[str, list[str]]] = field(default_factory=list)
    respelled: list[tuple[str, str]] = field(default_factory=list)


class ReferenceIndex:
    """Look up items by id or name, compared after normalising.

    Examples
    --------
    >>> idx = ReferenceIndex([("PTA", "Potilastiedon arkisto käytössä"),
    ...                       ("TOD", "Todistusten ja lausuntojen arkistointi"),
    ...                       ("KUVA", "Kuva-aineistojen arkistointi")])
    >>> idx.resolve("Todistusten ja lausuntojen arkistointi ja KUVA").ids
    ['TOD', 'KUVA']
    >>> r = idx.resolve("pta; XYZ")
    >>> r.ids, r.unknown, r.respelled
    (['PTA'], ['XYZ'], [('pta', 'PTA')])
    """

    def __init__(self, items: Iterable[tuple[str, str]]):
        self._ids: dict[str, str] = {}
        self._names: dict[str, list[str]] = {}
        self._service_names: dict[str, list[str]] = {}
        for item_id, name in items:
            self._ids.setdefault(normalise(item_id), item_id)
            if name:
                self._names.setdefault(normalise(name), []).append(item_id)
                self._service_names.setdefault(service_key(name), []).append(item_id)
        self._lookup = lru_cache(maxsize=4096)(self._lookup_uncached)

    def _lookup_uncached(self, text: str) -> tuple[str, ...]:
        key = normalise(text)
        if not key:
            return ()
        if key in self._ids:
            return (self._ids[key],)
        for table, k in ((self._names, key), (self._service_names, service_key(text))):
            if k in table:
                return tuple(dict.fromkeys(table[k]))
        return ()

    def lookup(self, text: str) -> tuple[str, ...]:
        """Ids the text names whole: one id, several (ambiguous name) or none."""
        return self._lookup(text)

    def _split_words(self, tokens: tuple[str, ...]) -> list[str] | None:
        """Split tokens on list words so that every part names exactly one item."""
        if not tokens:
            return None
        whole = " ".join(tokens)
        if len(self.lookup(whole)) == 1:
            return [whole]
        for i, token in enumerate(tokens):
            if 0 < i < len(tokens) - 1 and normalise(token) in LIST_WORDS:
                left = " ".join(tokens[:i])
                if len(self.lookup(left)) == 1:
                    rest = self._split_words(tokens[i + 1:])
                    if rest is not None:
                        return [left, *rest]
        return None

    def resolve(self, value: object) -> Resolution:
        """Resolve a whole cell."""
        result = Resolution()
        for segment in split_list(value):
            parts = self._split_words(tuple(segment.split()))
            if parts is None:
                found = self.lookup(segment)
                if len(found) > 1:
                    result.ambiguous.append((segment, list(found)))
                    continue
                pieces = [segment]
                if not found:
                    pieces = self._loose_pieces(segment)
                for piece in pieces:
                    hit = self.lookup(piece)
                    if len(hit) == 1:
                        self._add(result, piece, hit[0])
                    elif len(hit) > 1:
                        result.ambiguous.append((piece, list(hit)))
                    else:
                        result.unknown.append(piece)
                continue
            for part in parts:
                self._add(result, part, self.lookup(part)[0])
        return result

    @staticmethod
    def _loose_pieces(segment: str) -> list[str]:
        pieces, current = [], []
        for token in segment.split():
            if normalise(token) in LIST_WORDS and current:
                pieces.append(" ".join(current))
                current = []
            else:
                current.append(token)
        if current:
            pieces.append(" ".join(current))
        return pieces or [segment]

    def _add(self, result: Resolution, text: str, item_id: str) -> None:
        if item_id in result.ids:
            return
        result.ids.append(item_id)
        stripped = " ".join(text.split())
        if normalise(text) == normalise(item_id) and stripped != item_id:
            result.respelled.append((stripped, item_id))
