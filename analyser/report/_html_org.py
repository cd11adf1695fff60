"""Internal: what the HTML report says of one organisation — its standing, its plan, its dated tasks.

The pieces serve both pages: the batch report's section of each
organisation (:func:`organisation_section`) and the page ``plan --html``
writes for one organisation. The values are the batch's and the CSV/XLSX
report's own (:func:`analyser.report.rows.problem_text`, the task cells of
``tehtavat.csv``, :func:`analyser.report.rows.task_cells`); only their layout is HTML's.
"""

from __future__ import annotations

from typing import Sequence

from analyser.records import Catalogue
from analyser.report._html_page import cell, esc, table
from analyser.report.batch import OrganisationResult
from analyser.report.briefing import describe
from analyser.report.rows import problem_text, task_cells
from analyser.text.labels import format_date, t

__all__ = ["standing_html", "tasks_html", "organisation_section", "figure_html", "item_list"]


def item_list(catalogue: Catalogue, ids: Sequence[str], lang: str, notes: dict | None = None) -> str:
    """A list of items, each "id – name" (and a note after it, if ``notes`` has one).

    Examples
    --------
    >>> print(item_list(c, ["SOS"], "fi", {"SOS": "<x>"}))
    <ul class="items"><li>SOS – Sosiaalihuollon asiakastiedon arkisto käytössä – &lt;x&gt;</li></ul>
    """
    notes = notes or {}
    return ('<ul class="items">' + "".join(
        f"<li>{esc(describe(catalogue, i, lang))}{' – ' + esc(notes[i]) if notes.get(i) else ''}</li>" for i in ids)
        + "</ul>")


def standing_html(catalogue: Catalogue, lang: str, *, available: Sequence[str], waiting: Sequence[str],
                  blocked: Sequence[tuple[str, Sequence[str]]], excluded: Sequence[str],
                  not_allowed: Sequence[str], level: int = 4) -> str:
    """"What can be taken into use now" and "what blocks the rest", as headed lists.

    Examples
    --------
    >>> text = standing_html(c, "en", available=["SOS"], waiting=[], blocked=[("SOS-V1-HAKU", ["SOS-V1-ARK"])],
    ...                      excluded=[], not_allowed=["PTA"])
    >>> "<h4>What blocks the rest</h4>" in text, "waits for: SOS-V1-ARK" in text
    (True, True)
    """
    h = f"h{level}"
    parts = [f"<{h}>{esc(t('html.can_do_now', lang))}</{h}>"]
    parts.append(item_list(catalogue, available, lang) if available else f"<p>{esc(t('html.nothing_now', lang))}</p>")
    if waiting:
        parts.append(f"<p>{esc(t('col.org.waiting_certification', lang))}:</p>" + item_list(catalogue, waiting, lang))
    parts.append(f"<{h}>{esc(t('html.what_blocks', lang))}</{h}>")
    notes = {i: t("html.waits_for", lang, items=", ".join(m)) for i, m in blocked}
    notes.update({i: t("html.out_of_reach", lang) for i in excluded})
    if notes:
        parts.append(item_list(catalogue, [i for i, _ in blocked] + list(excluded), lang, notes))
    if not_allowed:
        parts.append(f"<p>{esc(t('not_allowed', lang))}: {esc(', '.join(not_allowed))}</p>")
    if not notes and not not_allowed:
        parts.append(f"<p>{esc(t('html.nothing_blocks', lang))}</p>")
    return "\n".join(parts) + "\n"


_TASK_HEADERS = ("due", "task", "title", "responsible", "timing", "note")


def tasks_html(tasks: Sequence, names: dict, lang: str, caption: str, *, items: bool = False) -> str:
    """The dated tasks as a table; a late one says so in words beside its date (and in colour, and framed
    in print).

    ``items`` adds a column of the items a task is for (a plan's tasks are
    of several items).

    Examples
    --------
    >>> c, plan = example_plan()
    >>> text = tasks_html(plan.tasks, {}, "en", "Tasks")
    >>> text.count('<tr class="late">') == sum(1 for task in plan.tasks if task.late) > 0, "⚠ LATE" in text
    (True, True)
    """
    if not tasks:
        return f"<p>{esc(t('html.no_tasks', lang))}</p>\n"
    headers = [t(f"col.task.{key}", lang) for key in _TASK_HEADERS]
    if items:
        headers.insert(1, t("html.col.items", lang))
    late = f" <strong>⚠ {esc(t('task_late', lang))}</strong></td>"
    rows = []
    for task in tasks:
        item, _, number, title, responsible, timing, _, due, _, note = task_cells(names, task, lang)
        when = cell(due, lang) if due else cell(t("task_no_date", lang), lang)
        if task.late:
            when = when.replace("<td", '<td class="late"', 1).replace("</td>", late)
        cells = [when, cell(number, lang), cell(title, lang), cell(responsible, lang), cell(timing, lang),
                 cell(note, lang)]
        if items:
            cells.insert(1, cell(", ".join(task.items or (item,)), lang))
        rows.append(f'<tr{" class=" + chr(34) + "late" + chr(34) if task.late else ""}>{"".join(cells)}</tr>')
    return "".join(table(caption, headers, rows))


