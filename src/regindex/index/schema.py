"""The Whoosh schema of the search index, and how a record fills it.

``text`` and ``heading`` hold words in exact and folded form (``word_analyzer``);
``syllables`` holds the folded syllables of both, with positions, for quoted phrases
and parts of words. What a hit shows is stored whole in ``shown``.
"""

from __future__ import annotations

from whoosh.fields import ID, STORED, TEXT, Schema

from ..analysis import syllable_analyzer, word_analyzer
from .records import Record

__all__ = ["SCHEMA_VERSION", "schema", "fields"]

SCHEMA_VERSION = 2
"""Raise it when the fields or the analysis change: the index is then rebuilt."""

def schema() -> Schema:
    return Schema(
        key=ID(unique=True, stored=True),   # "<slug>#<eid>", "<slug>" for the document
        source=ID,                          # "<source key>@<fingerprint>": see build.py
        slug=ID,
        status=ID,
        kind=ID,
        heading=TEXT(analyzer=word_analyzer(), phrase=False),
        text=TEXT(analyzer=word_analyzer(), phrase=False, stored=True),
        syllables=TEXT(analyzer=syllable_analyzer()),
        shown=STORED,
    )


def fields(record: Record, source: str) -> dict:
    """The field values of ``record``, which comes from the source ``source``."""
    document, node = record.document, record.node
    meta = document.meta
    return {
        "key": f"{document.slug}#{node.eid}" if node is not None else document.slug,
        "source": source,
        "slug": document.slug,
        "status": meta.status or "",
        "kind": node.kind if node is not None else "document",
        "heading": record.heading,
        "text": record.text,
        "syllables": f"{record.heading}\n{record.text}",
        "shown": {
            "number": meta.number,
            "issued": meta.issued.isoformat() if meta.issued else None,
            "slug": document.slug,
            "eid": record.eid,
            "kind": node.kind if node is not None else "document",
            "citation": document.citation(node),
            "url": document.url(node),
            "heading": record.heading,
            "status": meta.status,
            "replaced_by": [{"number": ref.number, "slug": ref.slug,
                             "issued": ref.issued.isoformat() if ref.issued else None}
                            for ref in meta.replaced_by],
            "illustrative": meta.illustrative,
        },
    }
