"""Which document an imported text is: its identity from its own header, never its body.

A document is its number and issue date ("124-QĐ/TW", 2023-10-04), or, for a document
without a number (Điều lệ Đảng, Cương lĩnh, some Thông báo), its name and issue date.
Both come from the header block only: the body cites other documents with their
numbers and dates, and a text must never be filed as one it cites. What the user says
(``--number``, ``--issued``, ``--name``) fills what the header leaves out, and is
refused where it contradicts the header; an existing record whose number, type or issue
date differs from the text's own is refused too, naming both, and the message never
suggests a fix that would write the text into another document's record.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import SourceError
from ..ids import document_slug
from ..library import number_key, read_document
from ..library.values import EXPECTED, Doubtful, read_number
from ..model import Document
from ..normalise import normalise_text
from ..present import vi_date
from .header import Header

__all__ = ["Identity", "identify", "find_record"]

_DESIGNATION_FIELD = re.compile(r"""
    ^ (?: number | name ) : [ \t]*  # the front-matter field, at the start of a line
    (?P<value> [^#\n]+ )            # its value, up to a comment
""", re.X | re.M)


@dataclass(frozen=True)
class Identity:
    """Who the text is: number (or name), type and issue date."""

    number: str | None
    name: str | None
    type: str | None
    issued: dt.date

    @property
    def designation(self) -> str:
        return self.number or self.name or ""

    @property
    def slug(self) -> str:
        return document_slug(self.designation, self.issued.year)

    def __str__(self) -> str:
        what = f"{self.type or 'văn bản'} số {self.number}" if self.number else self.name
        return f"{what}, ngày {vi_date(self.issued)}"


def identify(header: Header, file: str, *, number: str | None = None,
             name: str | None = None, issued: dt.date | None = None,
             warnings: list[str]) -> Identity:
    """The identity of a text from its header, with what the user gave; ``SourceError``
    where they disagree or the header leaves it unknown."""
    number = _number(header, file, number, name, warnings)
    name = None if number else (" ".join(normalise_text(name).split()) if name else header.name)
    if not number and not name:
        raise SourceError("không tìm thấy số hiệu văn bản (dòng \"Số …\") ở phần đầu văn bản",
                          file=file,
                          hint="Văn bản có số hiệu: ghi rõ số hiệu in trên văn bản, ví dụ "
                               "--number 124-QĐ/TW. Văn bản không có số hiệu (như Điều lệ "
                               "Đảng): ghi tên gọi, ví dụ --name \"Điều lệ Đảng\".")
    return Identity(number, name, header.type, _issued(header, file, issued, warnings))


def _number(header: Header, file: str, given: str | None, name: str | None,
            warnings: list[str]) -> str | None:
    if header.blank_number:
        raise SourceError(f"phần đầu văn bản để trống số hiệu (\"{header.blank_number}\"): đây "
                          "là bản dự thảo hoặc văn bản chưa vào sổ, chưa phải văn bản đã ban "
                          "hành", file=file,
                          hint="Nhập bản chính thức đã có số hiệu. Số hiệu của các văn bản được "
                               "trích dẫn trong nội dung không phải số hiệu của văn bản này.")
    if given:
        given = "".join(normalise_text(given).split())
        try:
            given = read_number(given)
        except Doubtful as doubt:
            warnings.append(str(doubt))
        except ValueError as exc:
            raise SourceError(f"--number: {exc}", file=file,
                              hint=EXPECTED["number"].replace("number: ", "--number ")) from None
        if header.number and number_key(header.number) != number_key(given):
            raise SourceError(f"phần đầu văn bản ghi số {header.number}, khác số {given} ghi "
                              "trong --number", file=file,
                              hint=f"Kiểm tra lại tệp: nếu đúng là văn bản {header.number}, "
                                   "bỏ --number; nếu không, chọn đúng tệp của văn bản "
                                   f"{given}.")
        if not header.number:
            warnings.append(f"phần đầu văn bản không ghi số hiệu: dùng số {given} theo --number")
        return header.number or given
    if name and header.number:
        raise SourceError(f"văn bản này có số hiệu {header.number}: --name chỉ dùng cho văn bản "
                          "không có số hiệu", file=file,
                          hint="Bỏ --name; tên gọi khác của văn bản ghi vào 'aliases' của bản "
                               "ghi.")
    return header.number


def _issued(header: Header, file: str, given: dt.date | None, warnings: list[str]) -> dt.date:
    if given and header.issued and given != header.issued:
        raise SourceError(f"phần đầu văn bản ghi ngày ban hành {vi_date(header.issued)}, khác "
                          f"ngày {vi_date(given)} ghi trong --issued", file=file,
                          hint="Kiểm tra lại tệp: nếu ngày in trên văn bản là đúng, bỏ "
                               "--issued.")
    if given:
        if not header.issued:
            warnings.append(f"phần đầu văn bản không ghi rõ ngày ban hành: dùng ngày "
                            f"{vi_date(given)} theo --issued")
        return given
    if header.issued:
        return header.issued
    if header.dates:
        raise SourceError("phần đầu văn bản có nhiều ngày ban hành: "
                          + ", ".join(vi_date(day) for day in header.dates), file=file,
                          hint="Ghi rõ ngày ban hành in trên văn bản: "
                               + "; ".join(f"--issued {day}" for day in header.dates))
    raise SourceError("không tìm thấy ngày ban hành (\"…, ngày … tháng … năm …\") ở phần đầu "
                      "văn bản", file=file,
                      hint="Ghi rõ ngày ban hành in trên văn bản gốc: --issued YYYY-MM-DD.")


def find_record(identity: Identity, folder: Path, file: str) -> Document | None:
    """The folder's record of this document, or None for a new one; ``SourceError`` when
    a record of the same number (or name) and year disagrees with the text."""
    key = number_key(identity.designation)
    same = [doc for doc in _records(folder, key) if doc.meta.issued == identity.issued]
    if len(same) > 1:
        raise SourceError(f"có {len(same)} bản ghi cùng văn bản {identity}: "
                          + ", ".join(str(doc.path) for doc in same), file=file,
                          hint="Gộp các bản ghi đó thành một (xem `regindex check`) rồi nhập lại.")
    if same:
        record = same[0]
        if identity.type and record.meta.type and \
                _words(record.meta.type) != _words(identity.type):
            raise SourceError(f"văn bản gốc là {identity}, nhưng bản ghi {record.path.name} "
                              f"ghi loại văn bản là {record.meta.type}", file=file,
                              hint=f"Đối chiếu bản ghi {record.path.name} với văn bản gốc; "
                                   "chưa nhập gì. Chỉ khi chắc chắn bản ghi là của chính văn "
                                   "bản này mà ghi sai loại mới sửa trường type của nó.")
        return record
    path = folder / f"{identity.slug}.md"
    if path.exists():
        try:
            record = read_document(path)
        except SourceError as exc:
            raise SourceError(f"đã có tệp {path.name} nhưng không đọc được: {exc.message}",
                              file=path, line=exc.line,
                              hint="Sửa tệp đó (xem `regindex check`) hoặc xóa nó, rồi nhập "
                                   "lại.") from None
        raise SourceError(f"văn bản gốc là {identity}, nhưng bản ghi {path.name} là "
                          f"{record.name}, ngày {vi_date(record.meta.issued)}", file=file,
                          hint=f"Đây là hai văn bản khác nhau, hoặc bản ghi {path.name} ghi sai; "
                               "chưa nhập gì. Đối chiếu bản ghi với văn bản gốc: chỉ khi chắc "
                               "chắn bản ghi là của chính văn bản này mới sửa ngày trong đó.")
    return None


def _records(folder: Path, key: str) -> list[Document]:
    """The documents of ``folder`` with this number or name: only files whose front
    matter may hold it are parsed, so that importing into a large folder stays quick."""
    paths = sorted(folder.rglob("*.md")) if folder.is_dir() else []
    found = []
    for path in paths:
        if "sources" in path.relative_to(folder).parts:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if any(number_key(m["value"].strip("'\" ")) == key
               for m in _DESIGNATION_FIELD.finditer(text)):
            try:
                found.append(read_document(path))
            except SourceError:
                continue        # an unreadable file: reported if it is in the way
    return [document for document in found if number_key(document.number) == key]


def _words(text: str) -> str:
    return " ".join(text.split()).casefold()
