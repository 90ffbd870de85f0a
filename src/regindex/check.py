"""`regindex check`: everything wrong with a regulations folder, each with file and line."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

from .library import RECIPROCAL, Library, number_key
from .model import Diagnostic, Document
from .normalise import normalise_text

__all__ = ["check_library", "fix_files"]


# A status checked longer ago than this may no longer be true (texts are replaced often).
CHECKED_AGE = dt.timedelta(days=365)


def check_library(library: Library, today: dt.date | None = None) -> list[Diagnostic]:
    """Loading, parsing, identity and relation problems, errors first then by file."""
    found = list(library.diagnostics)
    for document in library.documents:
        found += document.diagnostics
        found += _check_metadata(document, today or dt.date.today())
        found += _check_relations(document, library)
    found += _check_identities(library)
    return sorted(found, key=lambda d: (d.level != "error", d.file or "", d.line or 0))


def fix_files(folder: Path) -> list[Path]:
    """Rewrite files that are not in canonical form (BOM, CRLF, NFD …); return them."""
    fixed = []
    for path in sorted(Path(folder).rglob("*.md")):
        raw = path.read_bytes().decode("utf-8", errors="strict")
        clean = normalise_text(raw)
        if clean != raw:
            path.write_text(clean, encoding="utf-8", newline="\n")
            fixed.append(path)
    return fixed


def _at(document: Document, key: str, level: str, message: str, hint: str) -> Diagnostic:
    return Diagnostic(level, message, str(document.path), document.field_lines.get(key, 1), hint)


def _check_metadata(document: Document, today: dt.date) -> list[Diagnostic]:
    meta, found = document.meta, []
    if meta.checked and today - meta.checked > CHECKED_AGE:
        found.append(_at(document, "checked", "warning",
                         f"tình trạng được kiểm tra lần cuối ngày {meta.checked:%d/%m/%Y}, "
                         "đã quá một năm",
                         "Đối chiếu lại tình trạng, ngày hết hiệu lực và văn bản thay thế với "
                         "nguồn chính thức (sources), rồi ghi checked: ngày kiểm tra."))
    if meta.replaced_by and meta.status == "in-force":
        found.append(_at(document, "status", "warning",
                         "văn bản đã bị thay thế (replaced_by) nhưng tình trạng là còn hiệu lực",
                         "Sửa status thành expired (hoặc partly-expired) và ghi expired_on."))
    if meta.status in ("expired", "partly-expired") and not meta.expired_on \
            and "expired_on" not in meta.unverified:
        found.append(_at(document, "status", "warning",
                         "văn bản hết hiệu lực nhưng chưa ghi ngày hết hiệu lực (expired_on)",
                         "Ghi expired_on: YYYY-MM-DD, hoặc thêm expired_on vào unverified."))
    if document.path and meta.issued and document.path.stem != document.slug:
        found.append(_at(document, "number", "warning",
                         f"tên tệp {document.path.name} khác mã văn bản {document.slug}",
                         f"Đổi tên tệp thành {document.slug}.md để đường dẫn ổn định."))
    return found


def _check_relations(document: Document, library: Library) -> list[Diagnostic]:
    found = []
    for field, reverse in RECIPROCAL.items():
        for ref in getattr(document.meta, field):
            matches = library.find(ref.number, ref.issued)
            if not matches:
                found.append(_at(document, field, "error",
                                 f"'{field}' trỏ tới {ref} nhưng không có văn bản này trong thư mục",
                                 "Thêm bản ghi cho văn bản đó (có thể chỉ có thông tin, chưa có "
                                 "nội dung), hoặc sửa số hiệu và ngày ban hành."))
                continue
            if len(matches) > 1:
                found.append(_at(document, field, "error",
                                 f"'{field}' trỏ tới {ref} nhưng có {len(matches)} văn bản cùng số",
                                 "Ghi kèm ngày ban hành: {number: …, issued: YYYY-MM-DD}."))
                continue
            other = matches[0]
            if not any(_same(back, document) for back in getattr(other.meta, reverse)):
                found.append(_at(document, field, "error",
                                 f"quan hệ một chiều: {document.number} ghi '{field}' {ref} "
                                 f"nhưng {other.path.name} không ghi '{reverse}' {document.ref}",
                                 f"Thêm vào {other.path.name}: {reverse}: - {{number: "
                                 f"{document.number}, issued: {document.meta.issued}}}"))
    return found


def _same(ref, document: Document) -> bool:
    return number_key(ref.number) == number_key(document.number) and \
        (ref.issued is None or ref.issued == document.meta.issued)


def _check_identities(library: Library) -> list[Diagnostic]:
    by_identity = defaultdict(list)
    for document in library.documents:
        by_identity[document.slug].append(document)
    found = []
    for slug, documents in by_identity.items():
        for document in documents[1:]:
            found.append(_at(document, "number", "error",
                             f"trùng văn bản: {document.ref} đã có ở {documents[0].path}",
                             "Mỗi văn bản (số hiệu + ngày ban hành) chỉ có một tệp: gộp hai tệp."))
    return found
