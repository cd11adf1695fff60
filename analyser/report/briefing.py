"""Answers rendered as text for people, in Finnish or English.

Item names come from the workbook as written; only the tool's own words
change with ``lang``.
"""

from __future__ import annotations

from analyser.planning.answers import exclusion_text
from analyser.records import Catalogue
from analyser.text.labels import format_date, group_label, t
from analyser.text.vocabulary import natural_key

__all__ = ["render_validate", "render_orders", "render_next", "render_next_extras", "render_check", "render_plan",
           "describe", "format_date", "bound_text", "task_note", "responsible_text"]


def describe(catalogue: Catalogue, item_id: str, lang: str = "fi", partly: bool = False) -> str:
    """"ID – name" for an item, "(osittain)" added when the profile allows it only partly.

    Examples
    --------
    >>> describe(c, "SOS-VANHAT")
    'SOS-VANHAT – Vanhojen asiakirjojen arkistointi'
    >>> describe(c, "SOS-VANHAT", "en", partly=True)
    'SOS-VANHAT – Vanhojen asiakirjojen arkistointi (partly)'
    >>> describe(c, "X-UNKNOWN")  # an id the catalogue does not know stays as it is
    'X-UNKNOWN'
    """
    item = catalogue.find_item(item_id)
    text = f"{item_id} – {item.name}" if item is not None and item.name != item_id else item_id
    if partly:
        text += f" ({t('partly', lang)})"
    return text


def _ids(ids, lang: str) -> str:
    return ", ".join(ids) if ids else t("none", lang)


def render_validate(answer: dict, lang: str = "fi") -> str:
    """The ``validate`` answer (:func:`~analyser.planning.answers.validate_answer`) as one verdict.

    Examples
    --------
    >>> from analyser.planning.answers import validate_answer
    >>> render_validate(validate_answer(load_catalogue()), "en")
    'The input is valid: 20 functionalities, 5 profiles, 11 tasks, 9 deployment periods.'
    >>> from analyser.findings import Finding
    >>> bad = Finding.of("duplicate-id", "t.xlsx", "S", "A5", id="X", first="A3").as_dict()
    >>> render_validate({"findings": [bad]}, "en"), render_validate({"findings": [bad, bad]})
    ('The input has 1 error and 0 warnings.', 'Lähtötiedoissa on 2 virhettä ja 0 varoitusta.')
    """
    errors = sum(1 for f in answer["findings"] if f["severity"] == "error")
    warnings = sum(1 for f in answer["findings"] if f["severity"] == "warning")  # info findings are neither
    if errors:
        return t("invalid", lang, errors=t("n_errors", lang, n=errors), warnings=t("n_warnings", lang, n=warnings))
    head = t("valid", lang, items=t("n_items", lang, n=answer["items"]),
             profiles=t("n_profiles", lang, n=len(answer["profiles"])), tasks=t("n_tasks", lang, n=answer["tasks"]),
             periods=t("n_periods", lang, n=answer["periods"]))
    if warnings:
        head += "\n" + t("warnings_only", lang, warnings=t("n_warnings", lang, n=warnings))
    return head


