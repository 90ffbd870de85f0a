"""The front-matter fields of a regulation source file, as data.

Each field has a kind (how its YAML value is read) and a Vietnamese description used in
error messages and in the README. The order here is the order files are written in.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    name: str
    kind: str            # how the value is read: a key of values.READERS
    label: str           # Vietnamese name shown to users
    required: bool = False


FIELDS: dict[str, Field] = {f.name: f for f in [
    Field("number", "number", "số hiệu", required=True),
    Field("name", "text", "tên gọi (văn bản không có số hiệu)"),
    Field("type", "type", "loại văn bản", required=True),
    Field("title", "text", "trích yếu"),
    Field("issuer", "text", "cơ quan ban hành"),
    Field("letterhead", "text", "tiêu đề cơ quan (quốc hiệu, tên cơ quan)"),
    Field("term", "text", "khóa"),
    Field("signer", "text", "người ký"),
    Field("issued", "date", "ngày ban hành", required=True),
    Field("effective", "date", "ngày hiệu lực"),
    Field("status", "status", "tình trạng"),
    Field("expired_on", "date", "ngày hết hiệu lực"),
    Field("checked", "date", "ngày kiểm tra tình trạng"),
    Field("replaces", "refs", "thay thế văn bản"),
    Field("replaced_by", "refs", "bị thay thế bởi"),
    Field("guides", "refs", "hướng dẫn văn bản"),
    Field("guided_by", "refs", "được hướng dẫn bởi"),
    Field("related", "refs", "văn bản liên quan"),
    Field("aliases", "texts", "tên gọi khác"),
    Field("source", "source", "tệp gốc"),
    Field("sources", "texts", "nguồn thông tin"),
    Field("unverified", "texts", "trường chưa xác minh"),
    Field("illustrative", "flag", "văn bản minh họa"),
    Field("note", "text", "ghi chú"),
]}

# Relations that must be recorded on both documents: field → its reverse.
RECIPROCAL = {
    "replaces": "replaced_by",
    "replaced_by": "replaces",
    "guides": "guided_by",
    "guided_by": "guides",
    "related": "related",
}

UNNUMBERED = "name"
"""A document without a number (Điều lệ Đảng) has a ``name`` in place of ``number``."""

SOURCE_KEYS = ("file", "sha256", "url", "encoding", "imported", "body_sha256")
