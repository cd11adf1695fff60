"""Internal: the page drawn straight into SVG, with no matplotlib.

:class:`SvgCanvas` has the primitives of the matplotlib canvas
(:mod:`analyser.plot._mpl_canvas`) with the same meaning: page points, y
downwards, z-order, line widths and dashes scaled as matplotlib scales them
(``lines.scale_dashes``), arrow heads and markers of matplotlib's shapes and
sizes, and hatch patterns of matplotlib's density on small tiles. A status
diagram takes a few milliseconds this way instead of the half a second that
loading matplotlib costs. Text stays text in DejaVu Sans, the font the layout
measures (:mod:`analyser.plot.layout`), with fallbacks.

The output is deterministic: elements in z-order, then in the order drawn;
numbers rounded to 1/1000 point; pattern ids numbered in order of first use.
"""

from __future__ import annotations

import html
import math
import re
from typing import Iterable, Sequence

from analyser.plot._style import _INK
from analyser.plot.layout import text_width

__all__ = ["SvgCanvas", "svg_text"]

FONT = "'DejaVu Sans', Arial, Helvetica, sans-serif"
#: Where the baseline lies below the anchor point, in font sizes, for each vertical alignment, as matplotlib
#: places one line of DejaVu Sans (its text box runs from the top of "l" to the bottom of "p").
BASELINE = {"center": 0.2598, "top": 0.7598, "bottom": -0.2402, "baseline": 0.0}
ANCHOR = {"left": "start", "center": "middle", "right": "end"}
#: matplotlib's named line styles, in line widths (``lines.*_pattern``).
NAMED_DASHES = {"dashed": (3.7, 1.6), "--": (3.7, 1.6), "dotted": (1.0, 1.65), ":": (1.0, 1.65),
                "dashdot": (6.4, 1.6, 1.0, 1.6), "-.": (6.4, 1.6, 1.0, 1.6)}
#: Characters XML 1.0 forbids (workbook text may hold them): shown as the replacement character.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
HATCH_WIDTH = 0.8  # points, as RC's hatch.linewidth
HATCH_TILE = 12.0  # points: matplotlib's 72-point tile holds six repeats of a hatch


def num(value: float) -> str:
    """A coordinate as SVG text: at most three decimals, no trailing zeros, never "-0".

    Examples
    --------
    >>> num(1.23456), num(2.0), num(-0.0001)
    ('1.235', '2', '0')
    """
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def svg_text(text: str) -> str:
    """``text`` as the content of an SVG text element: escaped, and any character XML forbids (workbook text
    may hold control characters) shown as the replacement character.

    Examples
    --------
    >>> svg_text("A & <B>\x01")
    'A &amp; &lt;B&gt;\ufffd'
    """
    return html.escape(_NOT_XML.sub("\ufffd", text), quote=False)


def _dashes(ls, lw: float) -> str:
    """The stroke-dasharray (and offset) attributes of a matplotlib line style at line width ``lw``; dashes
    scale with the width (matplotlib's ``lines.scale_dashes``)."""
    if ls in (None, "solid", "-"):
        return ""
    offset, pattern = (0.0, NAMED_DASHES[ls]) if isinstance(ls, str) else ls
    if not pattern:
        return ""
    scale = lw if lw > 0 else 1.0
    text = f' stroke-dasharray="{" ".join(num(d * scale) for d in pattern)}"'
    return text + (f' stroke-dashoffset="{num(offset * scale)}"' if offset else "")


def _points(points: Iterable[tuple[float, float]]) -> str:
    return " ".join(f"{num(x)},{num(y)}" for x, y in points)


