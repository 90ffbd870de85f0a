"""Reading a regulation source file: YAML front matter + body in the official layout.

``read_document`` turns one file into a ``Document``. What makes the file unusable
(not UTF-8, no front matter, bad YAML, no number) raises ``SourceError``; everything
else is recorded on ``Document.diagnostics`` with its file line.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from ..errors import SourceError
from ..model import Diagnostic, DocRef, Document, Metadata
from ..normalise import normalise_text, problems
from ..parse.parser import parse_body
from ..vocabulary import STATUSES
from .schema import FIELDS, SOURCE_KEYS, UNNUMBERED

__all__ = ["read_document", "parse_source", "split_front_matter"]

FENCE = "---"


def read_document(path: Path) -> Document:
    """Read and parse one source file."""
    data = Path(path).read_bytes()
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise SourceError("tệp không ở dạng UTF-8", file=path, line=line,
                          hint="Lưu lại tệp dưới dạng UTF-8, hoặc dùng `regindex import` để "
                               "chuyển từ bảng mã cũ (TCVN3, VNI, Windows-1258).") from None
    return parse_source(raw, path)


def parse_source(raw: str, path: Path | str = "<văn bản>") -> Document:
    diagnostics = [
        Diagnostic("error", what, str(path), line,
                   "Chạy `regindex check --fix` để chuẩn hóa tệp (UTF-8 NFC, xuống dòng LF).")
        for line, what in problems(raw)
    ]
    text = normalise_text(raw)
    header, body, body_line = split_front_matter(text, path)
    values, lines = _load_yaml(header, path)
    meta = _metadata(values, lines, path, diagnostics)
    parse = parse_body(body)
    for found in parse.diagnostics:
        diagnostics.append(Diagnostic(found.level, found.message, str(path),
                                      body_line + found.line - 1, found.hint))
    return Document(meta, parse.root, path=Path(path), body_line=body_line,
                    diagnostics=diagnostics, field_lines=lines)


def split_front_matter(text: str, path) -> tuple[str, str, int]:
    """(front matter, body, file line of the body's first line)."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != FENCE:
        raise SourceError("thiếu phần khai báo thông tin văn bản (front matter) ở đầu tệp",
                          file=path, line=1,
                          hint="Tệp phải bắt đầu bằng một dòng '---', các trường number, type, "
                               "issued …, rồi một dòng '---'; xem README.")
    for i, line in enumerate(lines[1:], start=1):
        if line.rstrip() == FENCE:
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1:]), i + 2
    raise SourceError("phần khai báo (front matter) không có dòng '---' đóng lại",
                      file=path, line=1, hint="Thêm một dòng '---' sau trường cuối cùng.")


def _load_yaml(header: str, path) -> tuple[dict, dict[str, int]]:
    try:
        node = yaml.compose(header, Loader=yaml.SafeLoader)
        values = yaml.safe_load(header) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        raise SourceError(f"phần khai báo YAML không đọc được: {getattr(exc, 'problem', exc)}",
                          file=path, line=line,
                          hint="Kiểm tra dấu ':' sau tên trường, thụt lề, và đặt giá trị có "
                               "dấu ':' hoặc '#' trong ngoặc kép.") from None
    if not isinstance(values, dict):
        raise SourceError("phần khai báo phải là các cặp 'trường: giá trị'", file=path, line=2,
                          hint="Ví dụ: number: 124-QĐ/TW")
    lines = {key.value: key.start_mark.line + 2 for key, _ in node.value} if node else {}
    return values, lines


