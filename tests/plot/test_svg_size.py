"""What keeps the figures' SVG small, and that it draws the same picture.

matplotlib writes a hatch pattern on a 72-point tile holding its pattern six
times over (a dotted status strip alone was some 150 KB); ``figure_bytes``
writes it on the smallest tile that repeats it. The oracle is matplotlib's
own tile: both are rasterised as an SVG viewer tiles them (each copy
clipped to its tile) and compared pixel by pixel. The coloured tab and the
status strip of a box are drawn as shapes with the box's own rounded
corners instead of rectangles clipped to the box: the oracle is the clipped
rectangle, rasterised the same way.
"""

from __future__ import annotations

import datetime as dt
import io
import re

import numpy as np
import pytest
from defusedxml import ElementTree
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch, PathPatch, Rectangle
from matplotlib.path import Path as MPath
from matplotlib.transforms import Affine2D

import analyser.plot as plot
from analyser.planning.situation import Situation
from analyser.plot._mpl_canvas import _rounded_side
from analyser.plot._diagram import _STATUS_STYLE
from analyser.plot._files import _small_tile

DAY = dt.date(2026, 11, 2)
SVG = "{http://www.w3.org/2000/svg}"
#: every hatch class of matplotlib, alone and mixed, with even and odd counts, and the status strips' own
HATCHES = sorted({"/", "\\", "|", "-", "+", "x", "X", "o", "O", ".", "*", "//", "xx", "oo", "..", "**", "///",
                  "o.", "/o", "+x", "-|", *(s["hatch"] for s in _STATUS_STYLE.values() if s["hatch"])})


def _path_of(d: str) -> MPath:
    """A matplotlib path from SVG path data of absolute M, L, Q, C and z commands."""
    tokens = re.findall(r"[MLQCz]|-?[\d.]+(?:e-?\d+)?", d)
    verts, codes, k, op = [], [], 0, None
    kinds = {"M": (MPath.MOVETO, 1), "L": (MPath.LINETO, 1), "Q": (MPath.CURVE3, 2), "C": (MPath.CURVE4, 3)}
    start = (0.0, 0.0)
    while k < len(tokens):
        if tokens[k] == "z":
            verts.append(start)
            codes.append(MPath.CLOSEPOLY)
            k += 1
            continue
        if tokens[k] in kinds:
            op = tokens[k]
            k += 1
        code, n = kinds[op]
        for _ in range(n):
            verts.append((float(tokens[k]), float(tokens[k + 1])))
            codes.append(code)
            k += 2
        if code == MPath.MOVETO:
            start = verts[-1]
    return MPath(verts, codes)


def _matplotlib_tile(hatch: str) -> tuple[int, str]:
    """matplotlib's own SVG tile of ``hatch``: its side and path data."""
    fig = Figure(figsize=(1, 1))
    fig.add_artist(Rectangle((0, 0), 1, 1, hatch=hatch, facecolor="white", transform=fig.transFigure))
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg")
    pattern = ElementTree.fromstring(buffer.getvalue()).find(f".//{SVG}pattern")
    return int(pattern.get("width")), pattern.find(f"{SVG}path").get("d")


def _raster(draw, size: float = 72, dpi: int = 288) -> np.ndarray:
    """Ink (True) of what ``draw(ax)`` draws on a ``size``-point square, y downwards as in SVG."""
    fig = Figure(figsize=(size / 72, size / 72), dpi=dpi)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, size)
    ax.set_ylim(size, 0)
    ax.set_axis_off()
    draw(ax)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return np.asarray(canvas.buffer_rgba())[:, :, 0] < 128


def _tiled(path: MPath, tile: int):
    """Draw ``path`` as an SVG viewer fills with a pattern of side ``tile``: a copy per tile, clipped to it."""
    def draw(ax):
        for x in range(0, 72, tile):
            for y in range(0, 72, tile):
                moved = path.transformed(Affine2D().translate(x, y))
                patch = ax.add_patch(PathPatch(moved, facecolor="black", edgecolor="black", linewidth=0.8))
                patch.set_clip_path(ax.add_patch(Rectangle((x, y), tile, tile, fill=False, linewidth=0)))
    return draw


