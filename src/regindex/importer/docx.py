"""Word files (.docx): paragraphs with their automatic numbering, and tables, as text.

Official .docx files number their articles, clauses and points with Word's automatic
numbering ("Điều %1." / "%2." / "%3)"), which is not in the paragraph's text: the label
is rendered here from the numbering definitions, as Word shows it. Tables come out as
plain rows (``table_row_lines``). Runs set in a legacy font (.VnTime, VNI-Times …) hold
TCVN3 or VNI codes and are converted.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from ..errors import SourceError
from ..normalise import convert_legacy_text, detect_legacy_font, is_capital_font
from .extract import Extract, legacy_codes_to_unicode, table_row_lines

__all__ = ["extract_docx", "open_docx"]

_OLE_MAGIC = b"\xd0\xcf\x11\xe0"      # .doc (Word 97-2003) and other OLE files
_RUNS = ("./w:r | ./w:hyperlink/w:r | ./w:ins/w:r | ./w:smartTag/w:r | ./w:fldSimple/w:r"
         " | ./w:sdt/w:sdtContent/w:r")
_BULLETS = ("-", "+", "–", "•")
_SUFFIX = {"tab": " ", "space": " ", "nothing": ""}
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def open_docx(data: bytes, *, file: str | Path):
    """The python-docx Document of ``data``, or a clear error for a .doc or a damaged file."""
    if data.startswith(_OLE_MAGIC):
        raise SourceError("đây là tệp Word 97-2003 (.doc), chưa đọc trực tiếp được", file=file,
                          hint="Mở tệp bằng Word, chọn Lưu thành (Save As) kiểu .docx rồi "
                               "dùng tệp .docx.")
    _check_package(data, file)
    try:
        return docx.Document(io.BytesIO(data))
    except Exception:   # python-docx raises many kinds on a damaged package
        raise SourceError("tệp .docx hỏng hoặc không phải tệp Word", file=file,
                          hint="Mở tệp bằng Word để kiểm tra; lưu lại thành .docx rồi "
                               "chạy lại.") from None


MAX_ENTRIES = 5000
"""More parts than any Word file has: a package with more is refused before reading."""

MAX_UNPACKED = 256 * 1024 * 1024
"""Bytes a package may hold once decompressed (text, styles, images), all parts together."""

MAX_RATIO = 200
"""How many times smaller than its content a large part may be compressed: Word's XML
compresses about 10×, a zip bomb thousands of times."""


def _check_package(data: bytes, file) -> None:
    """Refuse a zip bomb from the directory of the package alone, before python-docx
    decompresses anything: sizes are declared there, and zipfile stops a part at its
    declared size."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            entries = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return          # not a zip: python-docx says it is damaged, below
    unpacked = sum(entry.file_size for entry in entries)
    bomb = next((entry for entry in entries if entry.file_size > 1024 * 1024
                 and entry.file_size > MAX_RATIO * max(entry.compress_size, 1)), None)
    if len(entries) > MAX_ENTRIES or unpacked > MAX_UNPACKED or bomb:
        what = (f"{len(entries)} phần" if len(entries) > MAX_ENTRIES
                else f"phần {bomb.filename} nén {bomb.file_size // max(bomb.compress_size, 1)} lần"
                if bomb else f"{unpacked // 1024 // 1024} MB khi giải nén")
        raise SourceError(f"tệp .docx bất thường ({what}): không mở, để tránh làm treo máy",
                          file=file,
                          hint="Mở tệp bằng Word và lưu lại thành .docx mới (bỏ hình ảnh quá "
                               "lớn nếu có) rồi nhập lại; nếu tệp không rõ nguồn gốc, đừng mở.")


def extract_docx(data: bytes, *, file: str | Path) -> Extract:
    """The text of a .docx file, one line per paragraph, numbering labels included."""
    document = open_docx(data, file=file)
    reader = _Reader(document)
    lines = reader.block_lines(document)
    text, legacy = legacy_codes_to_unicode("\n".join(lines))
    encoding = legacy or ("+".join(sorted(reader.fonts_converted)) or "utf-8")
    return Extract(text, encoding)


@dataclass
class _Level:
    """One level of a list definition."""

    start: int = 1
    format: str = "decimal"
    text: str = ""
    suffix: str = " "
    font: str | None = None


