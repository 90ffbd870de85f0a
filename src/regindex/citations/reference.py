"""Reading a citation: text → ``Reference`` (what was cited, not yet looked up).

A reference is one or more *chains* of element levels, lowest first ("điểm a khoản 2
Điều 12" is point a → clause 2 → article 12), optionally followed by the document they
belong to. A level holds several numbers for lists and ranges ("khoản 1, 2",
"từ Điều 5 đến Điều 8"), or none for a self reference ("Điều này"). A chain that stops
short borrows the higher levels of the chain after it: in "khoản 1 và khoản 2 Điều 3"
both clauses belong to Điều 3.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from ..vocabulary import POINT_LETTERS
from .grammar import Grammar
from .words import CITED_PARENTS, MAX_TARGETS

__all__ = ["Level", "CitedDocument", "Reference", "read_reference"]


@dataclass(frozen=True)
class Level:
    kind: str                       # "article", "clause", "point", "section" … (KINDS)
    nums: tuple[str, ...] = ()      # numbers as written; () for "này"

    @property
    def this(self) -> bool:
        return not self.nums


@dataclass(frozen=True)
class CitedDocument:
    """The document part of a citation, as written."""

    type: str | None = None         # "Quy định" …; None for a bare number
    number: str | None = None       # "124-QĐ/TW"
    short: str | None = None        # "124" in "Quy định 124" (looked up in aliases)
    this: bool = False              # "Quy định này"
    issued: dt.date | None = None
    year: int | None = None         # "… năm 2023"
    name: str | None = None         # a document cited by name only ("Điều lệ Đảng")
    problem: str | None = None      # e.g. a date that does not exist
    attachment: str | None = None   # "Quy chế" in "Quy chế ban hành kèm theo Quyết định …"

    @property
    def written(self) -> str:
        """How the citation names it: "Quy định số 124-QĐ/TW", "Chỉ thị 05"."""
        if self.name:
            return self.name
        if self.this:
            return f"{self.type} này"
        if self.short:
            return f"{self.type} {self.short}"
        return f"{self.type or 'văn bản'} số {self.number}"


@dataclass(frozen=True)
class Reference:
    start: int
    end: int
    chains: tuple[tuple[Level, ...], ...]   # each lowest level first; () = the whole document
    document: CitedDocument | None
    problem: str | None = None              # a list or range that cannot be expanded


@dataclass
class _Chain:
    levels: list[Level]
    start: int
    end: int


def read_reference(text: str, pos: int, grammar: Grammar) -> Reference | None:
    """The citation starting at ``pos``, or None when there is none."""
    problems: list[str] = []
    chains: list[_Chain] = []
    chain = _read_chain(text, pos, grammar, problems)
    while chain is not None:
        chains.append(chain)
        separator = grammar.chain_separator.match(text, chain.end)
        chain = separator and _read_chain(text, separator.end(), grammar, problems)
    if chains:
        start, end = chains[0].start, chains[-1].end
        document, end = _read_cited_document(text, end, grammar)
        levels = _share_levels([c.levels for c in chains])
    else:
        document, end = _read_attached(text, pos, grammar)
        if document is None:
            return None
        start, levels = pos, [[]]
    return Reference(start, end, tuple(tuple(c) for c in levels), document,
                     "; ".join(problems) or None)


def _read_chain(text: str, pos: int, grammar: Grammar, problems: list[str]) -> _Chain | None:
    match = grammar.level.match(text, pos)
    if match is None:
        return None
    kind = grammar.kind(match["word"])
    if match["this"]:
        return _Chain([Level(kind)], match.start("word"), match.end()) if not match["from"] else None
    if not grammar.fits(kind, match["num"]):
        return None
    nums = [match["num"]]
    start = match.start("many") if match["many"] else match.start("word")
    end = match.end()
    while (more := grammar.more.match(text, end)) and _same_kind(more, kind, grammar):
        nums.append(more["num"])
        end = more.end()
    if len(nums) == 1 and (until := grammar.until.match(text, end)) and _same_kind(until, kind, grammar):
        nums = _expand(kind, nums[0], until["num"], problems)
        start, end = match.start(), until.end()
    levels = [Level(kind, tuple(nums))]
    while (upper := grammar.upper.match(text, end)):
        above = grammar.kind(upper["word"])
        if above not in CITED_PARENTS[levels[-1].kind]:
            break
        if upper["this"]:
            levels.append(Level(above))
            end = upper.end()
            break
        if not grammar.fits(above, upper["num"]):
            break
        levels.append(Level(above, (upper["num"],)))
        end = upper.end()
    return _Chain(levels, start, end)


def _same_kind(match: re.Match, kind: str, grammar: Grammar) -> bool:
    return (match["word"] is None or grammar.kind(match["word"]) == kind) \
        and grammar.fits(kind, match["num"])


def _expand(kind: str, first: str, last: str, problems: list[str]) -> list[str]:
    """"5" … "8" → 5, 6, 7, 8; "a" … "đ" → a, b, c, d, đ; "1.1" … "1.3"; "01" … "03"."""
    if kind == "point" and first in POINT_LETTERS and last in POINT_LETTERS:
        i, j = POINT_LETTERS.index(first), POINT_LETTERS.index(last)
        nums = POINT_LETTERS[i:j + 1]
    else:
        head, _, a = first.rpartition(".")
        head_b, _, b = last.rpartition(".")
        if not (a.isdigit() and b.isdigit() and head == head_b):
            problems.append(f"không hiểu khoảng từ {first} đến {last}")
            return [first, last]
        prefix = f"{head}." if head else ""
        width = len(a) if a.startswith("0") else 1
        nums = [f"{prefix}{n:0{width}d}" for n in range(int(a), int(b) + 1)]
    if not nums:
        problems.append(f"khoảng từ {first} đến {last} bị ngược")
        return [first, last]
    if len(nums) > MAX_TARGETS:
        problems.append(f"khoảng từ {first} đến {last} quá dài (quá {MAX_TARGETS} phần tử)")
        return [first, last]
    return nums


def _share_levels(chains: list[list[Level]]) -> list[list[Level]]:
    """Give a short chain the higher levels of the chain after it: in "điểm a khoản 1 và
    điểm b khoản 2 Điều 3" both points belong to Điều 3."""
    shared = [list(chains[-1])]
    for chain in reversed(chains[:-1]):
        after = shared[0]
        top = chain[-1].kind
        same = next((i for i, level in enumerate(after) if level.kind == top), None)
        extra = after[same + 1:] if same is not None and not chain[-1].this else []
        shared.insert(0, chain + extra)
    return shared


