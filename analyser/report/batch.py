"""Where every organisation of a batch stands, and what comes next for it.

Organisations that share a profile, deployed items and certification share
one :class:`Standing`; those that also share the next extension and target
date share its go-live day and dated tasks. So a file of a hundred thousand
organisations costs about as much analysis as its distinct situations.

The next extension's go-live day follows the one dating rule of
:mod:`analyser.planning.dating`, the rule ``plan`` follows too: the target
date when it is a business day in a period that can take the item,
otherwise the first such day after it (the report says why, and a
``go-live-moved`` finding names what moved it to another period).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterable, NamedTuple, Sequence

import networkx as nx

from analyser import orders
from analyser.findings import Finding
from analyser.load.organisations import OrganisationRow
from analyser.planning.dating import GoLive, PlanPeriod
from analyser.planning.standing import Analyst, Standing, next_item
from analyser.planning.tasks import DatedTask
from analyser.records import Catalogue
from analyser.planning.situation import Situation
from analyser.text.vocabulary import natural_key

__all__ = ["Standing", "OrganisationResult", "Batch", "run_batch", "period_at", "profile_summary", "summarise",
           "organisation_warning", "go_live_finding"]


class OrganisationResult(NamedTuple):
    """One organisation's row of the report (a named tuple: a batch holds one per organisation).

    ``dating`` is how the next extension's go-live day was decided (its
    ``day`` is ``go_live``, its period ``period``); None without a next
    extension.
    """

    row: OrganisationRow
    standing: Standing | None
    plan_allowed: bool | None
    violations: tuple[dict, ...]
    next_item: str | None
    go_live: dt.date | None
    period: str | None
    tasks: tuple[DatedTask, ...]
    late: int = 0
    dating: GoLive | None = None


@dataclass
class Batch:
    """All results of a batch run, with the findings and a summary.

    ``memo`` keeps what the writers of the report work out from the
    results and share (such as :func:`analyser.report.rows.row_parts`);
    it takes no part in comparing batches.
    """

    results: list[OrganisationResult]
    findings: list[Finding]
    profiles: list[dict]
    summary: dict = field(default_factory=dict)
    memo: dict = field(default_factory=dict, repr=False, compare=False)


def period_at(periods: Sequence[PlanPeriod], day: dt.date | None) -> PlanPeriod | None:
    """The deployment period a day falls in, else the last one before it (a look-up: dating is
    :func:`analyser.planning.dating.go_live`'s).

    Examples
    --------
    >>> ps = [PlanPeriod("A", dt.date(2027, 1, 11), dt.date(2027, 3, 19)),
    ...       PlanPeriod("B", dt.date(2027, 4, 12), dt.date(2027, 6, 11))]
    >>> period_at(ps, dt.date(2027, 2, 1)).name, period_at(ps, dt.date(2027, 4, 1)).name
    ('A', 'A')
    >>> period_at(ps, dt.date(2026, 1, 1)) is None
    True
    """
    if day is None:
        return None
    best = None
    for p in periods:
        if p.start is None or p.start > day:
            continue
        if p.end is not None and p.start <= day <= p.end:
            return p
        if best is None or p.start > best.start:
            best = p
    return best


def run_batch(
    catalogue: Catalogue,
    graph: nx.DiGraph,
    rows: Iterable[OrganisationRow],
    *,
    findings: Sequence[Finding] = (),
    today: dt.date | None = None,
    budget: int = orders.DEFAULT_BUDGET,
    progress: Callable[[Iterable], Iterable] | None = None,
) -> Batch:
    """Analyse every organisation; bad rows keep their place and their findings.

    Each step is worked out once per distinct key that decides it: the
    standing per (profile, deployed, certified), the plan check per
    standing and planned order, the dated tasks per next item and target
    date. ``progress`` wraps the loop over the distinct situations (a
    progress bar).

    Examples
    --------
    >>> from analyser.load.organisations import read_organisations
    >>> from analyser.load.shipped import ORGANISATIONS, shipped_path
    >>> rows, found = read_organisations(shipped_path(ORGANISATIONS), c)
    >>> batch = run_batch(c, build_graph(c), rows, findings=found, today=dt.date(2026, 11, 25))
    >>> len(batch.results) == len(rows), batch.summary["can_extend_now"] > 0
    (True, True)
    """
    analyst = Analyst(catalogue, graph, catalogue.periods, today, budget)
    rows = list(rows)
    # Each step is decided by fewer things than the whole row: it is worked out once per distinct key.
    keys = [(row.profile, row.deployed, row.certified) for row in rows]
    standing_of: dict[tuple, Standing | None] = {}
    sorted_deployed: dict[tuple, tuple] = {}
    distinct = list(dict.fromkeys(keys))
    for key in (progress(distinct) if progress else distinct):
        profile, deployed, certified = key
        if profile is None:
            standing_of[key] = None
            continue
        ordered = sorted_deployed.get(deployed)
        if ordered is None:
            ordered = sorted_deployed[deployed] = tuple(sorted(set(deployed), key=natural_key))
        standing_of[key] = analyst.standing(profile, ordered, certified)
    standings = [standing_of[key] for key in keys]
    extra: list[Finding] = []
    if any(s is not None and s.warnings for s in standing_of.values()):
        for row, standing in zip(rows, standings):
            for warning in (standing.warnings if standing is not None else ()):
                extra.append(organisation_warning(row, warning))

    plan_keys = [(key, row.planned) for key, row in zip(keys, rows)]
    plan_of: dict[tuple, tuple] = {}
    for (key, planned), standing in zip(plan_keys, standings):
        if (key, planned) not in plan_of:
            if standing is None:
                plan_of[key, planned] = (None, (), None)
            else:
                allowed, violations = analyst.check(standing.profile, standing.deployed, planned)
                plan_of[key, planned] = (allowed, violations, next_item(standing, planned, allowed))
    plans = [plan_of[k] for k in plan_keys]

    task_keys = [(plan[2], row.target_date) for plan, row in zip(plans, rows)]
    tasks_of = {key: analyst.tasks(*key) if key[0] else (None, (), 0) for key in dict.fromkeys(task_keys)}
    dated = [tasks_of[k] for k in task_keys]
    results = list(map(tuple.__new__, itertools.repeat(OrganisationResult), zip(
        rows, standings, (p[0] for p in plans), (p[1] for p in plans), (p[2] for p in plans),
        (d[0].day if d[0] else None for d in dated),
        (d[0].period.name if d[0] and d[0].period else None for d in dated),
        (d[1] for d in dated), (d[2] for d in dated), (d[0] for d in dated))))
    extra += _go_live_findings(results)
    batch = Batch(results, [*findings, *extra], profile_summary(catalogue, graph, budget=budget))
    batch.summary = summarise(batch)
    return batch


def organisation_warning(row: OrganisationRow, warning: Finding) -> Finding:
    """A finding of an organisation's situation, placed at the organisation's row and naming it.

    The message is the situation finding's, with the organisation's name
    before it (``organisation-warning``, variant the situation finding's
    code; its params and the organisation's name as ``organisation``).

    Examples
    --------
    >>> from analyser.load.organisations import read_organisations
    >>> from analyser.load.shipped import ORGANISATIONS, shipped_path
    >>> row = read_organisations(shipped_path(ORGANISATIONS), c)[0][0]
    >>> s = Situation(c, build_graph(c), "ARK", deployed=["SOS", "SOS-V1-ARK"])
    >>> warning = organisation_warning(row, s.findings[0])
    >>> print(warning.text("fi")); print(warning.text("en"))
    Esimerkkilän hyvinvointialue: SOS-V1-ARK on käytössä, vaikka profiili ARK ei salli sitä
    Esimerkkilän hyvinvointialue: SOS-V1-ARK is in use although profile ARK does not allow it
    """
    return row.place.finding("organisation-warning", variant="/".join(filter(None, (warning.code, warning.variant))),
                             organisation=row.name, **dict(warning.params))


def go_live_finding(row: OrganisationRow, dating: GoLive) -> Finding:
    """The ``go-live-moved`` finding of an organisation whose next extension cannot go live on its target
    date (variant: the reason, :data:`~analyser.planning.dating.REASONS`), at the organisation's row.

    Examples
    --------
    >>> from analyser.load.organisations import read_organisations
    >>> from analyser.load.shipped import ORGANISATIONS, shipped_path
    >>> from analyser.planning.dating import go_live, plan_periods
    >>> row = read_organisations(shipped_path(ORGANISATIONS), c)[0][-1]
    >>> today = dt.date(2026, 12, 2)
    >>> dating = go_live(c.item("SOS-V1-ARK"), plan_periods(c.periods, today=today), wanted=row.target_date, today=today)
    >>> print(go_live_finding(row, dating).text("en"))  # doctest: +NORMALIZE_WHITESPACE
    Mallivaaran sosiaalipalvelut Oy: registration for period 2027/1 closed on 2026-11-30, so SOS-V1-ARK cannot go
    live on the target date 2027-01-10; the next open period is 2027/2, go-live 2027-04-12
    """
    return row.place.finding("go-live-moved", variant=dating.reason, organisation=row.name, id=dating.item,
                             target=_iso(dating.wanted), go_live=_iso(dating.day),
                             period=dating.period.name if dating.period else "",
                             closed=dating.closed.name if dating.closed else "",
                             deadline=_iso(dating.closed.deadline) if dating.closed else "",
                             available_from=_iso(dating.available_from), today=_iso(dating.today))


def _go_live_findings(results: Sequence[OrganisationResult]) -> list[Finding]:
    """:func:`go_live_finding` of every organisation whose next extension moved, in file order.

    Organisations that share a dating (and a file) share all of the finding
    but their name and cell: it is made (and checked) once per dating and
    relocated (:meth:`~analyser.findings.Finding.relocated`) for the others.
    """
    made: dict[tuple, Finding] = {}
    found = []
    for r in results:
        dating = r.dating
        if dating is None or not dating.moved:
            continue
        place = r.row.place
        key = (id(dating), place.file, place.sheet)
        if key not in made:
            made[key] = go_live_finding(r.row, dating)
            found.append(made[key])
        else:
            found.append(made[key].relocated(place.cell, organisation=r.row.name))
    return found


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def summarise(batch: Batch) -> dict:
    """Counts for the summary sheet and the end-of-run screen.

    Examples
    --------
    >>> c, batch = example_batch()
    >>> s = summarise(batch)
    >>> s["organisations"] == s["analysed"] + s["not_analysed"], s["errors"]
    (True, 2)
    """
    analysed = [r for r in batch.results if r.standing is not None]
    per_standing: Counter = Counter(id(r.standing) for r in analysed)
    standings = {id(r.standing): r.standing for r in analysed}
    blockers: Counter = Counter()
    for key, n in per_standing.items():
        for item in standings[key].blockers:
            blockers[item] += n
    top = sorted(blockers.items(), key=lambda kv: (-kv[1], natural_key(kv[0])))[:5]
    return {
        "organisations": len(batch.results),
        "analysed": len(analysed),
        "not_analysed": len(batch.results) - len(analysed),
        "can_extend_now": sum(1 for r in analysed if r.standing.available),
        "nothing_left": sum(1 for r in analysed if not r.standing.available and not r.standing.blocked),
        "plans_checked": sum(1 for r in analysed if r.plan_allowed is not None),
        "plans_not_allowed": sum(1 for r in analysed if r.plan_allowed is False),
        "late_tasks": sum(r.late for r in analysed),
        "targets_moved": sum(1 for r in analysed if r.dating is not None and r.dating.moved),
        "organisations_with_late_tasks": sum(1 for r in analysed if r.late),
        "most_common_blockers": [{"id": i, "organisations": n} for i, n in top],
        "errors": sum(1 for f in batch.findings if f.is_error),
        "warnings": sum(1 for f in batch.findings if f.severity == "warning"),
    }


def profile_summary(catalogue: Catalogue, graph: nx.DiGraph, *, budget: int = orders.DEFAULT_BUDGET) -> list[dict]:
    """One row per profile, for an organisation that has nothing deployed yet.

    Examples
    --------
    >>> rows = profile_summary(c, build_graph(c))
    >>> [(r["profile"], r["count"]) for r in rows][:2]
    [('ARK', 1), ('SOS-V1', 3)]
    """
    rows = []
    for profile in catalogue.profiles:
        situation = Situation(catalogue, graph, profile.id)
        poset = situation.remaining_graph
        count = orders.within_budget(orders.count_orders, poset, budget=budget)
        rows.append({
            "profile": profile.id,
            "name": profile.name,
            "items": list(situation.remaining),
            "count": count,
            "min_rounds": orders.min_rounds(poset),
            "waves": orders.waves(poset, key=natural_key),
            "available": list(situation.available),
            "recommended": orders.recommended_order(poset, soft_edges=situation.soft_edges(),
                                                    available_from=situation.available_from(), key=natural_key),
            "excluded": [e.id for e in situation.excluded],
        })
    return rows
