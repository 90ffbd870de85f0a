"""The facts printed on a document: its header block and its signature block.

The header of a Party text (before its first article or section) carries the issuing
body ("BAN CHẤP HÀNH TRUNG ƯƠNG"), the number ("Số 124-QĐ/TW"), place and date
("Hà Nội, ngày 04 tháng 10 năm 2023"), the type ("QUY ĐỊNH") and the title; the
signature block carries "T/M <body>" or "K/T <office>", the signer's office and name.
Lines may hold several table cells separated by tabs; each cell is read on its own.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..vocabulary import DOCUMENT_TYPES, document_number

__all__ = ["Header", "Signature", "read_header", "read_signature", "body_name", "office_name"]

BODIES = {name.upper(): name for name in (
    "Ban Chấp hành Trung ương",
    "Bộ Chính trị",
    "Ban Bí thư",
    "Ban Tổ chức Trung ương",
    "Ủy ban Kiểm tra Trung ương",
    "Ban Tuyên giáo Trung ương",
    "Ban Tuyên giáo và Dân vận Trung ương",
    "Ban Dân vận Trung ương",
    "Ban Nội chính Trung ương",
    "Ban Đối ngoại Trung ương",
    "Ban Kinh tế Trung ương",
    "Ban Chính sách, chiến lược Trung ương",
    "Văn phòng Trung ương Đảng",
    "Đảng ủy Khối các cơ quan Trung ương",
    "Ban Biên tập regindex",           # the project's illustrative texts
)}
"""Bodies that issue Party texts, as their names are written in running text (headers
and signature blocks print them in capitals). Others are kept as printed."""

OFFICES = {name.upper(): name for name in (
    "Tổng Bí thư", "Thường trực Ban Bí thư", "Bí thư", "Phó Bí thư", "Phó Bí thư Thường trực",
    "Trưởng ban", "Phó Trưởng ban", "Chủ nhiệm", "Phó Chủ nhiệm", "Chánh Văn phòng",
    "Phó Chánh Văn phòng",
)}
"""Offices of signers, as written in running text; others are written in sentence case."""

MOTTOS = ("ĐẢNG CỘNG SẢN VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
          "ĐỘC LẬP - TỰ DO - HẠNH PHÚC")
"""Lines of the header that name no issuing body."""

SIGNED = re.compile(r"""
    [(\[]? \s*                                  # "(" or "["
    (?: đã \s+ ký (?: \s+ và \s+ đóng \s+ dấu )? | ký \s+ tên )   # "đã ký", "ký tên"
    \s* [)\]]?
""", re.X | re.I)
"""The "(đã ký)" line that stands for the signature itself."""

_NUMBER = re.compile(r"""
    Số [ \t]* :? [ \t]*                          # "Số", "Số:"
    (?P<number>""" + document_number(gap=r"[ \t]*") + r""")   # vocabulary.DOCUMENT_NUMBER
""", re.X)

_DATE = re.compile(r"""
    (?: (?P<place> [^\W\d_] [^\d,;:()]{0,40}? ) , [ \t]* )?   # "Hà Nội, "
    ngày [ \t]+ (?P<day>\d{1,2}) [ \t]+                        # "ngày 04"
    tháng [ \t]+ (?P<month>\d{1,2}) [ \t]+                     # "tháng 10"
    năm [ \t]+ (?P<year>\d{4})                                 # "năm 2023"
""", re.X | re.I)

_MARKER = re.compile(r"""
    (?P<marker> T[./]?M | K[./]?T | TL | TUQ | Q ) \.? [ \t]+  # "T/M", "TM.", "K/T", "TL."
    (?P<for> \S .* )                                          # "BỘ CHÍNH TRỊ", "TRƯỞNG BAN"
