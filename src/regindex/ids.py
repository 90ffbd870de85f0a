"""Identifier rules: stable, readable, derived from numbers, never from position.

Document slugs come from number + issue year (numbers restart each congress term);
element ids from the numbers of the element and of its scope (see ``element_id``):

- Phần, Chương, Điều, Phụ lục, Mẫu are numbered through the whole text: ``phan-ii``,
  ``chuong-iii``, ``dieu-12``, ``phu-luc-1``, ``mau-02a``; what sits inside them extends
  their id: ``dieu-12-khoan-2-diem-a``, ``mau-01-muc-2``.
- Hướng dẫn sections: ``muc-1-2`` ("1.2." already names its parent section). Where the
  sections restart in each Phần (a "1." under Phần I and another under Phần II), every
  section under a Phần is scoped by it: ``phan-ii-muc-1-1``; where they do not, the id
  stays unscoped (``muc-1-2``), so adding a Phần heading never moves a link.
- An instrument issued with the document (a Quy chế "ban hành kèm theo" a Quyết định)
  is a sub-document: its id is its type (``quy-che``; ``quy-che-2`` for a second one of
  the same type, see ``attachment_id``) and every id inside it is scoped by it:
  ``quy-che-dieu-5``, ``quy-che-chuong-ii``, ``quy-che-mo-dau``, so it never collides
  with the decision's own ``dieu-5``.
"""

from __future__ import annotations

import re

from .normalise import fold_diacritics as fold   # one folding for ids, slugs and search
from .vocabulary import ORDINALS, ROMAN_VALUES


def clean_num(num: str) -> str:
    """The id form of a number as written.

    Cases: "12" → "12"; "12a" → "12a"; "II" → "ii"; "1.2." → "1-2"; "1.2.3" → "1-2-3";
    "đ" → "dd"; "(a)" → "a"; "02A" → "02a"; "thứ nhất" → "1".
    """
    text = num.strip().lower()
    if text.startswith("thứ "):
        return str(ORDINALS.get(text[4:].strip(), text[4:].strip()))
    text = text.replace("đ", "dd")
    text = fold(text)
    text = re.sub(r"[^0-9a-z]+", "-", text)
    return text.strip("-")


def roman_to_int(roman: str) -> int | None:
    """"XIV" → 14; None when it is not a Roman numeral."""
    roman = roman.upper()
    if not roman or any(c not in ROMAN_VALUES for c in roman):
        return None
    total = 0
    for here, after in zip(roman, roman[1:] + " "):
        value = ROMAN_VALUES[here]
        total += -value if after in ROMAN_VALUES and ROMAN_VALUES[after] > value else value
    return total


def document_slug(number: str, year: int | str) -> str:
    """"124-QĐ/TW", 2023 → "124-qd-tw-2023"."""
    base = re.sub(r"[^0-9a-z]+", "-", fold(number).lower()).strip("-")
    if not base:
        raise ValueError(f"số hiệu không hợp lệ: {number!r}")
    return f"{base}-{year}"


def element_id(prefix: str, num: str | None, scope: str | None = None) -> str:
    """Join a scope id and this element's part: ("khoan", "2", "dieu-12") → "dieu-12-khoan-2"."""
    own = f"{prefix}-{clean_num(num)}" if num else prefix
    return f"{scope}-{own}" if scope else own


def attachment_id(word: str, taken: set[str]) -> str:
    """The id of an attached instrument from its cite word, unique among ``taken``:
    "Quy chế" → "quy-che", then "quy-che-2" for a second Quy chế."""
    base = re.sub(r"[^0-9a-z]+", "-", fold(word).lower()).strip("-") or "kem-theo"
    eid, n = base, 2
    while eid in taken:
        eid, n = f"{base}-{n}", n + 1
    return eid
