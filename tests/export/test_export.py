"""DOT, GraphML, Mermaid and JSON exports: read back, stable under any hash seed, escaped, captioned in one language."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import subprocess
import sys

import networkx as nx
import pytest
from language_check import leaks

import analyser.export as export
from analyser.load.catalogue import load_catalogue
from analyser.export import EXPORT_FORMATS, export_graph, export_text, flat_graph
from analyser.model import build_graph
from analyser.findings import OutputError
from analyser.records import Catalogue, Dependency, Item, Profile
from analyser.planning.situation import Situation
from analyser.text.vocabulary import ALLOWED, NOT_ALLOWED

PROFILES = ("ARK", "SOS-V1", "SOS-V2", "SOS-LV", "POT")


@pytest.fixture(scope="module")
def catalogue():
    """Without the task workbook, as the other process of the hash-seed test loads it (conftest's ``graph``
    is built from this one)."""
    return load_catalogue(with_tasks=False)


@pytest.fixture(scope="module")
def tricky():
    """Names with quotes, backslashes, hashes, angle brackets, ampersands and a new line."""
    items = (
        Item('A"1', 'Nimi "lainaus" \\ polku #1 <b> & `x`', service='Palvelu "X"', service_key="px", group="old",
             marks=(("P", ALLOWED),)),
        Item("B", "Toinen\nrivi; {aaltosulut} [hakasulut] |putki|", service='Palvelu "X"', service_key="px",
             requires=('A"1',), marks=(("P", ALLOWED),)),
        Item("C", "Kielletty", service="Muu", service_key="muu", requires=("B",), marks=(("P", NOT_ALLOWED),)),
        Item("D", "Kolmas", service="Muu", service_key="muu", requires=("C",), marks=(("P", ALLOWED),)),
    )
    deps = (Dependency('A"1', "B"), Dependency("B", "C"), Dependency("C", "D"))
    return Catalogue(items=items, profiles=(Profile("P", "Profiili"),), dependencies=deps)


def same_graph(read: nx.DiGraph, flat: nx.DiGraph) -> None:
    assert sorted(read.nodes) == sorted(flat.nodes)
    assert sorted(read.edges) == sorted(flat.edges)
    for n in flat.nodes:
        assert dict(read.nodes[n]) == dict(flat.nodes[n]), n
    for u, v in flat.edges:
        assert dict(read.edges[u, v]) == dict(flat.edges[u, v]), (u, v)
    extra = {"node_default", "edge_default"}  # networkx's GraphML reader adds these
    assert {k: v for k, v in read.graph.items() if k not in extra} == dict(flat.graph)


def _scalar(value) -> bool:
    return isinstance(value, (str, int)) and not isinstance(value, bool)


@pytest.mark.parametrize("profile", (None,) + PROFILES)
def test_graphml_reads_back_into_the_same_graph(catalogue, graph, profile):
    flat = flat_graph(catalogue, graph, profile=profile)
    assert all(_scalar(v) for _, d in flat.nodes(data=True) for v in d.values())
    assert all(_scalar(v) for _, _, d in flat.edges(data=True) for v in d.values())
    read = nx.read_graphml(io.BytesIO(export.to_graphml(flat).encode("utf-8")))
    same_graph(read, flat)
    # the flattened attributes say what the records say
    for item in catalogue.items:
        if item.id not in flat:
            continue
        data = read.nodes[item.id]
        assert data["name"] == item.name
        assert data["available_from"] == (item.available_from.isoformat() if item.available_from else "")
        for p in catalogue.profiles:
            assert data[f"mark_{p.id}"] == item.mark(p.id)


def test_profile_export_keeps_the_allowed_items(catalogue, graph):
    flat = flat_graph(catalogue, graph, profile="SOS-V2")
    situation = Situation(catalogue, graph, "SOS-V2")
    assert set(flat) == {i.id for i in catalogue.items if i.allowed_by("SOS-V2")}
    assert flat.nodes["SOS-LV-HAKU"]["status"] == "excluded"
    assert flat.edges["SOS-V1-ARK", "SOS-LV-HAKU"]["kind"] == "indirect"
    assert flat.edges["SOS-V2-ALL", "SOS-V2-YHT"]["kind"] == "recommends"
    everything = flat_graph(catalogue, graph, profile="SOS-V2", include_all=True)
    assert set(everything) == set(catalogue.ids)
    assert {everything.nodes[n]["status"] for n in situation.not_allowed} == {"not-allowed"}
    full = flat_graph(catalogue, graph)
    assert set(full) == set(catalogue.ids) and "status" not in full.nodes["SOS"]
    requires = {(d.prerequisite, d.item) for d in catalogue.dependencies if d.kind == "requires"}
    assert {(u, v) for u, v, k in full.edges(data="kind") if k == "requires"} == requires
    assert full.nodes["SOS-LV-HAKU"]["wave"] == 5


def test_situation_export_has_statuses(catalogue, graph):
    situation = Situation(catalogue, graph, "SOS-LV", deployed=("SOS", "SOS-V1-ARK"), certified=("SOS-LV-INF",))
    flat = flat_graph(catalogue, graph, situation=situation)
    status = nx.get_node_attributes(flat, "status")
    assert status["SOS"] == "deployed" and status["SOS-LV-INF"] == "available"
    assert status["SOS-VANHAT"] == "certification" and status["SOS-LV-HAKU"] == "blocked"
    assert flat.graph["deployed"] == "SOS, SOS-V1-ARK"


def test_json_reads_back(catalogue, graph):
    flat = flat_graph(catalogue, graph, profile="SOS-LV")
    data = json.loads(export.to_json(flat))
    same_graph(nx.node_link_graph(data, edges="edges"), flat)


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_text_is_stable_under_any_hash_seed(catalogue, graph, fmt):
    first = export_text(catalogue, graph, fmt, profile="SOS-V2")
    assert first == export_text(catalogue, graph, fmt, profile="SOS-V2")
    assert first == export_text(load_catalogue(with_tasks=False), build_graph(load_catalogue(with_tasks=False)),
                                fmt, profile="SOS-V2")


def test_texts_are_identical_in_another_process(catalogue, graph):
    script = ("import hashlib, sys; from analyser.load.catalogue import load_catalogue; from analyser.model import "
              "build_graph; from analyser.export import export_text; c = load_catalogue(with_tasks=False); "
              "g = build_graph(c); sys.stdout.write(' '.join(hashlib.sha256(export_text(c, g, f, profile=p)"
              ".encode()).hexdigest() for f in ('dot', 'mermaid', 'graphml', 'json') for p in (None, 'SOS-V2')))")
    here = " ".join(hashlib.sha256(export_text(catalogue, graph, f, profile=p).encode()).hexdigest()
                    for f in ("dot", "mermaid", "graphml", "json") for p in (None, "SOS-V2"))
    for seed in ("1", "987654"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
        assert out.stdout == here


def test_dot_escapes_and_clusters(tricky):
    text = export_text(tricky, build_graph(tricky), "dot", profile="P")
    assert '"A\\"1" [label="A\\"1\\nNimi \\"lainaus\\" \\\\ polku #1 <b> & `x`"' in text
    assert 'label="Palvelu \\"X\\""' in text
    assert '"B" [label="B\\nToinen\\nrivi; {aaltosulut} [hakasulut] |putki|"' in text
    assert text.count("subgraph \"cluster_") == 2
    assert '"B" -> "D" [style=dotted' in text  # through the item the profile does not allow
    assert '"C"' not in text
    # every quote inside a quoted string is escaped: the quotes pair up line by line
    for line in text.splitlines():
        assert len(re.findall(r'(?<!\\)"', line.replace("\\\\", ""))) % 2 == 0, line


def test_mermaid_escapes_and_ids(tricky):
    text = export_text(tricky, build_graph(tricky), "mermaid", profile="P")
    assert text.startswith("flowchart LR\n")
    assert 'n0["A#quot;1<br/>Nimi #quot;lainaus#quot; \\ polku #35;1 #lt;b#gt; #amp; #96;x#96;"]' in text
    assert 'n1["B<br/>Toinen<br/>rivi; {aaltosulut} [hakasulut] |putki|"]' in text
    assert 'subgraph s0["Palvelu #quot;X#quot;"]' in text
    assert "  n0 --> n1\n" in text and "  n1 -.-> n2\n" in text
    for line in text.splitlines():
        if "[" in line and '"' in line:
            inner = line[line.index('["') + 2: line.rindex('"]')]
            assert '"' not in inner, line


def test_graphml_and_json_keep_awkward_text(tricky):
    flat = flat_graph(tricky, build_graph(tricky), include_all=True)
    same_graph(nx.read_graphml(io.BytesIO(export.to_graphml(flat).encode())), flat)
    same_graph(nx.node_link_graph(json.loads(export.to_json(flat)), edges="edges"), flat)


def test_export_graph_writes_files_and_guards(catalogue, graph, tmp_path):
    for name in ("g.dot", "g.gv", "g.graphml", "g.mmd", "g.json"):
        path = export_graph(catalogue, graph, None, tmp_path / name, profile="SOS-LV", inputs=[catalogue.table_path])
        assert path.read_text(encoding="utf-8") == export_text(catalogue, graph, export.format_for(name),
                                                              profile="SOS-LV")
    assert export_graph(catalogue, graph, "mermaid", tmp_path / "kuva.txt").read_text().startswith("flowchart")
    with pytest.raises(OutputError):
        export_graph(catalogue, graph, None, tmp_path / "g.png")
    with pytest.raises(OutputError):
        export_graph(catalogue, graph, "svg", tmp_path / "g.svg")
    with pytest.raises(OutputError):
        export_graph(catalogue, graph, None, catalogue.table_path + ".json", inputs=[tmp_path])
        export_graph(catalogue, graph, "json", catalogue.table_path, inputs=[catalogue.table_path])
    with pytest.raises(OutputError):
        export_graph(catalogue, graph, "json", catalogue.table_path, inputs=[catalogue.table_path])


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_captions_speak_one_language(catalogue, graph, lang):
    """The words people read in a DOT or Mermaid file (comments, caption) follow ``lang``;
    attribute names and values are data, the same in both languages."""
    situation = Situation(catalogue, graph, "SOS-LV", deployed=("SOS", "SOS-VANHAT"))
    other = "en" if lang == "fi" else "fi"
    for fmt, prefix in (("dot", "//"), ("mermaid", "%%")):
        def said(language):
            text = export_text(catalogue, graph, fmt, situation=situation, lang=language)
            return " ".join(line.lstrip(prefix + " ") for line in text.splitlines() if line.startswith(prefix))

        assert "SOS, SOS-VANHAT" in said(lang)
        assert not leaks(said(lang), lang), said(lang)
        assert leaks(said(other), lang), said(other)  # the check sees the caption's own words

    def data(language):  # every node's attributes but the one label in words
        nodes = json.loads(export_text(catalogue, graph, "json", situation=situation, lang=language))["nodes"]
        return [{k: v for k, v in node.items() if k != "group_label"} for node in nodes]

    assert data(lang) == data(other)


def test_format_errors_speak_both_languages(tmp_path):
    with pytest.raises(OutputError) as err:
        export.format_for(tmp_path / "kuva.png")
    assert err.value.key == "export_extension" and err.value.params["name"] == "kuva.png"
    assert err.value.text("fi").startswith("tiedostonimestä 'kuva.png' ei selviä vientimuoto")
    assert err.value.text("en").startswith("cannot tell the export format from 'kuva.png'; use one of the "
                                           "extensions .dot, .graphml, .gv, .json, .mermaid, .mmd")
    with pytest.raises(OutputError) as err:
        export.format_for("x.dot", "svg")
    assert err.value.text("en") == "unknown export format 'svg'; use one of: dot, graphml, mermaid, json"
    assert str(err.value) == "tuntematon vientimuoto 'svg'; käytä jotakin näistä: dot, graphml, mermaid, json"
