"""The "So sánh <mới> với <cũ>" page of a regulation and the one it replaced.

A summary (how many elements are new, removed, reworded, moved, split, merged; the
lists of new and removed ones with links to the document pages), then every aligned
pair side by side, words deleted and inserted marked (``regindex.diff``), each pair
with an ``id`` (the eid of its new element) to link "điểm mới tại khoản 2 Điều 5". Beside
the page, its JSON twin (``regindex diff --json``). Every text from a source file is
escaped here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape
from importlib import resources

from ..diff import CHANGE_LABELS, Comparison, Pair, own_text, unit_text, word_diff
from ..diff.compare import replaced_pairs
from ..library import Library
from ..model import Document, Node, cite_path
from ..present import vi_date

__all__ = ["ComparisonPage", "comparison_page", "comparison_name", "comparison_links",
           "SUMMARY_CHANGES"]

SUMMARY_CHANGES = ("new", "removed", "reworded", "moved", "split", "merged")
"""The counts the summary shows, in this order ("giữ nguyên" is said in a sentence)."""

PAIR_HEADS = {
    "same": "Giữ nguyên", "reworded": "Sửa đổi", "moved": "Di chuyển",
    "split": "Tách từ một phần tử cũ", "merged": "Gộp từ nhiều phần tử cũ",
    "new": "Mới", "removed": "Bị bỏ",
}


@dataclass(frozen=True)
class ComparisonPage:
    name: str            # "05-qd-mh-2025-so-sanh-01-qd-mh-2024" (page and JSON file)
    title: str
    html: str
    toc: list[dict]
    twin: str            # the JSON twin


def comparison_name(new: Document, old: Document) -> str:
    """The page's file name without extension. A document slug ends with its year, so
    it never ends like this."""
    return f"{new.slug}-so-sanh-{old.slug}"


def comparison_links(document: Document, library: Library) -> str:
    """The document page's links to its comparisons (with what it replaced, and with
    what replaced it); "" when it has none."""
    links = []
    for new, old in replaced_pairs(library):
        if document is new:
            links.append((comparison_name(new, old), f"So sánh với {old.name} (văn bản bị thay thế)"))
        elif document is old:
            links.append((comparison_name(new, old), f"So sánh với {new.name} (văn bản thay thế)"))
    if not links:
        return ""
    items = "".join(f'<li><a class="rx-compare-link" href="{escape(name)}.html">{escape(text)}</a></li>'
                    for name, text in links)
    return f'<nav class="rx-compare-links" aria-label="Những điểm mới"><ul>{items}</ul></nav>'


def comparison_page(comparison: Comparison) -> ComparisonPage:
    return _Page(comparison).render()


def _toc(eid: str, name: str) -> dict:
    return {"level": 2, "id": eid, "name": escape(name), "children": []}


class _Page:
    """Renders one comparison; made per page."""

    def __init__(self, comparison: Comparison):
        self.comparison = comparison
        self.old, self.new = comparison.old, comparison.new
        self.name = comparison_name(self.new, self.old)
        self.ids = self._pair_ids()

    def render(self) -> ComparisonPage:
        title = f"So sánh {self.new.name} với {self.old.name}"
        css = resources.files(__package__).joinpath("compare.css").read_text("utf-8")
        html = "\n".join([
            f"<style>{css}</style>",
            '<div class="rx-page rx-compare">',
            f'<h1 class="rx-title">{escape(title)}</h1>', self._banner(), self._documents(),
            self._summary(), self._pairs(), "</div>"])
        twin = json.dumps(self.comparison.record(), ensure_ascii=False, indent=1)
        return ComparisonPage(self.name, title, html,
                              [_toc("tom-tat", "Tóm tắt"), _toc("doi-chieu", "Đối chiếu")], twin)

    def _pair_ids(self) -> dict[int, str]:
        """Each pair's anchor: its new element's eid; a second pair of the same new
        element (a merge) and a removed element get a derived one."""
        ids, used = {}, set()
        for k, pair in enumerate(self.comparison.pairs):
            if pair.new is None:
                anchor = f"bo-{pair.old.eid}"
            elif pair.new.eid in used:
                anchor = f"{pair.new.eid}--tu-{pair.old.eid}"
            else:
                anchor = pair.new.eid
            used.add(anchor)
            ids[k] = anchor
        return ids

    # --- head ---------------------------------------------------------------------------

    def _banner(self) -> str:
        if not (self.old.meta.illustrative or self.new.meta.illustrative):
            return ""
        return ('<div class="admonition warning rx-banner rx-banner--illustrative" role="note">'
                '<p class="admonition-title">Văn bản minh họa</p><p>Văn bản minh họa do dự án '
                'tự soạn, không phải văn bản chính thức.</p></div>')

    def _documents(self) -> str:
        def one(role: str, document: Document) -> str:
            when = f", ngày {vi_date(document.meta.issued)}" if document.meta.issued else ""
            return (f'<li>{role}: <a class="rx-doc-link" href="{escape(document.url())}">'
                    f'{escape(document.name)}</a>{escape(when)}</li>')
        return (f'<ul class="rx-compare-docs">{one("Văn bản mới", self.new)}'
                f'{one("Văn bản cũ (bị thay thế)", self.old)}'
                f'<li>Dữ liệu cho hệ thống khác: <a href="{escape(self.name)}.json">'
                f'{escape(self.name)}.json</a></li></ul>')

    def _summary(self) -> str:
        counts = self.comparison.counts
        items = "".join(
            f'<li class="rx-count rx-count--{change}" data-change="{change}">'
            f'<span class="rx-count-n">{counts[change]}</span> '
            f'<span class="rx-count-label">{escape(CHANGE_LABELS[change])}</span></li>'
            for change in SUMMARY_CHANGES)
        same = (f'<p class="rx-note">Đếm theo điều, khoản, điểm; {counts["same"]} phần tử '
                'giữ nguyên. Một phần tử bị tách (gộp) được đếm một lần.</p>')
        return (f'<section class="rx-compare-summary" id="tom-tat"><h2>Tóm tắt</h2>'
                f'<ul class="rx-counts">{items}</ul>{same}'
                f'{self._listing("new", "Phần tử mới", "rx-list-new")}'
                f'{self._listing("removed", "Phần tử bị bỏ", "rx-list-removed")}</section>')

    def _listing(self, change: str, title: str, css: str) -> str:
        rows = []
        for k, pair in enumerate(self.comparison.pairs):
            if pair.change != change:
                continue
            document, node = (self.new, pair.new) if change == "new" else (self.old, pair.old)
            rows.append(f'<li><a href="{escape(document.url(node))}">'
                        f'{escape(document.citation(node))}</a> '
                        f'<a class="rx-pair-jump" href="#{escape(self.ids[k])}">(đối chiếu)</a></li>')
        body = f'<ul>{"".join(rows)}</ul>' if rows else "<p>Không có.</p>"
        return f'<h3>{escape(title)}</h3><div class="{css}">{body}</div>'

    # --- pairs --------------------------------------------------------------------------

    def _pairs(self) -> str:
        rows = [self._pair(k, pair) for k, pair in enumerate(self.comparison.pairs)]
        return (f'<section class="rx-compare-pairs" id="doi-chieu"><h2>Đối chiếu</h2>'
                f'<div class="rx-pair rx-pair--columns" aria-hidden="true">'
                f'<div class="rx-side rx-side--old"><strong>{escape(self.old.name)}</strong></div>'
                f'<div class="rx-side rx-side--new"><strong>{escape(self.new.name)}</strong></div>'
                f'</div>{"".join(rows)}</section>')

    def _pair(self, k: int, pair: Pair) -> str:
        anchor = escape(self.ids[k])
        where = cite_path(pair.new) if pair.new else cite_path(pair.old)
        citation = (f"Điểm mới tại {where} {self.new.name} (so với {self.old.name})"
                    if pair.new else f"{where} {self.old.name} (bị bỏ khi ban hành {self.new.name})")
        head = (f'<div class="rx-pair-head"><span class="rx-change rx-change--{pair.change}">'
                f'{escape(PAIR_HEADS[pair.change])}</span>'
                f'<span class="rx-actions"><a class="rx-permalink" href="#{anchor}" '
                f'title="Liên kết cố định">¶</a><button type="button" class="rx-copy" '
                f'data-eid="{anchor}" data-citation="{escape(citation)}">Sao chép liên kết'
                f'</button></span></div>')
        old_side, new_side = self._texts(pair)
        return (f'<div class="rx-pair rx-pair--{pair.change} rx-depth-{pair.depth}" id="{anchor}">'
                f'{head}{self._side("old", self.old, pair.old, old_side)}'
                f'{self._side("new", self.new, pair.new, new_side)}</div>')

    def _side(self, role: str, document: Document, node: Node | None, text: str) -> str:
        if node is None:
            return f'<div class="rx-side rx-side--{role} rx-side--none"><p class="rx-note">(không có)</p></div>'
        label = (f'<p class="rx-side-label"><a href="{escape(document.url(node))}">'
                 f'{escape(cite_path(node))}</a></p>')
        return f'<div class="rx-side rx-side--{role}">{label}<div class="rx-side-text">{text}</div></div>'

    def _texts(self, pair: Pair) -> tuple[str, str]:
        """The two sides' HTML: escaped text, deleted words in <del>, inserted in <ins>."""
        old_text = _shown(pair.old, pair.whole) if pair.old else ""
        new_text = _shown(pair.new, pair.whole) if pair.new else ""
        if pair.change == "same":
            same = '<span class="rx-note">(không đổi)</span>'
            return same, same
        if pair.old is None:
            return "", _marked([(new_text.strip(), True)], "ins")
        if pair.new is None:
            return _marked([(old_text.strip(), True)], "del"), ""
        old_segments, new_segments = word_diff(old_text.strip(), new_text.strip())
        return (_marked([(s.text, s.changed) for s in old_segments], "del"),
                _marked([(s.text, s.changed) for s in new_segments], "ins"))


def _shown(node: Node, whole: bool) -> str:
    """What a side shows: the element without its label, with the children not paired
    on their own (all of them when ``whole``)."""
    return unit_text(node) if whole else own_text(node)


def _marked(segments: list[tuple[str, bool]], tag: str) -> str:
    return "".join(f"<{tag}>{escape(text)}</{tag}>" if changed else escape(text)
                   for text, changed in segments)