@dataclass
class _Reader:
    """Reads one document: its styles' fonts and the state of its lists."""

    document: object
    fonts_converted: set[str] = field(default_factory=set)

    def __post_init__(self):
        styles = self.document.styles.element
        self.default_font = _font_name(styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/"
                                                   f"{qn('w:rPr')}"))
        self.styles = {style.get(qn("w:styleId")): style for style in styles.findall(qn("w:style"))}
        self.levels, self.lists, self.overrides = _numbering(self.document)
        self.counters: dict[str, dict[int, int]] = {}   # per list definition: level → count
        self.started: set[str] = set()                   # list instances whose overrides applied

    # -- blocks ------------------------------------------------------------------------
    def block_lines(self, container) -> list[str]:
        lines = []
        for block in container.iter_inner_content():
            if isinstance(block, Paragraph):
                line = self.paragraph_text(block)
                lines += [part.strip() for part in line.split("\n") if part.strip()]
            elif isinstance(block, Table):
                lines += self.table_lines(block)
        return lines

    def table_lines(self, table: Table) -> list[str]:
        lines = []
        for row in table._tbl.tr_lst:
            cells = [self.block_lines(_Cell(tc, table)) for tc in row.tc_lst]
            lines += table_row_lines(cells)
        return lines

    def paragraph_text(self, paragraph: Paragraph) -> str:
        style = paragraph._p.pPr.pStyle.val if paragraph._p.pPr is not None and \
            paragraph._p.pPr.pStyle is not None else None
        font = self.style_font(style)
        text = "".join(self.run_text(Run(r, paragraph), font) for r in paragraph._p.xpath(_RUNS))
        label = self.label(paragraph._p, style, font)
        return f"{label}{text}" if text.strip() else ""

    def run_text(self, run: Run, paragraph_font: str | None) -> str:
        own = _font_name(run._r.rPr)
        if own is None and run._r.rPr is not None and run._r.rPr.rStyle is not None:
            own = self.style_font(run._r.rPr.rStyle.val)
        return self.in_font(run.text, own or paragraph_font)

    def in_font(self, text: str, font: str | None) -> str:
        encoding = detect_legacy_font(font) if font else None
        if encoding is None:
            return text
        self.fonts_converted.add(encoding)
        return convert_legacy_text(text, encoding, capitals=is_capital_font(font))

    def style_font(self, style_id: str | None) -> str | None:
        """The font a paragraph or character style gives, through its base styles."""
        seen = set()
        while style_id and style_id not in seen and style_id in self.styles:
            style = self.styles[style_id]
            seen.add(style_id)
            if font := _font_name(style.find(qn("w:rPr"))):
                return font
            based = style.find(qn("w:basedOn"))
            style_id = based.get(qn("w:val")) if based is not None else None
        return self.default_font

    # -- numbering ---------------------------------------------------------------------
    def label(self, p, style: str | None, font: str | None) -> str:
        """The automatic number Word shows before this paragraph ("Điều 3. ", "a) "), or ""."""
        num_id, level = self.numbering_of(p, style)
        definition = self.lists.get(num_id)
        if definition is None or (definition, level) not in self.levels:
            return ""
        counters = self.counters.setdefault(definition, {})
        if num_id not in self.started:       # "restart numbering" is a per-instance override
            self.started.add(num_id)
            for overridden, start in self.overrides.get(num_id, {}).items():
                counters[overridden] = start - 1
        spec = self.levels[definition, level]
        counters[level] = counters.get(level, spec.start - 1) + 1
        for deeper in [n for n in counters if n > level]:
            del counters[deeper]
        text = spec.text
        for shown in range(level, -1, -1):       # "%1.%2." names the outer levels' counts
            outer = self.levels.get((definition, shown), _Level())
            count = counters.get(shown, outer.start)
            text = text.replace(f"%{shown + 1}", _format_number(count, outer.format))
        if spec.format == "bullet" and text not in _BULLETS:
            text = "-"          # symbol-font bullets ("\uf0b7") read as the plain dash
        return self.in_font(text, spec.font or font) + spec.suffix if text else ""

    def numbering_of(self, p, style: str | None) -> tuple[str | None, int]:
        """(list instance id, level) of a paragraph, from itself or its style."""
        num_pr = p.pPr.numPr if p.pPr is not None else None
        seen = set()
        while num_pr is None and style and style not in seen and style in self.styles:
            seen.add(style)
            element = self.styles[style]
            num_pr = element.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
            based = element.find(qn("w:basedOn"))
            style = based.get(qn("w:val")) if based is not None else None
        if num_pr is None:
            return None, 0
        num_id = num_pr.find(qn("w:numId"))
        level = num_pr.find(qn("w:ilvl"))
        return (num_id.get(qn("w:val")) if num_id is not None else None,
                _int(level.get(qn("w:val")) if level is not None else None, 0))


def _numbering(document):
    """(levels by (definition, level), list instance → definition, instance overrides)."""
    try:
        root = document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return {}, {}, {}
    levels = {}
    for abstract in root.findall(qn("w:abstractNum")):
        definition = abstract.get(qn("w:abstractNumId"))
        for lvl in abstract.findall(qn("w:lvl")):
            levels[definition, _int(lvl.get(qn("w:ilvl")), 0)] = _Level(
                start=_int(_val(lvl, "w:start"), 1),
                format=_val(lvl, "w:numFmt") or "decimal",
                text=_val(lvl, "w:lvlText") or "",
                suffix=_SUFFIX.get(_val(lvl, "w:suff") or "tab", " "),
                font=_font_name(lvl.find(qn("w:rPr"))))
    lists, overrides = {}, {}
    for num in root.findall(qn("w:num")):
        num_id = num.get(qn("w:numId"))
        lists[num_id] = _val(num, "w:abstractNumId")
        for override in num.findall(qn("w:lvlOverride")):
            if (start := _val(override, "w:startOverride")) is not None:
                overrides.setdefault(num_id, {})[_int(override.get(qn("w:ilvl")), 0)] = \
                    _int(start, 1)
    return levels, lists, overrides


def _val(element, child: str) -> str | None:
    found = element.find(qn(child))
    return found.get(qn("w:val")) if found is not None else None


def _int(value: str | None, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _font_name(rpr) -> str | None:
    """The font a run-properties element names (Latin text: ascii, then hAnsi)."""
    fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
    if fonts is None:
        return None
    return fonts.get(qn("w:ascii")) or fonts.get(qn("w:hAnsi"))


def _format_number(count: int, number_format: str) -> str:
    """A list counter as Word shows it in this format (decimal, lowerLetter …)."""
    if number_format in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (count - 1) % 26) * ((count - 1) // 26 + 1)
        return letter.upper() if number_format == "upperLetter" else letter
    if number_format in ("lowerRoman", "upperRoman") and count > 0:
        roman, rest = "", count
        for value, digits in _ROMAN:
            while rest >= value:
                roman, rest = roman + digits, rest - value
        return roman.upper() if number_format == "upperRoman" else roman
    if number_format == "decimalZero":
        return f"{count:02d}"
    if number_format in ("none", "bullet"):
        return ""
    return str(count)
