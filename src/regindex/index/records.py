"""What the index holds: one record per document, and one per addressable unit of text.

A *unit* is the smallest element a citation names that owns text: a point, a clause,
an article without clauses, a guidance section, an appendix or a form, or the
header. Tiết ("- " items) belong to the unit above them. A unit that has units below
it (an article with clauses) gets a record only when it has text besides its heading
(an introductory sentence); its heading goes into the heading path of the units below.
The document record (its number, type, title and aliases) makes documents whose text
has not been imported yet findable too.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Document, Node

__all__ = ["Record", "records", "UNIT_KINDS", "heading_path"]

UNIT_KINDS = frozenset({"header", "article", "clause", "point", "section", "appendix", "form"})
"""Kinds of element that get a search record of their own."""

HEADING_KINDS = frozenset({"part", "chapter", "division", "article", "section", "appendix", "form",
                           "attachment"})
"""Kinds whose heading names what the units inside them are about."""

TITLED_KINDS = frozenset({"article", "appendix", "form"})
"""Kinds whose first line is always a title, never a sentence of the text."""


@dataclass
class Record:
    """One search record (the index's fields, before analysis)."""

    document: Document
    node: Node | None          # None: the document record
    text: str
    heading: str

    @property
    def eid(self) -> str | None:
        return self.node.eid if self.node is not None else None


def records(document: Document) -> list[Record]:
    """The document's records, the document record first, then units in reading order."""
    meta = document.meta
    about = " ".join(filter(None, [document.name, meta.title, *meta.aliases]))
    found = [Record(document, None, about, meta.title or "")]
    for node in document.elements():
        if node.kind in UNIT_KINDS and (text := _own_text(node)) is not None:
            found.append(Record(document, node, text, heading_path(node)))
    return found


def heading_path(node: Node) -> str:
    """The headings of the elements ``node`` is in, outermost first, and its own title:
    "Chương II. TỔ CHỨC, KHAI THÁC … › Điều 7. Xếp loại mức độ khai thác tài liệu".
    A section's first line is its heading only when sections sit below it."""
    own = [node] if node.kind in TITLED_KINDS else []
    chain = [n for n in reversed([*own, *node.ancestors()])
             if n.kind in HEADING_KINDS and n.heading]
    return " › ".join(f"{n.label}. {n.heading}" if n.kind != "section" else n.heading
                      for n in chain)


def _own_text(node: Node) -> str | None:
    """The unit's text with the tiết below it; None when it should have no record."""
    text = node.text + "".join(child.full_text() for child in node.children
                               if child.kind not in UNIT_KINDS)
    has_units = any(child.kind in UNIT_KINDS for child in node.children)
    if has_units and node.heading and not text.strip().partition("\n")[2].strip():
        return None         # only its label and heading, which the units below carry
    return text
