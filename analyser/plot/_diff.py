"""Internal: the diagram of what a new version of the table changes (``analyser plot diff OLD NEW``).

The graph is :func:`~analyser.planning.version_effects.diff_graph`: both
versions together, restricted to a profile. Added, removed and changed items
and requirements differ by colour, by outline and line style (solid and thick,
dashed, dash-dot, thin) and by the pattern at each box's right edge, so a
grey-scale print still tells them apart. The footnotes carry the profile's
allowed orders and waves before and after, and what became (un)reachable.

In the SVG each box outline and arrow carries an id ``diff-item-<state>-<k>``
or ``diff-link-<state>-<k>``, so a reader (or a test) can find them.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from analyser.palette import OKABE_ITO, tint
from analyser.planning.changes import TableDiff
from analyser.planning.version_effects import STATES, VersionEffect, diff_graph, version_effects
from analyser.plot._canvas import _Canvas, _Legend, _LegendEntry, _Page, figure_function
from analyser.plot._diagram import _STRIP, _draw_diagram, _lane_labels, _profile_text
from analyser.plot._style import _INK, _file_name, _ids_text, _subtitle
from analyser.plot.layout import LayoutStyle, layout_diagram
from analyser.model import build_graph
from analyser.text.labels import format_date, format_number, t
from analyser.text.vocabulary import natural_key

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["diff_diagram", "DIFF_ITEM_STYLE", "DIFF_LINK_STYLE"]

_ADDED, _REMOVED, _CHANGED = "#00795A", OKABE_ITO["vermillion"], OKABE_ITO["blue"]

#: Box style of each state: fill, outline (colour, width, dash), the pattern at the right edge, text colour.
DIFF_ITEM_STYLE = {
    "added": dict(area=tint(OKABE_ITO["green"], 0.82), strip="#FFFFFF", hatch="++", hatchcolor=_ADDED,
                  edge=_ADDED, lw=2.6, ls="solid", tab=_ADDED, text=_INK),
    "removed": dict(area="#FFFFFF", strip="#FFFFFF", hatch="xxx", hatchcolor=_REMOVED, edge=_REMOVED, lw=1.8,
                    ls=(0, (5, 2.5)), tab=tint(_REMOVED, 0.3), text="#6E6E6E"),
    "changed": dict(area=tint(_CHANGED, 0.85), strip="#FFFFFF", hatch="...", hatchcolor=_CHANGED, edge=_CHANGED,
                    lw=2.0, ls=(0, (6, 2, 1.5, 2)), tab=_CHANGED, text=_INK),
    "same": dict(area="#FAFAFA", strip=None, hatch=None, hatchcolor=None, edge="#8C8C8C", lw=0.9, ls="solid",
                 tab="#D0D0D0", text="#444444"),
}

#: Arrow style of each state.
DIFF_LINK_STYLE = {
    "added": dict(color=_ADDED, lw=2.4, ls="solid"),
    "removed": dict(color=_REMOVED, lw=1.6, ls=(0, (5, 2.5))),
    "changed": dict(color=_CHANGED, lw=1.8, ls=(0, (6, 2, 1.5, 2))),
    "same": dict(color="#9A9A9A", lw=0.9, ls="solid"),
}


def _number(n: int | None, lang: str) -> str:
    return format_number(n, lang) if n is not None else t("diff.too_many", lang)


def _effect_lines(effect: VersionEffect, lang: str = "fi") -> list[str]:
    """The footnotes of one profile's :class:`~analyser.planning.version_effects.VersionEffect`."""
    if effect.old_profile is None:
        lines = [t("plot.diff.effect_added", lang, profile=effect.profile, count=_number(effect.count_new, lang),
                   waves=len(effect.waves_new))]
    elif effect.new_profile is None:
        lines = [t("plot.diff.effect_removed", lang, profile=effect.profile, count=_number(effect.count_old, lang),
                   waves=len(effect.waves_old))]
    else:
        lines = [t("plot.diff.effect", lang, profile=effect.profile, count_old=_number(effect.count_old, lang),
                   count_new=_number(effect.count_new, lang), waves_old=len(effect.waves_old),
                   waves_new=len(effect.waves_new))]
    for key, items in (("plot.diff.unreachable", effect.became_unreachable),
                       ("plot.diff.reachable", effect.became_reachable)):
        if items:
            lines.append(t(key, lang, items=_ids_text(items), n=len(items)))
    return lines


def _notes(graph, lang: str, field_words) -> dict[str, str]:
    notes = {}
    for node, state in graph.nodes.items():
        parts = []
        if node in graph.old_ids:
            parts.append(t("plot.diff.note.renamed", lang, id=graph.old_ids[node]))
        if state in ("added", "removed"):
            parts.append(t(f"plot.diff.note.{state}", lang))
        fields = [f for f in graph.fields.get(node, ()) if f != "id"]
        if fields:
            parts.append(t("plot.diff.note.changed", lang, fields=", ".join(field_words(node, f) for f in fields)))
        if parts:
            notes[node] = "; ".join(parts)
    return notes


