"""raportti.html and ``plan --html``: every organisation there, in order, accessible, self-contained, escaped,
in one language, the same bytes every time.

The page is read back with the standard library's HTML parser (:class:`Page`), which sees what a browser's
tokenizer sees: elements, attributes and text. Expectations come from the inputs read on their own (the
organisations file, the batch), not from the page's own code.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from analyser.cli import main
from analyser.examples import example_batch
from analyser.load.catalogue import load_catalogue
from analyser.load.organisations import read_organisations
from analyser.load.shipped import ORGANISATIONS, shipped_path
from analyser.model import build_graph
from analyser.report._html_page import SCRIPT, inline_svg
from analyser.report.batch import run_batch
from analyser.report.diagrams import AUTO_LIMIT
from analyser.report.html import report_html
from analyser.text.labels import t
from language_check import leaks

ROOT = Path(__file__).resolve().parents[2]
TODAY = "2026-11-25"
HOSTILE = ['<script>alert("x")</script>', '" onload="alert(1)', "</svg><img src=x onerror=alert(2)>",
           "A & B <b>Oy</b>", "javascript:alert(3)", "Ohjaus\x07merkki"]


class Page(HTMLParser):
    """What a browser's tokenizer makes of a page: start tags with their attributes, and text by element."""

    VOID = {"meta", "br", "img", "input", "link", "hr", "col", "source", "wbr", "area", "base", "embed"}

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.stack: list[tuple[str, dict]] = []
        self.texts: list[tuple[str, str, list]] = []  # (text, innermost tag, the open elements)
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag not in self.VOID:
            self.stack.append((tag, attributes))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        for k in range(len(self.stack) - 1, -1, -1):
            if self.stack[k][0] == tag:
                del self.stack[k:]
                break

    def handle_data(self, data):
        self.texts.append((data, self.stack[-1][0] if self.stack else "", list(self.stack)))

    def text(self, *, skip=("script", "style", "svg")) -> str:
        """The page's text as a reader sees it (not the script, the style sheet or the drawings' inner text)."""
        return " ".join(d for d, _, open_ in self.texts
                        if not any(tag in skip for tag, _ in open_)).replace("\xa0", " ")

    def within(self, tag: str, **attributes) -> list[str]:
        """The texts inside the elements ``tag`` with these attributes."""
        def matches(element):
            return element[0] == tag and all(element[1].get(k) == v for k, v in attributes.items())
        return [d for d, _, open_ in self.texts if any(matches(e) for e in open_)]

    def elements(self, tag: str) -> list[dict]:
        return [a for name, a in self.tags if name == tag]


def _report(folder: Path, *argv: str) -> tuple[int, Path]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["report", "--today", TODAY, "--out", str(folder), *argv], stdout=out, stderr=err)
    assert "Traceback" not in err.getvalue(), err.getvalue()
    assert f"{folder / 'raportti.html'}" in out.getvalue() or "--format" in argv
    return code, folder / "raportti.html"


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, tuple[str, bytes]]:
    """The shipped example's report in both languages: lang -> (page text, bytes)."""
    found = {}
    for lang in ("fi", "en"):
        code, path = _report(tmp_path_factory.mktemp(f"report-{lang}"), "--lang", lang)
        assert code == 1  # the example has error findings and a plan that is not allowed
        data = path.read_bytes()
        found[lang] = (data.decode("utf-8"), data)
    return found


def _table_names(page: Page) -> list[str]:
    """The organisations the organisations table has a row for (its row headers), in order."""
    return [d for d, tag, open_ in page.texts if tag in ("a", "th") and ("tbody", {}) in open_
            and any(e[0] == "table" and e[1].get("id") == "organisations" for e in open_)]


