"""Briefing materials: check every citation a trainer wrote, and link it to the site.

``link_file`` reads a briefing (.md, .txt, .html or .docx), finds its citations with
``regindex.citations`` (the one citation parser), writes a copy in the same format with
each resolved citation linked to its page on the site, and returns one ``Finding`` per
cited target: where it points and what is wrong with it: a document no longer in force
(with its successor), an element the cited document does not have, or a citation that
names no document of the knowledge base.

Links are ``base_url`` (an http(s) address, joined as a folder) + the site-relative URL
("124-qd-tw-2023.html#dieu-12"); with no base URL they stay relative to the site's root,
for a copy placed beside ``index.html``. Each target of a list or range gets its own link.
Positions (``start``, ``end``) are in the briefing's text (for .html and .docx, the text
of its blocks or paragraphs, one per line); locations are what the trainer sees: the
line of the file for .md, .txt and .html, the paragraph (or header, footer) for .docx.
"""

from __future__ import annotations

import copy
import difflib
import io
import re
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, NavigableString
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from .citations import Citation, Target, find_citations
from .errors import RegindexError, SourceError
from .importer.docx import open_docx
from .importer.writer import write_atomic
from .library import Library
from .library import number_key
from .model import DocRef, Document
from .normalise import decode_bytes
from .present import Succession, succession

__all__ = ["link_file", "link_text", "LinkReport", "Finding", "FORMATS", "PROBLEMS",
           "check_base_url"]

FORMATS = (".md", ".txt", ".html", ".htm", ".docx")
"""Kinds of briefing material `regindex link` reads and writes."""

EXPIRED = ("expired", "partly-expired")

_MARKDOWN_UNLINKABLE = re.compile(r"""
    \A --- \n .*? \n --- \n                 # front matter
  | ^ [ \t]* (?P<fence> ```|~~~ ) .*? ^ [ \t]* (?P=fence)   # fenced code
  | (?P<ticks> `+ ) .+? (?P=ticks)          # code span
  | !? \[ [^\]\n]* \] \( [^)\n]* \)         # a link or image already there
  | < https?:// [^>\s]* >                   # an autolink
""", re.X | re.S | re.M)

_HTML_HIDDEN = {"script", "style", "textarea", "title", "template", "noscript", "head",
                "select", "option"}
"""Elements whose text is not part of what the briefing says."""

_HTML_BLOCKS = {"html", "body", "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "td", "th",
                "tr", "table", "thead", "tbody", "caption", "h1", "h2", "h3", "h4", "h5", "h6",
                "blockquote", "pre", "section", "article", "header", "footer", "main", "nav",
                "aside", "figure", "figcaption", "br", "hr"}
"""Elements that end a run of text: a citation is looked for within one run, across
inline markup ("<b>Điều 12</b> Quy định 124-QĐ/TW")."""

PROBLEMS = ("expired", "missing", "unresolved", "ambiguous")
"""What `link --strict` fails on, in the order the report groups them."""

_DOCX_SPLITTABLE = {qn(tag) for tag in ("w:rPr", "w:t", "w:tab", "w:br", "w:cr",
                                       "w:lastRenderedPageBreak")}
_LINK_COLOUR = RGBColor(0x05, 0x63, 0xC1)     # Word's own colour for hyperlinks


