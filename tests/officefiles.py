"""Small official-format files written at test time from illustrative text: a Word
97–2003 .doc (an OLE compound file holding a WordDocument stream and its piece table)
and a PDF with a text layer. Only what a reader of their text needs is written."""

from __future__ import annotations

import struct

_END, _FREE, _FAT, _NONE = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
_SECTOR = 512


def word97(text: str, *, compressed: bool = False) -> bytes:
    """A .doc whose main text is ``text`` (paragraphs end with "\\r", table cells with
    "\\x07"), stored as one UTF-16 piece, or as 8-bit Windows-1252 with ``compressed``."""
    at = 0x800
    stored = text.encode("cp1252") if compressed else text.encode("utf-16-le")
    word = bytearray(max(4096, at + len(stored)))
    struct.pack_into("<HH", word, 0, 0xA5EC, 0x00C1)       # wIdent, nFib
    struct.pack_into("<H", word, 0x0A, 0)                  # flags: 0Table, not encrypted
    struct.pack_into("<i", word, 0x4C, len(text))          # ccpText
    word[at:at + len(stored)] = stored
    fc = (at * 2) | 0x40000000 if compressed else at
    plc = struct.pack("<ii", 0, len(text)) + struct.pack("<HIH", 0, fc, 0)
    clx = b"\x02" + struct.pack("<I", len(plc)) + plc
    table = bytearray(4096)
    table[:len(clx)] = clx
    struct.pack_into("<II", word, 0x1A2, 0, len(clx))      # fcClx, lcbClx
    return _compound({"WordDocument": bytes(word), "0Table": bytes(table)})


def _compound(streams: dict[str, bytes]) -> bytes:
    """An OLE compound file (version 3, no mini stream: every stream ≥ 4096 bytes)."""
    sectors: list[bytes] = [b""]            # sector 0: the directory, written last
    fat: list[int] = [_END]
    starts = {}
    for name, data in streams.items():
        count = -(-len(data) // _SECTOR)
        starts[name] = len(sectors)
        for i in range(count):
            sectors.append(data[i * _SECTOR:(i + 1) * _SECTOR].ljust(_SECTOR, b"\0"))
            fat.append(len(sectors) if i < count - 1 else _END)
    fat_at = len(sectors)
    fat.append(_FAT)
    fat += [_FREE] * (_SECTOR // 4 - len(fat))
    names = list(streams)
    entries = [_entry("Root Entry", 5, child=1, start=_END, size=0)]
    for i, name in enumerate(names):        # a chain of right siblings, in name order
        entries.append(_entry(name, 2, right=i + 2 if i + 1 < len(names) else _NONE,
                              start=starts[name], size=len(streams[name])))
    sectors[0] = b"".join(entries).ljust(_SECTOR, b"\0")
    sectors.append(struct.pack(f"<{_SECTOR // 4}I", *fat))
    header = bytearray(_SECTOR)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 40, 0, 1, 0, 0, 4096, _END, 0, _END, 0)
    difat = [fat_at] + [_FREE] * 108
    struct.pack_into("<109I", header, 76, *difat)
    return bytes(header) + b"".join(sectors)


def _entry(name: str, kind: int, *, child=_NONE, right=_NONE, start: int, size: int) -> bytes:
    encoded = (name + "\0").encode("utf-16-le")
    entry = bytearray(128)
    entry[:len(encoded)] = encoded
    struct.pack_into("<HBBIII", entry, 64, len(encoded), kind, 1, _NONE, right, child)
    struct.pack_into("<IQ", entry, 116, start, size)
    return bytes(entry)


def text_pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer is ``lines`` (a CID font with a ToUnicode map, so
    Vietnamese letters read back as written; no glyphs are embedded)."""
    chars = sorted({c for line in lines for c in line})
    cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            "/CMapName /Regindex def /CMapType 2 def\n"
            "1 begincodespacerange <0000> <FFFF> endcodespacerange\n")
    for i in range(0, len(chars), 100):
        block = chars[i:i + 100]
        cmap += f"{len(block)} beginbfchar\n" + "".join(
            f"<{ord(c):04X}> <{ord(c):04X}>\n" for c in block) + "endbfchar\n"
    cmap += "endcmap CMapName currentdict /CMap defineresource pop end end\n"
    content = "BT /F1 11 Tf 14 TL 50 800 Td\n" + "".join(
        f"<{''.join(f'{ord(c):04X}' for c in line)}> Tj T*\n" for line in lines) + "ET\n"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        "/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        _stream(content),
        "<< /Type /Font /Subtype /Type0 /BaseFont /Arial /Encoding /Identity-H "
        "/DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Arial /CIDSystemInfo "
        "<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 8 0 R "
        "/DW 500 /CIDToGIDMap /Identity >>",
        _stream(cmap),
        "<< /Type /FontDescriptor /FontName /Arial /Flags 32 /FontBBox [0 -200 1000 900] "
        "/ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >>",
    ]
    return _pdf(objects)


def scanned_pdf() -> bytes:
    """A one-page PDF with no text layer (as a scan without OCR)."""
    return _pdf(["<< /Type /Catalog /Pages 2 0 R >>",
                 "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                 "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
                 _stream("0 0 m 100 100 l S\n")])


def _stream(text: str) -> str:
    return f"<< /Length {len(text.encode('latin-1'))} >>\nstream\n{text}endstream"


def _pdf(objects: list[str]) -> bytes:
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n"
            f"startxref\n{xref}\n%%EOF\n").encode()
    return bytes(out)
