"""The fields of the search index, and how a record fills them.

``text`` and ``heading`` hold words (as segmentation finds them) in exact and folded
form: "Đảng viên" → "đảng viên" and, at the same position, "dang vien"; a word with no
diacritics is there once. ``syllables`` holds the folded syllables of both, and a
document number's serial number beside it ("124" for "124-qđ/tw"), for parts of words
and quoted phrases. A field's length is its number of tokens, as Whoosh counted them
(the ranking was tuned on those). What a hit shows is stored whole in ``shown``.
"""

from __future__ import annotations

import re
from collections import Counter

from ..analysis import SEGMENTER, tokenize
from ..analysis.tokens import canonical_number, fold
from .records import Record
from .store import FORMAT, Row

__all__ = ["SCHEMA_VERSION", "fields", "word_terms", "syllable_terms", "phrase_syllables"]

SCHEMA_VERSION = FORMAT
"""Raise ``store.FORMAT`` when the fields or the analysis change: the index is rebuilt."""

SERIAL = re.compile(r"""
    \d+        # the serial number a document number starts with: "124" of "124-QĐ/TW"
""", re.X)


def word_terms(text: str) -> tuple[Counter, int]:
    """(term → frequency, length) of a word field."""
    counts: Counter = Counter()
    length = 0
    for word in SEGMENTER.words(text):
        exact = word.text.lower()
        counts[exact] += 1
        folded = fold(exact)
        if folded != exact:
            counts[folded] += 1
            length += 1
        length += 1
    return counts, length


def syllable_forms(text: str) -> list[tuple[str, ...]]:
    """The forms each syllable token of ``text`` is indexed as, in order: its folded
    form, and a document number's serial number too."""
    forms = []
    for token in tokenize(text):
        if token.kind == "docnumber":
            lowered = canonical_number(token.text).lower()
            forms.append((fold(lowered), SERIAL.match(lowered)[0]))
        else:
            forms.append((fold(token.text.lower()),))
    return forms


def syllable_terms(text: str) -> tuple[Counter, int]:
    """(term → frequency, length) of the ``syllables`` field."""
    counts: Counter = Counter()
    length = 0
    for forms in syllable_forms(text):
        counts.update(forms)
        length += len(forms)
    return counts, length


def phrase_syllables(record_heading: str, record_text: str) -> list[tuple[str, ...]]:
    """The syllable forms of a stored record, in order, for checking a quoted phrase."""
    return syllable_forms(f"{record_heading}\n{record_text}")


def fields(record: Record, source: str) -> Row:
    """The stored row of ``record``, which comes from the source ``source``."""
    document, node = record.document, record.node
    meta = document.meta
    text, text_length = word_terms(record.text)
    heading, heading_length = word_terms(record.heading)
    syllables, syllables_length = syllable_terms(f"{record.heading}\n{record.text}")
    return Row(
        key=f"{document.slug}#{node.eid}" if node is not None else document.slug,
        slug=document.slug,
        status=meta.status or "",
        kind=node.kind if node is not None else "document",
        heading=record.heading,
        text=record.text,
        shown={
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
        terms=(text, heading, syllables),
        lengths=(text_length, heading_length, syllables_length),
    )
