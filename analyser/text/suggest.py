"""What a typed reference names, and the closest matches when it names nothing.

A reference (a profile or an item, typed on the command line, in a notebook
or in a workbook cell) is compared with the ids and names of the candidates
in steps, the first that finds something deciding:

1. the id, after :func:`~analyser.text.vocabulary.normalise` (case, spaces
   and Unicode form folded): ``sos-lv`` is ``SOS-LV``;
2. the name, likewise;
3. the id or the name after :func:`match_key`, which also ignores spaces,
   hyphens and diacritics: ``SOSLV`` and ``sos lv`` are ``SOS-LV``;
4. only when asked: a prefix of exactly one id (``SOS-VANHA`` is ``SOS-VANHAT``).

A step that finds several ids answers "ambiguous" with them; when no step
finds anything, the answer carries the closest ids (:func:`suggest`).
Everything here is deterministic: ties go by the natural order of ids.

Examples
--------
>>> cands = [("SOS-LV", "Liittymisvelvoite"), ("SOS-V1", "1. vaihe"), ("SOS-V2", "2. vaihe")]
>>> lookup("soslv", cands)
Lookup(ref='soslv', id='SOS-LV', how='spelling', candidates=())
>>> lookup("SOS-L", cands).candidates, lookup("SOS-L", cands, prefix=True).id
(('SOS-LV',), 'SOS-LV')
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

from analyser.text.vocabulary import natural_key, normalise

__all__ = ["match_key", "edit_distance", "Lookup", "lookup", "suggest", "nearest"]

_IGNORED = re.compile(r"[\s\-\u2010-\u2015\u2212_]+")


def match_key(text: object) -> str:
    """The key under which two spellings of a reference are the same.

    Case, spaces, hyphens, underscores and diacritics (ä→a, é→e; Unicode
    NFKD without combining marks) are ignored, as is punctuation around it.

    Examples
    --------
    >>> match_key("SOS-LV"), match_key(" sos lv "), match_key("Sos–LV"), match_key("Kieltojä")
    ('soslv', 'soslv', 'soslv', 'kieltoja')
    """
    return _match_key(text) if isinstance(text, str) else _match_key(str(normalise(text)))


@lru_cache(maxsize=1 << 16)
def _match_key(text: str) -> str:
    """:func:`match_key` of a string, kept: every unknown value of a batch is compared with every id."""
    decomposed = unicodedata.normalize("NFKD", normalise(text))
    return _IGNORED.sub("", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


def edit_distance(a: str, b: str) -> int:
    """Edits (insert, delete, replace, swap two neighbours) that turn ``a`` into ``b``.

    Examples
    --------
    >>> edit_distance("sosvanha", "sosvanhat"), edit_distance("soslv", "sosvl"), edit_distance("", "abc")
    (1, 1, 3)
    """
    if a == b:
        return 0
    before: list[int] | None = None
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = 0 if ca == cb else 1
            best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if before is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                best = min(best, before[j - 2] + 1)
            current[j] = best
        before, previous = previous, current
    return previous[-1]


@dataclass(frozen=True)
class Lookup:
    """What a reference names.

    ``how`` is "id" (its id, as written or normalised), "name", "spelling"
    (the id written otherwise), "prefix" (the only id that starts so),
    "ambiguous" (``candidates`` are the ids it fits) or "unknown"
    (``candidates`` are the closest ids, possibly none). ``id`` is the one
    it names, or None.
    """

    ref: str
    id: str | None
    how: str
    candidates: tuple[str, ...] = ()

    @property
    def found(self) -> bool:
        return self.id is not None

    @property
    def said(self) -> bool:
        """Found otherwise than by its id: a note for the user says what was taken."""
        return self.id is not None and self.how != "id"


def _distinct(ids: Iterable[str]) -> list[str]:
    return sorted(set(ids), key=natural_key)


def lookup(ref: object, candidates: Sequence[tuple[str, str]], *, prefix: bool = False) -> Lookup:
    """What ``ref`` names among ``candidates``, pairs of (id, name), in the steps of the module.

    ``prefix`` accepts a prefix of exactly one id; without it such a
    reference is unknown, with that id as its closest match.

    Examples
    --------
    >>> cands = [("SOS-VANHAT", "Vanhojen asiakirjojen arkistointi"), ("PTA-VANHA", "Vanhojen potilastietojen arkistointi")]
    >>> lookup("Vanhojen asiakirjojen arkistointi", cands).id
    'SOS-VANHAT'
    >>> lookup("SOS-VANHA", cands)
    Lookup(ref='SOS-VANHA', id=None, how='unknown', candidates=('SOS-VANHAT',))
    >>> lookup("SOS-VANHA", cands, prefix=True).how
    'prefix'
    >>> lookup("vanha", cands + [("VANHA", "x"), ("VANHA-2", "y")], prefix=True).how
    'id'
    """
    text = str(ref)
    key = normalise(text)
    if not key:
        return Lookup(text, None, "unknown")
    for item_id, _ in candidates:
        if normalise(item_id) == key:
            return Lookup(text, item_id, "id")
    loose = match_key(text)
    steps: tuple = (("name", lambda item_id, name: normalise(name) == key),)
    if loose:  # a reference of only hyphens or spaces is nothing written otherwise
        steps += (("spelling", lambda item_id, name: match_key(item_id) == loose),
                  ("name", lambda item_id, name: match_key(name) == loose))
    if loose and prefix:
        steps += (("prefix", lambda item_id, name: match_key(item_id).startswith(loose)),)
    for how, fits in steps:
        found = _distinct(item_id for item_id, name in candidates if fits(item_id, name))
        if len(found) == 1:
            return Lookup(text, found[0], how)
        if found:
            return Lookup(text, None, "ambiguous", tuple(found))
    return Lookup(text, None, "unknown", tuple(suggest(text, candidates)))


def _scores(ref: str, candidates: Sequence[tuple[str, str]], *, close_only: bool) -> list[tuple]:
    loose = match_key(ref)
    limit = max(1, min(3, len(loose) // 4))
    best: dict[str, tuple] = {}
    for item_id, name in candidates:
        id_key = match_key(item_id)
        distance = edit_distance(loose, id_key)
        name_key = match_key(name) if name else ""
        if name_key and abs(len(name_key) - len(loose)) <= limit:
            distance = min(distance, edit_distance(loose, name_key))
        if distance <= limit:
            score = (distance,)
        elif loose and (id_key.startswith(loose) or (len(loose) >= 3 and name_key.startswith(loose))):
            score = (limit + 1 + len(id_key) - len(loose),)
        elif close_only:
            continue
        else:
            score = (limit + 1 + distance,)
        score += (natural_key(item_id),)
        if item_id not in best or score < best[item_id]:
            best[item_id] = score
    return sorted((score, item_id) for item_id, score in best.items())


def suggest(ref: object, candidates: Sequence[tuple[str, str]], n: int = 5) -> list[str]:
    """The ids ``ref`` may have meant, best first: at most ``n``, none when nothing is close.

    Close means a few edits from the id or the name (one edit up to seven
    letters, two up to eleven, then three; after :func:`match_key`), or an
    id that starts with the reference (or a name, from three letters on).

    Examples
    --------
    >>> cands = [(i.id, i.name) for i in c.items]
    >>> suggest("SOS-V1-ARKK", cands), suggest("Kielot", cands), suggest("sos-l", cands, n=3)
    (['SOS-V1-ARK'], ['SOS-LV-KIE'], ['SOS', 'SOS-LV-INF', 'SOS-LV-KIE'])
    >>> suggest("qqqqqq", cands)
    []
    """
    return [item_id for _, item_id in _scores(str(ref), candidates, close_only=True)[: max(n, 0)]]


def nearest(ref: object, candidates: Sequence[tuple[str, str]], n: int = 5) -> list[str]:
    """The ``n`` ids least far from ``ref``, close or not, best first (to list what exists).

    Examples
    --------
    >>> nearest("RAS", [(i.id, i.name) for i in c.items], n=3)
    ['RES', 'SOS', 'PTA']
    """
    return [item_id for _, item_id in _scores(str(ref), candidates, close_only=False)[: max(n, 0)]]
