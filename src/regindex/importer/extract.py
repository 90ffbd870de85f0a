"""What every source kind yields: the document as plain text, in the official layout."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import EncodingError
from ..normalise import decode_bytes, normalise_text

__all__ = ["Extract", "tidy", "legacy_codes_to_unicode", "table_row_lines"]

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]+")   # no meaning in a text; \t and \n stay
_LINE_CONTROL = re.compile(r"[\x0b\x0c]")                # vertical tab, form feed: line breaks
_BLANK_RUN = re.compile(r"\n{3,}")


@dataclass
class Extract:
    """Plain text of a source file, how its bytes were read, and what was odd about it."""

    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def tidy(text: str) -> str:
    """Canonical text with no trailing spaces, at most one blank line in a row, no blank
    lines at either end and a final newline; "" when nothing is left."""
    text = _CONTROL.sub(_control, _LINE_CONTROL.sub("\n", normalise_text(text)))
    lines = [line.rstrip() for line in text.split("\n")]
    text = _BLANK_RUN.sub("\n\n", "\n".join(lines)).strip("\n")
    return text + "\n" if text.strip() else ""


def _control(found: re.Match) -> str:
    """Control characters (NUL …) have no glyph, but where they stand between two words
    they are what separates them: "Nội\\0dung" is two words, never "Nộidung". Elsewhere
    (at a line end, next to a space) they are dropped."""
    text, start, end = found.string, found.start(), found.end()
    between_words = 0 < start and end < len(text) and not text[start - 1].isspace() \
        and not text[end].isspace()
    return " " if between_words else ""


def legacy_codes_to_unicode(text: str) -> tuple[str, str | None]:
    """Text still holding TCVN3 or VNI codes (a legacy file read as Windows-1252, with no
    font name to say so) converted; returns (text, the encoding found or None)."""
    try:
        converted, encoding = decode_bytes(text.encode("utf-8"))
    except EncodingError:
        return text, None
    return (converted, encoding) if encoding in ("tcvn3", "vni") else (text, None)


def table_row_lines(cells: list[list[str]]) -> list[str]:
    """A table row as plain lines, the way a pasted Word table reads: cells of one line
    each join with tabs on one line; a row with longer cells gives each cell its lines."""
    cells = [cell for cell in cells if cell]
    if all(len(cell) == 1 for cell in cells):
        return ["\t".join(cell[0] for cell in cells)] if cells else []
    return [line for cell in cells for line in cell]
