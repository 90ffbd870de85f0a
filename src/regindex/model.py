"""The document model: metadata from the front matter, and the structure tree.

A ``Document`` is one regulation; its ``root`` Node holds the body as a tree
(Phần/Chương/Mục → Điều → khoản → điểm → tiết, or Hướng dẫn sections, appendices,
header and signature blocks). Every character of the normalised body belongs to the
``text`` of exactly one node, so ``root.full_text()`` gives the body back unchanged.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Iterator

from .ids import document_slug
from .vocabulary import GUIDANCE_TYPES, KINDS, STATUSES

__all__ = ["DocRef", "Metadata", "Node", "Document", "Diagnostic", "cite_path"]


@dataclass(frozen=True)
class DocRef:
    """A reference to a document by identity: number + issue date."""

    number: str
    issued: dt.date | None = None

    @property
    def slug(self) -> str | None:
        return document_slug(self.number, self.issued.year) if self.issued else None

    def __str__(self) -> str:
        return f"{self.number} ({self.issued:%d/%m/%Y})" if self.issued else self.number


@dataclass
class Metadata:
    """Front-matter facts about a document (see ``library.schema`` for the fields)."""

    number: str | None
    type: str
    issued: dt.date | None = None
    name: str | None = None         # the name a document without a number is cited by
    title: str | None = None
    issuer: str | None = None
    letterhead: str | None = None
    term: str | None = None
    signer: str | None = None
    effective: dt.date | None = None
    status: str | None = None
    expired_on: dt.date | None = None
    checked: dt.date | None = None      # when status and relations were last verified
    replaces: list[DocRef] = field(default_factory=list)
    replaced_by: list[DocRef] = field(default_factory=list)
    guides: list[DocRef] = field(default_factory=list)
    guided_by: list[DocRef] = field(default_factory=list)
    related: list[DocRef] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    source: dict | None = None
    sources: list[str] = field(default_factory=list)
    unverified: list[str] = field(default_factory=list)
    illustrative: bool = False
    note: str | None = None

    @property
    def designation(self) -> str:
        """What identifies the document with its date: its number, or for a document
        without one (Điều lệ Đảng) its name."""
        return self.number or self.name or ""

    @property
    def ref(self) -> DocRef:
        return DocRef(self.designation, self.issued)

    @property
    def status_label(self) -> str:
        return STATUSES.get(self.status or "", "Chưa rõ tình trạng")


@dataclass(frozen=True)
class Diagnostic:
    """A finding about a source file: ``level`` is "error" or "warning"; ``form_only``
    when only the file's form is wrong (BOM, CRLF, NFD …): `check --fix` repairs it and
    what is loaded, published and indexed is already in canonical form."""

    level: str
    message: str
    file: str | None = None
    line: int | None = None
    hint: str | None = None
    form_only: bool = False

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else (self.file or "")
        head = f"{where}: " if where else ""
        text = f"{head}{'lỗi' if self.level == 'error' else 'cảnh báo'}: {self.message}"
        return f"{text}\n  → {self.hint}" if self.hint else text


_LABEL = re.compile(r"""
    \s*(?:
        (?:PHẦN|Phần|CHƯƠNG|Chương|MỤC|Mục|Điều|ĐIỀU|PHỤ\s+LỤC|Phụ\s+lục|MẪU|Mẫu)
        (?:\s+(?:thứ\s+\S+|(?:số|Số|SỐ)\s+\S+|\S+))?  # keyword and its number
      | [IVXLC]+\s*[-.–/)]                     # Roman part "I-", "I.", "I/", "I)"
      | \d+(?:\.\d+)*\.?                       # "1." "1.2."
      | [a-zđ]\)                               # "a)"
      | [-+–•]                                 # "- "
    )[.:]?[ \t]*""", re.X)


@dataclass(eq=False)
class Node:
    """One structural element. ``text`` is the characters it owns: its label line and
    what follows up to its first child; ``children`` follow it in reading order."""

    kind: str
    num: str | None = None
    text: str = ""
    line: int = 1                     # 1-based line in the body where it starts
    eid: str | None = None
    children: list["Node"] = field(default_factory=list)
    parent: "Node | None" = field(default=None, repr=False)
    name: str | None = None           # the cite word when the kind does not fix it: an
                                      # attachment's type ("Quy chế")

    def full_text(self) -> str:
        """This element's text with all its descendants' (the reassembly)."""
        return self.text + "".join(child.full_text() for child in self.children)

    def walk(self) -> Iterator["Node"]:
        yield self
        for child in self.children:
            yield from child.walk()

    def ancestors(self) -> Iterator["Node"]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    @property
    def addressable(self) -> bool:
        return self.eid is not None and KINDS[self.kind].addressable

    @property
    def label(self) -> str:
        """"Điều 12", "khoản 2", "điểm đ", "mục 1.2", "Chương II"."""
        word = self.name or KINDS[self.kind].cite
        return f"{word} {self.num}" if self.num else word

    @property
    def body(self) -> str:
        """Own text without the label ("Điều 12." / "a)"), stripped."""
        first, _, rest = self.text.partition("\n")
        if self.kind in ("header", "signature", "document"):
            return self.text.strip()
        match = _LABEL.match(first)
        return (first[match.end():] if match else first).strip() + ("\n" + rest if rest.strip() else "")

    @property
    def heading(self) -> str:
        """The heading of a container (Chương, Điều, section, appendix); "" for text units.

        "Chương I" with the title on the next line takes that line."""
        if self.kind in ("clause", "point", "indent", "header", "signature", "document"):
            return ""
        if self.kind == "attachment":
            return _attachment_title(self)
        lines = [line.strip() for line in self.body.splitlines() if line.strip()]
        if not lines:
            return ""
        if self.kind in ("article", "section"):
            return lines[0]
        return lines[0] if len(lines[0]) < 200 else ""


class Document:
    """A regulation: metadata plus its structure tree."""

    def __init__(self, meta: Metadata, root: Node | None = None, *, path: Path | None = None,
                 body_line: int = 1, diagnostics: list[Diagnostic] | None = None,
                 field_lines: dict[str, int] | None = None):
        self.meta = meta
        self.root = root or Node("document", eid=None)
        self.path = path
        self.body_line = body_line     # file line of the body's first line
        self.diagnostics = diagnostics or []
        self.field_lines = field_lines or {}   # front-matter key → file line

    def __repr__(self) -> str:
        return f"<Document {self.meta.designation} {self.meta.issued}>"

    @property
    def number(self) -> str:
        """The number ("124-QĐ/TW"); for a document without one, its name ("Điều lệ
        Đảng"), which is looked up and shown where a number would be."""
        return self.meta.designation

    @property
    def ref(self) -> DocRef:
        return self.meta.ref

    @property
    def slug(self) -> str:
        return document_slug(self.meta.designation,
                             self.meta.issued.year if self.meta.issued else "x")

    @property
    def name(self) -> str:
        """"Quy định số 124-QĐ/TW"; "Điều lệ Đảng" for a document without a number."""
        if not self.meta.number:
            return self.meta.name or self.meta.type
        return f"{self.meta.type} số {self.meta.number}"

    @property
    def is_guidance(self) -> bool:
        return self.meta.type in GUIDANCE_TYPES

    @property
    def has_body(self) -> bool:
        return bool(self.root.children)

    @property
    def text(self) -> str:
        return self.root.full_text()

    def elements(self) -> Iterator[Node]:
        """Every addressable element in reading order."""
        return (node for node in self.root.walk() if node.addressable)

    @cached_property
    def _by_eid(self) -> dict[str, Node]:
        return {node.eid: node for node in self.root.walk() if node.eid}

    def get(self, eid: str) -> Node | None:
        return self._by_eid.get(eid)

    def file_line(self, node: Node) -> int:
        return self.body_line + node.line - 1

    def url(self, node: Node | None = None) -> str:
        return f"{self.slug}.html" + (f"#{node.eid}" if node is not None and node.eid else "")

    def citation(self, node: Node | None = None) -> str:
        """Vietnamese citation: "điểm a khoản 2 Điều 12 Quy định số 124-QĐ/TW"."""
        if node is None or node.kind == "document":
            return self.name
        return f"{cite_path(node)} {self.name}"


def cite_path(node: Node) -> str:
    """The element part of a citation: "điểm a khoản 2 Điều 12", "điểm b mục 1.2",
    "mục 1.1 Phần II" (sections restarting in each Phần), "Điều 5 Quy chế ban hành kèm
    theo" (an element of an attached instrument; the document's name follows)."""
    chain = [node, *node.ancestors()]
    words = []
    for i, element in enumerate(chain):
        if element.kind in ("document", "attachment"):
            break
        below = chain[i - 1] if i else None
        if element.kind == "section" and below is not None and below.kind == "section":
            continue        # "1.2.1" already names its parent sections
        if below is not None and below.kind in ("article", "chapter") and element.kind in ("part", "chapter", "division"):
            break           # articles and chapters are numbered through the whole text
        if below is not None and below.kind == "section" and element.kind == "part" \
                and not (below.eid or "").startswith(f"{element.eid}-"):
            break           # sections numbered through the text do not need their Phần
        words.append(element.label)
        if element.kind == "article":
            break
    attachment = next((n for n in chain if n.kind == "attachment"), None)
    if attachment is not None:
        words.append(f"{attachment.label} ban hành kèm theo")
    return " ".join(words)


def _attachment_title(attachment: Node) -> str:
    """What an attached instrument is about: the line after its type in its own header
    ("QUY CHẾ" / "làm việc của …" → "làm việc của …")."""
    header = next((child for child in attachment.children if child.kind == "header"), None)
    lines = [line.strip() for line in (header.text if header else "").splitlines() if line.strip()]
    word = (attachment.name or "").upper()
    for here, after in zip(lines + [""], lines[1:] + [""]):
        if word and here.upper().startswith(word):
            if here[len(word):].strip():
                return here             # "QUY CHẾ LÀM VIỆC CỦA …" on one line
            return after if after and not after.startswith("(") else ""
    return ""
