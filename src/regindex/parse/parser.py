"""Lossless structure parser: normalised body text → Node tree.

The parser reads line by line. A line that opens a structural element (by the
patterns below, in the context of what is open) starts a new Node; any other line
is appended to the element opened last. Every character therefore lands in exactly
one node, and ``root.full_text()`` reassembles the body byte for byte.

Numbering problems (duplicates, gaps, out of order) never stop the parse: they are
recorded as diagnostics for ``regindex check``; a duplicate id gets a "-2" suffix so
that ids stay unique within a document. The official numbering is never an error: a
duplicate is a number the text repeats in the same scope (sections restarting in each
Phần, or an attached Quy chế's own Điều 1, are not).

Besides the main structure: instruments issued "kèm theo" the document are parsed as
``attachment`` sub-documents; the signature block ends where structure resumes; whatever
sits in a Phụ lục or Mẫu (a sample decision with its "Điều 1." and signature) stays in
it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Diagnostic, Node
from ..normalise import analysis_form
from ..ids import attachment_id, element_id, roman_to_int
from ..vocabulary import (ATTACHMENT_TYPES, KINDS, POINT_LETTERS, SIGNATURE_MARKERS,
                          SIGNING_TITLES)

__all__ = ["parse_body", "Parse"]

# One pattern per structural kind; each matches at the start of a line.
PATTERNS: dict[str, re.Pattern] = {
    "part": re.compile(r"""
        [ \t]*(?:PHẦN|Phần)[ \t]+
        (?P<num>THỨ[ \t]+\w+|thứ[ \t]+\w+|[IVXLC]+|\d+)    # "PHẦN THỨ NHẤT", "Phần I"
        \b(?![^\n]*\bnày)                                # not "Phần I này …" in a sentence
        """, re.X),
    "roman": re.compile(r"""
        [ \t]*(?P<num>[IVXLC]+)[ \t]*[-.–/)][ \t]*        # "II- ", "II. ", "II/ ", "II) "
        (?P<title>\S[^\n]*)                              # its heading (case: see roman_part)
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
        [ \t]*(?:PHỤ[ \t]+LỤC(?P<upper>)|Phụ[ \t]+lục(?=[ \t]+(?:(?:số|Số|SỐ)[ \t]+)?[0-9IVX]+[A-Za-z]?[ \t]*(?:[.:\-–/]|$)))
        (?:[ \t]+(?:(?:số|Số|SỐ)[ \t]+)?(?P<num>[0-9IVX]+[A-Za-z]?)\b)?  # "PHỤ LỤC 1", "Phụ lục số 2", "PHỤ LỤC SỐ 3"
        """, re.X | re.M),
    "form": re.compile(r"""
        [ \t]*(?:MẪU|Mẫu)[ \t]+(?:(?:số|Số|SỐ)[ \t]+)?  # "Mẫu số 1", "MẪU SỐ 1"
        (?P<num>\d+[A-Za-z]?)                            # "Mẫu 02A"
        [ \t]*(?:[.:\-–/]|$)                              # "Mẫu 01.", "Mẫu 01-KĐ", "Mẫu 01/HD"
        """, re.X | re.M),
}

# Which kinds may hold which (the parser pops open elements until one fits).
PARENTS: dict[str, tuple[str, ...]] = {
    "header": ("document", "attachment"),
    "part": ("document", "attachment"),
    "chapter": ("document", "attachment", "part"),
    "division": ("chapter",),
    "article": ("document", "attachment", "part", "chapter", "division"),
    "clause": ("article",),
    "section": ("document", "attachment", "part", "appendix", "form", "section"),
    "point": ("clause", "article", "section", "appendix", "form"),
    "indent": ("point", "clause", "article", "section", "appendix", "form", "indent"),
    "appendix": ("document", "attachment"),
    "form": ("document", "attachment"),
    "signature": ("document", "attachment"),
}

# Kinds whose ids start a new scope (numbered through the whole text, or through the
# attached instrument they are in).
ROOT_SCOPED = {"part", "chapter", "article", "appendix", "form", "header", "signature"}

# Kinds whose content stays inside them: a sample decision's "Điều 1." or a sample
# signature in a Mẫu is text of the form, never the document's structure.
ENCLOSING = ("appendix", "form")

# The title of an instrument issued with the document: its type in capitals, alone or
# followed by its subject ("QUY CHẾ", "QUY CHẾ LÀM VIỆC …").
ATTACHMENT_TITLE = re.compile(r"""
    [ \t]*(?P<type>{types})                              # "QUY CHẾ", "ĐIỀU LỆ" …
    (?:[ \t]*$|[ \t]+\S)                                # the whole word
    """.format(types="|".join(word.replace(" ", r"[ \t]+")
                              for word in sorted(ATTACHMENT_TYPES, key=len, reverse=True))), re.X)

# "(Ban hành kèm theo Quyết định số …)": confirms the title above it.
ISSUED_WITH = re.compile(r"""
    [ \t]*[(\[]?[ \t]*                                    # usually in parentheses
    (?:[Bb]an[ \t]+hành[ \t]+(?:kèm[ \t]+)?theo         # "Ban hành kèm theo", "Ban hành theo"
      | [Kk]èm[ \t]+theo)(?!\w)                           # "Kèm theo"
    """, re.X)

# How far below its title the "kèm theo" line may be (the title may run over lines).
ISSUED_WITH_WITHIN = 6

# Letterhead lines that open an attached instrument above its title ("ĐẢNG BỘ TỈNH …",
# "BAN THƯỜNG VỤ", "*", "-----"), in capitals; see ``_letterhead``.
ISSUING_BODY = re.compile(r"""
    [*\-–—_=. \t]+$                                        # "*", "-----"
  | [^\n]*\b(?:ĐẢNG|BAN|ỦY|UỶ|TRUNG[ \t]+ƯƠNG|TỈNH|THÀNH|HUYỆN|BỘ|CHÍNH[ \t]+PHỦ|
             QUỐC[ \t]+HỘI|CỘNG[ \t]+HÒA|CỘNG[ \t]+HOÀ|VĂN[ \t]+PHÒNG|HỘI[ \t]+ĐỒNG|
             SỞ|CỤC|HỌC[ \t]+VIỆN|TRƯỜNG)\b                 # an issuing body
    """, re.X)

# Other lines of a letterhead: its number, place and date, the state motto.
NUMBER_DATE_MOTTO = re.compile(r"[ \t]*(?:Số\b|[^\n]*ngày[^\n]*tháng[^\n]*năm|Độc[ \t]+lập)")

# Signing titles ("PHÓ TRƯỞNG BAN", "CHỦ TỊCH QUỐC HỘI"): they open the signature block
# when a name follows (``_signing_title``), and are never letterhead.
SIGNING_TITLE = re.compile(r"[ \t]*(?:{titles})\b".format(titles="|".join(
    title.replace(" ", r"[ \t]+") for title in sorted(SIGNING_TITLES, key=len, reverse=True))))

# "(Đã ký)", "(ký tên, đóng dấu)", "[đã ký]": the signature itself, between title and name.
SIGNED = re.compile(r"[ \t]*[(\[][^)\]\n]*ký[^)\]\n]*[)\]][ \t]*$", re.I)

# How far below its title an attached instrument's first Chương or Điều may be, when no
# "kèm theo" line confirms it.
RESTART_WITHIN = 8


# Chương, Điều and khoản inside a line (``run_in_pieces``).
RUN_IN = re.compile(r"""
    (?<=[ \t])(?:
        (?:Chương|CHƯƠNG)[ \t]+(?P<chapter>[IVXLC]+)(?=[ \t])  # "Chương II NGUYÊN TẮC …"
      | (?:Điều|ĐIỀU)[ \t]+(?P<article>\d+)\.(?=[ \t])         # "Điều 12. "
      | (?P<clause>\d+)\.(?=[ \t])                             # "2. Công dân …"
    )""", re.X)


def parse_body(text: str) -> "Parse":
    """Parse a normalised body into a tree (``Parse.root``) plus diagnostics.

    Instruments issued with the document (``attachment_starts``) are parsed on their own,
    each into an ``attachment`` node under the root; ids are given once the whole tree is
    known (``assign_ids``: whether sections restart in each Phần decides their scope)."""
    lines, forms, numbers = [], [], []
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        form = analysis_form(line)      # "Ðiều 5" (eth) opens Điều 5 too
        if len(form) != len(line):      # not a normalised body (CR): never cut the line
            lines.append(line)
            forms.append(form)
            numbers.append(number)
            continue
        for start, end in run_in_pieces(form):
            lines.append(line[start:end])
            forms.append(form[start:end])
            numbers.append(number)
    starts = attachment_starts(forms)
    parse = Parse()
    bounds = [start for start, _ in starts] + [len(lines)]
    parse.read(lines, forms, numbers, 0, bounds[0])
    taken: set[str] = set()
    for (start, word), end in zip(starts, bounds[1:]):
        attachment = Node("attachment", text="", line=numbers[start], name=word,
                          eid=attachment_id(word, taken), parent=parse.root)
        taken.add(attachment.eid)
        parse.root.children.append(attachment)
        part = Parse(attachment)
        part.read(lines, forms, numbers, start, end)
        parse.diagnostics += part.diagnostics
    parse.diagnostics += assign_ids(parse.root)
    return parse


def run_in_pieces(line: str) -> list[tuple[int, int]]:
    """Spans of one line, cut before each Chương, Điều and khoản run into it.

    A text copied from a browser may arrive as one paragraph ("… Chương I ĐẢNG VIÊN
    Điều 1. 1. Đảng viên … 2. Công dân … Điều 2. …"). Only a line holding at least two
    run-in Chương or Điều in sequence is cut, and only where the number is the next one
    (Điều 7 after Điều 6; khoản 2 after khoản 1 of the same Điều, after a full stop,
    colon or semicolon), so a "Điều 5." cited in an ordinary paragraph stays text."""
    if line.count("Điều") + line.count("ĐIỀU") + line.count("Chương") + line.count("CHƯƠNG") < 2:
        return [(0, len(line))]         # the common case, decided without the regex
    cuts, headings = [], 0
    chapter = article = clause = 0
    for match in RUN_IN.finditer(line):
        if not match["article"] and not line[match.end():].lstrip()[:1].isupper():
            continue            # a Chương's title and a khoản's sentence start in capitals
        if match["chapter"]:
            if roman_to_int(match["chapter"]) != chapter + 1:
                continue
            chapter += 1
            headings += 1
        elif match["article"]:
            if int(match["article"]) != article + 1:
                continue
            article, clause = article + 1, 0
            headings += 1
        else:
            before = line[:match.start()].rstrip()
            if not article or int(match["clause"]) != clause + 1 \
                    or not before.endswith((".", ":", ";")):
                continue
            clause += 1
        cuts.append(match.start())
    if headings < 2:
        return [(0, len(line))]
    bounds = [0, *cuts, len(line)]
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]


def attachment_starts(forms: list[str]) -> list[tuple[int, str]]:
    """(first line index, cite word) of each instrument issued with the document: a title
    in capitals ("QUY CHẾ") after the document's own structure and before any Phụ lục or
    Mẫu, confirmed by a "(Ban hành kèm theo …)" line just below, or, after the
    document's signature, by a "Chương I" or "Điều 1." just below that restarts the
    numbering. The instrument starts at its letterhead, the lines just above the title
    that name an issuing body."""
    starts: list[tuple[int, str]] = []
    since = 0                   # where the text before a candidate title is read from
    for i, line in enumerate(forms):
        title = ATTACHMENT_TITLE.match(line)
        if title is None:       # titles are rare: the text before one is read only then
            continue
        before = forms[since:i]
        if any(PATTERNS["appendix"].match(b) or PATTERNS["form"].match(b) for b in before):
            break
        at = [j for j, b in enumerate(before)
              if PATTERNS["article"].match(b) or PATTERNS["section"].match(b)]
        if not at:
            continue
        signed = any(b.lstrip().startswith(SIGNATURE_MARKERS) or _signing_title(forms, since + j, i)
                     for j, b in enumerate(before) if j > at[0])
        issued_with = any(ISSUED_WITH.match(below)
                          for below in forms[i + 1:i + 1 + ISSUED_WITH_WITHIN])
        restarts = signed and any(_first_of_structure(below)
                                  for below in forms[i + 1:i + 1 + RESTART_WITHIN])
        if not (issued_with or restarts):
            continue
        first = i
        while first - 1 > (starts[-1][0] if starts else 0) and _letterhead(forms[first - 1]):
            first -= 1
        while first < i and not forms[first].strip():
            first += 1          # blank lines stay with what precedes them
        starts.append((first, ATTACHMENT_TYPES[" ".join(title["type"].split())]))
        since = i + 1
    return starts


def _signing_title(forms: list[str], index: int, end: int) -> bool:
    """forms[index] is a signing title in capitals ("CHỦ TỊCH QUỐC HỘI") with, below it,
    more title lines or "(Đã ký)", then a name, then nothing but what may follow a
    signature (the end, a blank line, "Nơi nhận", a Phụ lục …)."""
    text = forms[index].strip()
    if not (SIGNING_TITLE.match(text) and text == text.upper() and len(text.split()) <= 8):
        return False
    below = [line.strip() for line in forms[index + 1:min(end, index + 6)]]
    for i, line in enumerate(below):
        if SIGNED.match(line) or (line and line == line.upper() and SIGNING_TITLE.match(line)):
            continue
        if not _personal_name(line):
            return False
        after = next((rest for rest in below[i + 1:] if rest), None)
        return after is None or after.startswith(SIGNATURE_MARKERS) \
            or bool(PATTERNS["appendix"].match(after) or PATTERNS["form"].match(after))
    return False


def _personal_name(text: str) -> bool:
    """"Trần Thanh Mẫn", "NGUYỄN VĂN A": two to six capitalised words, letters only."""
    words = text.split()
    return 2 <= len(words) <= 6 and all(word[0].isupper() and word.isalpha() for word in words)


def _first_of_structure(line: str) -> bool:
    """"Chương I" or "Điều 1.": numbering that starts again."""
    match = PATTERNS["chapter"].match(line) or PATTERNS["article"].match(line)
    return match is not None and match.group("num") in ("I", "1")


def _letterhead(line: str) -> bool:
    """A line of an attached instrument's letterhead (blank lines included), never the
    signature above it: not a signing title, not a name (names are not all capitals or
    name no issuing body)."""
    text = line.strip()
    if not text or NUMBER_DATE_MOTTO.match(line):
        return True
    return text == text.upper() and ISSUING_BODY.match(text) is not None \
        and not SIGNING_TITLE.match(text) and not text.startswith(SIGNATURE_MARKERS)


@dataclass
class Parse:
    """The state of one document's (or one attached instrument's) parse, made per
    document; nothing is shared."""

    root: Node = field(default_factory=lambda: Node("document"))
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def __post_init__(self):
        self.stack: list[Node] = [self.root]
        self.last_article: Node | None = None   # articles are numbered through the text
        self.last_part: int = 0                 # Roman parts come in sequence: I, II, III
        self.signs = False                      # the line fed is a signing title (read)

    # -- reading -------------------------------------------------------------------
    def read(self, lines: list[str], forms: list[str], numbers: list[int],
             start: int, end: int) -> None:
        """Feed lines[start:end] (``forms`` are their analysis forms, ``numbers`` the
        body lines they are on)."""
        for index in range(start, end):
            self.signs = _signing_title(forms, index, end)
            self.feed(lines[index], numbers[index], forms[index])
        self.finish()

    def feed(self, line: str, number: int, form: str | None = None) -> None:
        opened = self.classify(analysis_form(line) if form is None else form)
        if opened is None:
            self.current.text += line
            return
        node = Node(*opened, text=line, line=number)
        reachable = self.stack if node.kind in ENCLOSING else self.reachable()
        if any(self.fits(node, open_node) for open_node in reachable):
            self.open(node)
        else:                       # e.g. a "- " line right under a Chương heading
            self.current.text += line

    @property
    def current(self) -> Node:
        return self.stack[-1]

    def reachable(self) -> list[Node]:
        """The open elements a new one may close back to: inside a Phụ lục or Mẫu, only
        those within it (its content never becomes the document's structure)."""
        return self.stack[1:] if self.enclosed else self.stack

    @property
    def enclosed(self) -> bool:
        """Inside a Phụ lục or Mẫu (they sit right under the root: ``PARENTS``)."""
        return len(self.stack) > 1 and self.stack[1].kind in ENCLOSING

    def classify(self, line: str) -> tuple[str, str | None] | None:
        """The (kind, number) this line opens, or None for a continuation line."""
        if not line.strip():
            return None
        for kind in ("appendix", "form"):
            if match := PATTERNS[kind].match(line):
                return kind, match.group("num")
        if not self.enclosed:
            if self.current.kind == "signature":
                return self.ends_signature(line)
            if (line.lstrip().startswith(SIGNATURE_MARKERS) or self.signs) and self.has_content():
                return "signature", None
            for kind in ("part", "chapter", "article"):
                if match := PATTERNS[kind].match(line):
                    return kind, match.group("num")
            if self.roman_part(line):
                return "part", PATTERNS["roman"].match(line).group("num")
            if self.inside("chapter") and (match := PATTERNS["division"].match(line)):
                return "division", match.group("num")
        if self.inside("article"):
            if match := PATTERNS["clause"].match(line):
                return "clause", match.group("num")
        elif match := PATTERNS["section"].match(line):
            return "section", (match.group("num") or match.group("num2"))
        if self.current.kind not in ("document", "attachment", "header"):
            if match := PATTERNS["point"].match(line):
                return "point", match.group("num")
            if match := PATTERNS["indent"].match(line):
                return "indent", match.group("num")
        if self.current is self.root:
            return "header", None
        return None

    def ends_signature(self, line: str) -> tuple[str, str | None] | None:
        """The signature block is a few lines (titles, "(Đã ký)", the name, the "Nơi
        nhận" list); a Phần, Chương or Điều after it is structure again."""
        for kind in ("part", "chapter", "article"):
            if match := PATTERNS[kind].match(line):
                return kind, match.group("num")
        if (match := PATTERNS["roman"].match(line)) and _is_upper(match.group("title")):
            return "part", match.group("num")
        return None

    def roman_part(self, line: str) -> bool:
        """A Roman part: "II- CHỨC NĂNG" in capitals anywhere; "II. Về phân cấp …" in
        sentence case only outside articles and as the next in sequence (I, II, III)."""
        match = PATTERNS["roman"].match(line)
        if match is None:
            return False
        title = match.group("title")
        if _is_upper(title):
            return True
        first_letter = next((c for c in title if c.isalpha()), "")
        return not self.inside("article") and first_letter.isupper() \
            and roman_to_int(match.group("num")) == self.last_part + 1

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
        if node.kind == "part":
            self.last_part = _ordinal("part", node.num) or self.last_part
        self.check_order(node, parent)
        node.parent = parent
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


def assign_ids(root: Node) -> list[Diagnostic]:
    """Give every element of a finished tree its id (rules: ``regindex.ids``); a number
    the text repeats in the same scope is reported, and its id gets a "-2" suffix so
    that ids stay unique within the document."""
    ids = {node.eid for node in root.children if node.kind == "attachment"}
    restarting = {id(scope) for scope in (root, *root.children)
                  if scope.kind in ("document", "attachment") and _sections_restart(scope)}
    found: list[Diagnostic] = []
    pending = [(child, None) for child in reversed(root.children)]
    while pending:              # reading order; ``base``: the attachment's id, if any
        node, base = pending.pop()
        if node.kind == "attachment":
            pending += [(child, node.eid) for child in reversed(node.children)]
            continue
        pending += [(child, base) for child in reversed(node.children)]
        eid = element_id(KINDS[node.kind].prefix, None if node.kind in ("header", "signature")
                         else node.num, _scope(node, base, restarting))
        if eid in ids:
            # A warning: the text is published as issued, never renumbered to please us.
            found.append(Diagnostic(
                "warning", f"trùng {node.label} (mã {eid})", line=node.line,
                hint="Cùng một số được ghi hai lần trong cùng một phạm vi (cùng Điều, cùng "
                     "Phần …); phần tử sau có mã thêm \"-2\". Đối chiếu với văn bản gốc: nếu "
                     "văn bản gốc đúng như vậy thì giữ nguyên."))
            n = 2
            while f"{eid}-{n}" in ids:
                n += 1
            eid = f"{eid}-{n}"
        ids.add(eid)
        node.eid = eid
    return found


def _scope(node: Node, base: str | None, restarting: set[int]) -> str | None:
    """The id this element's id extends ("dieu-12" for its khoản; the attachment's id for
    its Điều). Sections skip their parent sections ("1.2." already carries its parent's
    number) and their Phần unless sections restart in each Phần."""
    if node.kind in ROOT_SCOPED:
        return base
    parent = node.parent
    if node.kind == "section":
        while parent.kind == "section":
            parent = parent.parent
        if parent.kind == "part":
            owner = next(n for n in parent.ancestors() if n.kind in ("document", "attachment"))
            if id(owner) not in restarting:
                return base
    return parent.eid if parent.kind not in ("document", "attachment") else base


def _sections_restart(scope: Node) -> bool:
    """Whether the top sections of ``scope``'s Phần repeat a number (each Phần has its
    own "1.", "2." …)."""
    seen: set[str] = set()
    for part in (child for child in scope.children if child.kind == "part"):
        nums = {child.num for child in part.children if child.kind == "section"}
        if seen & nums:
            return True
        seen |= nums
    return False


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
