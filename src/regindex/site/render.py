"""The HTML of one document page, content first.

A compact header (số hiệu, ngày, cơ quan, tình trạng) with the status banners (the whole
succession chain) and the dates to trust it by; the full attributes and relations one
click away in a ``<details>``; then the element tree: every element with an ``id`` equal
to its eid, its number (the label the text already has) as the permalink that also
offers to copy the formal citation, its cross references as links whose resolution is in
their title (nothing is added to the official text), and the count of elements citing
it, which expands. Every text that comes from a source file is escaped here; nothing of
it reaches the page as markup.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

from ..library import FIELDS, RECIPROCAL, Library
from ..model import DocRef, Document, Node, cite_path
from ..present import fact_rows, formal_citation, succession, vi_date
from .compare import comparison_links
from .crossrefs import CrossReferences, linked_html

__all__ = ["RenderedDocument", "render_document", "ILLUSTRATIVE_NOTICE", "original_file",
           "dates_text"]

ILLUSTRATIVE_NOTICE = "Văn bản minh họa do dự án tự soạn, không phải văn bản chính thức."

# Containers whose first line is a heading (and an entry of the table of contents); an
# attached instrument (a Quy chế issued with a decision) is an entry with its own.
HEADING_KINDS = {"part", "chapter", "division", "article", "appendix", "form", "attachment"}

# Relations shown as links in the relations panel, in this order.
RELATIONS = ("replaces", "replaced_by", "guides", "guided_by", "related")

TOC_NAME_LENGTH = 90

# Where the site keeps the stored originals, for "Tải văn bản gốc".
ORIGINALS = "van-ban-goc"

EXPIRED = ("expired", "partly-expired")
@dataclass(frozen=True)
class RenderedDocument:
    html: str
    toc: list[dict]      # MkDocs table-of-contents tokens: level, id, name (HTML), children


def render_document(document: Document, library: Library, references: CrossReferences,
                    built: dt.date | None = None) -> RenderedDocument:
    return _DocumentPage(document, library, references, built or dt.date.today()).render()


def original_file(document: Document) -> tuple[str, Path] | None:
    """(site path, stored file) of the document's original (``source.file``, relative
    to its record), when that file is there."""
    name = (document.meta.source or {}).get("file")
    if not name or document.path is None:
        return None
    path = document.path.parent / name
    if not path.is_file():
        return None
    return f"{ORIGINALS}/{document.slug}{path.suffix.lower()}", path


def dates_text(document: Document, built: dt.date) -> str:
    """"Tình trạng tính đến ngày … · Bản dựng ngày …": what a copy on a USB stick can be
    trusted for."""
    checked = document.meta.checked
    status = (f"Tình trạng tính đến ngày {vi_date(checked)}" if checked else
              "Chưa ghi ngày kiểm tra tình trạng")
    return f"{status} · Bản dựng ngày {vi_date(built)}"


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

    def __init__(self, document: Document, library: Library, references: CrossReferences,
                 built: dt.date):
        self.document = document
        self.library = library
        self.references = references
        self.built = built

    def render(self) -> RenderedDocument:
        document = self.document
        facts = [_toc(2, "thong-tin", "Thông tin văn bản"), _toc(2, "quan-he", "Quan hệ")]
        if document.has_body:
            body, children = self._body()
            parts, toc = [self._details(), body], [*facts, _toc(2, "noi-dung", "Nội dung",
                                                                children)]
        else:   # what the page is, and where to read the text, come first
            parts, toc = [self._no_body(), self._details()], [_toc(2, "noi-dung", "Nội dung"),
                                                              *facts]
        formal = escape(formal_citation(document))
        dates = escape(dates_text(document, self.built))
        html = "\n".join([
            f'<div class="rx-page rx-document" data-citation="{formal}">',
            f'<p class="rx-print-source" data-citation="{formal}">{formal}</p>',
            self._title(), self._summary(), *self._banners(),
            f'<p class="rx-dates">{dates}</p>', comparison_links(document, self.library),
            *parts,
            f'<p class="rx-print-end">{formal}. {dates}.</p>',
            "</div>",
        ])
        return RenderedDocument(html, toc)

    # --- head of the page -------------------------------------------------------------

    def _title(self) -> str:
        meta = self.document.meta
        title = f'<span class="rx-subtitle">{escape(meta.title)}</span>' if meta.title else ""
        return f'<h1 class="rx-title">{escape(self.document.name)} {title}</h1>'

    def _summary(self) -> str:
        """Số hiệu, ngày, cơ quan, tình trạng: one line on a desktop, a few on a phone."""
        meta = self.document.meta

        def item(label: str, value: str, field: str, css: str = "") -> str:
            doubt = ' <span class="rx-note">(chưa xác minh)</span>' \
                if field in meta.unverified else ""
            return (f'<div class="rx-summary-item{css}"><dt>{label}</dt>'
                    f'<dd>{value}{doubt}</dd></div>')

        formal = escape(formal_citation(self.document))
        number = (f'<a class="rx-num" href="#" data-eid="" data-citation="{formal}" '
                  f'title="Trích dẫn, liên kết: {formal}">{escape(self.document.number)}</a>')
        items = [item("Số hiệu", number, "number")]
        if meta.issued:
            items.append(item("Ngày ban hành", vi_date(meta.issued), "issued"))
        if meta.issuer:
            items.append(item("Cơ quan ban hành", escape(meta.issuer), "issuer"))
        status = f'<span class="rx-status">{escape(meta.status_label)}</span>'
        items.append(item("Tình trạng", status, "status",
                          f" rx-status--{meta.status or 'unknown'}"))
        return f'<dl class="rx-summary">{"".join(items)}</dl>'

    def _banners(self) -> list[str]:
        meta, banners = self.document.meta, []
        if meta.illustrative:
            banners.append(_admonition("warning", "rx-banner--illustrative", "Văn bản minh họa",
                                       escape(ILLUSTRATIVE_NOTICE)))
        if meta.status in EXPIRED:
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
        elif "expired_on" in meta.unverified:
            when = "Ngày hết hiệu lực chưa xác minh."
        else:
            when = "Chưa ghi ngày hết hiệu lực."
        chain = succession(self.document, self.library.get)
        if not chain:
            return when
        steps = []
        for step in chain:
            notes = []
            if step.document is not None:
                status = step.document.meta.status_label.lower()
                if step.document.meta.expired_on:
                    status += f" từ ngày {vi_date(step.document.meta.expired_on)}"
                notes.append(status)
            if not step.verified:
                notes.append("quan hệ thay thế chưa xác minh")
            note = f' <span class="rx-chain-note">({", ".join(notes)})</span>' if notes else ""
            steps.append(f'<span class="rx-chain-step">{self._ref_link(step.ref)}{note}</span>')
        others = meta.replaced_by[1:]
        also = ("; cùng thay thế: " + ", ".join(self._ref_link(ref) for ref in others)
                if others else "")
        return f"{when} Được thay thế bởi {' → '.join(steps)}{also}."

    def _ref_link(self, ref: DocRef) -> str:
        """A related document as a link to its page (plain text when not in the library)."""
        other = self.library.get(ref)
        when = f", ngày {vi_date(ref.issued)}" if ref.issued else ""
        if other is None:
            return f'{escape(ref.number)}{when} <span class="rx-note">(chưa có trong kho)</span>'
        return (f'<a class="rx-doc-link" href="{escape(other.url())}">'
                f'{escape(other.name)}</a>{when}')

    def _details(self) -> str:
        """The full attributes and the relations, one click away (open when the page has
        no text: then they are its content)."""
        opened = "" if self.document.has_body else " open"
        return (f'<details class="rx-details" id="thong-tin"{opened}>'
                '<summary>Thông tin đầy đủ và quan hệ với văn bản khác</summary>'
                f'{self._facts()}{self._relations()}</details>')

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
        return (f'<section class="rx-facts"><h2>Thông tin văn bản</h2>'
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
            rows.append(("Được dẫn chiếu tại", self._cited_by(citing, "rx-cited-by--document")))
        if rows:
            body = "".join(f'<tr><th scope="row">{escape(label)}</th><td>{value}</td></tr>'
                           for label, value in rows)
            content = f'<table class="rx-relations-table"><tbody>{body}</tbody></table>'
        else:
            content = "<p>Chưa ghi quan hệ với văn bản nào khác.</p>"
        return f'<section class="rx-relations" id="quan-he"><h2>Quan hệ</h2>{content}</section>'

    def _no_body(self) -> str:
        """What a cadre needs when the text is not here: what it is, where it is
        published, and that it can be added."""
        meta = self.document.meta
        what = formal_citation(self.document) + (f" {meta.title}" if meta.title else "")
        lines = [f"Trang này ghi thông tin về {escape(what)}, chưa có nội dung văn bản."]
        if meta.sources:
            links = "".join(f"<li>{web_link(url)}</li>" for url in meta.sources)
            lines.append("Thông tin về văn bản được công bố tại:</p>"
                         f'<ul class="rx-sources">{links}</ul><p>')
        lines.append("Nếu đơn vị có bản chính thức của văn bản (tệp Word, trang web hoặc bản "
                     "đánh máy), hãy gửi cho người quản lý kho để bổ sung nội dung vào đây.")
        return ('<section class="rx-text" id="noi-dung"><h2>Nội dung</h2>' + _admonition(
            "info", "rx-banner--no-text", "Chưa có nội dung văn bản", " ".join(lines))
            + "</section>")

    # --- the element tree -------------------------------------------------------------

    def _body(self) -> tuple[str, list[dict]]:
        parts, toc = [], []
        for child in self.document.root.children:
            html, entries = self._element(child, 3)
            parts.append(html)
            toc += entries
        return (f'<section class="rx-text" id="noi-dung"><h2>Nội dung</h2>'
                f'{self._original()}'
                '<p class="rx-hint">Bấm vào số của điều, khoản, điểm để sao chép trích dẫn '
                'hoặc lấy liên kết tới đúng chỗ đó.</p>'
                f'{"".join(parts)}</section>'), toc

    def _original(self) -> str:
        original = original_file(self.document)
        if original is None:
            return ""
        href, path = original
        digest = (self.document.meta.source or {}).get("sha256")
        check = (f' <span class="rx-note">SHA-256: <code class="rx-sha">{escape(str(digest))}'
                 '</code></span>' if digest else "")
        return (f'<p class="rx-original"><a href="{escape(href)}" download>Tải văn bản gốc</a> '
                f'<span class="rx-note">({escape(path.suffix.lower().lstrip("."))})</span>'
                f'{check}</p>')

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
        own = []
        if node.addressable:
            citing = self.references.cited_by(self.document, node.eid)
            if citing:       # floats at the end of the first line
                own.append(self._cited_by(citing))
        lines = [self._linked(node, span, first=i == 0) for i, span in enumerate(spans)]
        if head_lines:
            tag = f"h{min(level, 6)}"
            own.append(f'<{tag} class="rx-head">{"<br>".join(lines[:head_lines])}</{tag}>')
        own += [f"<p>{line}</p>" for line in lines[head_lines:]]
        if not spans and node.addressable:
            own.append(f"<p>{self._number(node, '')}</p>")
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

    def _linked(self, node: Node, span: tuple[int, int], first: bool) -> str:
        """One line of the element's text; on its first line, the element's number
        ("Điều 4.", "2.", "a)") becomes its permalink and citation menu."""
        start, end = span
        number = ""
        if first and node.addressable:
            label = _label_length(node, node.text[start:end])
            number = self._number(node, node.text[start:start + label])
            start += label
        return number + linked_html(node.text, start, end, self.references.citations(node),
                                    self.document)

    def _number(self, node: Node, label: str) -> str:
        """The element's number as a link to itself, carrying its formal citation (the
        script offers to copy it); an element without a number gets a mark shown on
        hover and focus only."""
        eid = escape(node.eid)
        citation = escape(formal_citation(self.document, node))
        css = "rx-num" if label.strip() else "rx-num rx-num--mark"     # the mark: CSS only
        return (f'<a class="{css}" href="#{eid}" data-eid="{eid}" data-citation="{citation}" '
                f'title="Trích dẫn, liên kết: {citation}">{escape(label)}</a>')

    def _cited_by(self, citing: list[tuple[Document, Node]], css: str = "") -> str:
        """"Được dẫn chiếu tại 3 chỗ", which opens on the list of links."""
        links = []
        for document, node in citing:
            if document is self.document:
                href, label = (f"#{node.eid}" if node.eid else document.url()), cite_path(node)
            else:
                href, label = document.url(node), document.citation(node)
            links.append(f'<a class="rx-cited-by-link" href="{escape(href)}">{escape(label)}</a>')
        return (f'<details class="rx-cited-by {css}"><summary><span class="rx-cited-by-words">'
                f'Được dẫn chiếu tại </span>{len(citing)} chỗ</summary>'
                f'<p>{"; ".join(links)}</p></details>')


def _label_length(node: Node, line: str) -> int:
    """Characters of the element's label at the start of its first line ("Điều 4. ",
    "a) "); the whole line when it is only a label ("Chương II")."""
    rest = node.body.partition("\n")[0].strip()
    if not rest:
        return len(line)
    if not node.num or not line.endswith(rest):
        return 0
    label = line[:len(line) - len(rest)]
    return len(label.rstrip()) if label.strip() else 0


def _admonition(kind: str, css: str, title: str, body: str) -> str:
    """A material admonition; ``body`` is HTML already escaped by the caller."""
    return (f'<div class="admonition {kind} rx-banner {css}" role="note">'
            f'<p class="admonition-title">{escape(title)}</p><p>{body}</p></div>')