def _metadata(values: dict, lines: dict[str, int], path, diagnostics: list) -> Metadata:
    def problem(key, message, hint, level="error"):
        diagnostics.append(Diagnostic(level, message, str(path), lines.get(key, 1), hint))

    for key in values:
        if key not in FIELDS:
            problem(key, f"trường không được hỗ trợ: {key!r}",
                    f"Các trường hợp lệ: {', '.join(FIELDS)}. Sửa tên trường hoặc đưa nội dung "
                    "vào 'note'.", level="warning")
    missing = [FIELDS[name].label + f" ({name})" for name in ("number", "type")
               if not values.get(name) and not (name == "number" and values.get(UNNUMBERED))]
    if missing:
        raise SourceError(f"thiếu {', '.join(missing)}", file=path, line=lines.get("number", 1),
                          hint="Mỗi văn bản cần ít nhất số hiệu (number), loại (type) và ngày "
                               "ban hành (issued), ví dụ: number: 124-QĐ/TW; văn bản không có "
                               "số hiệu ghi tên gọi thay cho số hiệu, ví dụ: name: Điều lệ Đảng")
    if values.get("number") and values.get(UNNUMBERED):
        problem(UNNUMBERED, "văn bản có số hiệu không dùng trường 'name'",
                "Trường 'name' chỉ dành cho văn bản không có số hiệu (Điều lệ Đảng); tên gọi "
                "khác của văn bản có số hiệu ghi vào 'aliases'.")
    fields = {}
    for name, value in values.items():
        spec = FIELDS.get(name)
        if spec is None or value is None:
            continue
        try:
            fields[name] = _read(spec.kind, value)
        except ValueError as exc:
            problem(name, f"giá trị của trường '{name}' ({spec.label}) không hợp lệ: {exc}",
                    _HINTS[spec.kind])
    fields.setdefault("number", None)
    if "issued" not in fields:
        problem("issued", "thiếu ngày ban hành (issued)",
                "Số hiệu văn bản Đảng lặp lại mỗi nhiệm kỳ: cần ngày ban hành để phân biệt, "
                "ví dụ: issued: 2023-10-04")
    for name in fields.get("unverified", []):
        if name not in FIELDS:
            problem("unverified", f"'unverified' nêu trường không tồn tại: {name!r}",
                    "Chỉ ghi tên trường (ví dụ: signer, effective); ghi chú khác đưa vào 'note'.",
                    level="warning")
    return Metadata(**fields)


def _read(kind: str, value):
    if kind == "text":
        if isinstance(value, (dict, list)):
            raise ValueError("cần một chuỗi")
        return str(value).strip()
    if kind == "date":
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        return dt.date.fromisoformat(str(value))
    if kind == "status":
        if value not in STATUSES:
            raise ValueError(f"{value!r} không thuộc {', '.join(STATUSES)}")
        return value
    if kind == "refs":
        items = value if isinstance(value, list) else [value]
        return [_ref(item) for item in items]
    if kind == "texts":
        items = value if isinstance(value, list) else [value]
        return [str(item) for item in items]
    if kind == "flag":
        if not isinstance(value, bool):
            raise ValueError("cần true hoặc false")
        return value
    if kind == "source":
        if not isinstance(value, dict) or set(value) - set(SOURCE_KEYS):
            raise ValueError(f"cần các khóa {', '.join(SOURCE_KEYS)}")
        return value
    raise AssertionError(kind)


def _ref(item) -> DocRef:
    if isinstance(item, str):
        return DocRef(item.strip())
    if isinstance(item, dict) and (item.get("number") or item.get(UNNUMBERED)):
        issued = item.get("issued")
        return DocRef(str(item.get("number") or item[UNNUMBERED]).strip(),
                      _read("date", issued) if issued else None)
    raise ValueError(f"{item!r}: cần {{number: …, issued: YYYY-MM-DD}}")


_HINTS = {
    "text": "Ghi một chuỗi văn bản.",
    "date": "Ghi ngày theo dạng YYYY-MM-DD, ví dụ 2023-10-04.",
    "status": f"Dùng một trong: {', '.join(STATUSES)}.",
    "refs": "Ghi danh sách, ví dụ: - {number: 132-QĐ/TW, issued: 2018-03-08}",
    "texts": "Ghi danh sách chuỗi, ví dụ: [signer, effective].",
    "flag": "Ghi true hoặc false.",
    "source": f"Ghi các khóa {', '.join(SOURCE_KEYS)}.",
}
