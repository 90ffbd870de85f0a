"""Finding citations: in running text (``find_citations``) and typed (``parse_citation``)."""

from __future__ import annotations

import re
import unicodedata

from ..library import Library
from ..model import Document, Node
from ..parse.parser import PATTERNS
from .citation import Citation
from .grammar import RUNNING_TEXT, TYPED, Grammar
from .reference import Reference, read_reference
from .resolve import Resolver

__all__ = ["find_citations", "parse_citation"]

# Structure labels at the start of a line ("Điều 5.", "Chương II", "Mẫu 01") are the
# element's own heading, not a citation.
HEADINGS = ("part", "chapter", "division", "article", "appendix", "form")
# The header's "Số 01-QĐ/MH" line is the document's own number.
NUMBER_LINE = re.compile(r"[ \t]*Số[ \t]")

_last: Resolver | None = None


def find_citations(text: str, library: Library, current: Document | None = None,
                   node: Node | None = None) -> list[Citation]:
    """Every citation in running text. `current` is the document the text belongs to
    ("Quy định này", bare "Điều 5" — or, in a Hướng dẫn, the regulation it guides);
    `node` the element containing the text ("Điều này", "khoản này")."""
    return _scan(text, RUNNING_TEXT, _resolver(library), current, node, running_text=True)


def parse_citation(text: str, library: Library) -> list[Citation]:
    """A citation typed by a trainer (`regindex cite`), e.g. "điểm a khoản 2 Điều 12 Quy định 124-QĐ/TW"."""
    text = " ".join(unicodedata.normalize("NFC", text).split())
    return _scan(text, TYPED, _resolver(library), None, None, running_text=False)


def _scan(text: str, grammar: Grammar, resolver: Resolver, current: Document | None,
          node: Node | None, *, running_text: bool) -> list[Citation]:
    found = []
    pos = 0
    while start := grammar.start.search(text, pos):
        at = start.start()
        if running_text and (heading := _heading_end(text, at)):
            pos = heading
            continue
        reference = read_reference(text, at, grammar)
        if reference is None:
            pos = at + 1
            continue
        if not (running_text and current is None and _only_this(reference)):
            found.append(resolver.citation(text, reference, current, node))
        pos = reference.end
    return found


def _only_this(reference: Reference) -> bool:
    """"Điều này", "các văn bản này": outside a document (a briefing) these mean the
    text at hand, not a citation."""
    levels = [level for chain in reference.chains for level in chain]
    document = reference.document
    return all(level.this for level in levels) and (document is None or document.this)


def _heading_end(text: str, at: int) -> int | None:
    line_start = text.rfind("\n", 0, at) + 1
    if text[line_start:at].strip():
        return None
    if NUMBER_LINE.match(text, line_start):
        end = text.find("\n", at)
        return end if end != -1 else len(text)
    for kind in HEADINGS:
        if match := PATTERNS[kind].match(text, line_start):
            return match.end()
    return None


def _resolver(library: Library) -> Resolver:
    """The resolver of the last library used: the site resolves every element of every
    document against one library, so its indexes are built once."""
    global _last
    if _last is None or not _last.serves(library):
        _last = Resolver(library)
    return _last
