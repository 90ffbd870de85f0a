"""`regindex check`: everything wrong with a regulations folder, each with file and line."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from pathlib import Path

from .importer.writer import write_atomic
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
    found += _check_cycles(library)
    return sorted(found, key=lambda d: (d.level != "error", d.file or "", d.line or 0))


def fix_files(folder: Path) -> list[Path]:
    """Rewrite files that are not in canonical form (BOM, CRLF, NFD …); return them.
    A file that is not UTF-8 is left as it is: checking reports it, with what to do."""
    fixed = []
    for path in sorted(Path(folder).rglob("*.md")):
        try:
            raw = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            continue
        clean = normalise_text(raw)
        if clean != raw:
            write_atomic(path, clean.encode("utf-8"), folder)
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
    found += _check_source_copy(document)
    if document.path and meta.issued and document.path.stem != document.slug:
        found.append(_at(document, "number", "warning",
                         f"tên tệp {document.path.name} khác mã văn bản {document.slug}",
                         f"Đổi tên tệp thành {document.slug}.md để đường dẫn ổn định."))
    return found


def _check_source_copy(document: Document) -> list[Diagnostic]:
    """The copy of the original beside the record is the one the record's sha256 names:
    an import that wrote one and not the other must not pass for checked."""
    source = document.meta.source or {}
    if not (source.get("file") and source.get("sha256") and document.path):
        return []
    copy = document.path.parent / source["file"]
    try:
        data = copy.read_bytes()
    except OSError:
        return [_at(document, "source", "warning", f"không đọc được bản gốc {source['file']}",
                    "Chép lại tệp gốc vào đó, hoặc nhập lại bằng `regindex import TỆP`.")]
    if hashlib.sha256(data).hexdigest() == source["sha256"]:
        return []
    return [_at(document, "source", "error",
                f"bản gốc {source['file']} không phải tệp mà bản ghi ghi nhận (sha256 khác)",
                f"Nhập lại tệp gốc: regindex import {copy} (bản ghi và bản gốc sẽ khớp nhau).")]


def _check_relations(document: Document, library: Library) -> list[Diagnostic]:
    if document.meta.issued is None:
        return []       # no identity yet: its own error says to write the issue date first
    unreadable = [Path(d.file).name for d in library.diagnostics if d.file]
    found = []
    for field, reverse in RECIPROCAL.items():
        for ref in getattr(document.meta, field):
            matches = library.find(ref.number, ref.issued)
            if not matches:
                if any(other.meta.issued is None for other in library.find(ref.number)):
                    continue    # that document's own error (no valid issue date) says it
                found.append(_at(document, field, "error",
                                 f"'{field}' trỏ tới {ref} nhưng không có văn bản này trong thư mục"
                                 + (f" (hoặc nó nằm trong tệp đang lỗi: {', '.join(unreadable)})"
                                    if unreadable else ""),
                                 "Thêm bản ghi cho văn bản đó (có thể chỉ có thông tin, chưa có "
                                 "nội dung), hoặc sửa số hiệu và ngày ban hành."))
                continue
            if len(matches) > 1:
                found.append(_at(document, field, "error",
                                 f"'{field}' trỏ tới {ref} nhưng có {len(matches)} văn bản cùng số",
                                 "Ghi kèm ngày ban hành: {number: …, issued: YYYY-MM-DD}."))
                continue
            other = matches[0]
            if other is document:
                found.append(_at(document, field, "error",
                                 f"văn bản tự ghi '{field}' chính nó ({ref})",
                                 f"Xóa {ref.number} khỏi '{field}': quan hệ phải nối hai văn "
                                 "bản khác nhau."))
                continue
            if other.meta.issued is not None and \
                    not any(_same(back, document) for back in getattr(other.meta, reverse)):
                found.append(_at(document, field, "error",
                                 f"quan hệ một chiều: {document.number} ghi '{field}' {ref} "
                                 f"nhưng {other.path.name} không ghi '{reverse}' {document.ref}",
                                 f"Thêm vào {other.path.name}: {reverse}: - {{number: "
                                 f"{document.number}, issued: {document.meta.issued}}}"))
    return found


# Relations that order documents in time: following them must never come back.
ORDERED = ("replaces", "guides")


def _check_cycles(library: Library) -> list[Diagnostic]:
    """A document that (through others) replaces or guides itself: A replaces B and B
    replaces A, or A → B → C → A. Each cycle is reported once, on one of its files."""
    found = []
    for field in ORDERED:
        reverse = RECIPROCAL[field]
        edges: dict[int, list[Document]] = defaultdict(list)
        for document in library.documents:
            for ref in getattr(document.meta, field):
                edges[id(document)].append(library.get(ref))
            for ref in getattr(document.meta, reverse):
                target = library.get(ref)
                if target is not None:
                    edges[id(target)].append(document)
        for cycle in _cycles(library.documents, edges):
            chain = " → ".join(d.number for d in [*cycle, cycle[0]])
            found.append(_at(cycle[0], field, "error", f"quan hệ '{field}' thành vòng: {chain}",
                             f"Một văn bản không thể ({field}) chính nó qua văn bản khác: sửa "
                             f"'{field}'/'{reverse}' trong các tệp "
                             + ", ".join(sorted({d.path.name for d in cycle})) + "."))
    return found


def _cycles(documents: list[Document], edges) -> list[list[Document]]:
    """One cycle per back edge of a depth-first walk (iterative: chains may be long)."""
    state: dict[int, str] = {}         # "open" on the current path, "done" after
    cycles = []
    for root in documents:
        if id(root) in state:
            continue
        state[id(root)] = "open"
        path, stack = [root], [(root, iter(edges[id(root)]))]
        while stack:
            document, nexts = stack[-1]
            other = next(nexts, False)
            if other is False:
                stack.pop()
                path.pop()
                state[id(document)] = "done"
            elif other is None or other is document:
                continue                 # unresolved, or a self relation (reported apart)
            elif state.get(id(other)) == "open":
                cycles.append(path[path.index(other):])
            elif id(other) not in state:
                state[id(other)] = "open"
                path.append(other)
                stack.append((other, iter(edges[id(other)])))
    return cycles


def _same(ref, document: Document) -> bool:
    return number_key(ref.number) == number_key(document.number) and \
        (ref.issued is None or ref.issued == document.meta.issued)


def _check_identities(library: Library) -> list[Diagnostic]:
    by_identity = defaultdict(list)
    for document in library.documents:
        by_identity[document.slug].append(document)
    found = []
    for slug, documents in by_identity.items():
        first = documents[0]
        for document in documents[1:]:
            if _same(first.meta.ref, document):
                found.append(_at(document, "number", "error",
                                 f"trùng văn bản: {document.ref} đã có ở {first.path}",
                                 "Mỗi văn bản (số hiệu + ngày ban hành) chỉ có một tệp: gộp "
                                 "hai tệp."))
            else:       # two numbers written apart that make one page: one would be lost
                found.append(_at(document, "number", "error",
                                 f"trùng mã trang {slug}: {document.ref} và {first.ref} "
                                 f"({first.path}) chỉ khác nhau ở dấu hay ký tự ngăn cách",
                                 "Kiểm tra số hiệu của hai tệp: ghi đúng như trên văn bản."))
    return found