@dataclass(frozen=True)
class Finding:
    """One cited target of a citation in the briefing, and what is wrong with it."""

    citation: Citation
    target: Target
    line: int | None                # the file's line (.md, .txt, .html); None for Word
    url: str | None                 # the link written (base URL applied), None if unlinked
    flags: tuple[str, ...]          # expired, partly-expired, missing, no-text, unresolved,
                                    # ambiguous, unverified (a replacement not verified)
    successors: tuple[tuple[DocRef, Document | None], ...] = ()   # what replaced the document
    base_url: str = ""
    where: str = ""                 # "dòng 5", "đoạn 3", "đầu trang, đoạn 1"
    chain: tuple[Succession, ...] = ()      # every replacement, up to the one not replaced
    suggestion: Document | None = None      # "có phải …?" for a number not in the library

    def successor_url(self, document: Document | None) -> str | None:
        return self.base_url + document.url() if document else None

    @property
    def problems(self) -> list[str]:
        """The groups of PROBLEMS this finding belongs to."""
        found = []
        if {"expired", "partly-expired"} & set(self.flags):
            found.append("expired")
        if "missing" in self.flags:
            found.append("missing")
        if "ambiguous" in self.flags:
            found.append("ambiguous")
        elif "unresolved" in self.flags:
            found.append("unresolved")
        return found

    def record(self) -> dict:
        """The JSON form (`regindex link --json`)."""
        target, meta = self.target, self.target.document.meta if self.target.document else None
        return {
            "text": self.citation.text, "start": self.citation.start, "end": self.citation.end,
            "line": self.line, "where": self.where, "number": target.number,
            "issued": target.issued.isoformat() if target.issued else None,
            "eid": target.eid, "citation": target.citation, "url": self.url,
            "status": target.status,
            "expired_on": meta.expired_on.isoformat() if meta and meta.expired_on else None,
            "replaced_by": [{"number": ref.number,
                             "issued": ref.issued.isoformat() if ref.issued else None,
                             "url": self.successor_url(document)}
                            for ref, document in self.successors],
            "succession": [{"number": step.ref.number,
                            "issued": step.ref.issued.isoformat() if step.ref.issued else None,
                            "status": step.status, "verified": step.verified,
                            "url": self.successor_url(step.document)} for step in self.chain],
            "resolved": target.resolved, "exists": target.exists, "flags": list(self.flags),
            "problem": target.problem or self.citation.problem,
            "suggestion": self.suggestion.number if self.suggestion else None,
        }


@dataclass
class LinkReport:
    """Every finding of one briefing, and the linked copy written."""

    source: Path
    output: Path | None
    findings: list[Finding] = field(default_factory=list)

    @property
    def citations(self) -> list[Citation]:
        return list(dict.fromkeys(finding.citation for finding in self.findings))

    def flagged(self, flag: str) -> list[Finding]:
        return [finding for finding in self.findings if flag in finding.flags]

    def by_citation(self) -> dict[Citation, list[Finding]]:
        grouped: dict[Citation, list[Finding]] = {}
        for finding in self.findings:
            grouped.setdefault(finding.citation, []).append(finding)
        return grouped

    def problems(self, kind: str) -> dict[Citation, list[Finding]]:
        """Citations with a problem of this kind (one of PROBLEMS), with the findings
        that have it, in the briefing's order."""
        return {citation: found for citation, findings in self.by_citation().items()
                if (found := [f for f in findings if kind in f.problems])}

    @property
    def has_problems(self) -> bool:
        return any(finding.problems for finding in self.findings)


