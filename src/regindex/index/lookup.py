"""Queries that name what they want: a citation, or a document number.

A cadre types into search "khoản 2 điều 4 quy định 01-QĐ/MH", "dieu 12 quy dinh 124",
"k2 Đ4 QĐ 01-QĐ/MH" or "124/QĐ-TW". Such a query is answered first by what it names:
the cited element (read by ``regindex cite``'s own reader, ``parse_citation``, once the
citation words typed without accents or abbreviated are written out), or the documents
with that number, newest first; the ranked search follows.

The browser reads the same queries with the patterns below (shipped by
``regindex.analysis.rules``) over folded text; tests/conformance/citations.json holds
the queries both must read alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..citations import Target, parse_citation
from ..citations.grammar import TYPED
from ..citations.words import ELEMENT_WORDS, TYPE_WORDS
from ..library import number_key
from ..normalise import analysis_form, fold_diacritics

__all__ = ["browser_row", "TYPED_WORDS", "ABBREVIATION_PATTERN", "NUMBER_QUERY_PATTERN", "CITATION_QUERY_PATTERN",
           "citation_text", "cited", "NumberQuery", "number_query", "number_parts"]

TYPED_WORDS: dict[str, str] = {
    **{fold_diacritics(word).lower(): word for word in (*ELEMENT_WORDS, *TYPE_WORDS)},
    "so": "số", "nam": "năm", "ngay": "ngày", "thang": "tháng", "cua": "của",
    "kem theo": "kèm theo", "ban hanh": "ban hành",
}
"""Citation words as typed without accents → as citations write them."""

ABBREVIATIONS: dict[str, str] = {"k": "khoản", "đ": "Điều", "d": "Điều", "qđ": "Quy định",
                                 "qd": "Quy định", "hd": "Hướng dẫn"}
"""Short forms a cadre types: "k2 Đ4 QĐ 01-QĐ/MH" (a letter glued to a number, or a type
code before a number)."""

ABBREVIATION_PATTERN = r"""
    (?<![^\s,])                  # a word of its own
    (?: (?P<level>[kđd]) (?=[0-9]) # "k2", "Đ4": glued to its number
      | (?P<type>qđ|qd|hd) (?=\s+(?:số\s+|so\s+)?[0-9]) )   # "QĐ 01-QĐ/MH", "QĐ 124"
"""
ABBREVIATION = re.compile(ABBREVIATION_PATTERN, re.X | re.I)

NUMBER_QUERY_PATTERN = r"""
    ^\s*
    (?:(?P<kind>[a-z]+(?:\s+[a-z]+)?)\s+)?   # "QĐ 124", "quy dinh 124" (folded, lower)
    (?:so\s+)?                               # "số"
    (?P<serial>[0-9]{1,4}[a-z]?)             # "124", "01", "12a"
    (?:/[0-9]{4})?                           # a state-style year: "45/2019/QH14"
    (?P<codes>(?:\s*[-/–]\s*[a-z][a-z0-9]*)*)  # "/qd-tw", "-hd", "-hd/btc"
    \s*$
"""
NUMBER_QUERY = re.compile(NUMBER_QUERY_PATTERN, re.X)

CODE = re.compile(r"[a-z][a-z0-9]*")

CITATION_QUERY_PATTERN = r"""
    ^\s*
    (?P<elements>(?:(?:diem|khoan|dieu|muc|chuong|phan|phu\s+luc|mau)\s+(?:so\s+)?
                    [0-9a-z.]+\s*,?\s*)+)    # "khoan 2 dieu 4", lowest level first
    (?:cua\s+|kem\s+theo\s+)?
    (?P<type>[a-z]+(?:\s+[a-z]+)?\s+)?       # "quy dinh"
    (?:so\s+)?
    (?P<number>[0-9][0-9a-z./–-]*)           # "01-qd/mh", "124"
    \s*$
