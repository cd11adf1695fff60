"""The page drawn straight into SVG (analyser.plot._svg_canvas) draws what matplotlib draws.

Two oracles, both matplotlib's own drawing of the same page
(:meth:`_Page.render`, saved by :func:`figure_bytes`):

* every text stands where matplotlib puts it, in the same size, weight,
  slant, colour and alignment, on a page of the same size (no browser
  needed);
* rasterised by the same browser (headless Chromium, as a planner opens
  the HTML report), the two SVG files give the same picture, pixel by
  pixel up to anti-aliasing: the real figures, and a page that uses every
  primitive, marker, fill style, hatch, dash pattern and corner.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import tempfile
from collections import defaultdict
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
from defusedxml import ElementTree
from hypothesis import given, settings
from hypothesis import strategies as st
from workbook_factory import random_spec, write_dependency_table

import analyser.plot as plot
from analyser.examples import example_new_version, example_plan
from analyser.load.catalogue import load_catalogue
from analyser.model import build_graph
from analyser.planning.changes import diff_catalogues
from analyser.planning.situation import Situation
from analyser.plot._canvas import _Legend, _LegendEntry, _Page, figure_function
from analyser.plot._svg_canvas import SvgCanvas
from analyser.report._html_page import inline_svg

DAY = dt.date(2026, 11, 2)
SVG = "{http://www.w3.org/2000/svg}"
CATALOGUE = load_catalogue()
GRAPH = build_graph(CATALOGUE)


def _diff():
    """The shipped table against the example of a new version (a rename, a new requirement, a date, a mark)."""
    new = load_catalogue(example_new_version(), None, with_tasks=False)
    return diff_catalogues(load_catalogue(with_tasks=False), new)


def _figures():
    """(name, figure function, args, kwargs): every kind of figure, both languages, several situations."""
    _, plan = example_plan(DAY)
    cases = [
        ("overlay-v2", plot.organisation_overlay,
         (CATALOGUE, GRAPH, Situation(CATALOGUE, GRAPH, "SOS-V2", deployed=("SOS", "SOS-VANHAT", "SOS-V1-ARK"),
                                      certified=("SOS-V2-ALL", "SOS-V2-YHT"))),
         dict(organisation="Esimerkkilä & <Itä>", date=DAY)),
        ("overlay-lv-en", plot.organisation_overlay,
         (CATALOGUE, GRAPH, Situation(CATALOGUE, GRAPH, "SOS-LV", deployed=("SOS",))),
         dict(organisation="Testikylä", lang="en", date=DAY)),
        ("overlay-pot", plot.organisation_overlay,
         (CATALOGUE, GRAPH, Situation(CATALOGUE, GRAPH, "POT", deployed=("PTA", "RES"))), dict(date=DAY)),
        ("dependencies", plot.dependency_diagram, (CATALOGUE, GRAPH, "SOS-LV"), dict(date=DAY, show_not_allowed=True)),
        ("dependencies-all", plot.dependency_diagram, (CATALOGUE, GRAPH, None), dict(lang="en", date=DAY)),
        ("matrix", plot.profile_matrix, (CATALOGUE, GRAPH), dict(date=DAY)),
        ("gantt", plot.plan_gantt, (plan,), dict(catalogue=CATALOGUE, today=DAY, organisation="Org")),
        ("diff", plot.diff_diagram, (_diff(), "SOS-LV"), dict(date=DAY)),
    ]
    return cases


FIGURES = _figures()
IDS = [name for name, *_ in FIGURES]


def _both(function, args, kwargs) -> tuple[bytes, bytes]:
    """The page's own SVG, and matplotlib's of the same page."""
    return function.page(*args, **kwargs).svg(), plot.figure_bytes(function(*args, **kwargs), "svg")


def _style(element) -> dict[str, str]:
    pairs = (part.split(":", 1) for part in (element.get("style") or "").split(";") if ":" in part)
    return {k.strip(): v.strip() for k, v in pairs}


def _texts(svg: bytes) -> dict[tuple, list[tuple[float, float]]]:
    """Every text: (content, size, bold, italic, anchor, colour) -> its positions (x, baseline y)."""
    found: dict[tuple, list[tuple[float, float]]] = defaultdict(list)
    for element in ElementTree.fromstring(svg).iter(f"{SVG}text"):
        style = _style(element)
        get = lambda name, default=None: element.get(name) or style.get(name, default)  # noqa: E731
        size = float(re.match(r"[\d.]+", get("font-size"))[0])
        key = ("".join(element.itertext()), size, get("font-weight", "normal") in ("bold", "700"),
               get("font-style", "normal") == "italic", get("text-anchor", "start"), get("fill", "#000000").lower())
        found[key].append((float(element.get("x")), float(element.get("y"))))
    return found


def _size(svg: bytes) -> tuple[float, float]:
    root = ElementTree.fromstring(svg)
    return float(root.get("width").removesuffix("pt")), float(root.get("height").removesuffix("pt"))


@pytest.mark.parametrize("name, function, args, kwargs", FIGURES, ids=IDS)
def test_every_text_stands_where_matplotlib_puts_it(name, function, args, kwargs):
    ours, theirs = _both(function, args, kwargs)
    assert _size(ours) == pytest.approx(_size(theirs), abs=0.01)
    ours_texts, their_texts = _texts(ours), _texts(theirs)
    assert set(ours_texts) == set(their_texts)
    for key, places in ours_texts.items():
        assert len(places) == len(their_texts[key]), key
        for (x, y), (x2, y2) in zip(sorted(places), sorted(their_texts[key])):
            # matplotlib centres a line on its own ink, so a line with capital Å or Ä sits a little lower
            assert x == pytest.approx(x2, abs=0.05) and y == pytest.approx(y2, abs=0.1 * key[1]), (key, x, y, x2, y2)


@pytest.mark.parametrize("name, function, args, kwargs", FIGURES[:3] + FIGURES[-1:], ids=IDS[:3] + IDS[-1:])
def test_the_svg_is_well_formed_escaped_and_fit_for_the_html_report(name, function, args, kwargs):
    svg = function.page(*args, **kwargs).svg()
    root = ElementTree.fromstring(svg)  # well-formed, hostile names escaped
    texts = ["".join(element.itertext()) for element in root.iter(f"{SVG}text")]
    if name == "overlay-v2":
        assert any("Esimerkkilä & <Itä>" in text for text in texts)
        assert b"Esimerkkil\xc3\xa4 &amp; &lt;It\xc3\xa4&gt;" in svg
    assert inline_svg(svg, "d-", "kuva") is not None  # the report's page takes it inline
    assert b"clip-path" not in svg and b"<image" not in svg and b"href" not in svg
    for pattern in root.iter(f"{SVG}pattern"):
        assert float(pattern.get("width")) <= 24
    ids = re.findall(rb'<pattern id="([^"]+)"', svg)
    assert all(svg.count(b"url(#" + pattern_id + b")") >= 1 for pattern_id in ids)
    assert svg == function.page(*args, **kwargs).svg()


def test_characters_xml_forbids_are_replaced():
    """Workbook text may hold control characters; the SVG stays well-formed (matplotlib's would not)."""
    situation = Situation(CATALOGUE, GRAPH, "SOS-LV", deployed=("SOS",))
    svg = plot.organisation_overlay.page(CATALOGUE, GRAPH, situation, organisation="Org\x01\x0bA\tB",
                                         date=DAY).svg()
    texts = ["".join(element.itertext()) for element in ElementTree.fromstring(svg).iter(f"{SVG}text")]
    assert any("Org\ufffd" in text for text in texts)  # (a vertical tab is white space, where lines wrap)
    assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]", svg)


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000), n_items=st.integers(1, 14), n_profiles=st.integers(1, 3), data=st.data())
def test_on_random_tables_every_text_stands_where_matplotlib_puts_it(seed, n_items, n_profiles, data):
    """Random tables (the workbook factory's, written as real workbooks and read back) and random situations:
    the status diagram's and the dependency diagram's texts where matplotlib puts them, on pages of its size."""
    spec = random_spec(seed, n_items=n_items, n_profiles=n_profiles)
    with tempfile.TemporaryDirectory() as folder:
        catalogue = load_catalogue(write_dependency_table(spec, Path(folder) / "t.xlsx").path, with_tasks=False)
    graph = build_graph(catalogue)
    profile = data.draw(st.sampled_from([p.id for p in catalogue.profiles]))
    ids = [i.id for i in catalogue.items]
    deployed = tuple(data.draw(st.lists(st.sampled_from(ids), max_size=4, unique=True)))
    closed = {d for item in deployed for d in nx.ancestors(graph, item) if d in ids} | set(deployed)
    situation = Situation(catalogue, graph, profile, deployed=tuple(sorted(closed)))
    for function, args, kwargs in ((plot.organisation_overlay, (catalogue, graph, situation), dict(date=DAY)),
                                   (plot.dependency_diagram, (catalogue, graph, profile), dict(date=DAY))):
        ours, theirs = _both(function, args, kwargs)
        assert _size(ours) == pytest.approx(_size(theirs), abs=0.01)
        ours_texts, their_texts = _texts(ours), _texts(theirs)
        assert ours_texts.keys() == their_texts.keys()
        for key, places in ours_texts.items():
            for (x, y), (x2, y2) in zip(sorted(places), sorted(their_texts[key]), strict=True):
                assert x == pytest.approx(x2, abs=0.05) and y == pytest.approx(y2, abs=0.1 * key[1]), key