def render_orders(answer: dict, catalogue: Catalogue, lang: str = "fi") -> str:
    """The ``orders`` answer (:func:`~analyser.planning.answers.orders_answer`) as a briefing.

    Examples
    --------
    >>> from analyser.planning.answers import orders_answer
    >>> text = render_orders(orders_answer(Situation(c, build_graph(c), "ARK")), c, "en")
    >>> print("\\n".join(text.splitlines()[:10]))
    Profile: ARK
    Deployed: none
    <BLANKLINE>
    Still to deploy (2):
      SOS – Sosiaalihuollon asiakastiedon arkisto käytössä
      SOS-VANHAT – Vanhojen asiakirjojen arkistointi
    <BLANKLINE>
    Allowed orders: 1
    Staged plans (batches): 1
    Minimum deployment rounds: 2
    """
    partly = set(answer.get("partly", []))
    groups = answer.get("level") == "groups"

    def name(i: str) -> str:
        return group_label(i, lang) if groups else describe(catalogue, i, lang, i in partly)

    def names(ids) -> str:
        return ", ".join(group_label(i, lang) for i in ids) if groups else ", ".join(ids)

    lines = [f"{t('profile', lang)}: {answer['profile']}"]
    if answer.get("level") == "groups":
        lines.append(t("level_groups", lang))
    lines.append(f"{t('deployed', lang)}: {_ids(answer['deployed'], lang)}")
    lines.append("")
    lines.append(t("items_left", lang, n=len(answer["items"])) + ":")
    lines += [f"  {name(i)}" for i in answer["items"]] or [f"  {t('none', lang)}"]
    lines.append("")
    lines.append(f"{t('count', lang)}: {answer['count']}")
    staged = answer.get("staged_plans")
    lines.append(f"{t('staged_plans', lang)}: {staged if staged is not None else t('staged_unknown', lang)}")
    lines.append(f"{t('min_rounds', lang)}: {answer['min_rounds']}")
    lines.append("")
    lines.append(t("waves", lang) + ":")
    for n, wave in enumerate(answer["waves"], start=1):
        lines.append(f"  {t('wave', lang, n=n)}: {names(wave)}")
    lines.append("")
    lines.append(t("recommended", lang) + ":")
    for n, step in enumerate(answer["recommended_reasons"], start=1):
        lines.append(f"  {n}. {name(step['id'])}  [{t('reason_' + step['reason'], lang)}]")
    if "orders" in answer:
        lines.append("")
        lines.append(t("listed", lang, n=len(answer["orders"])) + ":")
        lines += [f"  {names(order)}" for order in answer["orders"]]
    if "samples" in answer:
        lines.append("")
        lines.append(t("samples", lang, seed=answer.get("seed")) + ":")
        lines += [f"  {names(order)}" for order in answer["samples"]]
    if "rank" in answer:
        lines.append("")
        lines.append(t("rank", lang, rank=answer["rank"]["rank"], order=names(answer["rank"]["order"])))
    if "unranked" in answer:
        lines.append("")
        lines.append(t("unranked", lang, rank=answer["unranked"]["rank"], order=names(answer["unranked"]["order"])))
    if "freedom" in answer:
        f = answer["freedom"]
        lines.append("")
        lines.append(t("freedom", lang) + ":")
        for item, pos in f["positions"].items():
            fixed = t("fixed", lang) if pos["earliest"] == pos["latest"] else ""
            lines.append(f"  {name(item)}: {t('positions', lang, earliest=pos['earliest'], latest=pos['latest'])}"
                         + (f" ({fixed})" if fixed else ""))
        if f["first"]:
            lines.append(t("first_counts", lang) + ":")
            for item, n in f["first"].items():
                lines.append(f"  {group_label(item, lang) if groups else item}: {n} / {f['total']}")
    lines += _excluded_lines(answer, catalogue, lang)
    if answer["not_allowed"]:
        lines.append("")
        lines.append(f"{t('not_allowed', lang)}: {', '.join(answer['not_allowed'])}")
    return "\n".join(lines)


def _reason(exclusion: dict, lang: str) -> str:
    """Why an item is out of reach, in ``lang`` (the answer's own sentence when it does not say why)."""
    if "kind" in exclusion:
        return exclusion_text(exclusion["kind"], exclusion["blockers"], lang)
    return exclusion["reason"]


def _excluded_lines(answer: dict, catalogue: Catalogue, lang: str) -> list[str]:
    if not answer["excluded"]:
        return []
    return ["", t("excluded", lang) + ":",
            *(f"  {describe(catalogue, e['id'], lang)}: {_reason(e, lang)}" for e in answer["excluded"])]


