"""The facts printed on a document: its header block and its signature block.

The header of an official text (before its first article or section) is a two-column
table: the issuing body ("BAN CHẤP HÀNH TRUNG ƯƠNG") and the number ("Số 124-QĐ/TW")
on the left; the Party or national motto and the place and date ("Hà Nội, ngày 04
tháng 10 năm 2023") on the right; then the type ("QUY ĐỊNH") and the title. Files lay
the table out in every way: cells on lines of their own, cells joined by tabs or
spaces, a cell's text wrapped over two lines ("BAN CHẤP HÀNH" / "TRUNG ƯƠNG", "Hà Nội,
ngày 19" / "tháng 11 năm 2025"). The signature block carries "T/M <body>", "K/T
<office>", the signer's office and name, in a table or not, on lines of their own or
on one line ("T/M BAN BÍ THƯ Trần Cẩm Tú").

Only the header's own lines give the number and the date: never a line of the body,
which cites other documents with theirs.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..normalise import analysis_form
from ..vocabulary import DOCUMENT_TYPES, document_number

__all__ = ["Header", "Signature", "read_header", "read_signature", "body_name", "office_name"]

BODIES_WRITTEN = (
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
    "Đại hội đại biểu toàn quốc",
    "Quốc hội",
    "Ủy ban Thường vụ Quốc hội",
    "Chính phủ",
    "Thủ tướng Chính phủ",
    "Chủ tịch nước",
    "Ban Biên tập regindex",           # the project's illustrative texts
)
"""Bodies that issue official texts, as written in running text (headers and signature
blocks print them in capitals). Others are kept as printed."""

OFFICES_WRITTEN = (
    "Tổng Bí thư", "Thường trực Ban Bí thư", "Bí thư", "Phó Bí thư", "Phó Bí thư Thường trực",
    "Trưởng ban", "Phó Trưởng ban", "Chủ nhiệm", "Phó Chủ nhiệm", "Chánh Văn phòng",
    "Phó Chánh Văn phòng", "Chủ tịch Quốc hội", "Phó Chủ tịch Quốc hội", "Thủ tướng",
    "Phó Thủ tướng", "Chủ tịch nước", "Phó Chủ tịch nước", "Bộ trưởng", "Thứ trưởng",
    "Chủ tịch", "Phó Chủ tịch",
)
"""Offices of signers, as written in running text; others are written in sentence case."""

MOTTOS = ("ĐẢNG CỘNG SẢN VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
          "ĐỘC LẬP - TỰ DO - HẠNH PHÚC")
"""The Party and national mottos: the right-hand column of a header, never its issuer."""

KNOWN_NAMES = {"ĐIỀU LỆ ĐẢNG CỘNG SẢN VIỆT NAM": "Điều lệ Đảng"}
"""Documents without a number, by their type line → the name they are cited by."""

SIGNED = re.compile(r"""
    [(\[]? \s*                                  # "(" or "["
    (?: đã \s+ ký (?: \s+ và \s+ đóng \s+ dấu )? | ký \s+ tên )   # "đã ký", "ký tên"
    \s* [)\]]? \.?
""", re.X | re.I)
"""The "(đã ký)" line that stands for the signature itself."""

_NUMBER = re.compile(r"""
    (?: (?P<type> [^\W\d_]+ (?: [ \t]+ [^\W\d_]+ )? ) [ \t]+ )?   # "Luật số: …"
    [Ss]ố [ \t]* :? [ \t]*                       # "Số", "Số:", "số:"
    (?:
        (?P<number>""" + document_number(gap=r"[ \t]*") + r""")   # vocabulary.DOCUMENT_NUMBER
      | (?P<blank> [-/] [ \t]* [A-ZĐ][-/A-ZĐa-zđ0-9 \t]* )   # a draft: "Số:      /QĐ-UBND"
    )
""", re.X)

_DATE = re.compile(r"""
    ngày \s+ (?P<day>\d{1,2}) \s* /? \s*             # "ngày 19", "ngày 19 /"
    tháng \s+ (?P<month>\d{1,2}) \s* /? \s*          # wrapped lines join with any space
    năm \s+ (?P<year>\d{4})
