"""Writing an imported document: its source file, merged front matter, atomic writes.

An existing record (say the metadata-only ``124-qd-tw-2023.md``) keeps its front matter
as written, byte for byte, comments included: the importer only adds the fields it was
missing and replaces ``source``. The ``source`` mapping records the original file, its
sha256, and ``body_sha256``, the hash of the body as imported: a body whose hash no
longer matches was edited by hand and is not overwritten without ``--force``.
Every write goes to a temporary file renamed into place, and only inside the folder.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import yaml

from ..errors import RegindexError
from ..library.schema import FIELDS
from ..library.source import FENCE

__all__ = ["sha256", "front_matter", "merge_front_matter", "source_file", "write_atomic"]


def sha256(data: bytes | str) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def _field_lines(name: str, value) -> list[str]:
    text = yaml.safe_dump({name: value}, allow_unicode=True, sort_keys=False,
                          default_flow_style=False, width=float("inf"))
    return text.rstrip("\n").split("\n")


def front_matter(values: dict[str, object]) -> str:
    """A new record's front matter (between the fences), fields in ``FIELDS`` order."""
    return "\n".join(line for name in FIELDS if values.get(name) is not None
                     for line in _field_lines(name, values[name]))


def merge_front_matter(front: str, updates: dict[str, object]) -> str:
    """``front`` with each field of ``updates`` set: a field already there (with a value
    or empty) has its lines replaced, a new one goes after the fields that precede it
    in ``FIELDS`` order. Every other line is kept as it was."""
    lines = front.split("\n") if front else []
    for name in (name for name in FIELDS if name in updates):
        spans = _spans("\n".join(lines))
        new = _field_lines(name, updates[name])
        if name in spans:
            start, end = spans[name]
            lines[start:end] = new
            continue
        before = [spans[other][1] for other in list(FIELDS)[:list(FIELDS).index(name)]
                  if other in spans]
        at = max(before) if before else 0
        lines[at:at] = new
    return "\n".join(lines)


def _spans(front: str) -> dict[str, tuple[int, int]]:
    """Top-level key → (first line, line after its value), 0-based within ``front``."""
    node = yaml.compose(front, Loader=yaml.SafeLoader)
    if node is None:
        return {}
    return {key.value: (key.start_mark.line,
                        value.end_mark.line + (1 if value.end_mark.column else 0))
            for key, value in node.value}


def source_file(front: str, body: str) -> str:
    """The text of a source file."""
    return f"{FENCE}\n{front}\n{FENCE}\n{body}"


def write_atomic(path: Path, data: bytes, folder: Path) -> None:
    """Write ``data`` to ``path`` (inside ``folder``) through a temporary file and a rename,
    so that a failure leaves the old file whole."""
    path, folder = Path(path).resolve(), Path(folder).resolve()
    if not path.is_relative_to(folder):
        raise RegindexError(f"từ chối ghi ra ngoài thư mục văn bản: {path}", file=path,
                            hint=f"regindex import chỉ ghi vào {folder}.")
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                             dir=path.parent)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        raise RegindexError(f"không ghi được tệp: {exc.strerror or exc}", file=path,
                            hint="Kiểm tra quyền ghi và chỗ trống trên đĩa rồi nhập lại; tệp "
                                 "cũ vẫn còn nguyên.") from None
    finally:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
