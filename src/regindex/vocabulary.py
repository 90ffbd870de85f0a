"""Structure vocabulary of Vietnamese Party and state texts, kept as data.

Everything the parser, the id rules and the citation writer need to know about the
words of the official layout lives here, so that a new layout is a data change:

- ``KINDS``: each structural kind with the word used to cite it and its id prefix.
- ``POINT_LETTERS``: the Vietnamese alphabet used for điểm (no f, j, w, z; đ after d).
- ``ORDINALS``: "Phần thứ nhất" style ordinals.
- ``SIGNATURE_MARKERS``: lines that open the signature block (T/M, K/T, Nơi nhận …);
  ``SIGNING_TITLES`` (CHỦ TỊCH, THỦ TƯỚNG …) open it when a name follows.
- ``ATTACHMENT_TYPES``: the instruments a decision issues "kèm theo" (Quy chế, Quy định,
  Điều lệ …): their title in capitals → the word that cites them.
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
    Kind("part", "Phần", "phan"),           # "PHẦN THỨ NHẤT", "Phần I", Roman "I- …", "I. Về …"
    Kind("chapter", "Chương", "chuong"),
    Kind("division", "Mục", "muc"),         # "Mục 1" inside a Chương
    Kind("article", "Điều", "dieu"),
    Kind("clause", "khoản", "khoan"),
    Kind("point", "điểm", "diem"),
    Kind("indent", "gạch đầu dòng thứ", "tiet"),   # tiết: "- " and "+ " items
    Kind("section", "mục", "muc"),          # Hướng dẫn sections "1.", "1.1.", "1.1.1."
    Kind("appendix", "Phụ lục", "phu-luc"),
    Kind("form", "Mẫu", "mau"),
    # An instrument issued with the document ("Quy chế … ban hành kèm theo Quyết định …"),
    # a sub-document with its own structure. Its cite word and id prefix are those of its
    # type (``ATTACHMENT_TYPES``: "Quy chế", "quy-che"); these are the fallbacks.
    Kind("attachment", "văn bản kèm theo", "kem-theo"),
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

# Instruments issued "kèm theo" a decision: title line in capitals → cite word. The id
# prefix is the cite word folded ("Quy chế" → "quy-che"): see ``ids.attachment_id``.
ATTACHMENT_TYPES = {
    "QUY CHẾ": "Quy chế", "QUY ĐỊNH": "Quy định", "ĐIỀU LỆ": "Điều lệ",
    "QUY TRÌNH": "Quy trình", "NỘI QUY": "Nội quy", "CHƯƠNG TRÌNH": "Chương trình",
    "KẾ HOẠCH": "Kế hoạch", "ĐỀ ÁN": "Đề án", "HƯỚNG DẪN": "Hướng dẫn",
    "TIÊU CHUẨN": "Tiêu chuẩn", "DANH MỤC": "Danh mục",
}

# Signing titles: a line in capitals starting with one of these, followed by a name,
# opens the signature block even without T/M or K/T ("CHỦ TỊCH QUỐC HỘI" / "Trần Thanh
# Mẫn" under a Luật); they are never letterhead.
SIGNING_TITLES = ("TỔNG BÍ THƯ", "BÍ THƯ", "CHỦ TỊCH", "PHÓ", "TRƯỞNG", "THỦ TƯỚNG",
                  "BỘ TRƯỞNG", "GIÁM ĐỐC", "TỔNG GIÁM ĐỐC", "CHỦ NHIỆM", "CHÁNH ÁN",
                  "VIỆN TRƯỞNG", "TỔNG KIỂM TOÁN", "THỐNG ĐỐC", "CHÁNH VĂN PHÒNG")

DOCUMENT_TYPES = ("Quy định", "Hướng dẫn", "Quyết định", "Nghị quyết", "Chỉ thị",
                  "Kết luận", "Thông báo", "Quy chế", "Luật", "Bộ luật", "Hiến pháp",
                  "Nghị định", "Thông tư", "Điều lệ", "Cương lĩnh")

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
