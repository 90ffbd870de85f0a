"""Long documents as several pages: a page of a 2,000-article đề mục is megabytes of
HTML that a browser takes seconds to lay out; cut into parts it opens at once.

A document page whose text section is over ``SPLIT_BYTES`` is cut between the
top-level elements of its text (chapters, or articles when it has no chapters) into
parts of about ``PART_BYTES``. The document's own page keeps its head (title, banners,
facts, relations) and the first part; the others are ``<slug>-phan-N.html``. Every page
lists the parts, and carries a small script that sends an anchor of another part to
that part's page: ``<slug>.html#dieu-1500`` (a saved link, a citation on another page,
a search result) lands on the part that has ``dieu-1500``. ``anchors.json`` lists every
anchor of the document under its own page too, since each still lands from there.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html import escape

from ..model import Document
from .render import RenderedDocument

__all__ = ["Part", "split_document", "part_uri", "SPLIT_BYTES", "PART_BYTES"]

SPLIT_BYTES = 1_500_000
PART_BYTES = 500_000

TEXT_START = '<section class="rx-text" id="noi-dung"><h2>Nội dung</h2>'

# The tags that nest the element tree (render.py writes elements as these two).
NESTING = re.compile(r"""
    <(?P<close>/?)      # an opening or a closing tag
    (?:section|div)     # of an element or a wrapper
    \b[^>]*>            # its attributes (values escaped: no ">" inside)
    """, re.X)

# Sends an anchor that is not on this page to the part that has it: `parts` maps
# element ids to the number of their part, `pages` numbers the parts' pages; an element below them ("dieu-12-khoan-2"
# under "dieu-12") is found by dropping the last parts of its id.
FORWARD = """<script>(function () {
  var pages = %s;
  var parts = %s;
  function forward() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id || document.getElementById(id)) return;
    for (var key = id; key; key = key.indexOf("-") < 0 ? "" : key.replace(/-[^-]*$/, "")) {
      if (parts.hasOwnProperty(key)) { location.replace(pages[parts[key] - 1] + "#" + encodeURIComponent(id)); return; }
    }
  }
  forward();
  addEventListener("hashchange", forward);
}());</script>"""


@dataclass(frozen=True)
class Part:
    """One page of a document: its URI (``.md``), title, HTML and table of contents."""

    src_uri: str
    title: str
    html: str
    toc: list[dict]
    forwarded: tuple[str, ...] = ()     # anchors of other parts this page sends on


def part_uri(document: Document, number: int) -> str:
    return f"{document.slug}.md" if number == 1 else f"{document.slug}-phan-{number}.md"


def _top_elements(html: str, start: int) -> tuple[list[tuple[int, int]], int]:
    """The spans of the elements directly inside the text section opening at
    ``start``, and where the section closes."""
    spans, depth, begin = [], 0, None
    for match in NESTING.finditer(html, start + len(TEXT_START)):
        if match["close"]:
            if depth == 0:
                return spans, match.start()
            depth -= 1
            if depth == 0:
                spans.append((begin, match.end()))
        else:
            if depth == 0:
                begin = match.start()
            depth += 1
    raise ValueError("unbalanced text section")


def _toc_within(toc: list[dict], ids: set[str]) -> list[dict]:
    kept = []
    for entry in toc:
        children = _toc_within(entry.get("children", []), ids)
        if entry["id"] in ids:
            kept.append({**entry, "children": children})
        else:
            kept += children
    return kept


def split_document(document: Document, page: RenderedDocument) -> list[Part]:
    """The pages of a rendered document: itself alone, or its parts when it is long."""
    from .anchors import page_anchors      # here: anchors lists the pages this makes
    start = page.html.find(TEXT_START)
    whole = [Part(part_uri(document, 1), document.name, page.html, page.toc)]
    if start < 0:
        return whole
    elements, end = _top_elements(page.html, start)
    if end - start <= SPLIT_BYTES or len(elements) < 2:
        return whole
    groups, size = [[]], 0
    for span in elements:
        if size >= PART_BYTES:
            groups.append([])
            size = 0
        groups[-1].append(span)
        size += span[1] - span[0]
    if len(groups) < 2:
        return whole
    head, opening = page.html[:start], page.html.partition("\n")[0]
    bodies = ["".join(page.html[a:b] for a, b in group) for group in groups]
    anchors = [page_anchors(body) for body in bodies]
    pages = [part_uri(document, n).removesuffix(".md") + ".html" for n in range(1, len(groups) + 1)]
    # each part's ids but those below another of its ids ("dieu-12-khoan-2" under
    # "dieu-12"), which the script finds by dropping the last parts of the id
    first_ids = {}
    for n, found in enumerate(anchors):
        present = set(found)
        for anchor in found:
            if not any(prefix in present for prefix in _prefixes(anchor)):
                first_ids[anchor] = n + 1
    forward = FORWARD % (json.dumps(pages), json.dumps(first_ids, separators=(",", ":")))
    contents = "".join(
        f'<li><a href="{pages[n]}">Phần {n + 1}: {_range(anchors[n])}</a></li>'
        for n in range(len(groups)))
    nav = (f'<nav class="rx-parts"><p>Văn bản dài, chia thành {len(groups)} phần:</p>'
           f'<ol>{contents}</ol></nav>')
    everything = [anchor for found in anchors for anchor in found]
    parts = []
    for n, body in enumerate(bodies):
        ids = set(anchors[n])
        title = document.name if n == 0 else f"{document.name} (phần {n + 1})"
        if n == 0:
            html = "".join([head, nav, TEXT_START, body, "</section>", forward, "</div>"])
            toc = [entry for entry in page.toc if entry["id"] != "noi-dung"] + [
                {**entry, "children": _toc_within(entry.get("children", []), ids)}
                for entry in page.toc if entry["id"] == "noi-dung"]
            others = tuple(anchor for anchor in everything if anchor not in ids)
        else:
            html = "\n".join([opening, f'<h1 class="rx-title">{escape(title)}</h1>', nav,
                              f'<section class="rx-text">{body}</section>', forward, "</div>"])
            toc = _toc_within(page.toc, ids)
            others = ()
        parts.append(Part(part_uri(document, n + 1), title, html, toc, others))
    return parts


def _range(anchors: list[str]) -> str:
    """"Điều 1 – Điều 200" from the article ids of a part."""
    articles = [anchor.removeprefix("dieu-") for anchor in anchors
                if re.fullmatch(r"dieu-[^-]+", anchor)]
    if not articles:
        return f"{len(anchors)} mục"
    return f"Điều {articles[0]} – Điều {articles[-1]}" if len(articles) > 1 else f"Điều {articles[0]}"


def _prefixes(anchor: str) -> list[str]:
    """"dieu-12-khoan-2" → ["dieu-12-khoan", "dieu-12", "dieu"]."""
    found = []
    while "-" in anchor:
        anchor = anchor.rpartition("-")[0]
        found.append(anchor)
    return found
