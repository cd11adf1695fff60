"""``plot diff``: the diagram of what a new version of the table changes, and the per-profile effects.

The expected marks are recomputed from the two catalogues and the edit script
that made the new one (which items it renamed, removed and added), never from
the diff itself: an item is changed when a field the diagram compares differs,
a requirement is added, removed or changed (requirement ↔ recommendation) by
comparing the two versions' links. The SVG is read back and its marked items
and links counted. The per-profile effects are checked against brute force on
small tables.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import json
import os
import re
import subprocess
import sys
from collections import Counter
from dataclasses import replace

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analyser.cli import main
from analyser.examples import example_new_version
from analyser.load.catalogue import load_catalogue
from analyser.planning.changes import diff_catalogues
from analyser.planning.version_effects import diff_graph, version_effects
from analyser.plot import diff_diagram, figure_bytes
from analyser.records import Catalogue, Dependency, Item, Profile
from analyser.text.vocabulary import ALLOWED, NOT_ALLOWED, PARTLY

DAY = dt.date(2026, 11, 2)
STATES = ("added", "removed", "changed", "same")
FIELDS = ("name", "group", "service_key", "test", "period", "available_from")


def with_items(catalogue: Catalogue, items) -> Catalogue:
    """The catalogue with these items, its dependencies made from their requires and recommends."""
    deps = [Dependency(p, i.id, kind) for i in items for kind in ("requires", "recommends")
            for p in getattr(i, kind)]
    return replace(catalogue, items=tuple(items), dependencies=tuple(deps))


# -- edit scripts -------------------------------------------------------------------------------------------
@st.composite
def edit_scripts(draw):
    """(new catalogue, renames old -> new, removed old ids, added new ids) from the shipped catalogue."""
    old = load_catalogue(with_tasks=False)
    items = {i.id: i for i in old.items}
    order = [i.id for i in old.items]  # the shipped table lists prerequisites first
    renames, removed, added, named = {}, set(), set(), set()
    profiles = [p.id for p in old.profiles]
    for step in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["rename", "remove", "add", "require", "unrequire", "soften", "mark", "date",
                                   "name"]))
        ids = [i for i in order if i in items]
        target = draw(st.sampled_from(ids))
        item = items[target]
        if op == "rename" and target not in added | named and target not in renames.values():
            new_id = f"{target}-U{step}"
            items = {(new_id if k == target else k): _swap(v, target, new_id) for k, v in items.items()}
            items[new_id] = replace(items[new_id], id=new_id)
            order[order.index(target)] = new_id
            renames[next((o for o, n in renames.items() if n == target), target)] = new_id
        elif op == "remove" and target not in added and len(ids) > 2:
            del items[target]
            items = {k: _drop(v, target) for k, v in items.items()}
            removed.add(next((o for o, n in renames.items() if n == target), target))
            renames = {o: n for o, n in renames.items() if n != target}
        elif op == "add":
            new_id = f"NEW-{step}"
            before = ids[:ids.index(target) + 1]
            needs = tuple(draw(st.lists(st.sampled_from(before), max_size=2, unique=True)))
            marks = tuple((p, draw(st.sampled_from([ALLOWED, PARTLY, NOT_ALLOWED]))) for p in profiles)
            items[new_id] = Item(new_id, f"Uusi osatoteutus {step}", service=item.service,
                                 service_key=item.service_key, requires=needs, marks=marks)
            order.append(new_id)
            added.add(new_id)
        elif op == "require":
            earlier = [i for i in ids[:ids.index(target)] if i not in item.requires]
            if earlier:
                items[target] = replace(item, requires=(*item.requires, draw(st.sampled_from(earlier))))
        elif op == "unrequire" and item.requires:
            gone = draw(st.sampled_from(item.requires))
            items[target] = replace(item, requires=tuple(r for r in item.requires if r != gone))
        elif op == "soften" and item.requires:
            soft = draw(st.sampled_from(item.requires))
            items[target] = replace(item, requires=tuple(r for r in item.requires if r != soft),
                                    recommends=(*item.recommends, soft))
        elif op == "mark":
            p = draw(st.sampled_from(profiles))
            flipped = NOT_ALLOWED if item.allowed_by(p) else ALLOWED
            items[target] = replace(item, marks=tuple((q, flipped if q == p else m) for q, m in item.marks))
        elif op == "date":
            items[target] = replace(item, available_from=dt.date(2027, draw(st.integers(1, 12)), 1))
        elif op == "name" and target not in renames.values():
            items[target] = replace(item, name=item.name + " (muutettu)")
            named.add(target)  # a new id with a new name is a removal and an addition, not a rename
    new = with_items(old, [items[i] for i in order if i in items])
    return old, new, renames, removed, added


def _swap(item: Item, old: str, new: str) -> Item:
    return replace(item, requires=tuple(new if r == old else r for r in item.requires),
                   recommends=tuple(new if r == old else r for r in item.recommends))


def _drop(item: Item, gone: str) -> Item:
    return replace(item, requires=tuple(r for r in item.requires if r != gone),
                   recommends=tuple(r for r in item.recommends if r != gone))


def expected_marks(old: Catalogue, new: Catalogue, renames, removed, added, profile):
    """Item and link states recomputed from the two catalogues and the script."""
    name = {o: renames.get(o, o) for o in (i.id for i in old.items) if o not in removed}
    before = {name.get(i.id, i.id): i for i in old.items}
    after = {i.id: i for i in new.items}
    shown = {k for k, i in before.items() if profile is None or i.allowed_by(profile)}
    shown |= {k for k, i in after.items() if profile is None or i.allowed_by(profile)}
    removed_now = set(removed)

    def state(k):
        if k in added:
            return "added"
        if k in removed_now:
            return "removed"
        a, b = before[k], after[k]
        differs = any(getattr(a, f) != getattr(b, f) for f in FIELDS)
        differs |= {name.get(r, r) for r in a.requires} != set(b.requires)
        differs |= {name.get(r, r) for r in a.recommends} != set(b.recommends)
        marks = [profile] if profile else sorted({p for p, _ in a.marks} | {p for p, _ in b.marks})
        differs |= any(a.mark(p) != b.mark(p) for p in marks)
        return "changed" if differs or k in renames.values() else "same"

    nodes = Counter(state(k) for k in shown)

    def links(items, rename):
        out = {}
        for k, i in items.items():
            for kind in ("recommends", "requires"):
                for p in getattr(i, kind):
                    out[(rename.get(p, p), k)] = kind
        return out

    was = links(before, name)
    now = links(after, {})
    edges = Counter()
    for link in set(was) | set(now):
        if link[0] in shown and link[1] in shown and "requires" in (was.get(link), now.get(link)):
            a, b = was.get(link), now.get(link)
            edges["same" if a == b else "added" if a is None else "removed" if b is None else "changed"] += 1
    return nodes, edges


def svg_marks(svg: bytes) -> tuple[Counter, Counter]:
    text = svg.decode()
    return (Counter(re.findall(r'id="diff-item-(\w+)-\d+"', text)),
            Counter(re.findall(r'id="diff-link-(\w+)-\d+"', text)))


@settings(max_examples=25, deadline=None)
@given(edit_scripts(), st.sampled_from([None, "SOS-LV", "POT", "SOS-V2"]))
def test_marks_equal_the_edit_script(case, profile):
    old, new, renames, removed, added = case
    diff = diff_catalogues(old, new)
    nodes, edges = expected_marks(old, new, renames, removed, added, profile)
    graph = diff_graph(diff, profile)
    assert Counter(graph.nodes.values()) == nodes
    assert Counter(graph.edges.values()) == edges
    assert graph.old_ids == {n: o for o, n in renames.items() if n in graph.nodes}
    items, links = svg_marks(diff_diagram.page(diff, profile, date=DAY).svg())
    assert items == nodes and links == edges


# -- one diagram with every kind of mark ---------------------------------------------------------------------
@pytest.fixture(scope="module")
def every_kind():
    old = load_catalogue(with_tasks=False)
    items = {i.id: i for i in old.items}
    items["SOS-LV-KIE"] = replace(items["SOS-LV-KIE"], requires=("SOS-LV-INF", "SOS-LV-LUP"))  # added link
    items["SOS-LV-HAKU"] = replace(items["SOS-LV-HAKU"], requires=("SOS-LV-KIE",),
                                   recommends=("SOS-LV-LUP",))  # a softened link
    del items["SOS-VANHAT"]  # a removed item and its link
    items["SOS-LV-UUSI"] = Item("SOS-LV-UUSI", "Uusi", service=items["SOS"].service,
                                service_key=items["SOS"].service_key, requires=("SOS-LV-INF",),
                                marks=(("SOS-LV", ALLOWED),))
    new = with_items(old, list(items.values()))
    return diff_catalogues(old, new)


def _styles(svg: bytes, what: str) -> dict[str, set[str]]:
    """The look of each kind's first path (its style, or its attributes), colours and shape taken out: what a
    grey-scale print keeps."""
    found: dict[str, set[str]] = {}
    for state, body in re.findall(rf'<g id="diff-{what}-(\w+)-\d+">\s*<path([^>]*?)/?>', svg.decode()):
        style = re.search(r'style="([^"]*)"', body)
        look = style[1] if style else re.sub(r'\s(?:d|fill|stroke)="[^"]*"', "", body)
        look = re.sub(r"(stroke|fill): #[0-9a-fA-F]{6};?\s*", "", look)
        found.setdefault(state, set()).add(look.strip())
    return found


@pytest.mark.parametrize("drawn_by", ["page", "matplotlib"])
def test_every_kind_differs_beyond_colour(every_kind, drawn_by):
    if drawn_by == "page":
        svg = diff_diagram.page(every_kind, "SOS-LV", date=DAY).svg()
    else:
        svg = figure_bytes(diff_diagram(every_kind, "SOS-LV", date=DAY), "svg")
    items, links = svg_marks(svg)
    assert set(items) == set(STATES) and set(links) == set(STATES)
    for what in ("item", "link"):
        styles = _styles(svg, what)
        assert set(styles) == set(STATES)
        assert all(len(s) == 1 for s in styles.values()), styles  # one style per kind
        assert len({s.pop() for s in styles.values()}) == len(STATES)  # and every kind its own


def test_legend_and_footnotes_say_the_effects(every_kind):
    fig = diff_diagram(every_kind, "SOS-LV", lang="en", date=DAY)
    texts = [t.get_text() for t in fig.axes[0].texts]
    for label in ("added", "removed", "changed", "unchanged", "required ↔ recommended"):
        assert label in texts
    effect = version_effects(every_kind, "SOS-LV")[0]
    line = next(x for x in texts if x.startswith("Profile SOS-LV:"))
    assert f"allowed orders before {effect.count_old:,}, now {effect.count_new:,};" in line
    assert f"waves before {len(effect.waves_old)}, now {len(effect.waves_new)}" in line


# -- the per-profile effects against brute force ------------------------------------------------------------
@st.composite
def small_versions(draw):
    ids = [f"I{k}" for k in range(draw(st.integers(1, 5)))]

    def version():
        items = []
        for k, i in enumerate(ids):
            if draw(st.integers(0, 6)) == 0:
                continue
            needs = tuple(p for p in ids[:k] if draw(st.integers(0, 2)) == 0)
            items.append(Item(i, f"Name {i}", requires=needs,
                              marks=(("P", draw(st.sampled_from([ALLOWED, PARTLY, NOT_ALLOWED]))),)))
        kept = {i.id for i in items}
        items = [replace(i, requires=tuple(r for r in i.requires if r in kept)) for i in items]
        return with_items(Catalogue(profiles=(Profile("P", "P"),)), items)

    return version(), version()


def brute(catalogue: Catalogue):
    """(reachable items, number of allowed orders, longest chain) by trying every order."""
    items = {i.id: i for i in catalogue.items}
    g = nx.DiGraph([(p, i.id) for i in catalogue.items for p in i.requires])
    g.add_nodes_from(items)
    reach = {i for i in items if items[i].allowed_by("P") and all(items[a].allowed_by("P")
                                                                   for a in nx.ancestors(g, i))}
    count = sum(1 for order in itertools.permutations(sorted(reach))
                if all(order.index(p) < order.index(i) for i in order for p in nx.ancestors(g, i)))
    longest = max((len(path) for a in reach for b in reach for path in nx.all_simple_paths(g, a, b)), default=0)
    return reach, count, max(longest, 1 if reach else 0)


@settings(max_examples=80, deadline=None)
@given(small_versions())
def test_effects_equal_brute_force(versions):
    old, new = versions
    effect = version_effects(diff_catalogues(old, new), "P")[0]
    reach_old, count_old, rounds_old = brute(old)
    reach_new, count_new, rounds_new = brute(new)
    assert (effect.count_old, effect.count_new) == (count_old, count_new)
    assert (len(effect.waves_old), len(effect.waves_new)) == (rounds_old, rounds_new)
    assert set(effect.became_unreachable) == (reach_old - reach_new) & {i.id for i in new.items}
    assert set(effect.became_reachable) == reach_new - reach_old


# -- the command line ------------------------------------------------------------------------------------------
def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_cli_plot_diff(tmp_path):
    old = str(load_catalogue(with_tasks=False).table_path)
    new = str(example_new_version(tmp_path))
    code, out, err = run("plot", "diff", old, new, "--profile", "SOS-V2", "--out", str(tmp_path / "d.svg"),
                         "--today", "2026-11-02", "--format", "json")
    assert code == 0 and json.loads(out)["written"].endswith("d.svg") and err == ""
    items, links = svg_marks((tmp_path / "d.svg").read_bytes())
    assert items == Counter({"same": 7, "changed": 2}) and links == Counter({"same": 7})  # ROK mark, ALL date
    for ext in ("png", "pdf"):
        assert run("plot", "diff", old, new, "--out", str(tmp_path / f"d.{ext}"))[0] == 0
    code, _, err = run("plot", "diff", old, "--out", str(tmp_path / "x.svg"))
    assert code == 2 and len(err.strip().splitlines()) == 1
    code, _, err = run("plot", "matrix", old, "--out", str(tmp_path / "x.svg"))
    assert code == 2 and len(err.strip().splitlines()) == 1
    code, _, err = run("plot", "diff", old, new, "--out", new)
    assert code == 2 and "Traceback" not in err


def test_cli_plot_diff_is_byte_identical_under_another_hash_seed(tmp_path):
    old = str(load_catalogue(with_tasks=False).table_path)
    new = str(example_new_version(tmp_path))
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"d{seed}.svg"
        subprocess.run([sys.executable, "-m", "analyser", "plot", "diff", old, new, "--out", str(out),
                        "--today", "2026-11-02"], check=True, capture_output=True,
                       env=dict(os.environ, PYTHONHASHSEED=seed, MPLBACKEND="Agg"), timeout=300)
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_the_diagram_speaks_one_language(every_kind, lang):
    from language_check import WORKBOOK_TEXTS, leaks

    def leaked(fig, lang):
        text = " ".join(" ".join(t.get_text() for t in fig.axes[0].texts).split())
        for piece in WORKBOOK_TEXTS + ["Uusi"]:
            text = re.sub(r"\s+".join(re.escape(word) for word in piece.split()), " ", text)
        return leaks(text, lang)

    assert not leaked(diff_diagram(every_kind, "SOS-LV", lang=lang, date=DAY), lang)
    other = "en" if lang == "fi" else "fi"
    assert leaked(diff_diagram(every_kind, "SOS-LV", lang=other, date=DAY), lang)
