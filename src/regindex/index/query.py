"""What a user types into search: loose words and "quoted phrases"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..analysis import tokenize
from ..errors import RegindexError

__all__ = ["UserQuery", "parse_query"]

QUERY = re.compile(r"""
    [“"] (?P<phrase>[^“”"]*) [”"]     # a phrase in straight or curly quotes
  | (?P<open>[“”"])                  # a quote that is never closed
  | (?P<loose>[^“”"]+)               # words outside quotes
""", re.X)

EXAMPLE = 'ví dụ: regindex search xep loai dang vien, hoặc regindex search "cấp ủy" kiểm điểm'


@dataclass(frozen=True)
class UserQuery:
    """``text``: all the words, phrases included (they rank too); ``phrases``: the
    phrases a result must contain."""

    text: str
    phrases: tuple[str, ...]


def parse_query(query: str) -> UserQuery:
    """Read a query; raise ``RegindexError`` saying what to fix when it is malformed."""
    words, phrases = [], []
    for match in QUERY.finditer(query):
        if match["open"] is not None:
            raise RegindexError(
                f"câu tìm kiếm có dấu ngoặc kép chưa đóng (ký tự thứ {match.start() + 1}): "
                f"{query}",
                hint="Đặt cụm từ cần tìm nguyên văn giữa hai dấu ngoặc kép, "
                     'ví dụ: "xếp loại đảng viên", hoặc bỏ dấu ngoặc kép.')
        if match["phrase"] is not None:
            if not tokenize(match["phrase"]):
                raise RegindexError(f"cụm từ trong ngoặc kép không có từ nào: {query}",
                                    hint=f"Viết cụm từ cần tìm giữa hai dấu ngoặc kép, {EXAMPLE}")
            phrases.append(match["phrase"])
        words.append(match[0].strip("“”\""))
    if not tokenize(" ".join(words)):
        raise RegindexError(f"câu tìm kiếm không có từ nào để tìm: {query!r}",
                            hint=f"Gõ vài từ, có dấu hoặc không dấu, {EXAMPLE}")
    return UserQuery(" ".join(words), tuple(phrases))