class SvgCanvas:
    """Collects a page's drawing as SVG elements; :meth:`bytes` writes the document.

    ``width`` and ``height`` are the page's size in points. :meth:`at` gives
    a canvas drawing onto the same page at an offset.

    Examples
    --------
    >>> c = SvgCanvas(100, 40)
    >>> _ = c.rect(10, 10, 30, 20, face="#FFFFFF", edge="#222222", lw=1, hatch="//", hatchcolor="#999999")
    >>> _ = c.text(50, 20, "SOS & <ARK>", 9)
    >>> svg = c.bytes().decode()
    >>> svg.count("<pattern"), "SOS &amp; &lt;ARK&gt;</text>" in svg
    (1, True)
    """

    def __init__(self, width: float, height: float, *, _shared=None, ox: float = 0.0, oy: float = 0.0):
        self.width = width
        self.height = height
        self.ox = ox
        self.oy = oy
        self._shared = _shared if _shared is not None else {"elements": [], "patterns": {}}

    def at(self, dx: float, dy: float) -> "SvgCanvas":
        return SvgCanvas(self.width, self.height, _shared=self._shared, ox=self.ox + dx, oy=self.oy + dy)

    def _add(self, zorder: float, element: str) -> str:
        elements = self._shared["elements"]
        elements.append((zorder, len(elements), element))
        return element

    def _xy(self, x: float, y: float) -> tuple[float, float]:
        return self.ox + x, self.oy + y

    # -- primitives (the interface of analyser.plot._mpl_canvas.MplCanvas) ------------------------

    def text(self, x, y, s, size, *, weight="normal", style="normal", color=_INK, ha="left", va="center",
             zorder=6.0, rotation=0.0, backdrop=None):
        if str(s) == "":  # as matplotlib: an empty text draws nothing, not even its backdrop
            return ""
        px, py = self._xy(x, y)
        lines = str(s).split("\n")
        step = size * 1.2
        first = py + BASELINE.get(va, 0.0) * size - {"center": step * (len(lines) - 1) / 2,
                                                      "bottom": step * (len(lines) - 1)}.get(va, 0.0)
        if backdrop:
            pad = 0.15 * size
            w = max(text_width(line, size, weight == "bold") for line in lines)
            left = px - {"left": 0.0, "center": w / 2, "right": w}.get(ha, 0.0) - pad
            top = first - 0.76 * size - pad
            self._add(zorder, f'<rect x="{num(left)}" y="{num(top)}" width="{num(w + 2 * pad)}" '
                              f'height="{num(0.968 * size + step * (len(lines) - 1) + 2 * pad)}" fill="{backdrop}" '
                              f'fill-opacity="0.85"/>')
        attributes = [f'font-size="{num(size)}"', f'fill="{color}"']
        if weight == "bold":
            attributes.append('font-weight="bold"')
        if style == "italic":
            attributes.append('font-style="italic"')
        if ANCHOR.get(ha, "start") != "start":
            attributes.append(f'text-anchor="{ANCHOR[ha]}"')
        if rotation:
            attributes.append(f'transform="rotate({num(-rotation)} {num(px)} {num(py)})"')
        texts = [svg_text(line) for line in lines]
        body = texts[0] if len(lines) == 1 else "".join(
            f'<tspan x="{num(px)}" y="{num(first + k * step)}">{text}</tspan>' for k, text in enumerate(texts))
        position = f' x="{num(px)}" y="{num(first)}"' if len(lines) == 1 else ""
        return self._add(zorder, f'<text{position} {" ".join(attributes)} xml:space="preserve">{body}</text>')

    def rect(self, x, y, w, h, *, face="none", edge="none", lw=0.0, ls="solid", hatch=None, hatchcolor=None,
             rounding=0.0, corners="all", zorder=1.0, alpha=None, gid=None):
        """A rectangle; ``rounding`` rounds its corners, all of them or only those on the ``corners`` side
        ("left" or "right"), with quadratic curves as matplotlib's "round" box style."""
        px, py = self._xy(x, y)
        fill = face
        if hatch:
            colour = hatchcolor or (edge if edge != "none" else _INK)
            fill = f"url(#{self._pattern(hatch, colour, face)})"
        r = min(rounding, w / 2, h / 2) if rounding else 0.0
        paint = self._paint(fill, edge, lw, ls, alpha)
        if r:
            element = f'<path d="{_rounded(px, py, w, h, r, corners)}"{paint}/>'
        else:
            element = f'<rect x="{num(px)}" y="{num(py)}" width="{num(w)}" height="{num(h)}"{paint}/>'
        return self._add(zorder, f"<g{_gid(gid)}>{element}</g>" if gid else element)

    def line(self, points, *, color=_INK, lw=1.0, ls="solid", zorder=2.0, alpha=None):
        points = [self._xy(x, y) for x, y in points]
        paint = self._paint("none", color, lw, ls, alpha, join="round")
        return self._add(zorder, f'<polyline points="{_points(points)}"{paint}/>')

    def marker(self, x, y, marker, size, *, color=_INK, edge=None, fillstyle="full", mew=1.0, zorder=5.0,
               face=None):
        """A marker of matplotlib's shape ("o", "s", "^", "v", "D", "P", "X", "h", "_", "|"; any other is a
        circle), ``size`` points across, filled whole or on one side ("left", "right")."""
        px, py = self._xy(x, y)
        edge = edge or color
        face = face or color
        if marker in _LINE_MARKERS:  # stroked only
            ends = [(px + dx * size, py + dy * size) for dx, dy in _LINE_MARKERS[marker]]
            return self._add(zorder, f'<polyline points="{_points(ends)}"{self._paint("none", edge, mew, "solid", None)}/>')
        stroke = f' stroke="{edge}" stroke-width="{num(mew)}" stroke-linejoin="miter"' if mew > 0 else ""
        if marker not in _UNIT_SHAPES:
            return self._add(zorder, _circle_marker(px, py, size / 2, face, fillstyle, stroke))
        shape = [(px + dx * size, py + dy * size) for dx, dy in _UNIT_SHAPES[marker]]
        parts = []
        if fillstyle in ("left", "right"):
            half_face, other = (face, "white") if fillstyle == "left" else ("white", face)
            parts.append(f'<path d="{_half(shape, px, left=True)}" fill="{half_face}"/>')
            parts.append(f'<path d="{_half(shape, px, left=False)}" fill="{other}"/>')
            fill = "none"
        else:
            fill = face if fillstyle != "none" else "none"
        parts.append(f'<polygon points="{_points(shape)}" fill="{fill}"{stroke}/>')
        return self._add(zorder, "<g>" + "".join(parts) + "</g>" if len(parts) > 1 else parts[0])

    def arrow(self, commands, *, color=_INK, lw=1.0, ls="solid", zorder=2.0, head=True, gid=None):
        """A path of ("M", p), ("L", p) and ("C", p1, p2, p3) commands; with ``head``, matplotlib's "-|>"
        head (5.5 points long, 2.6 wide) at its end, its tip on the last point."""
        commands = [(op, *[self._xy(*p) for p in pts]) for op, *pts in commands]
        wedge = None
        if head and len(commands) > 1:
            points = [p for _, *pts in commands for p in pts]
            (x0, y0), (x1, y1) = points[-2], points[-1]
            if (x0, y0) != (x1, y1):
                wedge, shift = _wedge(x0, y0, x1, y1, lw)
                op, *pts = commands[-1]
                commands[-1] = (op, *pts[:-1], (x1 + shift[0], y1 + shift[1]))
        d = " ".join(f"{op} {' '.join(f'{num(x)} {num(y)}' for x, y in pts)}" for op, *pts in commands)
        element = f'<path d="{d}"{self._paint("none", color, lw, ls, None)}/>'
        if wedge is not None:
            element += (f'<polygon points="{_points(wedge)}" fill="{color}" stroke="{color}" '
                        f'stroke-width="{num(lw)}" stroke-linejoin="miter"/>')
        return self._add(zorder, f"<g{_gid(gid)}>{element}</g>" if gid or wedge is not None else element)

    # -- the document -----------------------------------------------------------------------------

    @staticmethod
    def _paint(fill: str, edge: str, lw: float, ls, alpha, join: str = "miter") -> str:
        parts = [f' fill="{fill}"']
        if edge != "none" and lw > 0:
            parts.append(f' stroke="{edge}" stroke-width="{num(lw)}" stroke-linejoin="{join}"')
            parts.append(_dashes(ls, lw))
        if alpha is not None:
            parts.append(f' opacity="{num(alpha)}"')
        return "".join(parts)

    def _pattern(self, hatch: str, colour: str, face: str) -> str:
        patterns = self._shared["patterns"]
        key = (hatch, colour, face)
        if key not in patterns:
            patterns[key] = f"h{len(patterns) + 1}"
        return patterns[key]

    def bytes(self) -> bytes:
        """The SVG document: the page's size in points, a white background, the patterns, the elements."""
        w, h = num(self.width), num(self.height)
        head = [
            '<?xml version="1.0" encoding="utf-8" standalone="no"?>\n',
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}pt" height="{h}pt" viewBox="0 0 {w} {h}" '
            f'version="1.1">\n',
        ]
        patterns = self._shared["patterns"]
        if patterns:
            head.append("<defs>\n")
            for (hatch, colour, face), name in patterns.items():
                head.append(_hatch_pattern(name, hatch, colour, face) + "\n")
            head.append("</defs>\n")
        head.append(f'<rect x="0" y="0" width="{w}" height="{h}" fill="#ffffff"/>\n')
        head.append(f'<g font-family="{FONT}" stroke-linecap="butt">\n')
        body = [element + "\n" for _, _, element in sorted(self._shared["elements"])]
        return "".join(head + body + ["</g>\n</svg>\n"]).encode("utf-8")


