"""The HTML of one document page.

Title, banners (illustrative text, expired or partly expired with the successor),
attribute panel, lineage, and the element tree: every element with an ``id`` equal to
its eid, a permalink, a "Sao chép trích dẫn" button, its cross references as links and
the list of elements citing it. Every text that comes from a source file is escaped
here; nothing of it reaches the page as markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from urllib.parse import urlsplit

from ..library import FIELDS, RECIPROCAL, Library
from ..model import DocRef, Document, Node, cite_path
from ..present import fact_rows, vi_date
from .compare import comparison_links
from .crossrefs import CrossReferences, linked_html

__all__ = ["RenderedDocument", "render_document", "ILLUSTRATIVE_NOTICE"]

ILLUSTRATIVE_NOTICE = "Văn bản minh họa do dự án tự soạn, không phải văn bản chính thức."

# Containers whose first line is a heading (and an entry of the table of contents); an
# attached instrument (a Quy chế issued with a decision) is an entry with its own.
HEADING_KINDS = {"part", "chapter", "division", "article", "appendix", "form", "attachment"}

# Relations shown as links in the lineage panel, in this order.
RELATIONS = ("replaces", "replaced_by", "guides", "guided_by", "related")

TOC_NAME_LENGTH = 90


@dataclass(frozen=True)
class RenderedDocument:
    html: str
    toc: list[dict]      # MkDocs table-of-contents tokens: level, id, name (HTML), children


def render_document(document: Document, library: Library,
                    references: CrossReferences) -> RenderedDocument:
    return _DocumentPage(document, library, references).render()


def _toc(level: int, eid: str, name: str, children: list | None = None) -> dict:
    if len(name) > TOC_NAME_LENGTH:
        name = name[:TOC_NAME_LENGTH - 1].rstrip() + "…"
    return {"level": level, "id": eid, "name": escape(name), "children": children or []}


def _line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line of ``text``, without its surrounding spaces."""
    spans, position = [], 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = position + len(line) - len(line.lstrip())
            spans.append((start, start + len(stripped)))
        position += len(line) + 1
    return spans


def web_link(url: str) -> str:
    """An http(s) address as a link; anything else (``javascript:`` …) as plain text."""
    if urlsplit(url).scheme in ("http", "https"):
        return f'<a href="{escape(url)}" rel="noopener noreferrer">{escape(url)}</a>'
    return escape(url)


