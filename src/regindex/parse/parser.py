"""Lossless structure parser: normalised body text → Node tree.

The parser reads line by line. A line that opens a structural element (by the
patterns below, in the context of what is open) starts a new Node; any other line
is appended to the element opened last. Every character therefore lands in exactly
one node, and ``root.full_text()`` reassembles the body byte for byte.

Numbering problems (duplicates, gaps, out of order) never stop the parse: they are
recorded as diagnostics for ``regindex check``; a duplicate id gets a "-2" suffix so
that ids stay unique within a document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Diagnostic, Node
from ..normalise import analysis_form
from ..ids import element_id, roman_to_int
from ..vocabulary import KINDS, POINT_LETTERS, SIGNATURE_MARKERS

__all__ = ["parse_body", "Parse"]

# One pattern per structural kind; each matches at the start of a line.
PATTERNS: dict[str, re.Pattern] = {
    "part": re.compile(r"""
        [ \t]*(?:PHẦN|Phần)[ \t]+
        (?P<num>THỨ[ \t]+\w+|thứ[ \t]+\w+|[IVXLC]+|\d+)    # "PHẦN THỨ NHẤT", "Phần I"
        \b(?![^\n]*\bnày)                                # not "Phần I này …" in a sentence
        """, re.X),
    "roman": re.compile(r"""
        [ \t]*(?P<num>[IVXLC]+)[ \t]*[-.–][ \t]*           # "II- " or "II. "
        (?P<title>\S[^\n]*)                              # its heading (upper case: see classify)
        """, re.X),
    "chapter": re.compile(r"""
        [ \t]*(?:CHƯƠNG|Chương)[ \t]+
        (?P<num>[IVXLC]+|\d+)\b                          # "Chương II"
        (?![ \t]*(?:này|của|quy|Bộ|Luật))                # not a reference in prose
        """, re.X),
    "division": re.compile(r"""
        [ \t]*(?:MỤC|Mục)[ \t]+(?P<num>\d+)                # "Mục 1" inside a Chương
        [ \t]*(?:[.:\-–][ \t]*|$)
        """, re.X | re.M),
    "article": re.compile(r"""
        [ \t]*(?:Điều|ĐIỀU)[ \t]+
        (?P<num>\d+[a-zđ]?)                             # "Điều 12", "Điều 12a"
        [ \t]*[.:]                                       # its dot or colon
        """, re.X),
    "clause": re.compile(r"""
        [ \t]*(?P<num>\d+)\.(?=[ \t])                    # "2. " inside an article
        """, re.X),
    "section": re.compile(r"""
        [ \t]*(?P<num>\d+(?:\.\d+)*)\.(?=[ \t])          # "1. ", "1.2. "
      | [ \t]*(?P<num2>\d+(?:\.\d+)+)(?=[ \t])           # "1.2 " (no final dot)
        """, re.X),
    "point": re.compile(r"""
        [ \t]*(?P<num>[a-zđ])\)(?=[ \t])                 # "a) ", "đ) "
        """, re.X),
    "indent": re.compile(r"""
        [ \t]*(?P<num>[-+–•])(?=[ \t])                   # "- " (and "+ " one level down)
        """, re.X),
    "appendix": re.compile(r"""
        [ \t]*(?:PHỤ[ \t]+LỤC(?P<upper>)|Phụ[ \t]+lục(?=[ \t]+(?:số[ \t]+)?[0-9IVX]+[A-Za-z]?[ \t]*(?:[.:\-–]|$)))
        (?:[ \t]+(?:số[ \t]+)?(?P<num>[0-9IVX]+[A-Za-z]?)\b)?  # "PHỤ LỤC 1", "Phụ lục số 2"
        """, re.X | re.M),
    "form": re.compile(r"""
        [ \t]*(?:MẪU|Mẫu)[ \t]+(?:số[ \t]+)?
        (?P<num>\d+[A-Za-z]?)                            # "Mẫu 02A", "Mẫu số 1"
        [ \t]*(?:[.:\-–]|$)
        """, re.X | re.M),
}

# Which kinds may hold which (the parser pops open elements until one fits).
PARENTS: dict[str, tuple[str, ...]] = {
    "header": ("document",),
    "part": ("document",),
    "chapter": ("document", "part"),
    "division": ("chapter",),
    "article": ("document", "part", "chapter", "division"),
    "clause": ("article",),
    "section": ("document", "part", "appendix", "form", "section"),
    "point": ("clause", "article", "section", "appendix", "form"),
    "indent": ("point", "clause", "article", "section", "appendix", "form", "indent"),
    "appendix": ("document",),
    "form": ("document",),
    "signature": ("document",),
}

# Kinds whose ids start a new scope (numbered through the whole text).
ROOT_SCOPED = {"part", "chapter", "article", "appendix", "form", "header", "signature"}


def parse_body(text: str) -> "Parse":
    """Parse a normalised body into a tree (``Parse.root``) plus diagnostics."""
    parse = Parse()
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        parse.feed(line, number)
    parse.finish()
    return parse


@dataclass
class Parse:
    """The state of one document's parse (made per document; nothing is shared)."""

    root: Node = field(default_factory=lambda: Node("document"))
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def __post_init__(self):
        self.stack: list[Node] = [self.root]
        self.ids: set[str] = set()
        self.in_signature = False
        self.last_article: Node | None = None   # articles are numbered through the text

    # -- reading -------------------------------------------------------------------
    def feed(self, line: str, number: int) -> None:
        opened = self.classify(analysis_form(line))   # "Ðiều 5" (eth) opens Điều 5 too
        if opened is None:
            self.current.text += line
            return
        node = Node(*opened, text=line, line=number)
        if any(self.fits(node, open_node) for open_node in self.stack):
            self.open(node)
        else:                       # e.g. a "- " line right under a Chương heading
            self.current.text += line

    @property
    def current(self) -> Node:
        return self.stack[-1]

    def classify(self, line: str) -> tuple[str, str | None] | None:
        """The (kind, number) this line opens, or None for a continuation line."""
        if not line.strip():
            return None
        for kind in ("appendix", "form"):
            if match := PATTERNS[kind].match(line):
                self.in_signature = False
                return kind, match.group("num")
        if self.in_signature:
            return None
        if line.lstrip().startswith(SIGNATURE_MARKERS) and self.has_content():
            self.in_signature = True
            return "signature", None
        for kind in ("part", "chapter", "article"):
            if match := PATTERNS[kind].match(line):
                return kind, match.group("num")
        if (match := PATTERNS["roman"].match(line)) and _is_upper(match.group("title")):
            return "part", match.group("num")
        if self.inside("chapter") and (match := PATTERNS["division"].match(line)):
            return "division", match.group("num")
        if self.inside("article"):
            if match := PATTERNS["clause"].match(line):
                return "clause", match.group("num")
        elif match := PATTERNS["section"].match(line):
            return "section", (match.group("num") or match.group("num2"))
        if self.current.kind not in ("document", "header"):
            if match := PATTERNS["point"].match(line):
                return "point", match.group("num")
            if match := PATTERNS["indent"].match(line):
                return "indent", match.group("num")
        if self.current.kind == "document":
            return "header", None
        return None

    def inside(self, kind: str) -> bool:
        return any(node.kind == kind for node in self.stack)

    def has_content(self) -> bool:
        return any(node.kind not in ("header",) for node in self.root.children)

    # -- building ------------------------------------------------------------------
    def open(self, node: Node) -> None:
        while not self.fits(node, self.current):
            self.stack.pop()
        parent = self.current
        if node.kind == "indent":    # tiết have no number of their own: count them
            node.num = str(sum(1 for sibling in parent.children if sibling.kind == "indent") + 1)
        self.check_order(node, parent)
        node.parent = parent
        node.eid = self.unique(self.make_id(node, parent), node)
        parent.children.append(node)
        self.stack.append(node)

    def fits(self, node: Node, parent: Node) -> bool:
        if parent.kind not in PARENTS[node.kind]:
            return False
        if node.kind == "section" and parent.kind == "section":
            return node.num.startswith(parent.num + ".")      # "1.2" sits under "1"
        if node.kind == "indent" and parent.kind == "indent":
            return _marker(parent) == "-" and _marker(node) == "+"   # "+" sits under "-"
        return True

    def make_id(self, node: Node, parent: Node) -> str:
        if node.kind == "header":
            return "mo-dau"
        if node.kind == "signature":
            return "ky-ban-hanh"
        return element_id(KINDS[node.kind].prefix, node.num, self.scope_of(node, parent))

    @staticmethod
    def scope_of(node: Node, parent: Node) -> str | None:
        """The id this element's id extends ("dieu-12" for its khoản). Sections skip
        their parent sections: "1.2." already carries its parent's number."""
        if node.kind in ROOT_SCOPED:
            return None
        if node.kind == "section":
            while parent.kind == "section":
                parent = parent.parent
        return parent.eid

    def unique(self, eid: str, node: Node) -> str:
        if eid not in self.ids:
            self.ids.add(eid)
            return eid
        self.diagnostics.append(Diagnostic(
            "error", f"trùng {node.label} (mã {eid})", line=node.line,
            hint="Kiểm tra lại số thứ tự: mỗi Điều, khoản, điểm chỉ được đánh số một lần."))
        n = 2
        while f"{eid}-{n}" in self.ids:
            n += 1
        self.ids.add(f"{eid}-{n}")
        return f"{eid}-{n}"

    def check_order(self, node: Node, parent: Node) -> None:
        """Warn on numbering that skips or goes backwards (gaps, "đ" before "d")."""
        if node.kind in ("indent", "header", "signature", "appendix", "form") or not node.num:
            return
        if node.kind == "article":
            before, self.last_article = self.last_article, node
        else:
            before = next((n for n in reversed(parent.children) if n.kind == node.kind), None)
        if before is None:
            expected_first = _ordinal(node.kind, _first_num(node.kind, parent))
            if expected_first is not None and _ordinal(node.kind, node.num) not in (expected_first, None):
                self._warn_order(node, "không bắt đầu từ số đầu tiên")
            return
        last, here = _ordinal(node.kind, before.num), _ordinal(node.kind, node.num)
        if last is None or here is None or here in (last, last + 1):
            return                  # a repeat is reported as a duplicate id instead
        what = "đánh số lùi hoặc sai thứ tự" if here <= last else "đánh số bị nhảy cóc"
        self._warn_order(node, f"{what} (sau {before.label})")

    def _warn_order(self, node: Node, what: str) -> None:
        self.diagnostics.append(Diagnostic(
            "warning", f"{node.label} {what}", line=node.line,
            hint="Đối chiếu với văn bản gốc; nếu văn bản gốc đúng như vậy thì bỏ qua cảnh báo này."))

    def finish(self) -> None:
        self.stack = [self.root]


def _marker(node: Node) -> str:
    return node.text.lstrip()[:1]


def _is_upper(title: str) -> bool:
    """A Roman part heading is written in capitals ("II- CHỨC NĂNG, NHIỆM VỤ")."""
    return title == title.upper() and any(c.isalpha() for c in title)


def _first_num(kind: str, parent: Node) -> str | None:
    if kind == "section":
        return f"{parent.num}.1" if parent.kind == "section" else "1"
    return {"article": "1", "clause": "1", "point": "a", "chapter": "I", "division": "1"}.get(kind)


def _ordinal(kind: str, num: str | None) -> int | None:
    """A comparable position for a number as written, or None when not comparable."""
    if num is None:
        return None
    if kind == "point":
        return POINT_LETTERS.index(num) if num in POINT_LETTERS else None
    if kind == "section":
        return int(num.rsplit(".", 1)[-1])
    if kind in ("chapter", "part"):
        value = roman_to_int(num)
        return value if value is not None else (int(num) if num.isdigit() else None)
    digits = re.match(r"\d+", num)
    return int(digits.group()) if digits else None