def _gid(gid: str | None) -> str:
    return f' id="{html.escape(gid)}"' if gid else ""


def _rounded(x: float, y: float, w: float, h: float, r: float, corners: str) -> str:
    """Path data of a rectangle with quadratic-curve corners on ``corners`` ("all", "left" or "right")."""
    x1, y1 = x + w, y + h
    # clockwise from the top right: each corner, and the directions of the edges into and out of it
    walk = [((x1, y), (-1, 0), (0, 1)), ((x1, y1), (0, -1), (-1, 0)),
            ((x, y1), (1, 0), (0, -1)), ((x, y), (0, 1), (1, 0))]
    rounded = {"all": (1, 1, 1, 1), "left": (0, 0, 1, 1), "right": (1, 1, 0, 0)}[corners]
    (cx, cy), _, (ox, oy) = walk[-1]
    d = [f"M {num(cx + ox * r * rounded[-1])} {num(cy + oy * r * rounded[-1])}"]
    for ((cx, cy), (ix, iy), (ox, oy)), rounds in zip(walk, rounded):
        if rounds:
            d.append(f"L {num(cx + ix * r)} {num(cy + iy * r)} Q {num(cx)} {num(cy)} {num(cx + ox * r)} {num(cy + oy * r)}")
        else:
            d.append(f"L {num(cx)} {num(cy)}")
    return " ".join(d) + " Z"


