"""Routing: where each edge leaves and enters its boxes, the points it passes, and its drawing commands.

The ends of the edges at one side of a box are spread along it in the order
of the boxes they come from or go to, so they do not cross at the box.
"""

from __future__ import annotations

from dataclasses import dataclass

from analyser.plot.layout._layers import Layered, base_key
from analyser.plot.layout._shapes import Column, EdgeRoute, LayoutStyle
from analyser.text.vocabulary import natural_key


@dataclass
class _Page:
    """What the routing reads: the layered graph, the placed boxes and columns, and every centre."""

    g: Layered
    boxes: dict
    columns: tuple[Column, ...]
    centre: dict
    style: LayoutStyle


def _ports(p: _Page, node, others: list) -> dict:
    box = p.boxes[node]
    ranked = sorted(others, key=lambda t: (t[0], t[1]))
    k = len(ranked)
    usable = max(box.h - 2 * p.style.pad_y, 0.0)
    step = min(p.style.port_spacing, usable / (k - 1)) if k > 1 else 0.0
    return {t[2]: round(box.cy + (j - (k - 1) / 2) * step, 2) for j, t in enumerate(ranked)}


def _forward_routes(p: _Page) -> list[EdgeRoute]:
    g, boxes, centre = p.g, p.boxes, p.centre
    out_ports: dict = {}
    in_ports: dict = {}
    outgoing: dict = {n: [] for n in g.nodes}
    incoming: dict = {n: [] for n in g.nodes}
    for index, chain in enumerate(g.chains):
        u, v = chain[0], chain[-1]
        outgoing[u].append((centre[chain[1]], base_key(g, chain[-1]), index))
        incoming[v].append((centre[chain[-2]], base_key(g, chain[0]), index))
    for n in g.nodes:
        out_ports.update({(n, i): y for i, y in _ports(p, n, outgoing[n]).items()})
        in_ports.update({(n, i): y for i, y in _ports(p, n, incoming[n]).items()})

    routes: list[EdgeRoute] = []
    for index, chain in enumerate(g.chains):
        u, v, kind = g.forward[index]
        points = [(boxes[u].right, out_ports[(u, index)])]
        for d in chain[1:-1]:
            col = p.columns[g.layer[d]]
            yd = round(centre[d], 2)
            points += [(col.x, yd), (round(col.x + col.w, 2), yd)]
        points.append((boxes[v].left, in_ports[(v, index)]))
        routes.append(EdgeRoute(u, v, kind, tuple(points), "forward"))
    return routes


def route_edges(g: Layered, boxes: dict, columns: tuple[Column, ...], centre: dict,
                style: LayoutStyle) -> list[EdgeRoute]:
    """Every edge routed, forward ones through their dummies, in the order of their ends' ids."""
    routes = _forward_routes(_Page(g, boxes, columns, centre, style))
    layer = g.layer
    for u, v, kind in g.edges:
        if layer[u] < layer[v]:
            continue
        a, b = boxes[u], boxes[v]
        if layer[u] == layer[v]:
            down = b.cy >= a.cy
            p = (a.right, round(a.y + a.h * (0.7 if down else 0.3), 2))
            q = (b.right, round(b.y + b.h * (0.3 if down else 0.7), 2))
            routes.append(EdgeRoute(u, v, kind, (p, q), "loop"))
        else:
            routes.append(EdgeRoute(u, v, kind, ((a.left, a.cy), (b.right, b.cy)), "backward"))
    routes.sort(key=lambda r: (natural_key(r.source), natural_key(r.target)))
    return routes


def fit_width(routes: list[EdgeRoute], total_w: float, style: LayoutStyle) -> float:
    """The page width grown so that every edge stays on it."""
    for route in routes:  # a loop at the last column bulges to the right: keep it on the page
        for command in edge_path(route, style.gap_x):
            for x, _ in command[1:]:
                total_w = max(total_w, round(x + style.margin + 2, 2))
    return total_w


def edge_path(route: EdgeRoute, gap_x: float = 58.0) -> list[tuple]:
    """The drawing commands of a routed edge: ``("M", p)``, ``("L", p)`` and ``("C", c1, c2, p)``.

    A forward edge runs as horizontal-tangent cubic curves between columns
    and as straight lines through the columns it passes, so its curves stay
    in the gaps between columns and never cross a box.

    Examples
    --------
    >>> edge_path(EdgeRoute("a", "b", "requires", ((0, 0), (10, 5))))
    [('M', (0, 0)), ('C', (5.0, 0), (5.0, 5), (10, 5))]
    """
    pts = route.points
    commands: list[tuple] = [("M", pts[0])]
    if route.shape == "forward":
        for k, (p, q) in enumerate(zip(pts, pts[1:])):
            if k % 2 == 1:
                commands.append(("L", q))
            else:
                half = (q[0] - p[0]) / 2
                commands.append(("C", (p[0] + half, p[1]), (q[0] - half, q[1]), q))
        return commands
    p, q = pts[0], pts[-1]
    bulge = min(gap_x * 0.45, 12 + abs(q[1] - p[1]) * 0.25)
    if route.shape == "loop":
        commands.append(("C", (p[0] + bulge, p[1]), (q[0] + bulge, q[1]), q))
    else:
        commands.append(("C", (p[0] - bulge * 2, p[1]), (q[0] + bulge * 2, q[1]), q))
    return commands