"""
"""A citation query in folded form, as the browser reads it (see the module docstring)."""


def citation_text(query: str) -> str:
    """The query as a citation is written: accents on citation words typed without
    them, abbreviations written out ("k2 Đ4 QĐ 01-QĐ/MH" → "khoản 2 Điều 4 Quy định
    01-QĐ/MH"). Other words are left as typed."""
    text = ABBREVIATION.sub(lambda m: ABBREVIATIONS[m[0].lower()] + (" " if m["level"] else ""),
                            " ".join(analysis_form(query).split()))
    words, out, i = text.split(" "), [], 0
    while i < len(words):
        pair = " ".join(words[i:i + 2])
        if i + 1 < len(words) and pair.isascii() and pair.lower() in TYPED_WORDS:
            out.append(TYPED_WORDS[pair.lower()])
            i += 2
        else:
            typed = words[i].lower() if words[i].isascii() else None
            out.append(TYPED_WORDS.get(typed, words[i]))
            i += 1
    return " ".join(out)


def cited(query: str, library) -> list[Target]:
    """The elements (or documents) the query cites when the whole query is one
    resolved citation; [] otherwise. ``library`` may be a function that loads it."""
    text = citation_text(query)
    if not any(char.isdigit() for char in text) or not TYPED.start.search(text):
        return []           # no citation: the library need not even be loaded
    if callable(library):
        library = library()
    found = parse_citation(text, library)
    if len(found) != 1 or not found[0].resolved:
        return []
    citation = found[0]
    rest = (text[:citation.start] + text[citation.end:]).strip(" ,.;:")
    return list(citation.targets) if not rest else []


@dataclass(frozen=True)
class NumberQuery:
    """A document number as typed: "124/QĐ-TW" → serial "124", codes ("qd", "tw")."""

    serial: str
    codes: tuple[str, ...]

    def finds(self, number: str) -> bool:
        """Whether ``number`` has this serial and, in order, codes starting with these."""
        other = number_parts(number)
        if other is None or other.serial.lstrip("0") != self.serial.lstrip("0"):
            return False
        rest = iter(other.codes)
        return all(any(code.startswith(wanted) for code in rest) for wanted in self.codes)


def number_query(query: str) -> NumberQuery | None:
    """The number a query is, or None: "124/QĐ-TW", "43-HD", "QĐ 124", "124"."""
    match = NUMBER_QUERY.match(fold_diacritics(analysis_form(query)).lower())
    if match is None:
        return None
    codes = CODE.findall(match["codes"])
    if match["kind"]:
        kind = match["kind"].split()
        codes.insert(0, kind[0] if len(kind) == 1 else "".join(word[0] for word in kind))
    return NumberQuery(match["serial"], tuple(codes))


def number_parts(number: str) -> NumberQuery | None:
    """A document number's serial and codes: "124-QĐ/TW" → "124", ("qd", "tw")."""
    match = NUMBER_QUERY.match(fold_diacritics(number).lower())
    if match is None or match["kind"]:
        return None
    return NumberQuery(match["serial"], tuple(CODE.findall(match["codes"])))


def browser_row(document, lookup) -> dict:
    """What the browser needs to read citation and number queries of ``document``
    (a row of the site's search index): its number's parts, its aliases folded, the
    addressable elements that have no search record of their own (folded citation →
    element id), whether it has text, and the numbers of what replaced it in turn
    (``lookup`` is ``Library.get``)."""
    from ..model import cite_path
    from ..present import succession
    from .records import records
    recorded = {record.eid for record in records(document)}
    parts = number_parts(document.number)
    return {
        "number": document.number,
        "issued": document.meta.issued.isoformat() if document.meta.issued else None,
        "parts": [parts.serial, list(parts.codes)] if parts else None,
        "aliases": [fold_diacritics(analysis_form(alias)).lower() for alias in document.meta.aliases],
        "elements": [[fold_diacritics(cite_path(node)).lower(), node.eid]
                     for node in document.elements() if node.eid not in recorded],
        "hasText": len(recorded) > 1,
        "succession": [step.ref.number for step in succession(document, lookup)],
    }
