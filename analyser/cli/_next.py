"""``analyser next``: what can be taken into use now, and what blocks the rest."""

from __future__ import annotations

from typing import TextIO

from analyser.cli import _parser
from analyser.cli._shared import (EXIT_FINDINGS, EXIT_OK, date_arg, dump_json, load, make_situation, name,
                                  print_findings, resolved, write_csv)
from analyser.text.labels import t


def arguments(p) -> None:
    _parser.common(p)
    _parser.situation(p)
    _parser.certified(p)
    p.add_argument("--today", metavar=t("cli.mv.date", p.lang), help=t("cli.opt.today_next", p.lang))
    p.add_argument("--target", metavar=t("cli.mv.item", p.lang), help=t("cli.opt.target_next", p.lang))


def run(args, out: TextIO, err: TextIO) -> int:
    import datetime as dt

    from analyser.planning.answers import next_answer
    from analyser.planning.situation import resolve_item
    from analyser.report.briefing import render_next, render_next_extras

    catalogue = load(args, with_tasks=False)
    situation = make_situation(args, catalogue, err)
    print_findings([*catalogue.findings, *situation.findings], err, args.lang)
    today = date_arg(args.today, "--today") or dt.date.today()
    target = resolved(args, err, resolve_item, catalogue, args.target, "--target") if args.target else None
    answer = next_answer(situation, lang=args.lang, today=today, target=target)
    if args.format == "json":
        dump_json(answer, out)
    elif args.format == "csv":
        write_csv(["id", "name", "status", "missing", "allowed_by"], _csv_rows(catalogue, answer), out)
    else:
        out.write(render_next(answer, catalogue, args.lang) + "\n")
        extras = render_next_extras(answer, catalogue, args.lang)
        if extras:
            out.write(extras + "\n")
        if target is not None:
            out.write("\n" + ranking_text(answer, args.lang) + "\n")
    return EXIT_FINDINGS if catalogue.errors else EXIT_OK


def ranking_text(answer: dict, lang: str = "fi") -> str:
    """The profiles of a ``next --target`` answer, best first, one numbered sentence each.

    Examples
    --------
    >>> from analyser.planning.answers import next_answer
    >>> a = next_answer(Situation(c, build_graph(c), "SOS-V1", deployed=["SOS"]), target="SOS-LV-HAKU")
    >>> print(ranking_text(a, "en"))  # doctest: +ELLIPSIS
    The profiles for the target SOS-LV-HAKU, best first:
      1. SOS-LV reaches the target: 5 more functionalities to take into use in at least 4 rounds; 4 new \
    functionalities come within reach: SOS-LV-HAKU, SOS-LV-INF, SOS-LV-KIE, SOS-LV-LUP; it loses nothing.
      2. SOS-V1 (current profile) does not reach the target because it does not allow SOS-LV-HAKU, ...
    ...
    >>> print(ranking_text(a).splitlines()[4])
      4. ARK ei saavuta tavoitetta, koska se ei salli osatoteutuksia SOS-LV-HAKU, SOS-LV-INF, SOS-LV-KIE, \
    SOS-LV-LUP, SOS-V1-ARK; se menettää osatoteutuksen SOS-V1-ARK.
    """
    lines = [t("rank.title", lang, target=answer["target"]) + ":"]
    for position, row in enumerate(answer["profiles"], start=1):
        profile = t("rank.current", lang, profile=row["profile"]) if row["current"] else row["profile"]
        if row["reaches_target"]:
            n = len(row["still_to_deploy"])
            main = t("rank.reaches", lang, profile=profile, n=n) + " " + t("rank.rounds", lang, n=row["min_rounds"])
        else:
            blockers = row["blocked_by"]
            key = "rank.cycle" if row["reason"] == "cycle" else "rank.not_allowed"
            main = t(key, lang, profile=profile, items=blockers, n=len(blockers))
        if row["gains"]:
            main += t("rank.gains", lang, items=row["gains"], n=len(row["gains"]))
        lost = t("rank.lost", lang, items=row["lost"], n=len(row["lost"])) if row["lost"] else t("rank.lost_none", lang)
        lines.append(f"  {position}. {main}; {lost}.")
    return "\n".join(lines)


def _csv_rows(catalogue, answer: dict) -> list[list]:
    rows = [[i, name(catalogue, i, answer), "available", "", ""] for i in answer["available"]]
    rows += [[b["id"], name(catalogue, b["id"], answer), "blocked", ", ".join(b["missing"]), ""]
             for b in answer["blocked"]]
    rows += [[e["id"], name(catalogue, e["id"], answer), "excluded", e["reason"], ""] for e in answer["excluded"]]
    rows += [[n["id"], name(catalogue, n["id"], answer), "not-allowed", ", ".join(n["missing"]),
              ", ".join(n["allowed_by"])] for n in answer["not_allowed"]]
    rows += [[i, name(catalogue, i, answer), "waiting-certification", "", ""]
             for i in answer["waiting_certification"]]
    rows += [[n["id"], name(catalogue, n["id"], answer), "not-yet-available", n["available_from"], ""]
             for n in answer["not_yet_available"]]
    return rows