""", re.X)

_SEPARATOR = re.compile(r"[-–—_*=.\s]*")


@dataclass(frozen=True)
class Header:
    """What the header block says (None where it says nothing)."""

    letterhead: str | None = None        # every line of it: "Đảng bộ tỉnh X - Huyện ủy Y"
    issuer: str | None = None            # its last line: the body that issues
    number: str | None = None
    place: str | None = None
    issued: dt.date | None = None
    dates: tuple[dt.date, ...] = ()      # every issue date found: more than one is ambiguous
    type: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class Signature:
    """Who signed: for which body (T/M), in which office, and the name."""

    body: str | None = None
    office: str | None = None
    name: str | None = None

    @property
    def signer(self) -> str | None:
        """"Trần Văn Ví Dụ (Trưởng ban)", as the ``signer`` field is written."""
        if not self.name:
            return None
        return f"{self.name} ({self.office})" if self.office else self.name


def _cells(text: str) -> list[str]:
    return [cell.strip() for line in text.splitlines() for cell in line.split("\t")
            if cell.strip()]


def _is_capitals(cell: str) -> bool:
    return cell == cell.upper() and any(c.isalpha() for c in cell)


def body_name(printed: str) -> str:
    """A body as written in running text ("BỘ CHÍNH TRỊ" → "Bộ Chính trị"); one not in
    ``BODIES`` as printed (its proper nouns cannot be told)."""
    printed = " ".join(printed.split())
    return BODIES.get(printed.upper(), printed)


def office_name(printed: str) -> str:
    """An office as written in running text ("TRƯỞNG BAN" → "Trưởng ban"); one not in
    ``OFFICES`` and printed in capitals in sentence case."""
    printed = " ".join(printed.split())
    if printed.upper() in OFFICES:
        return OFFICES[printed.upper()]
    return printed[:1] + printed[1:].lower() if _is_capitals(printed) else printed


def read_header(text: str) -> Header:
    """The facts of a header block (the text before the first article or section)."""
    cells = _cells(text)
    number_at = next((i for i, cell in enumerate(cells) if _NUMBER.match(cell)), None)
    type_at = next((i for i, cell in enumerate(cells) if _document_type(cell)), None)
    number = _number(cells[number_at]) if number_at is not None else _any_number(cells)
    dated = [(m, i) for i, cell in enumerate(cells) if (m := _DATE.match(cell))]
    placed = [m for m, _ in dated if m["place"]] or [m for m, _ in dated]
    dates = tuple(dict.fromkeys(d for m in placed if (d := _date(m))))
    end = min(i for i in (number_at, type_at, dated[0][1] if dated else None, len(cells))
              if i is not None)
    letterhead = [body_name(cell) for cell in cells[:end] if _is_capitals(cell)
                  and cell.upper() not in MOTTOS and not _SEPARATOR.fullmatch(cell)]
    return Header(
        letterhead=" - ".join(letterhead) or None,
        issuer=letterhead[-1] if letterhead else None,
        number=number,
        place=next((" ".join(m["place"].split()) for m in placed if m["place"]), None),
        issued=dates[0] if len(dates) == 1 else None,
        dates=dates,
        type=_document_type(cells[type_at]) if type_at is not None else None,
        title=_title(cells[type_at + 1:]) if type_at is not None else None,
    )


def _document_type(cell: str) -> str | None:
    """"Quy định" for a cell that is only "QUY ĐỊNH" (the type line)."""
    folded = " ".join(cell.split()).casefold()
    return next((kind for kind in DOCUMENT_TYPES if kind.casefold() == folded), None)


def _number(cell: str) -> str | None:
    match = _NUMBER.match(cell) or _NUMBER.search(cell)
    return re.sub(r"[ \t]+", "", match["number"]) if match else None


def _any_number(cells: list[str]) -> str | None:
    """A number written inside a line ("Quy định số 05-QĐ/MH"), when no "Số …" line."""
    for cell in cells:
        if match := re.search(r"\bsố[ \t]+(?=\d)", cell, re.I):
            if number := _number("Số " + cell[match.end():]):
                return number
    return None


def _date(match: re.Match) -> dt.date | None:
    try:
        return dt.date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        return None


def _title(cells: list[str]) -> str | None:
    """The line after the type line, and the lines continuing it (lower case, "(")."""
    if not cells or _SEPARATOR.fullmatch(cells[0]) or cells[0].startswith(("Căn cứ", "-")):
        return None
    parts = [cells[0]]
    for cell in cells[1:]:
        if not (cell[0].islower() or cell[0] == "("):
            break
        parts.append(cell)
    return " ".join(" ".join(parts).split())


def read_signature(text: str) -> Signature:
    """The facts of a signature block ("T/M BỘ CHÍNH TRỊ … (đã ký) … name")."""
    cells = [cell for cell in _cells(text) if not cell.startswith(("-", "+", "Nơi nhận"))]
    at = next((i for i, cell in enumerate(cells) if _MARKER.fullmatch(cell)), None)
    signing = cells[at:] if at is not None else cells
    body = None
    if at is not None:
        match = _MARKER.fullmatch(cells[at])
        if re.sub("[./]", "", match["marker"]) == "TM":    # K/T names the head's office
            body = body_name(match["for"])
        signing = signing[1:]
    names = [i for i, cell in enumerate(signing) if _is_person(cell)]
    name = signing[names[-1]] if names else None
    offices = [cell for cell in signing[:names[-1] if names else len(signing)]
               if not SIGNED.fullmatch(cell)]
    office = office_name(offices[-1]) if offices else None
    return Signature(body=body, office=office, name=name)


def _is_person(cell: str) -> bool:
    """"Trần Văn Ví Dụ": two to six capitalised words of letters."""
    words = cell.split()
    return 2 <= len(words) <= 6 and all(
        word.isalpha() and word[0].isupper() and (len(word) == 1 or word[1:].islower())
        for word in words)