def figure_html(svg: str | None, note: str, kind: str = "diagram") -> str:
    """A drawing in a figure of the ``kind`` (its class), or the note saying why there is none.

    Examples
    --------
    >>> figure_html(None, "No <drawing>")
    '<p class="note">No &lt;drawing&gt;</p>\\n'
    """
    if svg is None:
        return f'<p class="note">{esc(note)}</p>\n'
    return f'<figure class="{kind}">{svg}</figure>\n'


def _plan_html(result: OrganisationResult, catalogue: Catalogue, lang: str) -> str:
    """The organisation's planned order and its verdict, the recommended order, the next extension."""
    row, standing = result.row, result.standing
    parts = [f"<h4>{esc(t('sheet.plan', lang))}</h4>"]
    if row.planned:
        parts.append(f"<p>{esc(t('col.org.planned', lang))}: {esc(', '.join(row.planned))}</p>")
        if result.plan_allowed:
            parts.append(f"<p>{esc(t('order_ok', lang))}</p>")
        else:
            parts.append(f'<p class="bad">{esc(t("order_bad", lang, n=len(result.violations)))}</p><ul>' + "".join(
                "<li>" + esc(t("violation_" + v["reason"], lang, position=v["position"], id=v["id"],
                               missing=", ".join(v["missing"]))) + "</li>" for v in result.violations) + "</ul>")
    else:
        parts.append(f"<p>{esc(t('html.no_planned_order', lang))}</p>")
    count = "?" if standing.count is None else standing.count
    parts.append(f"<p>{esc(t('recommended', lang))}: {esc(', '.join(standing.recommended) or t('none', lang))} "
                 f"({esc(t('col.org.count', lang))} {esc(count)}; {esc(t('col.org.min_rounds', lang))} "
                 f"{standing.min_rounds})</p>")
    if result.next_item is None:
        parts.append(f"<p>{esc(t('html.no_next', lang))}</p>")
    elif result.go_live is None:
        parts.append(f"<p>{esc(t('html.next_no_day', lang, item=describe(catalogue, result.next_item, lang)))}</p>")
    else:
        parts.append("<p>" + esc(t("html.next_go_live", lang, item=describe(catalogue, result.next_item, lang),
                                   date=format_date(result.go_live, lang), period=result.period or "")) + "</p>")
    if result.dating is not None:
        parts.append(f"<p>{esc(t('html.why', lang, reason=result.dating.text(lang)))}</p>")
    return "\n".join(parts) + "\n"


def organisation_section(result: OrganisationResult, index: int, catalogue: Catalogue, names: dict, lang: str,
                         figure: str) -> str:
    """One organisation's section of the batch report (``figure``: its drawing or the note why there is none).

    Examples
    --------
    >>> c, batch = example_batch()
    >>> names = {i.id: i.name for i in c.items}
    >>> text = organisation_section(batch.results[0], 0, c, names, "en", "")
    >>> text.startswith('<section class="org" id="o-0" aria-labelledby="o-0-h">'), "<h4>Dated tasks</h4>" in text
    (True, True)
    """
    row, standing = result.row, result.standing
    head = (f'<section class="org" id="o-{index}" aria-labelledby="o-{index}-h">\n'
            f'<h3 id="o-{index}-h">{esc(row.name)}</h3>\n')
    place = t("html.row", lang, file=row.place.file.replace("\\", "/").rsplit("/", 1)[-1], row=row.place.row + 1)
    deployed = ", ".join(row.deployed) or t("none", lang)
    meta = (f'<p class="meta">{esc(t("profile", lang))}: {esc(standing.profile if standing else row.profile_text)}'
            f" · {esc(t('deployed', lang))}: {esc(deployed)} · {esc(place)}</p>\n")
    problems = [problem_text(f, lang) for f in (*row.problems, *(standing.warnings if standing else ()))]
    found = (f"<h4>{esc(t('col.org.problems', lang))}</h4><ul>" + "".join(f"<li>{esc(p)}</li>" for p in problems)
             + "</ul>\n") if problems else ""
    back = f'<p class="to-table"><a href="#organisations">{esc(t("html.to_table", lang))}</a></p>\n</section>\n'
    if standing is None:
        return head + meta + f"<p>{esc(t('html.not_analysed', lang))}</p>\n" + figure + found + back
    lists = standing_html(catalogue, lang, available=standing.available, waiting=standing.waiting_certification,
                          blocked=standing.blocked, excluded=standing.excluded, not_allowed=standing.not_allowed)
    caption = t("html.tasks_caption", lang, n=len(result.tasks), late=result.late)
    tasks = (f"<h4>{esc(t('html.dated_tasks', lang))}</h4>\n"
             + tasks_html(result.tasks, names, lang, caption))
    facts = f'<div class="facts"><div>\n{lists}</div><div>\n{_plan_html(result, catalogue, lang)}</div></div>\n'
    return head + meta + figure + facts + tasks + found + back
