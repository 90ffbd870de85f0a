"""How documents and elements are presented to people: Vietnamese labels, dates, and
the JSON records the CLI prints (shared by `show`, `cite`, `search` and the site)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

from .library.schema import FIELDS
from .model import DocRef, Document, Node

__all__ = ["vi_date", "fact_rows", "document_facts", "element_record", "ref_record",
           "element_tree", "document_export", "formal_citation", "Succession", "succession",
           "succession_steps", "succession_text"]

UNVERIFIED = "chưa xác minh"


def vi_date(day: dt.date | None) -> str:
    """2025-08-30 → "30/08/2025" (the form Vietnamese texts use)."""
    return f"{day:%d/%m/%Y}" if day else ""


def formal_citation(document: Document, node: Node | None = None) -> str:
    """The citation as a formal text writes it: "điểm a khoản 2 Điều 4 Quy định số
    01-QĐ/MH ngày 15/3/2024 của Ban …" (day and month without a leading zero)."""
    meta, text = document.meta, document.citation(node)
    if meta.issued:
        text += f" ngày {meta.issued.day}/{meta.issued.month}/{meta.issued.year}"
    if meta.issuer:
        text += f" của {meta.issuer}"
    return text


@dataclass(frozen=True)
class Succession:
    """One step of a succession chain: what replaced the document before it."""

    ref: DocRef
    document: Document | None       # None when the successor is not in the library
    verified: bool                  # the replacement is recorded as a verified fact

    @property
    def status(self) -> str | None:
        return self.document.meta.status if self.document else None


def succession(document: Document, lookup: Callable[[DocRef], Document | None]
               ) -> list[Succession]:
    """What replaced ``document``, what replaced that, … up to a document not replaced
    (or not in the library): 132-QĐ/TW → [124-QĐ/TW, 366-QĐ/TW]. ``lookup`` is
    ``Library.get``. Where several documents replaced one, the first recorded is followed."""
    chain: list[Succession] = []
    seen = {document.slug}
    while document.meta.replaced_by:
        ref = document.meta.replaced_by[0]
        successor = lookup(ref)
        verified = "replaced_by" not in document.meta.unverified and not (
            successor is not None and "replaces" in successor.meta.unverified)
        chain.append(Succession(ref, successor, verified))
        if successor is None or successor.slug in seen:
            break
        seen.add(successor.slug)
        document = successor
    return chain


def succession_steps(document: Document, lookup: Callable[[DocRef], Document | None]
                     ) -> list[str]:
    """["124-QĐ/TW (hết hiệu lực)", "366-QĐ/TW (còn hiệu lực)"]: each step of the
    succession with its status, and "chưa xác minh" where the replacement is."""
    steps = []
    for step in succession(document, lookup):
        notes = [step.document.meta.status_label.lower()] if step.document else []
        if not step.verified:
            notes.append(UNVERIFIED)
        steps.append(step.ref.number + (f" ({', '.join(notes)})" if notes else ""))
    return steps


def succession_text(document: Document, lookup: Callable[[DocRef], Document | None]) -> str:
    """"thay thế bởi 124-QĐ/TW (hết hiệu lực) → 366-QĐ/TW (còn hiệu lực)"; "" when
    nothing replaced it."""
    steps = succession_steps(document, lookup)
    return "thay thế bởi " + " → ".join(steps) if steps else ""


def _refs(refs: list[DocRef]) -> str:
    return "; ".join(f"{ref.number}" + (f", ngày {vi_date(ref.issued)}" if ref.issued else "")
                     for ref in refs)


def fact_rows(document: Document) -> list[tuple[str, str]]:
    """(Vietnamese label, value) rows for the attribute panel; unverified values and
    unknown ones are said to be so, never shown as fact."""
    meta = document.meta
    values = {
        "number": meta.number, "name": meta.name, "type": meta.type, "title": meta.title,
        "issuer": meta.issuer,
        "signer": meta.signer, "issued": vi_date(meta.issued),
        "effective": vi_date(meta.effective), "status": meta.status_label if meta.status else "",
        "expired_on": vi_date(meta.expired_on), "checked": vi_date(meta.checked),
        "replaces": _refs(meta.replaces), "replaced_by": _refs(meta.replaced_by),
        "guides": _refs(meta.guides), "guided_by": _refs(meta.guided_by),
        "related": _refs(meta.related),
    }
    rows = []
    for name, value in values.items():
        if name in meta.unverified:
            rows.append((FIELDS[name].label.capitalize(),
                         f"{value} ({UNVERIFIED})" if value else f"({UNVERIFIED})"))
        elif value:
            rows.append((FIELDS[name].label.capitalize(), value))
    return rows


def ref_record(ref: DocRef) -> dict:
    return {"number": ref.number, "issued": ref.issued.isoformat() if ref.issued else None}


def document_facts(document: Document) -> dict:
    meta = document.meta
    return {
        "slug": document.slug, "number": meta.number, "name": document.name,
        "type": meta.type, "title": meta.title,
        "issuer": meta.issuer, "signer": meta.signer,
        "issued": meta.issued.isoformat() if meta.issued else None,
        "effective": meta.effective.isoformat() if meta.effective else None,
        "status": meta.status, "expired_on": meta.expired_on.isoformat() if meta.expired_on else None,
        "checked": meta.checked.isoformat() if meta.checked else None,
        **{name: [ref_record(r) for r in getattr(meta, name)]
           for name in ("replaces", "replaced_by", "guides", "guided_by", "related")},
        "unverified": meta.unverified, "illustrative": meta.illustrative,
        "sources": meta.sources, "url": document.url(),
        "citation": document.citation(), "has_body": document.has_body,
    }


def element_record(document: Document, node: Node) -> dict:
    return {
        "number": document.number,
        "issued": document.meta.issued.isoformat() if document.meta.issued else None,
        "eid": node.eid, "kind": node.kind, "heading": node.heading,
        "citation": document.citation(node), "url": document.url(node),
        "status": document.meta.status, "text": node.full_text(),
    }


def element_tree(node: Node) -> dict:
    """One element and those under it: ``{eid, kind, num, heading, text, children}``;
    ``text`` is what the element itself holds (its label line and what follows up to its
    first child), so the texts of a tree in order give the body back."""
    return {"eid": node.eid, "kind": node.kind, "num": node.num, "heading": node.heading,
            "text": node.text, "children": [element_tree(child) for child in node.children]}


def document_export(document: Document) -> dict:
    """A whole document as data: the facts ``show --json`` prints, plus ``elements``, the
    tree of its body (``regindex export`` and the site's ``<slug>.json``)."""
    return {**document_facts(document),
            "elements": [element_tree(child) for child in document.root.children]}
