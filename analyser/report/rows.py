"""What the batch report's files say, row by row: the columns and the rows of organisations, tasks, profiles,
findings and the summary, in the report's language.

The same rows feed every file (:mod:`analyser.report.files` for CSV and the
workbook, :mod:`analyser.report.html` for the page). An organisation's row
is made of parts (its standing, its plan, its next step, its problems), each
worked out once per distinct key and shared by the organisations that have
it (:class:`RowParts`).
"""

from __future__ import annotations

from typing import Callable, Sequence

from analyser.findings import Finding
from analyser.planning.tasks import DatedTask
from analyser.report.batch import Batch, OrganisationResult
from analyser.report.briefing import responsible_text, task_note
from analyser.text.labels import LABELS, t

__all__ = [
    "ORGANISATION_COLUMNS",
    "TASK_COLUMNS",
    "PROFILE_COLUMNS",
    "FINDING_COLUMNS",
    "column_headers",
    "organisation_rows",
    "task_rows",
    "profile_rows",
    "finding_rows",
    "summary_rows",
    "problem_text",
    "RowParts",
    "row_parts",
    "task_cells",
]

ORGANISATION_COLUMNS = ("organisation", "profile", "deployed", "available", "blocked", "not_allowed", "waiting_certification", "count", "min_rounds", "recommended", "planned", "plan_allowed", "violations", "next", "target", "go_live", "go_live_reason", "period", "next_open_period", "tasks", "late", "first_due", "problems")

TASK_COLUMNS = ("organisation", "item", "item_name", "task", "title", "responsible", "timing", "earliest", "due", "late", "note")

PROFILE_COLUMNS = ("profile", "name", "items", "count", "min_rounds", "waves", "available", "recommended", "excluded")

FINDING_COLUMNS = ("severity", "code", "file", "sheet", "cell", "message")


def column_headers(table: str, columns: Sequence[str], lang: str = "fi") -> list[str]:
    """The headers of a report table's ``columns`` (keys of ``ORGANISATION_COLUMNS`` and the like).

    Examples
    --------
    >>> column_headers("org", ORGANISATION_COLUMNS[:2]), column_headers("task", ("due",), "en")
    (['Organisaatio', 'Profiili'], ['Due'])
    """
    return [t(f"col.{table}.{key}", lang) for key in columns]


def _yes_no(value: bool | None, lang: str) -> str:
    if value is None:
        return ""
    return t("cell.yes" if value else "cell.no", lang)


def _count(value: int | None) -> object:
    if value is None:
        return ""
    return value if value < 10**15 else str(value)


def _violations(violations: Sequence[dict], lang: str) -> str:
    return "; ".join(t("violation_" + v["reason"], lang, position=v["position"], id=v["id"],
                       missing=", ".join(v["missing"])) for v in violations)


def _standing_part(result: OrganisationResult, lang: str) -> list[object]:
    s = result.standing
    if s is None:  # a bad row: what was read, nothing analysed
        return [result.row.profile_text, ", ".join(result.row.deployed), "", "", "", "", "", "", ""]
    return [s.profile, ", ".join(s.deployed), ", ".join(s.available),
            "; ".join(f"{i} ({', '.join(m)})" for i, m in s.blocked), ", ".join(s.not_allowed),
            ", ".join(s.waiting_certification), _count(s.count), s.min_rounds, ", ".join(s.recommended)]


def _plan_part(result: OrganisationResult, lang: str) -> list[object]:
    return [", ".join(result.row.planned), _yes_no(result.plan_allowed, lang), _violations(result.violations, lang)]


def _next_part(result: OrganisationResult, lang: str) -> list[object]:
    """The next extension: the target date, the go-live day used and why (FORMATS.md §5 "Dates"), its tasks."""
    target = result.row.target_date
    if result.standing is None:
        return ["", target, "", "", "", "", "", "", ""]
    dating = result.dating
    due = [task.due for task in result.tasks if task.due]
    return [result.next_item or "", target, result.go_live, dating.text(lang) if dating else "", result.period or "",
            dating.next_open if dating else "", len(result.tasks), result.late, min(due) if due else None]