def render_next(answer: dict, catalogue: Catalogue, lang: str = "fi") -> str:
    """The ``next`` answer (:func:`~analyser.planning.answers.next_answer`): what is available, blocked, not allowed.

    Examples
    --------
    >>> from analyser.planning.answers import next_answer
    >>> text = render_next(next_answer(Situation(c, build_graph(c), "SOS-V1", deployed=["SOS"])), c, "en")
    >>> print("\\n".join(text.splitlines()[:9]))
    Profile: SOS-V1
    Deployed: SOS
    <BLANKLINE>
    Can be taken into use now:
      SOS-V1-ARK – 1. vaiheen asiakirjojen arkistointi
      SOS-VANHAT – Vanhojen asiakirjojen arkistointi
    <BLANKLINE>
    Waiting for prerequisites:
      SOS-V1-HAKU – Asiakirjojen haku omaan käyttöön – first: SOS-V1-ARK
    >>> text = render_next(next_answer(Situation(c, build_graph(c), "SOS-V1", deployed=["SOS"]),
    ...                                today=dt.date(2017, 6, 1)), c, "en")
    >>> print("\\n".join(text.splitlines()[3:8]))
    Can be taken into use now:
      SOS-VANHAT – Vanhojen asiakirjojen arkistointi
    <BLANKLINE>
    Not yet available:
      SOS-V1-ARK – 1. vaiheen asiakirjojen arkistointi – available from 2018-01-01
    """
    partly = set(answer.get("partly", []))
    lines = [f"{t('profile', lang)}: {answer['profile']}",
             f"{t('deployed', lang)}: {_ids(answer['deployed'], lang)}", ""]
    lines.append(t("available", lang) + ":")
    lines += [f"  {describe(catalogue, i, lang, i in partly)}" for i in answer["available"]] or [f"  {t('none', lang)}"]
    if answer.get("not_yet_available"):
        lines.append("")
        lines.append(t("not_yet_available", lang) + ":")
        lines += [f"  {describe(catalogue, n['id'], lang, n['id'] in partly)} – "
                  + t("available_from_date", lang, date=format_date(n["available_from"], lang))
                  for n in answer["not_yet_available"]]
    if answer["blocked"]:
        lines.append("")
        lines.append(t("blocked", lang) + ":")
        for b in answer["blocked"]:
            lines.append(f"  {describe(catalogue, b['id'], lang, b['id'] in partly)} – "
                         + t("needs_first", lang, items=", ".join(b["missing"])))
    lines += _excluded_lines(answer, catalogue, lang)
    if answer["not_allowed"]:
        lines.append("")
        lines.append(t("not_allowed", lang) + ":")
        for n in answer["not_allowed"]:
            allowed = (t("allowed_by", lang, profiles=", ".join(n["allowed_by"]))
                       if n["allowed_by"] else t("allowed_by_none", lang))
            lines.append(f"  {describe(catalogue, n['id'], lang)} – {allowed}")
    return "\n".join(lines)


def render_check(answer: dict, lang: str = "fi") -> str:
    """The ``check`` answer (:func:`~analyser.planning.answers.check_answer`): allowed, or every violation.

    Examples
    --------
    >>> from analyser.planning.answers import check_answer
    >>> s = Situation(c, build_graph(c), "SOS-V1")
    >>> print(render_check(check_answer(s, ["SOS", "SOS-V1-ARK"]), "en"))
    The order is allowed.
    >>> print(render_check(check_answer(s, ["SOS", "SOS-V1-HAKU"]), "en"))
    The order is not allowed (1 violation):
      position 2: SOS-V1-HAKU needs first: SOS-V1-ARK
    """
    if answer["allowed"]:
        return t("order_ok", lang)
    lines = [t("order_bad", lang, n=len(answer["violations"]))]
    for v in answer["violations"]:
        lines.append("  " + t("violation_" + v["reason"], lang, position=v["position"], id=v["id"],
                              missing=", ".join(v["missing"])))
    return "\n".join(lines)


def task_note(lang: str = "fi", *, unparsed: bool, capped: bool, moved: bool, timing: str = "") -> str:
    """Why a dated task's date is as it is ("" when it is simply its timing), in one phrase.

    Examples
    --------
    >>> task_note("en", unparsed=False, capped=False, moved=True)
    'moved earlier for a following task'
    >>> task_note("en", unparsed=False, capped=False, moved=False)
    ''
    """
    if unparsed:
        return t("task_unparsed", lang, text=timing)
    if capped:
        return t("task_capped", lang)
    if moved:
        return t("task_moved", lang)
    return ""


def responsible_text(responsible: str, responsible_key: str | None, lang: str = "fi") -> str:
    """Who does a task: as the workbook writes it, else the tool's word for the party.

    Examples
    --------
    >>> responsible_text("", "vendor", "en"), responsible_text("Kela", "kela", "en")
    ('vendor', 'Kela')
    """
    return responsible or t("resp_" + (responsible_key or "other"), lang)