@pytest.mark.parametrize("hatch", HATCHES)
def test_a_small_hatch_tile_draws_what_matplotlibs_tile_draws(hatch):
    big, d = _matplotlib_tile(hatch)
    side, small = _small_tile(hatch)
    assert big == 72 and side in (12, 24) and len(small) < len(d)
    expected = _raster(_tiled(_path_of(d), 72))
    found = _raster(_tiled(_path_of(small.decode()), side))
    assert expected.any()
    assert (expected != found).mean() < 0.001, f"{(expected != found).sum()} pixels differ"


@pytest.mark.parametrize("side", ["left", "right"])
def test_a_tab_covers_the_rounded_box_as_a_clipped_rectangle_would(side):
    x, y, w, h, part = 10.0, 12.0, 50.0, 40.0, 11.0
    left = x if side == "left" else x + w - part

    def clipped(ax):
        frame = ax.add_patch(FancyBboxPatch((x, y), w, h, boxstyle="round,pad=0,rounding_size=4", mutation_aspect=1,
                                            facecolor="none", edgecolor="none"))
        ax.add_patch(Rectangle((left, y), part, h, facecolor="black")).set_clip_path(frame)

    def shaped(ax):
        ax.add_patch(PathPatch(_rounded_side(left, y, part, h, 4, side), facecolor="black", edgecolor="none"))

    expected, found = _raster(clipped), _raster(shaped)
    assert expected.sum() > 0.9 * part * h * 16
    assert (expected != found).sum() <= 4  # a corner rounded by 3 points instead of 4 differs in 38 pixels


def _overlay_svg(catalogue, graph, profile, deployed, certified=None) -> bytes:
    situation = Situation(catalogue, graph, profile, deployed=deployed, certified=certified)
    return plot.figure_bytes(plot.organisation_overlay(catalogue, graph, situation, organisation="Org",
                                                       certified=certified, date=DAY), "svg")


@pytest.mark.parametrize("profile, deployed, certified", [
    ("SOS-V2", ("SOS", "SOS-VANHAT", "SOS-V1-ARK", "SOS-V1-HAKU"), ("SOS-V2-ALL", "SOS-V2-YHT", "SOS-V2-RAK")),
    ("SOS-LV", ("SOS",), None),
    ("POT", ("PTA", "RES"), ("PTA-KUVA", "PTA-TOD", "PTA-PUOL", "RES-PUOL")),
])
def test_status_diagram_svg_holds_small_patterns_text_as_text_and_no_clipping(catalogue, graph, profile, deployed,
                                                                               certified):
    svg = _overlay_svg(catalogue, graph, profile, deployed, certified)
    root = ElementTree.fromstring(svg)
    patterns = root.findall(f".//{SVG}pattern")
    assert patterns, "the statuses are told by patterns too"
    for pattern in patterns:
        assert int(pattern.get("width")) <= 24 and int(pattern.get("height")) <= 24
    bodies = [re.sub(rb'id="[^"]+"', b"", ElementTree.tostring(p)) for p in patterns]
    assert len(set(bodies)) == len(bodies), "a pattern is defined twice"
    assert sum(map(len, bodies)) < 40_000
    assert root.find(f".//{SVG}clipPath") is None and b"clip-path" not in svg
    texts = ["".join(el.itertext()) for el in root.iter(f"{SVG}text")]
    assert "Org" in " ".join(texts) and len(texts) > 40
    assert b"<use" not in svg and b"glyph" not in svg  # no text as paths


def test_every_status_pattern_is_used_by_its_box_and_its_legend_swatch(catalogue, graph):
    svg = _overlay_svg(catalogue, graph, "SOS-V2", ("SOS", "SOS-VANHAT", "SOS-V1-ARK", "SOS-V1-HAKU"),
                       ("SOS-V2-ALL", "SOS-V2-YHT", "SOS-V2-RAK")).decode()
    ids = re.findall(r'<pattern id="([^"]+)"', svg)
    for pattern_id in ids:
        assert svg.count(f"url(#{pattern_id})") >= 1
