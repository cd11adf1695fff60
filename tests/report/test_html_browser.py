"""raportti.html in a real browser (headless Chromium, driven by tests/chromium.py): it opens offline with no
console error and no request, shows every organisation's section, sorts and filters its table (and is a plain
table without JavaScript), and prints on A4 with each organisation on a page of its own.

First the guard itself is shown to work: a page that does fetch and does fail is caught.
Skipped, with the reason, where Chromium is not installed (Debian's ``chromium``; ``.ci/run`` installs it).
"""

from __future__ import annotations

import io
import re
import struct

import pytest

from analyser.cli import main
from analyser.load.catalogue import load_catalogue
from analyser.load.organisations import read_organisations
from analyser.load.shipped import ORGANISATIONS, shipped_path
from chromium import Browser, find_chromium, pdf_destinations, pdf_pages

pytestmark = pytest.mark.skipif(find_chromium() is None,
                                reason="chromium is not installed (Debian package 'chromium'; .ci/run installs it)")

TODAY = "2026-11-25"
A4 = (595.28, 841.89)  # points


@pytest.fixture(scope="module")
def browser():
    with Browser() as running:
        yield running


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    err = io.StringIO()
    code = main(["report", "--today", TODAY, "--out", str(folder)], stdout=io.StringIO(), stderr=err)
    assert code == 1 and "Traceback" not in err.getvalue()
    return folder / "raportti.html"


@pytest.fixture(scope="module")
def tab(browser, report):
    return browser.open(report)


def _rows() -> list:
    return read_organisations(shipped_path(ORGANISATIONS), load_catalogue())[0]


GUARD_PAGE = """<!DOCTYPE html><html lang="en"><head><title>guard</title>
<link rel="stylesheet" href="https://example.org/style.css"></head><body>
<h1 id="p1">One</h1><p><a href="#p2">two</a> <a href="#p3">three</a></p>
<img src="http://example.com/picture.png" alt="">
<h2 id="p2" style="break-before: page">Two</h2><h2 id="p3" style="break-before: page">Three</h2>
<script>
console.error("boom");
fetch("https://example.net/data").catch(function () {});
new Image().src = "http://192.0.2.1/by-address.png";
throw new Error("thrown");
</script></body></html>"""


def test_the_guard_sees_every_request_and_error_and_lets_none_through(browser, tmp_path):
    page = tmp_path / "guard.html"
    page.write_text(GUARD_PAGE, encoding="utf-8")
    guard = browser.open(page, settle=1.0)
    assert set(guard.requests) >= {"https://example.org/style.css", "http://example.com/picture.png",
                                   "https://example.net/data", "http://192.0.2.1/by-address.png"}
    assert guard.responses == []  # every one failed: nothing left the machine
    errors = " ".join(guard.errors)
    assert "boom" in errors and "thrown" in errors
    pdf = guard.pdf()
    assert len(pdf_pages(pdf)) == 3 and pdf_destinations(pdf) == {"p2": 2, "p3": 3}
    guard.close()


def test_the_report_opens_offline_without_errors(tab):
    assert tab.requests == [] and tab.responses == []
    assert tab.errors == []


def test_every_organisation_is_rendered(tab):
    sections = tab.evaluate("""Array.from(document.querySelectorAll('section.org')).map(function (s) {
        var svg = s.querySelector('svg');
        return [s.id, s.querySelector('h3').textContent, s.getBoundingClientRect().height,
                svg ? svg.getBoundingClientRect().width : 0, svg ? svg.getBoundingClientRect().height : 0];
    })""")
    rows = _rows()
    assert [s[:2] for s in sections] == [[f"o-{k}", r.name] for k, r in enumerate(rows)]
    assert all(height > 100 for _, _, height, _, _ in sections)
    drawn = [bool(width > 300 and height > 100) for _, _, _, width, height in sections]
    assert drawn == [r.ok for r in rows]  # each analysed organisation's diagram is drawn at a readable size


SORT_AND_FILTER = """(async function () {
  var table = document.getElementById('organisations');
  var texts = function (column) {
    return Array.from(table.tBodies[0].rows).filter(function (r) { return !r.hidden; })
      .map(function (r) { return r.cells[column].textContent; });
  };
  var whole = Array.from(table.tBodies[0].rows).map(function (r) { return r.textContent; });
  var before = [texts(0), texts(1)];
  var button = table.tHead.rows[0].cells[1].querySelector('button');
  button.click();
  var up = [texts(0), table.tHead.rows[0].cells[1].getAttribute('aria-sort')];
  button.click();
  var down = [texts(0), table.tHead.rows[0].cells[1].getAttribute('aria-sort')];
  var box = document.getElementById('organisations-filter');
  box.value = 'OY';
  box.dispatchEvent(new Event('input'));
  await new Promise(function (done) { setTimeout(done, 500); });
  var filtered = texts(0);
  var shown = document.getElementById('organisations-shown').textContent;
  box.value = '';
  box.dispatchEvent(new Event('input'));
  await new Promise(function (done) { setTimeout(done, 500); });
  return {before: before, whole: whole, up: up, down: down, filtered: filtered, shown: shown, all: texts(0)};
})()"""


def test_the_table_sorts_and_filters(browser, report):
    tab = browser.open(report)
    found = tab.evaluate(SORT_AND_FILTER)
    names, profiles = found["before"]
    assert names == [r.name for r in _rows()]
    pairs = list(zip(profiles, names))
    assert found["up"] == [[n for _, n in sorted(pairs, key=lambda p: p[0])], "ascending"]
    assert found["down"] == [[n for _, n in sorted(pairs, key=lambda p: p[0], reverse=True)], "descending"]
    by_text = dict(zip(names, found["whole"]))
    expected = [n for n in found["down"][0] if "oy" in by_text[n].lower()]
    assert found["filtered"] == expected and 0 < len(expected) < len(names)
    assert found["shown"] == f"Näkyvissä {len(expected)} / {len(names)}"
    assert sorted(found["all"]) == sorted(names)
    assert tab.errors == []
    tab.close()


def test_without_javascript_the_table_is_a_plain_table(browser, report):
    tab = browser.open(report, script=False)
    found = tab.evaluate("""[document.getElementById('organisations-controls').hidden,
        document.querySelectorAll('#organisations thead button').length,
        Array.from(document.querySelectorAll('#organisations tbody tr')).filter(function (r) {
            return r.getBoundingClientRect().height > 0; }).length]""")
    assert found == [True, 0, len(_rows())]
    tab.close()


def test_a_screenshot(tab):
    png = tab.screenshot()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (1280, 900)


def test_it_prints_on_a4_one_organisation_a_page(tab):
    pdf = tab.pdf()
    pages = pdf_pages(pdf)
    at = pdf_destinations(pdf)
    n = len(_rows())
    starts = [at[f"o-{k}"] for k in range(n)]
    assert starts == list(range(starts[0], starts[0] + n))  # each on its own page, and on that page only
    assert at["organisations"] < starts[0] and at["profiles-h"] == starts[-1] + 1
    assert len(pages) >= starts[-1] + 1
    boxes = {tuple(float(x) for x in box) for box in re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)}
    assert boxes and all(abs(w - A4[0]) < 2 and abs(h - A4[1]) < 2 for w, h in boxes)