def render_next_extras(answer: dict, catalogue: Catalogue, lang: str = "fi") -> str:
    """The certification and what-if parts of ``analyser next`` ("" when there are none).

    Examples
    --------
    >>> from analyser.planning.answers import next_answer
    >>> s = Situation(c, build_graph(c), "SOS-V1", deployed=["SOS"], certified=["SOS-VANHAT"])
    >>> text = render_next_extras(next_answer(s), c, "en")
    >>> print("\\n".join(text.splitlines()[:6]))
    <BLANKLINE>
    Waiting for the system's certification (the vendor's part):
      SOS-V1-ARK – 1. vaiheen asiakirjojen arkistointi
    <BLANKLINE>
    If the profile were changed:
      ARK: still reachable 1; gains: none; losses: SOS-V1-ARK, SOS-V1-HAKU
    >>> render_next_extras({}, c)
    ''
    """
    lines = []
    if answer.get("waiting_certification"):
        lines.append("")
        lines.append(t("waiting_certification", lang) + ":")
        lines += [f"  {describe(catalogue, i, lang)}" for i in answer["waiting_certification"]]
    if answer.get("what_if"):
        lines.append("")
        lines.append(t("what_if", lang) + ":")
        for row in answer["what_if"]:
            lines.append("  " + t("what_if_row", lang, profile=row["profile"], n=row["count_reachable"],
                                  gains=_ids(row["gains"], lang), losses=_ids(row["losses"], lang)))
            if row["deployed_not_allowed"]:
                lines.append("  " + t("what_if_deployed", lang, profile=row["profile"],
                                      items=", ".join(row["deployed_not_allowed"])))
    return "\n".join(lines)


def bound_text(plan: dict, lang: str) -> str:
    """Why the lower bound on periods is what it is, as one line (``Plan.as_dict()`` input).

    Examples
    --------
    >>> plan = {"bound_reasons": {"chain": 3, "capacity": 4}, "per_period": 1, "items": ["A", "B", "C", "D"]}
    >>> bound_text(plan, "en")
    '⌈4 items / 1 per period⌉ = 4; longest prerequisite chain 3'
    >>> bound_text(dict(plan, per_period=None), "fi")  # no capacity limit: no capacity reason
    'pisin edellytysketju 3'
    """
    parts = []
    for key, value in sorted(plan["bound_reasons"].items()):
        if key == "chain":
            parts.append(t("bound_chain", lang, n=value))
        elif key == "capacity":
            if plan["per_period"] is None:
                continue
            parts.append(t("bound_capacity", lang, items=len(plan["items"]), k=plan["per_period"], n=value))
        elif key in ("registration", "window", "deadlines"):
            parts.append(t("bound_" + key, lang, n=value))
        else:
            parts.append(f"{key} {value}")
    return "; ".join(parts)


def _period_head(period: dict, lang: str) -> str:
    head = t("period_line", lang, name=period["name"])
    if period["synthetic"]:
        return head + " " + t("period_synthetic", lang)
    head += " " + t("period_dates", lang, start=format_date(period["start"], lang), end=format_date(period["end"], lang))
    if period["registration_deadline"]:
        head += ", " + t("period_deadline", lang, date=format_date(period["registration_deadline"], lang))
    if not period["accepts_registration"]:
        head += f" ({t('period_closed', lang)})"
    return head


def _extension_flags(e: dict, lang: str) -> str:
    flags = []
    if e["go_live"]:
        flags.append(t("go_live", lang, date=format_date(e["go_live"], lang)))
    if e["needs_registration"]:
        flags.append(t("needs_registration", lang))
    if e["needs_test"]:
        flags.append(t("needs_test", lang))
    if e["waiting_certification"]:
        flags.append(t("waits_certification", lang))
    return f" – {', '.join(flags)}" if flags else ""


def _task_line(task: dict, lang: str, covered: list | None = None) -> str:
    """One dated task of a plan; a task of the period names the items it covers when not all of the period's."""
    due = format_date(task["due"], lang) if task["due"] else t("task_no_date", lang)
    who = responsible_text(task["responsible"], task["responsible_key"], lang)
    mark = f"  {t('task_late', lang)}" if task["late"] else ""
    notes = [task_note(lang, unparsed=task["unparsed"], capped=task["registration_deadline"], moved=task["moved"],
                       timing=task["timing"])]
    if covered is not None and list(task["items"]) != list(covered):
        notes.append(t("task_covers", lang, items=task["items"]))
    extra = f" [{'; '.join(n for n in notes if n)}]" if any(notes) else ""
    return f"      {due:>10}  {task['title']} ({who}){mark}{extra}"


