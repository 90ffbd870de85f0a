"""Plain-text sources (.txt): UTF-8, UTF-16, Windows-1258, TCVN3 or VNI bytes → text."""

from __future__ import annotations

from pathlib import Path

from ..normalise import decode_bytes
from .extract import Extract

__all__ = ["extract_text"]


def extract_text(data: bytes, *, file: str | Path) -> Extract:
    """The text of a .txt file, its encoding detected (``EncodingError`` when unsure)."""
    text, encoding = decode_bytes(data, file=file)
    return Extract(text, encoding)
