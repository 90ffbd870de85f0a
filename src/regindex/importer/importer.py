"""Importing an official file: extract its text, read its header, write its source file.

``import_file`` turns a .docx, .doc, .pdf, .html or .txt the user received (or a web page) into
``regulations/<slug>.md``: the body is the document's text in its official plain layout;
the front matter takes what the header and signature blocks say, merged into the
existing record of that document without losing a field; the original is kept in
``regulations/sources/``. Nothing is written when something is wrong, or with
``dry_run``.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import RegindexError, SourceError
from ..library import DEFAULT_FOLDER
from ..library.source import parse_source, split_front_matter
from ..model import Document
from ..normalise import normalise_text
from ..parse import parse_body
from .doc import OLE_MAGIC, extract_doc
from .docx import extract_docx
from .extract import Extract, tidy
from .fetch import Original, read_original
from .header import Header, Signature, read_header, read_signature
from .html import extract_html
from .pdf import PDF_MAGIC, extract_pdf
from .identity import Identity, find_record, identify
from .text import extract_text
from .writer import (finish_writes, front_matter, merge_front_matter, sha256, source_file,
                     write_together)

__all__ = ["import_file", "ImportResult", "refused_record", "extract_original"]

ATTACHED = ("appendix", "form", "attachment")
"""Top-level kinds after a document's own signature: what they hold signs nothing."""

TAIL_LINES = 8
"""Last lines of a text read for a signature without a marker line."""

FACTS = ("number", "name", "type", "title", "issuer", "letterhead", "signer", "issued")
"""Front-matter fields an official text states in its header and signature blocks."""


@dataclass
class ImportResult:
    """What an import found and wrote (or, with ``dry_run``, would write)."""

    original: Original
    path: Path                      # the source file of the document
    source_path: Path               # the copy of the original
    text: str                       # the whole source file
    document: Document              # the source file as it reads back
    state: str                      # "created", "updated" or "unchanged"
    encoding: str
    header: Header                  # what the header block says
    signature: Signature            # what the signature block says
    filled: list[str] = field(default_factory=list)    # fields taken from the text
    warnings: list[str] = field(default_factory=list)
    dry_run: bool = False           # nothing was written: ``state`` is what would happen

    def counts(self) -> Counter:
        """Elements found, by kind ("article", "clause", "point", "appendix" …)."""
        return Counter(node.kind for node in self.document.root.walk()
                       if node.kind not in ("document", "header", "signature"))

    def record(self) -> dict:
        """What was recognised and done, as ``regindex import --json`` prints it."""
        meta = self.document.meta
        return {
            "file": self.original.name, "action": self.state, "path": str(self.path),
            "slug": self.document.slug, "number": meta.number, "name": meta.name,
            "type": meta.type, "title": meta.title, "issuer": meta.issuer,
            "letterhead": meta.letterhead, "signer": meta.signer,
            "issued": meta.issued.isoformat() if meta.issued else None,
            "place": self.header.place, "encoding": self.encoding,
            "source": str(self.source_path), "filled": self.filled,
            "counts": dict(sorted(self.counts().items())), "warnings": self.warnings,
            "dry_run": self.dry_run,
        }


def refused_record(source: str | Path, error: RegindexError) -> dict:
    """The ``--json`` record of an import that was refused: what is wrong, what to do."""
    return {"file": str(source), "action": "refused", "error": error.message,
            "where": error.location or None, "hint": error.hint}


def import_file(source: str | Path, folder: str | Path = DEFAULT_FOLDER, *,
                number: str | None = None, issued: dt.date | None = None,
                name: str | None = None, force: bool = False,
                dry_run: bool = False) -> ImportResult:
    """Import one official file or URL into ``folder``; see the module docstring."""
    original = read_original(source)
    extract = _extract(original)
    body = tidy(extract.text)
    if not body:
        raise SourceError("không tìm thấy nội dung văn bản trong tệp", file=original.name,
                          hint="Kiểm tra tệp có đúng là văn bản cần nhập; với trang web, lưu "
                               "lại trang đầy đủ (Ctrl+S) rồi nhập tệp đã lưu.")
    header, signature = _blocks(body)
    warnings = list(extract.warnings)
    identity = identify(header, original.name, number=number, name=name, issued=issued,
                        warnings=warnings)
    folder = Path(folder)
    if not dry_run:
        for directory in (folder, folder / "sources"):   # what a killed import began
            finish_writes(directory)
    existing = find_record(identity, folder, original.name)
    slug = existing.slug if existing else identity.slug
    path = existing.path if existing else folder / f"{slug}.md"
    source_path = folder / "sources" / f"{slug}{original.suffix}"
    facts = _facts(identity, header, signature)
    if existing:
        text, filled = _merge(existing, facts, body, original, source_path,
                              extract.encoding, force, warnings)
    else:
        text, filled = _new(facts, body, original, source_path, path, extract.encoding)
    document = parse_source(text, path)
    if document.text != body:
        raise RegindexError("nội dung đọc lại khác nội dung đã nhập", file=path,
                            hint="Đây là lỗi của regindex: đặt REGINDEX_DEBUG=1 và báo cho "
                                 "nhóm phát triển.")
    warnings += [str(found) for found in document.diagnostics]
    unchanged = _holds(path, text.encode("utf-8")) and _holds(source_path, original.data)
    state = "unchanged" if unchanged else "updated" if existing else "created"
    if not dry_run and not unchanged:
        # Both or neither: a record whose sha256 is not its copy's would pass for checked.
        write_together({source_path: original.data, path: text.encode("utf-8")}, folder)
    return ImportResult(original, path, source_path, text, document, state, extract.encoding,
                        header, signature, filled, warnings, dry_run)


