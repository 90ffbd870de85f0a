"""Structure vocabulary of Vietnamese Party and state texts, kept as data.

Everything the parser, the id rules and the citation writer need to know about the
words of the official layout lives here, so that a new layout is a data change:

- ``KINDS``: each structural kind with the word used to cite it and its id prefix.
- ``POINT_LETTERS``: the Vietnamese alphabet used for điểm (no f, j, w, z; đ after d).
- ``ORDINALS``: "Phần thứ nhất" style ordinals.
- ``SIGNATURE_MARKERS``: lines that open the signature block (T/M, K/T, Nơi nhận …).
- ``DOCUMENT_NUMBER``: how a document number is written ("124-QĐ/TW", "45/2019/QH14"),
  the one pattern tokens, citations and the importer's header reader build on.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    name: str          # internal name
    cite: str          # word in a Vietnamese citation ("khoản 2", "Chương II")
    prefix: str        # element-id prefix ("khoan" → "dieu-12-khoan-2")
    addressable: bool = True   # gets a permalink, a citation and a search record


KINDS: dict[str, Kind] = {k.name: k for k in [
    Kind("document", "", ""),
    Kind("header", "phần mở đầu", "mo-dau"),
    Kind("part", "Phần", "phan"),           # "PHẦN THỨ NHẤT" and Roman parts "I- …"
    Kind("chapter", "Chương", "chuong"),
    Kind("division", "Mục", "muc"),         # "Mục 1" inside a Chương
    Kind("article", "Điều", "dieu"),
    Kind("clause", "khoản", "khoan"),
    Kind("point", "điểm", "diem"),
    Kind("indent", "gạch đầu dòng thứ", "tiet"),   # tiết: "- " and "+ " items
    Kind("section", "mục", "muc"),          # Hướng dẫn sections "1.", "1.1.", "1.1.1."
    Kind("appendix", "Phụ lục", "phu-luc"),
    Kind("form", "Mẫu", "mau"),
    Kind("signature", "phần ký ban hành", "ky-ban-hanh", addressable=False),
]}

# điểm letters in order; "đ" sorts after "d" (the id writes it "dd").
POINT_LETTERS = "a b c d đ e g h i k l m n o p q r s t u v x y".split()

ORDINALS = {
    "nhất": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6,
    "bảy": 7, "tám": 8, "chín": 9, "mười": 10,
}

ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}

# The signature block opens with one of these at the start of a line.
SIGNATURE_MARKERS = ("T/M", "TM.", "TM ", "T.M", "K/T", "KT.", "KT ", "TL.", "TUQ.",
                     "Q.", "Nơi nhận")

DOCUMENT_TYPES = ("Quy định", "Hướng dẫn", "Quyết định", "Nghị quyết", "Chỉ thị",
                  "Kết luận", "Thông báo", "Quy chế", "Luật", "Bộ luật", "Hiến pháp",
                  "Nghị định", "Thông tư")

# Types whose bare "Điều N" means the regulation they guide.
GUIDANCE_TYPES = ("Hướng dẫn",)

STATUSES = {
    "in-force": "Còn hiệu lực",
    "expired": "Hết hiệu lực",
    "partly-expired": "Hết hiệu lực một phần",
    "not-yet": "Chưa có hiệu lực",
}

DOCUMENT_NUMBER = r"""
    [0-9]{1,4} [a-zA-Zđ]?                             # serial: "124", "01", "12a"
    (?: {gap} / {gap} [0-9]{4} )?                     # a state-style year: "45/2019/QH14"
    (?: {gap} [-–/] {gap} [A-ZĐa-zđ] [A-ZĐa-zđ0-9]* )+  # codes: "-QĐ/TW", "-HD/BTCTW", "/NĐ-CP"
"""
"""A document number, as a verbose pattern; ``{gap}`` is what may stand around its
slashes and hyphens (see ``document_number``)."""


def document_number(gap: str = "") -> str:
    """``DOCUMENT_NUMBER`` with ``gap`` around its separators: nothing in running text,
    spaces or tabs in a header ("Số: 124 - QĐ/TW")."""
    return DOCUMENT_NUMBER.replace("{gap}", gap)