def _read_cited_document(text: str, pos: int, grammar: Grammar) -> tuple[CitedDocument | None, int]:
    """The document after the elements: "… Quy định số 124-QĐ/TW", "… Điều lệ Đảng"."""
    connector = grammar.connector.match(text, pos)
    if connector is None:
        return None, pos
    document, end = _read_attached(text, connector.end(), grammar)
    if document is not None:
        return document, end
    if named := grammar.unnumbered.match(text, connector.end()):
        return CitedDocument(name=" ".join(named["name"].split())), named.end()
    return None, pos


def _read_attached(text: str, pos: int, grammar: Grammar) -> tuple[CitedDocument | None, int]:
    """A document, or an instrument it issues: "Quy chế ban hành kèm theo Quyết định số …"."""
    if (attached := grammar.attached.match(text, pos)) is not None:
        document, end = _read_document(text, attached.end(), grammar)
        if document is not None:
            return replace(document, attachment=" ".join(attached["attached"].split())), end
    return _read_document(text, pos, grammar)


def _read_document(text: str, pos: int, grammar: Grammar) -> tuple[CitedDocument | None, int]:
    match = grammar.document.match(text, pos)
    if match is None or (match["type"] is None and not match["number"]):
        return None, pos
    kind = " ".join(match["type"].split()) if match["type"] else None
    issued, problem = _date(match)
    return CitedDocument(
        type=kind, number=match["number"], short=match["short"], this=bool(match["this"]),
        issued=issued, year=int(match["year_only"]) if match["year_only"] else None,
        problem=problem), match.end()


def _date(match: re.Match) -> tuple[dt.date | None, str | None]:
    day, month, year = (match["day"] or match["day_"], match["month"] or match["month_"],
                        match["year"] or match["year_"])
    if not day:
        return None, None
    try:
        return dt.date(int(year), int(month), int(day)), None
    except ValueError:
        return None, f"ngày {day}/{month}/{year} không có thật"

