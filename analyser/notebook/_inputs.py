"""Parameters of a notebook: dates, the organisation's situation, items and profiles named by id or name."""

from __future__ import annotations

import datetime as dt
from typing import Iterable

import networkx as nx

from analyser.findings import BadDate, UsageError
from analyser.records import Catalogue
from analyser.planning.situation import Situation, resolve_items, resolve_profile
from analyser.text.vocabulary import parse_date
from analyser.notebook._common import _l

__all__ = ["parse_day", "make_situation", "item_id", "profile_title", "item_names"]


def parse_day(value: object, default: dt.date | None = None) -> dt.date | None:
    """A date parameter: ``"2027-01-01"``, ``"1.1.2027"``, a date, or None/"" for ``default``.

    Examples
    --------
    >>> parse_day("1.3.2027"), parse_day(None, dt.date(2027, 1, 1))
    (datetime.date(2027, 3, 1), datetime.date(2027, 1, 1))
    """
    try:
        day = parse_date(value)
    except BadDate:
        raise UsageError("bad_date", value=str(value)) from None
    return day if day is not None else default


def make_situation(
    catalogue: Catalogue,
    graph: nx.DiGraph,
    profile: str,
    deployed: str | Iterable[str] | None = (),
    certified: str | Iterable[str] | None = None,
) -> Situation:
    """The organisation's :class:`Situation`, profile and items named by id or name.

    ``deployed`` and ``certified`` are lists (or comma-separated text);
    ``certified=None`` means certification is not known (not a limit).
    Unknown names raise :class:`UsageError` naming them and the notebook's
    parameter (``KAYTOSSA``, ``SERTIFIOITU``).

    Examples
    --------
    >>> s = make_situation(c, g, "Liittymisvelvoitteen asiakastietojärjestelmä", "SOS, SOS-VANHAT", certified=[])
    >>> s.profile, s.deployed, s.waiting_certification
    ('SOS-LV', ('SOS', 'SOS-VANHAT'), ['SOS-V1-ARK'])
    >>> from analyser.findings import UsageError
    >>> try:
    ...     make_situation(c, g, "SOS-LV", ["SOS", "SOS-X"])
    ... except UsageError as exc:
    ...     print("SOS-X" in exc.text("en"), "KAYTOSSA" in exc.text("en"))
    True True
    """
    profile_id = resolve_profile(catalogue, profile)
    deployed_ids = resolve_items(catalogue, deployed or (), "KAYTOSSA")
    certified_ids = None
    if certified is not None:
        certified_ids = tuple(resolve_items(catalogue, certified, "SERTIFIOITU"))
    return Situation(catalogue, graph, profile_id, deployed=tuple(deployed_ids), certified=certified_ids)


def profile_title(situation: Situation | None, lang: str = "fi", profile: str | None = None) -> str:
    """A figure title naming the situation's profile (its name is in the figure's subtitle).

    Examples
    --------
    >>> profile_title(make_situation(c, build_graph(c), "SOS-V1")), profile_title(None, "en", "POT")
    ('Tilanne profiililla SOS-V1', 'Standing under profile POT')
    """
    return _l("title_profile", lang, profile=profile or situation.profile)


def item_id(catalogue: Catalogue, ref: str | None) -> str | None:
    """The id of the item named by id or name (None stays None); UsageError when there is none.

    Examples
    --------
    >>> item_id(load_catalogue(with_tasks=False), "luovutuslupa"), item_id(None, None)
    ('SOS-LV-LUP', None)
    """
    if ref is None or not str(ref).strip():
        return None
    return resolve_items(catalogue, [ref], "TAVOITE")[0]


def item_names(catalogue: Catalogue) -> dict[str, str]:
    """Item id -> name, as :func:`analyser.report.files.write_report` wants it for the task list.

    Examples
    --------
    >>> names = item_names(load_catalogue(with_tasks=False))
    >>> len(names), names["SOS-LV-LUP"]
    (20, 'Luovutuslupa')
    """
    return {i.id: i.name for i in catalogue.items}


