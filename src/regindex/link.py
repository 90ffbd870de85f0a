"""Briefing materials: check every citation a trainer wrote, and link it to the site.

``link_file`` reads a briefing (.md, .txt, .html or .docx), finds its citations with
``regindex.citations`` (the one citation parser), writes a copy in the same format with
each resolved citation linked to its page on the site, and returns one ``Finding`` per
cited target: where it points and what is wrong with it: a document no longer in force
(with its successor), an element the cited document does not have, or a citation that
names no document of the knowledge base.

Links are ``base_url`` + the site-relative URL ("124-qd-tw-2023.html#dieu-12"); with no
base URL they stay relative to the site's root, for a copy placed beside ``index.html``.
Positions (``start``, ``end``, ``line``) are in the briefing's text: for .html and .docx,
the text of its paragraphs, one per line.
"""

from __future__ import annotations

import copy
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

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
from .model import DocRef, Document
from .normalise import decode_bytes

__all__ = ["link_file", "link_text", "LinkReport", "Finding", "FORMATS"]

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

_DOCX_SPLITTABLE = {qn(tag) for tag in ("w:rPr", "w:t", "w:tab", "w:br", "w:cr",
                                       "w:lastRenderedPageBreak")}
_LINK_COLOUR = RGBColor(0x05, 0x63, 0xC1)     # Word's own colour for hyperlinks