def test_the_svg_is_smaller_than_matplotlibs():
    for name, function, args, kwargs in FIGURES:
        ours, theirs = _both(function, args, kwargs)
        assert len(ours) < 0.8 * len(theirs), (name, len(ours), len(theirs))


# -- in a browser -------------------------------------------------------------------------------------------

def _every_primitive(canvas) -> None:
    """A page body with each primitive in each of its variants."""
    markers = ["o", "s", "^", "v", "D", "P", "X", "h", "_"]
    for k, marker in enumerate(markers):
        for j, fill in enumerate(["full", "left", "right"]):
            canvas.marker(20 + 28 * k, 14 + 22 * j, marker, 9 + k % 3, color="#0072B2", edge="#222222",
                          fillstyle=fill, mew=0.6 + 0.4 * j)
    hatches = ["/", "\\", "|", "-", "+", "x", "X", "o", "O", ".", "//", "oo", "...", "////", "xxx", "---", "++"]
    for k, hatch in enumerate(hatches):
        canvas.rect(10 + 30 * (k % 9), 90 + 34 * (k // 9), 26, 28, face="#F2F2F2", edge="#444444", lw=1.0,
                    hatch=hatch, hatchcolor="#B07800", rounding=4 if k % 3 == 0 else 0,
                    corners=("all", "left", "right")[k % 3])
    dashes = ["solid", (0, (4, 2)), (0, (1, 1.6)), (0, (5, 1.5, 1, 1.5)), (2, (6, 2)), "dashed", "dotted"]
    for k, ls in enumerate(dashes):
        canvas.line([(290, 14 + 14 * k), (380, 14 + 14 * k)], color="#D55E00", lw=0.8 + 0.3 * k, ls=ls)
        canvas.rect(290, 120 + 22 * k, 90, 16, edge="#009E73", lw=0.6 + 0.3 * k, ls=ls, rounding=3)
    canvas.arrow([("M", (400, 20)), ("C", (440, 20), (430, 80), (470, 80))], color="#222222", lw=1.2)
    canvas.arrow([("M", (400, 100)), ("L", (470, 140))], color="#0072B2", lw=1.6, ls=(0, (4, 2)))
    canvas.arrow([("M", (470, 160)), ("L", (400, 160))], color="#444444", lw=1.0, head=False)
    canvas.rect(400, 180, 70, 30, face="#000000", alpha=0.2)
    for k, (ha, va) in enumerate([("left", "center"), ("center", "top"), ("right", "bottom"),
                                  ("left", "baseline")]):
        canvas.text(480 + 90 * (k % 2), 20 + 40 * k, f"{ha} {va}", 9 + k, ha=ha, va=va,
                    weight="bold" if k % 2 else "normal", style="italic" if k == 2 else "normal", color="#333333")
    canvas.text(560, 200, "taustalla", 8, backdrop="#FFFFFF", weight="bold")


@figure_function
def _primitives(*, ax=None):
    legend = _Legend("Selite:", [
        _LegendEntry("patch", "kuvio", dict(face="#FFFFFF", edge="#B07800", hatch="////", hatchcolor="#B07800",
                                            ls=(0, (4, 2)), lw=1.4)),
        _LegendEntry("patch", "välilehti", dict(face="white", edge="#9A9A9A", lw=0.6, tab="#E69F00")),
        _LegendEntry("line", "viiva", dict(color="#0072B2", lw=1.2, ls=(0, (4, 2)))),
        _LegendEntry("marker", "merkki", dict(marker="o", size=9, color="#E69F00", fillstyle="left", edge="#9A6A00")),
        _LegendEntry("band", "kaista", dict(face="#DDEEFF")),
    ])
    return _Page("Kaikki piirtimet", "alaotsikko", 660, 240, _every_primitive, [legend], ["alaviite"])


def _pictures(browser, svgs: list[bytes], folder: Path) -> list[np.ndarray]:
    from PIL import Image

    pictures = []
    for k, svg in enumerate(svgs):
        (folder / f"{k}.svg").write_bytes(svg)
        page = folder / f"{k}.html"
        page.write_text(f'<html><body style="margin:0;background:#fff"><img src="{k}.svg"></body></html>')
        tab = browser.open(page, settle=0.2)
        try:
            png = tab.screenshot(full_page=True)
        finally:
            tab.close()
        pictures.append(np.asarray(Image.open(io.BytesIO(png)).convert("L"), dtype=float))
    return pictures


def _differ(ours: np.ndarray, theirs: np.ndarray) -> tuple[float, float]:
    """Within the drawing: the share of pixels that differ by more than a quarter of the grey scale after
    a 2x2 blur (anti-aliasing and sub-pixel text placement), and the mean difference."""
    ink = np.argwhere((ours < 250) | (theirs < 250))
    (top, left), (bottom, right) = ink.min(axis=0), ink.max(axis=0) + 1
    a, b = ours[top:bottom, left:right], theirs[top:bottom, left:right]

    def blur(x):
        return (x[:-1, :-1] + x[1:, :-1] + x[:-1, 1:] + x[1:, 1:]) / 4

    d = np.abs(blur(a) - blur(b))
    return float((d > 64).mean()), float(d.mean())


@pytest.fixture(scope="module")
def browser():
    from chromium import Browser, find_chromium

    if find_chromium() is None:
        pytest.skip("no Chromium on this machine (Debian's chromium package; .ci/run installs it)")
    with Browser(width=1400, height=1000) as opened:
        yield opened


@pytest.mark.parametrize("name, function, args, kwargs",
                         [*FIGURES, ("primitives", _primitives, (), {})], ids=[*IDS, "primitives"])
def test_a_browser_shows_the_same_picture_as_matplotlibs_svg(browser, tmp_path, name, function, args, kwargs):
    ours, theirs = _pictures(browser, list(_both(function, args, kwargs)), tmp_path)
    assert ours.shape == theirs.shape
    share, mean = _differ(ours, theirs)
    assert share < 0.004 and mean < 2.0, (name, share, mean)


@settings(max_examples=5, deadline=None)
@given(seed=st.integers(0, 10_000), n_items=st.integers(2, 12), data=st.data())
def test_on_random_tables_a_browser_shows_the_same_picture(browser, seed, n_items, data):
    spec = random_spec(seed, n_items=n_items, n_profiles=2)
    with tempfile.TemporaryDirectory() as folder:
        catalogue = load_catalogue(write_dependency_table(spec, Path(folder) / "t.xlsx").path, with_tasks=False)
        graph = build_graph(catalogue)
        profile = data.draw(st.sampled_from([p.id for p in catalogue.profiles]))
        first = [i.id for i in catalogue.items if not graph.in_degree(i.id)]
        situation = Situation(catalogue, graph, profile, deployed=tuple(first[:1]))
        args = (catalogue, graph, situation)
        ours, theirs = _pictures(browser, list(_both(plot.organisation_overlay, args, dict(date=DAY))), Path(folder))
    share, mean = _differ(ours, theirs)
    assert share < 0.004 and mean < 2.0, (share, mean)


def test_the_comparison_sees_a_difference(browser, tmp_path):
    """The oracle can fail: a page with one hatch changed is told apart."""
    def draw(canvas, hatch):
        canvas.rect(10, 10, 200, 120, face="#FFFFFF", edge="#222222", lw=1, hatch=hatch, hatchcolor="#222222")

    def svg(hatch):
        canvas = SvgCanvas(220, 140)
        draw(canvas, hatch)
        return canvas.bytes()

    same, other = _pictures(browser, [svg("//"), svg("\\\\")], tmp_path)
    assert _differ(same, other)[0] > 0.01