def problem_text(finding: Finding, lang: str = "fi") -> str:
    """A finding as the organisation's row names it: short where the row says whose it is.

    Examples
    --------
    >>> f = Finding.of("unknown-item", "o.csv", "", "C4", organisation="A Oy", column="Käytössä", value="X")
    >>> problem_text(f, "en")
    "unknown functionality 'X' (column 'Käytössä')"
    """
    short = "problem." + finding.key.removeprefix("finding.")
    return t(short, lang, **dict(finding.params)) if short in LABELS else finding.text(lang)


def _problems_part(result: OrganisationResult, lang: str) -> list[object]:
    warnings = result.standing.warnings if result.standing is not None else ()
    return ["; ".join(problem_text(f, lang) for f in (*result.row.problems, *warnings))]


# An organisation row is its name and these parts; each part is decided by fewer things than the
# whole row (its key), so the writers render it once per key. The batch keeps every standing,
# task list and tuple of plan violations alive, so their id() can be part of a key.
def _standing_keys(results: Sequence[OrganisationResult]) -> list:
    return [id(r.standing) if r.standing is not None else (r.row.profile_text, r.row.deployed) for r in results]


def _plan_keys(results: Sequence[OrganisationResult]) -> list:
    return [(id(r.violations), r.row.planned, r.plan_allowed) for r in results]


def _next_keys(results: Sequence[OrganisationResult]) -> list:
    return [(r.standing is None, id(r.tasks), r.next_item, r.row.target_date, id(r.dating)) for r in results]


def _problems_keys(results: Sequence[OrganisationResult]) -> list:
    return [(id(r.standing.warnings) if r.standing is not None else 0, r.row.problems) for r in results]


_PARTS = (
    (_standing_part, 9, _standing_keys),
    (_plan_part, 3, _plan_keys),
    (_next_part, 9, _next_keys),
    (_problems_part, 1, _problems_keys),
)


def organisation_rows(batch: Batch, lang: str = "fi") -> list[list[object]]:
    """One row per organisation, in file order (values, not text: dates stay dates).

    Each row is built on its own: this is the plain reading of the
    columns that the writers, which share the work between organisations,
    are tested against.

    Examples
    --------
    >>> c, batch = example_batch()
    >>> first = organisation_rows(batch)[0]
    >>> len(first) == len(ORGANISATION_COLUMNS), first[:2]
    (True, ['Esimerkkilän hyvinvointialue', 'SOS-V2'])
    """
    return [[result.row.name, *(v for part, _, _ in _PARTS for v in part(result, lang))]
            for result in batch.results]


