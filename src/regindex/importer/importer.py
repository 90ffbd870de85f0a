"""Importing an official file: extract its text, read its header, write its source file.

``import_file`` turns a .docx, .html or .txt the user received (or a web page) into
``regulations/<slug>.md``: the body is the document's text in its official plain layout;
the front matter takes what the header and signature blocks say, merged into the
existing record of that document without losing a field; the original is kept in
``regulations/sources/``. Nothing is written when something is wrong, or with
``dry_run``.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import RegindexError, SourceError
from ..ids import document_slug
from ..library import DEFAULT_FOLDER, number_key, read_document
from ..library.source import parse_source, split_front_matter
from ..library.values import EXPECTED, Doubtful, read_number
from ..model import Document
from ..normalise import normalise_text
from ..parse import parse_body
from ..present import vi_date
from .docx import extract_docx
from .extract import Extract, tidy
from .fetch import Original, read_original
from .header import Header, Signature, read_header, read_signature
from .html import extract_html
from .text import extract_text
from .writer import (finish_writes, front_matter, merge_front_matter, sha256, source_file,
                     write_together)

__all__ = ["import_file", "ImportResult"]

_NUMBER_FIELD = re.compile(r"""
    ^ number: [ \t]*                # the front-matter field, at the start of a line
    (?P<number> [^#\n]+ )           # its value, up to a comment
""", re.X | re.M)

FACTS = ("number", "type", "title", "issuer", "letterhead", "signer", "issued")
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

    def counts(self) -> Counter:
        """Elements found, by kind ("article", "clause", "point", "appendix" …)."""
        return Counter(node.kind for node in self.document.root.walk()
                       if node.kind not in ("document", "header", "signature"))


def import_file(source: str | Path, folder: str | Path = DEFAULT_FOLDER, *,
                number: str | None = None, issued: dt.date | None = None,
                force: bool = False, dry_run: bool = False) -> ImportResult:
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
    number = _number(number, header, original, warnings)
    folder = Path(folder)
    if not dry_run:
        for directory in (folder, folder / "sources"):   # what a killed import began
            finish_writes(directory)
    records = _records(folder, number)
    issued = _issued(issued, header, number, original, records)
    existing = _record(records, number, issued, original)
    slug = existing.slug if existing else document_slug(number, issued.year)
    path = existing.path if existing else folder / f"{slug}.md"
    if existing is None and path.exists():
        raise _taken(path, number, issued)
    source_path = folder / "sources" / f"{slug}{original.suffix}"
    facts = _facts(number, issued, header, signature)
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
                        header, signature, filled, warnings)


def _taken(path: Path, number: str, issued: dt.date) -> SourceError:
    """The error for a file name already used by another record (or an unreadable one)."""
    try:
        other = read_document(path)
    except SourceError as exc:
        return SourceError(f"đã có tệp {path.name} nhưng không đọc được: {exc.message}",
                           file=path, line=exc.line,
                           hint="Sửa tệp đó (xem `regindex check`) hoặc xóa nó, rồi nhập lại.")
    return SourceError(f"tệp {path.name} đã là bản ghi của văn bản {other.meta.ref}, cùng mã "
                       f"{path.stem} với văn bản {number} ngày {vi_date(issued)}", file=path,
                       hint="Hai số hiệu chỉ khác nhau ở dấu hay ký tự ngăn cách cho cùng một "
                            "mã: kiểm tra số hiệu (--number) và số hiệu ghi trong tệp đó.")


def _holds(path: Path, data: bytes) -> bool:
    return path.is_file() and path.read_bytes() == data


def _extract(original: Original) -> Extract:
    if original.suffix in (".html", ".htm"):
        return extract_html(original.data, file=original.name, charset=original.charset)
    if original.suffix == ".docx":
        return extract_docx(original.data, file=original.name)
    return extract_text(original.data, file=original.name)


def _blocks(body: str) -> tuple[Header, Signature]:
    """What the header and signature blocks of the parsed body say."""
    tree = parse_body(body).root
    found = {node.kind: node.full_text() for node in tree.children
             if node.kind in ("header", "signature")}
    return read_header(found.get("header", "")), read_signature(found.get("signature", ""))


def _number(given: str | None, header: Header, original: Original, warnings: list) -> str:
    if given:
        given = "".join(normalise_text(given).split())
        try:
            given = read_number(given)
        except Doubtful as doubt:
            warnings.append(str(doubt))
        except ValueError as exc:
            raise SourceError(f"--number: {exc}", file=original.name,
                              hint=EXPECTED["number"].replace("number: ", "--number ")) from None
        if header.number and header.number != given:
            warnings.append(f"phần đầu văn bản ghi số {header.number}, đã dùng số {given} "
                            "theo --number")
        return given
    if header.number:
        return header.number
    raise SourceError("không tìm thấy số hiệu văn bản (dòng \"Số …\") ở phần đầu văn bản",
                      file=original.name,
                      hint="Ghi rõ số hiệu, ví dụ: regindex import TỆP --number 124-QĐ/TW")


def _records(folder: Path, number: str) -> list[Document]:
    """The documents of ``folder`` with this number: only files whose front matter may
    hold it are parsed, so that importing into a large folder stays quick."""
    key = number_key(number)
    paths = sorted(folder.rglob("*.md")) if folder.is_dir() else []
    found = []
    for path in paths:
        if "sources" in path.relative_to(folder).parts:
            continue
        written = _NUMBER_FIELD.search(path.read_text(encoding="utf-8", errors="replace"))
        if written and number_key(written["number"].strip("'\" ")) == key:
            try:
                found.append(read_document(path))
            except SourceError:
                continue        # an unreadable file: reported if it is in the way
    return [document for document in found if number_key(document.number) == key]


def _issued(given: dt.date | None, header: Header, number: str, original: Original,
            records: list[Document]) -> dt.date:
    if given or header.issued:
        return given or header.issued
    if header.dates:
        what = ("phần đầu văn bản có nhiều ngày ban hành: "
                + ", ".join(vi_date(day) for day in header.dates))
    else:
        what = "không tìm thấy ngày ban hành (\"…, ngày … tháng … năm …\") ở phần đầu văn bản"
    choices = [f"--issued {doc.meta.issued} (bản ghi {doc.path.name})"
               for doc in records if doc.meta.issued]
    choices = choices or [f"--issued {day}" for day in header.dates] or ["--issued YYYY-MM-DD"]
    raise SourceError(what, file=original.name,
                      hint=f"Ghi rõ ngày ban hành của văn bản {number}: {'; '.join(choices)}")


def _record(records: list[Document], number: str, issued: dt.date,
            original: Original) -> Document | None:
    found = [document for document in records if document.meta.issued == issued]
    if len(found) > 1:
        raise SourceError(f"có {len(found)} bản ghi cùng văn bản {number} ngày {vi_date(issued)}: "
                          + ", ".join(str(doc.path) for doc in found), file=original.name,
                          hint="Gộp các bản ghi đó thành một (xem `regindex check`) rồi nhập lại.")
    return found[0] if found else None


def _facts(number: str, issued: dt.date, header: Header, signature: Signature) -> dict:
    issuer = signature.body or header.issuer
    return {
        "number": number, "type": header.type, "title": header.title, "issuer": issuer,
        "letterhead": header.letterhead if header.letterhead != issuer else None,
        "signer": signature.signer, "issued": issued,
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
        elif name not in ("number", "issued") and _differs(current, value):
            warnings.append(f"văn bản gốc ghi {name} là {value!r}, bản ghi có sẵn ghi "
                            f"{current!r}: giữ bản ghi có sẵn")
    updates["source"] = _source(original, source_path, path, encoding, body, previous)
    return source_file(merge_front_matter(old_front, updates), body), filled


def _differs(current, value) -> bool:
    return " ".join(str(current).split()).casefold() != " ".join(str(value).split()).casefold()
