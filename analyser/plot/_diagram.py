"""Internal: what the dependency diagrams show, and the two figures drawn from it.

A view (:class:`_View`) says which items, links, statuses and notes a
diagram shows; :func:`diagram_layout` places it; :func:`dependency_diagram`
and :func:`organisation_overlay` draw it with the box and edge styles here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Mapping, Sequence

import networkx as nx

from analyser.findings import UsageError
from analyser.model import service_node
from analyser.text.labels import format_date, group_label, t
from analyser.palette import GROUP_COLOURS, OKABE_ITO, group_colours
from analyser.palette import group_order as _group_order
from analyser.palette import tint as _tint
from analyser.planning.situation import Situation
from analyser.planning.views import STATUSES, overlay_statuses, view_edges, wave_layers
from analyser.plot._canvas import _Canvas, _Legend, _LegendEntry, _Page, figure_function
from analyser.plot._style import _INK, _file_name, _ids_text, _subtitle
from analyser.plot.layout import Layout, LayoutStyle, edge_path, layout_diagram
from analyser.records import Catalogue
from analyser.text.vocabulary import natural_key

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["dependency_diagram", "organisation_overlay", "diagram_layout"]


@dataclass
class _View:
    nodes: list[str]
    edges: list[tuple[str, str, str]]   # (prerequisite, item, "requires" | "indirect" | "recommends")
    status: dict[str, str]
    notes: dict[str, str]
    layers: dict[str, int] | None = None
    column_labels: list[str] | None = None


def _exclusion_note(exclusion, lang: str) -> str:
    items = _ids_text(exclusion.blockers)
    if exclusion.reason == "cycle":
        return t("plot_note_cycle", lang, items=items)
    return t("plot_note_excluded", lang, items=items)


def _dependency_view(catalogue: Catalogue, graph: nx.DiGraph, situation: Situation | None,
                     show_not_allowed: bool, lang: str) -> _View:
    items = {i.id: i for i in catalogue.items}
    if situation is None:
        nodes = sorted(items, key=natural_key)
        return _View(nodes, view_edges(graph, nodes), {n: "allowed" for n in nodes}, {})
    excluded = {e.id: e for e in situation.excluded}
    not_allowed = set(situation.not_allowed)
    status, notes = {}, {}
    for item_id in sorted(items, key=natural_key):
        if item_id in not_allowed:
            if not show_not_allowed:
                continue
            status[item_id] = "not-allowed"
            notes[item_id] = t("plot_note_not_allowed", lang)
        elif item_id in excluded:
            status[item_id] = "excluded"
            notes[item_id] = _exclusion_note(excluded[item_id], lang)
        elif situation.partly(item_id):
            status[item_id] = "partly"
            notes[item_id] = t("plot_note_partly", lang)
        else:
            status[item_id] = "allowed"
    nodes = list(status)
    return _View(nodes, view_edges(graph, nodes), status, notes)


_STATUS_STYLE = {
    # area: fill behind the text; strip: the pattern at the right edge; outline: colour, width, style
    "deployed": dict(area=_tint(OKABE_ITO["blue"], 0.82), strip=OKABE_ITO["blue"], hatch=None,
                     hatchcolor=None, edge="#005A8C", lw=1.6, ls="solid", text=_INK),
    "available": dict(area="#FFFFFF", strip="#FFFFFF", hatch="oo", hatchcolor="#007A5A",
                      edge="#007A5A", lw=2.8, ls="solid", text=_INK),
    "certification": dict(area=_tint(OKABE_ITO["purple"], 0.85), strip="#FFFFFF", hatch="...",
                          hatchcolor="#A0457A", edge="#A0457A", lw=1.6, ls=(0, (5, 1.5, 1, 1.5)), text=_INK),
    "blocked": dict(area=_tint(OKABE_ITO["orange"], 0.82), strip="#FFFFFF", hatch="////",
                    hatchcolor="#B07800", edge="#B07800", lw=1.4, ls=(0, (4, 2)), text=_INK),
    "excluded": dict(area="#F2F2F2", strip="#FFFFFF", hatch="xxx", hatchcolor="#808080",
                     edge="#808080", lw=1.1, ls=(0, (7, 2.5)), text="#555555"),
    "not-allowed": dict(area="#FFFFFF", strip="#FFFFFF", hatch="---", hatchcolor="#A6A6A6",
                        edge="#A6A6A6", lw=1.1, ls=(0, (1, 1.6)), text="#6E6E6E"),
}


def _overlay_view(catalogue: Catalogue, graph: nx.DiGraph, situation: Situation, certified, not_allowed: str,
                  lang: str) -> _View:
    status = overlay_statuses(situation, certified)
    items = {i.id: i for i in catalogue.items}
    if not_allowed == "service":
        services = {items[i].service_key for i, s in status.items() if s != "not-allowed"}
        keep = {i for i, s in status.items() if s != "not-allowed" or items[i].service_key in services}
    elif not_allowed == "all":
        keep = set(status)
    else:
        keep = {i for i, s in status.items() if s != "not-allowed"}
    nodes = sorted(keep, key=natural_key)
    status = {n: status[n] for n in nodes}
    excluded = {e.id: e for e in situation.excluded}
    blocked = dict(situation.blocked)
    notes = {}
    for n in nodes:
        s = status[n]
        if s == "deployed":
            notes[n] = "✓ " + t("plot_status_deployed", lang).lower()
        elif s == "available":
            notes[n] = "→ " + t("plot_note_available", lang)
        elif s == "certification":
            notes[n] = t("plot_note_certification", lang)
        elif s == "blocked":
            notes[n] = t("plot_note_waits", lang, items=_ids_text(blocked.get(n, [])))
        elif s == "excluded":
            notes[n] = _exclusion_note(excluded[n], lang)
        else:
            notes[n] = t("plot_note_not_allowed", lang)
        if s not in ("not-allowed", "excluded") and situation.partly(n):
            notes[n] += "; " + t("plot_note_partly", lang)
    # columns: what is in use, then waves of what is not yet; links among items in use are history
    deployed = [n for n in nodes if status[n] == "deployed"]
    in_use = set(deployed)
    edges = [e for e in view_edges(graph, nodes) if not (e[0] in in_use and e[1] in in_use)]
    rest = [n for n in nodes if status[n] != "deployed"]
    waves = wave_layers(rest, [(u, v) for u, v, k in edges if k != "recommends"])
    shift = 1 if deployed else 0
    layers = {n: 0 for n in deployed}
    layers.update({n: w + shift for n, w in waves.items()})
    ncols = max(layers.values(), default=-1) + 1
    labels = []
    for col in range(ncols):
        if deployed and col == 0:
            labels.append(t("plot_column_deployed", lang))
        else:
            labels.append(t("wave", lang, n=col + 1 - shift))
    return _View(nodes, edges, status, notes, layers, labels)


def _lane_labels(graph: nx.DiGraph, catalogue: Catalogue) -> dict[str, str]:
    labels = {}
    for item in catalogue.items:
        key = item.service_key
        node = service_node(key)
        if key and key not in labels:
            labels[key] = graph.nodes[node].get("name", item.service) if node in graph else item.service
    return labels


def diagram_layout(catalogue: Catalogue, view: _View, graph: nx.DiGraph, *, lang: str = "fi",
                   style: LayoutStyle | None = None) -> Layout:
    """The :class:`~analyser.plot.layout.Layout` of a diagram view (used by the figures and the tests).

    Boxes show each item's id and name, lanes are services, and columns are
    the view's own (the overlay's) or else the waves.

    Examples
    --------
    >>> view = _View(["SOS", "SOS-VANHAT"], [("SOS", "SOS-VANHAT", "requires")],
    ...              {"SOS": "allowed", "SOS-VANHAT": "allowed"}, {})
    >>> lay = diagram_layout(c, view, build_graph(c), lang="en")
    >>> lay.layers, [col.label for col in lay.columns], [lane.label for lane in lay.lanes]
    ((('SOS',), ('SOS-VANHAT',)), ['Wave 1', 'Wave 2'], ['Sosiaalihuollon asiakastiedon arkisto'])
    >>> [line.text for line in lay.boxes["SOS-VANHAT"].lines]
    ['SOS-VANHAT', 'Vanhojen asiakirjojen', 'arkistointi']
    """
    items = {i.id: i for i in catalogue.items}
    labels = {n: f"{n}\n{items[n].name}" for n in view.nodes}
    groups = {n: items[n].group for n in view.nodes}
    services = {n: items[n].service_key for n in view.nodes}
    layers = view.layers
    if view.column_labels is not None:
        columns = view.column_labels
    else:
        hard = [(u, v) for u, v, k in view.edges if k != "recommends"]
        ncols = max(wave_layers(view.nodes, hard).values(), default=-1) + 1
        columns = [t("wave", lang, n=i + 1) for i in range(ncols)]
    return layout_diagram((view.nodes, view.edges), labels, groups, services, notes=view.notes,
                          lane_labels=_lane_labels(graph, catalogue), layers=layers, column_labels=columns,
                          style=style)


_EDGE_STYLE = {
    "requires": dict(color="#4A4A4A", lw=1.1, ls="solid"),
    "indirect": dict(color="#8C8C8C", lw=1.1, ls=(0, (1.2, 1.8))),
    "recommends": dict(color=OKABE_ITO["blue"], lw=1.1, ls=(0, (4, 2.5))),
}


def _box_style(status: str, group_colour: str, overlay: bool) -> dict:
    if overlay:
        st = dict(_STATUS_STYLE[status])
        st["tab"] = group_colour if status not in ("not-allowed", "excluded") else _tint(group_colour, 0.45)
        return st
    if status == "excluded":
        return dict(area="#F7F7F7", edge="#9A9A9A", lw=1.0, ls=(0, (4, 2)), tab=_tint(group_colour, 0.55),
                    text="#5E5E5E", strip=None)
    if status == "not-allowed":
        return dict(area="#FFFFFF", edge="#B0B0B0", lw=1.0, ls=(0, (1, 1.6)), tab="#D9D9D9", text="#6E6E6E",
                    strip=None)
    return dict(area=_tint(group_colour, 0.80), edge="#3C3C3C", lw=0.9, ls="solid", tab=group_colour, text=_INK,
                strip=None)


_STRIP = 11.0


def _draw_diagram(canvas: _Canvas, layout: Layout, styles: Mapping[str, dict], edge_styles=_EDGE_STYLE, *,
                  edge_ids: Sequence[str] = (), box_ids: Mapping[str, str] | None = None) -> None:
    """Draw a laid-out diagram; ``edge_ids`` (by the layout's edge order) and ``box_ids`` (by node) name
    the arrows and the box outlines in the SVG."""
    st = layout.style
    # lanes
    for k, lane in enumerate(layout.lanes):
        canvas.rect(0, lane.y, layout.width, lane.h, face="#F2F3F5" if k % 2 == 0 else "#F8F8FA", rounding=3,
                    zorder=0.5)
        canvas.text(st.margin + 6, lane.y + st.lane_header / 2 + 1, lane.label, st.lane_label_size,
                    weight="bold", color="#4D4D4D", zorder=1)
    # column headers
    for col in layout.columns:
        canvas.text(col.x + col.w / 2, st.margin + st.column_header / 2 - 1, col.label, st.column_label_size,
                    weight="bold", color="#333333", ha="center")
    # edges
    for k, route in enumerate(layout.edges):
        es = edge_styles.get(route.kind, edge_styles["requires"])
        canvas.arrow(edge_path(route, st.gap_x), color=es["color"], lw=es["lw"], ls=es["ls"], zorder=2,
                     gid=edge_ids[k] if k < len(edge_ids) else None)
    # boxes
    for node in sorted(layout.boxes, key=natural_key):
        box = layout.boxes[node]
        bs = styles[node]
        canvas.rect(box.x, box.y, box.w, box.h, face=bs["area"], edge="none", rounding=4, zorder=3)
        canvas.rect(box.x, box.y, st.tab, box.h, face=bs["tab"], rounding=4, corners="left", zorder=3.1)
        if bs.get("strip"):
            canvas.rect(box.right - _STRIP, box.y, _STRIP, box.h, face=bs["strip"], hatch=bs.get("hatch"),
                        hatchcolor=bs.get("hatchcolor"), rounding=4, corners="right", zorder=3.1)
            canvas.line([(box.right - _STRIP, box.y), (box.right - _STRIP, box.bottom)],
                        color=bs["edge"], lw=0.6, zorder=3.15)
        canvas.rect(box.x, box.y, box.w, box.h, face="none", edge=bs["edge"], lw=bs["lw"], ls=bs["ls"],
                    rounding=4, zorder=3.2, gid=(box_ids or {}).get(node))
        for line in box.lines:
            colour = bs["text"] if line.role != "note" else (bs["text"] if bs["text"] != _INK else "#333333")
            canvas.text(box.x + box.text_x, box.y + line.dy, line.text, line.size,
                        weight="bold" if line.bold else "normal", style="italic" if line.italic else "normal",
                        color=colour, zorder=4)


def _group_legend(view: _View, catalogue: Catalogue, colours: Mapping[str, str], lang: str, overlay: bool) -> _Legend:
    items = {i.id: i for i in catalogue.items}
    keys = sorted({items[n].group for n in view.nodes}, key=_group_order)
    entries = []
    for key in keys:
        label = group_label(key, lang) if key else t("plot_no_group", lang)
        colour = colours[key]
        if overlay:
            entries.append(_LegendEntry("patch", label, dict(face="white", edge="#9A9A9A", lw=0.6, tab=colour)))
        else:
            entries.append(_LegendEntry("patch", label, dict(face=_tint(colour, 0.80), edge="#3C3C3C", lw=0.9,
                                                             tab=colour)))
    return _Legend(t("plot_legend_groups", lang), entries)


def _edge_legend(view: _View, lang: str) -> _Legend:
    kinds = {k for _, _, k in view.edges}
    entries = []
    for kind in ("requires", "indirect", "recommends"):
        if kind in kinds:
            es = _EDGE_STYLE[kind]
            entries.append(_LegendEntry("line", t(f"plot_edge_{kind}", lang), dict(es)))
    return _Legend(t("plot_legend_edges", lang), entries)


def _profile_text(catalogue: Catalogue, profile: str | None, lang: str) -> str:
    if not profile:
        return t("plot_all_items", lang)
    found = catalogue.find_profile(profile)
    name = f" – {found.name}" if found and found.name and found.name != profile else ""
    return t("plot_profile", lang, profile=profile) + name


def _situation_for(catalogue: Catalogue, graph: nx.DiGraph, profile: str | None,
                   situation: Situation | None) -> Situation | None:
    if situation is not None:
        return situation
    if profile is None:
        return None
    from analyser.planning.situation import resolve_profile

    return Situation(catalogue, graph, resolve_profile(catalogue, profile))


@figure_function
def dependency_diagram(
    catalogue: Catalogue,
    graph: nx.DiGraph,
    profile: str | None = None,
    *,
    situation: Situation | None = None,
    ax=None,
    lang: str = "fi",
    title: str | None = None,
    date: dt.date | None = None,
    show_not_allowed: bool = False,
    style: LayoutStyle | None = None,
) -> Figure:
    """The dependency diagram: items as boxes in waves, left to right, arrows from prerequisite to item.

    Parameters
    ----------
    catalogue, graph
        From :func:`~analyser.load.catalogue.load_catalogue` and :func:`~analyser.model.build_graph`.
    profile : str, optional
        Show the items this profile allows (id or name); items it allows but
        can never reach are faded, with the reason. ``None`` shows every item.
    situation : Situation, optional
        Use this situation's profile (instead of ``profile``).
    ax : matplotlib Axes, optional
        Draw into it (scaled to fit) instead of a new figure.
    lang : "fi" or "en"
        Language of the tool's own words.
    title : str, optional
        Replaces the default title.
    date : datetime.date, optional
        Date shown in the subtitle (default: today).
    show_not_allowed : bool
        Also show, greyed, the items the profile does not allow.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = dependency_diagram(c, g, "ARK", lang="en", date=dt.date(2027, 1, 4))
    >>> texts = [text.get_text() for text in fig.axes[0].texts]
    >>> texts[0]
    'Dependencies between functionalities'
    >>> [x for x in texts if x.startswith(("SOS", "Wave"))]
    ['Wave 1', 'Wave 2', 'SOS', 'SOS-VANHAT']
    """
    date = date or dt.date.today()
    situation = _situation_for(catalogue, graph, profile, situation)
    profile_id = situation.profile if situation is not None else None
    view = _dependency_view(catalogue, graph, situation, show_not_allowed, lang)
    layout = diagram_layout(catalogue, view, graph, lang=lang, style=style)
    items = {i.id: i for i in catalogue.items}
    colours = group_colours([items[n].group for n in view.nodes] + list(GROUP_COLOURS))
    styles = {n: _box_style(view.status[n], colours[items[n].group], overlay=False) for n in view.nodes}

    legends = [_group_legend(view, catalogue, colours, lang, overlay=False), _edge_legend(view, lang)]
    extra = []
    present = set(view.status.values())
    for status in ("excluded", "not-allowed"):
        if status in present:
            st = _box_style(status, GROUP_COLOURS[""], False)
            extra.append(_LegendEntry("patch", t(f"plot_status_{status}", lang),
                                      dict(face=st["area"], edge=st["edge"], lw=st["lw"], ls=st["ls"])))
    if extra:
        legends.append(_Legend(t("plot_legend_marks", lang), extra))
    subtitle = _subtitle([_file_name(catalogue.table_path), _profile_text(catalogue, profile_id, lang),
                          format_date(date, lang)])
    footnotes = [t("plot_foot_dependencies", lang)]
    if not view.nodes:
        footnotes.insert(0, t("plot_empty", lang))
    page = _Page(title or t("plot_title_dependencies", lang), subtitle, layout.width, layout.height,
                 lambda c: _draw_diagram(c, layout, styles), legends, footnotes)
    return page


@figure_function
def organisation_overlay(
    catalogue: Catalogue,
    graph: nx.DiGraph,
    situation: Situation,
    *,
    organisation: str | None = None,
    certified: Iterable[str] | None = None,
    ax=None,
    lang: str = "fi",
    title: str | None = None,
    date: dt.date | None = None,
    not_allowed: str = "service",
    style: LayoutStyle | None = None,
) -> Figure:
    """The dependency diagram of one organisation, every item marked with its status.

    The first column holds what is in use; then the waves of what is not.
    Statuses (see :func:`overlay_statuses`) differ by fill colour, outline
    style and the pattern of the strip at each box's right edge, and each box
    says its status in words; the coloured tab at the left is the document
    group.

    Parameters
    ----------
    situation : Situation
        The organisation's profile and deployed items.
    organisation : str, optional
        Name shown in the title.
    certified : iterable of str, optional
        Items the organisation's system is certified for; available items
        not in it are "waiting for certification". Default: ``situation.certified``.
    not_allowed : "service", "all" or "none"
        Which items the profile does not allow to show: those of the services
        the diagram shows anyway (default), all, or none.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> s = Situation(c, g, "SOS-LV", deployed=("SOS",))
    >>> fig = organisation_overlay(c, g, s, organisation="Testikylä", lang="en", date=dt.date(2027, 1, 4))
    >>> texts = [text.get_text() for text in fig.axes[0].texts]
    >>> texts[0]
    'Extension status: Testikylä'
    >>> texts[4:7]
    ['In use', 'Wave 1', 'Wave 2']
    >>> texts[texts.index("Status:") + 1:texts.index("Document group:")]
    ['In use', 'Can be taken into use now', 'Waiting for prerequisites', 'Not allowed by the profile']
    """
    date = date or dt.date.today()
    if not_allowed not in ("service", "all", "none"):
        raise UsageError("overlay_not_allowed", value=not_allowed, choices=("service", "all", "none"))
    view = _overlay_view(catalogue, graph, situation, certified, not_allowed, lang)
    layout = diagram_layout(catalogue, view, graph, lang=lang,
                            style=style or LayoutStyle(strip=_STRIP + 1.0))
    items = {i.id: i for i in catalogue.items}
    colours = group_colours([items[n].group for n in view.nodes] + list(GROUP_COLOURS))
    styles = {n: _box_style(view.status[n], colours[items[n].group], overlay=True) for n in view.nodes}
    present = set(view.status.values())
    status_entries = []
    for s in STATUSES:
        if s in present:
            st = _STATUS_STYLE[s]
            status_entries.append(_LegendEntry("patch", t(f"plot_status_{s}", lang), dict(
                face=st["area"] if s != "deployed" else st["strip"], edge=st["edge"], lw=st["lw"], ls=st["ls"],
                hatch=st["hatch"], hatchcolor=st["hatchcolor"])))
    legends = [_Legend(t("plot_legend_status", lang), status_entries),
               _group_legend(view, catalogue, colours, lang, overlay=True), _edge_legend(view, lang)]
    deployed_text = t("plot_deployed_list", lang, items=_ids_text(situation.deployed) or t("none", lang))
    subtitle = _subtitle([_file_name(catalogue.table_path), _profile_text(catalogue, situation.profile, lang),
                          deployed_text, format_date(date, lang)])
    main = t("plot_title_overlay", lang)
    if organisation:
        main = f"{main}: {organisation}"
    footnotes = [t("plot_foot_overlay", lang)]
    if certified is not None or situation.certified is not None:
        footnotes.append(t("plot_foot_certified", lang))
    page = _Page(title or main, subtitle, layout.width, layout.height,
                 lambda c: _draw_diagram(c, layout, styles), legends, footnotes)
    return page