class RowParts:
    """The organisation rows of a batch cut into the parts that organisations share.

    A row is its name and four parts (its standing, its plan, its next
    extension, its problems), each decided by fewer things than the whole
    row (its key). For each part this holds one result per distinct key
    (``representatives``) and which of them stands for each result
    (``positions``), so that a writer renders each part once per key
    (:meth:`rendered`) however many organisations share it; the values
    rendered are worked out once per language (:meth:`values`).

    Parameters
    ----------
    results : list of OrganisationResult
        The batch's results (:attr:`Batch.results`).

    Examples
    --------
    >>> c, batch = example_batch()
    >>> parts = RowParts(batch.results)
    >>> columns = parts.rendered("en", lambda values, start: values)
    >>> rows = [[r.row.name, *(v for column in columns for v in column[k])] for k, r in enumerate(batch.results)]
    >>> rows == organisation_rows(batch, "en")
    True
    """

    def __init__(self, results: Sequence[OrganisationResult]):
        self.positions: list[list[int]] = []  # per part: each result's key as the number of its representative
        self.representatives: list[list[OrganisationResult]] = []  # per part: the first result of each key
        self._values: dict[str, list[list[list]]] = {}
        for _, _, keys_of in _PARTS:
            keys = keys_of(results)
            numbers: dict = {}
            self.positions.append([numbers.setdefault(key, len(numbers)) for key in keys])
            first = dict(zip(reversed(keys), reversed(results)))
            self.representatives.append([first[key] for key in numbers])

    def values(self, lang: str) -> list[list[list]]:
        """Each part's values (as :func:`organisation_rows` has them) for each of its representatives, worked
        out once per language."""
        found = self._values.get(lang)
        if found is None:
            found = self._values[lang] = [[part(r, lang) for r in representatives]
                                          for (part, _, _), representatives in zip(_PARTS, self.representatives)]
        return found

    def rendered(self, lang: str, render: Callable[[list, int], object]) -> list[list]:
        """Each part's rendering for every result, each distinct key rendered once.

        ``render(values, first_column)`` gets the part's values (as
        :func:`organisation_rows` has them) and the number of the part's
        first column in :data:`ORGANISATION_COLUMNS`; the answer is one list
        per part, one rendering per result. ``render`` must leave the values as they are: they are shared.
        """
        columns = []
        start = 1
        for (_, width, _), positions, values in zip(_PARTS, self.positions, self.values(lang)):
            renderings = [render(v, start) for v in values]
            columns.append(list(map(renderings.__getitem__, positions)))
            start += width
        return columns


def row_parts(batch: Batch) -> RowParts:
    """The batch's :class:`RowParts`, worked out once and kept in the batch's memo: the writers of
    its files share them (the writers in second processes too, forked after they were made).

    Examples
    --------
    >>> c, batch = example_batch()
    >>> row_parts(batch) is row_parts(batch), len(row_parts(batch).positions[0]) == len(batch.results)
    (True, True)
    """
    found = batch.memo.get(RowParts)
    if found is None:
        found = batch.memo[RowParts] = RowParts(batch.results)
    return found


def task_cells(names: dict, task: DatedTask, lang: str = "fi") -> list[object]:
    """The cells of a task's row of tehtavat.csv after the organisation's name (:data:`TASK_COLUMNS` but the
    first): values, not text (dates stay dates).

    Parameters
    ----------
    names : dict
        Item id -> name; an item without one is named by its id.
    task : DatedTask
        One of an organisation's tasks (:attr:`OrganisationResult.tasks`).
    lang : str
        "fi" or "en", for the words of the responsible, the late mark and the note.

    Examples
    --------
    >>> c, batch = example_batch()
    >>> task = next(task for r in batch.results for task in r.tasks if task.late)
    >>> cells = task_cells({i.id: i.name for i in c.items}, task, "en")
    >>> len(cells) == len(TASK_COLUMNS) - 1, cells[0] == task.item, cells[7] == task.due, cells[8]
    (True, True, True, 'yes')
    """
    note = task_note(lang, unparsed=task.unparsed, capped=task.capped, moved=task.moved, timing=task.timing_text)
    return [task.item, names.get(task.item, task.item), task.task_id, task.title,
            responsible_text(task.responsible, task.responsible_key, lang), task.timing_text,
            task.earliest, task.due, _yes_no(task.late, lang) if task.late else "", note]


def task_rows(batch: Batch, names: dict, lang: str = "fi") -> list[list[object]]:
    """One row per organisation and task of its next extension, each built on its own.

    Examples
    --------
    >>> c, batch = example_batch()
    >>> rows = task_rows(batch, {i.id: i.name for i in c.items})
    >>> len(rows[0]) == len(TASK_COLUMNS), rows[0][0]
    (True, 'Esimerkkilän hyvinvointialue')
    """
    return [[result.row.name, *task_cells(names, task, lang)] for result in batch.results for task in result.tasks]


# -- fast writing: what organisations share is rendered once ------------------------------------