def check_base_url(base_url: str) -> str:
    """The site's address as a folder ("https://vanban.example.vn/kho/"); "" stays ""
    (relative links). Anything but an http(s) address is an error."""
    if not base_url:
        return ""
    parts = urlsplit(base_url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in base_url.strip() \
            or parts.query or parts.fragment:
        raise RegindexError(f"địa chỉ gốc của trang không hợp lệ: {base_url!r}",
                            hint="Ghi địa chỉ web đầy đủ của trang, ví dụ "
                                 "--base-url https://vanban.example.vn/kho/ (bỏ trống để "
                                 "dùng liên kết tương đối).")
    return base_url.strip().rstrip("/") + "/"


def link_file(source: Path | str, library: Library, output: Path | str | None = None, *,
              base_url: str = "") -> LinkReport:
    """Check and link the briefing ``source``; write the linked copy to ``output``
    (default: "<name>.linked<suffix>" beside it)."""
    source = Path(source)
    suffix = source.suffix.lower()
    if suffix not in FORMATS:
        raise SourceError(f"không đọc được tài liệu kiểu {suffix or '(không có đuôi)'}",
                          file=source, hint=f"Các kiểu tài liệu dùng được: {', '.join(FORMATS)}.")
    base_url = check_base_url(base_url)
    output = Path(output) if output else source.with_name(f"{source.stem}.linked{source.suffix}")
    if output.resolve() == source.resolve():
        raise RegindexError("tệp kết quả trùng với tệp tài liệu: không ghi đè tài liệu gốc",
                            file=source, hint="Ghi kết quả ra tệp khác: -o TỆP_MỚI")
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise SourceError(f"không đọc được tệp: {exc.strerror or exc}", file=source,
                          hint="Kiểm tra lại đường dẫn và quyền đọc tệp.") from None
    writer = {".md": _link_markdown, ".txt": _link_plain, ".html": _link_html,
              ".htm": _link_html, ".docx": _link_docx}[suffix]
    linker = _Linker(library, base_url)
    linked = writer(data, source, linker)
    write_atomic(output, linked, output.parent)
    return LinkReport(source, output, linker.findings)


def link_text(text: str, library: Library, *, base_url: str = "") -> LinkReport:
    """The findings of a briefing given as text (nothing written)."""
    linker = _Linker(library, check_base_url(base_url))
    linker.unit(text)
    return LinkReport(Path("<văn bản>"), None, linker.findings)


class _Linker:
    """Finds citations unit by unit (a text, a run of HTML text, a paragraph), keeping
    positions in the whole briefing's text, and records the findings."""

    def __init__(self, library: Library, base_url: str):
        self.library = library
        self.base_url = base_url
        self.findings: list[Finding] = []
        self.text = ""                    # the briefing's text so far, units joined by "\n"

    def unit(self, text: str, *, line: int | None = 1,
             where: str | None = None) -> list[tuple[int, int, str]]:
        """Check the next unit of text, which starts on ``line`` of the file (None: a
        Word paragraph, named by ``where``); the links to write: (start, end, url) within
        the unit, one per target of a list or range."""
        if self.text:
            self.text += "\n"
        offset = len(self.text)
        self.text += text
        links = []
        for citation in find_citations(text, self.library):
            shifted = Citation(citation.text, citation.start + offset, citation.end + offset,
                               citation.targets, citation.problem)
            at = None if line is None else line + text.count("\n", 0, citation.start)
            for target in citation.targets:
                self._finding(shifted, target, at, where or f"dòng {at}")
            if not citation.targets:
                continue
            for target, start, end in citation.target_spans():
                if target.resolved and target.url:
                    links.append((citation.start + start, citation.start + end,
                                  self.base_url + target.url))
        return links

    def _finding(self, citation: Citation, target: Target, line: int | None,
                 where: str) -> None:
        url = self.base_url + target.url if target.resolved and target.url else None
        document = target.document
        flags, chain, suggestion = [], (), None
        if not target.resolved or document is None:
            flags.append("unresolved")
            if target.number and len(self.library.find(target.number)) > 1:
                flags.append("ambiguous")
            elif target.number:
                suggestion = self._near(target.number, citation.text)
        else:
            if document.meta.status in EXPIRED:
                flags.append(document.meta.status)
                chain = tuple(succession(document, self.library.get))
                if not all(step.verified for step in chain):
                    flags.append("unverified")
            if not target.exists:
                flags.append("missing" if document.has_body else "no-text")
        successors = tuple((ref, self.library.get(ref))
                           for ref in (document.meta.replaced_by if document else []))
        self.findings.append(Finding(citation, target, line, url, tuple(flags), successors,
                                     self.base_url, where, chain, suggestion))

    def _near(self, number: str, words: str) -> Document | None:
        """The document of the library whose number is one slip away from ``number``
        ("1245-QĐ/TW" → 124-QĐ/TW): same kind code, the serial with one digit more, less
        or changed; the longest shared beginning wins."""
        serial, _, code = number_key(number).partition("-")
        types = {document.meta.type for document in self.library.documents}
        best = None
        for document in self.library.documents:
            other, _, other_code = number_key(document.number).partition("-")
            if other_code != code or other == serial or not _may_be(document, words, types):
                continue
            if difflib.SequenceMatcher(None, serial, other).ratio() < 0.75 or \
                    abs(len(serial) - len(other)) > 1:
                continue
            shared = len(_common_prefix(serial, other))
            if best is None or shared > best[0]:
                best = (shared, document)
        return best[1] if best else None


def _may_be(document: Document, words: str, types: set[str]) -> bool:
    """The citation's words name this document's type, or no type at all."""
    return document.meta.type in words or not any(kind in words for kind in types)


def _common_prefix(a: str, b: str) -> str:
    length = 0
    while length < min(len(a), len(b)) and a[length] == b[length]:
        length += 1
    return a[:length]


# -- formats ----------------------------------------------------------------------------

def _read_text(data: bytes, source: Path) -> str:
    return decode_bytes(data, file=source)[0]


def _splice(text: str, links: list[tuple[int, int, str]], link) -> str:
    """``text`` with each linked span replaced by ``link(words, url)``."""
    out, at = [], 0
    for start, end, url in sorted(links):
        if start < at:
            continue
        out += [text[at:start], link(text[start:end], url)]
        at = end
    return "".join(out + [text[at:]])


def _link_plain(data: bytes, source: Path, linker: _Linker) -> bytes:
    """Plain text cannot hold links: the URL follows the citation in angle brackets."""
    text = _read_text(data, source)
    links = linker.unit(text)
    return _splice(text, links, lambda words, url: f"{words} <{url}>").encode("utf-8")


def _link_markdown(data: bytes, source: Path, linker: _Linker) -> bytes:
    text = _read_text(data, source)
    fenced = [match.span() for match in _MARKDOWN_UNLINKABLE.finditer(text)]
    links = [(start, end, url) for start, end, url in linker.unit(text)
             if not any(a < end and start < b for a, b in fenced)]
    linked = _splice(text, links, lambda words, url: f"[{_md_escape(words)}](<{url}>)")
    return linked.encode("utf-8")


def _md_escape(words: str) -> str:
    return re.sub(r"([\\\[\]*_`])", r"\\\1", words)


def _link_html(data: bytes, source: Path, linker: _Linker) -> bytes:
    text = _read_text(data, source)
    soup = BeautifulSoup(text, "html.parser")
    lines = _SourceLines(text)
    for run in _html_runs(soup):
        joined = "".join(str(string) for string in run)
        links = linker.unit(joined, line=lines.of(run[0]))
        at = 0
        for string in run:
            length = len(str(string))
            inside = [(max(start, at) - at, min(end, at + length) - at, url)
                      for start, end, url in links if start < at + length and at < end]
            # an existing link is reported, not linked again
            if inside and "a" not in {parent.name for parent in string.parents}:
                string.replace_with(*_html_pieces(soup, str(string), inside))
            at += length
    return str(soup).encode("utf-8")


def _html_runs(soup: BeautifulSoup) -> list[list[NavigableString]]:
    """The visible text nodes, in runs that a block element or a <br> ends."""
    runs: list[list[NavigableString]] = [[]]
    block = None
    for node in soup.descendants:
        if not isinstance(node, NavigableString):
            if node.name in _HTML_BLOCKS:
                runs.append([])
            continue
        parents = {parent.name for parent in node.parents}
        if type(node) is not NavigableString or parents & _HTML_HIDDEN:
            continue
        here = next((p for p in node.parents if p.name in _HTML_BLOCKS), None)
        if here is not block:
            runs.append([])
            block = here
        runs[-1].append(node)
    return [run for run in runs if "".join(run).strip()]


class _SourceLines:
    """The line of the HTML source where each text node starts, found in reading order."""

    def __init__(self, source: str):
        self.source = source
        self.cursor = 0

    def of(self, string: NavigableString) -> int:
        text = str(string)
        lead = text[:len(text) - len(text.lstrip())].count("\n")
        for form, before in ((text, 0), (escape(text, quote=False), 0), (text.strip()[:40], lead)):
            found = self.source.find(form, self.cursor) if form else -1
            if found >= 0:
                self.cursor = found
                return self.source.count("\n", 0, found) + 1 - before
        line = getattr(string.parent, "sourceline", None)
        return line or self.source.count("\n", 0, self.cursor) + 1


def _html_pieces(soup: BeautifulSoup, text: str, links) -> list:
    pieces, at = [], 0
    for start, end, url in links:
        words = text[start:end]
        start, end = start + len(words) - len(words.lstrip()), end - len(words) + len(words.rstrip())
        if start < at or start >= end:
            continue
        anchor = soup.new_tag("a", href=url)
        anchor.string = text[start:end]
        pieces += [NavigableString(text[at:start]), anchor]
        at = end
    return [piece for piece in pieces + [NavigableString(text[at:])] if str(piece)]


def _link_docx(data: bytes, source: Path, linker: _Linker) -> bytes:
    document = open_docx(data, file=source)
    parts = [("", _paragraphs(document))]
    for section in document.sections:       # headers and footers, each once
        for name, part in (("đầu trang", section.header), ("chân trang", section.footer),
                           ("đầu trang đầu", section.first_page_header),
                           ("chân trang đầu", section.first_page_footer),
                           ("đầu trang chẵn", section.even_page_header),
                           ("chân trang chẵn", section.even_page_footer)):
            if not part.is_linked_to_previous:
                parts.append((name, _paragraphs(part)))
    for name, paragraphs in parts:
        for number, paragraph in enumerate(paragraphs, start=1):
            where = f"{name}, đoạn {number}" if name else f"đoạn {number}"
            for runs in _run_groups(paragraph):
                text = "".join(Run(r, paragraph).text for r in runs)
                links = linker.unit(text, line=None, where=where)
                if links:
                    _link_runs(paragraph, runs, links)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _paragraphs(container):
    """Every paragraph in reading order, those in tables included."""
    for block in container.iter_inner_content():
        if isinstance(block, Paragraph):
            yield block
        elif isinstance(block, Table):
            for row in block.rows:
                for cell in dict.fromkeys(row.cells):
                    yield from _paragraphs(cell)


def _run_groups(paragraph: Paragraph) -> list[list]:
    """Runs that follow each other directly (a hyperlink or field between them ends a
    group): citations are looked for within a group, never across an existing link."""
    groups: list[list] = [[]]
    for child in paragraph._p:
        if child.tag == qn("w:r"):
            groups[-1].append(child)
        elif child.tag != qn("w:pPr") and groups[-1]:
            groups.append([])
    return [group for group in groups if group]


def _link_runs(paragraph: Paragraph, runs: list, links: list[tuple[int, int, str]]) -> None:
    """Wrap the characters start:end of these runs' text in a hyperlink to url, for each
    (start, end, url): runs are first cut at every boundary, then wrapped."""
    cuts = sorted({position for start, end, _ in links for position in (start, end)})
    pieces, at = [], 0                   # (run, first character, after its last)
    for r in runs:
        length = len(Run(r, paragraph).text)
        inner = [cut - at for cut in cuts if at < cut < at + length]
        if inner and all(child.tag in _DOCX_SPLITTABLE for child in r):
            bounds = [0, *inner, length]
            pieces += [(piece, at + a, at + b)
                       for piece, a, b in zip(_split(paragraph, r, inner), bounds, bounds[1:])]
        else:                            # a run with a picture or a field is never cut
            pieces.append((r, at, at + length))
        at += length
    for start, end, url in links:
        inside = [(r, a, b) for r, a, b in pieces if start <= a and b <= end and a < b]
        if sum(b - a for _, a, b in inside) != end - start:
            continue                     # a boundary falls inside a run that was not cut
        link = OxmlElement("w:hyperlink")
        link.set(qn("r:id"), paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK,
                                                      is_external=True))
        inside[0][0].addprevious(link)
        for r, _, _ in inside:
            link.append(r)
            run = Run(r, paragraph)
            run.font.underline = True
            run.font.color.rgb = _LINK_COLOUR


def _split(paragraph: Paragraph, r, cuts: list[int]) -> list:
    """Cut run ``r`` at these character positions: the runs, ``r`` first, in order."""
    text = Run(r, paragraph).text
    bounds = [0, *cuts, len(text)]
    pieces = [r] + [copy.deepcopy(r) for _ in cuts]
    for piece, a, b in zip(pieces, bounds, bounds[1:]):
        Run(piece, paragraph).text = text[a:b]
    for before, after in zip(pieces, pieces[1:]):
        before.addnext(after)
    return pieces
