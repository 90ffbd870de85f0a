"""Cross references of a whole library: the citations in every element's text, found
once per build, and their inversion (which elements cite a given element or document).

``CrossReferences`` is the only caller of ``find_citations`` on the site side, and
``linked_html`` the only place that turns citations into links.
"""

from __future__ import annotations

from collections import defaultdict
from html import escape

from ..citations import Citation, Target, find_citations
from ..library import Library
from ..model import Document, Node

__all__ = ["CrossReferences", "linked_html"]


class CrossReferences:
    """What each element cites, and who cites each (document, element id)."""

    def __init__(self, library: Library):
        self.found: dict[Node, list[Citation]] = {}
        self._cited_by: dict[tuple[str, str | None], list[tuple[Document, Node]]] = \
            defaultdict(list)
        for document in library.documents:
            for node in document.root.walk():
                if node.text.strip():
                    self._scan(library, document, node)

    def _scan(self, library: Library, document: Document, node: Node) -> None:
        citations = find_citations(node.text, library, current=document, node=node)
        self.found[node] = citations
        for citation in citations:
            for target in citation.targets:
                if not (target.resolved and target.exists) or target.document is None:
                    continue
                if target.document is document and (target.eid is None or target.eid == node.eid):
                    continue    # "Quy định này", or an element naming itself: not a reference
                citing = self._cited_by[(target.document.slug, target.eid)]
                if (document, node) not in citing:
                    citing.append((document, node))

    def citations(self, node: Node) -> list[Citation]:
        return self.found.get(node, [])

    def cited_by(self, document: Document, eid: str | None = None) -> list[tuple[Document, Node]]:
        """Elements citing ``eid`` of ``document`` (the whole document when None)."""
        return self._cited_by.get((document.slug, eid), [])


def linked_html(text: str, start: int, end: int, citations: list[Citation],
                current: Document) -> str:
    """``text[start:end]`` escaped, each citation wholly inside it turned into links.

    A resolved target present in the library becomes a link to its anchor (each target
    of a list or range on the words that name it); a known document without that element links to the document page;
    anything unresolved stays plain text with the reason as a hint."""
    parts, position = [], start
    for citation in sorted(citations, key=lambda c: c.start):
        if citation.start < position or citation.end > end:
            continue        # spills over a line: leave it as text rather than cut a link
        parts.append(escape(text[position:citation.start]))
        parts.append(_citation_html(citation, current))
        position = citation.end
    parts.append(escape(text[position:end]))
    return "".join(parts)


def _citation_html(citation: Citation, current: Document) -> str:
    words = citation.text
    if not citation.targets or not all(t.resolved for t in citation.targets):
        hint = citation.problem or "không xác định được văn bản hoặc phần tử được dẫn chiếu"
        return (f'<span class="rx-ref rx-ref--unresolved" title="{escape(hint)}">'
                f'{escape(words)}</span>')
    parts, at = [], 0
    for target, start, end in citation.target_spans():
        parts += [escape(words[at:start]), _link(target, current, escape(words[start:end]))]
        at = end
    return "".join(parts) + escape(words[at:])


def _link(target: Target, current: Document, words: str) -> str:
    document = target.document
    classes = ["rx-ref"]
    hint = target.citation
    if document is not None and document.meta.status in ("expired", "partly-expired"):
        classes.append("rx-ref--expired")
        hint += f" ({document.meta.status_label.lower()})"
    if target.exists:
        href = f"#{target.eid}" if document is current and target.eid else target.url
    else:
        classes.append("rx-ref--missing")
        hint += " — " + (target.problem or "phần tử này chưa có trong kho")
        href = document.url()
    # Every page sits at the site root, so a site-root URL is also page-relative.
    return (f'<a class="{" ".join(classes)}" href="{escape(href)}" title="{escape(hint)}">'
            f'{words}</a>')
