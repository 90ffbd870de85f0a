"""Reading one front-matter value: a reader per kind of field, and the form it expects.

A reader takes the value as YAML loaded it (dates stay strings, see ``source``) and
returns the Python value. A value that cannot be used raises ``ValueError`` saying why
in Vietnamese; a usable value that is probably a typo raises ``Doubtful`` carrying the
value to keep and what to check. ``EXPECTED`` says, per kind, what to write instead.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re

from ..ids import document_slug, fold
from ..model import DocRef
from ..vocabulary import DOCUMENT_TYPES, STATUSES
from .schema import SOURCE_KEYS, UNNUMBERED

__all__ = ["READERS", "EXPECTED", "Doubtful", "read_value", "read_number", "read_date",
           "NUMBER_KINDS", "MAX_NUMBER"]

NUMBER_KINDS = ("QĐ", "HD", "NQ", "CT", "KL", "TB", "QC", "BC", "KH", "CTr", "ĐA", "TTr",
                "HĐ", "CV", "L")
"""The kind abbreviations of Party document numbers ("124-QĐ/TW": QĐ); a number whose
abbreviation is one of these without its diacritics ("QD") is a typo."""

MAX_NUMBER = 100
"""Longest number, in characters: the file name ``<slug>.md`` must stay a valid name."""

_PARTY_NUMBER = re.compile(r"""
    (?P<serial> \d+ [a-zA-Z]? )      # 124, 12a
    [-–]
    (?P<kind> [^\W\d_]+ )            # QĐ, HD, NQ …
    /
    (?P<issuer> [\w.]+ (?:-[\w.]+)* ) # TW, BTCTW, ĐU-UBKT
    \Z""", re.X)

_STATE_NUMBER = re.compile(r"""
    \d+                              # 45
    (?: / \d{4} )?                   # /2019 (since 2005)
    / [\w.]+ (?:-[\w.]+)*            # /QH14, /NĐ-CP, /QĐ-TTg
    \Z""", re.X)

_NEAR_PARTY_NUMBER = re.compile(r"""
    (?P<serial> \d+ [a-zA-Z]? )
    \s* [-–_.\s] \s*
    (?P<kind> [^\W\d_]+ )
    \s* [-–_/.\\\s] \s*              # a dash, space or backslash where the slash goes
    (?P<issuer> [\w.]+ (?:-[\w.]+)* )
    \Z""", re.X)

_ISO_DATE = re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})\Z")
_DAY_FIRST_DATE = re.compile(r"(?P<day>\d{1,2})[/.-](?P<month>\d{1,2})[/.-](?P<year>\d{4})\Z")


class Doubtful(ValueError):
    """A value that can be used but is probably wrong (a warning, the value is kept)."""

    def __init__(self, value, message: str):
        super().__init__(message)
        self.value = value


def read_text(value) -> str:
    if isinstance(value, (dict, list)):
        raise ValueError("cần một chuỗi, không phải danh sách hay bảng")
    return str(value).strip()


def read_number(value) -> str:
    """A document number: "124-QĐ/TW", "45/2019/QH14"; a near miss ("03-QD-MH") is an
    error naming the right form, an unknown form is ``Doubtful``."""
    number = read_text(value)
    if len(number) > MAX_NUMBER:
        raise ValueError(f"số hiệu dài {len(number)} ký tự (tối đa {MAX_NUMBER})")
    try:
        document_slug(number, 2000)
    except ValueError:
        raise ValueError(f"số hiệu {number!r} không có chữ số hay chữ cái nào") from None
    party = _PARTY_NUMBER.match(number)
    if party and party["kind"] in NUMBER_KINDS or _STATE_NUMBER.match(number):
        return number
    near = _NEAR_PARTY_NUMBER.match(number)
    kind = near and _known_kind(near["kind"])
    if kind:
        right = f"{near['serial']}-{kind}/{near['issuer']}"
        if right != number:
            raise ValueError(f"số hiệu {number!r} viết sai dạng: ghi {right}")
    raise Doubtful(number, f"số hiệu {number!r} không theo dạng thường gặp "
                           "(124-QĐ/TW, 45/2019/QH14): kiểm tra lại chính tả")


def _known_kind(kind: str) -> str | None:
    if kind in NUMBER_KINDS:
        return kind
    matches = [known for known in NUMBER_KINDS if fold(known).upper() == fold(kind).upper()]
    return matches[0] if len(matches) == 1 else None


def read_type(value) -> str:
    """A document type of ``vocabulary.DOCUMENT_TYPES``: one written without its
    diacritics or in another case is an error naming it; an unknown one is doubtful."""
    text = " ".join(read_text(value).split())
    if text in DOCUMENT_TYPES:
        return text
    for known in DOCUMENT_TYPES:
        if fold(known).casefold() == fold(text).casefold():
            raise ValueError(f"loại văn bản {text!r} viết sai: ghi {known!r}")
    raise Doubtful(text, f"loại văn bản {text!r} không có trong danh sách: "
                         f"{', '.join(DOCUMENT_TYPES)}")


def read_date(value) -> dt.date:
    """A date written YYYY-MM-DD, that exists."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (dict, list, bool)) or value is None:
        raise ValueError("cần một ngày dạng YYYY-MM-DD")
    text = str(value).strip()
    iso, day_first = _ISO_DATE.match(text), _DAY_FIRST_DATE.match(text)
    if day_first:
        day, month, year = (int(day_first[k]) for k in ("day", "month", "year"))
        try:
            right = dt.date(year, month, day).isoformat()
        except ValueError:
            right = "YYYY-MM-DD"
        raise ValueError(f"ngày {text!r} phải ghi theo dạng năm-tháng-ngày: ghi {right}")
    if not iso:
        raise ValueError(f"{text!r} không phải một ngày dạng YYYY-MM-DD")
    year, month, day = (int(iso[k]) for k in ("year", "month", "day"))
    if not 1 <= month <= 12:
        raise ValueError(f"ngày {text!r}: không có tháng {month}")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"ngày {text!r}: tháng {month} năm {year} không có ngày {day}") \
            from None


