"""Body text → document tree (lossless)."""

from .parser import PATTERNS, Parse, parse_body

__all__ = ["parse_body", "Parse", "PATTERNS"]