def _holds(path: Path, data: bytes) -> bool:
    return path.is_file() and path.read_bytes() == data


def extract_original(source: str | Path) -> Extract:
    """The text of an official file or URL as its extractor gives it, before the body is
    tidied (the stored body is this, NFC, without line-end spaces or blank runs)."""
    return _extract(read_original(source))


def _extract(original: Original) -> Extract:
    if original.data.startswith(OLE_MAGIC):          # a .doc, whatever its name says
        return extract_doc(original.data, file=original.name)
    if original.data.lstrip()[:5] == PDF_MAGIC or original.suffix == ".pdf":
        return extract_pdf(original.data, file=original.name)
    if original.suffix in (".html", ".htm"):
        return extract_html(original.data, file=original.name, charset=original.charset)
    if original.suffix in (".docx", ".doc"):
        return extract_docx(original.data, file=original.name)
    return extract_text(original.data, file=original.name)


def _blocks(body: str) -> tuple[Header, Signature]:
    """What the header and signature blocks of the document itself say: those of the
    text before its appendices, forms and attached instruments, whose sample decisions
    and placeholders ("Nguyễn Văn A") sign nothing. A text whose signature has no
    marker line (a law's "CHỦ TỊCH QUỐC HỘI" and name) is read from its last lines."""
    main = []
    for node in parse_body(body).root.children:
        if node.kind in ATTACHED:
            break
        main.append(node)
    header = next((node.full_text() for node in main if node.kind == "header"), "")
    signature = Signature()
    for node in reversed([node for node in main if node.kind == "signature"]):
        if (signature := read_signature(node.full_text())).name:
            break
    if not signature.name:
        tail = "".join(node.full_text() for node in main).splitlines()[-TAIL_LINES:]
        signature = read_signature("\n".join(tail), marked=False)
    return read_header(header), signature


def _facts(identity: Identity, header: Header, signature: Signature) -> dict:
    issuer = signature.body or header.issuer
    return {
        "number": identity.number, "name": identity.name, "type": identity.type,
        "title": header.title, "issuer": issuer,
        "letterhead": header.letterhead if header.letterhead != issuer else None,
        "signer": signature.signer, "issued": identity.issued,
    }


def _source(original: Original, source_path: Path, path: Path, encoding: str, body: str,
            previous: dict | None) -> dict:
    """The ``source`` mapping; an unchanged original keeps its import date."""
    unchanged = bool(previous) and previous.get("sha256") == sha256(original.data) \
        and previous.get("body_sha256") == sha256(body)
    record = {
        "file": Path(os.path.relpath(source_path, path.parent)).as_posix(),
        "sha256": sha256(original.data),
        "url": original.url,
        "encoding": encoding,
        "body_sha256": sha256(body),
        "imported": previous.get("imported") if unchanged else dt.date.today(),
    }
    return {key: value for key, value in record.items() if value is not None}


def _new(facts: dict, body: str, original: Original, source_path: Path, path: Path,
         encoding: str) -> tuple[str, list[str]]:
    if not facts["type"]:
        raise SourceError("không nhận ra loại văn bản (QUY ĐỊNH, HƯỚNG DẪN …) ở phần đầu văn bản",
                          file=original.name,
                          hint="Tên loại văn bản phải đứng riêng một dòng trước trích yếu; hoặc "
                               f"tạo trước tệp {path.name} với number, type, issued rồi nhập lại.")
    values = {**facts, "source": _source(original, source_path, path, encoding, body, None)}
    filled = [name for name in FACTS if facts.get(name)]
    return source_file(front_matter(values), body), filled


def _merge(existing: Document, facts: dict, body: str, original: Original,
           source_path: Path, encoding: str, force: bool,
           warnings: list) -> tuple[str, list[str]]:
    """The existing record with the fields it lacked, the new ``source`` and the body."""
    path = existing.path
    old_front, old_body, body_line = split_front_matter(
        normalise_text(path.read_text(encoding="utf-8")), path)
    previous = existing.meta.source or {}
    if old_body.strip() and previous.get("body_sha256") != sha256(old_body) and not force:
        raise SourceError("nội dung văn bản trong tệp đã được sửa bằng tay (hoặc không do "
                          "regindex import ghi); không ghi đè", file=path, line=body_line,
                          hint="Giữ bản sửa: không cần nhập lại. Muốn thay bằng nội dung tệp "
                               "gốc: thêm --force (nên sao lưu tệp trước).")
    updates, filled = {}, []
    for name in FACTS:
        value, current = facts.get(name), getattr(existing.meta, name)
        if not value:
            continue
        if current in (None, "", []):
            updates[name] = value
            filled.append(name)
            if name in existing.meta.unverified:
                warnings.append(f"{name} lấy từ văn bản gốc nhưng vẫn nằm trong unverified: "
                                "xóa khỏi unverified sau khi đối chiếu")
        elif name not in ("number", "name", "issued") and _differs(current, value):
            warnings.append(f"văn bản gốc ghi {name} là {value!r}, bản ghi có sẵn ghi "
                            f"{current!r}: giữ bản ghi có sẵn")
    updates["source"] = _source(original, source_path, path, encoding, body, previous)
    return source_file(merge_front_matter(old_front, updates), body), filled


def _differs(current, value) -> bool:
    return " ".join(str(current).split()).casefold() != " ".join(str(value).split()).casefold()
