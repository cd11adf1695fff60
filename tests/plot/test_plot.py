"""Figures and their layout: every shipped profile and some organisations, rendered headless.

The layout is checked from the computed positions (no box overlaps another,
text fits its box as matplotlib measures it, every arrow runs from the
prerequisite's right edge to the item's left edge and never crosses a box);
the figures are checked from their SVG text (every item appears, and the
tool's own words are of one language) and bytes (the same input gives the
same SVG, also under another hash seed).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import subprocess
import sys
from types import SimpleNamespace

import networkx as nx
import pytest
from defusedxml import ElementTree
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from language_check import WORKBOOK_TEXTS, leaks

import analyser.plot as plot
import analyser.plot._diagram as plot_diagram
import analyser.plot._matrix as plot_matrix
import analyser.planning.views as views
from analyser import orders
from analyser.findings import OutputError
from analyser.plot.layout import LayoutStyle, boxes_overlap, edge_path, layout_diagram, text_width, wrap_text
from analyser.planning.situation import Situation
from analyser.text.labels import t

PROFILES = ("ARK", "SOS-V1", "SOS-V2", "SOS-LV", "POT")
DAY = dt.date(2026, 11, 2)

#: (organisation, profile, deployed, certified) from data/esimerkkiorganisaatiot.csv
ORGANISATIONS = [
    ("Esimerkkilän hyvinvointialue", "SOS-V2", ("SOS", "SOS-VANHAT", "SOS-V1-ARK", "SOS-V1-HAKU"),
     ("SOS-V2-ALL", "SOS-V2-YHT", "SOS-V2-RAK")),
    ("Testikylän sosiaalipalvelut Oy", "SOS-LV", ("SOS", "SOS-V1-ARK"), None),
    ("Harjoituslahden lääkärikeskus Oy", "POT", ("PTA", "RES"), ("PTA-KUVA", "PTA-TOD", "PTA-PUOL", "RES-PUOL")),
    ("Mallivaaran sosiaalipalvelut Oy", "SOS-V2", ("SOS",), None),
]


def situation_of(catalogue, graph, org):
    _, profile, deployed, certified = org
    return Situation(catalogue, graph, profile, deployed=deployed, certified=certified)


def svg_texts(fig) -> list[str]:
    root = ElementTree.fromstring(plot.figure_bytes(fig, "svg"))
    return ["".join(el.itertext()) for el in root.iter("{http://www.w3.org/2000/svg}text")]


def assert_items_shown(catalogue, texts, ids):
    joined = " ".join(texts)
    for item_id in ids:
        assert item_id in texts, f"{item_id} missing from the SVG text"
        for word in catalogue.item(item_id).name.split():
            assert word in joined, f"{word!r} of {item_id} missing from the SVG text"


_RENDERERS = [RendererAgg(10, 10, dpi) for dpi in (100, 200)]  # the screen and the PNG


def real_width(text: str, size: float, bold: bool, italic: bool) -> float:
    """Width in points as matplotlib draws it (hinted) at 100 and 200 dpi, the larger."""
    prop = FontProperties(family="DejaVu Sans", size=size, weight="bold" if bold else "normal",
                          style="italic" if italic else "normal")
    return max(r.get_text_width_height_descent(text, prop, ismath=False)[0] * 72 / r.dpi for r in _RENDERERS)


def _bezier(p0, p1, p2, p3, steps=24):
    for k in range(1, steps):
        s = k / steps
        a, b, c, d = (1 - s) ** 3, 3 * (1 - s) ** 2 * s, 3 * (1 - s) * s ** 2, s ** 3
        yield (a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0], a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1])


def path_points(route, gap_x):
    commands = edge_path(route, gap_x)
    current = commands[0][1]
    for op, *pts in commands[1:]:
        if op == "L":
            for k in range(1, 12):
                s = k / 12
                yield (current[0] + (pts[0][0] - current[0]) * s, current[1] + (pts[0][1] - current[1]) * s)
        else:
            yield from _bezier(current, *pts)
        current = pts[-1]


def check_layout(layout, edges=None):
    """The geometric promises of a layout."""
    style = layout.style
    assert boxes_overlap(layout) == []
    assert boxes_overlap(layout, gap=style.gap_y - 0.05) == []  # positions are rounded to 0.01 pt
    for box in layout.boxes.values():
        # text fits, as matplotlib itself measures it
        inner_right = box.w - style.pad_x - style.strip
        for line in box.lines:
            assert box.text_x + real_width(line.text, line.size, line.bold, line.italic) <= inner_right + 0.01, \
                (box.node, line.text)
        assert box.lines[-1].dy + style.line_height(box.lines[-1].size) / 2 <= box.h - style.pad_y + 0.01
        # inside its lane and its column
        lane = next(ln for ln in layout.lanes if ln.key == box.lane)
        assert lane.y <= box.top and box.bottom <= lane.y + lane.h
        col = layout.columns[box.layer]
        assert box.left == col.x and box.w == col.w
        assert 0 <= box.left and box.right <= layout.width and box.bottom <= layout.height
    routed = {(r.source, r.target) for r in layout.edges}
    if edges is not None:
        assert routed == {(u, v) for u, v, *_ in edges}
    for route in layout.edges:
        a, b = layout.boxes[route.source], layout.boxes[route.target]
        if route.shape != "forward":
            continue
        assert a.layer < b.layer
        (x0, y0), (x1, y1) = route.points[0], route.points[-1]
        assert x0 == a.right and a.top <= y0 <= a.bottom, route
        assert x1 == b.left and b.top <= y1 <= b.bottom, route
        xs = [p[0] for p in route.points]
        assert all(p < q for p, q in zip(xs, xs[1:])), route
        others = [box for box in layout.boxes.values() if box.node not in (route.source, route.target)]
        for point in path_points(route, style.gap_x):
            assert x0 - 1e-6 <= point[0] <= x1 + 1e-6
            for box in others:
                inside = box.left < point[0] < box.right and box.top < point[1] < box.bottom
                assert not inside, (route.source, route.target, box.node)


# ---------------------------------------------------------------------------
# layout
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("profile", (None,) + PROFILES)
def test_dependency_layout_geometry(catalogue, graph, profile):
    situation = Situation(catalogue, graph, profile) if profile else None
    for show in (False, True) if profile else (False,):
        view = plot_diagram._dependency_view(catalogue, graph, situation, show, "fi")
        layout = plot.diagram_layout(catalogue, view, graph)
        check_layout(layout, view.edges)
        assert layout.crossings == 0
        assert set(layout.boxes) == set(view.nodes)


def test_dependency_columns_are_the_waves(catalogue, graph):
    for profile in PROFILES:
        situation = Situation(catalogue, graph, profile)
        view = plot_diagram._dependency_view(catalogue, graph, situation, False, "fi")
        layout = plot.diagram_layout(catalogue, view, graph)
        expected = orders.waves(situation.remaining_graph)
        for k, wave in enumerate(expected):
            for item in wave:
                assert layout.boxes[item].layer == k
        assert len(layout.columns) >= len(expected)


@pytest.mark.parametrize("org", ORGANISATIONS, ids=[o[0] for o in ORGANISATIONS])
def test_overlay_layout_geometry(catalogue, graph, org):
    situation = situation_of(catalogue, graph, org)
    view = plot_diagram._overlay_view(catalogue, graph, situation, None, "service", "fi")
    layout = plot.diagram_layout(catalogue, view, graph, style=LayoutStyle(strip=12))
    check_layout(layout, view.edges)
    deployed = set(situation.deployed)
    for item, box in layout.boxes.items():
        assert (box.layer == 0) == (item in deployed)
    for item in situation.available:
        assert layout.boxes[item].layer == 1


def test_layout_reduces_crossings_to_zero_when_possible():
    # id order alone would cross every pair
    edges = [("A", "Z"), ("B", "Y"), ("C", "X"), ("X", "P"), ("Y", "Q"), ("Z", "R")]
    layout = layout_diagram(nx.DiGraph(edges), {})
    assert layout.crossings == 0
    check_layout(layout, edges)
    # K(2,2) must cross once
    layout = layout_diagram(nx.DiGraph([("A", "C"), ("A", "D"), ("B", "C"), ("B", "D")]), {})
    assert layout.crossings == 1


def test_layout_keeps_services_in_lanes_and_long_edges_clear():
    g = nx.DiGraph([("a1", "a2"), ("a2", "a3"), ("a3", "a4"), ("a1", "a4"), ("b1", "a3"), ("b1", "b2")])
    services = {"a1": "A", "a2": "A", "a3": "A", "a4": "A", "b1": "B", "b2": "B"}
    labels = {n: f"{n}\nPitkähkö nimi joka rivittyy useammalle riville" for n in g}
    layout = layout_diagram(g, labels, services=services, lane_labels={"A": "Palvelu A", "B": "Palvelu B"})
    check_layout(layout, list(g.edges))
    assert [ln.label for ln in layout.lanes] == ["Palvelu A", "Palvelu B"]
    long_edge = next(r for r in layout.edges if (r.source, r.target) == ("a1", "a4"))
    assert len(long_edge.points) == 2 + 2 * 2  # passes two columns


def test_layout_survives_cycles_and_soft_edges():
    g = nx.DiGraph()
    g.add_edge("A", "B", kind="requires")
    g.add_edge("B", "A", kind="requires")
    g.add_edge("A", "C", kind="requires")
    g.add_edge("C", "D", kind="recommends")
    layout = layout_diagram(g, {})
    assert boxes_overlap(layout) == []
    assert {r.shape for r in layout.edges} >= {"forward", "backward"}


@st.composite
def dags(draw):
    n = draw(st.integers(1, 14))
    nodes = [f"N{k}" for k in range(n)]
    edges = [(nodes[a], nodes[b]) for a in range(n) for b in range(a + 1, n) if draw(st.integers(0, 5)) == 0]
    services = {x: draw(st.sampled_from("ST")) for x in nodes}
    words = {x: " ".join(draw(st.lists(st.sampled_from(["Kanta", "arkistointi", "käyttöönotto", "ja", "Ö"]),
                                        max_size=6))) for x in nodes}
    return nodes, edges, services, words


@settings(max_examples=30, deadline=None)
@given(dags())
def test_random_layouts_keep_their_promises(case):
    nodes, edges, services, words = case
    labels = {x: f"{x}\n{words[x]}" for x in nodes}
    layout = layout_diagram((nodes, edges), labels, services=services)
    check_layout(layout, edges)
    waves = views.wave_layers(nodes, edges)
    assert all(layout.boxes[x].layer == waves[x] for x in nodes)


def test_layout_is_deterministic():
    g = nx.DiGraph([("b", "d"), ("a", "d"), ("a", "c"), ("c", "e"), ("b", "e")])
    first = layout_diagram(g, {})
    again = layout_diagram(nx.DiGraph(list(reversed(list(g.edges)))), {})
    assert first == again


def test_text_width_never_underestimates():
    samples = ["SOS-V1-HAKU", "Rakenteinen kirjaaminen (asiakaskertomusmerkintä)", "WWW mmm ÄÖÅ",
               "Muiden palvelunantajien tallentamien tietojen haku", "1. vaiheen asiakirjojen arkistointi"]
    for text in samples:
        for bold in (False, True):
            for size in (7.5, 8.5, 9.5, 12):
                estimate = text_width(text, size, bold) * LayoutStyle().width_factor
                assert estimate >= real_width(text, size, bold, False), (text, size, bold)
    assert wrap_text("", 50, 9) == []
    assert wrap_text("yksi\nkaksi kolme", 500, 9) == ["yksi", "kaksi kolme"]


# ---------------------------------------------------------------------------
# figures
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("profile", (None,) + PROFILES)
def test_dependency_diagram_shows_every_item(catalogue, graph, profile):
    fig = plot.dependency_diagram(catalogue, graph, profile, date=DAY)
    texts = svg_texts(fig)
    if profile:
        situation = Situation(catalogue, graph, profile)
        shown = [i for i in catalogue.ids if situation.allowed(i)]
        hidden = set(situation.not_allowed)
    else:
        shown, hidden = list(catalogue.ids), set()
    assert_items_shown(catalogue, texts, shown)
    assert not hidden & set(texts)
    assert "riippuvuustaulukko.xlsx" in " ".join(texts) and "2.11.2026" in " ".join(texts)
    if profile:
        assert any(profile in text for text in texts)
    assert "Aalto 1" in texts


def test_excluded_item_is_faded_with_reason(catalogue, graph):
    fig = plot.dependency_diagram(catalogue, graph, "SOS-V2", date=DAY)
    joined = " ".join(svg_texts(fig))
    assert "SOS-LV-HAKU" in joined and "ei saavutettavissa" in joined and "SOS-LV-INF" in joined
    assert "profiili sallii osittain" in joined  # SOS-V2-ROK


@pytest.mark.parametrize("org", ORGANISATIONS, ids=[o[0] for o in ORGANISATIONS])
def test_overlay_shows_statuses(catalogue, graph, org):
    situation = situation_of(catalogue, graph, org)
    fig = plot.organisation_overlay(catalogue, graph, situation, organisation=org[0], date=DAY)
    texts = svg_texts(fig)
    joined = " ".join(texts)
    statuses = views.overlay_statuses(situation)
    items = {i.id: i for i in catalogue.items}
    services = {items[i].service_key for i, s in statuses.items() if s != "not-allowed"}
    shown = [i for i, s in statuses.items() if s != "not-allowed" or items[i].service_key in services]
    assert_items_shown(catalogue, texts, shown)
    assert org[0] in joined
    for status in set(statuses[i] for i in shown):
        assert t(f"plot_status_{status}", "fi") in texts


def test_overlay_status_rules(catalogue, graph):
    situation = Situation(catalogue, graph, "SOS-V2", deployed=("SOS", "SOS-V1-ARK"))
    status = views.overlay_statuses(situation, certified=["SOS-V2-ALL"])
    assert status["SOS"] == status["SOS-V1-ARK"] == "deployed"
    assert status["SOS-V2-ALL"] == "available"
    assert status["SOS-V2-YHT"] == status["SOS-VANHAT"] == "certification"
    assert status["SOS-LV-HAKU"] == "excluded" and status["PTA"] == "not-allowed"
    assert views.overlay_statuses(situation)["SOS-V2-YHT"] == "available"
    assert set(status.values()) <= set(views.STATUSES)


def test_statuses_differ_in_outline_pattern_and_colour():
    styles = plot_diagram._STATUS_STYLE
    for key in ("hatch", "edge", "area"):
        values = [repr(styles[s][key]) for s in views.STATUSES]
        if key == "area":  # white is allowed twice, the outline and pattern tell them apart
            assert len(set(values)) >= len(values) - 1
        else:
            assert len(set(values)) == len(values), key
    # outline = width and dash pattern; only "in use" and "available now" are both solid, 1.6 vs 2.8 pt
    assert len({(styles[s]["lw"], repr(styles[s]["ls"])) for s in views.STATUSES}) == len(views.STATUSES)
    assert len({repr(styles[s]["ls"]) for s in views.STATUSES}) == len(views.STATUSES) - 1
    assert styles["available"]["lw"] >= styles["deployed"]["lw"] + 1


def test_profile_matrix_counts_and_marks(catalogue, graph):
    fig = plot.profile_matrix(catalogue, graph, date=DAY)
    texts = svg_texts(fig)
    assert_items_shown(catalogue, texts, catalogue.ids)
    for profile in PROFILES:
        assert profile in texts
        count = orders.count_orders(Situation(catalogue, graph, profile).remaining_graph)
        assert plot_matrix._count_text(count, "fi") in texts
    marks = plot_matrix.matrix_statuses(catalogue, graph)
    assert marks["SOS-V2"]["SOS-V2-ROK"] == "partly"
    assert marks["SOS-V2"]["SOS-LV-HAKU"] == "excluded"
    assert marks["ARK"]["SOS-V1-ARK"] == "not-allowed"
    assert marks["POT"]["RES-PUOL"] == "allowed"
    assert len({(m["marker"], m["fillstyle"]) for m in plot_matrix._MARKS.values()}) == len(plot_matrix._MARKS)


def fake_plan():
    d = dt.date
    period = SimpleNamespace
    task = SimpleNamespace
    return SimpleNamespace(
        periods=[period(name="2027/1", start=d(2027, 1, 11), end=d(2027, 3, 19)),
                 period(name="2027/2", start=d(2027, 4, 12), end=d(2027, 6, 11)),
                 period(name="kierros 3", start=None, end=None)],
        extensions=[SimpleNamespace(item="SOS-LV-INF", name="Kanta-informoinnin kirjaaminen", period="2027/1",
                                    go_live=d(2027, 1, 11)),
                    SimpleNamespace(item="SOS-LV-LUP", name="Luovutuslupa", period="2027/2", go_live=d(2027, 4, 12))],
        tasks=[task(item="SOS-LV-INF", task_id="1", title="Laajennuksen suunnittelu", responsible="sote-toimija",
                    responsible_key="provider", due=d(2026, 10, 19), late=True),
               task(item="SOS-LV-INF", task_id="2", title="Sertifioinnin tarkistaminen",
                    responsible="järjestelmätoimittaja", responsible_key="vendor", due=d(2026, 11, 16), late=False),
               task(item="SOS-LV-INF", task_id="7", title="Toimintamallikoulutukset", responsible="Kela",
                    responsible_key="kela", due=d(2027, 3, 19), late=False),
               task(item="SOS-LV-LUP", task_id="5", title="Ilmoitus \"Ekstranetissä\"", responsible="Kunta X",
                    responsible_key="other", due=None, late=False),
               task(item="SOS-LV-LUP", task_id="9", title="Käyttöönottokoe", responsible="",
                    responsible_key="", due=d(2027, 4, 12), late=False)],
    )


@pytest.mark.parametrize("detail", (True, False))
def test_gantt_of_a_fake_plan(detail):
    fig = plot.plan_gantt(fake_plan(), today=DAY, organisation="Testikylän sosiaalipalvelut Oy", tasks=detail)
    texts = svg_texts(fig)
    joined = " ".join(texts)
    assert "tänään 2.11.2026" in texts and "2027/1" in texts and "Testikylän" in joined
    assert any(text.startswith("SOS-LV-INF") for text in texts)
    assert "myöhässä oleva tehtävä" in texts  # legend of the late mark
    assert "Kunta X" in texts  # an "other" party is named in the legend
    if detail:
        assert "19.10.2026 – myöhässä" in texts
        assert '5. Ilmoitus "Ekstranetissä"' in texts and "ei päivämäärää" in texts


def test_gantt_of_a_real_plan(catalogue, graph):
    planning = pytest.importorskip("analyser.planning.plan")
    situation = Situation(catalogue, graph, "SOS-LV", deployed=("SOS", "SOS-VANHAT", "SOS-V1-ARK"))
    periods = planning.plan_periods(catalogue.periods, start=dt.date(2027, 1, 1), today=DAY)
    plan = planning.make_plan(situation, periods=periods, start=dt.date(2027, 1, 1), today=DAY)
    texts = svg_texts(plot.plan_gantt(plan, catalogue=catalogue, lang="en"))
    for extension in plan.extensions:
        assert any(text.startswith(extension.item) for text in texts)
    assert "Extension schedule" in texts


def test_english_labels_and_drawing_into_an_axes(catalogue, graph):
    fig = Figure(figsize=(16, 9))
    ax = fig.add_axes((0, 0, 0.5, 1))
    assert plot.dependency_diagram(catalogue, graph, "SOS-LV", ax=ax, lang="en", date=DAY) is fig
    texts = svg_texts(fig)
    assert "Wave 1" in texts and "Dependencies between functionalities" in texts and "2026-11-02" in " ".join(texts)
    # the fonts were scaled to the axes
    sizes = {round(t.get_fontsize(), 2) for t in ax.texts}
    assert max(sizes) < 14


def test_svg_is_byte_identical(catalogue, graph, tmp_path):
    a = plot.figure_bytes(plot.dependency_diagram(catalogue, graph, "SOS-V2", date=DAY), "svg")
    b = plot.figure_bytes(plot.dependency_diagram(catalogue, graph, "SOS-V2", date=DAY), "svg")
    assert a == b
    assert b"<text" in a and b"dc:date" not in a
    script = ("import datetime, hashlib, sys; from analyser.load.catalogue import load_catalogue; "
              "from analyser.model import build_graph; import analyser.plot as p; c = load_catalogue(); "
              "f = p.dependency_diagram(c, build_graph(c), 'SOS-V2', date=datetime.date(2026, 11, 2)); "
              "sys.stdout.write(hashlib.sha256(p.figure_bytes(f, 'svg')).hexdigest())")
    env = dict(os.environ, PYTHONHASHSEED="4242")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
    assert out.stdout == hashlib.sha256(a).hexdigest()
    pdf1 = plot.figure_bytes(plot.profile_matrix(catalogue, graph, date=DAY), "pdf")
    pdf2 = plot.figure_bytes(plot.profile_matrix(catalogue, graph, date=DAY), "pdf")
    assert pdf1 == pdf2 and b"CreationDate" not in pdf1


def test_save_figure_formats_and_guards(catalogue, graph, tmp_path):
    fig = plot.dependency_diagram(catalogue, graph, "ARK", date=DAY)
    for ext in ("svg", "png", "pdf"):
        path = plot.save_figure(fig, tmp_path / f"kuva.{ext}")
        assert path.stat().st_size > 1000
    from PIL import Image

    with Image.open(tmp_path / "kuva.png") as image:
        assert abs(image.size[0] - fig.get_figwidth() * 200) <= 1
    with pytest.raises(OutputError):
        plot.save_figure(fig, tmp_path / "kuva.gif")
    with pytest.raises(OutputError):
        plot.save_figure(fig, catalogue.table_path, inputs=[catalogue.table_path])


@pytest.mark.parametrize("kind", plot.PLOT_KINDS)
def test_write_plot_each_kind(catalogue, graph, tmp_path, kind):
    situation = situation_of(catalogue, graph, ORGANISATIONS[1])
    path = plot.write_plot(kind, catalogue, graph, tmp_path / f"{kind}.svg", profile="SOS-LV",
                           situation=situation if kind == "overlay" else None, plan=fake_plan(), date=DAY,
                           organisation="Testikylän sosiaalipalvelut Oy", inputs=[catalogue.table_path])
    assert path.read_bytes().startswith(b"<?xml")
    with pytest.raises(ValueError):
        plot.write_plot("pie", catalogue, graph, tmp_path / "x.svg")


def test_overlay_and_matrix_in_english(catalogue, graph):
    situation = situation_of(catalogue, graph, ORGANISATIONS[0])
    texts = svg_texts(plot.organisation_overlay(catalogue, graph, situation, lang="en", date=DAY))
    assert "In use" in texts and "Wave 1" in texts and "Can be taken into use now" in texts
    assert "Waiting for certification" in texts
    texts = svg_texts(plot.profile_matrix(catalogue, graph, lang="en", date=DAY))
    assert "Allowed orders" in texts and "Allowed partly" in texts


def own_words_leak(fig, lang: str) -> list[str]:
    """Words of the other language in the figure's SVG text, workbook text taken out first.

    A box wraps an item's name over lines, so the texts are joined and each
    workbook text is matched across any white space.
    """
    text = " ".join(" ".join(svg_texts(fig)).split())
    for piece in WORKBOOK_TEXTS:
        text = re.sub(r"\s+".join(re.escape(word) for word in piece.split()), " ", text)
    return leaks(text, lang)


def figure_of(kind: str, catalogue, graph, lang: str):
    situation = Situation(catalogue, graph, "SOS-V2", deployed=("SOS", "SOS-V1-ARK"), certified=("SOS-V2-ALL",))
    if kind == "dependencies":
        return plot.dependency_diagram(catalogue, graph, "SOS-V2", lang=lang, date=DAY, show_not_allowed=True)
    if kind == "overlay":
        return plot.organisation_overlay(catalogue, graph, situation, organisation="Testikylä", lang=lang, date=DAY,
                                         not_allowed="all")
    if kind == "matrix":
        return plot.profile_matrix(catalogue, graph, lang=lang, date=DAY)
    return plot.plan_gantt(fake_plan(), catalogue=catalogue, today=DAY, lang=lang, organisation="Testikylä")


@pytest.mark.parametrize("lang", ["fi", "en"])
@pytest.mark.parametrize("kind", ["dependencies", "overlay", "matrix", "gantt"])
def test_a_figure_speaks_one_language(catalogue, graph, kind, lang):
    fig = figure_of(kind, catalogue, graph, lang)
    assert not own_words_leak(fig, lang)
    # the check sees the figure's own words: the other language's figure would fail it
    assert own_words_leak(figure_of(kind, catalogue, graph, "en" if lang == "fi" else "fi"), lang)


def test_matrix_legend_says_whole_sentences(catalogue, graph):
    fi = svg_texts(plot.profile_matrix(catalogue, graph, date=DAY))
    en = svg_texts(plot.profile_matrix(catalogue, graph, lang="en", date=DAY))
    assert "Sallittu, mutta jokin edellytys ei ole sallittu" in fi
    assert "Allowed, but a prerequisite is not allowed" in en


def test_output_errors_speak_both_languages(catalogue, graph, tmp_path):
    fig = plot.dependency_diagram(catalogue, graph, "ARK", date=DAY)
    with pytest.raises(OutputError) as err:
        plot.save_figure(fig, tmp_path / "kuva.gif")
    assert err.value.key == "figure_format" and err.value.params["fmt"] == "gif"
    assert err.value.text("fi").startswith("kuvaa ei voi tallentaa muodossa 'gif'")
    assert err.value.text("en").startswith("cannot write a figure as 'gif'")
    with pytest.raises(OutputError) as err:
        plot.save_figure(fig, tmp_path / "kuva")
    assert err.value.key == "figure_no_extension" and "svg, png, pdf" in err.value.text("fi")
    source = tmp_path / "lähtö.svg"
    source.write_text("<svg/>")
    with pytest.raises(OutputError) as err:
        plot.save_figure(fig, source, inputs=[source])
    assert err.value.key == "over_input" and str(err.value) == f"lähtötiedoston {source} päälle ei kirjoiteta"
    assert source.read_text() == "<svg/>"
    with pytest.raises(ValueError) as err:  # a UsageError, also a ValueError
        plot.write_plot("pie", catalogue, graph, tmp_path / "x.svg")
    assert err.value.text("en") == "unknown plot 'pie'; use one of: dependencies, overlay, matrix, gantt"