_STATUS_NAMES = {fold(name).casefold().replace("-", " "): key for key in STATUSES
                 for name in (key, STATUSES[key])}


def read_status(value) -> str:
    if value in STATUSES:
        return value
    text = str(value)
    known = _STATUS_NAMES.get(" ".join(fold(text).casefold().replace("-", " ").split())) \
        or next(iter(difflib.get_close_matches(text, list(STATUSES), n=1)), None)
    hint = f": ghi {known}" if known else ""
    raise ValueError(f"tình trạng {text!r} không thuộc {', '.join(STATUSES)}{hint}")


def read_refs(value) -> list:
    items = value if isinstance(value, list) else [value]
    refs = []
    for item in items:
        if isinstance(item, str) and item.strip():
            refs.append(DocRef(item.strip()))
        elif isinstance(item, dict) and (designation := item.get("number") or item.get(
                UNNUMBERED)) and not isinstance(designation, (dict, list)):
            issued = item.get("issued")     # a document without a number: by its name
            try:
                refs.append(DocRef(str(designation).strip(),
                                   read_date(issued) if issued else None))
            except ValueError as exc:
                raise ValueError(f"{designation}: {exc}") from None
        else:
            raise ValueError(f"{item!r}: cần {{number: …, issued: YYYY-MM-DD}}")
    return refs


def read_texts(value) -> list[str]:
    items = value if isinstance(value, list) else [value]
    if any(isinstance(item, (dict, list)) for item in items):
        raise ValueError("cần một danh sách chuỗi")
    return [str(item) for item in items]


def read_flag(value) -> bool:
    if not isinstance(value, bool):
        raise ValueError("cần true hoặc false")
    return value


def read_source(value) -> dict:
    if not isinstance(value, dict) or set(value) - set(SOURCE_KEYS):
        raise ValueError(f"cần các khóa {', '.join(SOURCE_KEYS)}")
    if value.get("imported") is not None:
        value = {**value, "imported": read_date(value["imported"])}
    return value


READERS = {
    "text": read_text, "number": read_number, "type": read_type, "date": read_date,
    "status": read_status, "refs": read_refs, "texts": read_texts, "flag": read_flag,
    "source": read_source,
}
"""Each kind of field (``schema.Field.kind``) → its reader."""

EXPECTED = {
    "text": "Ghi một chuỗi văn bản.",
    "number": "Ghi số hiệu như trên văn bản, ví dụ: number: 124-QĐ/TW",
    "type": f"Ghi một trong: {', '.join(DOCUMENT_TYPES)}.",
    "date": "Ghi ngày theo dạng YYYY-MM-DD (năm-tháng-ngày), ví dụ 2023-10-04.",
    "status": f"Dùng một trong: {', '.join(STATUSES)}.",
    "refs": "Ghi danh sách, ví dụ: - {number: 132-QĐ/TW, issued: 2018-03-08}",
    "texts": "Ghi danh sách chuỗi, ví dụ: [signer, effective].",
    "flag": "Ghi true hoặc false.",
    "source": f"Ghi các khóa {', '.join(SOURCE_KEYS)}.",
}
"""Each kind of field → the form to write, for error messages."""


def read_value(kind: str, value):
    return READERS[kind](value)
