"""Answers rendered as text for people, in Finnish or English.

Item names come from the workbook as written; only the tool's own words
change with ``lang``.
"""

from __future__ import annotations

from analyser.labels import t
from analyser.records import Catalogue

__all__ = ["render_validate", "render_orders", "render_next", "render_check", "describe"]


def describe(catalogue: Catalogue, item_id: str, lang: str = "fi", partly: bool = False) -> str:
    """"ID – name" for an item, "(osittain)" added when the profile allows it only partly."""
    item = catalogue.find_item(item_id)
    text = f"{item_id} – {item.name}" if item is not None and item.name != item_id else item_id
    if partly:
        text += f" ({t('partly', lang)})"
    return text


def _ids(ids, lang: str) -> str:
    return ", ".join(ids) if ids else t("none", lang)


def render_validate(answer: dict, lang: str = "fi") -> str:
    errors = sum(1 for f in answer["findings"] if f["severity"] == "error")
    warnings = len(answer["findings"]) - errors
    if errors:
        return t("invalid", lang, errors=errors, warnings=warnings)
    head = t("valid", lang, items=answer["items"], profiles=len(answer["profiles"]),
             tasks=answer["tasks"], periods=answer["periods"])
    if warnings:
        head += "\n" + t("warnings_only", lang, warnings=warnings)
    return head


def render_orders(answer: dict, catalogue: Catalogue, lang: str = "fi") -> str:
    partly = set(answer.get("partly", []))
    labels = answer.get("labels")

    def name(i: str) -> str:
        if labels:
            return f"{i} – {labels.get(i, i)}"
        return describe(catalogue, i, lang, i in partly)

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
        lines.append(f"  {t('wave', lang, n=n)}: {', '.join(wave)}")
    lines.append("")
    lines.append(t("recommended", lang) + ":")
    for n, step in enumerate(answer["recommended_reasons"], start=1):
        lines.append(f"  {n}. {name(step['id'])}  [{t('reason_' + step['reason'], lang)}]")
    if "orders" in answer:
        lines.append("")
        lines.append(t("listed", lang, n=len(answer["orders"])) + ":")
        lines += [f"  {', '.join(order)}" for order in answer["orders"]]
    if "samples" in answer:
        lines.append("")
        lines.append(t("samples", lang, seed=answer.get("seed")) + ":")
        lines += [f"  {', '.join(order)}" for order in answer["samples"]]
    if answer["excluded"]:
        lines.append("")
        lines.append(t("excluded", lang) + ":")
        lines += [f"  {describe(catalogue, e['id'], lang)}: {e['reason']}" for e in answer["excluded"]]
    if answer["not_allowed"]:
        lines.append("")
        lines.append(f"{t('not_allowed', lang)}: {', '.join(answer['not_allowed'])}")
    return "\n".join(lines)


def render_next(answer: dict, catalogue: Catalogue, lang: str = "fi") -> str:
    partly = set(answer.get("partly", []))
    lines = [f"{t('profile', lang)}: {answer['profile']}",
             f"{t('deployed', lang)}: {_ids(answer['deployed'], lang)}", ""]
    lines.append(t("available", lang) + ":")
    lines += [f"  {describe(catalogue, i, lang, i in partly)}" for i in answer["available"]] or [f"  {t('none', lang)}"]
    if answer["blocked"]:
        lines.append("")
        lines.append(t("blocked", lang) + ":")
        for b in answer["blocked"]:
            lines.append(f"  {describe(catalogue, b['id'], lang, b['id'] in partly)} – "
                         + t("needs_first", lang, items=", ".join(b["missing"])))
    if answer["excluded"]:
        lines.append("")
        lines.append(t("excluded", lang) + ":")
        lines += [f"  {describe(catalogue, e['id'], lang)}: {e['reason']}" for e in answer["excluded"]]
    if answer["not_allowed"]:
        lines.append("")
        lines.append(t("not_allowed", lang) + ":")
        for n in answer["not_allowed"]:
            allowed = (t("allowed_by", lang, profiles=", ".join(n["allowed_by"]))
                       if n["allowed_by"] else t("allowed_by_none", lang))
            lines.append(f"  {describe(catalogue, n['id'], lang)} – {allowed}")
    return "\n".join(lines)


def render_check(answer: dict, lang: str = "fi") -> str:
    if answer["allowed"]:
        return t("order_ok", lang)
    lines = [t("order_bad", lang, n=len(answer["violations"]))]
    for v in answer["violations"]:
        lines.append("  " + t("violation_" + v["reason"], lang, position=v["position"], id=v["id"],
                              missing=", ".join(v["missing"])))
    return "\n".join(lines)