def _legends(graph, lang: str) -> list[_Legend]:
    items, links = [], []
    for state in STATES:
        if graph.count(state, "nodes"):
            st = DIFF_ITEM_STYLE[state]
            items.append(_LegendEntry("patch", t(f"plot.diff.state.{state}", lang), dict(
                face=st["area"], edge=st["edge"], lw=st["lw"], ls=st["ls"], hatch=st["hatch"],
                hatchcolor=st["hatchcolor"])))
        if graph.count(state, "edges"):
            key = "plot.diff.link.changed" if state == "changed" else f"plot.diff.state.{state}"
            links.append(_LegendEntry("line", t(key, lang), dict(DIFF_LINK_STYLE[state])))
    return [_Legend(t("plot.diff.legend_items", lang), items), _Legend(t("plot.diff.legend_links", lang), links)]


@figure_function
def diff_diagram(
    diff: TableDiff,
    profile: str | None = None,
    *,
    ax=None,
    lang: str = "fi",
    title: str | None = None,
    date: dt.date | None = None,
    style: LayoutStyle | None = None,
) -> Figure:
    """The dependency graph of both versions of the table, with what the new version added, removed and
    changed marked on items and requirements.

    Parameters
    ----------
    diff : TableDiff
        From :func:`~analyser.planning.changes.diff_catalogues`.
    profile : str, optional
        Show the items this profile (id or name, in either version) allows in
        either version; ``None`` shows every item. The footnotes say the
        profile's (or every profile's) allowed orders and waves before and
        after, and what became unreachable.
    ax, lang, title, date, style
        As for :func:`~analyser.plot.dependency_diagram`.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from dataclasses import replace
    >>> from analyser.planning.changes import diff_catalogues
    >>> items = [replace(i, requires=()) if i.id == "SOS-VANHAT" else i for i in c.items]
    >>> deps = [d for d in c.dependencies if d.item != "SOS-VANHAT"]
    >>> new = replace(c, items=tuple(items), dependencies=tuple(deps))
    >>> fig = diff_diagram(diff_catalogues(c, new), "ARK", lang="en", date=dt.date(2027, 1, 4))
    >>> texts = [text.get_text() for text in fig.axes[0].texts]
    >>> texts[0], "changed: requires" in texts
    ('What the new version of the table changes', True)
    >>> [x for x in texts if x.startswith("Profile ARK")]
    ['Profile ARK: allowed orders before 1, now 2; waves before 2, now 1.']
    """
    date = date or dt.date.today()
    graph = diff_graph(diff, profile)
    effects = version_effects(diff, profile)
    old_items = {i.id: i for i in diff.old.items}
    new_items = {i.id: i for i in diff.new.items}
    item = {n: new_items.get(n) or old_items[n] for n in graph.nodes}
    changes = {(ch.id, ch.field): ch for ch in diff.changes if ch.subject == "item"}
    notes = _notes(graph, lang, lambda node, f: changes[node, f].field_text(lang))
    lanes = {**_lane_labels(build_graph(diff.old), diff.old), **_lane_labels(build_graph(diff.new), diff.new)}
    edges = [(u, v, state) for (u, v), state in graph.edges.items()]
    layout = layout_diagram((list(graph.nodes), edges), {n: f"{n}\n{item[n].name}" for n in graph.nodes},
                            {n: item[n].group for n in graph.nodes}, {n: item[n].service_key for n in graph.nodes},
                            notes=notes, lane_labels=lanes, style=style or LayoutStyle(strip=_STRIP + 1.0),
                            column_labels=[t("wave", lang, n=k + 1) for k in range(len(graph.nodes))])
    styles = {n: DIFF_ITEM_STYLE[s] for n, s in graph.nodes.items()}

    edge_ids = [f"diff-link-{route.kind}-{k}" for k, route in enumerate(layout.edges)]
    box_ids = {node: f"diff-item-{graph.nodes[node]}-{k}" for k, node in enumerate(sorted(layout.boxes, key=natural_key))}

    def body(canvas: _Canvas) -> None:
        _draw_diagram(canvas, layout, styles, {**DIFF_LINK_STYLE, "requires": DIFF_LINK_STYLE["same"]},
                      edge_ids=edge_ids, box_ids=box_ids)

    profile_id = effects[0].profile if profile is not None else None
    profile_catalogue = diff.new if profile is None or effects[0].new_profile else diff.old
    subtitle = _subtitle([t("plot.diff.versions", lang, old=_file_name(diff.old.table_path) or "–",
                            new=_file_name(diff.new.table_path) or "–"),
                          _profile_text(profile_catalogue, profile_id, lang), format_date(date, lang)])
    footnotes = [line for effect in effects for line in _effect_lines(effect, lang)]
    if not diff.changes:
        footnotes.insert(0, t("diff.no_changes", lang))
    if not graph.nodes:
        footnotes.insert(0, t("plot.diff.empty", lang))
    footnotes.append(t("plot.diff.foot", lang))
    page = _Page(title or t("plot.diff.title", lang), subtitle, layout.width, layout.height, body,
                 _legends(graph, lang), footnotes)
    return page
