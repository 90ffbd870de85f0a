"""The fields of the search index, and how a record fills them.

``text`` and ``heading`` hold words (as segmentation finds them) in exact and folded
form: "Đảng viên" → "đảng viên" and, at the same position, "dang vien"; a word with no
diacritics is there once. ``syllables`` holds the folded syllables of both, beside
each its form as written where that differs, and a document number's serial number ("124" for "124-qđ/tw"), for parts of words
and quoted phrases. A field's length is its number of tokens, as Whoosh counted them
(the ranking was tuned on those). What a hit shows is stored whole in ``shown``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..analysis import SEGMENTER, tokenize
from ..analysis.segment import word_form, word_runs
from ..analysis.tokens import canonical_number, fold
from .records import Record
from .store import FORMAT, Row

__all__ = ["SCHEMA_VERSION", "fields", "analysed", "phrase_syllables", "syllable_forms"]

SCHEMA_VERSION = FORMAT
"""Raise ``store.FORMAT`` when the fields or the analysis change: the index is rebuilt."""

SERIAL = re.compile(r"""
    \d+        # the serial number a document number starts with: "124" of "124-QĐ/TW"
""", re.X)


@lru_cache(maxsize=1024)
def analysed(text: str) -> tuple[dict, int, dict, int]:
    """(word term → frequency, word field length, syllable term → frequency, syllable
    field length) of a text, tokenized once (remembered a while: an article's heading
    path is in each of its clauses and points)."""
    tokens = tokenize(text)
    words: dict[str, int] = {}
    word_length = 0
    for run in word_runs(tokens, SEGMENTER.joins(text)):
        exact = word_form(run).lower()
        words[exact] = words.get(exact, 0) + 1
        folded = fold(exact)
        if folded != exact:
            words[folded] = words.get(folded, 0) + 1
            word_length += 1
        word_length += 1
    syllables: dict[str, int] = {}
    syllable_length = 0
    for token in tokens:
        for form in syllable_forms(token):
            syllables[form] = syllables.get(form, 0) + 1
            syllable_length += 1
    return words, word_length, syllables, syllable_length


def syllable_forms(token) -> tuple[str, ...]:
    """Its folded form; beside it, when that differs, its form as written (lower case),
    so that a syllable typed with accents finds only itself ("hôn", not "hơn"); and a
    document number's serial number too."""
    docnumber = token.kind == "docnumber"
    lowered = (canonical_number(token.text) if docnumber else token.text).lower()
    folded = fold(lowered)
    forms = (folded,) if folded == lowered else (folded, lowered)
    return forms + (SERIAL.match(lowered)[0],) if docnumber else forms


def phrase_syllables(heading: str, text: str) -> list[tuple[str, ...]]:
    """The syllable forms of a stored record, in order, for checking a quoted phrase."""
    return [syllable_forms(token) for token in tokenize(f"{heading}\n{text}")]


def fields(record: Record, source: str) -> Row:
    """The stored row of ``record``, which comes from the source ``source``."""
    document, node = record.document, record.node
    meta = document.meta
    text, text_length, syllables, syllables_length = analysed(record.text)
    heading, heading_length, heading_syllables, heading_syllables_length = analysed(
        record.heading)
    syllables = dict(syllables)         # both texts' syllables (a token never spans "\n")
    for form, count in heading_syllables.items():
        syllables[form] = syllables.get(form, 0) + count
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
        lengths=(text_length, heading_length, syllables_length + heading_syllables_length),
    )