class _DocumentPage:
    """Renders one document; made per document."""

    def __init__(self, document: Document, library: Library, references: CrossReferences):
        self.document = document
        self.library = library
        self.references = references

    def render(self) -> RenderedDocument:
        document = self.document
        toc = [_toc(2, "thong-tin", "Thông tin văn bản"), _toc(2, "quan-he", "Quan hệ")]
        body, children = self._body() if document.has_body else (self._no_body(), [])
        toc.append(_toc(2, "noi-dung", "Nội dung", children))
        html = "\n".join([
            f'<div class="rx-page rx-document" data-citation="{escape(document.citation())}">',
            self._title(), *self._banners(),
            f'<p class="rx-print-source" data-citation="{escape(document.citation())}"></p>',
            self._facts(), self._relations(), comparison_links(document, self.library),
            body, "</div>",
        ])
        return RenderedDocument(html, toc)

    # --- head of the page -------------------------------------------------------------

    def _title(self) -> str:
        meta = self.document.meta
        title = f'<span class="rx-subtitle">{escape(meta.title)}</span>' if meta.title else ""
        return f'<h1 class="rx-title">{escape(self.document.name)} {title}</h1>'

    def _banners(self) -> list[str]:
        meta, banners = self.document.meta, []
        if meta.illustrative:
            banners.append(_admonition("warning", "rx-banner--illustrative", "Văn bản minh họa",
                                       escape(ILLUSTRATIVE_NOTICE)))
        if meta.status in ("expired", "partly-expired"):
            banners.append(_admonition("danger", "rx-banner--expired",
                                       f"Văn bản đã {meta.status_label.lower()}",
                                       self._expiry()))
        elif meta.status == "not-yet":
            when = f" Có hiệu lực từ ngày {vi_date(meta.effective)}." if meta.effective else ""
            banners.append(_admonition("info", "rx-banner--not-yet", meta.status_label,
                                       f"Văn bản chưa có hiệu lực.{when}"))
        return banners

    def _expiry(self) -> str:
        meta = self.document.meta
        if meta.expired_on:
            when = f"Hết hiệu lực từ ngày {vi_date(meta.expired_on)}"
            when += " (ngày chưa xác minh)." if "expired_on" in meta.unverified else "."
        else:
            when = "Chưa ghi ngày hết hiệu lực."
        if not meta.replaced_by:
            return when
        successors = ", ".join(self._ref_link(ref) for ref in meta.replaced_by)
        doubt = " (quan hệ thay thế chưa xác minh)" if "replaced_by" in meta.unverified else ""
        return f"{when} Được thay thế bởi {successors}{doubt}."

    def _ref_link(self, ref: DocRef) -> str:
        """A related document as a link to its page (plain text when not in the library)."""
        other = self.library.get(ref)
        when = f", ngày {vi_date(ref.issued)}" if ref.issued else ""
        if other is None:
            return f'{escape(ref.number)}{when} <span class="rx-note">(chưa có trong kho)</span>'
        return (f'<a class="rx-doc-link" href="{escape(other.url())}">'
                f'{escape(other.name)}</a>{when}')

    def _facts(self) -> str:
        relation_labels = {FIELDS[name].label.capitalize() for name in RECIPROCAL}
        rows = [(escape(label), escape(value)) for label, value in fact_rows(self.document)
                if label not in relation_labels]
        meta = self.document.meta
        if meta.note:
            rows.append(("Ghi chú", escape(meta.note)))
        if meta.source:
            rows.append(("Tệp gốc", escape(" · ".join(
                f"{key}: {value}" for key, value in meta.source.items() if value))))
        if meta.sources:
            rows.append(("Nguồn thông tin", "<br>".join(web_link(url) for url in meta.sources)))
        body = "".join(f"<tr><th scope=\"row\">{label}</th><td>{value}</td></tr>"
                       for label, value in rows)
        return (f'<section class="rx-facts" id="thong-tin"><h2>Thông tin văn bản</h2>'
                f'<table class="rx-facts-table"><tbody>{body}</tbody></table></section>')

    def _relations(self) -> str:
        meta, rows = self.document.meta, []
        for name in RELATIONS:
            refs = getattr(meta, name)
            if refs:
                doubt = (' <span class="rx-note">(chưa xác minh)</span>'
                         if name in meta.unverified else "")
                links = "; ".join(self._ref_link(ref) for ref in refs)
                rows.append((FIELDS[name].label.capitalize(), links + doubt))
        citing = self.references.cited_by(self.document)
        if citing:
            rows.append(("Được dẫn chiếu tại", self._citing_links(citing)))
        if rows:
            body = "".join(f'<tr><th scope="row">{escape(label)}</th><td>{value}</td></tr>'
                           for label, value in rows)
            content = f'<table class="rx-relations-table"><tbody>{body}</tbody></table>'
        else:
            content = "<p>Chưa ghi quan hệ với văn bản nào khác.</p>"
        return f'<section class="rx-relations" id="quan-he"><h2>Quan hệ</h2>{content}</section>'

    def _no_body(self) -> str:
        return ('<section class="rx-text" id="noi-dung"><h2>Nội dung</h2>' + _admonition(
            "info", "rx-banner--no-text", "Chưa có văn bản gốc",
            "Kho mới ghi thông tin về văn bản này, chưa có nội dung chính thức. Người quản lý "
            "kho nhập nội dung từ tệp chính thức (.docx, .html, .txt) bằng lệnh "
            "<code>regindex import TỆP</code>, rồi dựng lại trang bằng "
            "<code>regindex build</code>.") + "</section>")

    # --- the element tree -------------------------------------------------------------

    def _body(self) -> tuple[str, list[dict]]:
        parts, toc = [], []
        for child in self.document.root.children:
            html, entries = self._element(child, 3)
            parts.append(html)
            toc += entries
        return (f'<section class="rx-text" id="noi-dung"><h2>Nội dung</h2>'
                f'{"".join(parts)}</section>'), toc

    def _is_heading(self, node: Node) -> bool:
        if node.kind in HEADING_KINDS:
            return True
        # Hướng dẫn sections: the top ones, and those holding sub-sections.
        return node.kind == "section" and (
            node.parent is self.document.root
            or any(child.kind == "section" for child in node.children))

    def _element(self, node: Node, level: int) -> tuple[str, list[dict]]:
        heading = self._is_heading(node)
        spans = _line_spans(node.text)
        label_only = not node.body.partition("\n")[0].strip()
        head_lines = (2 if label_only and len(spans) > 1 else 1) if heading and spans else 0
        actions = self._actions(node)
        own = []
        if head_lines:
            head = "<br>".join(self._linked(node, span) for span in spans[:head_lines])
            tag = f"h{min(level, 6)}"
            own.append(f'<{tag} class="rx-head">{head}{actions}</{tag}>')
        for i, span in enumerate(spans[head_lines:]):
            first = i == 0 and not head_lines
            own.append(f"<p>{self._linked(node, span)}{actions if first else ''}</p>")
        if not spans and actions:
            own.append(f"<p>{actions}</p>")
        if node.eid and node.addressable:
            citing = self.references.cited_by(self.document, node.eid)
            if citing:
                own.append(f'<p class="rx-cited-by"><span class="rx-cited-by-label">'
                           f'Được dẫn chiếu tại:</span> {self._citing_links(citing)}</p>')
        children, toc = [], []
        for child in node.children:
            html, entries = self._element(child, level + 1 if heading else level)
            children.append(html)
            toc += entries
        if heading and node.eid:
            name = " ".join(node.text[start:end] for start, end in spans[:head_lines])
            toc = [_toc(level, node.eid, name or node.label, toc)]
        wrapper = "section" if heading else "div"
        eid = f' id="{escape(node.eid)}"' if node.eid else ""
        return (f'<{wrapper} class="rx-el rx-{node.kind}"{eid}>{"".join(own)}'
                f'{"".join(children)}</{wrapper}>'), toc

    def _linked(self, node: Node, span: tuple[int, int]) -> str:
        return linked_html(node.text, *span, self.references.citations(node), self.document)

    def _actions(self, node: Node) -> str:
        if not (node.eid and node.addressable):
            return ""
        eid, citation = escape(node.eid), escape(self.document.citation(node))
        return (f'<span class="rx-actions">'
                f'<a class="rx-permalink" href="#{eid}" title="Liên kết cố định">¶</a>'
                f'<button type="button" class="rx-copy" data-eid="{eid}" '
                f'data-citation="{citation}">Sao chép trích dẫn</button></span>')

    def _citing_links(self, citing: list[tuple[Document, Node]]) -> str:
        links = []
        for document, node in citing:
            if document is self.document:
                href, label = (f"#{node.eid}" if node.eid else document.url()), cite_path(node)
            else:
                href, label = document.url(node), document.citation(node)
            links.append(f'<a class="rx-cited-by-link" href="{escape(href)}">{escape(label)}</a>')
        return "; ".join(links)


def _admonition(kind: str, css: str, title: str, body: str) -> str:
    """A material admonition; ``body`` is HTML already escaped by the caller."""
    return (f'<div class="admonition {kind} rx-banner {css}" role="note">'
            f'<p class="admonition-title">{escape(title)}</p><p>{body}</p></div>')