""", re.X | re.I)

_PLACE = re.compile(r"""
    (?P<place> [^\W\d_] [^\d,;:()\n]{0,40}? ) , [ \t]* ngày \b    # "Hà Nội, ngày"
""", re.X | re.I)

_MARKER = re.compile(r"""
    (?P<marker> T[./]?M | K[./]?T | T[./]?L | TUQ | Q ) \.? [ \t]+   # "T/M", "TM.", "K/T", "TL."
    (?P<for> [A-ZĐÀ-Ỹ] .* )                                          # "BỘ CHÍNH TRỊ", "TRƯỞNG BAN"
""", re.X)

_SEPARATOR = re.compile(r"[-–—_*=.|\s]*")
_DASHES = re.compile(r"[ \t]*(?:[-–—_=*]{3,}|\|)[ \t]*")     # a rule or a cell border
_STRUCTURE_WORDS = {"Chương", "Điều", "Mục", "Phần", "Phụ", "Mẫu", "Khoản", "Điểm"}


def _key(text: str) -> str:
    """Comparable form: one tone placement, upper case, single spaces."""
    return " ".join(analysis_form(text).upper().split())


BODIES = {_key(name): name for name in BODIES_WRITTEN}
OFFICES = {_key(name): name for name in OFFICES_WRITTEN}
_MOTTOS = tuple(_key(motto) for motto in MOTTOS)
_TYPES = {_key(kind): kind for kind in DOCUMENT_TYPES}


@dataclass(frozen=True)
class Header:
    """What the header block says (None where it says nothing)."""

    letterhead: str | None = None        # every line of it: "Đảng bộ tỉnh X - Huyện ủy Y"
    issuer: str | None = None            # its last line: the body that issues
    number: str | None = None
    blank_number: str | None = None      # a draft's "Số:      /QĐ-UBND", as printed
    place: str | None = None
    issued: dt.date | None = None
    dates: tuple[dt.date, ...] = ()      # every issue date found: more than one is ambiguous
    type: str | None = None
    title: str | None = None
    name: str | None = None              # the name of a document without a number


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


# -- cells --------------------------------------------------------------------------

def _is_capitals(cell: str) -> bool:
    return cell == cell.upper() and any(c.isalpha() for c in cell)


def _cells(text: str) -> list[str]:
    """The table cells of a block: lines cut at tabs, rules and cell borders; a motto
    printed on one line with other text ("BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG CỘNG SẢN VIỆT
    NAM", "ĐẢNG CỘNG SẢN VIỆT NAM Hà Nội, …") and a number followed by the date ("Số:
    26/2026/NĐ-CP Hà Nội, …") are cut into cells of their own."""
    cells = []
    for line in text.splitlines():
        for part in line.split("\t"):
            for piece in _DASHES.split(part):
                for cell in _cut_motto(piece.strip()):
                    cells += _cut_number(cell)
    return [cell for cell in cells if cell and not _SEPARATOR.fullmatch(cell)]


def _cut_motto(cell: str) -> list[str]:
    if (typed := _type_line(cell)) and typed[1]:     # "ĐIỀU LỆ ĐẢNG CỘNG SẢN VIỆT NAM": a name
        return [cell]
    words = cell.split()
    keys = _key(cell).split()
    for motto in _MOTTOS:
        size = len(motto.split())
        for at in range(len(keys) - size + 1):
            if " ".join(keys[at:at + size]) == motto and len(words) > size:
                return [" ".join(part) for part in (words[:at], words[at:at + size],
                                                    words[at + size:]) if part]
    return [cell]


def _cut_number(cell: str) -> list[str]:
    match = _NUMBER.match(cell)
    if match and match["number"] and cell[match.end():].strip():
        return [cell[:match.end()], cell[match.end():].strip()]
    return [cell]


def _join_wrapped(cells: list[str]) -> list[str]:
    """Capitals cells wrapped over lines joined back where together they begin a known
    body or motto ("BAN CHẤP HÀNH" + "TRUNG ƯƠNG", "ĐẢNG CỘNG SẢN" + "VIỆT NAM")."""
    known = [*BODIES, *_MOTTOS]
    joined: list[str] = []
    for cell in cells:
        if joined and _is_capitals(cell) and _is_capitals(joined[-1]):
            together = _key(f"{joined[-1]} {cell}")
            if any(name == together or name.startswith(together + " ") for name in known):
                joined[-1] = f"{joined[-1]} {cell}"
                continue
        joined.append(cell)
    return joined


def _capitals_run(cell: str) -> tuple[str, str]:
    """("T/M BAN BÍ THƯ", "Trần Cẩm Tú"): the leading words in capitals, and the rest."""
    words = cell.split()
    n = 0
    while n < len(words) and (_is_capitals(words[n]) or not any(c.isalpha() for c in words[n])):
        n += 1
    return " ".join(words[:n]), " ".join(words[n:])


# -- names as written ----------------------------------------------------------------

def body_name(printed: str) -> str:
    """A body as written in running text ("BỘ CHÍNH TRỊ" → "Bộ Chính trị"; "ĐẠI HỘI
    ĐẠI BIỂU TOÀN QUỐC LẦN THỨ XI" → "Đại hội đại biểu toàn quốc lần thứ XI"); one
    not in ``BODIES`` as printed (its proper nouns cannot be told)."""
    printed = " ".join(printed.split())
    key = _key(printed)
    if key in BODIES:
        return BODIES[key]
    for known, name in BODIES.items():
        if key.startswith(known + " ") and _is_capitals(printed):
            rest = printed.split()[len(known.split()):]
            return " ".join([name, *(w if _is_roman(w) else w.lower() for w in rest)])
    return printed


def _is_roman(word: str) -> bool:
    return bool(re.fullmatch(r"[IVXLC]+", word))


def office_name(printed: str) -> str:
    """An office as written in running text ("TRƯỞNG BAN" → "Trưởng ban"); one not in
    ``OFFICES`` and printed in capitals in sentence case."""
    printed = " ".join(printed.split())
    if _key(printed) in OFFICES:
        return OFFICES[_key(printed)]
    return printed[:1] + printed[1:].lower() if _is_capitals(printed) else printed


# -- the header -----------------------------------------------------------------------

def read_header(text: str) -> Header:
    """The facts of a header block (the text before the first article or section)."""
    cells = _join_wrapped(_cells(text))
    type_at = next((i for i, cell in enumerate(cells) if _type_line(cell)), None)
    top = cells[:type_at] if type_at is not None else cells[:12]
    numbered = [(i, m) for i, cell in enumerate(top) if (m := _NUMBER.match(cell))
                and (m["type"] is None or _key(m["type"]) in _TYPES)]
    number_at = numbered[0][0] if numbered else None
    number = blank = None
    if numbered:
        match = numbered[0][1]
        if match["number"]:
            number = re.sub(r"[ \t]+", "", match["number"])
        else:
            blank = " ".join(match[0].split())
    dates, place, date_at = _dates(top)
    if not dates:                       # a date printed after the title, with its place
        dates, place, date_at = _dates(cells, placed_only=True)
        date_at = None
    end = min(i for i in (number_at, type_at, date_at, len(cells)) if i is not None)
    letterhead = [body_name(cell) for cell in cells[:end] if _is_capitals(cell)
                  and _key(cell) not in _MOTTOS and not _NUMBER.match(cell)]
    kind = title = name = None
    if type_at is not None:
        kind, rest = _type_line(cells[type_at])
        title = rest or _title(cells[type_at + 1:])
        name = KNOWN_NAMES.get(_key(f"{kind} {rest}")) if rest else None
    return Header(
        letterhead=" - ".join(letterhead) or None,
        issuer=letterhead[-1] if letterhead else None,
        number=number, blank_number=blank, place=place,
        issued=dates[0] if len(dates) == 1 else None, dates=dates,
        type=kind, title=title, name=name,
    )


def _dates(cells: list[str], placed_only: bool = False):
    """(issue dates, place, index of the cell the first starts in) in these cells; a
    date written over two cells is read whole. Dates with a place come first."""
    starts, text = [], ""
    for cell in cells:
        starts.append(len(text))
        text += cell + "\n"
    found = []
    for match in _DATE.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        placed = _PLACE.search(text, line_start, match.start() + 5)
        if placed_only and not placed:
            continue
        found.append((match, placed))
    found = [f for f in found if f[1]] or found
    dates = tuple(dict.fromkeys(day for match, _ in found if (day := _date(match))))
    place = next((" ".join(p["place"].split()) for _, p in found if p), None)
    at = max(i for i, start in enumerate(starts) if start <= found[0][0].start()) \
        if found else None
    return dates, place, at


def _type_line(cell: str) -> tuple[str, str] | None:
    """("Quy định", "") for a type line "QUY ĐỊNH"; ("Điều lệ", "ĐẢNG CỘNG SẢN VIỆT NAM")
    for a type line naming the document; None for any other line."""
    key = _key(cell)
    if key in _TYPES and (_is_capitals(cell) or len(cell.split()) <= 3):
        return _TYPES[key], ""
    run, _ = _capitals_run(cell)
    run_key = _key(run)
    for type_key, kind in sorted(_TYPES.items(), key=lambda item: -len(item[0])):
        if run_key.startswith(type_key + " ") and not run.rstrip().endswith(":"):
            return kind, " ".join(run.split()[len(type_key.split()):])
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


# -- the signature --------------------------------------------------------------------

def read_signature(text: str, *, marked: bool = True) -> Signature:
    """The facts of a signature block ("T/M BỘ CHÍNH TRỊ … (đã ký) … name").

    ``marked`` is False for the last lines of a text with no signature block found by
    its markers (a law's "CHỦ TỊCH QUỐC HỘI" / name): there an office in capitals must
    stand right above the name."""
    cells = _signature_cells(text)
    names = [i for i, cell in enumerate(cells) if _is_person(cell)]
    marker = next((i for i, cell in enumerate(cells) if _MARKER.fullmatch(cell)), None)
    if marker is not None:       # the first name under "T/M …": what follows it (an
        names = [i for i in names if i > marker][:1]   # attached text's lines) signs nothing
    if not names:
        return Signature()
    at = names[-1]
    above = [cell for cell in cells[:at] if not SIGNED.fullmatch(cell)]
    if not marked and not (above and _is_capitals(above[-1])):
        return Signature()
    markers = [(m, cell) for cell in above if (m := _MARKER.fullmatch(cell))]
    body = next((body_name(m["for"]) for m, _ in markers
                 if re.sub("[./]", "", m["marker"]) == "TM"), None)
    offices = [cell for cell in above[-3:] if not _MARKER.fullmatch(cell)]
    office = office_name(_office(offices[-1])) if offices else None
    if office is None and markers and re.sub("[./]", "", markers[-1][0]["marker"]) != "TM":
        office = office_name(_office(markers[-1][0]["for"]))      # "K/T TRƯỞNG BAN" alone
    return Signature(body=body, office=office, name=cells[at])


def _signature_cells(text: str) -> list[str]:
    """Cells of a signature block without the "Nơi nhận" list; a line holding a title
    and the name ("T/M BAN BÍ THƯ Trần Cẩm Tú", "PHÓ TRƯỞNG BAN Lê Văn B") is cut in two."""
    cells = []
    for cell in _cells(text):
        if cell.startswith(("-", "+", "•", "Nơi nhận")):
            continue
        run, rest = _capitals_run(cell)
        if run and rest and _is_person(rest):
            cells += [run, rest]
        else:
            cells.append(cell)
    return cells


def _office(printed: str) -> str:
    """The signer's own office in a line that may name the head's too ("TRƯỞNG BAN PHÓ
    TRƯỞNG BAN" → "PHÓ TRƯỞNG BAN"): the longest known office it ends with."""
    words = printed.split()
    for n in range(len(words)):
        if _key(" ".join(words[n:])) in OFFICES:
            return " ".join(words[n:])
    return printed


def _is_person(cell: str) -> bool:
    """"Trần Văn Ví Dụ": two to six capitalised words of letters, none a single letter
    (a form's placeholder "Nguyễn Văn A", a heading "Chương V"), not a heading's word first."""
    words = cell.split()
    return 2 <= len(words) <= 6 and words[0] not in _STRUCTURE_WORDS and all(
        word.isalpha() and len(word) > 1 and word[0].isupper() and word[1:].islower()
        for word in words)
