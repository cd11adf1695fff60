"""A new version of the table: what changed, what it does to each profile, what it means for organisations.

The rows are those of ``analyser diff``'s files (:mod:`analyser.report.changes`), under the same
column headers; the per-profile effects come from :mod:`analyser.planning.version_effects`.
"""

from __future__ import annotations

from typing import Sequence

import pandas as pd

from analyser import orders
from analyser.planning.changes import TableDiff
from analyser.planning.impact import OrganisationImpact, impact_summary
from analyser.planning.version_effects import version_effects
from analyser.report.changes import CHANGE_COLUMNS, IMPACT_COLUMNS, change_rows, impact_rows
from analyser.text.labels import t
from analyser.notebook._common import _frame, _ids, _l, _number

__all__ = ["change_table", "effect_table", "impact_table", "impact_facts"]


def change_table(diff: TableDiff, lang: str = "fi") -> pd.DataFrame:
    """Every change, one row each, naming the cell in both versions (the rows of ``muutokset.csv``).

    Examples
    --------
    >>> from dataclasses import replace
    >>> from analyser.planning.changes import diff_catalogues
    >>> new = replace(c, items=tuple(replace(i, name="Arkisto") if i.id == "SOS" else i for i in c.items))
    >>> change_table(diff_catalogues(c, new), "en").iloc[0, :4].tolist()
    ['changed', 'Item', 'SOS', 'name']
    """
    return _frame([t(f"diff.col.change.{k}", lang) for k in CHANGE_COLUMNS], change_rows(diff, lang), lang)


def effect_table(diff: TableDiff, lang: str = "fi", *, budget: int = orders.DEFAULT_BUDGET) -> pd.DataFrame:
    """Every profile with nothing in use yet, before and after: allowed orders, waves, and the items that
    became unreachable or reachable.

    Examples
    --------
    >>> from analyser.planning.changes import diff_catalogues
    >>> table = effect_table(diff_catalogues(c, c), "en")
    >>> table.loc["SOS-V2", ["Allowed orders before", "Allowed orders now", "Waves now"]].tolist()
    ['840', '840', 3]
    """
    rows = []
    for e in version_effects(diff, budget=budget):
        old, new = e.old_profile is not None, e.new_profile is not None
        rows.append([e.profile, _number(e.count_old, lang) if old else "–", _number(e.count_new, lang) if new else "–",
                     len(e.waves_old) if old else "–", len(e.waves_new) if new else "–",
                     _ids(e.became_unreachable, lang), _ids(e.became_reachable, lang)])
    columns = [_l(k, lang) for k in ("diff.profile", "diff.count_old", "diff.count_new", "diff.waves_old",
                                     "diff.waves_new", "diff.unreachable", "diff.reachable")]
    return _frame(columns, rows, lang, index=columns[0])


def impact_table(impacts: Sequence[OrganisationImpact], lang: str = "fi", *,
                 affected_only: bool = True) -> pd.DataFrame:
    """What the new version means for each organisation (the rows of ``muutosvaikutukset.csv``), by default
    only those it affects.

    Examples
    --------
    >>> i = OrganisationImpact("Org", "ARK", newly_blocked=("A",), count_old=2, count_new=1)
    >>> impact_table([i, OrganisationImpact("Other", "ARK")], "en")[["Organisation", "Newly blocked"]].values.tolist()
    [['Org', 'A']]
    """
    shown = [i for i in impacts if i.affected or not affected_only]
    return _frame([t(f"diff.col.impact.{k}", lang) for k in IMPACT_COLUMNS], impact_rows(shown, lang), lang)


def impact_facts(impacts: Sequence[OrganisationImpact], lang: str = "fi") -> pd.DataFrame:
    """The one-screen summary: organisations, how many the version affects, plans it breaks or mends,
    and the most common new blockers.

    Examples
    --------
    >>> facts = impact_facts([OrganisationImpact("A", "P", newly_blocked=("X",), new_blockers=("Y",)),
    ...                       OrganisationImpact("B", "P")], "en")
    >>> facts["Value"].tolist()
    [2, 1, 0, 0, 'Y (1)']
    """
    s = impact_summary(impacts)
    blockers = ", ".join(f"{b['id']} ({b['organisations']})" for b in s["most_common_new_blockers"])
    rows = [[_l("diff.f_organisations", lang), s["organisations"]], [_l("diff.f_affected", lang), s["affected"]],
            [_l("diff.f_plans_broken", lang), s["plans_broken"]], [_l("diff.f_plans_fixed", lang), s["plans_fixed"]],
            [_l("diff.f_blockers", lang), blockers or _l("f_none", lang)]]
    return _frame([_l("fact", lang), _l("value", lang)], rows, lang, index=_l("fact", lang))
