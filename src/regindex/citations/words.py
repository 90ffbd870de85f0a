"""The words Vietnamese texts cite with, kept as data (the grammar is built from them).

- ``ELEMENT_WORDS``: element word as written → the structural kind it cites (kinds and
  their id prefixes are ``regindex.vocabulary.KINDS``). Both "mục" kinds start as
  "section"; a "Mục" under a "Chương" is a division.
- ``ELEMENT_NUMBERS``: how each kind's number is written ("12a", "đ", "1.2", "II", "02A").
- ``CITED_PARENTS``: which kind may follow which in a citation, lowest first
  ("điểm a khoản 2 Điều 12": point → clause → article).
- ``ATTACHMENT_WORDS``: instruments a document issues "kèm theo" ("Điều 5 Quy chế ban
  hành kèm theo Quyết định số …"), from ``regindex.vocabulary.ATTACHMENT_TYPES``.
- ``TYPE_WORDS``: document type words before a number or "này" ("Quy định số
  124-QĐ/TW", "Hướng dẫn này", "Luật này"); "văn bản" is the generic one.
- ``UNNUMBERED_DOCUMENTS``: documents cited by name, without a number ("Điều 8 Điều lệ
  Đảng", "Điều 5 Luật …"): such a citation is reported as unresolved, never read as a
  citation of the current document.
- ``COUNTED_NOUNS``: words after a number that make it a quantity, not a citation
  ("khoản 2 triệu đồng", "Điều 3, 5 năm").
- ``MAX_TARGETS``: the most targets a range may expand to.
"""

from __future__ import annotations

from ..vocabulary import ATTACHMENT_TYPES, DOCUMENT_TYPES

ELEMENT_WORDS: dict[str, str] = {
    "Điều": "article",
    "khoản": "clause",
    "điểm": "point",
    "mục": "section",
    "Chương": "chapter",
    "Phần": "part",
    "Phụ lục": "appendix",
    "Mẫu": "form",
}

ELEMENT_NUMBERS: dict[str, str] = {
    "article": r"\d+[a-zđ]?",
    "clause": r"\d+[a-zđ]?",
    "point": r"[a-zđ]",
    "section": r"\d+(?:\.\d+)*",
    "chapter": r"[IVXLC]+|\d+",
    "part": r"thứ\s+\w+|[IVXLC]+|\d+",
    "appendix": r"[IVX]+|\d+[a-zA-Z]?",
    "form": r"\d+[a-zA-Z]?",
}

CITED_PARENTS: dict[str, tuple[str, ...]] = {
    "point": ("clause", "article", "section", "appendix", "form"),
    "clause": ("article",),
    "article": ("chapter", "part"),
    "section": ("chapter", "part", "appendix", "form"),   # "mục 1.1 Phần II"
    "chapter": ("part",),
    "part": (),
    "appendix": (),
    "form": (),
}

ATTACHMENT_WORDS: tuple[str, ...] = tuple(ATTACHMENT_TYPES.values())

TYPE_WORDS: tuple[str, ...] = (*DOCUMENT_TYPES, "Điều lệ", "Văn bản", "văn bản")

UNNUMBERED_DOCUMENTS: tuple[str, ...] = ("Điều lệ Đảng", *TYPE_WORDS)

COUNTED_NOUNS: tuple[str, ...] = (
    "năm", "tháng", "tuần", "ngày", "giờ", "phút", "lần", "người", "thành viên", "đồng",
    "nghìn", "triệu", "tỷ", "phần trăm", "%", "đảng viên", "chi bộ", "tổ chức", "cấp",
)

MAX_TARGETS = 200