@dataclass(frozen=True)
class Finding:
    """One cited target of a citation in the briefing, and what is wrong with it."""

    citation: Citation
    target: Target
    line: int
    url: str | None                 # the link written (base URL applied), None if unlinked
    flags: tuple[str, ...]          # expired, partly-expired, missing, no-text, unresolved
    successors: tuple[tuple[DocRef, Document | None], ...] = ()   # what replaced the document
    base_url: str = ""

    def successor_url(self, document: Document | None) -> str | None:
        return self.base_url + document.url() if document else None

    def record(self) -> dict:
        """The JSON form (`regindex link --json`)."""
        target, meta = self.target, self.target.document.meta if self.target.document else None
        return {
            "text": self.citation.text, "start": self.citation.start, "end": self.citation.end,
            "line": self.line, "number": target.number,
            "issued": target.issued.isoformat() if target.issued else None,
            "eid": target.eid, "citation": target.citation, "url": self.url,
            "status": target.status,
            "expired_on": meta.expired_on.isoformat() if meta and meta.expired_on else None,
            "replaced_by": [{"number": ref.number,
                             "issued": ref.issued.isoformat() if ref.issued else None,
                             "url": self.successor_url(document)}
                            for ref, document in self.successors],
            "resolved": target.resolved, "exists": target.exists, "flags": list(self.flags),
            "problem": target.problem or self.citation.problem,
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


def link_file(source: Path | str, library: Library, output: Path | str | None = None, *,
              base_url: str = "") -> LinkReport:
    """Check and link the briefing ``source``; write the linked copy to ``output``
    (default: "<name>.linked<suffix>" beside it)."""
    source = Path(source)
    suffix = source.suffix.lower()
    if suffix not in FORMATS:
        raise SourceError(f"không đọc được tài liệu kiểu {suffix or '(không có đuôi)'}",
                          file=source, hint=f"Các kiểu tài liệu dùng được: {', '.join(FORMATS)}.")
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
    linker = _Linker(library, base_url)
    linker.find(text, 0)
    return LinkReport(Path("<văn bản>"), None, linker.findings)


class _Linker:
    """Finds citations unit by unit (a text, a text node, a paragraph), keeping positions
    in the whole briefing's text, and records the findings."""

    def __init__(self, library: Library, base_url: str):
        self.library = library
        self.base_url = base_url
        self.findings: list[Finding] = []
        self.text = ""                    # the briefing's text so far, units joined by "\n"

    def unit(self, text: str) -> list[tuple[Citation, str | None]]:
        """Citations of the next unit of text (positions within the unit), each with the
        link to write, or None when it is not linked."""
        if self.text:
            self.text += "\n"
        offset = len(self.text)
        self.text += text
        return self.find(text, offset)

    def find(self, text: str, offset: int) -> list[tuple[Citation, str | None]]:
        found = []
        for citation in find_citations(text, self.library):
            shifted = Citation(citation.text, citation.start + offset, citation.end + offset,
                               citation.targets, citation.problem)
            line = (self.text or text).count("\n", 0, shifted.start) + 1
            links = [self._finding(shifted, target, line) for target in citation.targets]
            found.append((citation, next((link for link in links if link), None)))
        return found

    def _finding(self, citation: Citation, target: Target, line: int) -> str | None:
        url = self.base_url + target.url if target.resolved and target.url else None
        document = target.document
        flags = []
        if not target.resolved or document is None:
            flags.append("unresolved")
        else:
            if document.meta.status in EXPIRED:
                flags.append(document.meta.status)
            if not target.exists:
                flags.append("missing" if document.has_body else "no-text")
        successors = tuple((ref, self.library.get(ref))
                           for ref in (document.meta.replaced_by if document else []))
        self.findings.append(Finding(citation, target, line, url, tuple(flags), successors,
                                     self.base_url))
        return url


# -- formats ----------------------------------------------------------------------------

def _read_text(data: bytes, source: Path) -> str:
    return decode_bytes(data, file=source)[0]


def _splice(text: str, links: list[tuple[Citation, str | None]], link) -> str:
    """``text`` with each linked citation replaced by ``link(citation_text, url)``."""
    out, at = [], 0
    for citation, url in links:
        if url is None or citation.start < at:
            continue
        out += [text[at:citation.start], link(citation.text, url)]
        at = citation.end
    return "".join(out + [text[at:]])


def _link_plain(data: bytes, source: Path, linker: _Linker) -> bytes:
    """Plain text cannot hold links: the URL follows the citation in angle brackets."""
    text = _read_text(data, source)
    links = linker.unit(text)
    return _splice(text, links, lambda words, url: f"{words} <{url}>").encode("utf-8")


def _link_markdown(data: bytes, source: Path, linker: _Linker) -> bytes:
    text = _read_text(data, source)
    fenced = [match.span() for match in _MARKDOWN_UNLINKABLE.finditer(text)]
    links = [(citation, url) for citation, url in linker.unit(text)
             if not any(start < citation.end and citation.start < end for start, end in fenced)]
    linked = _splice(text, links, lambda words, url: f"[{_md_escape(words)}](<{url}>)")
    return linked.encode("utf-8")


def _md_escape(words: str) -> str:
    return re.sub(r"([\\\[\]*_`])", r"\\\1", words)


def _link_html(data: bytes, source: Path, linker: _Linker) -> bytes:
    text = _read_text(data, source)
    soup = BeautifulSoup(text, "html.parser")
    for string in list(soup.find_all(string=True)):
        parents = {parent.name for parent in string.parents}
        if type(string) is not NavigableString or not string.strip() or parents & _HTML_HIDDEN:
            continue
        links = [(c, url) for c, url in linker.unit(str(string)) if url]
        if links and "a" not in parents:       # an existing link is reported, not linked again
            string.replace_with(*_html_pieces(soup, str(string), links))
    return str(soup).encode("utf-8")


def _html_pieces(soup: BeautifulSoup, text: str, links) -> list:
    pieces, at = [], 0
    for citation, url in links:
        if citation.start < at:
            continue
        anchor = soup.new_tag("a", href=url)
        anchor.string = citation.text
        pieces += [NavigableString(text[at:citation.start]), anchor]
        at = citation.end
    return pieces + [NavigableString(text[at:])]


def _link_docx(data: bytes, source: Path, linker: _Linker) -> bytes:
    document = open_docx(data, file=source)
    for paragraph in _paragraphs(document):
        for runs in _run_groups(paragraph):
            text = "".join(Run(r, paragraph).text for r in runs)
            links = [(c.start, c.end, url) for c, url in linker.unit(text) if url]
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