# organisations per chunk of a file written: about a megabyte of text (fresh memory for much bigger
# chunks costs the system more time than it saves)
def profile_rows(batch: Batch) -> list[list[object]]:
    """One row per profile (:data:`PROFILE_COLUMNS`), for an organisation with nothing deployed.

    Examples
    --------
    >>> from analyser.report.batch import run_batch
    >>> [row[:3] for row in profile_rows(run_batch(c, build_graph(c), []))][:2]
    [['ARK', 'Arkistointipalvelu (vanhat asiakirjat)', 2], ['SOS-V1', '1. vaiheen asiakastietojärjestelmä', 4]]
    """
    return [[r["profile"], r["name"], len(r["items"]), _count(r["count"]), r["min_rounds"],
             " | ".join(", ".join(w) for w in r["waves"]), ", ".join(r["available"]),
             ", ".join(r["recommended"]), ", ".join(r["excluded"])] for r in batch.profiles]


def finding_rows(batch: Batch, lang: str = "fi") -> list[list[str]]:
    """One row per finding (:data:`FINDING_COLUMNS`), severity and message in the report's language.

    Findings that differ only by the organisation they name (each
    organisation's ``go-live-moved``, say) have the same message but for
    the name: it is worded once and the name put in its place.

    Examples
    --------
    >>> c, batch = example_batch()
    >>> rows = finding_rows(batch, "en")
    >>> [row[5] for row in rows] == [f.text("en") for f in batch.findings], rows[0][0]
    (True, 'error')
    """
    severities = {s: t(f"severity.{s}", lang) for s in {f.severity for f in batch.findings}}
    message = _Messages(lang)
    return [[severities[f.severity], f.code, f.file, f.sheet, f.cell, message(f)] for f in batch.findings]


class _Messages:
    """Findings' messages in one language, worded once for all the organisations a message may name."""

    STAND_INS = ("\x00", "\x00\x00")  # for the name while the rest is worded (_split checks they stand alone)

    def __init__(self, lang: str):
        self.lang = lang
        self.around: dict[tuple, tuple[str, str] | None] = {}

    def __call__(self, finding: Finding) -> str:
        params = finding.params
        for k, (name, value) in enumerate(params):
            if name == "organisation" and value.__class__ is str:
                break
        else:
            return finding.text(self.lang)
        key = (finding.key, params[:k], params[k + 1:])
        around = self.around.get(key, False)
        if around is False:
            around = self.around[key] = self._split(finding.key, dict(params))
        return finding.text(self.lang) if around is None else around[0] + value + around[1]

    def _split(self, key: str, params: dict) -> tuple[str, str] | None:
        """The message before and after the name; None unless the name stands in it once, as it is."""
        one, two = (t(key, self.lang, **{**params, "organisation": stand_in}) for stand_in in self.STAND_INS)
        if one.count(self.STAND_INS[0]) != 1 or one.replace(*self.STAND_INS) != two:
            return None
        head, tail = one.split(self.STAND_INS[0])
        return head, tail


def summary_rows(batch: Batch, lang: str, sources: dict) -> list[list[object]]:
    """The summary sheet: the counts of :func:`~analyser.report.batch.summarise` and the inputs read.

    Examples
    --------
    >>> c, batch = example_batch()
    >>> rows = summary_rows(batch, "en", {"Table": "riippuvuustaulukko.xlsx"})
    >>> rows[0][0], rows[0][1] == batch.summary["organisations"], rows[-1]
    ('Organisations', True, ['Table', 'riippuvuustaulukko.xlsx'])
    """
    s = batch.summary
    keys = ("organisations", "analysed", "not_analysed", "can_extend_now", "nothing_left", "plans_checked",
            "plans_not_allowed", "late_tasks", "targets_moved", "errors", "warnings")
    rows: list[list[object]] = [[t(f"sum.{key}", lang), s[key]] for key in keys]
    for k, b in enumerate(s["most_common_blockers"], start=1):
        rows.append([t("sum.blocker", lang, k=k), t("sum.blocker_value", lang, id=b["id"], n=b["organisations"])])
    from analyser.text.privacy import redact

    for key, path in sources.items():
        rows.append([key, redact(str(path))[0]])
    return rows
