"""How documents and elements are presented to people: Vietnamese labels, dates, and
the JSON records the CLI prints (shared by `show`, `cite`, `search` and the site)."""

from __future__ import annotations

import datetime as dt

from .library.schema import FIELDS
from .model import DocRef, Document, Node

__all__ = ["vi_date", "fact_rows", "document_facts", "element_record", "ref_record"]

UNVERIFIED = "chưa xác minh"


def vi_date(day: dt.date | None) -> str:
    """2025-08-30 → "30/08/2025" (the form Vietnamese texts use)."""
    return f"{day:%d/%m/%Y}" if day else ""


def _refs(refs: list[DocRef]) -> str:
    return "; ".join(f"{ref.number}" + (f", ngày {vi_date(ref.issued)}" if ref.issued else "")
                     for ref in refs)


def fact_rows(document: Document) -> list[tuple[str, str]]:
    """(Vietnamese label, value) rows for the attribute panel; unverified values and
    unknown ones are said to be so, never shown as fact."""
    meta = document.meta
    values = {
        "number": meta.number, "type": meta.type, "title": meta.title, "issuer": meta.issuer,
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
        "slug": document.slug, "number": meta.number, "type": meta.type, "title": meta.title,
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
