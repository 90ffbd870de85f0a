"""What a citation resolves to: ``Citation`` (the text found) and its ``Target``s."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..model import Document, Node
from .grammar import ELEMENT_WORD

__all__ = ["Target", "Citation"]


@dataclass(frozen=True)
class Target:
    """One element (or whole document) a citation points at."""

    number: str | None          # as written in the library, e.g. "124-QĐ/TW"; None if no document identified
    issued: dt.date | None
    eid: str | None             # element id ("dieu-12-khoan-2-diem-a"); None = the whole document
    document: Document | None   # the resolved document, None when unresolved
    resolved: bool              # the document (and, when several match, the element) was
                                # identified unambiguously
    exists: bool                # the element (or document) is present in the knowledge base
    url: str | None             # "<slug>.html#<eid>" or "<slug>.html" (relative, site-root based)
    citation: str               # canonical Vietnamese citation "điểm a khoản 2 Điều 12 Quy định số 124-QĐ/TW"
    status: str | None          # the document's status (in-force / expired / …)
    problem: str | None = None  # Vietnamese reason when unresolved or absent
    candidates: tuple[str, ...] = ()  # ids of the elements an ambiguous citation matches
                                      # ("mục 1.1" when each Phần has one); never guessed

    @property
    def ambiguous(self) -> bool:
        return bool(self.candidates)

    @property
    def node(self) -> Node | None:
        """The cited element when it is in the knowledge base."""
        if self.document is None or not self.exists:
            return None
        return self.document.root if self.eid is None else self.document.get(self.eid)

    def record(self) -> dict:
        """The JSON form (`regindex cite --json`, briefing reports)."""
        return {
            "number": self.number, "issued": self.issued.isoformat() if self.issued else None,
            "eid": self.eid, "url": self.url, "status": self.status,
            "resolved": self.resolved, "exists": self.exists, "citation": self.citation,
            "problem": self.problem, "candidates": list(self.candidates),
        }


@dataclass(frozen=True)
class Citation:
    """A citation found in a text."""

    text: str                   # the exact matched text
    start: int                  # span in the input string
    end: int
    targets: tuple[Target, ...]  # lists and ranges expand to several targets
    problem: str | None         # Vietnamese reason when something is unresolved

    @property
    def resolved(self) -> bool:
        """Every target's document was identified."""
        return all(target.resolved for target in self.targets)

    def target_spans(self) -> list[tuple[Target, int, int]]:
        """Each target with the span of ``text`` that names it, for one link per target:
        "khoản 1, 2 Điều 6" → ("khoản 1", "2 Điều 6"); a range names its ends only
        ("từ Điều 5", "Điều 7"). Joining words (", ", "và", "đến") stay outside."""
        first = self.targets[0]
        starts, cursor = [[first, 0]], 0
        for target in self.targets:
            num = _lowest_number(target)
            if not num:
                continue
            found = re.search(rf"(?:{ELEMENT_WORD}\s+)?(?<![\w/]){re.escape(num)}"
                              r"(?![\w/])", self.text[cursor:])
            if found is None:
                continue
            if target is not first and cursor + found.start() > starts[-1][1]:
                starts.append([target, cursor + found.start()])
            cursor += found.end()
        ends = [start for _, start in starts[1:]] + [len(self.text)]
        spans = []
        for (target, start), end in zip(starts, ends):
            words = self.text[start:end].rstrip()
            joiner = _JOINER.search(words)
            spans.append((target, start, start + (joiner.start() if joiner and joiner.start()
                                                  else len(words))))
        return spans


def _lowest_number(target: Target) -> str | None:
    """The number of the cited element ("5" for "khoản 5 Điều 12 …"), also when the
    element is not in the knowledge base (from its canonical citation)."""
    node = target.node
    if node is not None and node.eid is not None:
        return node.num
    named = _FIRST_LEVEL.match(target.citation) if target.eid else None
    return named["num"] if named else None


_FIRST_LEVEL = re.compile(rf"""
    {ELEMENT_WORD} \s+ (?:số\s+)?      # "Điều", "Phụ lục", "Mẫu số"
    (?P<num> [^\s,]+ )                # its number
    """, re.X)

# What joins the items of a list or range, at the end of an item's words.
_JOINER = re.compile(r"""
    [\s,]* (?: (?:và|hoặc|đến) \s* )? \Z
    """, re.X)
