"""Reading a regulation source file: YAML front matter + body in the official layout.

``read_document`` turns one file into a ``Document``. What makes the file unusable
(not UTF-8, no front matter, bad YAML, no number) raises ``SourceError``; everything
else is recorded on ``Document.diagnostics`` with its file line.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import yaml

from ..errors import SourceError
from ..model import Diagnostic, Document, Metadata
from ..normalise import normalise_text, problems
from ..parse.parser import parse_body
from .schema import FIELDS, UNNUMBERED
from .values import EXPECTED, Doubtful, read_value

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
                   "Chạy `regindex check --fix` để chuẩn hóa tệp (UTF-8 NFC, xuống dòng LF).",
                   form_only=True)
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


class _Loader(yaml.SafeLoader):
    """Safe YAML that leaves dates as written: each field's reader checks them, so that
    "2024-13-45" is an error naming its file and line, not a crash of the loader."""


_Loader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_scalar)


def _load_yaml(header: str, path) -> tuple[dict, dict[str, int]]:
    try:
        node = yaml.compose(header, Loader=_Loader)
        values = yaml.load(header, Loader=_Loader) or {}
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
    lines = {str(key.value): key.start_mark.line + 2 for key, _ in node.value} if node else {}
    return {str(key): value for key, value in values.items()}, lines


# Fields a Metadata cannot be made without: a file lacking one cannot be used at all.
_ESSENTIAL = {f.name for f in dataclasses.fields(Metadata)
              if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING}


def _metadata(values: dict, lines: dict[str, int], path, diagnostics: list) -> Metadata:
    """The fields of ``FIELDS``, each checked by the reader of its kind: a bad value is
    reported at its line with the form expected, and left out."""
    def problem(key, message, hint, level="error"):
        diagnostics.append(Diagnostic(level, message, str(path), lines.get(key, 1), hint))

    for key in values:
        if key not in FIELDS:
            problem(key, f"trường không được hỗ trợ: {key!r}",
                    f"Các trường hợp lệ: {', '.join(FIELDS)}. Sửa tên trường hoặc đưa nội dung "
                    "vào 'note'.", level="warning")
    fields, unusable = {}, {}
    for name, spec in FIELDS.items():
        value = values.get(name)
        if value is None or value == "":
            if spec.required and not (name == "number" and values.get(UNNUMBERED)):
                unusable[name] = (f"thiếu {spec.label} ({name})", _REQUIRED_HINT)
            continue
        try:
            fields[name] = read_value(spec.kind, value)
        except Doubtful as doubt:
            fields[name] = doubt.value
            problem(name, f"{spec.label} ({name}): {doubt}", EXPECTED[spec.kind], "warning")
        except ValueError as exc:
            unusable[name] = (f"giá trị của trường '{name}' ({spec.label}) không hợp lệ: {exc}",
                              EXPECTED[spec.kind])
    if values.get("number") and values.get(UNNUMBERED):
        problem(UNNUMBERED, "văn bản có số hiệu không dùng trường 'name'",
                "Trường 'name' chỉ dành cho văn bản không có số hiệu (Điều lệ Đảng); tên gọi "
                "khác của văn bản có số hiệu ghi vào 'aliases'.")
    fields.setdefault("number", None)
    essential = [name for name in unusable if name in _ESSENTIAL]
    if essential:
        raise SourceError("; ".join(unusable[name][0] for name in essential),
                          file=path, line=lines.get(essential[0], 1),
                          hint=unusable[essential[0]][1])
    for name, (message, hint) in unusable.items():
        problem(name, message, hint)
    for name in fields.get("unverified", []):
        if name not in FIELDS:
            problem("unverified", f"'unverified' nêu trường không tồn tại: {name!r}",
                    "Chỉ ghi tên trường (ví dụ: signer, effective); ghi chú khác đưa vào 'note'.",
                    level="warning")
    return Metadata(**fields)


_REQUIRED_HINT = ("Mỗi văn bản cần số hiệu (number), loại (type) và ngày ban hành (issued): "
                  "số hiệu lặp lại mỗi nhiệm kỳ nên cần ngày ban hành để phân biệt, ví dụ: "
                  "number: 124-QĐ/TW, type: Quy định, issued: 2023-10-04; văn bản không có "
                  "số hiệu ghi tên gọi thay cho số hiệu, ví dụ: name: Điều lệ Đảng")
