"""Profile and item ids from what people type: the one resolver of the command line, the notebooks and the library.

A reference is an id, written as it is or otherwise (case, spaces,
hyphens, diacritics), or a name; see :mod:`analyser.text.suggest`. One
that names nothing, or more than one thing, raises
:class:`~analyser.findings.UnknownReference` with the closest matches.

The library never guesses: a prefix is accepted only by a caller that
collects ``notes`` (the command line), and every reference taken otherwise
than by its exact id becomes a :class:`Resolved` note that it can print.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Collection, Iterable

from analyser.findings import UnknownReference, UsageError
from analyser.records import Catalogue
from analyser.text.labels import t
from analyser.text.suggest import Lookup, lookup, nearest
from analyser.text.vocabulary import natural_key, split_list

__all__ = ["Resolved", "resolve_profile", "resolve_items", "resolve_item", "item_ids"]

#: Up to this many items, the message of an unknown item lists them all; beyond, the nearest few.
LIST_ALL = 12
NEAREST = 5


@dataclass(frozen=True)
class Resolved:
    """A reference taken otherwise than by its exact id: ``how`` is "name", "spelling" or "prefix".

    ``kind`` is "profile" or "item"; ``what`` names where an item was given
    (``--deployed``). :meth:`text` is the note the user is shown.

    Examples
    --------
    >>> Resolved("SOS-L", "SOS-LV", "prefix", "profile").text("en")
    "'SOS-L' was taken as the profile SOS-LV (the only id that starts so)."
    >>> print(Resolved("soslvinf", "SOS-LV-INF", "spelling", "item", "--deployed").text())
    --deployed: 'soslvinf' tulkittiin osatoteutukseksi SOS-LV-INF (sama tunnus toisin kirjoitettuna).
    """

    ref: str
    id: str
    how: str
    kind: str
    what: str = ""

    def text(self, lang: str = "fi") -> str:
        how = t(f"how_name_{self.kind}" if self.how == "name" else f"how_{self.how}", lang)
        return t(f"resolved_{self.kind}", lang, ref=self.ref, id=self.id, how=how, what=self.what)


def _profile_candidates(catalogue: Catalogue) -> list[tuple[str, str]]:
    """The profiles of the table, and profiles that only marks name (a catalogue built by hand)."""
    found = [(p.id, p.name) for p in catalogue.profiles]
    declared = {p.id for p in catalogue.profiles}
    marked = {profile for item in catalogue.items for profile, _ in item.marks} - declared
    return found + [(profile, "") for profile in sorted(marked, key=natural_key)]


def _item_candidates(catalogue: Catalogue) -> list[tuple[str, str]]:
    return [(item.id, item.name) for item in catalogue.items]


def _profile(catalogue: Catalogue, ref: object, notes: list | None, prefix: bool) -> str:
    if any(p.id == ref for p in catalogue.profiles):
        return str(ref)
    candidates = _profile_candidates(catalogue)
    found = lookup("" if ref is None else ref, candidates, prefix=prefix)
    if found.found:
        if found.said and notes is not None:
            notes.append(Resolved(found.ref, found.id, found.how, "profile"))
        return found.id
    if found.how == "ambiguous":
        raise UnknownReference("ambiguous_profile", ref=found.ref, suggestions=found.candidates)
    if found.candidates:
        raise UnknownReference("unknown_profile", ref=found.ref, suggestions=found.candidates)
    if not candidates:
        raise UnknownReference("unknown_profile_none", ref=found.ref)
    raise UnknownReference("unknown_profile_known", ref=found.ref, known=[c[0] for c in candidates])


def resolve_profile(catalogue: Catalogue, ref: str, *, notes: list | None = None) -> str:
    """The id of the profile ``ref`` names by its id or name; UnknownReference when it names none.

    ``notes``, when given, collects a :class:`Resolved` for a profile taken
    by its name or another spelling, and also accepts a prefix of exactly
    one profile's id (the command line says each note).

    Examples
    --------
    >>> resolve_profile(c, "sos-lv"), resolve_profile(c, "Potilastietojärjestelmä")
    ('SOS-LV', 'POT')
    >>> resolve_profile(c, "SOS-L")
    Traceback (most recent call last):
    ...
    analyser.findings.UnknownReference: tuntematon profiili 'SOS-L'. Tarkoititko SOS-LV?
    >>> notes = []
    >>> resolve_profile(c, "SOS-L", notes=notes), notes[0].text("en")
    ('SOS-LV', "'SOS-L' was taken as the profile SOS-LV (the only id that starts so).")
    """
    return _profile(catalogue, ref, notes, prefix=notes is not None)


def _items(catalogue: Catalogue, parts: Iterable[str], what: str, notes: list | None, *, prefix: bool,
           unique: bool = True, known: Collection[str] | None = None) -> list[str]:
    if known is None:
        known = {item.id for item in catalogue.items}
    ids: list[str] = []
    seen: set[str] = set()
    bad: list[Lookup] = []
    candidates: list[tuple[str, str]] | None = None
    for part in parts:
        if part in known:
            item_id = part
        else:
            candidates = candidates if candidates is not None else _item_candidates(catalogue)
            found = lookup(part, candidates, prefix=prefix)
            if not found.found:
                bad.append(found)
                continue
            if found.said and notes is not None:
                notes.append(Resolved(found.ref, found.id, found.how, "item", what))
            item_id = found.id
        if unique and item_id in seen:
            continue
        seen.add(item_id)
        ids.append(item_id)
    if bad:
        raise _unknown_items(bad, candidates or [], what)
    return ids


def _unknown_items(bad: list[Lookup], candidates: list[tuple[str, str]], what: str) -> UnknownReference:
    first = bad[0]
    every = sorted((c[0] for c in candidates), key=natural_key)
    if len(bad) == 1:
        if first.how == "ambiguous":
            return UnknownReference("ambiguous_item", what=what, ref=first.ref, suggestions=first.candidates)
        if first.candidates:
            return UnknownReference("unknown_item", what=what, ref=first.ref, suggestions=first.candidates)
        if not candidates:
            return UnknownReference("unknown_item_none", what=what, ref=first.ref)
        if len(candidates) <= LIST_ALL:
            return UnknownReference("unknown_item_known", what=what, ref=first.ref, known=every)
        return UnknownReference("unknown_item_nearest", what=what, ref=first.ref, count=len(candidates),
                                known=nearest(first.ref, candidates, NEAREST))
    refs = [f"'{b.ref}'" for b in bad]
    suggestions: list[str] = []
    for b in bad:
        for item_id in b.candidates if b.how == "ambiguous" else b.candidates[:1]:
            if item_id not in suggestions:
                suggestions.append(item_id)
    if suggestions:
        return UnknownReference("unknown_items", what=what, ref=first.ref, refs=refs, suggestions=suggestions)
    if len(candidates) <= LIST_ALL:
        return UnknownReference("unknown_items_known", what=what, ref=first.ref, refs=refs, known=every)
    near: list[str] = []
    for b in bad:
        near += [item_id for item_id in nearest(b.ref, candidates, 2) if item_id not in near]
    return UnknownReference("unknown_items_nearest", what=what, ref=first.ref, refs=refs, known=near[:8])


def resolve_items(catalogue: Catalogue, refs: str | Iterable[str] | None, what: str = "--deployed", *,
                  notes: list | None = None, unique: bool = True) -> list[str]:
    """Item ids for a comma-separated text (or a list of them) of ids or names; UnknownReference on unknown ones.

    ``what`` names where the references were given, for the message.
    ``unique=False`` keeps repeats (a planned order). ``notes`` as in
    :func:`resolve_profile`.

    Examples
    --------
    >>> resolve_items(c, "sos, Kiellot, SOS-V1ARK")
    ['SOS', 'SOS-LV-KIE', 'SOS-V1-ARK']
    >>> resolve_items(c, "SOS-VANHA, SOS-V1-ARKK")
    Traceback (most recent call last):
    ...
    analyser.findings.UnknownReference: --deployed: tuntemattomat osatoteutukset 'SOS-VANHA', 'SOS-V1-ARKK'. Tarkoititko jotakin näistä: SOS-VANHAT, SOS-V1-ARK?
    >>> notes = []
    >>> resolve_items(c, ["SOS-VANHA", "SOS", "sos"], notes=notes), [n.how for n in notes]
    (['SOS-VANHAT', 'SOS'], ['prefix'])
    """
    if refs is None:
        return []
    parts = split_list(refs) if isinstance(refs, str) else [p for r in refs for p in split_list(r)]
    return _items(catalogue, parts, what, notes, prefix=notes is not None, unique=unique)


def resolve_item(catalogue: Catalogue, ref: str, what: str = "--target", *, notes: list | None = None) -> str:
    """The id of the one item ``ref`` names (a target); UnknownReference otherwise.

    Examples
    --------
    >>> resolve_item(c, "luovutuslupa")
    'SOS-LV-LUP'
    >>> resolve_item(c, "SOS-LV-LUPA", "target")
    Traceback (most recent call last):
    ...
    analyser.findings.UnknownReference: target: tuntematon osatoteutus 'SOS-LV-LUPA'. Tarkoititko SOS-LV-LUP?
    """
    return _items(catalogue, [str(ref)], what, notes, prefix=notes is not None)[0]


def item_ids(catalogue: Catalogue, refs: Iterable[str] | None, what: str, *, notes: list | None = None,
             unique: bool = True, known: Collection[str] | None = None) -> tuple[str, ...]:
    """The ids of a sequence of item references, as the library takes them: no prefixes, no text.

    A text where a sequence is expected (``deployed="SOS"``) is refused;
    ``known`` is the item ids when the caller has them at hand.

    Examples
    --------
    >>> item_ids(c, ["sos", "SOS-V1ARK"], "deployed")
    ('SOS', 'SOS-V1-ARK')
    >>> item_ids(c, "SOS", "deployed")
    Traceback (most recent call last):
    ...
    analyser.findings.UsageError: deployed odottaa luetteloa tunnuksista eikä yhtä tekstiä: kirjoita deployed=['SOS'].
    """
    if refs is None:
        return ()
    if isinstance(refs, (str, bytes)):
        text = refs.decode() if isinstance(refs, bytes) else refs
        raise UsageError("not_a_list", what=what, example=repr(split_list(text)))
    return tuple(_items(catalogue, [r if isinstance(r, str) else str(r) for r in refs], what, notes, prefix=False,
                        unique=unique, known=known))
