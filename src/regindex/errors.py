"""Errors that reach a user: each names the file and line and says what to do."""

from __future__ import annotations

import errno
from pathlib import Path

__all__ = ["RegindexError", "SourceError", "ParseError", "EncodingError", "from_os_error",
           "SYSTEM_REFUSALS"]


class RegindexError(Exception):
    """A problem the user can fix. Printed by the CLI as ``file:line: message`` + hint."""

    def __init__(self, message: str, *, file: str | Path | None = None,
                 line: int | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.file = str(file) if file is not None else None
        self.line = line
        self.hint = hint

    @property
    def location(self) -> str:
        if self.file is None:
            return ""
        return f"{self.file}:{self.line}" if self.line else self.file

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}" if self.location else self.message
        return f"{text}\n  → {self.hint}" if self.hint else text


class SourceError(RegindexError):
    """A regulation source file cannot be read (front matter, encoding, layout)."""


class ParseError(SourceError):
    """The body of a regulation cannot be turned into a document tree."""


class EncodingError(SourceError):
    """Bytes whose encoding cannot be identified with confidence."""


_OS_REASONS = {
    errno.ENOSPC: "đĩa đã đầy",
    errno.EDQUOT: "hết hạn mức dung lượng trên đĩa",
    errno.EROFS: "ổ đĩa chỉ cho đọc",
    errno.EACCES: "không có quyền ghi",
    errno.EPERM: "không được phép thay đổi",
    errno.ENAMETOOLONG: "tên tệp quá dài",
}


SYSTEM_REFUSALS = frozenset(_OS_REASONS)
"""Errors of the system, not of regindex: a command meeting one stops with a clear message."""


def from_os_error(exc: OSError, what: str, hint: str = "") -> RegindexError:
    """A failure of the system (full disk, read-only folder …) in the user's words."""
    reason = _OS_REASONS.get(exc.errno, exc.strerror or str(exc))
    return RegindexError(f"{what}: {reason}", file=exc.filename,
                         hint=(hint + " " if hint else "") + "Giải phóng chỗ trống trên đĩa hoặc "
                              "kiểm tra quyền ghi (thư mục chỉ đọc, chattr +i) rồi chạy lại.")
