"""A folder of regulation source files, loaded, with look-ups by identity."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import RegindexError, SourceError
from ..model import Diagnostic, DocRef, Document
from ..ids import fold
from .source import read_document

__all__ = ["Library", "number_key", "DEFAULT_FOLDER"]

DEFAULT_FOLDER = Path("regulations")


def number_key(number: str) -> str:
    """Comparable form of a document number: "124-qđ/tw" and "124-QD/TW" are one."""
    return fold(number).upper().replace(" ", "").replace("–", "-")


@dataclass
class Library:
    """Every document of a folder (recursively, ``*.md`` except under ``sources/``)."""

    folder: Path
    documents: list[Document] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)   # files that could not load

    @classmethod
    def load(cls, folder: Path | str = DEFAULT_FOLDER) -> "Library":
        folder = Path(folder)
        if not folder.is_dir():
            raise RegindexError(f"không tìm thấy thư mục văn bản: {folder}",
                                hint="Chạy lệnh trong thư mục dự án, hoặc chỉ rõ thư mục, "
                                     "ví dụ: regindex check regulations/")
        library = cls(folder)
        for path in sorted(folder.rglob("*.md")):
            if "sources" in path.relative_to(folder).parts:
                continue
            try:
                library.documents.append(read_document(path))
            except SourceError as exc:
                library.diagnostics.append(
                    Diagnostic("error", exc.message, exc.file, exc.line, exc.hint))
        return library

    def find(self, number: str, issued=None) -> list[Document]:
        """Documents with this number (and issue date, when given)."""
        key = number_key(number)
        return [doc for doc in self.documents
                if number_key(doc.number) == key and (issued is None or doc.meta.issued == issued)]

    def get(self, ref: DocRef) -> Document | None:
        """The one document a reference names; None when none or several match."""
        found = self.find(ref.number, ref.issued)
        return found[0] if len(found) == 1 else None

    def by_slug(self, slug: str) -> Document | None:
        return next((doc for doc in self.documents if doc.slug == slug), None)

    def lookup(self, text: str) -> Document:
        """A document by slug, number ("124-QĐ/TW", "124-qd-tw") or alias, for the CLI."""
        text = text.strip()
        found = self.by_slug(text.removesuffix(".html"))
        if found:
            return found
        candidates = self.find(text) or [
            doc for doc in self.documents
            if number_key(text) in {number_key(a) for a in doc.meta.aliases}
            or doc.slug.startswith(number_key(text).lower().replace("/", "-") + "-")]
        if len(candidates) == 1:
            return candidates[0]
        if not candidates:
            raise RegindexError(f"không có văn bản nào mang số hiệu hoặc mã {text!r}",
                                hint="Xem danh sách văn bản bằng `regindex show` (không ghi số hiệu).")
        raise RegindexError(
            f"số hiệu {text!r} ứng với nhiều văn bản: "
            + ", ".join(f"{doc.slug} ({doc.ref})" for doc in candidates),
            hint="Số hiệu lặp lại giữa các nhiệm kỳ: dùng mã có năm, ví dụ "
                 f"{candidates[0].slug}.")