def _names() -> list[str]:
    rows, _ = read_organisations(shipped_path(ORGANISATIONS), load_catalogue())
    return [r.name for r in rows]


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_every_organisation_has_its_row_and_its_section(pages, lang):
    page = Page(pages[lang][0])
    names = _names()
    assert _table_names(page) == names
    sections = [a["id"] for a in page.elements("section") if a.get("class") == "org"]
    assert sections == [f"o-{k}" for k in range(len(names))]
    assert [page.within("h3", id=f"o-{k}-h") for k in range(len(names))] == [[n] for n in names]
    links = [a["href"] for a in page.elements("a") if a.get("href", "").startswith("#o-")]
    assert links == [f"#o-{k}" for k in range(len(names))]  # the table links each organisation to its section


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_headings_come_in_order_and_tables_have_their_headers(pages, lang):
    page = Page(pages[lang][0])
    levels = [int(tag[1]) for tag, _ in page.tags if re.fullmatch(r"h[1-6]", tag)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), levels  # no level skipped on the way down
    assert page.elements("th") and all(a.get("scope") in ("col", "row") for a in page.elements("th"))
    assert len(page.elements("caption")) == len(page.elements("table")) == len(page.elements("thead"))
    assert page.elements("html") == [{"lang": lang}]


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_nothing_is_fetched_and_only_the_one_script_runs(pages, lang):
    text = pages[lang][0]
    page = Page(text)
    assert not re.search(r"(?i)https?:|ftp:|www\.|//", text)  # no address (the drawings' metadata and namespaces went)
    assert not [a for tag, a in page.tags if "src" in a or (tag == "link")]
    assert not re.search(r"url\((?!#)|@import", text)
    assert [a for a in page.elements("script")] == [{}]
    assert page.within("script") == [SCRIPT]
    assert not [(tag, name) for tag, a in page.tags for name in a if name.startswith("on")]
    assert all(a["href"].startswith("#") for a in page.elements("a"))
    policy = next(a["content"] for a in page.elements("meta") if a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in policy and "unsafe-eval" not in policy


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_drawings_are_titled_images_with_ids_of_their_own(pages, lang):
    text = pages[lang][0]
    page = Page(text)
    svgs = page.elements("svg")
    assert len(svgs) == 1 + 9  # the profile matrix, and a status diagram for each analysed organisation
    for svg in svgs:
        assert svg["role"] == "img" and page.within("title", id=svg["aria-labelledby"])
    ids = [a["id"] for _, a in page.tags if "id" in a]
    assert len(ids) == len(set(ids))
    for reference in set(re.findall(r'url\(#([^)]+)\)|href="#([^"]+)"', text)):
        assert (reference[0] or reference[1]) in ids  # every reference lands on its own drawing's element


def test_late_tasks_are_marked_in_words(pages):
    page = Page(pages["fi"][0])
    c, batch = example_batch(dt.date.fromisoformat(TODAY))
    late = [d for d in page.texts if d[0] == "⚠ " + t("task_late", "fi")]
    assert len(late) == sum(r.late for r in batch.results) == batch.summary["late_tasks"] > 0
    rows = [a for a in page.elements("tr") if a.get("class") == "late"]
    assert len(rows) == len(late)


def _without_codes(text: str) -> str:
    """The text without finding codes (the findings table's Code column: stable English identifiers)."""
    from analyser.findings import CODES

    for code in sorted(CODES, key=len, reverse=True):
        text = re.sub(rf"(?<![\w-]){re.escape(code)}(?![\w-])", " ", text)
    return text


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_the_page_speaks_one_language(pages, lang):
    assert leaks(_without_codes(Page(pages[lang][0]).text()), lang) == []


def test_the_same_bytes_every_time(pages, tmp_path):
    env = {**os.environ, "PYTHONHASHSEED": "12345", "MPLBACKEND": "Agg"}
    result = subprocess.run([sys.executable, "-m", "analyser", "report", "--out", str(tmp_path), "--today", TODAY],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 1, result.stderr
    assert (tmp_path / "raportti.html").read_bytes() == pages["fi"][1]


def test_hostile_workbook_and_organisation_text_stays_text(tmp_path):
    import workbook_factory as wf

    spec = wf.small_spec()
    spec.items[0].name = HOSTILE[0]
    spec.items[1].name = HOSTILE[1]
    spec.profiles[0].name = HOSTILE[2]
    table = wf.write_dependency_table(spec, tmp_path / "t.xlsx", fmt="xlsx")
    rows = [wf.OrgRow(name, "A", ["ARK-1"], None, dt.date(2025, 5, 1), ["ARK-2", "LUO-1"]) for name in HOSTILE]
    orgs = wf.write_organisations(rows, tmp_path / "o.csv", fmt="csv", sep=";")
    code, path = _report(tmp_path / "out", "--table", str(table.path), "--organisations", str(orgs.path),
                         "--diagrams", "all")
    assert code in (0, 1)
    text = path.read_text(encoding="utf-8")
    page = Page(text)
    assert page.within("script") == [SCRIPT] and len(page.elements("script")) == 1
    assert not page.elements("img")
    assert not [(tag, name) for tag, a in page.tags for name in a if name.startswith("on")]
    shown = page.text(skip=("script", "style"))
    for name in HOSTILE:
        assert name.replace("\x07", "\ufffd") in shown  # shown as written, as text
    for k, name in enumerate(HOSTILE):
        assert page.within("h3", id=f"o-{k}-h") == [name.replace("\x07", "\ufffd")]
    assert len(page.elements("svg")) == 1 + len(HOSTILE)  # every drawing was embedded: its text was escaped too


def test_sections_follow_the_rule_of_the_diagrams():
    catalogue = load_catalogue()
    rows, found = read_organisations(shipped_path(ORGANISATIONS), catalogue)
    many = [r for r in rows if r.ok] * (AUTO_LIMIT // 9 + 1)
    assert len(many) > AUTO_LIMIT
    batch = run_batch(catalogue, build_graph(catalogue), many, today=dt.date.fromisoformat(TODAY))
    for mode, shown in (("auto", False), ("none", False), ("all", True)):
        page = Page("".join(report_html(batch, catalogue, lang="en", mode=mode)))
        sections = [a for a in page.elements("section") if a.get("class") == "org"]
        assert len(sections) == (len(many) if shown else 0)
        assert _table_names(page) == [r.name for r in many]  # the table has every organisation, always
        note = t("html.sections_left_out", "en", n=len(many), limit=AUTO_LIMIT)
        assert (note in page.text()) is not shown
    small = run_batch(catalogue, build_graph(catalogue), rows, today=dt.date.fromisoformat(TODAY))
    page = Page("".join(report_html(small, catalogue, lang="en", mode="none")))  # few: sections without drawings
    assert len([a for a in page.elements("section") if a.get("class") == "org"]) == len(rows)
    assert page.text().count(t("html.no_diagram_none", "en")) == sum(1 for r in rows if r.ok)


def test_plan_page(tmp_path):
    situation = ["--profile", "SOS-LV", "--deployed", "SOS,SOS-VANHAT,SOS-V1-ARK", "--target", "SOS-LV-HAKU",
                 "--today", TODAY, "--start", "2026-12-01"]
    out = io.StringIO()
    assert main(["plan", *situation, "--format", "json"], stdout=out, stderr=io.StringIO()) == 0
    answer = json.loads(out.getvalue())
    for lang in ("fi", "en"):
        path = tmp_path / f"plan-{lang}.html"
        out = io.StringIO()
        assert main(["plan", *situation, "--lang", lang, "--html", str(path)], stdout=out, stderr=io.StringIO()) == 0
        assert out.getvalue().startswith(t("plan_title", lang))  # the answer as before
        page = Page(path.read_text(encoding="utf-8"))
        assert page.elements("html") == [{"lang": lang}] and len(page.elements("h1")) == 1
        assert len(page.elements("svg")) == 1 and page.elements("svg")[0]["role"] == "img"
        bodies = [a for a in page.elements("tbody")]
        assert len(bodies) == 2  # the extensions, and the dated tasks
        late = [d for d in page.texts if d[0] == "⚠ " + t("task_late", lang)]
        assert len(late) == len(answer["late"]) > 0
        assert len([a for a in page.elements("tr") if a.get("class") == "late"]) == len(answer["late"])
        assert leaks(page.text(), lang) == []
    out = io.StringIO()
    assert main(["plan", *situation, "--html", "-"], stdout=out, stderr=io.StringIO()) == 0
    assert out.getvalue() == (tmp_path / "plan-fi.html").read_text(encoding="utf-8")  # the page is the answer


def test_plan_page_is_never_written_over_an_input(tmp_path):
    table = tmp_path / "t.xlsx"
    table.write_bytes((ROOT / "data" / "riippuvuustaulukko.xlsx").read_bytes())
    before = table.read_bytes()
    err = io.StringIO()
    code = main(["plan", "--table", str(table), "--profile", "SOS-LV", "--html", str(table)], stdout=io.StringIO(),
                stderr=err)
    assert code == 2 and table.read_bytes() == before and "Traceback" not in err.getvalue()


HOSTILE_SVGS = [
    '<svg viewBox="0 0 1 1"><script>alert(1)</script></svg>',
    '<svg viewBox="0 0 1 1" onload="alert(1)"><g/></svg>',
    '<svg viewBox="0 0 1 1"><use href="https://example.org/x.svg#a"/></svg>',
    '<svg viewBox="0 0 1 1"><use xlink:href="data:image/svg+xml,x"/></svg>',
    '<svg viewBox="0 0 1 1"><foreignObject><div>x</div></foreignObject></svg>',
    '<svg viewBox="0 0 1 1"><path style="fill: url(https://example.org/p)" d="M 0 0"/></svg>',
    '<svg viewBox="0 0 1 1"><a href="javascript:alert(1)"><path d="M 0 0"/></a></svg>',
    '<svg viewBox="0 0 1 1"><path d="M 0 0" fill="url(http://x/#p)"/></svg>',
    '<svg viewBox="0 0 1 1"><path d="M 0 0"/><img src=x></svg>',
]


@pytest.mark.parametrize("svg", HOSTILE_SVGS)
def test_a_drawing_with_anything_but_drawing_is_left_out(svg):
    assert inline_svg(svg, "x-", "X") is None


def test_a_drawing_keeps_what_it_refers_to():
    svg = ('<svg width="2pt" height="1pt" viewBox="0 0 2 1"><defs><pattern id="h1"><path d="M 0 0"/></pattern>'
           '<clipPath id="p1"><rect x="0" y="0" width="1" height="1"/></clipPath><path id="m1" d="M 0 0"/></defs>'
           '<g id="patch_1"><path d="M 0 0" clip-path="url(#p1)" style="fill: url(#h1)"/>'
           '<use xlink:href="#m1" x="1" y="1"/></g></svg>')
    once = inline_svg(svg, "a-", "A")
    twice = once + inline_svg(svg, "b-", "B")
    ids = re.findall(r'id="([^"]+)"', twice)
    assert sorted(ids) == sorted(["a-title", "a-h1", "a-p1", "a-m1", "b-title", "b-h1", "b-p1", "b-m1"])
    assert set(re.findall(r'#([\w-]+)', twice)) == {i for i in ids if not i.endswith("title")}