def _wedge(x0: float, y0: float, x1: float, y1: float, lw: float):
    """The "-|>" head of a path ending (x0, y0) -> (x1, y1), and how far the line's end moves back, so the
    stroked head's mitred tip lands on (x1, y1) (as matplotlib's ``ArrowStyle._Curve``)."""
    length, width = 5.5, 2.6
    dist = math.hypot(length, width)
    cos_t, sin_t = length / dist, width / dist
    dx, dy = x0 - x1, y0 - y1
    span = math.hypot(dx, dy) or 1.0
    pad = 0.5 * lw / sin_t
    ddx, ddy = pad * dx / span, pad * dy / span
    dx, dy = dx / span * dist, dy / span * dist
    dx1, dy1 = cos_t * dx + sin_t * dy, -sin_t * dx + cos_t * dy
    dx2, dy2 = cos_t * dx - sin_t * dy, sin_t * dx + cos_t * dy
    tip = (x1 + ddx, y1 + ddy)
    return [(tip[0] + dx1, tip[1] + dy1), tip, (tip[0] + dx2, tip[1] + dy2)], (ddx, ddy)


def _polygon(n: int, radius: float, start: float = 90.0) -> list[tuple[float, float]]:
    """A regular polygon's corners, the first at ``start`` degrees (counter-clockwise, y upwards on screen)."""
    return [(radius * math.cos(math.radians(start + 360 * k / n)), -radius * math.sin(math.radians(start + 360 * k / n)))
            for k in range(n)]


_UNIT_SHAPES = {
    "s": [(-0.5, -0.5), (0.5, -0.5), (0.5, 0.5), (-0.5, 0.5)],
    "^": [(0.0, -0.5), (-0.5, 0.5), (0.5, 0.5)],
    "v": [(0.0, 0.5), (0.5, -0.5), (-0.5, -0.5)],
    "D": [(0.0, -math.sqrt(0.5)), (math.sqrt(0.5), 0.0), (0.0, math.sqrt(0.5)), (-math.sqrt(0.5), 0.0)],
    "P": [(x / 6, y / 6) for x, y in ((-1, -3), (-1, -1), (-3, -1), (-3, 1), (-1, 1), (-1, 3), (1, 3), (1, 1),
                                      (3, 1), (3, -1), (1, -1), (1, -3))],
    "X": [(x / 4, y / 4) for x, y in ((-1, -2), (0, -1), (1, -2), (2, -1), (1, 0), (2, 1), (1, 2), (0, 1),
                                      (-1, 2), (-2, 1), (-1, 0), (-2, -1))],
    "h": _polygon(6, 0.5),
}
_LINE_MARKERS = {"_": ((-0.5, 0.0), (0.5, 0.0)), "|": ((0.0, -0.5), (0.0, 0.5))}


