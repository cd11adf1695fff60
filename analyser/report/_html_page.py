"""Internal: the page of the HTML report — its frame, style, script, tables and inline drawings.

Everything a page needs is in the page: the style sheet, a small script
(sorting and filtering a table; without it the table is a plain table) and
the drawings as inline SVG. The page's Content-Security-Policy lets the
browser fetch nothing at all and run only that script (by its hash), so
even text that slipped through would run nowhere. All workbook text goes
through :func:`esc`.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import re
from typing import Iterable, Iterator, Sequence

from analyser.text.labels import format_date

__all__ = ["esc", "page", "table", "cell", "inline_svg", "STYLE", "SCRIPT"]


#: Control characters (other than tab and line ends) are no text in HTML: each shows as U+FFFD.
_CONTROLS = {c: "\ufffd" for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F)}
_SPECIAL = re.compile("[&<>\"'\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def esc(value: object) -> str:
    """Text for HTML, quotes too (for text and attribute values alike); control characters as U+FFFD.

    Examples
    --------
    >>> esc('<script>"x"</script>'), esc(None), esc(3), esc("a\x07b")
    ('&lt;script&gt;&quot;x&quot;&lt;/script&gt;', '', '3', 'a\ufffdb')
    """
    if value is None:
        return ""
    text = value if value.__class__ is str else str(value)
    if _SPECIAL.search(text) is None:  # most text: nothing to do
        return text
    return html.escape(text, quote=True).translate(_CONTROLS)


STYLE = """
:root { --ink: #1a1a1a; --muted: #4d4d4d; --line: #8c8c8c; --head: #e6e6e6; --late: #ffe0cc; --late-ink: #7a2600; }
* { box-sizing: border-box; }
body { font-family: system-ui, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif; color: var(--ink);
       background: #fff; margin: 0 auto; padding: 1rem 1.5rem 3rem; max-width: 75rem; line-height: 1.45; }
h1 { font-size: 1.7rem; margin: .2rem 0 .3rem; }
h2 { font-size: 1.35rem; margin: 2.2rem 0 .6rem; border-bottom: 2px solid var(--ink); padding-bottom: .15rem; }
h3 { font-size: 1.2rem; margin: 2rem 0 .4rem; }
h4 { font-size: 1.02rem; margin: 1.1rem 0 .3rem; }
p.meta, p.note { color: var(--muted); margin: .2rem 0; }
nav ul { list-style: none; padding: 0; margin: .3rem 0; display: flex; flex-wrap: wrap; gap: .2rem 1.4rem; }
.side { display: flex; flex-wrap: wrap; gap: 0 2.5rem; align-items: flex-start; }
.facts { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 0 2rem; }
@media screen and (max-width: 50rem) { .facts { grid-template-columns: minmax(0, 1fr); } }
table { border-collapse: collapse; margin: .4rem 0 1rem; font-size: .92rem; }
caption { text-align: left; font-weight: 600; padding: .2rem 0; caption-side: top; }
th, td { border: 1px solid var(--line); padding: .2rem .45rem; text-align: left; vertical-align: top; }
thead th { background: var(--head); }
tbody th { font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.late { background: var(--late); color: var(--late-ink); font-weight: 700; }
tr.late { background: none; color: inherit; font-weight: inherit; }
tr.late > * { border-top: 2px solid var(--late-ink); border-bottom: 2px solid var(--late-ink); }
.wide > table { width: 100%; }
.side .wide > table { width: auto; }
.bad { font-weight: 700; }
ul.items { margin: .2rem 0 .6rem; padding-left: 1.3rem; }
figure { margin: .6rem 0 1rem; }
figcaption { color: var(--muted); font-size: .9rem; }
svg.fig { width: 100%; height: auto; display: block; }
svg.fig * { stroke-linejoin: round; stroke-linecap: butt; }
.controls { margin: .4rem 0; }
.controls input { font: inherit; padding: .2rem .4rem; margin-left: .5rem; min-width: 16rem; }
th button { font: inherit; font-weight: 700; color: inherit; background: none; border: 0; padding: 0;
            cursor: pointer; text-align: left; }
th[aria-sort=ascending] button::after { content: " \\25B2"; }
th[aria-sort=descending] button::after { content: " \\25BC"; }
.wide { overflow-x: auto; }
a { color: #0b4f8a; }
@media print {
  @page { size: A4; margin: 12mm 11mm 14mm; }
  body { max-width: none; padding: 0; font-size: 9pt; line-height: 1.25; }
  h2 { font-size: 13pt; margin: 0 0 .4rem; }
  h3 { font-size: 12pt; margin: 0 0 .2rem; }
  h4 { font-size: 10pt; margin: .5rem 0 .15rem; }
  ul.items { margin: .1rem 0 .3rem; }
  p { margin: .15rem 0 .3rem; }
  figure { margin: .2rem 0 .4rem; }
  figure.diagram svg.fig { max-height: 80mm; }
  .controls, .to-table, nav { display: none; }
  .wide { overflow: visible; }
  table { font-size: 7.5pt; margin: .2rem 0 .4rem; }
  th, td { padding: .1rem .3rem; }
  thead { display: table-header-group; }
  tr, figure, li { break-inside: avoid; }
  h2, h3, h4, caption { break-after: avoid; }
  .orgs { break-before: page; }
  .org + .org { break-before: page; }
  .profiles, .findings { break-before: page; }
  a { color: inherit; text-decoration: none; }
  .late { border: 1.5pt solid var(--late-ink); }
}
"""

SCRIPT = """
(function () {
  "use strict";
  var table = document.getElementById("organisations");
  var controls = document.getElementById("organisations-controls");
  if (!table || !controls || !table.tBodies.length) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var texts = rows.map(function (row) { return row.textContent.toLowerCase(); });
  var shown = document.getElementById("organisations-shown");
  var box = document.createElement("input");
  var label = document.createElement("label");
  box.type = "search";
  box.id = "organisations-filter";
  label.htmlFor = box.id;
  label.textContent = table.getAttribute("data-filter-label");
  controls.appendChild(label);
  controls.appendChild(box);
  controls.hidden = false;
  var timer = null;
  function filter() {
    var query = box.value.trim().toLowerCase();
    var n = 0;
    for (var i = 0; i < rows.length; i++) {
      var hit = !query || texts[i].indexOf(query) >= 0;
      rows[i].hidden = !hit;
      if (hit) { n++; }
    }
    shown.textContent = table.getAttribute("data-shown").replace("{shown}", n).replace("{total}", rows.length);
  }
  box.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(filter, 120); });
  var collator = new Intl.Collator(document.documentElement.lang, { numeric: true, sensitivity: "base" });
  var heads = table.tHead.rows[0].cells;
  function value(row, column, numeric) {
    var c = row.cells[column];
    var v = c.hasAttribute("data-sort") ? c.getAttribute("data-sort") : c.textContent.trim();
    if (!numeric) { return v; }
    var x = parseFloat(v);
    return isNaN(x) ? -Infinity : x;
  }
  function sortBy(th, column) {
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    var numeric = th.getAttribute("data-type") === "number";
    for (var h = 0; h < heads.length; h++) { heads[h].removeAttribute("aria-sort"); }
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var keyed = rows.map(function (row, i) { return [value(row, column, numeric), i]; });
    keyed.sort(function (a, b) {
      var d = numeric ? (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0) : collator.compare(a[0], b[0]);
      return (ascending ? d : -d) || a[1] - b[1];
    });
    var fragment = document.createDocumentFragment();
    rows = keyed.map(function (k) { return rows[k[1]]; });
    texts = keyed.map(function (k) { return texts[k[1]]; });
    rows.forEach(function (row) { fragment.appendChild(row); });
    body.appendChild(fragment);
  }
  Array.prototype.forEach.call(heads, function (th, column) {
    var button = document.createElement("button");
    button.type = "button";
    while (th.firstChild) { button.appendChild(th.firstChild); }
    th.appendChild(button);
    button.addEventListener("click", function () { sortBy(th, column); });
  });
})();
"""

_SCRIPT_HASH = base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii")

#: Nothing may be fetched; the one script runs by its hash; styles are inline (the drawings' too).
_POLICY = (f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{_SCRIPT_HASH}'; "
           "base-uri 'none'; form-action 'none'")


def page(title: str, lang: str, body: Iterable[str], *, script: bool = False) -> Iterator[str]:
    """A whole HTML document around ``body`` (chunks of HTML), with the style sheet and, if asked, the script.

    Examples
    --------
    >>> text = "".join(page("A <b>", "fi", ["<p>x</p>"]))
    >>> text.startswith('<!DOCTYPE html>\\n<html lang="fi">'), "<title>A &lt;b&gt;</title>" in text
    (True, True)
    >>> "<script" in text, "<script" in "".join(page("A", "en", [], script=True))
    (False, True)
    """
    yield (f'<!DOCTYPE html>\n<html lang="{esc(lang)}">\n<head>\n<meta charset="utf-8">\n'
           f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">\n'
           '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
           f'<meta name="generator" content="analyser">\n<title>{esc(title)}</title>\n'
           f"<style>{STYLE}</style>\n</head>\n<body>\n")
    yield from body
    if script:
        yield f"<script>{SCRIPT}</script>\n"
    yield "</body>\n</html>\n"


def cell(value: object, lang: str, *, header: bool = False, cls: str = "") -> str:
    """One table cell: dates as the language writes them (sorted by ISO date), numbers to the right.

    Examples
    --------
    >>> cell(dt.date(2027, 3, 5), "fi"), cell(12, "en"), cell("<A>", "fi", header=True)
    ('<td data-sort="2027-03-05">5.3.2027</td>', '<td class="num">12</td>', '<th scope="row">&lt;A&gt;</th>')
    """
    attributes = f' class="{cls}"' if cls else ""
    if isinstance(value, dt.date):
        attributes += f' data-sort="{value.isoformat()}"'
        text = format_date(value, lang)
    elif isinstance(value, int) and not isinstance(value, bool):
        attributes = f' class="{cls + " " if cls else ""}num"'
        text = str(value)
    else:
        text = esc(value)
    if header:
        return f'<th scope="row"{attributes}>{text}</th>'
    return f"<td{attributes}>{text}</td>"


def table(caption: str, headers: Sequence[str], rows: Iterable[str], *, numeric: Sequence[int] = (),
          attributes: str = "") -> Iterator[str]:
    """A table: a caption, column headers in a repeated ``thead``, and rows already rendered (``<tr>…</tr>``).

    ``numeric`` marks the columns that sort as numbers.

    Examples
    --------
    >>> print("".join(table("T", ["A", "B"], ["<tr><td>1</td><td>2</td></tr>"], numeric=[1])))
    <div class="wide"><table><caption>T</caption>
    <thead><tr><th scope="col">A</th><th scope="col" data-type="number">B</th></tr></thead>
    <tbody>
    <tr><td>1</td><td>2</td></tr>
    </tbody></table></div>
    <BLANKLINE>
    """
    heads = "".join(f'<th scope="col"{" data-type=" + chr(34) + "number" + chr(34) if k in numeric else ""}>'
                    f"{esc(h)}</th>" for k, h in enumerate(headers))
    yield (f'<div class="wide"><table{attributes}><caption>{esc(caption)}</caption>\n'
           f"<thead><tr>{heads}</tr></thead>\n<tbody>\n")
    for row in rows:
        yield row + "\n"
    yield "</tbody></table></div>\n"


# -- inline drawings ------------------------------------------------------------------------------

_TAGS = frozenset("svg g path text tspan defs clipPath pattern rect use symbol circle ellipse line polyline "
                  "polygon title desc mask linearGradient radialGradient stop marker".split())
_TAG = re.compile(r"<(/?)([A-Za-z][\w:.-]*)((?:\s+[A-Za-z_:][\w:.-]*=\"[^\"<]*\")*)\s*(/?)>")
_ATTRIBUTE = re.compile(r'\s+([A-Za-z_:][\w:.-]*)="([^"]*)"')
_DROPPED = re.compile(r"<\?xml.*?\?>|<!DOCTYPE[^>]*>|<!--.*?-->|<metadata\b.*?</metadata>|<style\b.*?</style>", re.S)
_REFERENCE = re.compile(r'url\(#([^)"\s]+)\)|href="#([^"]+)"')
_URL = re.compile(r"url\(#([^)\s]+)\)")
_URL_OUT = re.compile(r"url\((?!#)")
#: The tags whose attributes are rewritten: those with an id, a namespace, a link or a reference.
_REWRITTEN = re.compile(r'\s(?:id|xmlns[\w:]*|[\w:]*href)="|url\(#')


def _safe(svg: str, tags: list[tuple], attributes: str) -> bool:
    """Every ``<`` begins a well-formed drawing tag (``tags``: quoted attributes, a name of :data:`_TAGS`), and
    no tag has an event handler, a link out of the drawing or a script address (``attributes``: all of them)."""
    if len(tags) != svg.count("<") or not {name for _, name, _, _ in tags} <= _TAGS:
        return False
    attributes = attributes.lower()
    pairs = _ATTRIBUTE.findall(attributes)
    if any(name.startswith("on") for name in {name for name, _ in pairs}):
        return False
    if any(not value.startswith("#") for name, value in pairs if name.endswith("href")):
        return False
    return ("javascript:" not in attributes and "expression(" not in attributes
            and _URL_OUT.search(attributes) is None)


def inline_svg(data: bytes | str, prefix: str, label: str) -> str | None:
    """A drawing made for a file, ready to sit inside the page; None when it is not safe to embed.

    The XML prologue, metadata (which names web addresses) and the drawing's
    own style sheet (the page has it) go; ``id`` attributes nothing refers to
    go, and the others get ``prefix`` so that many drawings can share a page;
    the size follows the page's width; ``label`` becomes its title, the
    text a screen reader says (``role="img"``).

    Examples
    --------
    >>> svg = ('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10pt" height="5pt" '
    ...        'viewBox="0 0 10 5"><defs><clipPath id="p1"><rect x="0" y="0" width="9" height="5"/></clipPath>'
    ...        '</defs><g id="figure_1"><path d="M 0 0" clip-path="url(#p1)"/></g></svg>')
    >>> print(inline_svg(svg, "d3-", "A & B"))
    <svg viewBox="0 0 10 5" class="fig" role="img" aria-labelledby="d3-title"><title id="d3-title">A &amp; B</title><defs><clipPath id="d3-p1"><rect x="0" y="0" width="9" height="5"/></clipPath></defs><g><path d="M 0 0" clip-path="url(#d3-p1)"/></g></svg>
    >>> inline_svg('<svg viewBox="0 0 1 1"><script>alert(1)</script></svg>', "x-", "X") is None
    True
    """
    text = data.decode("utf-8") if isinstance(data, (bytes, bytearray)) else data
    text = _DROPPED.sub("", text)
    text = text[max(text.find("<svg"), 0):].strip()
    tags = _TAG.findall(text)
    attributes = " ".join([a for _, _, a, _ in tags])
    if not tags or tags[0][1] != "svg" or not _safe(text, tags, attributes):
        return None
    referenced = {a or b for a, b in _REFERENCE.findall(attributes)}

    def attribute(match: re.Match) -> str:
        name, value = match[1], match[2]
        if name == "id":
            return f' id="{prefix}{value}"' if value in referenced else ""
        if name.startswith("xmlns"):
            return ""
        if name.endswith("href"):
            return f' href="#{prefix}{value[1:]}"'
        return f' {name}="{_URL.sub(lambda m: f"url(#{prefix}{m[1]})", value)}"'

    def tag(match: re.Match) -> str:
        if _REWRITTEN.search(match[3]) is None:
            return match[0]
        return f"<{match[1]}{match[2]}{_ATTRIBUTE.sub(attribute, match[3])}{match[4]}>"

    view_box = re.search(r'\sviewBox="([^"]*)"', tags[0][2])
    head = (f'<svg viewBox="{view_box[1] if view_box else "0 0 100 100"}" class="fig" role="img" '
            f'aria-labelledby="{prefix}title"><title id="{prefix}title">{esc(label)}</title>')
    return head + _TAG.sub(tag, text[_TAG.match(text).end():])