def render_plan(plan: dict, catalogue: Catalogue, lang: str = "fi") -> str:
    """A planner's briefing of a plan (``Plan.as_dict()``).

    Examples
    --------
    >>> from analyser.planning.plan import make_plan, plan_periods
    >>> s = Situation(c, build_graph(c), "SOS-LV", deployed=("SOS", "SOS-VANHAT", "SOS-V1-ARK"))
    >>> ps = plan_periods(c.periods, start=dt.date(2027, 1, 1), today=dt.date(2026, 11, 1))
    >>> p = make_plan(s, target="SOS-LV-INF", periods=ps, start=dt.date(2027, 1, 1), today=dt.date(2026, 11, 1))
    >>> lines = render_plan(p.as_dict(), c, "en").splitlines()
    >>> print("\\n".join(lines[2:6]))
    Profile: SOS-LV
    Deployed: SOS, SOS-V1-ARK, SOS-VANHAT
    Target: SOS-LV-INF – Kanta-informoinnin kirjaaminen
    The target needs 1 functionality; allowed orders: 1.
    >>> print("\\n".join(lines[9:15]))
    Period 2027/1 2027-01-11–2027-03-19, register by 2026-11-30
      Tasks of the whole period (SOS-LV-INF):
          2026-11-30  Ilmoittautuminen käyttöönottojaksolle (sote-toimija) [the period's registration deadline]
          2027-03-19  Toimintamallikoulutukset (Kela)
      SOS-LV-INF – Kanta-informoinnin kirjaaminen – go-live 2027-01-11, needs period registration, deployment test
          2026-10-19  Laajennuksen suunnittelu järjestelmätoimittajan kanssa (sote-toimija)  LATE
    """
    lines = [t("plan_title", lang), ""]
    lines.append(f"{t('profile', lang)}: {plan['profile']}")
    lines.append(f"{t('deployed', lang)}: {_ids(plan['deployed'], lang)}")
    count = plan["count"] if plan["count"] is not None else "?"
    if plan["target"]:
        lines.append(f"{t('plan_target', lang)}: {describe(catalogue, plan['target'], lang)}")
        lines.append(t("plan_path", lang, n=len(plan["items"]), count=count))
    else:
        lines.append(t("plan_all", lang, n=len(plan["items"]), count=count))
    lines.append(t("plan_periods", lang, used=plan["periods_used"], bound=plan["lower_bound"],
                   reasons=bound_text(plan, lang)))
    lines.append(t("plan_optimal", lang) if plan["optimal"] else t("plan_not_proven", lang, method=plan["method"]))
    by_period: dict[str, list[dict]] = {}
    for e in plan["extensions"]:
        by_period.setdefault(e["period"], []).append(e)
    for period in plan["periods"]:
        if period["name"] not in by_period:
            continue
        lines.append("")
        lines.append(_period_head(period, lang))
        tasks = [task for task in plan["tasks"] if task["period"] == period["name"]]
        shared = [task for task in tasks if task.get("shared")]
        if shared:
            covered = sorted({i for task in shared for i in task["items"]}, key=natural_key)
            lines.append("  " + t("period_tasks", lang, items=covered) + ":")
            lines += [_task_line(task, lang, covered) for task in shared]
        for e in by_period[period["name"]]:
            lines.append(f"  {describe(catalogue, e['id'], lang, e['partly'])}" + _extension_flags(e, lang))
            lines += [_task_line(task, lang) for task in tasks if not task.get("shared") and task["id"] == e["id"]]
    if plan["unplaced"]:
        lines.append("")
        lines.append(f"{t('unplaced', lang)}: {', '.join(plan['unplaced'])}")
    if plan["waiting_certification"]:
        lines.append("")
        lines.append(f"{t('waiting_certification', lang)}: {', '.join(plan['waiting_certification'])}")
    lines.append("")
    lines.append(t("notes", lang) + ": " + "; ".join(t("note." + n, lang) for n in plan["notes"]))
    return "\n".join(lines)