def _circle_marker(cx: float, cy: float, r: float, face: str, fillstyle: str, stroke: str) -> str:
    """A circle marker; filled on one side only (the other white) for the "left" and "right" fill styles."""
    circle = f'<circle cx="{num(cx)}" cy="{num(cy)}" r="{num(r)}"'
    if fillstyle not in ("left", "right"):
        return f'{circle} fill="{face if fillstyle != "none" else "none"}"{stroke}/>'
    left, right = (face, "white") if fillstyle == "left" else ("white", face)
    top, bottom = f"{num(cx)} {num(cy - r)}", f"{num(cx)} {num(cy + r)}"
    return (f'<g><path d="M {top} A {num(r)} {num(r)} 0 0 0 {bottom} Z" fill="{left}"/>'
            f'<path d="M {top} A {num(r)} {num(r)} 0 0 1 {bottom} Z" fill="{right}"/>'
            f'{circle} fill="none"{stroke}/></g>')


def _half(shape: Sequence[tuple[float, float]], cx: float, *, left: bool) -> str:
    """Path data of the part of a convex ``shape`` on one side of the vertical line x = ``cx``."""
    kept: list[tuple[float, float]] = []
    n = len(shape)
    for k in range(n):
        (ax, ay), (bx, by) = shape[k], shape[(k + 1) % n]
        a_in, b_in = (ax <= cx) == left, (bx <= cx) == left
        if a_in:
            kept.append((ax, ay))
        if a_in != b_in and ax != bx:
            t = (cx - ax) / (bx - ax)
            kept.append((cx, ay + t * (by - ay)))
    return "M " + " L ".join(f"{num(x)} {num(y)}" for x, y in kept) + " Z" if kept else "M 0 0"


def _hatch_pattern(name: str, hatch: str, colour: str, face: str) -> str:
    """An SVG pattern that repeats ``hatch`` as matplotlib draws it at its density 6 (six repeats per
    72 points): a tile of 12 points, or 24 when a symbol's count is odd (so lines meet across tiles)."""
    density = 1 if all(hatch.count(ch) % 2 == 0 for ch in set(hatch)) else 2
    size = HATCH_TILE * density
    lines: list[tuple[float, float, float, float]] = []
    n = (hatch.count("-") + hatch.count("+")) * density
    lines += [(0.0, (k + 0.5) / n, 1.0, (k + 0.5) / n) for k in range(n)]
    n = (hatch.count("|") + hatch.count("+")) * density
    lines += [((k + 0.5) / n, 0.0, (k + 0.5) / n, 1.0) for k in range(n)]
    n = (hatch.count("/") + hatch.count("x") + hatch.count("X")) * density
    if n:
        lines += [(s, 1 + s, 1 + s, s) for s in (-0.5 + k / n for k in range(n + 1))]
    n = (hatch.count("\\") + hatch.count("x") + hatch.count("X")) * density
    if n:
        lines += [(s, -s, 1 + s, 1 - s) for s in (-0.5 + k / n for k in range(n + 1))]
    d = " ".join(f"M {num(a * size)} {num(b * size)} L {num(c * size)} {num(e * size)}" for a, b, c, e in lines)
    shapes = []
    for symbol, radius, filled in (("o", 0.2, False), ("O", 0.35, False), (".", 0.1, True)):
        rows = hatch.count(symbol) * density
        if not rows:
            continue
        step = 1.0 / rows
        r = radius * step * size
        fill = colour if filled else "none"
        width = HATCH_WIDTH if filled else HATCH_WIDTH + 0.1 * r
        r = r if filled else 0.95 * r
        for row in range(rows + 1):
            columns = [k * step for k in range(rows + 1)] if row % 2 == 0 else \
                [step / 2 + k * step for k in range(rows)]
            for column in columns:
                shapes.append(f'<circle cx="{num(column * size)}" cy="{num((1 - row * step) * size)}" r="{num(r)}" '
                              f'fill="{fill}" stroke="{colour}" stroke-width="{num(width)}"/>')
    background = f'<rect x="0" y="0" width="{num(size)}" height="{num(size)}" fill="{face}"/>' if face != "none" else ""
    path = f'<path d="{d}" stroke="{colour}" stroke-width="{num(HATCH_WIDTH)}" fill="none"/>' if d else ""
    return (f'<pattern id="{name}" patternUnits="userSpaceOnUse" x="0" y="0" width="{num(size)}" '
            f'height="{num(size)}">{background}{path}{"".join(shapes)}</pattern>')
